import type { ToolSpec } from '../types';
import { flag, valued } from './options';

/**
 * PostgreSQL's clients (getopt_long: `-c SQL`, `-cSQL`, `--command=SQL`, `--command SQL`, and any
 * unambiguous prefix of a long option, `--comm`). `psql [option…] [dbname [username]]` runs the
 * statements of `-c` and `-f` (each in turn), else standard input; `-d`/the first operand may be a
 * connection string. `dropdb` drops a database; `pg_restore --clean` drops objects before restoring.
 */

const CONNECTION = [valued('-h', '--host'), valued('-p', '--port'), valued('-U', '--username'), flag('-w', '--no-password'), flag('-W', '--password')];

export const psql: ToolSpec = {
  names: ['psql'],
  family: 'database',
  locality: 'either',
  abbreviations: true,
  numericOptions: true,
  options: [
    ...CONNECTION,
    valued('-c', '--command'), valued('-f', '--file'), valued('-d', '--dbname'), valued('-v', '--set', '--variable'), valued('-o', '--output'),
    valued('-L', '--log-file'), valued('-P', '--pset'), valued('-F', '--field-separator'), valued('-R', '--record-separator'), valued('-T', '--table-attr'),
    flag('-a', '--echo-all'), flag('-A', '--no-align'), flag('-b', '--echo-errors'), flag('-e', '--echo-queries'), flag('-E', '--echo-hidden'),
    flag('-H', '--html'), flag('-l', '--list'), flag('-n', '--no-readline'), flag('-q', '--quiet'), flag('-s', '--single-step'),
    flag('-S', '--single-line'), flag('-t', '--tuples-only'), flag('-x', '--expanded'), flag('-X', '--no-psqlrc'), flag('-z', '--field-separator-zero'),
    flag('-0', '--record-separator-zero'), flag('-1', '--single-transaction'), flag('-V', '--version'), flag('--csv'),
    { names: ['-?', '--help'], takes: 'optional' },
  ],
  // `-o FILE` sends every result to a file, `-L FILE` logs every statement to one.
  outputOptions: ['-o', '-L'],
  client: { engine: 'postgres', statementOptions: ['-c'], fileOptions: ['-f'], noPrompt: ['-l', '-V', '-?'] },
};

export const dropdb: ToolSpec = {
  names: ['dropdb'],
  family: 'database',
  locality: 'either',
  abbreviations: true,
  help: { options: ['-?', '--help'] },
  options: [...CONNECTION, valued('--maintenance-db'), flag('-e', '--echo'), flag('-f', '--force'), flag('-i', '--interactive'), flag('--if-exists'), flag('-V', '--version'), flag('-?', '--help')],
};

export const pgRestore: ToolSpec = {
  names: ['pg_restore'],
  family: 'database',
  locality: 'either',
  abbreviations: true,
  numericOptions: true,
  options: [
    ...CONNECTION,
    valued('-d', '--dbname'), valued('-f', '--file'), valued('-F', '--format'), valued('-I', '--index'), valued('-j', '--jobs'), valued('-L', '--use-list'),
    valued('-n', '--schema'), valued('-N', '--exclude-schema'), valued('-P', '--function'), valued('-t', '--table'), valued('-T', '--trigger'),
    valued('-S', '--superuser'), valued('--role'), valued('--section'), valued('--filter'), valued('--transaction-size'),
    flag('-a', '--data-only'), flag('-c', '--clean'), flag('-C', '--create'), flag('-e', '--exit-on-error'), flag('-l', '--list'), flag('-O', '--no-owner'),
    flag('-s', '--schema-only'), flag('-v', '--verbose'), flag('-x', '--no-privileges', '--no-acl'), flag('-1', '--single-transaction'), flag('--if-exists'),
    flag('--disable-triggers'), flag('--no-comments'), flag('--no-data-for-failed-tables'), flag('--no-publications'), flag('--no-security-labels'),
    flag('--no-subscriptions'), flag('--no-table-access-method'), flag('--no-tablespaces'), flag('--strict-names'), flag('--use-set-session-authorization'),
    flag('--enable-row-security'), flag('-V', '--version'), flag('-?', '--help'),
  ],
};

/** Debian's `pg_dropcluster [--stop] VERSION NAME`: removes the cluster's data, WAL and configuration. */
export const pgDropcluster: ToolSpec = {
  names: ['pg_dropcluster'],
  family: 'database',
  locality: 'local',
  options: [flag('--stop')],
};

