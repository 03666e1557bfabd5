import type { ToolSpec } from '../types';
import { flag, flagsEach, letters, valued, valuedEach, valuedLetters } from './options';

/**
 * Everyday tools with an option whose value is a program they start (`programOptions`), described
 * for that option alone: `sort --compress-program=PROG`, `tcpdump -z PROG` (run on each saved file),
 * `scp -S PROG` (instead of ssh). Their other work is the effect tables' (`policy/effectRules.ts`);
 * the verb floor does not judge them (`FLOOR_WHOLE` in `rules/verbs.ts`).
 */

const local = { family: 'files', locality: 'local' } as const;

export const sort: ToolSpec = {
  ...local,
  names: ['sort', 'gsort'],
  abbreviations: true,
  options: [
    valued('-k', '--key'), valued('-t', '--field-separator'), valued('-o', '--output'), valued('-S', '--buffer-size'), valued('-T', '--temporary-directory'),
    ...valuedEach('--compress-program', '--files0-from', '--parallel', '--random-source', '--sort', '--batch-size'),
    ...letters('bdfghiMnRrVcCmsuz'), ...flagsEach('--stable', '--unique', '--reverse', '--numeric-sort', '--merge', '--check', '--debug', '--zero-terminated', '--help', '--version'),
  ],
  programOptions: ['--compress-program'],
};

export const tcpdump: ToolSpec = {
  ...local,
  names: ['tcpdump'],
  options: [...valuedLetters('BcCDEFGiIjmMrsTVwWyZzQ'), ...letters('AbdDefhHJKlLnNOpqStuUvx#'), ...valuedEach('--time-stamp-precision', '--direction', '--interface', '--count', '--snapshot-length', '--relinquish-privileges'), ...flagsEach('--immediate-mode', '--list-interfaces', '--number', '--no-promiscuous-mode', '--print', '--version', '--help')],
  programOptions: ['-z'],
};

export const scp: ToolSpec = {
  ...local,
  names: ['scp'],
  options: [...valuedLetters('cDFiJlloPSX'), ...letters('346ABCOpqRrTv')],
  programOptions: ['-S'],
};

/**
 * Valgrind wraps the program after its options (`shell/moreWrappers.ts`); `--db-command=CMD` (with
 * `--db-attach=yes`) starts CMD on an error, and `--log-socket`/`--xml-socket` only send reports.
 */
export const valgrind: ToolSpec = {
  ...local,
  names: ['valgrind'],
  interspersed: false,
  unknownLong: 'switch',
  unknownShort: 'switch',
  options: [flag('-q', '--quiet'), flag('-v', '--verbose'), ...valuedEach('--db-command', '--tool', '--log-file', '--log-fd', '--log-socket', '--xml-file', '--xml-socket', '--suppressions', '--gen-suppressions', '--vgdb', '--vgdb-prefix')],
  programOptions: ['--db-command'],
};

