import { basename, dirname } from '../paths';
import { grammarOf, has, readEffectArgs } from '../policy/effectOptions';
import { effectsOf } from '../policy/effects';
import { findEditsInPlace, IN_PLACE_EDITORS } from '../policy/effectRules';
import type { ArgWord, CodeSnippet, Facts, Finding, GitPathState, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { parsedArgs, toolArgs } from '../registry/commandModel';
import { optionsMatching } from '../registry/grammar';
import { git } from '../registry/tools/git';
import { classifyPath, truncatesOnly } from './files';
import { emptiedBySnippet, untrackedKind } from './localData';
import { wipedByEdit } from './support/inPlaceWipes';
import { gitFedEffects } from './perimeter/gitState';
import { folderCopyOver } from './support/folderCopies';

/**
 * Overwriting a file git cannot bring back: writing over `.env.production`, `config/master.key`, a
 * local database or a credential file (`echo > .env.production`, `tee config/master.key < /dev/null`,
 * `cp .env.example .env.production`, `dd of=`, `curl -o`) loses what it held as surely as deleting it.
 * A file git tracks comes back with `git restore`, and a new file loses nothing: both stay allowed.
 * Emptying by a bare redirect (`: > f`) and `truncate` are the files pack's.
 */

/** Redirects that replace a file's content (not appends, not `<>` which opens without truncating). */
const REPLACING_REDIRECTS = new Set(['>', '>|', '&>']);

/** Options that make a writer append or keep what is there (`tee -a`, `dd conv=notrunc` still overwrites bytes). */
function appends(inv: Invocation): boolean {
  if (inv.name !== 'tee') return false;
  return inv.args.some((a) => a.text === '--append' || /^-[a-zA-Z]*a/.test(a.text));
}

/** `cp -n`, `mv --no-clobber`, `cp --update=none`: an existing destination is left as it is. */
function keepsExisting(inv: Invocation): boolean {
  if (inv.name !== 'cp' && inv.name !== 'mv') return false;
  const read = readEffectArgs(inv.args, grammarOf(inv.name));
  return has(read, 'n', 'no-clobber') || inv.args.some((a) => /^--update=none(-fail)?$/.test(a.text));
}

const METADATA_ONLY = new Set(['chmod', 'chown', 'chgrp', 'touch', 'chattr', 'setfacl', 'setfattr', 'utime', 'xattr']);

/** Words `inv` writes over: its own write effects (not a folder it copies into), and replacing redirects. */
function writtenWords(inv: Invocation): ArgWord[] {
  const words: ArgWord[] = [];
  // Metadata changes (modes, owners, times, attributes) keep what the file holds.
  if (!appends(inv) && !keepsExisting(inv) && !METADATA_ONLY.has(inv.name)) {
    for (const effect of effectsOf(inv)) if (effect.kind === 'write' && effect.appended === undefined) words.push(effect.word);
  }
  // `: > f`, `cat /dev/null > f`, `echo -n > f`: the files pack already names these as emptying.
  if (!truncatesOnly(inv)) for (const r of inv.redirects) if (REPLACING_REDIRECTS.has(r.op)) words.push(r.target);
  return words.filter((w) => !w.dynamic && w.text !== '' && !w.text.startsWith('/dev/')).slice(0, 16);
}

function exists(absolute: string, facts: Facts): boolean {
  if (facts.readFile(absolute) !== undefined) return true;
  const listing = facts.listDir(dirname(absolute));
  return listing !== undefined && listing.includes(basename(absolute));
}

/** How git sees the file: undefined when it cannot be known. */
function gitState(absolute: string, facts: Facts): GitPathState | undefined {
  if (!facts.gitPathStates) return undefined;
  try {
    return facts.gitPathStates(dirname(absolute), [absolute])?.[absolute];
  } catch {
    return undefined;
  }
}

/** Ignored files a program writes again anyway: logs, outputs, caches, lock and pid files, build folders. */
const REGENERATED = /\.(log|out|tmp|temp|pid|lock|cache|map|tsbuildinfo)$|\/(tmp|temp|log|logs|\.cache|cache|build|out|target|\.turbo|\.parcel-cache)\//i;

/** The path below the workspace that holds it (a workspace may itself live under /tmp), or the path itself. */
function insideRoot(absolute: string, facts: Facts): string {
  const root = facts.workspaceRoots.find((r) => absolute.startsWith(r.endsWith('/') ? r : r + '/'));
  return root === undefined ? absolute : absolute.slice(root.replace(/\/$/, '').length);
}

/** States in which git holds the file's content (committed, or staged). */
const GIT_HOLDS: ReadonlySet<GitPathState> = new Set(['unmodified', 'staged-new']);

function check(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.remote) return [];
  const findings: Finding[] = [];
  for (const word of writtenWords(inv)) {
    const path = classifyPath(word, inv.cwd, ctx.facts);
    if (path.class === 'scratch' || path.class === 'routine' || !exists(path.absolute, ctx.facts)) continue;
    const state = gitState(path.absolute, ctx.facts);
    if (state !== undefined && GIT_HOLDS.has(state)) continue;
    const kind = untrackedKind(word.text, inv, ctx) ?? (state === 'ignored' && !REGENERATED.test(insideRoot(path.absolute, ctx.facts)) ? 'a file git ignores (no commit holds it)' : undefined);
    if (!kind) continue;
    const env = ctx.environmentOf({ values: [word.text], remote: false });
    const target: Target = { kind: 'path', name: word.text, provider: 'filesystem', remote: false, environment: env.environment, environmentReason: env.reason };
    const how = inv.redirects.some((r) => r.target === word) ? `${inv.name || 'a redirect'} >` : inv.name;
    findings.push({ rule: 'clobber.untracked-overwrite', risk: 'destructive', severity: 'ask', reason: `Overwrites ${word.text} (${how}), ${kind}: what it holds now is lost.`, targets: [target] });
    if (findings.length >= 5) break;
  }
  return findings;
}

