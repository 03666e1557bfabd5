import { resolvePath } from '../../paths';
import { parsedArgs, toolNamed } from '../../registry/commandModel';
import { grammarOf, readEffectArgs, values } from '../effectOptions';
import type { ArgWord } from '../types';
import type { Exec, Walker } from './context';

/**
 * Payloads in files the guard can read (red team round 20): a database client's script (`psql -f`,
 * `duckdb -f`, `sqlite3 db < file`: its registry entry's `fileOptions`, or standard input when no
 * statement is given) and a sed script (`sed -f`) hold the same text the tool takes inline (`psql -c`,
 * `duckdb -c`, `sqlite3 -cmd`, `sed -e`), so each file is judged as that inline form beside the
 * invocation's other words: `\o .cursor/hooks.json`, `COPY … TO '~/.bashrc'`, `writefile(…)`, a sed `w`
 * command then meet the rules that judge them inline. A file that is not there is left to the rules
 * that judged the invocation before (the database pack reads client scripts for destruction itself).
 */

function quoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

const SEDS: ReadonlySet<string> = new Set(['sed', 'gsed']);

export function payloadFilesInline(w: Walker, name: string, args: readonly ArgWord[], exec: Exec): void {
  const files: { word: ArgWord; inline: string; rest: readonly ArgWord[] }[] = [];
  if (SEDS.has(name)) {
    // The script's own text is what is judged (`w FILE`, `e COMMAND`); the files it edits were judged with the invocation.
    for (const word of values(readEffectArgs(args, grammarOf('sed')), 'f', 'file')) if (word.text !== '-') files.push({ word, inline: '-e', rest: [] });
  } else {
    const tool = toolNamed(name);
    const client = tool?.client;
    const inline = client?.statementOptions?.[0];
    if (!tool || !client || !inline) return;
    const parsed = parsedArgs(args, tool);
    const dropped = new Set<ArgWord>();
    const scripts: ArgWord[] = [];
    for (const o of parsed.options) {
      if (!(client.fileOptions ?? []).includes(o.name)) continue;
      const option = args[o.index];
      if (option) dropped.add(option);
      o.valueWords.forEach((v, n) => {
        dropped.add(v);
        scripts.push(v.text === o.values[n] ? v : { ...v, text: o.values[n] ?? v.text });
      });
    }
    const statements = parsed.options.some((o) => (client.statementOptions ?? []).includes(o.name)) || parsed.operands.length > (client.statementOperands ?? 0);
    const input = exec.redirects.find((r) => r.op === '<')?.target;
    if (scripts.length === 0 && !statements && input) scripts.push(input);
    const rest = args.filter((a) => !dropped.has(a));
    for (const word of scripts) files.push({ word, inline, rest });
  }
  const via = w.viaOf(exec);
  for (const { word, inline, rest } of files.slice(0, 8)) {
    if (word.dynamic) continue;
    const text = w.readFile(resolvePath(exec.cwd, word.text, w.facts.home), via);
    if (text === undefined || text.trim() === '') continue;
    w.analyzeText(`${name} ${rest.map((a) => a.raw).join(' ')} ${inline} ${quoted(text)}`, w.childScope(exec, `${name} ${word.text}`));
  }
}
