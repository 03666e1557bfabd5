import type { ToolSpec } from '../types';
import { flagsEach, letters, valuedEach, valuedLetters } from './options';

/**
 * SQLite's shell: `sqlite3 [options] [file] [SQL …]`. Options take one or two dashes alike
 * (`-cmd`, `--cmd`) and may come anywhere; the first operand is the database file, each later one a
 * statement (or dot command) run in turn, after `-init FILE` and every `-cmd`. Without statements it
 * reads standard input. `-A ARGS…` runs `.archive` with the rest.
 */

export const sqlite3: ToolSpec = {
  names: ['sqlite3', 'sqlite'],
  family: 'database',
  locality: 'local',
  goFlags: true,
  options: [
    ...valuedEach('-cmd', '-init', '-separator', '-newline', '-nullvalue', '-vfs', '-maxsize', '-mmap', '-heap', '-nonce', '-escape'),
    { names: ['-lookaside'], takes: 'two' }, { names: ['-pagecache'], takes: 'two' }, { names: ['-A'], takes: 'list' },
    ...flagsEach('-append', '-ascii', '-bail', '-batch', '-box', '-column', '-csv', '-deserialize', '-echo', '-header', '-noheader', '-help', '-html',
      '-interactive', '-json', '-line', '-list', '-markdown', '-memtrace', '-multiplex', '-nofollow', '-no-rowid-in-view', '-readonly', '-safe', '-stats',
      '-table', '-tabs', '-quote', '-version', '-unsafe-testing', '-utf8', '-zip', '-tsv', '-ifexists', '-nosql'),
  ],
  client: { engine: 'sqlite', statementOptions: ['-cmd'], fileOptions: ['-init'], statementOperands: 1 },
};

/** Microsoft's sqlcmd (ODBC `-S server -d db -Q "SQL"`, and go-sqlcmd's long names). */
export const sqlcmd: ToolSpec = {
  names: ['sqlcmd'],
  family: 'database',
  locality: 'either',
  options: [
    { names: ['-S', '--server'], takes: 'one' }, { names: ['-d', '--database-name'], takes: 'one' }, { names: ['-U', '--user-name'], takes: 'one' },
    { names: ['-Q', '--query'], takes: 'one' }, { names: ['-q', '--initial-query'], takes: 'one' }, { names: ['-i', '--input-file'], takes: 'one' },
    ...valuedLetters('acfhHKlmoPstvVwyYzZ'), ...letters('AbCeEgGIjRuWx'), ...[...'kLNprX'].map((l) => ({ names: ['-' + l], takes: 'optional' as const })),
  ],
  client: { engine: 'database', statementOptions: ['-Q', '-q'], fileOptions: ['-i'], serverOptions: ['-S'] },
};

/**
 * ClickHouse's client (clickhouse.com/docs/interfaces/cli): `clickhouse-client -h host -d db -q "SQL"`
 * (or `--queries-file`, or standard input). Read like sqlcmd: a host, a database, statements.
 */
export const clickhouseClient: ToolSpec = {
  names: ['clickhouse-client'],
  family: 'database',
  locality: 'either',
  options: [
    { names: ['-h', '--host'], takes: 'one' }, { names: ['-d', '--database'], takes: 'one' }, { names: ['-q', '--query'], takes: 'one' },
    ...valuedEach('--port', '--user', '-u', '--password', '--queries-file', '--format', '-f', '--config-file', '-C', '--history_file', '--connection', '--jwt', '--ssh-key-file'),
    ...flagsEach('--secure', '-s', '--multiline', '-m', '--multiquery', '-n', '--time', '-t', '--stacktrace', '--verbose', '--echo', '-E', '--vertical', '--ask-password', '--no-warnings', '--help', '--version', '-V'),
  ],
  client: { engine: 'database', statementOptions: ['-q', '--query'], fileOptions: ['--queries-file'], serverOptions: ['--host'] },
};

/**
 * Cassandra's shell (cassandra.apache.org/doc/latest/cassandra/managing/tools/cqlsh.html) and
 * YugabyteDB's `ycqlsh`: `cqlsh [options] [host [port]]`, statements by `-e`/`--execute`, a file of
 * them by `-f`/`--file` (read like `psql -f`), otherwise standard input. The host is the first operand.
 */
export const cqlsh: ToolSpec = {
  names: ['cqlsh', 'ycqlsh'],
  family: 'database',
  locality: 'either',
  options: [
    { names: ['-e', '--execute'], takes: 'one' }, { names: ['-f', '--file'], takes: 'one' },
    ...valuedEach('-u', '--username', '-p', '--password', '-k', '--keyspace', '--encoding', '--cqlshrc', '--cqlversion', '--protocol-version', '--connect-timeout', '--request-timeout', '-b', '--secure-connect-bundle', '--consistency-level', '--serial-consistency-level'),
    ...flagsEach('-C', '--color', '--no-color', '--browser', '--ssl', '--debug', '--coverage', '-t', '--tty', '-v', '--version', '-h', '--help', '--no-file-io', '--disable-history', '--insecure-password-without-warning'),
  ],
  client: { engine: 'database', statementOptions: ['-e', '--execute'], fileOptions: ['-f', '--file'], hostOperand: 0 },
};