/** `pg_ctl ACTION [-D DATADIR] [-m smart|fast|immediate]`: starts, stops and restarts a server. */
export const pgCtl: ToolSpec = {
  names: ['pg_ctl'],
  family: 'database',
  locality: 'local',
  options: [
    valued('-D', '--pgdata'), valued('-m', '--mode'), valued('-l', '--log'), valued('-o', '--options'), valued('-t', '--timeout'), valued('-p'), valued('-N'),
    valued('-U'), valued('-P'), valued('-S'), flag('-s', '--silent'), flag('-w', '--wait'), flag('-W', '--no-wait'), flag('-c', '--core-files'), flag('-V', '--version'),
  ],
};

/** Debian's `pg_ctlcluster [options] VERSION NAME ACTION [-- pg_ctl options]`. */
export const pgCtlcluster: ToolSpec = {
  names: ['pg_ctlcluster'],
  family: 'database',
  locality: 'local',
  options: [valued('-m', '--mode'), valued('-o', '--options'), flag('--force'), flag('--foreground'), flag('--skip-systemctl-redirect'), flag('--stdlog')],
};

/** `createuser [option…] [name]` and `dropuser [option…] [name]`: roles of the server `-h` names (this machine's socket without one). */
export const createuser: ToolSpec = {
  names: ['createuser'],
  family: 'database',
  locality: 'either',
  abbreviations: true,
  options: [
    ...CONNECTION, valued('-c', '--connection-limit'), valued('-g', '--member-of', '--role'), valued('-a', '--with-admin'), valued('-m', '--with-member'), valued('-v', '--valid-until'),
    flag('-d', '--createdb'), flag('-D', '--no-createdb'), flag('-e', '--echo'), flag('-i', '--inherit'), flag('-I', '--no-inherit'), flag('-l', '--login'), flag('-L', '--no-login'),
    flag('-P', '--pwprompt'), flag('-r', '--createrole'), flag('-R', '--no-createrole'), flag('-s', '--superuser'), flag('-S', '--no-superuser'), flag('--interactive'),
    flag('--bypassrls'), flag('--no-bypassrls'), flag('--replication'), flag('--no-replication'), flag('-V', '--version'), flag('-?', '--help'),
  ],
};

export const dropuser: ToolSpec = {
  names: ['dropuser'],
  family: 'database',
  locality: 'either',
  abbreviations: true,
  options: [...CONNECTION, flag('-e', '--echo'), flag('-i', '--interactive'), flag('--if-exists'), flag('-V', '--version'), flag('-?', '--help')],
};

/** `pg_resetwal [-f] [-n] [-D] DATADIR` (`pg_resetxlog` before PostgreSQL 10): clears the write-ahead log; `-n` only prints. */
export const pgResetwal: ToolSpec = {
  names: ['pg_resetwal', 'pg_resetxlog'],
  family: 'database',
  locality: 'local',
  abbreviations: true,
  dryRun: ['-n', '--dry-run'],
  options: [
    valued('-D', '--pgdata'), valued('-c', '--commit-timestamp-ids'), valued('-e', '--epoch'), valued('-l', '--next-wal-file'), valued('-m', '--multixact-ids'),
    valued('-o', '--next-oid'), valued('-O', '--multixact-offset'), valued('-u', '--oldest-transaction-id'), valued('-x', '--next-transaction-id'), valued('--wal-segsize'),
    valued('--char-signedness'), flag('-f', '--force'), flag('-n', '--dry-run'), flag('-V', '--version'), flag('-?', '--help'),
  ],
};

/** `pg_rewind --target-pgdata=DIR --source-server=CONNSTR|--source-pgdata=DIR`: makes DIR a copy of the source from where their timelines part; `-n` only prints. */
export const pgRewind: ToolSpec = {
  names: ['pg_rewind'],
  family: 'database',
  locality: 'local',
  abbreviations: true,
  dryRun: ['-n', '--dry-run'],
  options: [
    valued('-D', '--target-pgdata'), valued('--source-pgdata'), valued('--source-server'), valued('-c', '--restore-target-wal'), valued('--config-file'),
    flag('-R', '--write-recovery-conf'), flag('-n', '--dry-run'), flag('-N', '--no-sync'), flag('-P', '--progress'), flag('--debug'), flag('--no-ensure-shutdown'),
    flag('-V', '--version'), flag('-?', '--help'),
  ],
};

/** `pg_archivecleanup [option…] ARCHIVELOCATION OLDESTKEPTWALFILE`: deletes the archived WAL older than the file named; `-n` only prints. */
export const pgArchivecleanup: ToolSpec = {
  names: ['pg_archivecleanup'],
  family: 'database',
  locality: 'local',
  dryRun: ['-n', '--dry-run'],
  options: [valued('-x', '--strip-extension'), flag('-b', '--clean-backup-history'), flag('-d', '--debug'), flag('-n', '--dry-run'), flag('-V', '--version'), flag('-?', '--help')],
};