/** Commands the files pack judges as deleters; others that delete what they name do it as a side effect. */
const DELETERS: ReadonlySet<string> = new Set(['rm', 'rmdir', 'unlink', 'shred', 'find', 'git', 'rimraf', 'del', 'del-cli', 'trash', 'rsync', 'srm']);

/**
 * `tar -cf /dev/null --remove-files uploads`, `zip -m /dev/null x`: a command that removes what it
 * copies, with the copy going nowhere, deletes it.
 */
function copiedIntoNothing(inv: Invocation, ctx: RuleContext): Finding[] {
  if (DELETERS.has(inv.name) || !inv.args.some((a) => a.text === '/dev/null' || a.text.endsWith('=/dev/null') || /^-[a-zA-Z]*f\/dev\/null$/.test(a.text))) return [];
  const findings: Finding[] = [];
  for (const effect of effectsOf(inv)) {
    if (effect.kind !== 'delete' || effect.word.dynamic) continue;
    const path = classifyPath(effect.word, inv.cwd, ctx.facts);
    if (path.class === 'scratch') continue;
    const env = ctx.environmentOf({ values: [effect.word.text], remote: false });
    const target: Target = { kind: 'path', name: effect.word.text, provider: 'filesystem', remote: false, environment: env.environment, environmentReason: env.reason };
    findings.push({ rule: 'clobber.copied-into-nothing', risk: 'destructive', severity: 'ask', reason: `Deletes ${effect.word.text} after copying it to /dev/null (${inv.name}): no copy is kept.`, targets: [target] });
    if (findings.length >= 5) break;
  }
  return findings;
}

/**
 * A tracked file with uncommitted changes: git holds only its last committed text, so overwriting,
 * deleting or restoring it (`rm index.ts`, `sort -o index.ts /dev/null`, `git checkout
 * index.ts`, `tar --remove-files src`) loses the work since then. The same commands on a file git
 * holds as it is stay allowed (`git restore` brings it back). A file written from a here-document
 * (`cat > f <<EOF`) is the agent writing the text it means: allowed.
 */
/** Editors that change a file in place (its other lines stay): they keep the uncommitted work. */
const IN_PLACE: ReadonlySet<string> = new Set(['sed', 'gsed', 'perl', 'ruby', 'awk', 'gawk', 'ed', 'ex', 'vi', 'vim', 'nvim', 'emacs', 'emacs-nox', 'patch', 'prettier', 'eslint', 'biome', 'dprint', 'black', 'ruff', 'gofmt', 'goimports', 'rustfmt', 'clang-format', 'autopep8', 'isort', 'chmod', 'touch', 'git']);

/** Programs whose output is their standard input as it came: fed a here-document, they write the agent's own text. */
const COPIES_INPUT: ReadonlySet<string> = new Set(['', 'cat', 'tee', 'sponge', 'dd', 'pv']);

