import type { ToolSpec } from '../types';
import { flagsEach, valuedEach } from './options';

/**
 * More SQL shells that run statements from an option, a file option or standard input, read by the
 * database pack like `psql -c/-f` (the `client` shape): the server comes from the URL or host option
 * (or operand) the entry names, and nothing named means the shell's default on this machine unless
 * the service is always hosted (Snowflake).
 */

/** usql (github.com/xo/usql): `usql [options] [DSN]`, psql's letters (`-c`, `-f`, `-v`, `-P`…); the DSN names the server. */
export const usql: ToolSpec = {
  names: ['usql'],
  family: 'database',
  locality: 'either',
  options: [
    ...valuedEach('-c', '--command', '-f', '--file', '-o', '--out', '-v', '--set', '--variable', '-N', '--cset', '-P', '--pset', '-F', '--field-separator', '-R', '--record-separator', '-T', '--table-attr', '--config'),
    ...flagsEach('-W', '--password', '-w', '--no-password', '-X', '--no-init', '--no-rc', '-1', '--single-transaction', '-A', '--no-align', '-H', '--html', '-t', '--tuples-only', '-x', '--expanded', '-z', '--field-separator-zero', '-0', '--record-separator-zero', '-J', '--json', '-C', '--csv', '-G', '--vertical', '-q', '--quiet', '-V', '--version', '-?', '--help'),
  ],
  client: { engine: 'database', statementOptions: ['-c', '--command'], fileOptions: ['-f', '--file'], hostOperand: 0 },
};

/** CockroachDB's `cockroach sql` (`--url`, `--host`, `-e/--execute`, `-f/--file`); its other subcommands stay with the verb floor. */
export const cockroach: ToolSpec = {
  names: ['cockroach'],
  family: 'database',
  locality: 'either',
  commands: {
    'sql|demo': {
      options: [
        ...valuedEach('--url', '--host', '--port', '-p', '-d', '--database', '-u', '--user', '-e', '--execute', '-f', '--file', '--certs-dir', '--format', '--set', '--cluster-name', '--echo-sql'),
        ...flagsEach('--insecure', '--safe-updates', '--read-only', '--no-line-editor', '--debug-sql-cli', '--embedded'),
      ],
      client: { engine: 'database', statementOptions: ['-e', '--execute'], fileOptions: ['-f', '--file'], serverOptions: ['--url', '--host'] },
    },
  },
};

/** Trino's and Presto's CLI: `trino --server URL --execute SQL` / `--file F`; without a server, localhost:8080. */
export const trino: ToolSpec = {
  names: ['trino', 'trino-cli', 'presto', 'presto-cli'],
  family: 'database',
  locality: 'either',
  options: [
    ...valuedEach('--server', '--execute', '-f', '--file', '--catalog', '--schema', '--user', '--source', '--session', '--output-format', '--client-tags', '--client-info', '--resource-estimate', '--access-token', '--truststore-path', '--keystore-path', '--extra-credential', '--timezone', '--socks-proxy', '--http-proxy', '--client-request-timeout', '--krb5-principal'),
    ...flagsEach('--password', '--debug', '--ignore-errors', '--progress', '--insecure', '--version', '--help', '-h'),
  ],
  client: { engine: 'database', statementOptions: ['--execute'], fileOptions: ['-f', '--file'], serverOptions: ['--server'] },
};

/** Snowflake's SnowSQL (`-a account -q SQL` / `-f file`): always a hosted account, named by `-a` or a connection in its config. */
export const snowsql: ToolSpec = {
  names: ['snowsql'],
  family: 'database',
  locality: 'remote',
  options: [
    ...valuedEach('-a', '--accountname', '-u', '--username', '-d', '--dbname', '-s', '--schemaname', '-r', '--rolename', '-w', '--warehouse', '-h', '--host', '-p', '--port', '-q', '--query', '-f', '--filename', '-c', '--connection', '-o', '--option', '-D', '--variable', '--config', '--authenticator', '--private-key-path', '--region'),
    ...flagsEach('--version', '--help', '-?', '--noup', '--abort-detached-query', '--probe-connection', '--mfa-passcode-in-password'),
  ],
  client: { engine: 'database', statementOptions: ['-q', '--query'], fileOptions: ['-f', '--filename'], serverOptions: ['-a', '--accountname'], hosted: true },
};

