/**
 * The option tables of programs that only read the files they are given (filters, dumpers, pagers,
 * converters, encrypters): which options take a value, so a value is never taken for a file. The
 * credential rules (`rules/credentials.ts` `READERS`, `registry/fileOperandTraits.ts` `WHOLE_FILE_READERS`)
 * say what such a program does with its files; its options are described here once, or, for a program
 * the effect or search rules also read, in its table there (`effectOptions.ts`) or its registry entry.
 * `optionGrammarOf` is the one way to a program's options for every reader (issue #10;
 * `test/unit/registry/grammarAgreement.test.ts` holds each program to one table).
 */

import { ownTable } from '../ownTable';
import { toolNamed } from '../registry/commandModel';
import { flag, letters, valued, valuedEach, valuedLetters } from '../registry/tools/options';
import type { GrammarSpec, OptionSpec } from '../shell/grammar';
import { XARGS } from '../shell/wrappers';
import { describedGrammar, effectGrammar, EFFECT_GRAMMARS, gzipLike, SEARCH_GRAMMARS } from './effectOptions';

/** Options of programs no registry entry, effect table or search table describes. */
export const READER_GRAMMARS: Readonly<Record<string, GrammarSpec>> = ownTable({
  // xargs is a wrapper: its grammar is the wrapper's (`shell/wrappers.ts`).
  xargs: XARGS,
  head: effectGrammar('nc', ['lines', 'bytes']),
  tail: effectGrammar('ncs', ['lines', 'bytes', 'sleep-interval', 'pid', 'max-unchanged-stats']),
  // GNU od: `-w[BYTES]` takes its width only glued.
  od: effectGrammar('AtNjS', ['address-radix', 'format', 'read-bytes', 'skip-bytes', 'endian'], { attached: 'w' }),
  hexdump: effectGrammar('nsef', ['length', 'skip', 'format', 'format-file']),
  strings: effectGrammar('nteT', ['bytes', 'radix', 'encoding', 'target', 'output-separator']),
  cut: effectGrammar('dfcb', ['delimiter', 'fields', 'characters', 'bytes', 'output-delimiter']),
  paste: effectGrammar('d', ['delimiters']),
  iconv: effectGrammar('fto', ['from-code', 'to-code', 'output']),
  // jq: `--arg NAME VALUE` and its kin take two words; `-f FILE` is the program.
  jq: { ...effectGrammar('fL', ['from-file', 'indent', 'tab-width']), options: [...effectGrammar('fL', ['from-file', 'indent', 'tab-width']).options!, ...['--arg', '--argjson', '--slurpfile', '--rawfile'].map((n) => ({ names: [n], takes: 'two' as const }))] },
  gpg: effectGrammar('ruoz', ['recipient', 'output', 'local-user', 'homedir', 'passphrase', 'passphrase-file', 'default-key', 'cipher-algo', 'pinentry-mode', 'compress-level']),
  age: effectGrammar('rRioj', ['recipient', 'recipients-file', 'identity', 'output']),
  // OpenSSL's options have one dash; those naming a file it reads (`-in`, `-inkey`, `-CAkey`, `-kfile`…) are said by name where
  // that matters (`fileOptions` in rules/credentials.ts, `-in` in policy/outputEffects.ts).
  openssl: {
    options: ['-in', '-out', '-k', '-pass', '-passin', '-passout', '-key', '-inkey', '-signkey', '-config', '-extfile', '-CA', '-CAkey', '-keyout', '-iv', '-K', '-S', '-md',
      '-digest', '-subj', '-days', '-newkey', '-kfile', '-certfile', '-name', '-inform', '-outform'].map((n) => valued(n)),
    numericOptions: true,
    abbreviations: true,
  },
  expand: effectGrammar('t', ['tabs']),
  pr: effectGrammar('hlwWoN', ['header', 'length', 'width', 'page-width', 'indent', 'first-line-number']),
  look: effectGrammar('t', ['terminate']),
  cmp: effectGrammar('in', ['ignore-initial', 'bytes']),
  fmt: effectGrammar('wgp', ['width', 'goal', 'prefix']),
  join: effectGrammar('tj12oeav'),
  shuf: effectGrammar('noi', ['head-count', 'output', 'random-source', 'input-range']),
  m4: effectGrammar('DUIdo', ['define', 'undefine', 'include', 'debug', 'error-output']),
  // cpp: GCC's long options have one dash (`-include FILE`, `-MF FILE`).
  cpp: { options: [...effectGrammar('oIDUx').options!, ...['-include', '-imacros', '-isystem', '-iquote', '-std', '-MF', '-MT', '-MQ'].map((n) => valued(n))], numericOptions: true, abbreviations: true },
  base32: effectGrammar('w', ['wrap']),
  hexyl: effectGrammar('ns', ['length', 'skip', 'border', 'color']),
  highlight: effectGrammar('OSso', ['out-format', 'syntax', 'style', 'output']),
  pygmentize: effectGrammar('lfOPog'),
  glow: effectGrammar('sw', ['style', 'width']),
  groff: effectGrammar('TmMFInorwWdfLP'),
  nroff: effectGrammar('TmMnorwWd'),
});