function discardedWork(inv: Invocation, ctx: RuleContext): Finding[] {
  if (!ctx.facts.gitPathStates || inv.cwdUncertain === true) return [];
  const words: { word: ArgWord; how: string }[] = [];
  // Only a program that copies its input writes the text as the agent wrote it (`cat > f <<EOF`); `base64 -d <<< … > f`,
  // `xxd -r -p <<< 00 > f` write what their decoding makes of it (round 8).
  const authored = inv.redirects.some((r) => r.op.startsWith('<<')) && COPIES_INPUT.has(inv.name);
  // An editor's own in-place write keeps the file's other lines; a replacing redirect empties the file before
  // the command reads it (`sed 's/a/b/' f > f`, `cat f | grep x > f`), whatever the command is.
  const redirected = new Set(inv.redirects.map((r) => r.target));
  const inPlace = IN_PLACE.has(inv.name) || findEditsInPlace(inv);
  // A file the editor's script names (sed's `w FILE`, not an operand it edits) is replaced, not edited.
  if (!authored) for (const word of writtenWords(inv)) if (!inPlace || redirected.has(word) || !inv.args.includes(word)) words.push({ word, how: `overwrites it (${redirected.has(word) ? `${inv.name || 'a redirect'} >` : inv.name})` });
  // `sed -i d f`, `perl -i -ne '' f`: an in-place edit whose script keeps no line.
  if (inPlace) words.push(...wipedByEdit(inv));
  // `git show HEAD:f > f`, `git cat-file -p HEAD:f > f`: git prints; the redirect replaces the file.
  if (!authored && inv.name === 'git') for (const r of inv.redirects) if (REPLACING_REDIRECTS.has(r.op) && !r.target.dynamic && !words.some((w) => w.word === r.target)) words.push({ word: r.target, how: 'overwrites it (git … >)' });
  if (inv.name === 'git') {
    const parsed = parsedArgs(inv.args, git);
    const sub = parsed.path[0];
    const a = toolArgs(inv.name, parsed, git);
    const elsewhere = optionsMatching(parsed, git, ['-C', '--work-tree', '--git-dir']).some((o) => o.depth === 0);
    const stagedOnly = sub === 'restore' && a.has('--staged', '-S') && !a.has('--worktree', '-W');
    if (!elsewhere && !stagedOnly && (sub === 'checkout' || sub === 'restore')) {
      for (const word of parsed.operands) if (!word.dynamic && !word.glob) words.push({ word, how: `puts back the committed text (git ${sub})` });
    }
    // `git checkout-index -f f` writes the staged text over f; `git mv -f a f` puts a in f's place.
    // (git's entry does not describe checkout-index: its name is then the first operand.)
    const plumbing = sub === undefined && parsed.operands[0]?.text === 'checkout-index';
    if (!elsewhere && (sub === 'checkout-index' || plumbing) && a.has('-f', '--force')) {
      const named = parsed.operands.slice(plumbing ? 1 : 0);
      const all = a.has('-a', '--all') ? [{ text: '.', raw: '.', dynamic: false, glob: false }] : [];
      for (const word of [...named, ...all]) if (!word.dynamic && !word.glob) words.push({ word, how: 'puts back the staged text (git checkout-index -f)' });
    }
    if (!elsewhere && sub === 'mv' && a.has('-f', '--force') && parsed.operands.length === 2) {
      const dest = parsed.operands[1]!;
      if (!dest.dynamic && !dest.glob) words.push({ word: dest, how: `puts ${parsed.operands[0]!.text} in its place (git mv -f)` });
    }
    // `git rm` refuses a file with local changes unless forced; `--cached` keeps the file.
    if (!elsewhere && sub === 'rm' && a.has('-f', '--force') && !a.has('--cached')) {
      for (const word of parsed.operands) if (!word.dynamic && !word.glob) words.push({ word, how: 'deletes it (git rm --force)' });
    }
  } else {
    for (const effect of effectsOf(inv)) if (effect.kind === 'delete' && !effect.word.dynamic) words.push({ word: effect.word, how: `deletes it (${inv.name})` });
  }
  return [...modifiedFindings(words, inv, ctx), ...changedListDiscarded(inv, ctx)];
}

/**
 * `git diff --name-only | xargs git checkout --`, `git ls-files -m | xargs git restore` (round 8): the
 * files xargs hands on are exactly the ones holding uncommitted changes; with any in the work tree, they are lost.
 */
