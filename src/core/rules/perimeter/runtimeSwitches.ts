import { ownTable } from '../../ownTable';
import type { Finding, Invocation } from '../../policy/types';
import { freeFormReadings } from '../../registry/freeForm';
import { parsedArgs, toolArgs, toolNamed } from '../../registry/commandModel';
import { basename } from '../../paths';
import { DENY_SUFFIX, perimeterFinding } from './perimeterFinding';
import { isGuardedProgramName } from './runtimePlaces';

/**
 * Version managers told to change the Node.js every later program gets by default: `asdf global
 * nodejs 0.10.0`, `mise use -g node@0.10`, `n 0.10.0` (which copies the release over the node on
 * PATH), `nvm alias default 8`, `fnm default 8`, `nodenv global 8`. The guard's
 * hook runs under that runtime: an old or chosen release may not run it at all, and what a host does
 * when its hook fails to start is not the guard's to decide. Each asks when the release is older than the
 * guard is built for or the words name none the guard can judge (an alias, `system`); a current release
 * (`nvm alias default 22`, `fnm default lts/iron`, `mise use -g node@latest`) is routine (stop 36). Switching the runtime for the
 * current shell only (`nvm use 20`, `fnm use`, `asdf shell`, `mise shell`), the project's own pins
 * (`asdf local`, `mise use node@20`, `volta pin`; the project's version files are judged as the files
 * they are) and volta's `install node` (a routine fetch, kept allowed) are left alone, unless the
 * release is older than the guard runs on (`voltaOldRelease`).
 */

const NODE = /^(node|nodejs)$/i;
const NODE_SPEC = /^(node|nodejs)(@.*)?$/i;

/** A global switch: the words that switch, and the release named (as written; undefined when none is). */
interface Switch {
  how: string;
  release: string | undefined;
  /** `n` copies the release over the node on PATH, the runtime a hook may be running under: asks whatever the release. */
  inPlace?: true;
}

/** The version managers' global switches, keyed by program; each returns the switch, or undefined. */
const SWITCHES: Readonly<Record<string, (ops: readonly string[], opts: readonly string[]) => Switch | undefined>> = ownTable({
  asdf: (ops, opts) => (ops[0] === 'global' && NODE.test(ops[1] ?? '') ? { how: 'asdf global', release: ops[2] } : ops[0] === 'set' && opts.some((o) => /^(-u|--home|--parent)$/.test(o)) && NODE.test(ops[1] ?? '') ? { how: 'asdf set --home', release: ops[2] } : undefined),
  mise: (ops, opts) => {
    const spec = ops.slice(1).find((o) => NODE_SPEC.test(o));
    if (spec === undefined) return undefined;
    const how = /^(use|u)$/.test(ops[0] ?? '') && opts.some((o) => /^(-g|--global)$/.test(o)) ? 'mise use --global' : ops[0] === 'global' ? 'mise global' : undefined;
    return how ? { how, release: spec } : undefined;
  },
  rtx: (ops, opts) => {
    const sw = SWITCHES.mise!(ops, opts);
    return sw ? { ...sw, how: sw.how.replace('mise', 'rtx') } : undefined;
  },
  nvm: (ops) => (ops[0] === 'alias' && ops[1] === 'default' && ops[2] !== undefined ? { how: 'nvm alias default', release: ops[2] } : undefined),
  fnm: (ops) => (ops[0] === 'default' && ops[1] !== undefined ? { how: 'fnm default', release: ops[1] } : ops[0] === 'alias' && ops[2] === 'default' ? { how: 'fnm alias … default', release: ops[1] } : undefined),
  nodenv: (ops) => (ops[0] === 'global' && ops[1] !== undefined ? { how: 'nodenv global', release: ops[1] } : undefined),
  n: (ops) => (/^(v?\d+(\.\d+)*|latest|lts|current|stable|auto|engine|boron|carbon|dubnium|erbium|fermium|gallium|hydrogen|iron|jod|lts_\w+)$/.test(ops[0] ?? '') ? { how: `n ${ops[0]}`, release: ops[0], inPlace: true } : /^(i|install)$/.test(ops[0] ?? '') && ops[1] !== undefined ? { how: `n ${ops[0]}`, release: ops[1], inPlace: true } : undefined),
});

/** Node.js LTS code names and their majors (`lts/iron`, `n hydrogen`). */
const LTS_NAMES: Readonly<Record<string, number>> = ownTable({ argon: 4, boron: 6, carbon: 8, dubnium: 10, erbium: 12, fermium: 14, gallium: 16, hydrogen: 18, iron: 20, jod: 22, krypton: 24 });

