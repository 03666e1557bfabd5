import type { Facts, Finding, Invocation } from '../../policy/types';
import { readFinding } from '../credentials';
import { infoFor, pathsOfWord } from './credentialPaths';

/**
 * Vim-family editors run in batch (`vim -c 'e ~/.aws/credentials' -c 'w! /tmp/c' -c 'qa!'`, `nvim
 * --headless -c 'e FILE | w! COPY'`): the files their Ex commands open (`:e`, `:edit`, `:r`, `:read`,
 * `:sp`, `:tabe`, `:badd`) are read, and a `:w` writes them elsewhere.
 */

const EDITORS = new Set(['vim', 'vi', 'nvim', 'ex', 'view', 'gvim', 'vimdiff', 'nvimdiff']);
const OPENS = /^\s*:?\s*(?:e|edit|e!|edit!|r|read|sp|split|vs|vsplit|tabe|tabedit|badd|view|sv|sview)\s+(\S+)/;

export function checkEditorBatchReads(inv: Invocation, facts: Facts): Finding[] {
  if (!EDITORS.has(inv.name)) return [];
  const cwd = inv.cwd || facts.cwd;
  const commands: string[] = [];
  inv.args.forEach((a, i) => {
    if ((a.text === '-c' || a.text === '--cmd') && inv.args[i + 1]) commands.push(inv.args[i + 1]?.text ?? '');
    else if (a.text.startsWith('+') && a.text.length > 1) commands.push(a.text.slice(1));
  });
  for (const c of commands.flatMap((c) => c.split('|'))) {
    const m = OPENS.exec(c);
    if (!m) continue;
    for (const p of pathsOfWord({ text: m[1] as string, raw: m[1] as string, dynamic: false, glob: false }, cwd, facts)) {
      const info = infoFor(p, facts);
      if (info) return [{ ...readFinding('opens', info, `${inv.name} (an Ex command given on the command line)`), rule: 'credentials.read' }];
    }
  }
  return [];
}