function changedListDiscarded(inv: Invocation, ctx: RuleContext): Finding[] {
  if (!inv.via.includes('xargs') || inv.stdin?.kind !== 'pipe' || !ctx.facts.gitPathStates) return [];
  // Editors keep the work they change (`xargs sed -i s/a/b/`); git only loses it by putting back or removing.
  if (inv.name === 'git') {
    const parsed = parsedArgs(inv.args, git);
    const a = toolArgs('git', parsed, git);
    const sub = parsed.path[0] ?? '';
    if (!/^(checkout|restore|rm|checkout-index)$/.test(sub) || (sub === 'restore' && a.has('--staged', '-S') && !a.has('--worktree', '-W')) || (sub === 'rm' && a.has('--cached'))) return [];
  } else if (IN_PLACE.has(inv.name) || IN_PLACE_EDITORS.has(inv.name)) return [];
  const fed = gitFedEffects(inv, inv.stdin.from).find((e) => e.gitScope !== undefined && !e.gitScope.untracked);
  if (!fed) return [];
  const folder = classifyPath(fed.word, inv.cwd, ctx.facts).absolute;
  let state: GitPathState | undefined;
  try {
    state = ctx.facts.gitPathStates(folder, [folder])?.[folder];
  } catch {
    state = 'unknown';
  }
  if (state !== 'modified' && state !== 'unknown') return [];
  const shown = [inv.name, ...inv.args.slice(0, 2).map((w) => w.text)].join(' ');
  const env = ctx.environmentOf({ values: [fed.word.text], remote: false });
  const target: Target = { kind: 'path', name: fed.word.text, provider: 'filesystem', remote: false, environment: env.environment, environmentReason: env.reason };
  const how = inv.name === 'git' ? 'puts back the committed text of each one' : 'changes each one';
  return [{ rule: 'clobber.uncommitted-work', risk: 'destructive', severity: 'ask', reason: `${shown}, fed by xargs the files git lists as changed, ${how}: ${state === 'modified' ? 'the work tree holds changes that are not committed, and git cannot bring them back' : 'git could not say in time whether the work tree holds uncommitted changes (answering conservatively)'}.`, targets: [target] }];
}

/** Files one command is checked for uncommitted changes one by one (each may read the file and ask git). */
const MAX_CHECKED = 24;

