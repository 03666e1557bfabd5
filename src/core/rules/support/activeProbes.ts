import type { Finding, Target } from '../../policy/types';
import type { RuleContext } from '../../policy/types';
import { isLocalUrl, parseRequestUrl } from './httpTargets';
import { identifierParts } from './cliArgs';
import type { KindReading } from './floorLoad';

/**
 * Stop 40 (round 34 held out: `nuclei -u https://shop.acme.io -t http/cves/`, `sqlmap -u "https://shop.acme.io/products?id=1"
 * --batch --dump`): an active security probe aimed at a site that is not this machine. A vulnerability scanner sends exploit
 * payloads; an injection tool that dumps, opens a shell or brute-forces takes the data or the host. Against a site whose
 * environment is not named, that is production (the owner's WAF bans, data is read out, a payload may write). Read by meaning:
 * a program whose name says it probes (parts `scan`, `fuzz`, `exploit`, `sqli`, `hunter`, `buster`; or a lexicon of scanner
 * names, not one tool), or any program told by an option to exploit (`--os-shell`, `--exploit`, `--attack`, `--active`,
 * `--brute`; a dump of a URL carrying a parameter), with a remote URL or host as its target.
 *
 * Allowed: the same probes at localhost or a development host, template and plugin updates or listings, help and versions, and
 * passive reconnaissance (`subfinder -d`, `httpx -l`), which sends nothing a site would not serve to a browser.
 */

/** Scanner and exploitation programs by name (a lexicon, like the device programs' in floorDevices.ts). */
const PROBE_PROGRAM = /^(nuclei|sqlmap|ghauri|nikto|wapiti|dalfox|xsstrike|commix|tplmap|sstimap|nosqlmap|jaeles|arachni|skipfish|w3af\w*|wpscan|joomscan|droopescan|cmsmap|ffuf|gobuster|feroxbuster|dirsearch|dirb|wfuzz|kiterunner|kr|crlfuzz|nmap|masscan|rustscan|naabu|zgrab2?|thc-hydra|medusa|ncrack|patator|metasploit|msfconsole|osmedeus|zap(-cli|\.sh)?|owasp-zap|burp\w*|restler|dastardly)$/i;
/** Parts of a program's name that say it probes (`kube-hunter`, `api-fuzzer`, `vuln-scan`, `acme-sqli`). */
const PROBE_PART = /^(scan|scanner|fuzz|fuzzer|exploit|exploiter|sqli|xss|vuln|vulns|pentest|attack|attacker|brute|bruteforce|hunter|buster|injector)$/i;
/** Options that exploit, whatever the program's name. */
const EXPLOITING = /^(os|sql)[-_]?(shell|pwn|cmd)$|^(exploit|exploits|attack|active|brute|bruteforce|brute-force|inject|injection|pwn)$/i;
/** Options that read the data out once in (meaningful with a URL carrying a parameter to inject). */
const DUMPS = /^(dump|dump-all|dbs|tables|passwords|users|dump-table|file-read)$/i;
/** Words and options that only list, update or describe the probe itself. */
const ONLY_ABOUT_ITSELF = /^(-?-?(help|version|update|update-templates|ut|tl|templates-list|list|ls|tags|validate|list-tamper|wizard|dependencies|purge))$/i;
const TARGET_OPTION = /^--?(u|url|urls|target|targets|host|hosts|h|site|domain|base-url|baseurl|uri|remote)$/i;
const HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(:\d+)?$|^\d{1,3}(\.\d{1,3}){3}(\/\d+|:\d+)?$/i;

const valueOf = (o: KindReading['options'][number]): string => o.value ?? o.next ?? '';

/** The remote place a probe is aimed at: a URL anywhere, or a host its target option or (for a known prober) its operand names. */
function probedPlace(reading: KindReading, prober: boolean): { place: string; host: string; query: boolean } | undefined {
  const values = [...reading.options.map(valueOf), ...reading.positionals.map((w) => w.text)];
  for (const v of values) {
    const url = /^https?:\/\//i.test(v) ? parseRequestUrl(v) : undefined;
    if (url !== undefined) return isLocalUrl(url) ? { place: v, host: 'localhost', query: false } : { place: v, host: url.host, query: /\?[^=]+=/.test(v) };
  }
  const named = [...reading.options.filter((o) => TARGET_OPTION.test(o.name)).map(valueOf), ...(prober ? reading.positionals.map((w) => w.text) : [])].find((v) => HOST.test(v));
  return named !== undefined ? { place: named, host: named.replace(/:\d+$/, '').replace(/\/\d+$/, ''), query: false } : undefined;
}

export function activeProbe(tool: string, reading: KindReading, ctx: RuleContext): Finding | undefined {
  const name = tool.replace(/\.(py|pl|rb|sh|exe)$/i, '');
  const prober = PROBE_PROGRAM.test(name) || identifierParts(name).some((p) => PROBE_PART.test(p));
  if ([...reading.positionals.slice(0, 1).map((w) => w.text), ...reading.options.map((o) => o.name)].some((w) => ONLY_ABOUT_ITSELF.test(w))) return undefined;
  const place = probedPlace(reading, prober);
  if (place === undefined || place.host === 'localhost' || /^(localhost|127\.|0\.0\.0\.0|\[?::1)/i.test(place.host)) return undefined;
  const option = reading.options.find((o) => EXPLOITING.test(o.name.replace(/^-+/, '')) || (place.query && DUMPS.test(o.name.replace(/^-+/, ''))));
  if (!prober && option === undefined) return undefined;
  const env = ctx.environmentOf({ values: [place.host], sources: [{ source: 'host', value: place.host }], remote: true });
  if (env.environment === 'non-production' || env.environment === 'local') return undefined;
  const target: Target = { kind: 'url', name: place.host, provider: tool, remote: true, environment: 'production', environmentReason: env.environment === 'production' ? env.reason : `${place.host}: environment unknown (treated as production)` };
  const how = option !== undefined ? ` (${option.name})` : '';
  return {
    rule: 'verbs.active-probe',
    risk: 'destructive',
    severity: 'ask',
    reason: `\`${tool}\`${how} sends active attack probes at ${place.place}: exploit payloads reach what serves there, which may read data out, write, or fall over, and its owner sees an attack (${tool} has no rules of its own: judged by its name and options).`,
    targets: [target],
  };
}