/**
 * The major a global switch selects, when the words say: `22`, `v22.1.0`, `node@22`, `lts/iron`, `hydrogen`;
 * `current` for the newest releases (`latest`, `node`, `lts`, `lts/*`, `stable`, `current`); undefined for
 * anything else (an alias, `system`, `engine`, a computed word), which names no release the guard can judge.
 */
function majorOf(release: string | undefined): number | 'current' | undefined {
  if (release === undefined) return 'current';
  const spec = release.replace(/^(?:node|nodejs)(?:@|$)/i, '').toLowerCase();
  if (/^(|latest|node|lts|lts\/\*|stable|current)$/.test(spec)) return 'current';
  const named = /^(?:lts\/|lts_)?([a-z]+)$/.exec(spec);
  if (named && Object.hasOwn(LTS_NAMES, named[1]!)) return LTS_NAMES[named[1]!];
  const m = /^[\^~>=]*v?(\d+)(?:\.[\dx*]+)*$/.exec(spec);
  return m ? Number(m[1]) : undefined;
}

/** The oldest Node.js major the guard's code is built for (esbuild's `target: 'node20'`). */
const GUARD_NODE_MAJOR = 20;
/** `node@8`, `node@8.0.0`, `8.0.0`, `v8`: a release older than the guard runs on (a bare `node` or `node@lts` is current). */
const tooOld = (spec: string): boolean => {
  const m = /^(?:(?:node|nodejs)@)?v?(\d+)(?:\.[\dx*]+)*$/i.exec(spec);
  return m !== null && Number(m[1]) < GUARD_NODE_MAJOR;
};

/**
 * `volta install node@8` (volta's default for every later program), `volta pin node@8` and `npm pkg set
 * volta.node=8.0.0` (the release volta's shim runs in this project, the hook's runtime when it is
 * volta's): a release older than the guard is built for cannot run the hook. `volta install node@22`,
 * `volta pin node@20` and the project's other package fields stay allowed (round 20).
 */
function voltaOldRelease(inv: Invocation): string | undefined {
  if (inv.name === 'volta') {
    const { operands } = freeFormReadings(inv.args).usual;
    const ops = operands.map((w) => w.text);
    return (ops[0] === 'install' || ops[0] === 'pin') && ops.slice(1).some((o) => NODE_SPEC.test(o) && tooOld(o)) ? `volta ${ops[0]}` : undefined;
  }
  if (!/^(npm|pnpm|yarn|bun)$/.test(inv.name)) return undefined;
  const ops = freeFormReadings(inv.args).usual.operands.map((w) => w.text);
  const pin = ops[0] === 'pkg' && ops[1] === 'set' ? ops.slice(2).map((t) => /^volta\.node=(.+)$/.exec(t)).find((m) => m !== null) : undefined;
  return pin && tooOld(pin[1]!) ? `${inv.name} pkg set ${pin[0]}` : undefined;
}

/** System and environment package managers that install a Node.js release on PATH (round 27). */
const SYSTEM_MANAGERS: ReadonlySet<string> = new Set(['brew', 'apt', 'apt-get', 'aptitude', 'dnf', 'dnf5', 'yum', 'microdnf', 'tdnf', 'zypper', 'apk', 'snap', 'port', 'conda', 'mamba', 'micromamba', 'pixi', 'choco', 'scoop', 'winget', 'nix-env', 'pkg']);
/** The verbs that install or link a package (`brew link`, `dnf module install`, `pixi global install`). */
const INSTALLING = /^(install|i|add|reinstall|upgrade|link|switch|module|global|in|-S)$/;
/** A Node.js package spelled with its release: `node@14`, `nodejs=12.22.9~dfsg-1`, `nodejs:14` (a dnf stream), `nodejs14` (MacPorts), `nodejs==10`. */
const NODE_RELEASE = /^(?:node(?:js)?)(?:@|==?|:|-)?v?(\d+)(?:[.~:+-][\w.~:+-]*)?$/i;
/** A release given by option (`choco install nodejs --version 14.17.0`, `snap install node --channel=14/stable`). */
const RELEASE_OPTION = /^(?:--version|--channel|-v)$/;

/**
 * `brew install node@14`, `apt-get install nodejs=12.22.9~dfsg-1`, `conda install nodejs=10`, `snap install node
 * --channel=14/stable` (round 27): a system package manager putting a Node.js older than the guard is built for on
 * PATH, where the hook's runtime is looked up; judged as the version managers are (the current node stays allowed).
 */
