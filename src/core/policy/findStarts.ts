import type { ArgWord } from './types';

/**
 * find's starting points, after the few options that may come before them (`-H`/`-L` follow links named
 * there, `-P` does not; `-D debugopts`, `-Olevel`), the expression after them, and whether links named as
 * starting points are followed (`find -L link -delete` empties the link's target). Not an option reader:
 * find's expression (`-name x -delete`) is no option list, and policy/effectRules.ts reads it as tests and actions.
 */
export function findStartingPoints(args: readonly ArgWord[]): { starts: ArgWord[]; rest: readonly ArgWord[]; follows: boolean } {
  let follows = false;
  let i = 0;
  for (; i < args.length && /^-(?:[HLP]+|D|O\d*)$/.test(args[i]!.text); i++) {
    if (args[i]!.text === '-D') i++;
    else if (/^-[HLP]+$/.test(args[i]!.text)) follows = /[HL]$/.test(args[i]!.text);
  }
  const starts: ArgWord[] = [];
  while (i < args.length && !/^[-(!]/.test(args[i]!.text)) starts.push(args[i++]!);
  return { starts, rest: args.slice(i), follows };
}
