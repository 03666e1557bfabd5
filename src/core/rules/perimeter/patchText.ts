import { ownTable } from '../../ownTable';
import { basename, normalize, resolvePath } from '../../paths';
import type { PathEffect } from '../../policy/effects';
import type { ArgWord, Facts, Finding, Invocation } from '../../policy/types';
import { protectedBeneath, type PerimeterView } from './protectedPaths';

/**
 * The files a patch names: `*** Update File: x` (apply_patch), `--- a/x` / `+++ b/x` (unified diffs),
 * `diff --git a/x b/x`, `rename to x`. Prefixes are kept; the caller tries them stripped too.
 */
export function patchPaths(patch: string): string[] {
  const out = new Set<string>();
  const add = (p: string | undefined): void => {
    const t = (p ?? '').trim().replace(/\t.*$/, '');
    if (t && t !== '/dev/null') out.add(/^".*"$/.test(t) ? unquoteC(t.slice(1, -1)) : t);
  };
  for (const m of patch.matchAll(/^\*\*\* (?:Update|Add|Delete) File: (.+)$|^\*\*\* Move to: (.+)$/gm)) add(m[1] ?? m[2]);
  for (const m of patch.matchAll(/^(?:\+\+\+|---) (.+)$/gm)) add(m[1]);
  for (const m of patch.matchAll(/^diff --git ("(?:[^"\\]|\\.)*"|\S+) ("(?:[^"\\]|\\.)*"|\S+)$/gm)) {
    add(m[1]);
    add(m[2]);
  }
  for (const m of patch.matchAll(/^(?:rename|copy) (?:from|to) (.+)$/gm)) add(m[1]);
  return [...out];
}

const C_ESCAPES: Readonly<Record<string, number>> = ownTable({ a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 });

