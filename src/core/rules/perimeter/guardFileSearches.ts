import { minimatch } from 'minimatch';
import { isWithin, resolvePath } from '../../paths';
import type { Analysis, ArgWord, Finding, Invocation, RuleContext } from '../../policy/types';
import { expandKnown, perimeterFinding, DENY_SUFFIX, withoutProcAlias } from './perimeterFinding';
import { chainOf } from './processSelection';
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
  let i = 0;
  while (i < args.length && /^-[HLP]$|^-O\d$|^-D$/.test(args[i]!.text)) i += args[i]!.text === '-D' ? 2 : 1;
  while (i < args.length && !/^[-(!]/.test(args[i]!.text)) s.roots.push(args[i++]!);
  for (let k = i; k < args.length; k++) {
    const t = args[k]!.text;
    const value = args[k + 1]?.text ?? '';
    if (t === '-name' || t === '-iname' || t === '-lname' || t === '-ilname') (s.patterns.push(value), k++);
    else if (/^-i?(path|wholename|regex)$/.test(t)) (s.paths.push(value), k++);
    else if (/^-(exec|execdir|ok|okdir|fprint0?|fprintf|fls|delete)$/.test(t)) s.runs = true;
  }
  return s;
}

function fdSearch(args: readonly ArgWord[]): Search {
  const s: Search = { roots: [], patterns: [], paths: [], runs: false };
  const operands: ArgWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const t = args[i]!.text;
    if (/^-(x|X|-exec|-exec-batch)$/.test(t)) {
      s.runs = true;
      break;
    }
    if (/^-(e|t|d|E|j|c|-extension|-type|-max-depth|-exclude|-threads|-color|-search-path|-base-directory|-size|-changed-within|-changed-before|-owner)$/.test(t)) {
      if (t === '--search-path' || t === '--base-directory') s.roots.push(args[i + 1] ?? args[i]!);
      i++;
    } else if (!t.startsWith('-')) operands.push(args[i]!);
  }
  if (operands[0]) s.patterns.push(operands[0].text);
  s.roots.push(...operands.slice(1));
  return s;
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
