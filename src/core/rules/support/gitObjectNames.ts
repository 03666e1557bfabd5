import type { ArgWord, Facts, Invocation } from '../../policy/types';

/**
 * Object names `git cat-file` is handed other than as its operand, so `REV:path` words reach the
 * history rules however they are fed: on standard input to `--batch` (`echo HEAD~1:f | git cat-file
 * --batch`, a here-string, a list file), through a substitution (`git cat-file -p $(git rev-parse
 * HEAD~1:f)`), or through xargs from `git rev-parse HEAD~1:f`. `--batch-check` prints no text.
 */
export function fedObjectNames(inv: Invocation, rest: readonly ArgWord[], facts: Facts): string[] {
  const out: string[] = [];
  if (rest.some((a) => /^--batch(=.*)?$|^--batch-command$/.test(a.text))) {
    const s = inv.stdin;
    let text: string | undefined;
    if (s?.kind === 'herestring' || s?.kind === 'heredoc') text = s.text;
    else if (s?.kind === 'pipe' && (s.from.name === 'echo' || s.from.name === 'printf')) text = s.from.args.filter((a) => !/^-[neE]+$/.test(a.text)).map((a) => a.text.replace(/\\n/g, '\n')).join('\n');
    else if (s?.kind === 'file') text = facts.readFile(s.path);
    for (const line of (text ?? '').split('\n').slice(0, 64)) {
      const name = line.trim().replace(/^(contents|info)\s+/, '');
      if (name !== '') out.push(name);
    }
  }
  for (const a of rest) {
    if (!a.dynamic) continue;
    for (const m of a.raw.matchAll(/\$\(\s*git\s+(?:-C\s+\S+\s+)?rev-parse\s+(?:--\S+\s+)*([^\s)]+)\s*\)/g)) out.push(m[1]!.replace(/^['"]|['"]$/g, ''));
  }
  const from = inv.stdin?.kind === 'pipe' ? inv.stdin.from : undefined;
  if (from && inv.via.some((v) => v.startsWith('xargs')) && from.name === 'git' && from.args.some((a) => a.text === 'rev-parse')) {
    out.push(...from.args.filter((a) => a.text.includes(':')).map((a) => a.text));
  }
  return out.slice(0, 64);
}

/** The path a `REV:path` object name reads (`HEAD~1:f`, `:/message:f`, `:0:f` from the index), or undefined. */
export function pathOfObjectName(text: string): string | undefined {
  if (/^[a-z]+:\/\//.test(text)) return undefined;
  const byMessage = /^:\/[^:]*:(.+)$/.exec(text);
  if (byMessage) return byMessage[1];
  const staged = /^:[0-3]:(.+)$/.exec(text);
  if (staged) return staged[1];
  const revPath = /^[^-:][^:]*:([^/].*)$/.exec(text);
  return revPath?.[1];
}
