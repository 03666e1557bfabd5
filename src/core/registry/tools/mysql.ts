import type { OptionSpec } from '../grammar';
import type { ToolSpec } from '../types';
import { flag, valued } from './options';

/**
 * MySQL's and MariaDB's clients (my_getopt: `-e SQL`, `-eSQL`, `--execute=SQL`, `--execute SQL`,
 * unambiguous prefixes of long options). `mysql [options] [database]` runs `-e`/`--execute`, and
 * `--init-command` on connecting, else standard input. The password is glued or prompted for
 * (`-pSECRET`, `--password=SECRET`, a bare `-p`): the next word is never a password.
 */

const CONNECTION: OptionSpec[] = [
  valued('-h', '--host'), valued('-P', '--port'), valued('-u', '--user'), valued('-S', '--socket'), valued('--protocol'),
  { names: ['-p', '--password'], takes: 'optional' }, valued('--defaults-file'), valued('--defaults-extra-file'), valued('--defaults-group-suffix'),
  valued('--login-path'), valued('--default-character-set'), valued('--character-sets-dir'), valued('--plugin-dir'), valued('--default-auth'),
  valued('--bind-address'), valued('--connect-timeout'), valued('--ssl-ca'), valued('--ssl-capath'), valued('--ssl-cert'), valued('--ssl-key'),
  valued('--ssl-cipher'), valued('--ssl-crl'), valued('--ssl-crlpath'), valued('--ssl-mode'), valued('--tls-version'), valued('--tls-ciphersuites'),
  valued('--compression-algorithms'), valued('--zstd-compression-level'), valued('--server-public-key-path'), valued('--max-allowed-packet'),
  valued('--net-buffer-length'), flag('-C', '--compress'), flag('--ssl'), flag('--skip-ssl'), flag('--no-defaults'), flag('--print-defaults'),
  flag('-V', '--version'), flag('-?', '-I', '--help'), flag('-v', '--verbose'), flag('-s', '--silent'), { names: ['-#', '--debug'], takes: 'optional' },
];

export const mysql: ToolSpec = {
  names: ['mysql', 'mariadb'],
  // `--pager=CMD` pipes every result through CMD, a shell line.
  programOptions: ['--pager'],
  family: 'database',
  locality: 'either',
  abbreviations: true,
  options: [
    ...CONNECTION,
    valued('-e', '--execute'), valued('--init-command'), valued('-D', '--database'), valued('--delimiter'), valued('--prompt'), valued('--tee'),
    valued('--max-join-size'), valued('--select-limit'), valued('--load-data-local-dir'), valued('--histignore'), valued('--dns-srv-name'),
    { names: ['--pager'], takes: 'optional' }, { names: ['--local-infile'], takes: 'optional' },
    flag('-A', '--no-auto-rehash', '--skip-auto-rehash'), flag('--auto-rehash'), flag('-B', '--batch'), flag('-b', '--no-beep'), flag('-c', '--comments'),
    flag('-E', '--vertical'), flag('-f', '--force'), flag('-G', '--named-commands'), flag('-H', '--html'), flag('-X', '--xml'), flag('-i', '--ignore-spaces'),
    flag('-j', '--syslog'), flag('-L', '--skip-line-numbers'), flag('-n', '--unbuffered'), flag('-N', '--skip-column-names'), flag('--column-names'),
    flag('-o', '--one-database'), flag('-q', '--quick'), flag('-r', '--raw'), flag('-t', '--table'), flag('-U', '--safe-updates', '--i-am-a-dummy'),
    flag('-w', '--wait'), flag('-T', '--debug-info'), flag('--binary-mode'), flag('--no-tee'), flag('--no-pager'), flag('--show-warnings'),
    flag('--sigint-ignore'), flag('--line-numbers'), flag('--column-type-info'), flag('--binary-as-hex'), flag('--skip-pager'), flag('--skip-reconnect'),
    flag('--reconnect'),
  ],
  // `--tee=FILE` appends everything the session shows to a file.
  outputOptions: ['--tee'],
  client: { engine: 'mysql', statementOptions: ['-e', '--init-command'], noPrompt: ['-V', '-?', '--print-defaults'] },
};

/** `mysqladmin [options] command [arg] …`: `drop DB` drops a database. */
export const mysqladmin: ToolSpec = {
  names: ['mysqladmin'],
  family: 'database',
  locality: 'either',
  abbreviations: true,
  options: [...CONNECTION, valued('-c', '--count'), valued('-i', '--sleep'), valued('--shutdown-timeout'), flag('-f', '--force'), flag('-E', '--vertical'), flag('-r', '--relative'), { names: ['-w', '--wait'], takes: 'optional' }],
};