/** Hive's beeline: `beeline -u jdbc:hive2://host:10000/db -e SQL` / `-f file` / `-i init file`. */
export const beeline: ToolSpec = {
  names: ['beeline'],
  family: 'database',
  locality: 'either',
  options: [
    ...valuedEach('-u', '-r', '-n', '-p', '-d', '-e', '-f', '-i', '-w', '--password-file', '--hivevar', '--hiveconf', '--property-file', '-a', '--outputformat', '--delimiterForDSV', '--nullemptystring', '--color', '--showHeader', '--headerInterval', '--fastConnect', '--autoCommit', '--verbose', '--showWarnings', '--force', '--maxWidth', '--maxColumnWidth', '--silent', '--autosave', '--incremental', '--truncateTable', '--isolation'),
    ...flagsEach('--help', '-h'),
  ],
  client: { engine: 'database', statementOptions: ['-e'], fileOptions: ['-f', '-i'], serverOptions: ['-u'] },
};

/** DuckDB's shell (sqlite3's shape): `duckdb [options] [file] [SQL …]`, `-c SQL`, `-cmd`, `-init`/`-f` files, `.read` inside. */
export const duckdb: ToolSpec = {
  names: ['duckdb'],
  family: 'database',
  locality: 'local',
  goFlags: true,
  options: [
    ...valuedEach('-c', '-cmd', '-init', '-f', '-s', '-separator', '-newline', '-nullvalue'),
    ...flagsEach('-append', '-ascii', '-bail', '-batch', '-box', '-column', '-csv', '-echo', '-header', '-noheader', '-help', '-html', '-interactive', '-json', '-line', '-list', '-markdown', '-quote', '-readonly', '-safe', '-table', '-unsigned', '-version', '-no-stdin', '-ui'),
  ],
  client: { engine: 'sqlite', statementOptions: ['-c', '-cmd', '-s'], fileOptions: ['-init', '-f'], statementOperands: 1 },
};

/** MySQL Shell: `mysqlsh [options] [URI] --sql -e SQL` / `-f file`; the URI names the server. */
export const mysqlsh: ToolSpec = {
  names: ['mysqlsh'],
  family: 'database',
  locality: 'either',
  options: [
    ...valuedEach('-e', '--execute', '-f', '--file', '--uri', '-h', '--host', '-P', '--port', '-u', '--user', '--dbuser', '-D', '--schema', '--database', '-S', '--socket', '--ssl-mode', '--ssl-ca', '--ssl-cert', '--ssl-key', '--log-level', '--result-format', '--name-cache', '--pym', '--connect-timeout', '--dba-log-sql', '--credential-store-helper'),
    { names: ['-p', '--password'], takes: 'optional' },
    ...flagsEach('--sql', '--sqlc', '--sqlx', '--js', '--javascript', '--py', '--python', '--json', '--table', '--tabbed', '--vertical', '-E', '--interactive', '--force', '--mysql', '--mx', '--mysqlx', '--no-wizard', '--nw', '--no-password', '--quiet-start', '--save-passwords', '--version', '-V', '--help', '-?', '--redirect-primary', '--redirect-secondary', '--cluster', '--replicaset'),
  ],
  client: { engine: 'database', statementOptions: ['-e', '--execute'], fileOptions: ['-f', '--file'], serverOptions: ['--uri', '-h'], hostOperand: 0, noPrompt: ['--version', '--help'], apiAfterEndOfOptions: true },
};

/**
 * Oracle's SQL*Plus (and SQLcl, `sql`): `sqlplus [-s] user/pw@connect @script.sql`: the logon's
 * connect identifier (after `@`) names the server, an operand `@file` runs that file's statements.
 */
export const sqlplus: ToolSpec = {
  names: ['sqlplus', 'sqlcl'],
  family: 'database',
  locality: 'either',
  options: [
    ...valuedEach('-M', '-MARKUP', '-R', '-RESTRICT', '-C', '-COMPATIBILITY'),
    ...flagsEach('-s', '-S', '-SILENT', '-L', '-LOGON', '-AC', '-F', '-FAST', '-NOLOGINTIME', '-V', '-VERSION', '-H', '-HELP', '/nolog', '/NOLOG'),
  ],
  client: { engine: 'database', fileOperandPrefix: '@', hostOperand: 0 },
};

/** Vertica's vsql (psql's letters): `vsql -h host -d db -c SQL` / `-f file`; without a host, this machine. */
export const vsql: ToolSpec = {
  names: ['vsql'],
  family: 'database',
  locality: 'either',
  options: [
    ...valuedEach('-h', '--host', '-d', '--dbname', '-U', '--username', '-p', '--port', '-w', '--password', '-c', '--command', '-f', '--file', '-o', '--output', '-v', '--set', '--variable', '-F', '--field-separator', '-R', '--record-separator', '-P', '--pset', '-T', '-B', '-C', '-k', '-K', '-m', '--sslmode'),
    ...flagsEach('-A', '--no-align', '-a', '--echo-all', '-e', '--echo-queries', '-E', '-i', '-l', '--list', '-n', '-q', '--quiet', '-t', '--tuples-only', '-x', '--expanded', '-X', '--no-vsqlrc', '-V', '--version', '-?', '--help', '-W', '-Y', '-g'),
  ],
  client: { engine: 'database', statementOptions: ['-c', '--command'], fileOptions: ['-f', '--file'], serverOptions: ['-h', '--host'] },
};

