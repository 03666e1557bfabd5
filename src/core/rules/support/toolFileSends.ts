import type { ArgWord, Finding, Invocation, RuleContext } from '../../policy/types';
import { invocationCommand } from '../../registry/commandModel';
import { optionsMatching } from '../../registry/grammar';
import { readFinding } from '../credentials';
import { infoFor, pathsOfWord } from './credentialPaths';
import { sentOut } from './gitSecretRoads';

/**
 * CLIs that take a file's text where it is printed or sent, read through their registry entries:
 * `kubectl create secret|configmap --from-file/--from-env-file … -o yaml` prints it (a dry run included),
 * without `-o` stores it in the cluster (`kubectl cp` puts it in a pod), `gh issue create --body-file .env` and `gh pr comment -F` post it, `gh secret set -f .env` stores its
 * values in a repository's secrets, `gh release upload TAG FILE` publishes it.
 */

interface FileRoad {
  tool: string;
  /** Subcommand path words (alternatives split by `|`). */
  path: string[];
  /** Options whose value is a file sent or printed. */
  options: string[];
  /** Operands after these many that are files sent. */
  operandsFrom?: number;
  /** Only when one of these options is given (kubectl prints only with `-o`). */
  when?: string[];
  verb: string;
  /** The file's text leaves for another system (a cluster, a forge): its target is remote. */
  remote?: boolean;
}

const ROADS: readonly FileRoad[] = [
  { tool: 'kubectl', path: ['create'], options: ['--from-file', '--from-env-file', '--key', '--cert'], when: ['-o'], verb: 'prints (as a manifest)' },
  // Without `-o`: the file's values are stored in the cluster, where whoever reads the namespace reads them; `cp` puts the file in a pod.
  { tool: 'kubectl', path: ['create'], options: ['--from-file', '--from-env-file', '--key', '--cert'], verb: 'stores in the cluster', remote: true },
  { tool: 'kubectl', path: ['cp'], options: [], operandsFrom: 0, verb: 'copies into a pod', remote: true },
  // `gh api … -F body=@.env`, `--input FILE`: the file's text in the request.
  { tool: 'gh', path: ['api'], options: ['--input', '-F'], verb: 'sends to the GitHub API' },
  { tool: 'gh', path: ['issue|pr', 'create|comment|edit|review'], options: ['-F'], verb: 'posts to GitHub' },
  { tool: 'gh', path: ['release', 'create'], options: ['-F'], operandsFrom: 1, verb: 'uploads to GitHub (release notes or assets)' },
  { tool: 'gh', path: ['secret|variable', 'set'], options: ['-f'], verb: 'stores in GitHub' },
  { tool: 'gh', path: ['release', 'upload'], options: [], operandsFrom: 1, verb: 'uploads to GitHub' },
  // `glab snippet create [FILE] -f NAME`: the file (or the one `--filename` names) becomes a GitLab snippet.
  { tool: 'glab', path: ['snippet', 'create|new'], options: ['-f', '--filename'], operandsFrom: 0, verb: 'uploads to GitLab (as a snippet)', remote: true },
];

/** `--from-file=key=path`: the path after a key. */
const fileOfValue = (value: string): string => (/^[\w.-]+=./.test(value) && !value.startsWith('./') ? value.slice(value.indexOf('=') + 1) : value);

export function checkToolFileSends(inv: Invocation, ctx: RuleContext): Finding[] {
  const roads = ROADS.filter((r) => r.tool === inv.name);
  if (roads.length === 0) return [];
  const command = invocationCommand(inv);
  if (!command) return [];
  const { tool, parsed } = command;
  const road = roads.find((r) => r.path.every((seg, i) => seg.split('|').includes(parsed.path[i] ?? '')) && (!r.when || optionsMatching(parsed, tool, r.when).length > 0));
  if (!road) return [];
  const words: ArgWord[] = [];
  for (const option of optionsMatching(parsed, tool, road.options)) {
    option.valueWords.forEach((w, i) => {
      const value = option.values[i] ?? w.text;
      // A field's `key=@file` reads the file; a plain `key=value` is text.
      if (road.path[0] === 'api' && option.name === '-F') {
        if (/^[\w.[\]-]+=@./.test(value)) words.push({ ...w, text: value.slice(value.indexOf('=@') + 2) });
      } else words.push({ ...w, text: fileOfValue(value) });
    });
  }
  if (road.operandsFrom !== undefined) words.push(...parsed.operands.slice(road.operandsFrom));
  const facts = ctx.facts;
  const cwd = inv.cwd || facts.cwd;
  const out: Finding[] = [];
  const shown = [inv.name, ...parsed.path].join(' ');
  for (const w of words.slice(0, 32)) {
    for (const p of pathsOfWord(w, cwd, facts)) {
      const info = infoFor(p, facts);
      if (info && !out.some((f) => f.reason.includes(` ${info.path},`))) out.push({ ...readFinding(road.verb, info, shown), rule: 'credentials.sent-out' });
    }
  }
  // kubectl prints here (or stores in the cluster); gh sends to GitHub.
  return inv.name === 'gh' || road.remote ? sentOut(out, ctx, [shown]) : out;
}
checkToolFileSends.reactsTo = (name: string): boolean => ROADS.some((r) => r.tool === name);