function systemOldRelease(inv: Invocation): string | undefined {
  if (!SYSTEM_MANAGERS.has(inv.name)) return undefined;
  const spec = toolNamed(inv.name);
  const reading = spec ? parsedArgs(inv.args, spec) : undefined;
  const words = reading ? [...reading.path, ...reading.operands.map((o) => o.text)] : freeFormReadings(inv.args).usual.operands.map((o) => o.text);
  if (!words.some((w) => INSTALLING.test(w)) && !inv.args.some((a) => a.text === '-S')) return undefined;
  const named = words.find((w) => { const m = NODE_RELEASE.exec(w); return m !== null && Number(m[1]) < GUARD_NODE_MAJOR; });
  if (named) return `${inv.name} ${named}`;
  if (!words.some((w) => NODE.test(w))) return undefined;
  // The release option's value through the free-form reading that lets an option take the next word.
  for (const option of freeFormReadings(inv.args).valued.options) {
    if (!RELEASE_OPTION.test(option.name)) continue;
    const major = /^v?(\d+)/.exec(option.values[0] ?? '')?.[1];
    if (major !== undefined && Number(major) < GUARD_NODE_MAJOR) return `${inv.name} node ${option.name} ${option.values[0]}`;
  }
  return undefined;
}

export function runtimeSwitchFinding(inv: Invocation): Finding | undefined {
  const old = voltaOldRelease(inv) ?? systemOldRelease(inv);
  if (old) {
    return {
      rule: 'self-protection.runtime-switch',
      risk: 'self-protection',
      severity: 'ask',
      reason: `${old} selects a Node.js release older than the guard's code is built for (node ${GUARD_NODE_MAJOR}): where the hook runs under it, it cannot run, and the agent's next commands are left to whatever its host does when its hook fails, so it needs confirmation.`,
      targets: [{ kind: 'path', name: `${inv.name} node`, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }],
    };
  }
  if (!Object.hasOwn(SWITCHES, inv.name)) return undefined;
  const judge = SWITCHES[inv.name]!;
  const { operands, options } = freeFormReadings(inv.args).usual;
  const sw = judge(operands.map((w) => w.text), options.map((o) => o.name));
  if (!sw) return undefined;
  const major = operands.some((w) => w.dynamic) ? undefined : majorOf(sw.release);
  if (!sw.inPlace && (major === 'current' || (major !== undefined && major >= GUARD_NODE_MAJOR))) return undefined;
  const how = sw.how;
  return {
    rule: 'self-protection.runtime-switch',
    risk: 'self-protection',
    severity: 'ask',
    reason: `${how} changes the Node.js release every later program gets by default, the guard's hook among them: a release that cannot run the hook leaves the agent's next commands to whatever its host does when its hook fails, so it needs confirmation.`,
    targets: [{ kind: 'path', name: `${inv.name} node`, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }],
  };
}

/**
 * `update-alternatives --set node /usr/bin/true`, `--install /usr/bin/node node /bin/sh 100`: the system's
 * name of a program the hook or the agents run (the runtime, git, a secret scanner the commit hooks run)
 * pointed at a file that is another program. A `node` that exits 0 and prints nothing is, to a host that
 * reads only the hook's exit code, an allow of everything. Pointing a name at a release of the same
 * program (`--set node /usr/bin/node20`, `--set python3 /usr/bin/python3.12`) and other names
 * (`--set editor /usr/bin/vim.basic`) are left to the host rules.
 */
export function alternativesHijack(inv: Invocation): Finding | undefined {
  const spec = toolNamed(inv.name);
  if (spec === undefined || (inv.name !== 'update-alternatives' && inv.name !== 'alternatives')) return undefined;
  const a = toolArgs(inv.name, parsedArgs(inv.args, spec), spec);
  const rest = a.parsed.operands.map((w) => w.text);
  const set = a.value('--set');
  const name = set ?? (a.has('--install') ? rest[1] : undefined);
  const target = set !== undefined ? rest[0] : a.has('--install') ? rest[2] : undefined;
  if (name === undefined || target === undefined || !isGuardedProgramName(basename(name))) return undefined;
  const program = basename(target).toLowerCase();
  if (program.startsWith(basename(name).toLowerCase()) && !a.parsed.operands.some((w) => w.dynamic)) return undefined;
  return perimeterFinding('runtime-alternative', `${inv.name} points the system's ${name} at ${target}, another program: the hook, its runtime or the checks it trusts then run that program, and one that exits 0 silently answers "allow" to every command; ${DENY_SUFFIX}.`, name);
}