/** A CLI's options: subcommands and operands anywhere between them (cobra, oclif, Go flags when `goFlags`). */
const cli = (options: readonly OptionSpec[], extra: Partial<GrammarSpec> = {}): GrammarSpec => ({ options, ...extra });
const keycloak = cli([valued('--dir'), valued('--file'), valued('--realm'), valued('--users'), valued('--users-per-file'), valued('--db'), valued('--db-url'), valued('--db-username'), valued('--db-password'), valued('--db-url-host')]);

/**
 * Options of CLIs that mint or print a credential and that no registry entry describes: read only by the credential
 * rules (`rules/support/credentialClis.ts`, `toolSecretDumps.ts`), which need the words after the options and their
 * values (each tool's reference: global options included).
 */
export const CLI_GRAMMARS: Readonly<Record<string, GrammarSpec>> = ownTable({
  // HashiCorp CLIs: Go flags, one dash or two (`-address=x`, `-address x`).
  vault: cli([valued('-address'), valued('-namespace'), valued('-format'), valued('-field'), valued('-mount'), valued('-policy'), valued('-ttl'), valued('-method'), valued('-path'), valued('-role'), valued('-display-name')], { goFlags: true }),
  op: cli([valued('--account'), valued('--vault'), valued('--format'), valued('--session')]),
  // `cf curl PATH -X METHOD -d BODY -H HEADER` (rules/support/buildPublishing.ts reads whether it writes).
  cf: cli(valuedEach('-X', '-d', '-H')),
  crictl: cli([valued('-r', '--runtime-endpoint'), valued('-i', '--image-endpoint'), valued('-t', '--timeout'), valued('-c', '--config')]),
  'aws-vault': cli([valued('-d', '--duration'), valued('--region'), valued('-t', '--mfa-token'), valued('--backend'), valued('--prompt'), valued('--keychain'), valued('--config')]),
  // granted's `assume`.
  assume: cli([valued('-r', '--region'), valued('-d', '--duration'), valued('--role'), valued('--account'), valued('-c', '--console')]),
  etcdctl: cli([valued('--endpoints'), valued('--cacert'), valued('--cert'), valued('--key'), valued('--user'), valued('--password'), valued('-w', '--write-out'), valued('--limit'), valued('--rev')]),
  stripe: cli([valued('--api-key'), valued('--project-name'), valued('-p'), valued('-f', '--forward-to'), valued('-e', '--events')]),
  scw: cli([valued('-p', '--profile'), valued('-c', '--config'), valued('-o', '--output')]),
  exo: cli([valued('-z', '--zone'), valued('-O', '--output-format'), valued('-C', '--config'), valued('-A', '--use-account')]),
  'vultr-cli': cli([valued('-o', '--output'), valued('--config')]),
  civo: cli([valued('--region'), valued('-o', '--output'), valued('-f', '--fields'), valued('--config')]),
  'aws-sso-util': cli([valued('--profile'), valued('--region'), valued('--sso-start-url'), valued('--sso-region'), valued('--account-id'), valued('--role-name')]),
  'buildkite-agent': cli([valued('--format'), valued('--output')]),
  auth0: cli([valued('--tenant'), valued('--json-compact'), valued('-n', '--number')]),
  keycloak, 'kc.sh': keycloak, 'kc.bat': keycloak,
  // Stop 34 (round 19): PaaS CLIs whose app option comes before or after the subcommand (`scalingo --app APP env`).
  clever: cli([valued('-a', '--alias', '--app')]),
  scalingo: cli([valued('-a', '--app'), valued('-r', '--region'), valued('--addon')]),
  aptible: cli([valued('--app'), valued('--environment'), valued('--database')]),
  // Publishers and deploy CLIs (`rules/support/buildPublishing.ts`): options whose value is never the command word or the target.
  'huggingface-cli': cli(valuedEach('--repo-type', '--revision', '--commit-message', '--commit-description', '--include', '--exclude', '--delete', '--token', '--path-in-repo')),
  executor: cli(valuedEach('-d', '--destination', '-c', '--context', '-f', '--dockerfile', '--build-arg', '--cache-repo', '--target', '--tar-path', '--digest-file', '--image-name-with-digest-file', '--label', '--platform', '--custom-platform', '--registry-mirror')),
  conan: cli(valuedEach('-r', '--remote', '-p', '--package-query', '-l', '--list', '-cc', '-c:c', '--core-conf')),
  xcrun: cli(valuedEach('-f', '--file', '-u', '--username', '-p', '--password', '-t', '--type', '--apiKey', '--apiIssuer')),
  spin: cli(valuedEach('--application', '-a', '--name', '-n', '--parameter-file', '-f', '--config')),
  anaconda: cli(valuedEach('-t', '--token', '-s', '--site')),
  nuget: cli(valuedEach('-Source', '-source', '-src', '-ApiKey', '-apikey', '-k')),
  eas: cli(valuedEach('-p', '--platform', '--profile', '--branch', '--channel', '--message', '-m', '--id', '--path', '--auto-submit-with-profile', '--environment', '--percent', '--runtime-version')),
  appcenter: cli(valuedEach('-a', '--app', '-d', '--deployment-name', '-t', '--target-binary-version', '-c', '--update-contents-path', '-g', '--group', '-s', '--store', '-f', '--file', '-r', '--release-notes', '--token', '--description', '-x', '--rollout')),
  surge: cli(valuedEach('-p', '--project', '-d', '--domain')),
  'gh-pages': cli(valuedEach('-d', '--dist', '-s', '--src', '-b', '--branch', '-e', '--dest', '-r', '--repo', '-o', '--remote', '-m', '--message', '-u', '--user', '-v', '--remove', '-x', '--cname', '-f')),
  tkn: cli(valuedEach('-p', '--param', '-w', '--workspace', '-s', '--serviceaccount', '-n', '--namespace', '-l', '--labels', '--prefix-name', '--timeout', '-f', '--filename')),
  argo: cli(valuedEach('--from', '-p', '--parameter', '-f', '--parameter-file', '-n', '--namespace', '-l', '--labels', '--serviceaccount', '--entrypoint', '--name', '--generate-name', '-o', '--output', '--instanceid')),
  flux: cli(valuedEach('-n', '--namespace', '--context', '--kubeconfig', '--timeout')),
  // Batch schedulers (`policy/handlers/batchSchedulers.ts`): options end at the job script or command, whose words are its own.
  sbatch: {
    interspersed: false,
    unknownLong: 'switch',
    options: [...valuedLetters('AabcDdeiJLMmNnopqStwxGB'), ...letters('hHkOQsvVW'), flag('-I', '--immediate'),
      ...valuedEach('--account', '--array', '--begin', '--chdir', '--cpus-per-task', '--dependency', '--error', '--output', '--input', '--job-name', '--licenses',
        '--clusters', '--mem', '--mem-per-cpu', '--nodes', '--ntasks', '--partition', '--qos', '--time', '--nodelist', '--exclude', '--gres', '--gpus', '--constraint', '--export', '--wrap', '--comment', '--mail-type', '--mail-user')],
  },
  qsub: { interspersed: false, unknownShort: 'switch', options: [...valuedLetters('AacCeJjklMmNopqrSuvWPbdDRTt'), ...letters('fhIVzx')] },
  bsub: {
    interspersed: false,
    goFlags: true,
    unknownLong: 'switch',
    options: [...['-q', '-J', '-o', '-e', '-oo', '-eo', '-n', '-W', '-R', '-P', '-G', '-M', '-m', '-w', '-app', '-cwd', '-g', '-sla', '-L', '-u', '-E', '-Ep', '-i', '-is', '-c', '-b', '-t', '-D', '-S', '-v', '-p', '-Lp', '-U', '-We', '-gpu', '-outdir', '-k', '-f'].map((n) => valued(n)),
      ...['-I', '-Is', '-Ip', '-IS', '-ISp', '-ISs', '-IX', '-K', '-N', '-B', '-r', '-rn', '-H', '-x', '-V', '-h', '-tty'].map((n) => flag(n))],
  },
  // Flux Framework's job submission (`flux submit|run|batch|alloc|bulksubmit`), after its verb; `flux` alone above is Flux CD.
  'flux submit': { interspersed: false, unknownLong: 'switch', options: [...valuedLetters('NncgtoqSuB'), ...letters('vh'), ...valuedEach('--job-name', '--output', '--error', '--input', '--setattr', '--setopt', '--dependency', '--urgency', '--queue', '--time-limit', '--nodes', '--ntasks', '--cores-per-task', '--gpus-per-task', '--cwd', '--env', '--conf', '--begin-time')] },
  // Dump and export programs (`rules/dataSentOut.ts` reads where they connect), each tool's reference: connection options and
  // the others that take a value, so a value is never taken for the database or a URL. mysqldump's `-p` takes its password
  // only glued (`-p` alone prompts).
  pg_dump: cli([valued('-f', '--file'), valued('-F', '--format'), valued('-j', '--jobs'), valued('-Z', '--compress'), valued('-d', '--dbname'), valued('-h', '--host'), valued('-p', '--port'),
    valued('-U', '--username'), valued('-n', '--schema'), valued('-N', '--exclude-schema'), valued('-t', '--table'), valued('-T', '--exclude-table'), valued('-E', '--encoding'), valued('-S', '--superuser'),
    valued('-e', '--extension'), ...valuedEach('--role', '--section', '--lock-wait-timeout', '--exclude-table-data', '--filter', '--rows-per-insert', '--snapshot', '--include-foreign-data',
      '--exclude-extension', '--exclude-table-and-children', '--exclude-table-data-and-children', '--table-and-children', '--extra-float-digits')]),
  pg_dumpall: cli([valued('-f', '--file'), valued('-d', '--dbname'), valued('-h', '--host'), valued('-l', '--database'), valued('-p', '--port'), valued('-U', '--username'), valued('-E', '--encoding'),
    valued('-S', '--superuser'), ...valuedEach('--role', '--exclude-database', '--lock-wait-timeout', '--rows-per-insert', '--filter', '--extra-float-digits')]),
  pg_basebackup: cli([valued('-D', '--pgdata'), valued('-F', '--format'), valued('-r', '--max-rate'), valued('-T', '--tablespace-mapping'), valued('-X', '--wal-method'), valued('-t', '--target'),
    valued('-Z', '--compress'), valued('-c', '--checkpoint'), valued('-l', '--label'), valued('-S', '--slot'), valued('-d', '--dbname'), valued('-h', '--host'), valued('-p', '--port'),
    valued('-s', '--status-interval'), valued('-U', '--username'), valued('-i', '--incremental'), ...valuedEach('--waldir', '--manifest-checksums')]),
  mysqldump: cli([valued('-h', '--host'), valued('-u', '--user'), valued('-P', '--port'), valued('-S', '--socket'), valued('-r', '--result-file'), valued('-w', '--where'), valued('-T', '--tab'),
    { names: ['-p', '--password'], takes: 'optional' }, ...valuedEach('--ignore-table', '--default-character-set', '--protocol', '--compatible', '--fields-terminated-by', '--fields-enclosed-by',
      '--lines-terminated-by', '--set-gtid-purged', '--max-allowed-packet', '--net-buffer-length', '--defaults-file', '--defaults-extra-file', '--login-path', '--ssl-ca', '--ssl-cert', '--ssl-key')]),
  mongodump: cli([valued('-h', '--host'), valued('--port'), valued('-u', '--username'), valued('-p', '--password'), valued('--uri'), valued('-d', '--db'), valued('-c', '--collection'),
    valued('-q', '--query'), valued('-o', '--out'), valued('-j', '--numParallelCollections'), { names: ['--archive'], takes: 'optional' }, ...valuedEach('--authenticationDatabase',
      '--authenticationMechanism', '--queryFile', '--readPreference', '--excludeCollection', '--excludeCollectionsWithPrefix', '--tlsCAFile', '--tlsCertificateKeyFile', '--sslCAFile', '--sslPEMKeyFile', '--config')]),
  mongoexport: cli([valued('-h', '--host'), valued('--port'), valued('-u', '--username'), valued('-p', '--password'), valued('--uri'), valued('-d', '--db'), valued('-c', '--collection'),
    valued('-q', '--query'), valued('-o', '--out'), valued('-f', '--fields'), ...valuedEach('--authenticationDatabase', '--authenticationMechanism', '--queryFile', '--readPreference', '--fieldFile',
      '--type', '--sort', '--skip', '--limit', '--tlsCAFile', '--tlsCertificateKeyFile', '--sslCAFile', '--sslPEMKeyFile', '--config')]),
  elasticdump: cli(valuedEach('--input', '--output', '--input-index', '--output-index', '--type', '--limit', '--size', '--searchBody', '--headers', '--concurrency', '--fileSize', '--httpAuthFile', '--transform')),
  condor_submit: { goFlags: true, unknownLong: 'switch', options: ['-append', '-a', '-name', '-remote', '-pool', '-batch-name', '-queue', '-file', '-factory'].map((n) => valued(n)) },
});

