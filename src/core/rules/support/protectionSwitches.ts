/**
 * A request body or query that switches a protection off or opens something to everyone (issue #18):
 * `{"enabled": false}` to an Actions permissions endpoint, `two_factor_requirement_enabled=false`,
 * `{"value": "off"}` to an SSL setting, `visibility=public`, `{"is_private": false}`,
 * `only_allow_merge_if_pipeline_succeeds=false`, `default_repository_permission=admin`,
 * `enabled_repositories=none`, a monitoring downtime over every scope. Read from JSON keys, form fields
 * (`-f key=value`) and the query string.
 */

/** Words of a key that name a protection: turned false, off or none, it is lost. */
const GUARD_WORDS = /(^|_|-)(required?|requirement|enforced?|protect(ed|ion)?|two_factor|2fa|mfa|ssl|tls|https|secure|verify|verification|lock(ed)?|only_allow|signed|scanning|audit|encryption|encrypted|private|block|restrict(ed|ions)?|versioning|logging|backups?|pitr|point_in_time_recovery)(_|-|$)/i;
const OFF = /^(false|off|none|disabled?|0|no|public|flexible)$/i;

function pairs(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const m of text.matchAll(/"([A-Za-z0-9_.[\]-]+)"\s*:\s*("([^"]*)"|true|false|null|\d+)/g)) out.push([m[1]!, m[3] ?? m[2]!]);
  for (const part of text.split(/[&\n]/)) {
    const eq = /^\s*([A-Za-z0-9_.[\]-]+)=(.*)$/.exec(part);
    if (eq) out.push([eq[1]!, eq[2]!.trim()]);
  }
  return out;
}

/**
 * Protective settings by meaning (red team round 14), for SaaS HTTP APIs and SDK calls alike (`sdkVerbFloor.ts`
 * hands its keyword arguments here as `key=value` lines): an allow-list opened to every address, alerting
 * switched off for a service or a monitor, sign-up confirmation or PII scrubbing turned off, a resource made
 * reachable anonymously, a webhook disabled, capacity set to zero.
 */
