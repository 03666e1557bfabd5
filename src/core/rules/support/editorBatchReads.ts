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
  // `+'lua print(io.open(os.getenv("HOME").."/.aws/credentials"):read("a"))'`, `readfile(expand("~/.netrc"))`.
  for (const c of commands) {
    for (const p of codeFileReads(c, facts.home)) {
      for (const abs of pathsOfWord({ text: p, raw: p, dynamic: false, glob: false }, cwd, facts)) {
        const info = infoFor(abs, facts);
        if (info) return [{ ...readFinding('reads', info, `${inv.name} (Lua or Vim script given on the command line)`), rule: 'credentials.read' }];
      }
    }
  }
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

/** Lua's and Vim script's file reads: `io.open(…)`, `io.lines(…)`, `readfile(…)`, `vim.fn.readfile(…)`, `dofile(…)`. */
const FILE_CALL = /\b(?:io\.open|io\.lines|vim\.fn\.readfile|readfile|loadfile|dofile|vim\.secure\.read)\s*\(\s*((?:[^(),]|\([^()]*\))+)/g;
/** The home folder as Lua and Vim script spell it. */
const HOME_PART = /^(?:os\.getenv\(\s*["']HOME["']\s*\)|vim\.env\.HOME|vim\.(?:loop|uv)\.os_homedir\(\s*\)|\$HOME|expand\(\s*["']~["']\s*\)|vim\.fn\.expand\(\s*["']~["']\s*\))$/;

/** The paths a Lua or Vim script one-liner reads, where its argument is literal strings and the home folder joined (`..` or `.`). */
function codeFileReads(code: string, home: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(FILE_CALL)) {
    const expr = (m[1] ?? '').trim();
    let path = '';
    let known = true;
    for (const raw of expr.split(/\s*\.\.\s*|\s+\.\s+|(?<=[)"'])\.(?=["'$a-z])/)) {
      const part = raw.trim();
      const literal = /^(["'])(.*)\1$/.exec(part);
      const expanded = /^(?:vim\.fn\.)?expand\(\s*(["'])(~[^"']*)\1\s*\)$/.exec(part);
      if (literal) path += literal[2];
      else if (HOME_PART.test(part)) path += home;
      else if (expanded) path += home + (expanded[2] ?? '').slice(1);
      else {
        known = false;
        break;
      }
    }
    if (known && path !== '') out.push(path);
    if (out.length >= 8) break;
  }
  return out;
}