/**
 * Options of programs that write a file named by an output option and that nothing else describes (`policy/outputEffects.ts`
 * reads which option names the output): ImageMagick (one dash, the common value options; the rest are read as operands, which
 * are files or geometry), aria2c, compilers and generators.
 */
export const OUTPUT_GRAMMARS: Readonly<Record<string, GrammarSpec>> = ownTable({
  magick: {
    options: ['-resize', '-format', '-path', '-quality', '-geometry', '-rotate', '-crop', '-thumbnail', '-density', '-colorspace', '-gravity', '-extent', '-background', '-fill', '-scale',
      '-sample', '-depth', '-type', '-define', '-compose', '-blur', '-sharpen', '-border', '-bordercolor', '-annotate', '-pointsize', '-font', '-alpha', '-level', '-colors'].map((n) => valued(n)),
    goFlags: true,
  },
  aria2c: cli([valued('-d', '--dir'), valued('-o', '--out'), valued('-i', '--input-file'), valued('-x', '--max-connection-per-server'), valued('-s', '--split'), valued('-j', '--max-concurrent-downloads'),
    valued('-k', '--min-split-size'), valued('-t', '--timeout'), valued('-m', '--max-tries'), valued('-U', '--user-agent'), valued('--header'), valued('--checksum'), valued('-l', '--log'),
    valued('--save-session'), valued('--conf-path')], { numericOptions: true }),
  esbuild: cli([valued('--outfile'), valued('--outdir'), valued('--format'), valued('--platform'), valued('--target'), valued('--loader')], { numericOptions: true }),
  swc: cli([valued('-o', '--out-file'), valued('-d', '--out-dir'), valued('--config-file')], { numericOptions: true }),
  'openapi-typescript': cli([valued('-o', '--output'), valued('--redocly')], { numericOptions: true }),
  // Scaffolders (their overwrite switches are said by name in outputEffects.ts).
  rails: cli([valued('-d', '--database'), valued('-j', '--javascript'), valued('-c', '--css'), valued('-m', '--template'), valued('-r', '--ruby'), valued('-a', '--asset-pipeline')], { numericOptions: true }),
  copier: cli([valued('-a', '--answers-file'), valued('-d', '--data'), valued('-r', '--vcs-ref'), valued('-x', '--exclude'), valued('-s', '--skip'), valued('--data-file')], { numericOptions: true }),
  cookiecutter: cli([valued('-o', '--output-dir'), valued('--config-file'), valued('--default-config'), valued('--directory'), valued('-c', '--checkout'), valued('--replay-file')], { numericOptions: true }),
  prisma: cli([valued('--schema'), valued('--url')], { numericOptions: true }),
  'create-vite': cli([valued('-t', '--template')], { numericOptions: true }),
  'create-remix': cli([valued('--template'), valued('--package-manager'), valued('-t')], { numericOptions: true }),
  shadcn: cli([valued('-c', '--cwd'), valued('-b', '--base-color'), valued('-p', '--path'), valued('-t', '--template')], { numericOptions: true }),
});

