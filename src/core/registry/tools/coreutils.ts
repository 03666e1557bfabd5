import type { OptionSpec } from '../grammar';
import type { ToolSpec } from '../types';
import { flag, valued } from './options';

/**
 * GNU coreutils that delete, move, copy, wipe or re-permission files. GNU's getopt_long accepts any
 * unambiguous prefix of a long option (`rm --rec`, `chmod --recu`), so these tools say so.
 */

const optional = (...names: string[]): OptionSpec => ({ names, takes: 'optional' });
const common = [flag('--help'), flag('--version'), flag('-v', '--verbose')];

function fileTool(names: string[], options: OptionSpec[]): ToolSpec {
  return { names, family: 'files', locality: 'local', abbreviations: true, options: [...options, ...common] };
}

export const rm = fileTool(['rm'], [
  flag('-f', '--force'), flag('-i'), flag('-I'), optional('--interactive'), flag('--one-file-system'), flag('--no-preserve-root'),
  optional('--preserve-root'), flag('-r', '-R', '--recursive'), flag('-d', '--dir'),
]);

const ownership = [
  flag('-c', '--changes'), flag('-f', '--silent', '--quiet'), flag('--no-preserve-root'), flag('--preserve-root'), valued('--reference'),
  flag('-R', '--recursive'), flag('--dereference'), flag('-h', '--no-dereference'), valued('--from'), flag('-H'), flag('-L'), flag('-P'),
];

export const chmod = fileTool(['chmod'], ownership);
export const chown = fileTool(['chown', 'chgrp'], ownership);

const copying = [
  flag('-b'), optional('--backup'), flag('-f', '--force'), flag('-i', '--interactive'), flag('-n', '--no-clobber'),
  flag('--strip-trailing-slashes'), valued('-S', '--suffix'), valued('-t', '--target-directory'), flag('-T', '--no-target-directory'),
  optional('-u', '--update'), flag('-Z'), optional('--context'), flag('--debug'),
];

export const mv = fileTool(['mv'], [...copying, flag('--exchange'), flag('--no-copy')]);

export const cp = fileTool(['cp'], [
  ...copying, flag('-a', '--archive'), flag('--attributes-only'), flag('--copy-contents'), flag('-d'), flag('-H'), flag('-l', '--link'),
  flag('-L', '--dereference'), flag('-P', '--no-dereference'), flag('-p'), optional('--preserve'), valued('--no-preserve'), flag('--parents'),
  flag('-R', '-r', '--recursive'), optional('--reflink'), flag('--remove-destination'), valued('--sparse'), flag('-s', '--symbolic-link'),
  flag('-x', '--one-file-system'), flag('--keep-directory-symlink'),
]);

export const shred = fileTool(['shred'], [
  flag('-f', '--force'), valued('-n', '--iterations'), valued('--random-source'), valued('-s', '--size'), flag('-u'), optional('--remove'),
  flag('-x', '--exact'), flag('-z', '--zero'),
]);

export const truncate = fileTool(['truncate'], [flag('-c', '--no-create'), flag('-o', '--io-blocks'), valued('-r', '--reference'), valued('-s', '--size')]);

export const unlink = fileTool(['unlink'], []);

export const rmdir = fileTool(['rmdir'], [flag('-p', '--parents'), flag('--ignore-fail-on-non-empty'), flag('-v', '--verbose')]);

/** mkfs and its relatives: the device is the last operand. */
export const mkfs: ToolSpec = {
  names: ['mkfs', 'mke2fs', 'mkswap', 'wipefs', 'mkdosfs', 'mkntfs'],
  family: 'files',
  locality: 'local',
  options: ['-t', '-L', '-n', '-b', '-O', '-F', '-U', '-E', '-T', '-N', '-m', '-o'].map((n) => valued(n)),
};
