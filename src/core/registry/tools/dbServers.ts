import type { ToolSpec } from '../types';
import { flag, valued } from './options';

/**
 * Programs that (re)create a database server's data folder (judged by `rules/databaseAdmin.ts`):
 * `mysqld --initialize[-insecure] [--datadir=DIR]` (dev.mysql.com/doc/refman/8.0/en/data-directory-initialization.html),
 * `initdb [-D] DIR` (postgresql.org/docs/current/app-initdb.html) and Debian's
 * `pg_upgradecluster [-m dump|upgrade|link|clone] VERSION NAME [NEWDATADIR]` (manpages.debian.org pg_upgradecluster).
 */
export const mysqld: ToolSpec = {
  names: ['mysqld', 'mariadbd', 'mysqld_safe'],
  family: 'database',
  locality: 'local',
  options: [
    valued('--datadir', '-h'), valued('--basedir', '-b'), valued('--user', '-u'), valued('--defaults-file'), valued('--defaults-extra-file'), valued('--log-error'),
    flag('--initialize'), flag('--initialize-insecure'), flag('--bootstrap'), flag('--help', '-?'), flag('--verbose', '-v'), flag('--version', '-V'), flag('--console'),
  ],
};

export const initdb: ToolSpec = {
  names: ['initdb'],
  family: 'database',
  locality: 'local',
  options: [
    valued('-D', '--pgdata'), valued('-U', '--username'), valued('-E', '--encoding'), valued('-A', '--auth'), valued('--auth-host'), valued('--auth-local'),
    valued('--locale'), valued('--lc-collate'), valued('--lc-ctype'), valued('-X', '--waldir'), valued('--pwfile'), valued('-c', '--set'),
    flag('-k', '--data-checksums'), flag('-W', '--pwprompt'), flag('-N', '--no-sync'), flag('-n', '--no-clean'), flag('-S', '--sync-only'), flag('-V', '--version'), flag('-?', '--help'),
  ],
};

export const pgUpgradecluster: ToolSpec = {
  names: ['pg_upgradecluster'],
  family: 'database',
  locality: 'local',
  options: [valued('-v'), valued('-m', '--method'), valued('--logfile'), valued('--locale'), valued('--lc-collate'), valued('--lc-ctype'), valued('-k', '--keep-port'), flag('--link'), flag('--clone'), flag('--no-start'), flag('-h', '--help')],
};
