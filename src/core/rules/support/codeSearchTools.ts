import { ownTable } from '../../ownTable';
import { resolvePath } from '../../paths';
import type { Finding, Invocation, RuleContext } from '../../policy/types';
import { readFinding } from '../credentials';
import { gitignored } from './credentialPaths';
import { isHuntPattern } from '../../credentials/searchPatterns';

/** A pattern that names secrets, or one made only of placeholders (`$K = $V`, `:[k]=:[v]`): it matches every setting. */
const huntOrCatchAll = (p: string | undefined): boolean => p === undefined || isHuntPattern(p) || /^[\s=:;,'"()[\]{}]*$/.test(p.replace(/\$\$?\$?[A-Z_][A-Z0-9_]*|:\[[^\]]*\]/g, ''));

/**
 * Structural and indexed code searches and secret scanners that print what they match (red team round
 * 11): `ast-grep run -p '$K = $V' .` prints every assignment, `comby 'password=:[v]' '' -d .` every match,
 * `csearch -i secret` the indexed lines, `whispers .` and `semgrep --config p/secrets .` each finding with
 * its value. Over a tree holding credential files they print the secrets: each file reached asks.
 */
interface CodeSearch {
  /** The words that make a run search (a subcommand), or undefined for any run. */
  when?: (words: readonly string[]) => boolean;
  /** Options whose value is the folder searched. */
  dirOptions?: readonly string[];
  /** Options whose value is not a folder. */
  valued: readonly string[];
  /** Skips gitignored files (ast-grep, semgrep honour .gitignore). */
  honoursIgnore: boolean;
  verb: string;
}

const CODE_SEARCHES: Readonly<Record<string, CodeSearch>> = ownTable({
  'ast-grep': { when: (w) => (w[0] === undefined || w[0] === 'run' || w[0].startsWith('-')) && huntOrCatchAll(w[w.findIndex((x) => x === '-p' || x === '--pattern') + 1]) || w[0] === 'scan' && w.some((x) => /secret|credential|password|token/i.test(x)), valued: ['-p', '--pattern', '-l', '--lang', '-r', '--rewrite', '--selector', '--strictness', '-c', '--config', '-j', '--threads', '--globs', '--json', '--color', '--debug-query', '--inline-rules', '--filter'], honoursIgnore: true, verb: 'prints the code it matches in' },
  comby: { when: (w) => huntOrCatchAll(w.find((x) => !x.startsWith('-'))), dirOptions: ['-d', '-directory'], valued: ['-f', '-matcher', '-exclude', '-exclude-dir', '-templates', '-j', '-jobs', '-timeout', '-extensions', '-rule'], honoursIgnore: false, verb: 'prints the matches it finds in' },
  csearch: { when: (w) => huntOrCatchAll(w.find((x) => !x.startsWith('-'))), valued: ['-f', '-c'], honoursIgnore: false, verb: 'prints the indexed lines it matches in' },
  whispers: { valued: ['-c', '--config', '-o', '--output', '-e', '--exitcode', '-f', '--files', '-r', '--rules', '-s', '--severity', '--xml'], honoursIgnore: false, verb: 'prints each secret it finds (with its value) in' },
  semgrep: { when: (w) => w.some((x) => /secret|credential|password|token|gitleaks/i.test(x)), valued: ['-c', '--config', '-e', '--pattern', '-l', '--lang', '-o', '--output', '--exclude', '--include', '-j', '--jobs', '--timeout', '--severity'], honoursIgnore: true, verb: 'prints each secret finding (with the matched line) in' },
});

export function checkCodeSearchTools(inv: Invocation, ctx: RuleContext): Finding[] {
  const spec = CODE_SEARCHES[inv.name];
  const credentials = ctx.facts.credentials;
  if (!spec || !credentials) return [];
  const words = inv.args.map((a) => a.text);
  if (spec.when && !spec.when(words)) return [];
  const facts = ctx.facts;
  const cwd = inv.cwd || facts.cwd;
  const roots: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (spec.dirOptions?.includes(w)) {
      if (words[i + 1] !== undefined) roots.push(words[i + 1] as string);
      i++;
    } else if (w.startsWith('-')) {
      if (spec.valued.includes(w)) i++;
    } else if (inv.name !== 'csearch' && inv.name !== 'comby' && !['run', 'scan'].includes(w)) roots.push(w);
  }
  // csearch answers from the index cindex built (the working folder's tree by default).
  const folders = (roots.length > 0 ? roots : ['.']).map((r) => resolvePath(cwd, r, facts.home));
  const out: Finding[] = [];
  for (const dir of folders.slice(0, 4)) {
    for (const f of credentials.filesUnder(dir).slice(0, 64)) {
      if (spec.honoursIgnore && gitignored(f.path, facts)) continue;
      out.push(readFinding(spec.verb, f, inv.name));
      if (out.length >= 3) return out;
    }
  }
  return out;
}
