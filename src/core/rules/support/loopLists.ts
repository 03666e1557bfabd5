import { resolvePath } from '../../paths';
import type { Analysis, ArgWord, CredentialFileInfo, Finding, RuleContext } from '../../policy/types';
import { METADATA_ONLY } from '../../registry/fileOperandTraits';
import { readFinding } from '../credentials';
import { infoFor } from './credentialPaths';

/**
 * A file list read line by line into a variable that names each file to a reader: `while read f; do
 * cat "$f"; done < list`, `while IFS= read -r f; do base64 "$f"; done < list`. The list's lines, read
 * now (a file the command names), are the files the loop's reader reads.
 */

/** The largest list read, and the lines looked at. */
const MAX_LIST_TEXT = 64 * 1024;
const MAX_LINES = 256;

/** The variable a `read` fills (its last operand; `read -r f`, `read -d '' f`, `IFS= read f`). */
function readVariables(analysis: Analysis): Set<string> {
  const out = new Set<string>();
  for (const inv of analysis.invocations) {
    if (inv.name !== 'read') continue;
    const names = inv.args.filter((a) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(a.text));
    const last = names[names.length - 1];
    if (last) out.add(last.text);
  }
  return out;
}

/** `$f`, `"$f"`, `${f}`: the word is the variable whole. */
function variableOf(word: ArgWord): string | undefined {
  return /^"?\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?"?$/.exec(word.raw)?.[1];
}

export function checkLoopLists(analysis: Analysis, ctx: RuleContext): Finding[] {
  const loops = analysis.invocations.filter((inv) => inv.via.some((v) => /^(while|until) </.test(v)) && inv.stdin?.kind === 'file');
  if (loops.length === 0) return [];
  const variables = readVariables(analysis);
  if (variables.size === 0) return [];
  const readers = analysis.invocations.filter((inv) => inv.name !== 'read' && !METADATA_ONLY.has(inv.name) && inv.args.some((a) => variables.has(variableOf(a) ?? '')));
  if (readers.length === 0) return [];
  const facts = ctx.facts;
  const out: Finding[] = [];
  for (const loop of loops.slice(0, 4)) {
    if (loop.stdin?.kind !== 'file') continue;
    const list = loop.stdin.path;
    const text = facts.readFile(resolvePath(loop.cwd || facts.cwd, list, facts.home))?.slice(0, MAX_LIST_TEXT) ?? '';
    const seen: CredentialFileInfo[] = [];
    for (const line of text.split('\n').slice(0, MAX_LINES)) {
      const name = line.trim();
      if (name === '') continue;
      const info = infoFor(resolvePath(loop.cwd || facts.cwd, name, facts.home), facts);
      if (!info || seen.some((s) => s.path === info.path)) continue;
      seen.push(info);
      const reader = readers[0]!;
      out.push(readFinding('reads', info, `${reader.name} (on each file ${list} lists, read line by line)`));
      if (seen.length >= 8) break;
    }
  }
  return out;
}
