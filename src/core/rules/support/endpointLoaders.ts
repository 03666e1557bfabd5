import { resolvePath } from '../../paths';
import type { Facts, Finding, Invocation } from '../../policy/types';
import { freeFormReadings } from '../../registry/freeForm';
import { movedEndpoint } from './endpointOverrides';

/**
 * A client's API address moved by a wrapper that loads environment for the command it runs: an
 * environment file (`uv run --env-file F`, `dotenvx run -f F`, `dotenv -e F`, `node --env-file`),
 * a folder of one file per variable (`envdir DIR`, `chpst -e DIR`), a folder's `.envrc` (`direnv exec
 * DIR`), a value on the wrapper's own command line (`dotenv-cli -v NAME=VALUE`), a unit's environment
 * (`systemd-run -p EnvironmentFile=F`, `--setenv NAME=VALUE`), and the file setters of those tools
 * (`dotenv set NAME VALUE`, `dotenvx set NAME VALUE`). Each is read as the variable on the command
 * line is (`endpointOverrides.ts`): another host than the vendor's or this machine asks.
 */

/** Wrappers (their `via` label) that load environment for what they run. */
const LOADERS = /^(envdir|chpst|direnv|uv|uvx|dotenv|dotenv-cli|dotenvx|env-cmd|dotenv-run|foreman|honcho|with-env|systemd-run)$/;
const VARIABLE_LINE = /^\s*(?:export\s+)?([A-Z][A-Z0-9_]{2,80})\s*=\s*["']?([^"'\s#]+)/gm;

function ask(inv: Invocation, how: string, name: string, value: string, host: string): Finding {
  return {
    rule: 'credentialRoutes.endpoint-override',
    risk: 'credential-use',
    severity: 'ask',
    reason: `${inv.name} runs with ${name} set to ${value.slice(0, 120)} by ${how}: its API key or token is presented to ${host}, not to its vendor's service.`,
    targets: [{ kind: 'url', name: host, remote: true, environment: 'production', environmentReason: 'a host named only in the environment a wrapper loads — treated as production' }],
  };
}

/** The first moved endpoint a file's `NAME=value` lines give. */
function fromText(text: string | undefined): [string, string, string] | undefined {
  if (text === undefined) return undefined;
  for (const m of text.slice(0, 64 * 1024).matchAll(VARIABLE_LINE)) {
    const host = movedEndpoint(m[1]!, m[2]!);
    if (host) return [m[1]!, m[2]!, host];
  }
  return undefined;
}

/** `envdir DIR`: each file's name is a variable, its first line the value. */
function fromFolder(dir: string, facts: Facts): [string, string, string] | undefined {
  for (const name of (facts.listDir(dir) ?? []).slice(0, 200)) {
    if (!/^[A-Z][A-Z0-9_]{2,80}$/.test(name)) continue;
    const value = facts.readFile(`${dir}/${name}`)?.split('\n')[0]?.trim();
    const host = value !== undefined ? movedEndpoint(name, value) : undefined;
    if (host) return [name, value!, host];
  }
  return undefined;
}

const NONE: Finding[] = [];
const OWN_NAMES: ReadonlySet<string> = new Set(['dotenv', 'dotenvx', 'dotenv-vault', 'systemd-run']);

export function loadedEndpointFindings(inv: Invocation, facts: Facts): Finding[] {
  // Most commands run under no wrapper and are none of these: nothing to read.
  if (inv.remote || (inv.via.length === 0 && !OWN_NAMES.has(inv.name))) return NONE;
  const cwd = inv.cwd || facts.cwd;
  const path = (w: string): string => resolvePath(cwd, w, facts.home);
  // `dotenv set NAME VALUE`, `dotenvx set NAME VALUE`: the project's .env keeps the address for every later run.
  if ((inv.name === 'dotenv' || inv.name === 'dotenvx' || inv.name === 'dotenv-vault') && inv.args[0]?.text === 'set') {
    const words = freeFormReadings(inv.args).usual.operands.map((a) => a.text);
    const host = words[1] !== undefined && words[2] !== undefined ? movedEndpoint(words[1], words[2]) : undefined;
    return host ? [ask(inv, `${inv.name} set (kept in the project's .env)`, words[1]!, words[2]!, host)] : NONE;
  }
  const words = inv.name === 'systemd-run' ? inv.args.filter((a) => /^(Environment|EnvironmentFile)=|^[A-Z][A-Z0-9_]{2,80}=/.test(a.text)) : inv.via.some((v) => LOADERS.test(v.split(' ')[0]!)) ? (inv.wrapperWords ?? []) : [];
  for (let i = 0; i < words.length && i < 64; i++) {
    const w = words[i]!;
    if (w.dynamic) continue;
    const t = w.text.replace(/^(Environment|EnvironmentFile)=/, (m) => (m.startsWith('EnvironmentFile') ? '\u0000' : ''));
    const assigned = /^([A-Z][A-Z0-9_]{2,80})=(.+)$/.exec(t);
    if (assigned) {
      const host = movedEndpoint(assigned[1]!, assigned[2]!);
      if (host) return [ask(inv, `${inv.via[0] ?? inv.name}'s own arguments`, assigned[1]!, assigned[2]!, host)];
      continue;
    }
    // A wrapper's own words are paths or NAME=value pairs, its switches are skipped (not an option reader).
    const file = t.startsWith('\u0000') ? t.slice(1) : t.startsWith('-') ? undefined : t;
    if (file === undefined || file === '' || /^(run|exec|--)$/.test(file)) continue;
    const at = path(file);
    const found = fromText(facts.readFile(at)) ?? fromFolder(at, facts) ?? fromText(facts.readFile(`${at}/.envrc`)) ?? fromText(facts.readFile(`${at}/.env`));
    if (found) return [ask(inv, `the environment ${inv.via[0] ?? inv.name} loads from ${file}`, found[0], found[1], found[2])];
  }
  return NONE;
}