const OPEN_CIDR = /"([\w.-]*(?:cidr|ip|allow|access|source|whitelist|allowlist|ingress|range)[\w.-]*)"\s*:\s*\[?\s*(?:"[^"]*"\s*,\s*)*"(0\.0\.0\.0\/0|::\/0)"/i;
const ALERTING_PATH = /(services?|monitors?|alerts?|alarms?|checks?|escalation|integrations?|incidents?|synthetics?|uptime|notifications?|webhooks?|hooks?|endpoints?|triggers?|rules?)(\/|$)/i;

function meaningOff(path: string, texts: readonly string[], all: readonly [string, string][]): string | undefined {
  for (const text of texts) {
    const open = OPEN_CIDR.exec(text);
    if (open) return `${open[1]} to ${open[2]} (the allow-list is opened to every address on the internet)`;
  }
  if (/\/(mute|snooze|silence)$/i.test(path) && ALERTING_PATH.test(path)) return `${path.split('/').slice(-3).join('/')} (alerting is muted: an outage goes unnoticed)`;
  if (/\/(maintenance|maintenances|maintenance_windows|maintenance-windows)$/i.test(path)) return `a maintenance window (${path.split('/').slice(-2).join('/')}: alerts stop paging anyone)`;
  for (const [key, value] of all) {
    const bare = key.replace(/^.*\./, '');
    if (/^[\w.-]*(cidr|cidrs|ip|ips|source_?ranges?|allow_?list|whitelist)$/i.test(bare) && /^(0\.0\.0\.0\/0|::\/0)$/.test(value)) return `${bare}=${value} (the allow-list is opened to every address on the internet)`;
    if (/^(status|state)$/i.test(bare) && /^(disabled?|paused|muted|off|inactive|suspended)$/i.test(value) && ALERTING_PATH.test(path)) return `${bare}=${value} on ${path.split('/').slice(-2).join('/')} (alerting is switched off: incidents no longer page anyone)`;
    if (/^disabled$/i.test(bare) && /^(true|1)$/i.test(value) && ALERTING_PATH.test(path)) return `disabled=${value} on ${path.split('/').slice(-2).join('/')} (the events or alerts it delivered stop)`;
    if (/^((mailer|email|sms|phone)_?)?auto_?confirm$/i.test(bare) && /^(true|1)$/i.test(value)) return `${bare}=${value} (sign-ups are confirmed without proving the address)`;
    if (/^disable_?signups?$/i.test(bare) && /^(false|0)$/i.test(value)) return `${bare}=${value} (anyone can sign up)`;
    if (/(data_?scrubber|scrub|scrubbing|redact|redaction|sanitize|masking)/i.test(bare) && /^(false|off|0|none|disabled)$/i.test(value)) return `${bare}=${value} (secrets and personal data are stored unscrubbed)`;
    if (/^(publicly_?accessible|allow_?anonymous|anonymous_?access|public_?access|allow_?public_?access)$/i.test(bare) && /^(true|1|enabled)$/i.test(value)) return `${bare}=${value} (anyone on the internet can reach it)`;
    if (/^(acl|canned_?acl|predefined_?acl)$/i.test(bare) && /^public[-_]?read/i.test(value)) return `${bare}=${value} (anyone on the internet can read it)`;
    if (/^(replicas|desired_?count|desired_?capacity|instance_?count|max_?size|max_?instances|max_?replicas)$/i.test(bare) && /^0+$/.test(value)) return `${bare}=0 (every replica is stopped: the service stops serving)`;
  }
  return undefined;
}

export function protectionOff(path: string, texts: readonly string[]): string | undefined {
  const all = texts.flatMap(pairs);
  const meaning = meaningOff(path, texts, all);
  if (meaning !== undefined) return meaning;
  for (const [key, value] of all) {
    const bare = key.replace(/^.*\./, '');
    if (/^visibility$/i.test(bare) && /^public$/i.test(value)) return `visibility=${value} (a private resource is made public)`;
    if (/^(is_)?private$/i.test(bare) && /^(false|0)$/i.test(value)) return `${bare}=${value} (a private resource is made public)`;
    if (/^default_repository_permission$/i.test(bare) && /^(admin|write)$/i.test(value)) return `${bare}=${value} (every member gets ${value} on every repository)`;
    if (/^enabled_repositories$/i.test(bare) && /^none$/i.test(value)) return `${bare}=none (CI is switched off for every repository)`;
    if (/^scope$/i.test(bare) && value === '*' && /downtime|mute|silence/i.test(path)) return 'a downtime over every scope (every monitor is muted)';
    // A bare `enabled` is a protection only where the path names one (`actions/permissions`, `protection`, `mfa`).
    if (/^enabled$/i.test(bare) && OFF.test(value) && /(permissions|protection|security|mfa|2fa|two_factor|ssl|tls|scanning|backup|versioning|audit|encryption|lock|firewall|waf)/i.test(path)) return `${path.split('/').pop()} enabled=${value} (a safety net is removed)`;
    // A nested form field (`security_and_analysis[secret_scanning][status]=disabled`) names its protection in an outer key.
    const guardKey = /^(status|state|enabled|mode|setting)$/i.test(bare.replace(/^.*\[|\]$/g, '')) ? key.replace(/[[\].]+/g, '_') : bare;
    if (GUARD_WORDS.test(guardKey) && OFF.test(value) && !/^(private|block)$/i.test(bare)) return `${key}=${value} (a safety net is removed)`;
    if (/^value$/i.test(bare) && OFF.test(value) && /\/(ssl|tls|always_use_https|min_tls_version|security_level|waf|automatic_https_rewrites|browser_check)$/i.test(path) || /^essentially_off$/i.test(value) && /\/security_level$/i.test(path)) return `${path.split('/').pop()} set to ${value} (a safety net is removed)`;
  }
  return undefined;
}

/**
 * A PUT, PATCH or POST that replaces DNS records (Cloudflare `dns_records/ID`, GoDaddy `records/TYPE/NAME`,
 * `rrsets`): whoever the new record points to answers for the name. A deploy started through an API
 * (`{"target":"production"}`, a dispatch whose event says deploy and prod) ships to production.
 */
export function liveChange(method: string, path: string, texts: readonly string[]): string | undefined {
  if (/^(PUT|PATCH)$/.test(method) && /\/(dns_records\/[^/]+|records(\/[A-Za-z]+(\/[^/]+)?)?|rrsets(\/[^/]+)*|resource-?record-?sets?)$/i.test(path)) return `a ${method} that replaces DNS records (${path.split('/').slice(-3).join('/')})`;
  const all = texts.flatMap(pairs);
  if (method === 'POST' && /\/(deployments|dispatches|deploys|builds|releases|pipelines?|runs)$/i.test(path)) {
    const prod = all.find(([k, v]) => (/^(target|environment|env|stage|ref)$/i.test(k.replace(/^.*\./, '')) && /^(prod|production|live)$/i.test(v)) || (/^event_type$/i.test(k) && /deploy/i.test(v) && /prod/i.test(v)));
    if (prod) return `a deploy to production (${prod[0]}=${prod[1]})`;
  }
  return undefined;
}
