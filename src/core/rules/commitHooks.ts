import { minimatch } from 'minimatch';
import { basename, dirname, isWithin, resolvePath } from '../paths';
import { effectsOf, type EffectKind } from '../policy/effects';
import type { CodeSnippet, Facts, Finding, Invocation, RuleContext, RulePack } from '../policy/types';
import { parsedArgs, toolNamed, toolNamesOf } from '../registry/commandModel';
import { git } from '../registry/tools/git';
import { GIT_HOOK_NAMES } from './deferred/gitPrograms';
import { patchWrites } from './deferred/otherWriters';
import { hookBypass } from './support/hookBypass';
import { hookManagerInstall, packageHookInstall } from './support/hookManagerInstalls';

/**
 * A team's git hooks are a safety net: a pre-commit secret scanner, a pre-push test run. Taking an
 * existing hook out (deleting it, moving it away, overwriting it, emptying it, clearing its execute
 * bit, `pre-commit uninstall`, `lefthook uninstall`, `husky uninstall`) asks, and the reason says
 * what that hook ran. What is not lost stays allowed: appending to a hook, writing a hook where none
 * is (its text is judged as a deferred payload elsewhere), and skipping a hook for one command where
 * the repository has none of that kind (`git commit --no-verify`, `HUSKY=0`, `SKIP=eslint`: asked in
 * `support/hookBypass.ts` only where a hook runs, or a secret scan is named).
 */

/** Folders git hooks are kept in, relative to a work tree: git's own and the hook managers' (husky, .githooks). */
const HOOK_FOLDERS = ['.git/hooks', '.husky', '.githooks'];

/** The first command a hook runs, for people; undefined for a hook that does nothing (`exit 0`, comments). */
function hookCommand(text: string): string | undefined {
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || /^(exit|return)(\s+0)?\s*;?$/.test(line) || /^(set\s+-\w+|\.\s+"?\$\(dirname.*husky\.sh"?)$/.test(line)) continue;
    return line.length > 60 ? line.slice(0, 57) + '…' : line;
  }
  return undefined;
}

interface Hook {
  path: string;
  shown: string;
  runs: string;
}

/** An existing hook that runs something, at `abs` (a hook file of a work tree this machine holds). */
function activeHook(abs: string, facts: Facts): Hook | undefined {
  const name = basename(abs);
  if (!GIT_HOOK_NAMES.has(name)) return undefined;
  const folder = dirname(abs);
  const root = HOOK_FOLDERS.map((f) => (folder.endsWith('/' + f) ? folder.slice(0, -f.length - 1) : undefined)).find((r) => r !== undefined);
  if (root === undefined) return undefined;
  const text = facts.readFile(abs);
  const runs = text === undefined ? undefined : hookCommand(text);
  if (runs === undefined) return undefined;
  return { path: abs, shown: abs.slice(root.length + 1), runs };
}

/** Active hooks in the hook folders below `abs` (a folder deleted or moved whole). */
function hooksBelow(abs: string, facts: Facts): Hook[] {
  const out: Hook[] = [];
  for (const root of [abs, ...facts.workspaceRoots]) {
    for (const folder of HOOK_FOLDERS) {
      const dir = root + '/' + folder;
      if (!isWithin(abs, dir)) continue;
      for (const name of facts.listDir(dir) ?? []) {
        const hook = activeHook(dir + '/' + name, facts);
        if (hook && !out.some((h) => h.path === hook.path)) out.push(hook);
      }
    }
  }
  return out;
}

/** A chmod mode that takes the execute bit away (`-x`, `a-x`, `u-x`, `644`): git then skips the hook. */
function clearsExecute(inv: Invocation): boolean {
  return inv.args.some((a) => /^[ugoa]*-[rwst]*x/.test(a.text) || /^0?[0246][0-7]{2}$/.test(a.text));
}

/** A new name for an active hook: every later write through it replaces the check without naming the hook (the perimeter's hard-link rule, for git hooks). */
function linkFinding(hook: Hook, tool: string): Finding {
  return {
    rule: 'commit-hooks.hook-linked',
    risk: 'self-protection',
    severity: 'deny',
    reason: `${tool} gives the git hook ${hook.shown} (which runs \`${hook.runs}\`) another name: a later write through that name replaces the check without naming the hook; agents may not change Blast Shield's protection.`,
    targets: [{ kind: 'path', name: hook.shown, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }],
  };
}

function finding(hook: Hook, does: string): Finding {
  return {
    rule: 'commit-hooks.hook-removed',
    risk: 'protection-removal',
    severity: 'ask',
    reason: `${does} the git hook ${hook.shown}, which runs \`${hook.runs}\`: that check no longer runs on later commits or pushes.`,
    targets: [{ kind: 'path', name: hook.shown, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }],
  };
}

