import { minimatch } from 'minimatch';
import { resolvePath } from '../../paths';
import { sedInPlaceWrites } from '../deferred/sedEdit';
import type { Analysis, Finding, Invocation, RuleContext } from '../../policy/types';
import { readFinding } from '../credentials';
import { infoFor } from './credentialPaths';
import { gitStart } from './gitGlobals';
import { sentOut } from './gitSecretRoads';
import { freeFormReadings } from '../../registry/freeForm';

/**
 * An ignore rule undone on the line that then stages in bulk: `echo '!.env.production' >> .gitignore
 * && git add -A` takes the credential file the ignore file kept out. Git's view is read before the line
 * runs, so the staging rules see the file as ignored; the negated patterns written here are followed.
 */

const IGNORE_FILES = /(^|\/)(\.gitignore|\.git\/info\/exclude)$/;

/** `!pattern` lines an echo / printf / heredoc writes into an ignore file. */
function negatedPatterns(inv: Invocation): string[] {
  if (!inv.redirects.some((r) => (r.op === '>>' || r.op === '>') && IGNORE_FILES.test(r.target.text))) return [];
  const text = inv.name === 'echo' || inv.name === 'printf' ? inv.args.map((a) => a.text).join(' ') : inv.stdin?.kind === 'heredoc' || inv.stdin?.kind === 'herestring' ? inv.stdin.text : '';
  return [...text.replace(/\\n/g, '\n').matchAll(/(?:^|\s)!([^\s!]+)/gm)].map((m) => (m[1] as string).replace(/^\//, ''));
}

/** Programs that edit a file in place with an option (`sed -i`, `perl -pi -e`), or remove, move or empty it. */
const IN_PLACE = new Set(['sed', 'gsed', 'perl', 'ruby']);
const REMOVERS = new Set(['rm', 'unlink', 'mv', 'truncate', 'shred']);

/**
 * Does this command take rules out of an ignore file: emptied or overwritten (`> .gitignore`), edited
 * in place (`sed -i '/^.env/d' .gitignore`), removed or moved away (`rm .gitignore`, `git rm .gitignore`)?
 */
function loosensIgnoreFile(inv: Invocation, ctx: RuleContext): Loosened | undefined {
  if (inv.redirects.some((r) => r.op === '>' && IGNORE_FILES.test(r.target.text))) return 'all';
  // Operands are words of the invocation: a line naming no ignore file loosens none (most lines; no reading made).
  if (!inv.args.some((w) => IGNORE_FILES.test(w.text))) return undefined;
  const words = inv.name === 'git' ? gitStart(inv, ctx.facts) : undefined;
  const args = words ? words.rest : inv.args;
  const { usual } = freeFormReadings(args);
  if (!usual.operands.some((w) => IGNORE_FILES.test(w.text))) return undefined;
  if (REMOVERS.has(inv.name) || (words && (words.sub === 'rm' || words.sub === 'mv'))) return 'all';
  // `-i`, `-i.bak`, `-pi`, `--in-place`: the option's letters, read by the free-form grammar.
  if (!IN_PLACE.has(inv.name) || !usual.options.some((o) => /^-[a-zA-Z]*i|^--in-place/.test(o.name))) return undefined;
  // A plain substitution sed can be followed: only the rules it takes out count.
  const cwd = inv.cwd || ctx.facts.cwd;
  const writes = sedInPlaceWrites(inv, ctx.facts, cwd).filter((w) => IGNORE_FILES.test(w.path));
  if (writes.length === 0) return 'all';
  const removed = writes.flatMap((w) => {
    const kept = new Set(w.text.split('\n').map((l) => l.trim()));
    return (ctx.facts.readFile(w.path) ?? '').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#') && !kept.has(l));
  });
  return removed.length === 0 ? undefined : removed;
}

/** Every rule may be gone (`'all'`), or these rules were taken out. */
type Loosened = 'all' | string[];

/** Does an ignore rule that was taken out match this workspace-relative credential file? */
function ruleMatches(rule: string, path: string): boolean {
  const pattern = rule.replace(/^\//, '').replace(/\/$/, '');
  const name = path.slice(path.lastIndexOf('/') + 1);
  return minimatch(path, pattern, { dot: true }) || minimatch(name, pattern, { dot: true }) || minimatch(path, `${pattern}/**`, { dot: true });
}

function stagesInBulk(inv: Invocation, ctx: RuleContext): boolean {
  if (inv.name !== 'git') return false;
  const { sub, rest } = gitStart(inv, ctx.facts);
  const words = rest.map((w) => w.text);
  if (sub === 'add') return words.some((w) => ['-A', '--all', '.', ':/', '-f', '--force'].includes(w) || /^-[a-zA-Z]*A/.test(w));
  if (sub === 'commit') return words.some((w) => w === '--all' || /^-[a-zA-Z]*a/.test(w));
  return false;
}

/**
 * Stop 34 (round 18): the ignore rule taken out on its own, with no staging on the line: the credential
 * file it kept out (`.env.production` after `echo '!.env.production' >> .gitignore` or `sed -i '/\.env/d'
 * .gitignore`) is staged by the next `git add .` or `commit -a` and published by the push after it. Asks,
 * naming the file (never its content). Rules that keep no credential file out (`!dist/keep.txt`, a build
 * folder's line) stay allowed.
 */
function unignoredCredential(inv: Invocation, loosened: Loosened | undefined, negated: readonly string[], cwd: string, ctx: RuleContext): Finding | undefined {
  const facts = ctx.facts;
  const root = facts.workspaceRoots.filter((r) => r === cwd || cwd.startsWith(r + '/')).sort((x, y) => y.length - x.length)[0] ?? cwd;
  let info = negated.filter((pattern) => !/[*?[]/.test(pattern)).map((pattern) => resolvePath(cwd, pattern, facts.home)).filter((abs) => facts.fileStatus?.(abs) === 'file').map((abs) => infoFor(abs, facts)).find((i) => i !== undefined);
  const globbed = negated.filter((pattern) => /[*?[]/.test(pattern));
  if (!info && (loosened !== undefined || globbed.length > 0) && facts.credentials) {
    const rules = loosened === 'all' ? 'all' : [...(loosened ?? []), ...globbed];
    info = facts.credentials.filesUnder(root).find((f) => rules === 'all' || rules.some((r) => ruleMatches(r, f.path.startsWith(root + '/') ? f.path.slice(root.length + 1) : f.path)));
  }
  if (!info) return undefined;
  const does = negated.length > 0 ? 'writes a "!" rule into' : loosened === 'all' ? 'empties or removes' : 'takes rules out of';
  return { ...readFinding('stages', info, `${inv.name} ${does} the ignore file, so the next bulk git add or commit -a (and the push after it)`), rule: 'credentials.unignored' };
}

export function checkUnignoredStaging(analysis: Analysis, ctx: RuleContext): Finding[] {
  const facts = ctx.facts;
  const negated: { pattern: string; dir: string }[] = [];
  let loosened: Loosened | undefined;
  let alone: Finding | undefined;
  for (const inv of analysis.invocations.slice(0, 256)) {
    const cwd = inv.cwd || facts.cwd;
    const written = negatedPatterns(inv);
    for (const pattern of written) negated.push({ pattern, dir: cwd });
    const now = loosensIgnoreFile(inv, ctx);
    if (now !== undefined) loosened = now === 'all' || loosened === 'all' ? 'all' : [...(loosened ?? []), ...now];
    if (!alone && (written.length > 0 || now !== undefined)) alone = unignoredCredential(inv, now, written, cwd, ctx);
    if (loosened !== undefined && stagesInBulk(inv, ctx) && facts.credentials) {
      // Every credential file from here down may now be staged (or those the rules taken out kept out).
      const rules = loosened;
      const info = facts.credentials.filesUnder(gitStart(inv, facts).cwd).find((f) => rules === 'all' || rules.some((r) => ruleMatches(r, f.path)));
      const pushed = analysis.invocations.some((p) => p.name === 'git' && gitStart(p, facts).sub === 'push');
      const found = info ? [{ ...readFinding('stages', info, 'A bulk git add or commit (after the ignore file was emptied, edited or removed in this line)'), rule: 'credentials.unignored-staging' }] : [];
      if (found.length > 0) return pushed ? sentOut(found, ctx, [info?.path ?? '']) : found;
    }
    if (negated.length === 0 || !stagesInBulk(inv, ctx)) continue;
    for (const { pattern, dir } of negated) {
      if (/[*?[]/.test(pattern)) continue;
      const abs = resolvePath(dir, pattern, facts.home);
      const info = facts.fileStatus?.(abs) === 'file' ? infoFor(abs, facts) : undefined;
      const pushed = analysis.invocations.some((p) => p.name === 'git' && gitStart(p, facts).sub === 'push');
      const found = info ? [{ ...readFinding('stages', info, `A bulk git add or commit (after "!${pattern}" was written to the ignore file in this line)`), rule: 'credentials.unignored-staging' }] : [];
      if (found.length > 0) return pushed ? sentOut(found, ctx, [info?.path ?? '']) : found;
    }
  }
  return alone ? [alone] : [];
}
