import { ownTable } from '../ownTable';
import type { Facts, Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { parsedArgs, toolNamed } from '../registry/commandModel';
import { freeFormReadings } from '../registry/freeForm';
import { hostOf, namedOwner, SESSION_EXPORTERS, sourceChange, sourceChangesInFile, vouchedSource, type SourceChange } from './support/packageSources';
import { goReplacement } from './support/sourceFiles';
import { clearDatabaseLogins } from './support/uncheckedTls';

/**
 * Supply-chain source redirects: a package registry, index, module proxy or git URL rewrite pointed
 * at a host the guard cannot vouch for, or TLS and checksum verification turned off, made through the
 * tool's own setter (`npm config set registry …`, `pip config set global.index-url …`, `git config
 * url.….insteadOf …`, `go env -w GOPROXY=…`, `poetry source add …`) or written into its settings file
 * (`.npmrc`, `pip.conf`, `.cargo/config.toml`, `~/.gitconfig`, an `export` in a start-up file). Nothing
 * runs now, but every later install, clone or build takes its code from there: it asks, naming the
 * source. A well-known public registry, a local mirror and a host the workspace's settings already
 * name (the company's registry) are vouched for (support/packageSources.ts).
 */

function finding(change: SourceChange, how: string, facts: Facts, now = false, workload?: WorkloadTarget): Finding | undefined {
  if (change.kind === 'source' && vouchedSource(change.url, facts)) return undefined;
  if (change.kind === 'replaced') return namedOwner(change.owner, facts) ? undefined : replacedFinding(change, how);
  if (workload) return workloadFinding(change, how, workload);
  const host = change.kind === 'source' ? hostOf(change.url) ?? change.url : '';
  const reason = change.kind === 'source'
    ? now
      ? `${how} is not a public registry and that nothing in this workspace names (${change.key} ${host}): the packages and their install scripts come from there and run on this machine.`
      : `${how} points ${change.key} at ${host}, a source that is not a public registry and that nothing in this workspace names: every later install, clone or build would take its code from there.`
    : now
      ? `${how} turns off ${change.what} (${change.key}): what it downloads now is accepted from whatever a network in between serves.`
      : `${how} turns off ${change.what} (${change.key}): every later install or clone would accept whatever a network in between serves.`;
  return {
    rule: `source-redirects.${change.kind === 'source' ? 'unknown-source' : 'verification-off'}`,
    risk: 'protection-removal',
    severity: 'ask',
    reason,
    targets: [{ kind: 'resource', name: change.kind === 'source' ? change.url : change.key, provider: 'package-source', remote: false, environment: 'local', environmentReason: 'this machine' }],
  };
}

/** A module swapped for another project's code that nothing in the workspace names. */
function replacedFinding(change: Extract<SourceChange, { kind: 'replaced' }>, how: string): Finding {
  return {
    rule: 'source-redirects.module-replaced',
    risk: 'protection-removal',
    severity: 'ask',
    reason: `${how} ${change.key.replace(/^replace /, 'replaces ')} with ${change.module}, from ${change.owner}, which nothing in this workspace names: every later build compiles that project's code in its place.`,
    targets: [{ kind: 'resource', name: change.module, provider: 'package-source', remote: false, environment: 'local', environmentReason: 'this machine' }],
  };
}

/** A deployed workload given the setting, and the environment its name says. */
interface WorkloadTarget {
  name: string;
  traffic: string;
  environment: Target['environment'];
  reason: string;
}

/** A workload's own traffic redirected or left unchecked: what it sends, its credentials included, goes to or can be read by another host. */
function workloadFinding(change: Exclude<SourceChange, { kind: 'replaced' }>, how: string, w: WorkloadTarget): Finding {
  const what = change.kind === 'source' ? `points ${change.key} at ${hostOf(change.url) ?? change.url}, a host that nothing in this workspace names,` : `turns off ${change.what} (${change.key})`;
  return {
    rule: `source-redirects.${change.kind === 'source' ? 'workload-proxy' : 'workload-verification-off'}`,
    risk: 'protection-removal',
    severity: 'ask',
    reason: `${how} ${what} for ${w.name}: ${w.traffic} ${change.kind === 'source' ? 'goes through that host' : 'is accepted by whatever a network in between serves'}.`,
    targets: [{ kind: 'resource', name: w.name, remote: true, environment: w.environment, environmentReason: w.reason }],
  };
}

/** `KEY VALUE` or `KEY=VALUE` after a setter's words (a setting's key and value: not an option reader). */
function keyValue(words: readonly string[]): [string, string] | undefined {
  const [first, second] = words;
  if (first === undefined) return undefined;
  const eq = first.indexOf('=');
  if (eq > 0) return [first.slice(0, eq), first.slice(eq + 1)];
  return second === undefined ? undefined : [first, second];
}

/** Settings made through a setter: what changes, how it is said, and the deployed workload they are given to (none: this machine's tools). */
interface Setting {
  changes: SourceChange[];
  how: string;
  workload?: string;
  /** What of the workload's traffic the setting reaches (default: every request it makes). */
  traffic?: string;
}

const OFF_WORD = /^(false|0|no)$/i;

/** The settings an invocation makes through its tool's own setter. */
function setterChanges(inv: Invocation): Setting | undefined {
  // `export PIP_INDEX_URL=…`, `declare -x HTTPS_PROXY=…`: every later command of the session reads them (`NAME=value` words: not an option reader).
  if (SESSION_EXPORTERS.has(inv.name)) {
    const changes = inv.args.map((a) => (a.text.indexOf('=') > 0 ? keyValue([a.text]) : undefined)).flatMap((p) => (p ? [sourceChange(p[0], p[1])] : [])).filter((c): c is SourceChange => c !== undefined);
    return changes.length > 0 ? { changes, how: `${inv.name} (for every later command of the session)` } : undefined;
  }
  const spec = toolNamed(inv.name);
  if (!spec) return bundlerSetter(inv) ?? condaSetter(inv);
  const parsed = parsedArgs(inv.args, spec);
  const words = [...parsed.path, ...parsed.operands.map((o) => o.text)];
  const one = (pair: [string, string] | undefined, how: string): Setting | undefined => {
    const change = pair ? sourceChange(pair[0], pair[1]) : undefined;
    return change ? { changes: [change], how } : undefined;
  };
  switch (inv.name) {
    case 'npm':
    case 'pnpm':
    case 'yarn':
    case 'bun': {
      if (words[0] === 'pkg' && words[1] === 'set') return dependencySources(words.slice(2), `${inv.name} pkg set`);
      const at = words[0] === 'set' ? 1 : (words[0] === 'config' || words[0] === 'c') && words[1] === 'set' ? 2 : -1;
      return at < 0 ? undefined : one(keyValue(words.slice(at).filter((w) => w !== '-H' && w !== '--home')), `${inv.name} config set`);
    }
    case 'pip':
    case 'pip3':
      return words[0] === 'config' && words[1] === 'set' ? one(keyValue(words.slice(2)), 'pip config set') : undefined;
    case 'gem':
      return words[0] === 'sources' ? parsed.options.some((o) => o.name === '--add' || o.name === '-a') ? one(['index', parsed.options.find((o) => o.name === '--add' || o.name === '-a')?.values[0] ?? words[1] ?? ''], 'gem sources --add') : undefined : undefined;
    case 'go': {
      if (words[0] === 'mod' && words[1] === 'edit') {
        const swaps = parsed.options.filter((o) => o.name === '-replace').flatMap((o) => o.values).map((v) => /^([^=]+)=(.+)$/.exec(v)).map((m) => (m ? goReplacement(m[1]!, m[2]!) : undefined)).filter((c): c is SourceChange => c !== undefined);
        return swaps.length > 0 ? { changes: swaps, how: 'go mod edit' } : undefined;
      }
      if (words[0] !== 'env' || !parsed.options.some((o) => o.name === '-w')) return undefined;
      const changes = words.slice(1).map((w) => keyValue([w])).flatMap((p) => (p ? [sourceChange(p[0], p[1])] : [])).filter((c): c is SourceChange => c !== undefined);
      return changes.length > 0 ? { changes, how: 'go env -w' } : undefined;
    }
    case 'git': {
      if (words[0] !== 'config') return undefined;
      const rest = words.slice(words[1] === 'set' ? 2 : 1);
      return one(keyValue(rest), 'git config');
    }
    case 'poetry': {
      if (words[0] === 'source' && words[1] === 'add' && words[3] !== undefined) return one(['index', words[3]], 'poetry source add');
      if (words[0] === 'config' && words[1] !== undefined && /^certificates\..+\.cert$/.test(words[1]) && /^false$/i.test(words[2] ?? '')) {
        return { changes: [{ kind: 'unchecked', key: words[1], what: 'TLS certificate checks for that package source' }], how: 'poetry config' };
      }
      return undefined;
    }
    case 'aws':
      // `aws configure set [profile.NAME.|default.]proxy|ca_bundle VALUE`: kept for every later signed request.
      return words[0] === 'configure' && words[1] === 'set' ? one(keyValue(words.slice(2)), 'aws configure set') : undefined;
    case 'gcloud':
      // `gcloud config set proxy/address HOST`, `auth/disable_ssl_validation true`: kept for every later signed call.
      return words[0] === 'config' && words[1] === 'set' ? one(keyValue(words.slice(2)), 'gcloud config set') : undefined;
    case 'kubectl':
    case 'oc': {
      // `kubectl config set-cluster NAME --insecure-skip-tls-verify=true`: kept for every later call with its token (`config set clusters.NAME.…` is a setting write, support/settingWrites.ts).
      const cluster = words[0] === 'config' && words[1] === 'set-cluster' && parsed.options.some((o) => o.name === '--insecure-skip-tls-verify' && !OFF_WORD.test(o.values[0] ?? 'true')) ? words[2] : undefined;
      if (cluster !== undefined) return { changes: [{ kind: 'unchecked', key: 'insecure-skip-tls-verify', what: 'TLS certificate checks of its API server' }], how: `${inv.name} config set-cluster`, workload: `the cluster ${cluster}`, traffic: 'every later kubectl and helm call to it, with the token it carries,' };
      // `kubectl set env deployment/api HTTPS_PROXY=… NODE_TLS_REJECT_UNAUTHORIZED=0`: the workload's environment from its next rollout.
      if (words[0] !== 'set' || words[1] !== 'env') return undefined;
      const pairs = [...words.slice(2), ...parsed.options.filter((o) => o.name === '--env' || o.name === '-e').flatMap((o) => o.values)].map((w) => keyValue([w]));
      const changes = pairs.flatMap((p) => (p ? [sourceChange(p[0], p[1])] : [])).filter((c): c is SourceChange => c !== undefined);
      return changes.length > 0 ? { changes, how: `${inv.name} set env (the workload's environment from its next rollout)`, workload: words[2] ?? 'the workload' } : undefined;
    }
    default:
      return undefined;
  }
}

/** `bundle config [set] [--local|--global] mirror.URL MIRROR` (Bundler: no registry entry, its words read by the free-form grammar). */
function bundlerSetter(inv: Invocation): Setting | undefined {
  if (inv.name !== 'bundle' && inv.name !== 'bundler') return undefined;
  const words = freeFormReadings(inv.args).usual.operands.map((w) => w.text);
  if (words[0] !== 'config') return undefined;
  const pair = keyValue(words.slice(words[1] === 'set' ? 2 : 1));
  const change = pair ? sourceChange(pair[0], pair[1]) : undefined;
  return change ? { changes: [change], how: 'bundle config' } : undefined;
}

/** `conda config --add channels URL`, `--set channel_alias URL`, `--set ssl_verify false` (conda, mamba: no registry entry, read by the free-form grammar). */
function condaSetter(inv: Invocation): Setting | undefined {
  if (!/^(conda|mamba|micromamba)$/.test(inv.name)) return undefined;
  // The valued reading gives `--add channels` as the option and its key; the setting's value is the operand after `config`.
  const reading = freeFormReadings(inv.args).valued;
  if (reading.operands[0]?.text !== 'config') return undefined;
  const values = reading.operands.slice(1).map((o) => o.text);
  const keys = reading.options.filter((o) => ['--add', '--append', '--prepend', '--set'].includes(o.name)).map((o) => o.values[0] ?? '');
  const changes = keys.map((k, i) => sourceChange(`conda.${k}`, values[i] ?? '')).filter((c): c is SourceChange => c !== undefined);
  return changes.length > 0 ? { changes, how: `${inv.name} config` } : undefined;
}

/** `npm pkg set dependencies.x=git+https://host/…`: a dependency fetched from an address instead of the registry. */
function dependencySources(words: readonly string[], how: string): Setting | undefined {
  const changes = words.flatMap((w): SourceChange[] => {
    const m = /^((?:dev|optional|peer|bundle)?[dD]ependencies|overrides|resolutions|pnpm\.overrides)\.([^=]+)=(.+)$/.exec(w);
    const spec = m?.[3]?.replace(/^["']|["']$/g, '');
    return m && spec !== undefined && /^(git\+)?(https?|ssh|git):\/\/|^git@[\w.-]+:/.test(spec) ? [{ kind: 'source', key: `${m[1]}.${m[2]}`, url: spec.replace(/^git\+/, '') }] : [];
  });
  return changes.length > 0 ? { changes, how } : undefined;
}

/** Options of an install that fetch from a source other than the configured one (`npm install --registry …`, `pip install -i …`, `cargo install --index …`). */
const INSTALL_SOURCES: Readonly<Record<string, readonly string[]>> = ownTable({
  npm: ['--registry'], pnpm: ['--registry'], yarn: ['--registry'], bun: ['--registry'],
  pip: ['-i', '--index-url', '--extra-index-url', '-f', '--find-links'], pip3: ['-i', '--index-url', '--extra-index-url', '-f', '--find-links'],
  uv: ['--index-url', '--extra-index-url', '--index', '--default-index', '-f', '--find-links'], cargo: ['--index'],
});

/** A package fetched now from a source the guard cannot vouch for: its install scripts and build steps run on this machine. */
function installSources(inv: Invocation): SourceChange[] {
  const spec = INSTALL_SOURCES[inv.name] !== undefined ? toolNamed(inv.name) : undefined;
  if (!spec) return [];
  const parsed = parsedArgs(inv.args, spec);
  const names = INSTALL_SOURCES[inv.name]!;
  return parsed.options.filter((o) => names.includes(o.name)).flatMap((o) => o.values.map((v): SourceChange => ({ kind: 'source', key: o.name, url: v.replace(/^(sparse|registry)\+/, '') })));
}

/** Source settings given to one command by the environment (`NPM_CONFIG_REGISTRY=… npm ci`, `GOPROXY=… go install`). */
function assignedSources(inv: Invocation): SourceChange[] {
  const given = Object.entries(inv.assignments).map(([k, v]) => sourceChange(k, v));
  // `git -c http.sslVerify=false push`, `GIT_CONFIG_KEY_0=http.sslVerify GIT_CONFIG_VALUE_0=false git …`: settings for this one run.
  if (inv.name === 'git') {
    const spec = toolNamed('git');
    const options = spec ? parsedArgs(inv.args, spec).options : [];
    for (const o of options) if (o.name === '-c') given.push(...o.values.map((v) => keyValue([v])).map((p) => (p ? sourceChange(p[0], p[1]) : undefined)));
    for (const [k, v] of Object.entries(inv.assignments)) {
      const n = /^GIT_CONFIG_KEY_(\d+)$/.exec(k)?.[1];
      if (n !== undefined && inv.assignments[`GIT_CONFIG_VALUE_${n}`] !== undefined) given.push(sourceChange(v, inv.assignments[`GIT_CONFIG_VALUE_${n}`]!));
    }
  }
  return given.filter((c): c is SourceChange => c !== undefined);
}

function checkInvocation(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.remote) return [];
  const out: Finding[] = [];
  const set = setterChanges(inv);
  const env = set?.workload !== undefined ? ctx.environmentOf({ values: [set.workload], remote: true }) : undefined;
  const workload = set?.workload !== undefined && env ? { name: set.workload, traffic: set.traffic ?? 'every request it makes, with the credentials it carries,', environment: env.environment, reason: env.reason } : undefined;
  if (set) for (const c of set.changes) out.push(...[finding(c, set.how, ctx.facts, false, workload)].filter((f): f is Finding => f !== undefined));
  out.push(...clearDatabaseLogins(inv, ctx));
  for (const c of installSources(inv)) out.push(...[finding(c, `${inv.name} installs from a source that`, ctx.facts, true)].filter((f): f is Finding => f !== undefined));
  for (const c of assignedSources(inv)) out.push(...[finding(c, c.kind === 'source' ? `${inv.name} runs with ${c.key} set to a source that` : `${inv.name} runs with a setting that`, ctx.facts, true)].filter((f): f is Finding => f !== undefined));
  return out;
}

/** Findings for `text` written into `path` by `writer` (deferredPack's writes with known text). */
export function sourceRedirectWrites(path: string, text: string | undefined, writer: string, facts: Facts): Finding[] {
  if (text === undefined) return [];
  const shown = path.split('/').slice(-2).join('/');
  return sourceChangesInFile(path, text).map((c) => finding(c, `${writer} writes into ${shown} a setting that`, facts)).filter((f): f is Finding => f !== undefined);
}

export const sourceRedirectsPack: RulePack = {
  id: 'source-redirects',
  title: 'Package and git sources redirected, verification turned off',
  checkInvocation,
};