/** Git's C-quoted path (`"a/\\056cursor/hooks.json"`): octal bytes and backslash escapes, read as UTF-8. */
function unquoteC(text: string): string {
  let encoded = '';
  const byte = (b: number): string => '%' + b.toString(16).padStart(2, '0');
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '\\' || i + 1 >= text.length) {
      encoded += encodeURIComponent(c);
      continue;
    }
    const octal = /^[0-3][0-7]{2}/.exec(text.slice(i + 1, i + 4));
    if (octal) {
      encoded += byte(parseInt(octal[0], 8));
      i += 3;
    } else {
      const next = text[i + 1]!;
      encoded += C_ESCAPES[next] !== undefined ? byte(C_ESCAPES[next]) : encodeURIComponent(next);
      i += 1;
    }
  }
  try {
    return decodeURIComponent(encoded);
  } catch {
    // Not UTF-8: one character per byte, never a guess that drops the name.
    return encoded.replace(/%([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
}

/** Texts of the patches `patch` / `git apply` would apply, when all of them can be read. */
export function patchTexts(inv: Invocation, facts: Facts, cwd: string): string[] | undefined {
  const texts: string[] = [];
  const stdin = inv.stdin;
  if (stdin?.kind === 'heredoc' || stdin?.kind === 'herestring') texts.push(stdin.text);
  else if (stdin?.kind === 'file') {
    const text = facts.readFile(resolvePath(cwd, stdin.path, facts.home));
    if (text === undefined) return undefined;
    texts.push(text);
  } else if (stdin?.kind === 'pipe') return undefined;
  const files: string[] = [];
  const args = inv.args;
  for (let i = 0; i < args.length; i++) {
    const t = args[i]!.text;
    if (inv.name === 'patch') {
      if (t === '-i' || t === '--input') files.push(args[i + 1]?.text ?? '');
      else if (t.startsWith('--input=')) files.push(t.slice(8));
      else if (t.startsWith('-i') && t.length > 2) files.push(t.slice(2));
    } else if (i > 0 && !t.startsWith('-')) files.push(t);
  }
  if (inv.name === 'patch') {
    const operands = args.filter((a, i) => !a.text.startsWith('-') && !/^-[ipdoBrDFVYzg]$/.test(args[i - 1]?.text ?? ''));
    if (operands[1]) files.push(operands[1].text);
  }
  for (const f of files) {
    if (f === '-' || f === '') return undefined;
    const text = facts.readFile(resolvePath(cwd, f, facts.home));
    if (text === undefined) return undefined;
    texts.push(text);
  }
  return texts.length > 0 ? texts : undefined;
}

/** The patch files `git apply`/`git am`/`patch -i` names, when each is named plainly and none is there. */
export function missingPatchFiles(inv: Invocation, facts: Facts, cwd: string): string[] | undefined {
  if (inv.stdin && inv.stdin.kind !== 'file') return undefined;
  const args = inv.args;
  const files: ArgWord[] = [];
  if (inv.name === 'git') {
    const at = args.findIndex((a) => a.text === 'apply' || a.text === 'am');
    if (at < 0) return undefined;
    files.push(...args.slice(at + 1).filter((a) => !a.text.startsWith('-')));
  } else if (inv.name === 'patch') {
    for (let i = 0; i < args.length; i++) if (args[i]!.text === '-i' || args[i]!.text === '--input') files.push(args[i + 1]!);
  }
  if (files.length === 0 || files.some((f) => !f || f.dynamic || f.glob)) return undefined;
  const paths = files.map((f) => resolvePath(cwd, f.text, facts.home));
  return facts.fileStatus && paths.every((p) => facts.fileStatus!(p) === 'missing') ? paths : undefined;
}

/**
 * A patch file that is not there when the hook looks, applied in a folder holding protected places:
 * git and patch stop when it stays missing, but a process started earlier (a download left running in
 * the background) may write it before this runs, and then what it changes was never read. Asked.
 * `git apply --include=…` limits itself to the paths it names, which are judged instead.
 */
export function absentPatchFinding(files: readonly string[], inv: Invocation, facts: Facts, view: PerimeterView, cwd: string): Finding | undefined {
  if (inv.args.some((a) => a.text === '--include' || a.text.startsWith('--include='))) return undefined;
  if (protectedBeneath(cwd, facts, view, 1).length === 0) return undefined;
  const name = basename(files[0] ?? 'patch');
  return {
    rule: 'self-protection.absent-patch',
    risk: 'unanalyzable',
    severity: 'ask',
    reason: `${inv.name} applies ${name}, which is not there now; whatever writes it before this runs decides which files it changes (this folder holds Blast Shield's hook configurations), so it needs confirmation.`,
    targets: [{ kind: 'path', name, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }],
  };
}

/** What the perimeter's judge gives the patch reading: the facts, the view, the folder, its findings. */
export interface PatchJudge {
  facts: Facts;
  view: PerimeterView;
  cwd: string;
  findings: Finding[];
}

/**
 * What `patch`, `git apply` and `git am` write: the files their patches name (under `git apply
 * --directory=DIR` when given), the paths `--include` limits them to, or, when a patch cannot be
 * read, everything below the folder they apply in.
 */
export function patchEffects(effects: readonly PathEffect[], inv: Invocation, j: PatchJudge): readonly PathEffect[] {
  const isPatch = inv.name === 'patch' || (inv.name === 'git' && inv.args.some((a) => a.text === 'apply' || a.text === 'am'));
  if (!isPatch) return effects;
  // `git apply --include='.claude/*'`: the paths it limits itself to are what it means to change.
  const included: PathEffect[] = [];
  inv.args.forEach((a, i) => {
    const value = a.text.startsWith('--include=') ? a.text.slice('--include='.length) : a.text === '--include' ? inv.args[i + 1]?.text : undefined;
    if (inv.name === 'git' && value) included.push({ kind: 'write', word: { text: value, raw: value, dynamic: a.dynamic, glob: /[*?[]/.test(value) } });
  });
  effects = [...effects, ...included];
  const texts = patchTexts(inv, j.facts, j.cwd);
  // A patch file that is not there applies nothing now, but may be written before this runs (asked). One written earlier in the line is the line pass's question.
  const missing = texts ? undefined : missingPatchFiles(inv, j.facts, j.cwd);
  const absent = missing && absentPatchFinding(missing, inv, j.facts, j.view, j.cwd);
  if (absent) j.findings.push(absent);
  if (missing) return effects.filter((e) => e.kind !== 'extract');
  if (!texts) return effects;
  const dirWord = effects.find((e) => e.kind === 'extract')?.word;
  const directory = inv.name === 'git' ? inv.args.map((a, i) => (a.text.startsWith('--directory=') ? a.text.slice(12) : a.text === '--directory' ? inv.args[i + 1]?.text : undefined)).find((d) => d !== undefined) : undefined;
  const base = resolvePath(dirWord ? resolvePath(j.cwd, dirWord.text, j.facts.home) : j.cwd, directory ?? '.', j.facts.home);
  const written: PathEffect[] = [];
  for (const text of texts) {
    for (const p of patchPaths(text)) {
      for (const candidate of [p, p.replace(/^[ab]\//, ''), p.split('/').slice(1).join('/')]) {
        if (candidate) written.push({ kind: 'write', word: { text: normalize(base + '/' + candidate), raw: candidate, dynamic: false, glob: false } });
      }
    }
  }
  return [...effects.filter((e) => e.kind !== 'extract'), ...written];
}