/** A Go-flag style CLI (one dash or two alike, no clusters, `=` or the next word as a value), `valued` its options that take one. */
const goCli = (...valuedNames: string[]): GrammarSpec => ({ options: valuedNames.map((n) => valued(n)), goFlags: true });

/**
 * The schema-migration CLIs' options that take a value, keyed by the migration pack's tool (`rules/migrationTools.ts`:
 * `dotnet` is `dotnet ef`, `console` Symfony's `bin/console`, `flask` `flask db`, `soda` also `buffalo pop`), from each
 * tool's reference; what an option means (the database URL, the environment) is said there by name.
 */
export const MIGRATION_GRAMMARS: Readonly<Record<string, GrammarSpec>> = ownTable({
  flyway: goCli(),
  goose: goCli('-dir', '-table', '-certfile', '-ssl-cert', '-ssl-key', '-timeout', '-env'),
  atlas: goCli('--url', '-u', '--dev-url', '--env', '--to', '--dir', '--schema', '-s', '--exclude', '--var', '--config', '-c', '--format', '--revisions-schema', '--tx-mode', '--lock-timeout', '--baseline', '--from', '--to-version', '--to-tag'),
  migrate: goCli('-source', '--source', '-path', '--path', '-database', '--database', '-lock-timeout', '--lock-timeout', '-prefetch', '--prefetch'),
  dbmate: goCli('--url', '-u', '--env', '-e', '--migrations-dir', '-d', '--schema-file', '-s', '--migrations-table', '--wait-timeout', '--env-file'),
  liquibase: goCli('--url', '--changelog-file', '--changeLogFile', '--username', '--password', '--defaults-file', '--defaultsFile', '--tag', '--count', '--date', '--search-path', '--contexts', '--labels', '--log-level', '--output-file'),
  sqitch: goCli('--target', '-t', '--to', '--to-change', '--plan-file', '-f', '--engine', '--registry', '--db-name', '-d', '--db-host', '-h', '--db-user', '-u', '--db-port', '-p', '--chdir', '-C', '--set', '-s', '--mode'),
  mix: goCli('-r', '--repo', '-n', '--step', '--to', '--migrations-path', '--prefix'),
  diesel: goCli('--database-url', '--migration-dir', '--config-file'),
  sqlx: goCli('--database-url', '-D', '--source', '--target-version', '--connect-timeout'),
  'sea-orm-cli': goCli('--database-url', '-u', '--database-schema', '-s', '--migration-dir', '-d', '-n', '--num'),
  dotnet: goCli('--connection', '--context', '-c', '--project', '-p', '--startup-project', '-s', '--configuration', '--framework', '--runtime', '--msbuildprojectextensionspath'),
  console: goCli('--env', '-e', '--em', '--connection', '--conn', '--group', '--configuration', '--db-configuration'),
  flask: goCli('--app', '-A', '--env-file', '-e', '-d', '--directory', '-x', '--x-arg'),
  hasura: goCli('--endpoint', '--admin-secret', '--database-name', '--down', '--up', '--goto', '--version', '--project', '--envfile'),
  'node-pg-migrate': goCli('--database-url-var', '-d', '--migrations-dir', '-m', '--migrations-table', '-t', '--schema', '-s', '--envPath', '--config-file', '-f'),
  'db-migrate': goCli('--env', '-e', '--migrations-dir', '-m', '--config', '--count', '-c', '--scope'),
  'migrate-mongo': goCli('-f', '--file'),
  'mikro-orm': goCli('--config', '--context', '--contextName', '--seed', '--to', '--from', '-t', '-f'),
  payload: goCli('--config'),
  postgrator: goCli('--to', '-t', '--config', '-c', '--driver', '-r', '--host', '-h', '--port', '-o', '--database', '-d', '--username', '-u', '--password', '-p', '--schema-table', '--migration-pattern', '-m'),
  kysely: goCli('--environment', '--cwd'),
  'graphile-migrate': goCli('--config'),
  phinx: goCli('-e', '--environment', '-t', '--target', '-c', '--configuration', '-d', '--date'),
  yii: goCli('--migrationPath', '--db', '--migrationTable', '--appconfig'),
  soda: goCli('-e', '--env', '-p', '--path', '-c', '--config'),
});

