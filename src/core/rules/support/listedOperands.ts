import type { CredentialFileInfo, Facts, Invocation } from '../../policy/types';
import { infoFor, pathsOfWord } from './credentialPaths';

/**
 * Credential files a listing names by its operands and hands on through a pipe (`ls .env* | xargs
 * cat`, `ls ~/.ssh/id_* | xargs cat`, `printf '%s\n' legacy/* | xargs cat`, `echo .env | xargs cat`):
 * `ls` prints a file operand as itself (a glob the shell expands), `printf`/`echo` print their words.
 * What `ls` lists inside a folder operand is the finder's business (listerRoots.ts).
 */
const LISTERS: Readonly<Record<string, (words: readonly string[]) => number>> = {
  ls: () => 0,
  echo: () => 0,
  // The format comes first.
  printf: (words) => (words[0] !== undefined ? 1 : 0),
};

export function listedOperandFiles(from: Invocation, cwd: string, facts: Facts): CredentialFileInfo[] {
  const skip = Object.hasOwn(LISTERS, from.name) ? LISTERS[from.name] : undefined;
  if (!skip) return [];
  const operands = from.args.filter((a) => !a.text.startsWith('-') || from.name === 'printf');
  const out: CredentialFileInfo[] = [];
  for (const word of operands.slice(skip(operands.map((a) => a.text)), 64)) {
    for (const p of pathsOfWord(word, from.cwd || cwd, facts).slice(0, 256)) {
      const info = infoFor(p, facts);
      if (info && !out.some((x) => x.path === info.path)) out.push(info);
      if (out.length >= 16) return out;
    }
  }
  return out;
}
