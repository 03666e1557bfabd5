import type { ArgWord } from '../../policy/types';
import { parsedArgs, toolNamed } from '../../registry/commandModel';
import { jsonTreeValues, parseJsonLoose, protectionLostBy } from './releaseValues';

/**
 * A resource's settings written through a generic road — `az resource update --set …`, `az rest --body`,
 * `aws cloudcontrol update-resource --patch-document`, a signed request's query (`awscurl
 * "…?Action=ModifyDBInstance&BackupRetentionPeriod=0"`), shorthand (`scanOnPush=false`), form fields
 * (`gh api … -f allowed_actions=all`), a stack's configuration (`pulumi config set deletionProtection
 * false`) — read as key/value pairs and judged by what the key means (issue #18 item 4, red team round
 * 14). Read by the safety-net pack for any CLI; each reading names what is lost.
 */

export interface SettingLowered {
  id: string;
  does: string;
  lost: string;
}

interface WordsLike {
  positionals: readonly string[];
  all: readonly string[];
}

const OPEN = 'anyone on the internet can reach it';
const PUBLIC = 'anyone on the internet can read it';

/** Normalised key (lower case, separators dropped) -> when its value lowers a protection, and what is lost. */
const KEYS: readonly { keys: RegExp; lowers: RegExp; id: string; what: string; lost: string }[] = [
  { keys: /^(publicnetworkaccess)$/, lowers: /^(enabled|true)$/i, id: 'made-public', what: 'enables public network access', lost: OPEN },
  { keys: /^(allowblobpublicaccess|allowpublicaccess|publiclyaccessible|publicaccessenabled|allowsharedkeyaccess)$/, lowers: /^(true|enabled|yes)$/i, id: 'made-public', what: 'allows public access', lost: PUBLIC },
  { keys: /^(blockpublicacls|blockpublicpolicy|ignorepublicacls|restrictpublicbuckets)$/, lowers: /^(false|disabled|no)$/i, id: 'public-access-block-removed', what: 'turns the block on public access off', lost: 'nothing stops the data from being made public any more' },
  { keys: /^(deletionprotection|deletionprotectionenabled|terminationprotection|enableterminationprotection|enabledeletionprotection|preventdestroy|protect)$/, lowers: /^(false|disabled|no|off)$/i, id: 'deletion-protection-off', what: 'turns deletion protection off', lost: 'the resource and its data can be deleted in one call, by mistake or by anyone holding the credentials' },
  { keys: /^(backupretentionperiod|backupretentiondays|backupretention|retentiondays)$/, lowers: /^0+$/, id: 'backup-retention-off', what: 'sets backup retention to 0', lost: 'automated backups stop, and existing ones may be deleted' },
  { keys: /^(supportshttpstrafficonly|enablehttpstrafficonly|httpsonly|requiressl|requiresecuretransport|sslenforcement)$/, lowers: /^(false|disabled|off|no)$/i, id: 'encryption-off', what: 'allows unencrypted connections', lost: 'data is sent unencrypted, readable by whoever intercepts it' },
  { keys: /^(scanonpush|scanningenabled|vulnerabilityscanning|enablevulnerabilityscanning|imagescanningenabled|scanenabled)$/, lowers: /^(false|disabled|off|no)$/i, id: 'security-scanning-off', what: 'turns image vulnerability scanning off', lost: 'images with known vulnerabilities are pushed and deployed without anyone being told' },
  { keys: /^(allowedactions)$/, lowers: /^all$/i, id: 'ci-actions-opened', what: 'lets every third-party GitHub Action run', lost: 'any action from anyone runs in CI with the repository\'s token and secrets' },
  { keys: /^(defaultworkflowpermissions)$/, lowers: /^write$/i, id: 'ci-actions-opened', what: 'gives workflows write access by default', lost: 'every workflow, and every action it runs, can push code and change the repository' },
  { keys: /^(canapprovepullrequestreviews)$/, lowers: /^(true)$/i, id: 'ci-actions-opened', what: 'lets workflows approve pull requests', lost: 'code can be merged with an approval no person gave' },
];