/** Programs read by another program's table: the same options under another name. */
const SAME_OPTIONS_AS: Readonly<Record<string, string>> = ownTable({
  egrep: 'grep', fgrep: 'grep', zgrep: 'grep', rgrep: 'grep', agrep: 'grep', pcregrep: 'grep', pcre2grep: 'grep', ug: 'ugrep', ack: 'ag', pt: 'ag',
  gawk: 'awk', mawk: 'awk', nawk: 'awk', gsed: 'sed', unexpand: 'expand', rage: 'age',
  vi: 'vim', nvim: 'vim', ex: 'vim', view: 'vim', gvim: 'vim', rvim: 'vim',
  // Compressors and their cats and pagers: gzip's options (`-S SUFFIX`, `-T THREADS`).
  pbzip2: 'gzip', lzop: 'gzip', zcat: 'gzip', gzcat: 'gzip', bzcat: 'gzip', xzcat: 'gzip', lzcat: 'gzip', zstdcat: 'gzip', lz4cat: 'gzip',
  // Publishers under their other names (Cloud Foundry's versioned CLIs, Hugging Face's new CLI, kaniko's executor).
  cf7: 'cf', cf8: 'cf', hf: 'huggingface-cli', kaniko: 'executor',
  // ImageMagick's commands (version 6 names, and version 7's `magick`).
  mariadb_dump: 'mysqldump', 'mariadb-dump': 'mysqldump', multielasticdump: 'elasticdump',
  mogrify: 'magick', convert: 'magick', gpg2: 'gpg', 'create-react-router': 'create-remix', 'shadcn-ui': 'shadcn',
  zless: 'gzip', zmore: 'gzip', bzless: 'gzip', bzmore: 'gzip', xzless: 'gzip', xzmore: 'gzip', zstdless: 'gzip',
});

/** The one description of a program's options, wherever it lives; undefined for a program nothing describes. */
export function optionGrammarOf(name: string): GrammarSpec | undefined {
  const own = SAME_OPTIONS_AS[name] ?? name;
  return describedGrammar(own) ?? toolNamed(own) ?? SEARCH_GRAMMARS[own] ?? READER_GRAMMARS[own] ?? CLI_GRAMMARS[own] ?? OUTPUT_GRAMMARS[own] ?? (gzipLike.has(own) ? EFFECT_GRAMMARS.gzip : undefined);
}