/** Impala's shell: `impala-shell -i host:21000 -q SQL` / `-f file` (`--query_file`); without `-i`, localhost. */
export const impalaShell: ToolSpec = {
  names: ['impala-shell'],
  family: 'database',
  locality: 'either',
  options: [
    ...valuedEach('-i', '--impalad', '-q', '--query', '-f', '--query_file', '-d', '--database', '-u', '--user', '-o', '--output_file', '--output_delimiter', '--var', '--config_file', '--protocol', '--ca_cert', '--query_option', '--ldap_password_cmd', '--http_path', '-b', '--kerberos_host_fqdn'),
    ...flagsEach('-k', '--kerberos', '-s', '--ssl', '-l', '--ldap', '-B', '--delimited', '-c', '--ignore_query_failure', '-V', '--verbose', '--quiet', '-p', '--show_profiles', '--print_header', '--live_progress', '--live_summary', '-v', '--version', '-h', '--help'),
  ],
  client: { engine: 'database', statementOptions: ['-q', '--query'], fileOptions: ['-f', '--query_file'], serverOptions: ['-i', '--impalad'] },
};

/** Snowflake's `snow sql -q SQL` / `-f file` (`-c` names a connection of its config): always a hosted account. */
export const snowCli: ToolSpec = {
  names: ['snow'],
  family: 'database',
  locality: 'remote',
  commands: {
    sql: {
      options: [
        ...valuedEach('-q', '--query', '-f', '--filename', '-c', '--connection', '--environment', '-D', '--variable', '--account', '--accountname', '--user', '--username', '--password', '--role', '--warehouse', '--database', '--dbname', '--schema', '--schemaname', '--host', '--port', '--region', '--authenticator', '--private-key-file', '--format', '--project', '-p'),
        ...flagsEach('-i', '--stdin', '-x', '--temporary-connection', '--retain-comments', '--single-transaction', '--no-single-transaction', '--silent', '--verbose', '-v', '--debug', '--help', '-h'),
      ],
      client: { engine: 'database', statementOptions: ['-q', '--query'], fileOptions: ['-f', '--filename'], serverOptions: ['-c', '--connection', '--account', '--accountname'], hosted: true },
    },
  },
};

/**
 * Spark SQL's and Hive's shells: `spark-sql -e SQL` / `-f file` / `-i init`, `hive -e` / `-f`: the
 * tables are the cluster's metastore and warehouse (hive-site.xml, not read here), not this machine's.
 */
export const sparkSql: ToolSpec = {
  names: ['spark-sql', 'hive'],
  family: 'database',
  locality: 'remote',
  options: [
    ...valuedEach('-e', '-f', '-i', '--database', '--hiveconf', '--hivevar', '-d', '--define', '--master', '--deploy-mode', '--conf', '-c', '--name', '--jars', '--packages', '--files', '--properties-file', '--driver-memory', '--executor-memory', '--num-executors', '--queue', '--principal', '--keytab'),
    ...flagsEach('-S', '--silent', '-v', '--verbose', '-H', '--help', '--version'),
  ],
  client: { engine: 'database', statementOptions: ['-e'], fileOptions: ['-f', '-i'], serverOptions: ['--master'], hosted: true },
};

/** The Databricks CLI's `databricks sql execute --statement SQL` / `--file F` (`-p` a profile): a hosted workspace; its other commands stay with the verb floor. */
export const databricksSql: ToolSpec = {
  names: ['databricks'],
  family: 'database',
  locality: 'remote',
  commands: {
    sql: {
      commands: {
        'execute|exec|query': {
          options: [
            ...valuedEach('--statement', '-s', '--query', '-q', '--file', '-f', '--warehouse-id', '--warehouse', '-w', '-p', '--profile', '--catalog', '--schema', '-o', '--output', '--host', '-t', '--target'),
            ...flagsEach('--debug', '-h', '--help'),
          ],
          client: { engine: 'database', statementOptions: ['--statement', '-s', '--query', '-q'], fileOptions: ['--file', '-f'], serverOptions: ['-p', '--profile', '--host'], hosted: true },
        },
      },
    },
  },
};
