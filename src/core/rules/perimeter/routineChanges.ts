import { basename } from '../../paths';
import { grammarOf, readEffectArgs } from '../../policy/effectOptions';
import type { PathEffect } from '../../policy/effects';
import type { Invocation } from '../../policy/types';
import type { Protection } from './protectedPaths';
import { isGuardedProgramName } from './runtimePlaces';

/**
 * Changes to a protected place that set the guard's protection aside in nothing: a line of routine
 * shell set-up appended to a start-up file (a PATH entry under the home folder or a system folder,
 * `export PATH=$HOME/go/bin:$PATH`, or a plain alias, `alias k=kubectl`), and a
 * program on PATH made a link to the system's own copy of the same program (`ln -s /usr/bin/python3
 * /usr/local/bin/python`). Anything else stays denied: an overwrite, a line that runs or loads code,
 * an alias over a program the hook or the agents run, a link to another program or a user's folder.
 */

/** A PATH entry under the home folder or an absolute folder: no command substitution, no other variable, no scratch folder anyone writes, no `..`. */
const PATH_ENTRY = /^(\$HOME|\$\{HOME\}|~)?\/(?!(tmp|var\/tmp|dev\/shm|private\/tmp)(\/|$))[\w./+@-]*$/;
const ALIAS_VALUE = /^[\w./@:=+-]+( [\w./@:=+-]+)*$/;
/** Programs an alias must not start with: they destroy, or run what follows as code. */
const UNSAFE_ALIAS_PROGRAMS = /^(rm|rmdir|dd|mkfs[\w.]*|shred|truncate|sudo|doas|eval|exec|source|\.|sh|bash|zsh|python[\d.]*|node|perl|ruby|curl|wget)$/;
/**
 * An alias body that skips the repository's verification hooks every time it is typed (`git commit
 * --no-verify`, `git commit -n`/`-an`, `HUSKY=0 git push`, `SKIP=gitleaks git commit`): a variable set
 * in front of the program (hook managers read HUSKY, LEFTHOOK, SKIP, PRE_COMMIT_ALLOW_NO_CONFIG) or the
 * option that skips them. `alias gc='git commit -v'` stays routine.
 */
function skipsVerification(words: readonly string[]): boolean {
  if (words.some((w) => /^\w+=/.test(w)) || words.includes('--no-verify')) return true;
  const sub = words.indexOf('commit');
  return words[0] === 'git' && sub > 0 && words.slice(sub + 1).some((w) => /^-[a-zA-Z]*n[a-zA-Z]*$/.test(w));
}

function routineLine(line: string): boolean {
  const t = line.trim();
  if (t === '' || t.startsWith('#')) return true;
  const path = /^(?:export\s+)?PATH=(["']?)(.*)\1$/.exec(t);
  if (path) {
    const entries = path[2]!.split(':');
    return entries.some((e) => /^\$\{?PATH\}?$/.test(e)) && entries.every((e) => /^\$\{?PATH\}?$/.test(e) || (PATH_ENTRY.test(e) && !e.includes('..')));
  }
  const alias = /^alias\s+([\w.-]+)=(["']?)(.*)\2$/.exec(t);
  if (alias) {
    const value = alias[3]!;
    const words = value.split(' ');
    return !isGuardedProgramName(alias[1]!) && ALIAS_VALUE.test(value) && !UNSAFE_ALIAS_PROGRAMS.test(words[0] ?? '') && !skipsVerification(words);
  }
  // Other variables are not routine here: many name a program something runs later (EDITOR, GIT_PAGER, LESSOPEN, SSH_ASKPASS).
  return false;
}

/** A start-up file's append whose every line is routine set-up (a PATH entry, a plain alias). */
export function routineStartupAppend(protection: Protection, effect: PathEffect): boolean {
  if (protection.kind !== 'startup-file' || effect.kind !== 'write' || effect.appended === undefined) return false;
  const lines = effect.appended.split('\n');
  return lines.length <= 8 && lines.some((l) => l.trim() !== '') && lines.every(routineLine);
}

const SYSTEM_PROGRAMS = /^\/(usr\/)?s?bin\/[\w.+-]+$/;
const family = (name: string): string => name.replace(/^nodejs$/, 'node').replace(/[\d.]+$/, '');

/** `ln -s /usr/bin/python3 /usr/local/bin/python`: the name on PATH still runs the system's own program of that name. */
export function linksSystemProgram(protection: Protection, effect: PathEffect, inv: Invocation, abs: string): boolean {
  if (protection.kind !== 'runtime' || inv.name !== 'ln' || (effect.kind !== 'write' && effect.kind !== 'link')) return false;
  const operands = readEffectArgs(inv.args, grammarOf('ln')).operands;
  if (operands.length !== 2 || operands.some((w) => w.dynamic || w.glob)) return false;
  const [source, link] = operands as [typeof operands[0], typeof operands[0]];
  if (effect.word !== link && effect.word !== source) return false;
  const name = family(basename(link!.text));
  return SYSTEM_PROGRAMS.test(source!.text) && family(basename(source!.text)) === name && name !== '' && (effect.word === link || isGuardedProgramName(basename(abs)));
}