/** Words that must be present (one test over the joined words) for any reading here to find something. */
export const SETTING_WORDS = /public|protect|retention|https_?(traffic_?)?only|require_?ssl|ssl_?enforcement|securetransport|scan|allowed_?actions|allowedactions|workflow_?permissions|approve_?pull|prevent_?destroy|auth|tls|network_?polic|privileged|insecure|anonymous/i;

function norm(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function meaningOf(path: readonly string[], value: string | null): SettingLowered | undefined {
  const key = norm(path[path.length - 1] ?? '');
  const v = (value ?? '').trim();
  for (const k of KEYS) if (k.keys.test(key) && k.lowers.test(v)) return { id: k.id, does: `${k.what} (${path.join('.')}=${v})`, lost: k.lost };
  return undefined;
}

/** Key/value pairs in one word: JSON (a body, a JSON Patch), `k=v` lists joined by `,` `&` `?` (shorthand, `--set`, a URL's query). */
function pairsOf(word: string): { path: string[]; value: string | null }[] {
  const t = word.trim();
  if (/^[{[]/.test(t)) {
    const parsed = parseJsonLoose(t);
    if (parsed === undefined) return [];
    // JSON Patch: `[{"op":"replace","path":"/DeletionProtection","value":false}]`.
    if (Array.isArray(parsed) && parsed.every((p) => p !== null && typeof p === 'object' && 'op' in p)) {
      return parsed.flatMap((p: Record<string, unknown>) => (/^(replace|add)$/.test(String(p.op)) && typeof p.path === 'string' ? jsonTreeValues(p.value, p.path.split('/').filter((s) => s !== '')).map((e) => ({ path: [...e.path], value: e.value })) : []));
    }
    return jsonTreeValues(parsed).map((e) => ({ path: [...e.path], value: e.value }));
  }
  const out: { path: string[]; value: string | null }[] = [];
  for (const piece of t.split(/[,&?]/)) {
    const m = /^([A-Za-z_][\w.\-[\]/]*)=(?!=)(.*)$/.exec(piece.trim());
    if (m) out.push({ path: m[1]!.split(/[./]/).filter((s) => s !== ''), value: decodeSafe(m[2]!) });
  }
  return out;
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

const READS = /^(list|ls|show|get|describe|query|search|export)$/;

/** A setting written that lowers a protection, read from any CLI's words. */
export function settingLowered(name: string, w: WordsLike, parts: readonly string[], args?: readonly ArgWord[]): SettingLowered | undefined {
  if (parts.some((p) => READS.test(p)) || !SETTING_WORDS.test(w.all.join(' '))) return undefined;
  // `pulumi config set [--path] KEY VALUE [--stack S]`: the stack's configuration, applied at the next up.
  const pulumi = name === 'pulumi' && args !== undefined ? toolNamed('pulumi') : undefined;
  if (pulumi && args) {
    const parsed = parsedArgs(args, pulumi);
    const [verb, key, value] = parsed.operands.map((o) => o.text);
    if (parsed.path[0] === 'config' && verb === 'set' && key !== undefined) {
      const path = key.split(/[.:]/).filter((s) => s !== '');
      const m = meaningOf(path, value ?? null) ?? protectionLostBy({ path, value: value ?? '' });
      if (m) return { id: m.id, does: `sets ${key} to ${value ?? '(empty)'} in the stack's configuration`, lost: m.lost };
    }
  }
  for (const word of w.all) {
    if (word.length > 20_000) continue;
    // `--no-scan-on-push`, `--disable-vulnerability-scanning`, `--scan-on-push=false`: scanning switched off by an option.
    if (/^--(no|disable)-[\w-]*scan/.test(word) || /^--[\w-]*scan[\w-]*=(false|off|no|disabled?)$/i.test(word)) return { id: 'security-scanning-off', does: `turns vulnerability scanning off (${word})`, lost: KEYS.find((k) => k.id === 'security-scanning-off')!.lost };
    for (const p of pairsOf(word)) {
      const m = meaningOf(p.path, p.value);
      if (m) return m;
    }
  }
  return undefined;
}