/** Findings for the words whose files hold uncommitted changes. */
function modifiedFindings(words: readonly { word: ArgWord; how: string }[], inv: Invocation, ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const named = words.filter(({ word }) => word.text !== '' && !word.text.startsWith('/dev/') && !word.glob && !/[*?[]/.test(word.text));
  const held = (): boolean => {
    const kept = named.filter(({ word }) => !['scratch', 'routine'].includes(classifyPath(word, inv.cwd, ctx.facts).class));
    return new Set(kept.map(({ word }) => word.text)).size > MAX_CHECKED && ctx.facts.gitPathStates?.(inv.cwd, []) !== undefined;
  };
  if (named.length > MAX_CHECKED && held()) {
    // Past the files checked one by one, one of the rest may hold uncommitted work: not "nothing there".
    const first = named[MAX_CHECKED]!;
    const env = ctx.environmentOf({ values: [first.word.text], remote: false });
    const target: Target = { kind: 'path', name: first.word.text, provider: 'filesystem', remote: false, environment: env.environment, environmentReason: env.reason };
    findings.push({ rule: 'clobber.uncommitted-work', risk: 'destructive', severity: 'ask', reason: `This names more than ${MAX_CHECKED} files (${inv.name}); the guard checks that many for changes that are not committed, and one of the rest may hold some (the check was cut short; answering conservatively).`, targets: [target] });
  }
  for (const { word, how } of words.slice(0, MAX_CHECKED)) {
    // A glob names the files it matches, not the folder around it: those are judged where the shell expands them.
    if (word.text === '' || word.text.startsWith('/dev/') || word.glob || /[*?[]/.test(word.text)) continue;
    const path = classifyPath(word, inv.cwd, ctx.facts);
    if (seen.has(path.absolute) || path.class === 'scratch' || !exists(path.absolute, ctx.facts)) continue;
    seen.add(path.absolute);
    const state = gitState(path.absolute, ctx.facts);
    // 'unknown': git's answer was cut short (its time limit, too many files below): it may hold such changes.
    // Rebuilt folders (node_modules, dist) hold no work of anyone's.
    if (state !== 'modified' && (state !== 'unknown' || path.class === 'routine')) continue;
    const env = ctx.environmentOf({ values: [word.text], remote: false });
    const target: Target = { kind: 'path', name: word.text, provider: 'filesystem', remote: false, environment: env.environment, environmentReason: env.reason };
    const reason =
      state === 'modified'
        ? `${word.text} holds changes that are not committed; this ${how}, and git cannot bring those changes back.`
        : `${word.text}: git could not say in time whether it holds changes that are not committed, and this ${how} (the check was cut short; answering conservatively).`;
    findings.push({ rule: 'clobber.uncommitted-work', risk: 'destructive', severity: 'ask', reason, targets: [target] });
    if (findings.length >= 5) break;
  }
  return findings;
}

/** `python3 -c 'open("index.ts", "w").close()'`: code that opens an uncommitted file for writing from the start. */
function snippetDiscards(snippet: CodeSnippet, ctx: RuleContext): Finding[] {
  const inv = snippet.runner;
  if (inv.remote || !ctx.facts.gitPathStates || inv.cwdUncertain === true) return [];
  return modifiedFindings(emptiedBySnippet(snippet).map((word) => ({ word, how: `overwrites it (${inv.name} code)` })), inv, ctx);
}

/**
 * `mv uploads /tmp/trash-$(date +%s)`: data git does not hold (an ignored folder of uploads, a local
 * database) moved out of the project into a temporary folder, which is cleaned without asking (and
 * often deleted by the next command). Moving build output or caches there stays allowed.
 */
function movedToScratch(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.name !== 'mv' || !ctx.facts.gitPathStates) return [];
  const read = readEffectArgs(inv.args, grammarOf('mv'));
  const into = read.options.find((o) => o.name === 't' || o.name === 'target-directory')?.value;
  const dest = into ?? read.operands[read.operands.length - 1];
  const sources = into ? read.operands : read.operands.slice(0, -1);
  const to = dest ? classifyPath(dest, inv.cwd, ctx.facts) : undefined;
  if (!dest || !to || sources.length === 0 || (to.class !== 'scratch' && !/^\/(tmp|var\/tmp|private\/tmp|dev\/shm)\/?$/.test(to.absolute))) return [];
  const findings: Finding[] = [];
  for (const word of sources.slice(0, 8)) {
    if (word.dynamic) continue;
    const path = classifyPath(word, inv.cwd, ctx.facts);
    if (path.class === 'scratch' || path.class === 'routine' || !exists(path.absolute, ctx.facts)) continue;
    const state = gitState(path.absolute, ctx.facts);
    // A credential file moved aside (`mv -t /tmp/keep key.json`) is the credential rules' question, not lost data.
    if (ctx.facts.credentials?.fileInfo(path.absolute)) continue;
    const kind = state === 'ignored' && !REGENERATED.test(insideRoot(path.absolute, ctx.facts)) ? (untrackedKind(word.text, inv, ctx) ?? 'data git ignores (no commit holds it)') : state === 'modified' ? 'changes that are not committed' : undefined;
    if (!kind) continue;
    const env = ctx.environmentOf({ values: [word.text], remote: false });
    const target: Target = { kind: 'path', name: word.text, provider: 'filesystem', remote: false, environment: env.environment, environmentReason: env.reason };
    findings.push({ rule: 'clobber.moved-to-scratch', risk: 'destructive', severity: 'ask', reason: `Moves ${word.text}, ${kind}, out of the project into the temporary folder ${dest.text}, which is cleaned without asking.`, targets: [target] });
  }
  return findings;
}

/** `shutil.move('storage', '/tmp/x')`, `fs.renameSync(…)`, `FileUtils.mv`, `File.rename`, `os.rename`: a move in code, judged as the `mv` it is. */
const MOVING_CALLS = /\b(?:os\.(?:replace|rename)|shutil\.move|(?:fs\.|fsp\.|promises\.)?(?:renameSync|rename)|FileUtils\.(?:mv|move)|File\.rename|Deno\.rename(?:Sync)?)\s*\(\s*(['"`])([^'"`]+)\1\s*,\s*(['"`])([^'"`]+)\3/g;

function snippetMoves(snippet: CodeSnippet, ctx: RuleContext): Finding[] {
  if (!['python', 'javascript', 'ruby', 'perl', 'php'].includes(snippet.language) || snippet.runner.remote) return [];
  const out: Finding[] = [];
  const literal = (text: string) => ({ text, raw: text, dynamic: false, glob: false });
  for (const m of snippet.text.slice(0, 100_000).matchAll(MOVING_CALLS)) {
    if (out.length >= 8) break;
    out.push(...movedToScratch({ ...snippet.runner, name: 'mv', args: [literal(m[2]!), literal(m[4]!)] }, ctx));
  }
  return out;
}

export const clobberPack: RulePack = {
  id: 'clobber',
  title: 'Files git cannot bring back, overwritten',
  checkInvocation: (inv, ctx) => (inv.remote ? [] : [...check(inv, ctx), ...copiedIntoNothing(inv, ctx), ...discardedWork(inv, ctx), ...movedToScratch(inv, ctx), ...folderCopyOver(inv, ctx)]),
  checkSnippet: (snippet, ctx) => [...snippetDiscards(snippet, ctx), ...snippetMoves(snippet, ctx)],
};
