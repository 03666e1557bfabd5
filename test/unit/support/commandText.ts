import type { ArgWord, Invocation } from '../../../src/core/policy/types';

/**
 * The shell command line an argv-built invocation stands for, so a pack's table can go through the
 * engine's real path (`runPack`: shell analysis, then `findingsOf`) instead of calling the pack with
 * a hand-made invocation. Words with `$` stay expansions ("$DATABASE_URL"); the rest are quoted.
 */

function quoted(word: ArgWord): string {
  if (word.dynamic) return `"${word.text.replace(/"/g, '\\"')}"`;
  if (/^[\w@%+=:,./-]+$/.test(word.text)) return word.text;
  return `'${word.text.replace(/'/g, `'\\''`)}'`;
}

export function commandText(inv: Invocation): string {
  const assignments = Object.entries(inv.assignments).map(([k, v]) => `${k}=${quoted({ text: v, raw: v, dynamic: /\$|`/.test(v), glob: false })}`);
  const words = [...assignments, inv.command, ...inv.args.map(quoted)];
  for (const r of inv.redirects) words.push(`${r.op} ${quoted(r.target)}`);
  const s = inv.stdin;
  if (s?.kind === 'herestring') words.push(`<<< ${quoted({ text: s.text, raw: s.text, dynamic: false, glob: false })}`);
  if (s?.kind === 'file') words.push(`< ${s.path}`);
  const line = words.join(' ');
  if (s?.kind === 'pipe') return `${commandText(s.from)} | ${line}`;
  if (s?.kind === 'heredoc') return `${line} <<'EOF'\n${s.text.replace(/\n$/, '')}\nEOF`;
  return line;
}
