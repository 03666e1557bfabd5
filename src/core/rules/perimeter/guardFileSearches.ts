import { minimatch } from 'minimatch';
import { isWithin, resolvePath } from '../../paths';
import type { Analysis, ArgWord, Finding, Invocation, RuleContext } from '../../policy/types';
import { expandKnown, perimeterFinding, DENY_SUFFIX, withoutProcAlias } from './perimeterFinding';
import { chainOf } from './processSelection';
import { parsedArgs, toolArgs } from '../../registry/commandModel';
import type { GrammarSpec } from '../../registry/grammar';
import { valuedEach } from '../../registry/tools/options';
import { perimeterView } from './protectedPaths';

/**
 * A search of a folder above the guard's own (`find ~`, `find /`, `fd -H key ~`) for files named like
 * the guard's (its decision server's `key`, its audit log, its window tokens, its hook shim) whose
 * results are handed to another program: `find ~ -name key | xargs cat`, `find ~ -name audit.log |
 * xargs truncate -s0`, `find ~ -name key -exec cp {} /tmp/k \;`. The path judge never sees the guard's
 * path, only the search; what it finds is the guard's key or log. A search that only lists (`find ~
 * -name key`, `| head`, `| wc -l`) names no content and stays allowed.
 */

/** Stems of the names of the guard's own files: a name pattern with one of these stems looks for them. */
const GUARD_FILE_STEM = /^(key|audit|decider|installs|server\.pid|blast[-_]?shield[^/]*|cli-main|[^/]*\.window)(\.[^/]*)?$/i;
/** A few of the guard's file names, tried against broader patterns (`k?y`, `audit*`, `*.jsonl`). */
const GUARD_FILES = ['key', 'audit.jsonl', 'audit.head.json', 'decider.sock', 'server.pid', 'installs.json', 'blast-shield-hook', 'cli-main.js', 'a1b2c3.window.json'];
/** Path patterns that name the guard's folders. */
const GUARD_PATH_WORDS = /blast|shield|decider|(^|[^a-z])ipc([^a-z]|$)/i;
/** Programs a list of names is only shown or counted by. */
const VIEWERS: ReadonlySet<string> = new Set(['head', 'tail', 'sort', 'uniq', 'wc', 'grep', 'less', 'more', 'cut', 'awk', 'sed', 'tr', 'column', 'nl', 'cat']);

interface Search {
  roots: ArgWord[];
  patterns: string[];
  paths: string[];
  runs: boolean;
}

function findSearch(args: readonly ArgWord[]): Search {
  const s: Search = { roots: [], patterns: [], paths: [], runs: false };
  // Not an option reader: find's words after its roots are an expression (`-name X`, `-exec … ;`), read as such.
  const words = args.map((a) => a.text);
  let i = 0;
  while (i < words.length && /^-[HLP]$|^-O\d$/.test(words[i]!)) i++;
  while (i < words.length && !/^[-(!]/.test(words[i]!)) s.roots.push(args[i++]!);
  for (let k = i; k < words.length; k++) {
    const primary = words[k]!;
    if (/^-i?l?name$/.test(primary)) s.patterns.push(words[++k] ?? '');
    else if (/^-i?(path|wholename|regex)$/.test(primary)) s.paths.push(words[++k] ?? '');
    else if (/^-(exec|execdir|ok|okdir|fprint0?|fprintf|fls|delete)$/.test(primary)) s.runs = true;
  }
  return s;
}

/** fd's options that take a value; `-x`/`-X` end its own words (the rest is the command it runs). */
const FD_SPEC: GrammarSpec = {
  unknownShort: 'switch',
  unknownLong: 'switch',
  options: [
    { names: ['-x', '--exec'], takes: 'none', endsOptions: true }, { names: ['-X', '--exec-batch'], takes: 'none', endsOptions: true },
    ...valuedEach('-e', '--extension', '-t', '--type', '-d', '--max-depth', '--min-depth', '-E', '--exclude', '-j', '--threads', '-c', '--color', '-S', '--size', '--changed-within', '--changed-before', '-o', '--owner', '--search-path', '--base-directory', '--ignore-file'),
  ],
};

function fdSearch(args: readonly ArgWord[]): Search {
  const a = toolArgs('fd', parsedArgs(args, FD_SPEC), FD_SPEC);
  const runs = a.has('-x') || a.has('-X');
  const runAt = runs ? a.parsed.options.find((o) => o.name === '-x' || o.name === '-X')!.index : Infinity;
  const operands = a.parsed.operands.filter((_w, k) => a.parsed.operandIndexes[k]! < runAt);
  const roots = [...operands.slice(1), ...a.values('--search-path', '--base-directory').map((text) => ({ text, raw: text, dynamic: /[$`]/.test(text), glob: false }))];
  return { roots, patterns: operands[0] ? [operands[0].text] : [], paths: [], runs };
}

function looksForGuardFiles(s: Search): boolean {
  const names = s.patterns.some((p) => GUARD_FILE_STEM.test(p) || (/[*?[]/.test(p) && p.replace(/[*?]/g, '').length >= 2 && GUARD_FILES.some((f) => minimatch(f, p, { nocase: true, dot: true }))));
  // fd patterns are regular expressions over the name.
  return names || s.paths.some((p) => GUARD_PATH_WORDS.test(p));
}

/** Is the search's output handed to a program that reads, writes or runs what it names? */
function handedOn(inv: Invocation, s: Search, invs: readonly Invocation[]): boolean {
  if (s.runs || inv.via.some((v) => /^(\$\(|`|<\()/.test(v))) return true;
  return invs.some((other) => other !== inv && chainOf(other).includes(inv) && (other.via.some((v) => v === 'xargs' || v === 'parallel') || !VIEWERS.has(other.name)));
}

export function guardFileSearchFindings(analysis: Analysis, ctx: RuleContext): Finding[] {
  const invs = analysis.invocations;
  for (const inv of invs) {
    if (inv.remote || (inv.name !== 'find' && inv.name !== 'fd' && inv.name !== 'fdfind')) continue;
    const s = inv.name === 'find' ? findSearch(inv.args) : fdSearch(inv.args);
    if (!looksForGuardFiles(s) || !handedOn(inv, s, invs)) continue;
    const view = perimeterView(ctx.facts);
    const roots = s.roots.length > 0 ? s.roots : [{ text: '.', raw: '.', dynamic: false, glob: false }];
    const covers = roots.some((r) => {
      const text = expandKnown(r.text, ctx.facts, view, inv.cwd);
      if ((r.dynamic && /\$|`/.test(text)) || r.glob) return true;
      const abs = withoutProcAlias(resolvePath(inv.cwd, text, ctx.facts.home), inv.cwd).toLowerCase();
      return view.guardHomes.some((g) => isWithin(abs, g.toLowerCase()) || isWithin(g.toLowerCase(), abs));
    });
    if (!covers) continue;
    return [perimeterFinding('guard-file-search', `${inv.name} searches a folder holding Blast Shield's own folder for files named like its own (${[...s.patterns, ...s.paths].join(', ').slice(0, 80)}: the decision server's key, the audit log, the window tokens) and hands what it finds on to be read, copied or emptied; ${DENY_SUFFIX}.`, 'blast-shield files')];
  }
  return [];
}
