import type { ToolSpec } from '../types';
import { flag, letters, valued, valuedEach } from './options';

/**
 * rsync, and the npm packages that delete paths (rimraf, del-cli, trash-cli), as the local-data
 * pack reads them: rsync's `--delete*` makes the destination an exact copy of the source, removing
 * whatever the source lacks (on another host when the destination is `host:path`); rimraf and
 * del-cli delete like `rm -rf`, trash-cli moves to the desktop trash.
 */

export const rsync: ToolSpec = {
  names: ['rsync'],
  family: 'files',
  locality: 'either',
  abbreviations: true,
  options: [
    ...letters('avrlptgoDzPhHAXxSWRuIcqnNiOJmdkKLECbF08'),
    valued('-e', '--rsh'), valued('--rsync-path'), valued('--exclude'), valued('--include'), valued('-f', '--filter'),
    valued('--exclude-from'), valued('--include-from'), valued('--files-from'), valued('--backup-dir'), valued('--suffix'),
    valued('--chmod'), valued('--log-file'), valued('--partial-dir'), valued('-T', '--temp-dir'), valued('--compare-dest'),
    valued('--copy-dest'), valued('--link-dest'), valued('--max-size'), valued('--min-size'), valued('--timeout'), valued('--port'),
    valued('--bwlimit'), valued('-M', '--remote-option'), valued('-B', '--block-size'), valued('--info'), valued('--debug'),
    valued('--out-format'), valued('--password-file'), valued('--chown'), valued('--usermap'), valued('--groupmap'), valued('--max-delete'),
    ...valuedEach('--log-file-format', '--contimeout', '--sockopts', '--write-batch', '--only-write-batch', '--read-batch', '--protocol', '--iconv',
      '--checksum-choice', '--compress-choice', '--compress-level', '--modify-window', '--skip-compress'),
    flag('--archive'), flag('--recursive'), flag('--verbose'), flag('--compress'), flag('--progress'), flag('--stats'), flag('--dry-run'),
    flag('--delete'), flag('--del'), flag('--delete-before'), flag('--delete-during'), flag('--delete-delay'), flag('--delete-after'),
    flag('--delete-excluded'), flag('--delete-missing-args'), flag('--remove-source-files'), flag('--force'), flag('--checksum'),
    flag('--update'), flag('--inplace'), flag('--partial'), flag('--human-readable'), flag('--itemize-changes'), flag('--list-only'),
    flag('--ignore-existing'), flag('--existing'), flag('--mkpath'), flag('--no-perms'), flag('--times'), flag('--links'),
  ],
  dryRun: ['-n', '--dry-run', '--list-only'],
  // `--rsync-path` runs on the other host: judged as a command all the same.
  programOptions: ['-e', '--rsync-path'],
};

/** `rimraf [--glob] path…`: rm -rf. */
export const rimraf: ToolSpec = {
  names: ['rimraf'],
  family: 'files',
  locality: 'local',
  options: [flag('-G', '--glob'), flag('--no-glob'), flag('--preserve-root'), flag('--no-preserve-root'), flag('-v', '--verbose'), flag('-i', '--interactive'), valued('--impl'), flag('-h', '--help')],
};

/** `del-cli pattern… ['!negation'…] [--dry-run] [--force]` (also run as `del`). */
export const delCli: ToolSpec = {
  names: ['del-cli', 'del'],
  family: 'files',
  locality: 'local',
  options: [flag('-d', '--dry-run'), flag('-f', '--force'), flag('-v', '--verbose'), flag('--dot')],
  dryRun: ['-d', '--dry-run'],
};

/** `srm` (secure-delete) and `wipe`: overwrite then delete, so not even a disk tool brings the files back. */
export const secureDelete: ToolSpec = {
  names: ['srm', 'wipe'],
  family: 'files',
  locality: 'local',
  options: [
    flag('-r', '-R', '--recursive'), flag('-f', '--force'), flag('-i', '--interactive'), flag('-v', '--verbose'), flag('-s', '--simple'), flag('-m', '--medium'),
    flag('-z', '--zero'), flag('-d', '--dod'), flag('-l', '--lessmode'), flag('-x', '--one-file-system'), flag('-q'), flag('-c'), flag('-k'), flag('-e'),
    valued('-Q'), valued('-p'), valued('-S'), valued('-o'),
  ],
};

/** `trash path…` / `trash-cli` / `trash-put`: moves to the desktop trash. */
export const trash: ToolSpec = {
  names: ['trash', 'trash-cli', 'trash-put'],
  family: 'files',
  locality: 'local',
  options: [flag('-v', '--verbose'), flag('-f', '--force'), flag('-r', '-R', '--recursive'), flag('-d', '--directory'), flag('-i', '--interactive')],
};