/** `pre-commit uninstall`, `lefthook uninstall`, `husky uninstall`: the hooks a team installed come out. */
function managerUninstall(inv: Invocation): Finding[] {
  const spec = toolNamed(inv.name);
  if (!spec) return [];
  const parsed = parsedArgs(inv.args, spec);
  if (parsed.path[0] !== 'uninstall') return [];
  return [{
    rule: 'commit-hooks.manager-uninstall',
    risk: 'protection-removal',
    severity: 'ask',
    reason: `Removes the git hooks ${inv.name} installed (${inv.name} uninstall): the checks they ran (secret scanning, linters, tests) no longer run on later commits or pushes.`,
    targets: [{ kind: 'path', name: `${inv.name} hooks`, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }],
  }];
}

const MANAGERS = new Set(['pre-commit', 'prek', 'lefthook', 'husky', 'simple-git-hooks', 'overcommit']);

/** Package managers, for packages whose install script installs git hooks (`support/hookManagerInstalls.ts`). */
const PACKAGE_MANAGERS = toolNamesOf('package-manager');

/**
 * `git config --unset core.hooksPath` when the repository's hooks path names a folder of active hooks
 * (husky's `.husky`): git goes back to `.git/hooks`, and none of those hooks runs any more.
 */
function hooksPathUnset(inv: Invocation, facts: Facts, cwd: string): Finding[] {
  const parsed = parsedArgs(inv.args, git);
  if (parsed.path[0] !== 'config' || !parsed.options.some((o) => o.name === '--unset' || o.name === '--unset-all')) return [];
  const words = [...parsed.path.slice(1), ...parsed.operands.map((o) => o.text)];
  if (!words.some((w) => /^core\.hookspath$/i.test(w))) return [];
  for (const root of facts.workspaceRoots.filter((r) => isWithin(r, cwd) || r === cwd)) {
    const configured = /^\s*hookspath\s*=\s*(.+?)\s*$/im.exec(facts.readFile(`${root}/.git/config`) ?? '')?.[1];
    if (configured === undefined) continue;
    const folder = resolvePath(root, configured.replace(/^["']|["']$/g, ''), facts.home);
    const active = (facts.listDir(folder) ?? []).map((n) => activeHook(`${folder}/${n}`, facts) ?? (GIT_HOOK_NAMES.has(n) ? { path: `${folder}/${n}`, shown: `${configured}/${n}`, runs: '…' } : undefined)).find((h) => h !== undefined);
    if (active) return [finding(active, 'git config --unset core.hooksPath stops git from running')];
  }
  return [];
}

/** Code that writes, deletes or renames an existing hook by its path (`open('.git/hooks/pre-commit','w')`, `fs.unlinkSync(…)`). */
const CODE_CHANGES_FILE = /open\s*\([^)]*['"][wa+]|write|unlink|remove|rename|rmSync|rm\s*\(|chmod|truncate|delete/i;

function checkSnippet(snippet: CodeSnippet, ctx: RuleContext): Finding[] {
  if (snippet.runner.remote || !CODE_CHANGES_FILE.test(snippet.text)) return [];
  const out: Finding[] = [];
  for (const root of ctx.facts.workspaceRoots) {
    for (const folder of HOOK_FOLDERS) {
      for (const name of ctx.facts.listDir(`${root}/${folder}`) ?? []) {
        const hook = activeHook(`${root}/${folder}/${name}`, ctx.facts);
        if (hook && (snippet.text.includes(hook.shown) || snippet.text.includes(hook.path))) out.push(finding(hook, `${snippet.runner.name} code changes`));
      }
    }
  }
  return out.slice(0, 3);
}

/**
 * The forge's review rules kept in the repository: CODEOWNERS (GitHub, GitLab, Gitea, Bitbucket read it
 * from the root, `.github/`, `.gitlab/` or `docs/`). Deleted or moved away, the next push lets pull
 * requests merge without the code owners' review wherever branch protection requires it.
 */
const REVIEW_FILE = /(^|\/)(\.github\/|\.gitlab\/|\.gitea\/|docs\/)?CODEOWNERS$/;

function reviewRulesRemoved(inv: Invocation, cwd: string, facts: Facts): Finding[] {
  for (const effect of effectsOf(inv)) {
    if (effect.word.dynamic || (effect.kind !== 'delete' && effect.kind !== 'move')) continue;
    const path = resolvePath(cwd, effect.word.text, facts.home);
    if (!REVIEW_FILE.test(path)) continue;
    const shown = facts.workspaceRoots.map((r) => (isWithin(path, r) ? path.slice(r.length + 1) : undefined)).find((s) => s !== undefined) ?? effect.word.text;
    return [{
      rule: 'commit-hooks.code-owners-removed',
      risk: 'protection-removal',
      severity: 'ask',
      reason: `${inv.name} ${effect.kind === 'delete' ? 'deletes' : 'moves away'} ${shown}: a safety net is removed — once pushed, pull requests no longer need their code owners' review.`,
      // What it protects is the forge's branch, which a push reaches: an environment nobody named.
      targets: [{ kind: 'repository', name: shown, provider: 'git', remote: true, environment: 'unknown', environmentReason: 'the branch it reaches once pushed' }],
    }];
  }
  return [];
}

const HOOK_TOUCHING: ReadonlySet<EffectKind> = new Set<EffectKind>(['delete', 'move', 'write', 'link', 'unknown']);

function checkInvocation(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.remote) return [];
  if (MANAGERS.has(inv.name)) return [...managerUninstall(inv), ...hookManagerInstall(inv, ctx.facts, inv.cwd || ctx.facts.cwd)];
  const planted = PACKAGE_MANAGERS.includes(inv.name) ? packageHookInstall(inv, ctx.facts, inv.cwd || ctx.facts.cwd) : [];
  if (planted.length > 0) return planted;
  const facts = ctx.facts;
  const cwd = inv.cwd || facts.cwd;
  const owners = reviewRulesRemoved(inv, cwd, facts);
  if (owners.length > 0) return owners;
  // Round 27: a patch (`patch -p1 < x.patch`, `git apply x.patch`) whose text rewrites an active hook.
  const patched = patchWrites(inv, facts, cwd).map((w) => [activeHook(w.path, facts), w.writer] as const).filter((p): p is readonly [Hook, string] => p[0] !== undefined);
  if (patched.length > 0) return patched.slice(0, 3).map(([hook, writer]) => finding(hook, `${writer} patches`));
  if (inv.name === 'git') return [...hooksPathUnset(inv, facts, cwd), ...hookBypass(inv, ctx, cwd), ...hookManagerInstall(inv, facts, cwd)];
  const abs = (text: string): string => resolvePath(cwd, text, facts.home);
  const out: Finding[] = [];
  const add = (hook: Hook, does: string): void => {
    if (!out.some((f) => f.targets[0]?.name === hook.shown)) out.push(finding(hook, does));
  };
  for (const r of inv.redirects) {
    if (r.target.dynamic || (r.op !== '>' && r.op !== '>|' && r.op !== '&>')) continue;
    const hook = activeHook(abs(r.target.text), facts);
    if (hook) add(hook, `${inv.name} overwrites`);
  }
  for (const effect of effectsOf(inv)) {
    // Reads, creations and the rest take no hook out: their words are not resolved.
    if (effect.word.dynamic || !HOOK_TOUCHING.has(effect.kind)) continue;
    if (effect.kind === 'unknown') {
      // Round 27: `pg_dump -f .git/hooks/pre-commit`, `python3 w.py .git/hooks/pre-commit`, `go run x.go --out=…`: a program
      // nothing describes is given a hook's path (an option's value too), and may overwrite it.
      // (not an option reader) A word of a program nothing describes, a path or a glued `--out=PATH`, looked at for the file it names.
      const value = /^-[^=]*=(.+)$/.exec(effect.word.text)?.[1] ?? effect.word.text;
      const hook = value.startsWith('-') ? undefined : activeHook(abs(value), facts);
      if (hook) add(hook, `${inv.name}, a program whose effect on its arguments is not known, is given (and may overwrite)`);
      continue;
    }
    const path = abs(effect.word.text);
    if (effect.kind === 'delete' || effect.kind === 'move') {
      const hook = activeHook(path, facts);
      if (hook) add(hook, effect.kind === 'delete' ? `${inv.name} deletes` : `${inv.name} moves away`);
      else if ((effect.recursive || effect.kind === 'move') && effect.gitScope === undefined) {
        // `find . -name '*.log' -delete` reaches only the names it matches; git never cleans its own folder.
        const below = hooksBelow(path, facts).filter((h) => !effect.names || effect.names.some((n) => minimatch(basename(h.path), n, { dot: true })));
        for (const h of below) add(h, `${inv.name} ${effect.kind === 'delete' ? 'deletes' : 'moves away'}, with its folder,`);
      }
    } else if (effect.kind === 'link' && !effectsOf(inv).some((e) => e.kind === 'write' && e.word === effect.word)) {
      // Round 27: another name of a hook (`ln`, `cp -l`, `cpio -pl`, `pax -rwl`, `os.link`) is a road to rewrite it unseen later.
      const hook = activeHook(path, facts);
      for (const h of hook ? [hook] : hooksBelow(path, facts)) if (!out.some((f) => f.targets[0]?.name === h.shown)) out.push(linkFinding(h, inv.name));
    } else if (effect.kind === 'write' || effect.kind === 'link') {
      const hook = activeHook(path, facts);
      if (!hook) continue;
      if (inv.name === 'chmod' && !clearsExecute(inv)) continue;
      if (inv.name === 'chown' || inv.name === 'chgrp' || inv.name === 'touch') continue;
      add(hook, inv.name === 'chmod' ? `chmod takes the execute bit from` : `${inv.name} rewrites`);
    }
  }
  return out;
}

export const commitHooksPack: RulePack = {
  id: 'commit-hooks',
  title: "A team's git hooks taken out",
  // What the check reads: hook managers and git by name, replacing redirects, and deletes, moves, writes and links (HOOK_TOUCHING).
  gate: { names: [...MANAGERS, ...PACKAGE_MANAGERS, 'git', 'patch', 'gpatch'], outputRedirect: true, effects: [...HOOK_TOUCHING] },
  checkInvocation,
  checkSnippet,
};
