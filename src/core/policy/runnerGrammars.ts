/**
 * The option grammars of the programs the runner tables read (`handlers/runnerEntries.ts`, `loaderRunners.ts`,
 * `projectLoaders.ts`, `toolLoaders.ts`, `namedCodeRunners.ts`, `buildProjects.ts`): app servers, workers, test
 * runners, profilers, linters, doc builders, task runners, bundlers, build tools. Which options take a value, so that
 * a value is never read as the script, module or subcommand a runner looks for. Each program is described here once,
 * by the name the runner table knows it by (`python -m MODULE` for the standard library's runners); a runner's entry
 * function only names the options whose meaning it uses (issue #10 criterion 2: these were lists inside each runner's
 * spec, a second description of the program beside its entry function). Options not described are switches.
 * `test/unit/registry/grammarAgreement.test.ts` holds the programs that a registry entry or another table also
 * describes to a list that may only shrink.
 */

import { ownTable } from '../ownTable';
import { flag, valued } from '../registry/tools/options';
import type { GrammarSpec, OptionSpec } from '../shell/grammar';

/** A runner's grammar: options interspersed with operands unless said otherwise; options nothing describes are switches. */
const runner = (options: readonly OptionSpec[], extra: { interspersed?: boolean } = {}): GrammarSpec => ({ options, interspersed: extra.interspersed ?? true, unknownShort: 'switch', unknownLong: 'switch' });

export const RUNNER_GRAMMARS: Readonly<Record<string, GrammarSpec>> = ownTable({
  foreman: runner([valued('-f', '--procfile'), valued('-d', '--root')]),
  tox: runner([valued('-c', '--config', '--config-file'), valued('-e', '--env')]),
  composer: runner([valued('-c', '--config', '--config-file', '-d', '--working-dir'), valued('-e', '--env')]),
  elixir: runner([valued('-cp', '-classpath', '--class-path'), valued('-D'), valued('-e', '--eval')], { interspersed: false }),
  'cargo-run': runner([valued('--manifest-path'), valued('-p', '--package'), valued('--target'), valued('--features', '-F'), valued('-j', '--jobs'), valued('--bin'), valued('--example'), valued('--profile'), valued('-Z'), valued('--config'), valued('-C'), valued('--git'), valued('--branch'), valued('--tag'), valued('--rev'), valued('--root'), valued('--index'), valued('--registry'), valued('--path')]),
  python: runner([{ names: ['-c'], takes: 'one', endsOptions: true }, { names: ['-m'], takes: 'one', endsOptions: true }, valued('-W'), valued('-X'), valued('-Q')], { interspersed: false }),
  node: runner([{ names: ['-e', '--eval'], takes: 'one', separateValue: true }, { names: ['-p', '--print'], takes: 'one', separateValue: true }, valued('-r', '--require'), valued('--import'), valued('--loader', '--experimental-loader'), valued('-C', '--conditions'), valued('--input-type'), valued('--env-file'), valued('--title')], { interspersed: false }),
  sh: runner([valued('--rcfile', '--init-file'), valued('-o'), valued('-O'), { names: ['-c'], endsOptions: true }], { interspersed: false }),
  pytest: runner([valued('-c', '--config-file'), valued('--rootdir'), valued('-p'), valued('-k'), valued('-m'), valued('--confcutdir'), valued('-o', '--override-ini'), valued('--basetemp'), valued('--junitxml', '--junit-xml'), valued('--maxfail'), valued('--tb'), valued('--ignore'), valued('--deselect')]),
  mocha: runner([valued('-r', '--require'), valued('--file'), valued('--config'), valued('-R', '--reporter'), valued('-g', '--grep'), valued('-t', '--timeout'), valued('-u', '--ui'), valued('--spec'), valued('--extension'), valued('-O', '--reporter-option')]),
  jest: runner([valued('--globalSetup'), valued('--globalTeardown'), valued('--setupFiles'), valued('--setupFilesAfterEnv'), valued('-c', '--config'), valued('-t', '--testNamePattern'), valued('--testPathPattern'), valued('--reporters'), valued('--rootDir'), valued('--roots'), valued('--testEnvironment')]),
  vitest: runner([valued('-c', '--config'), valued('--root'), valued('--dir'), valued('--mode'), valued('--cwd'), valued('--gulpfile'), valued('--gruntfile'), valued('--globalSetup'), valued('--global-setup'), valued('--setupFiles'), valued('--setup-files')]),
  playwright: runner([valued('-c', '--config'), valued('--root'), valued('--dir'), valued('--mode'), valued('--cwd'), valued('--gulpfile'), valued('--gruntfile'), valued('--global-setup'), valued('--global-teardown'), valued('--globalSetup')]),
  cypress: runner([valued('-C', '--config-file'), valued('--root'), valued('--dir'), valued('--mode'), valued('--cwd'), valued('--gulpfile'), valued('--gruntfile')]),
  eslint: runner([valued('-c', '--config'), valued('--root'), valued('--dir'), valued('--mode'), valued('--cwd'), valued('--gulpfile'), valued('--gruntfile'), valued('--rulesdir'), valued('-f', '--format'), valued('--resolve-plugins-relative-to'), valued('--parser'), valued('--plugin')]),
  prettier: runner([valued('--config'), valued('--root'), valued('--dir'), valued('--mode'), valued('--cwd'), valued('--gulpfile'), valued('--gruntfile'), valued('--plugin')]),
  stylelint: runner([valued('--config'), valued('--root'), valued('--dir'), valued('--mode'), valued('--cwd'), valued('--gulpfile'), valued('--gruntfile'), valued('--custom-syntax'), valued('--custom-formatter')]),
  tsup: runner([valued('-c', '--config'), valued('--root'), valued('--dir'), valued('--mode'), valued('--cwd'), valued('--gulpfile'), valued('--gruntfile')]),
  unittest: runner([valued('-s', '--start-directory'), valued('-p', '--pattern'), valued('-t', '--top-level-directory'), valued('-k')]),
  gulp: runner([valued('-f', '--gulpfile'), valued('--root'), valued('--dir'), valued('--mode'), valued('--cwd'), valued('--gulpfile'), valued('--gruntfile')]),
  grunt: runner([valued('--gruntfile'), valued('--root'), valued('--dir'), valued('--mode'), valued('--cwd'), valued('--gulpfile'), valued('--gruntfile')]),
  nodemon: runner([valued('-x', '--exec'), valued('-w', '--watch'), valued('-e', '--ext'), valued('-i', '--ignore'), valued('--name', '-n'), valued('--delay'), valued('--signal'), valued('-l', '--log'), valued('-o'), valued('--interpreter')]),
  coverage: runner([valued('--rcfile'), valued('--source'), valued('--include'), valued('--omit'), valued('--data-file'), flag('-m', '--module'), valued('--context'), valued('--concurrency')]),
  just: runner([valued('-f', '--justfile'), valued('-d', '--working-directory', '--dir')]),
  rake: runner([valued('-f', '--rakefile'), valued('-d', '--working-directory', '--dir'), valued('-r', '--require'), valued('-I', '--libdir')]),
  task: runner([valued('-t', '--taskfile'), valued('-d', '--working-directory', '--dir')]),
  invoke: runner([valued(), valued('-d', '--working-directory', '--dir')]),
  fab: runner([valued('-r', '--search-root'), valued('-d', '--working-directory', '--dir')]),
  nox: runner([valued('-f', '--noxfile'), valued('-d', '--working-directory', '--dir')]),
  doit: runner([valued('-f', '--file'), valued('-d', '--working-directory', '--dir')]),
  mise: runner([valued('-C', '--cd'), valued('-E', '--env'), valued('-j', '--jobs')]),
  go: runner([valued('-run'), valued('-skip'), valued('-C'), valued('-tags')]),
  pip: runner([valued('-r', '--requirement'), valued('-c', '--constraint'), valued('-e', '--editable'), valued('-t', '--target'), valued('-i', '--index-url'), valued('--extra-index-url'), valued('--prefix'), valued('--root'), valued('-f', '--find-links'), valued('-r', '--requirement'), valued('-c', '--constraint')]),
  uv: runner([valued('-r', '--requirement'), valued('-c', '--constraint'), valued('-e', '--editable'), valued('-t', '--target'), valued('-i', '--index-url'), valued('--extra-index-url'), valued('--prefix'), valued('--root'), valued('-f', '--find-links'), valued('--optional'), valued('--group'), valued('--tag'), valued('--branch'), valued('--rev'), valued('--extra'), valued('--package'), valued('--script'), valued('--directory'), valued('--project'), valued('-r'), valued('--requirements'), valued('--index'), valued('--default-index'), valued('-p'), valued('--python'), valued('--marker'), valued('-m'), valued('--bounds'), valued('--with'), valued('--with-editable'), valued('--with-requirements'), valued('-r', '--requirement')]),
  'docker-compose': runner([valued('-f', '--file'), valued('-p', '--project-name'), valued('--project-directory'), valued('--profile'), valued('--env-file'), valued('-c', '--context'), valued('-H', '--host'), valued('--scale'), valued('-e', '--env'), valued('-w', '--workdir'), valued('-u', '--user'), valued('--name'), valued('--entrypoint')]),
  bun: runner([valued('--cwd'), valued('-r', '--preload'), valued('--cwd'), valued('-r', '--preload'), valued('-t', '--test-name-pattern'), valued('--timeout'), valued('--rerun-each'), valued('--coverage-dir'), valued('--reporter'), valued('--reporter-outfile')]),
  'run-parts': runner([valued('-u', '--umask'), valued('--arg', '-a'), valued('--regex')]),
  lua: runner([valued('-e'), valued('-l')], { interspersed: false }),
  irb: runner([valued('-r', '--require'), valued('-I', '--libdir')]),
  Rscript: runner([valued('-e', '--eval', '-E', '--expr', '--print', '-l', '-c'), valued('-L', '--load'), valued('-i'), valued('-D')], { interspersed: false }),
  R: runner([valued('-e', '--eval', '-E', '--expr', '--print', '-l', '-c'), valued('-f', '--file'), valued('-L', '--load'), valued('-i'), valued('-D')], { interspersed: false }),
  emacs: runner([valued('-e', '--eval', '-E', '--expr', '--print', '-l', '-c'), valued('--script', '-script'), valued('-L', '--load'), valued('-i'), valued('-D')], { interspersed: false }),
  expect: runner([valued('-e', '--eval', '-E', '--expr', '--print', '-l', '-c'), valued('-f'), valued('-L', '--load'), valued('-i'), valued('-D')], { interspersed: false }),
  uvicorn: runner([valued('--host'), valued('--port'), valued('--uds'), valued('--fd'), valued('--reload-dir'), valued('--reload-include'), valued('--reload-exclude'), valued('--reload-delay'), valued('--workers'), valued('--loop'), valued('--http'), valued('--ws'), valued('--ws-max-size'), valued('--ws-max-queue'), valued('--ws-ping-interval'), valued('--ws-ping-timeout'), valued('--lifespan'), valued('--interface'), valued('--env-file'), valued('--log-config'), valued('--log-level'), valued('--root-path'), valued('--limit-concurrency'), valued('--backlog'), valued('--limit-max-requests'), valued('--timeout-keep-alive'), valued('--timeout-graceful-shutdown'), valued('--ssl-keyfile'), valued('--ssl-certfile'), valued('--ssl-keyfile-password'), valued('--ssl-version'), valued('--ssl-cert-reqs'), valued('--ssl-ca-certs'), valued('--ssl-ciphers'), valued('--header'), valued('--forwarded-allow-ips'), valued('--h11-max-incomplete-event-size'), valued('--app-dir')]),
  granian: runner([valued('--interface'), valued('--host'), valued('--port'), valued('--workers'), valued('--threads'), valued('--blocking-threads'), valued('--loop'), valued('--http'), valued('--ws'), valued('--backlog'), valued('--log-level'), valued('--ssl-keyfile'), valued('--ssl-certificate'), valued('--url-path-prefix'), valued('--reload-paths'), valued('--working-dir'), valued('--working-dir')]),
  taskiq: runner([valued('--workers'), valued('-w'), valued('--log-level'), valued('--max-async-tasks'), valued('--tasks-pattern'), valued('--fs-discover'), valued('--app-dir')]),
  rq: runner([valued('-c', '--config'), valued('-u', '--url'), valued('-w', '--worker-class'), valued('-P', '--path')]),
  gunicorn: runner([valued('-b'), valued('--bind'), valued('-w'), valued('--workers'), valued('-k'), valued('--worker-class'), valued('--threads'), valued('-t'), valued('--timeout'), valued('--graceful-timeout'), valued('--keep-alive'), valued('--log-level'), valued('--access-logfile'), valued('--error-logfile'), valued('--log-file'), valued('-n'), valued('--name'), valued('-e'), valued('--env'), valued('-u'), valued('--user'), valued('-g'), valued('--group'), valued('--max-requests'), valued('--max-requests-jitter'), valued('-p'), valued('--pid'), valued('--certfile'), valued('--keyfile'), valued('--worker-connections'), valued('--backlog'), valued('--umask'), valued('--log-config'), valued('--paste'), valued('--paste-global'), valued('--chdir'), valued('--pythonpath'), valued('-c'), valued('--config'), valued('--logger-class')]),
  hypercorn: runner([valued('-b'), valued('--bind'), valued('-w'), valued('--workers'), valued('-k'), valued('--worker-class'), valued('--access-logfile'), valued('--error-logfile'), valued('--log-level'), valued('--root-path'), valued('--certfile'), valued('--keyfile'), valued('--ca-certs'), valued('--graceful-timeout'), valued('--keep-alive'), valued('-u'), valued('--user'), valued('-g'), valued('--group'), valued('-p'), valued('--pid'), valued('--backlog'), valued('--access-log-format'), valued('--insecure-bind'), valued('--quic-bind'), valued('-c'), valued('--config')]),
  daphne: runner([valued('-b'), valued('--bind'), valued('-p'), valued('--port'), valued('-u'), valued('--unix-socket'), valued('--fd'), valued('-e'), valued('--endpoint'), valued('-v'), valued('--verbosity'), valued('-t'), valued('--http-timeout'), valued('--access-log'), valued('--log-fmt'), valued('--ping-interval'), valued('--ping-timeout'), valued('--root-path'), valued('--application-close-timeout'), valued('--websocket_timeout'), valued('--websocket_connect_timeout'), valued('--proxy-headers-host'), valued('--proxy-headers-port'), valued('--server-name')]),
  'waitress-serve': runner([valued('--host'), valued('--port'), valued('--listen'), valued('--threads'), valued('--url-scheme'), valued('--url-prefix'), valued('--ident'), valued('--backlog'), valued('--recv-bytes'), valued('--send-bytes'), valued('--connection-limit'), valued('--cleanup-interval'), valued('--channel-timeout'), valued('--asyncore-loop-timeout'), valued('--outbuf-overflow'), valued('--inbuf-overflow'), valued('--unix-socket'), valued('--unix-socket-perms')]),
  celery: runner([valued('-A', '--app'), valued('-b', '--broker'), valued('--result-backend'), valued('--loader'), valued('--config'), valued('--workdir'), valued('-l', '--loglevel'), valued('-c', '--concurrency'), valued('-Q', '--queues'), valued('-n', '--hostname'), valued('--pidfile'), valued('--logfile')]),
  flask: runner([valued('-A', '--app'), valued('-e', '--env-file'), valued('-h', '--host'), valued('-p', '--port'), valued('--cert'), valued('--key'), valued('--extra-files'), valued('--exclude-patterns')]),
  'django-admin': runner([valued('--settings'), valued('--pythonpath'), valued('-v', '--verbosity'), valued('--traceback')]),
  timeit: runner([valued('-s', '--setup'), valued('-n', '--number'), valued('-r', '--repeat'), valued('-u', '--unit')]),
  doctest: runner([valued('-o', '--option')]),
  c8: runner([valued('-r', '--reporter'), valued('--reports-dir', '--report-dir', '-o'), valued('--temp-directory', '--temp-dir'), valued('-x', '--exclude'), valued('-n', '--include'), valued('--src'), valued('-e', '--extension'), valued('--nycrc-path'), valued('--cwd')], { interspersed: false }),
  nyc: runner([valued('-r', '--reporter'), valued('-i'), valued('--require'), valued('--reports-dir', '--report-dir', '-o'), valued('--temp-directory', '--temp-dir'), valued('-x', '--exclude'), valued('-n', '--include'), valued('--src'), valued('-e', '--extension'), valued('--nycrc-path'), valued('--cwd')], { interspersed: false }),
  babel: runner([valued('--config-file'), valued('-o'), valued('--out-file'), valued('-d'), valued('--out-dir'), valued('--plugins'), valued('--presets')]),
  knex: runner([valued('--knexfile'), valued('--cwd'), valued('--env'), valued('--migrations-directory')]),
  cucumber: runner([valued('-r', '--require'), valued('-I', '--libdir'), valued('-r', '--require')]),
  prove: runner([valued('-I'), valued('-M'), valued('-P'), valued('-e', '--exec'), valued('-j', '--jobs'), valued('--ext'), valued('--harness'), valued('--formatter'), valued('--rc'), valued('--state')]),
  phpunit: runner([valued('--bootstrap'), valued('-c', '--configuration'), valued('--filter'), valued('--testsuite'), valued('--group'), valued('--exclude-group'), valued('--log-junit'), valued('--coverage-html'), valued('--coverage-clover')]),
  busted: runner([valued('--helper'), valued('-o', '--output'), valued('-p', '--pattern'), valued('-t', '--tags'), valued('--exclude-tags'), valued('-m', '--lpath'), valued('--cpath'), valued('-r', '--run'), valued('-C', '--directory'), valued('-f', '--config-file')]),
  gem: runner([valued('-s', '--source'), valued('-v', '--version'), valued('-i', '--install-dir'), valued('-n', '--bindir'), valued('--platform'), valued('-P', '--trust-policy'), valued('-g', '--file'), valued('-C'), valued('-o', '--output'), valued('--platform')]),
  bundle: runner([valued('--git'), valued('--github'), valued('--source'), valued('--branch'), valued('--ref'), valued('--path'), valued('-v', '--version'), valued('-g', '--group'), valued('--require'), valued('--gemfile'), valued('-j', '--jobs'), valued('--retry'), valued('--without'), valued('--with')]),
  streamlit: runner([valued('--server.port'), valued('--server.address'), valued('--theme.base')]),
  fastapi: runner([valued('--host'), valued('--port'), valued('--app'), valued('--entrypoint', '-e'), valued('--root-path'), valued('--workers'), valued('--proxy-headers'), valued('--reload-dir')]),
  gradio: runner([valued('--demo-name'), valued('--watch-dirs')]),
  marimo: runner([valued('--port'), valued('-p'), valued('--host')]),
  locust: runner([valued('-H'), valued('--host'), valued('-u'), valued('--users'), valued('-r'), valued('--spawn-rate'), valued('-t'), valued('--run-time'), valued('--web-port'), valued('-f'), valued('--locustfile')]),
  panel: runner([valued('--port'), valued('--address'), valued('--allow-websocket-origin')]),
  chainlit: runner([valued('--port'), valued('--host')]),
  shiny: runner([valued('--port'), valued('--host'), valued('--app-dir')]),
  arq: runner([valued('--watch'), valued('--custom-log-dict')]),
  dramatiq: runner([valued('-p'), valued('--processes'), valued('-t'), valued('--threads'), valued('-Q'), valued('--queues'), valued('--path'), valued('-P'), valued('--watch'), valued('--pid-file'), valued('--log-file'), valued('-f'), valued('--use-spawn')]),
  huey_consumer: runner([valued('-w'), valued('--workers'), valued('-k'), valued('--worker-type'), valued('-l'), valued('--logfile')]),
  ipython: runner([valued('-c'), valued('-m'), valued('--profile'), valued('--profile-dir'), valued('--ipython-dir'), valued('--log-level'), valued('--config')], { interspersed: false }),
  pydoc: runner([valued('-k'), valued('-p'), valued('-n')]),
  pylint: runner([valued('--load-plugins'), valued('--init-hook'), valued('--rcfile'), valued('-j', '--jobs'), valued('-d', '--disable'), valued('-e', '--enable'), valued('--output-format', '-f'), valued('--ignore'), valued('--ignore-patterns'), valued('--max-line-length'), valued('--py-version'), valued('--fail-under')]),
  mypy: runner([valued('--config-file'), valued('-m', '--module'), valued('-p', '--package'), valued('-c', '--command'), valued('--python-version'), valued('--exclude'), valued('--cache-dir')]),
  'sphinx-build': runner([valued('-b'), valued('--builder'), valued('-M'), valued('-d'), valued('--doctree-dir'), valued('-j'), valued('--jobs'), valued('-c'), valued('--conf-dir'), valued('-D'), valued('--define'), valued('-A'), valued('--html-define'), valued('-t'), valued('--tag'), valued('-w'), valued('--warning-file')]),
  mkdocs: runner([valued('-f', '--config-file'), valued('-a', '--dev-addr'), valued('-d', '--site-dir'), valued('-t', '--theme'), valued('-m', '--message'), valued('-r', '--remote-branch'), valued('-n', '--remote-name')]),
  rackup: runner([valued('-s'), valued('--server'), valued('-o'), valued('--host'), valued('-p'), valued('--port'), valued('-E'), valued('--env'), valued('-P'), valued('--pid'), valued('-O'), valued('--option'), valued('-r', '--require'), valued('-I', '--include'), valued('-e', '--eval')]),
  puma: runner([valued('-b'), valued('--bind'), valued('-p'), valued('--port'), valued('-e'), valued('--environment'), valued('-t'), valued('--threads'), valued('-w'), valued('--workers'), valued('--pidfile'), valued('-S'), valued('--state'), valued('--control-url'), valued('--tag'), valued('-C'), valued('--config'), valued('-r', '--require'), valued('-I', '--include'), valued('-e', '--eval')]),
  unicorn: runner([valued('-o'), valued('--host'), valued('-p'), valued('--port'), valued('-E'), valued('--env'), valued('-l'), valued('--listen'), valued('-c'), valued('--config-file'), valued('-r', '--require'), valued('-I', '--include'), valued('-e', '--eval')]),
  thin: runner([valued('-a'), valued('--address'), valued('-p'), valued('--port'), valued('-e'), valued('--environment'), valued('-S'), valued('--socket'), valued('-s'), valued('--servers'), valued('-C'), valued('--config'), valued('-R'), valued('--rackup'), valued('-r', '--require'), valued('-I', '--include'), valued('-e', '--eval')]),
  sidekiq: runner([valued('-r', '--require'), valued('-C', '--config'), valued('-c', '--concurrency'), valued('-q', '--queue'), valued('-e', '--environment'), valued('-t', '--timeout'), valued('-g', '--tag')]),
  erb: runner([valued('-r'), valued('-S'), valued('-E'), valued('-T')]),
  ruby: runner([valued('-e'), valued('-r'), valued('-I'), valued('-C'), valued('-E', '--encoding'), valued('-x')], { interspersed: false }),
  rails: runner([valued('-e', '--environment')]),
  plackup: runner([valued('-a', '--app'), valued('-e'), valued('-I'), valued('-M'), valued('-s', '--server'), valued('-o', '--host'), valued('-p', '--port'), valued('-E', '--env'), valued('-L', '--loader'), valued('-S', '--socket'), valued('--listen', '-l'), valued('--workers'), valued('-R', '--Reload')]),
  php: runner([valued('-S'), valued('-t'), valued('-c'), valued('-d'), valued('-f'), valued('-r'), valued('-B'), valued('-R'), valued('-F'), valued('-E'), valued('-z')], { interspersed: false }),
  'py-spy': runner([valued('-o'), valued('--output'), valued('-f'), valued('--format'), valued('-d'), valued('--duration'), valued('-r'), valued('--rate'), valued('-p'), valued('--pid'), { names: ['-m', '--module'], takes: 'one', endsOptions: true }]),
  austin: runner([valued('-i'), valued('--interval'), valued('-o'), valued('--output'), valued('-p'), valued('--pid'), valued('-x'), valued('--exposure'), valued('-t'), valued('--timeout'), { names: ['-m', '--module'], takes: 'one', endsOptions: true }]),
  scalene: runner([valued('--outfile'), valued('--profile-interval'), valued('--cpu-percent-threshold'), valued('--cpu-sampling-rate'), valued('--malloc-threshold'), valued('--profile-only'), valued('--profile-exclude'), { names: ['-m', '--module'], takes: 'one', endsOptions: true }]),
  memray: runner([valued('-o'), valued('--output'), valued('--native-mode'), { names: ['-m', '--module'], takes: 'one', endsOptions: true }]),
  pyinstrument: runner([valued('-o'), valued('--outfile'), valued('-r'), valued('--renderer'), valued('-i'), valued('--interval'), valued('-p'), valued('--render-option'), { names: ['-m', '--module'], takes: 'one', endsOptions: true }]),
  kernprof: runner([valued('-o'), valued('--outfile'), valued('-u'), valued('--unit'), valued('-s'), valued('--setup'), { names: ['-m', '--module'], takes: 'one', endsOptions: true }]),
  viztracer: runner([valued('-o'), valued('--output_file'), valued('--tracer_entries'), valued('--max_stack_depth'), { names: ['-m', '--module'], takes: 'one', endsOptions: true }]),
  mprof: runner([valued('-T'), valued('--interval'), valued('-o'), valued('--output'), { names: ['-m', '--module'], takes: 'one', endsOptions: true }]),
  jiti: runner([valued('--network'), valued('--config'), valued('--tsconfig')], { interspersed: false }),
  hardhat: runner([valued('--network'), valued('--config'), valued('--tsconfig')]),
  postcss: runner([valued('-u', '--use'), valued('-c', '--config'), valued('-p', '--parser'), valued('-s', '--syntax'), valued('-t', '--stringifier'), valued('-o', '--output'), valued('-d', '--dir'), valued('-r', '--replace'), valued('--base'), valued('--ext'), valued('--env')]),
  commitlint: runner([valued('-x'), valued('--extends'), valued('-p'), valued('--parser-preset'), valued('-g'), valued('--config')]),
  'lint-staged': runner([valued('-c'), valued('--config')]),
  svgo: runner([valued('--config')]),
  'cucumber-js': runner([valued('-r', '--require'), valued('-i', '--import'), valued('--require-module'), valued('-c', '--config'), valued('-p', '--profile'), valued('-f', '--format'), valued('--tags', '-t'), valued('--name')]),
  poetry: runner([valued('-G'), valued('--group'), valued('-E'), valued('--extras'), valued('--source'), valued('--python'), valued('--platform'), valued('--markers'), valued('-C'), valued('--directory'), valued('-P'), valued('--project')]),
  pdm: runner([valued('-G'), valued('--group'), valued('-p'), valued('--project')]),
  pipx: runner([valued('--python'), valued('--pip-args'), valued('--suffix'), valued('--index-url'), valued('-i'), valued('--spec')]),
  mvn: runner([valued('-f', '--file'), valued('-D'), valued('-P', '--activate-profiles'), valued('-pl', '--projects'), valued('-s', '--settings'), valued('-gs', '--global-settings'), valued('-T', '--threads'), valued('-rf', '--resume-from'), valued('-l', '--log-file'), valued('-t', '--toolchains')]),
  pdoc: runner([valued('-o'), valued('--output-directory'), valued('-d'), valued('--docformat'), valued('-t'), valued('--template-directory'), valued('-h'), valued('--host'), valued('-p'), valued('--port'), valued('--logo'), valued('--logo-link'), valued('--favicon'), valued('--footer-text'), valued('--edit-url')]),
  hypothesis: runner([valued('--style'), valued('--except'), valued('-e')]),
  flake8: runner([valued('--config'), valued('--append-config'), valued('--select'), valued('--ignore'), valued('--extend-ignore'), valued('--extend-select'), valued('--max-line-length'), valued('--exclude'), valued('--extend-exclude'), valued('--format'), valued('--output-file'), valued('-j', '--jobs'), valued('--per-file-ignores'), valued('--max-complexity')]),
  jupyter: runner([valued('--to'), valued('--output'), valued('--output-dir'), valued('--template'), valued('--ExecutePreprocessor.timeout'), valued('--kernel_name'), valued('--kernel')]),
  papermill: runner([valued('-p', '--parameters'), valued('-r', '--parameters_raw'), valued('-f', '--parameters_file'), valued('-y', '--parameters_yaml'), valued('-b', '--parameters_base64'), valued('-k', '--kernel'), valued('--cwd'), valued('--language'), valued('--execution-timeout'), valued('--start-timeout')]),
  voila: runner([valued('--port'), valued('--template'), valued('--theme'), valued('--Voila.ip')]),
  dagster: runner([valued('-f', '--python-file'), valued('-m', '--module-name'), valued('-d', '--working-directory'), valued('-a', '--attribute'), valued('-w', '--workspace'), valued('-p', '--port'), valued('-h', '--host'), valued('-j', '--job'), valued('--select'), valued('-c', '--config'), valued('--log-level')]),
  prefect: runner([valued('-n', '--name'), valued('-p', '--pool'), valued('-q', '--work-queue'), valued('--cron'), valued('--interval'), valued('--prefect-file'), valued('-jv', '--job-variable'), valued('--version'), valued('-t', '--tag'), valued('-d', '--description')]),
  luigi: runner([valued('--module'), valued('--scheduler-host'), valued('--scheduler-port'), valued('--workers'), valued('--log-level')]),
  scrapy: runner([valued('-o', '--output'), valued('-O', '--overwrite-output'), valued('-a'), valued('-s', '--set'), valued('-t', '--output-format'), valued('--logfile'), valued('-L', '--loglevel')]),
  modal: runner([valued('-m'), valued('--name'), valued('--env', '-e'), valued('--tag'), valued('--timeout'), valued('--cmd')]),
  twistd: runner([valued('-y', '--python'), valued('-l', '--logfile'), valued('--pidfile'), valued('-u', '--uid'), valued('-g', '--gid'), valued('-d', '--rundir'), valued('--wsgi'), valued('--port'), valued('--listen'), valued('--path'), valued('--logger'), valued('--reactor', '-r')]),
  cmake: runner([valued('-S'), valued('-B'), valued('-P'), valued('-C'), valued('-D'), valued('-G'), valued('-T'), valued('-A'), valued('-U'), valued('--preset'), valued('--build'), valued('--install'), valued('--target', '-t'), valued('-j', '--parallel'), valued('--config')]),
  gradle: runner([valued('-b', '--build-file'), valued('-c', '--settings-file'), valued('-p', '--project-dir'), valued('-I', '--init-script'), valued('-D', '--system-prop'), valued('-P', '--project-prop'), valued('-x', '--exclude-task'), valued('-g', '--gradle-user-home'), valued('--console'), valued('--max-workers')]),
  dotnet: runner([valued('-p', '--project'), valued('-c', '--configuration'), valued('-f', '--framework'), valued('-r', '--runtime'), valued('-o', '--output'), valued('-v', '--verbosity'), valued('-a', '--arch'), valued('--os'), valued('-s', '--source')]),
  ant: runner([valued('-f', '-file', '-buildfile'), valued('-lib'), valued('-logfile', '-l'), valued('-propertyfile'), valued('-inputhandler'), valued('-main'), valued('-s', '-find')]),
  meson: runner([valued('-D'), valued('--prefix'), valued('--buildtype'), valued('--native-file'), valued('--cross-file'), valued('-C'), valued('--backend')]),
  scons: runner([valued('-f', '--file', '--makefile', '--sconstruct'), valued('-C', '--directory'), valued('-j', '--jobs'), valued('-Y', '--repository')]),
  karma: runner([valued('--port'), valued('--browsers'), valued('--reporters'), valued('--log-level'), valued('--format-error')]),
  'python -m cProfile': runner([valued('-o'), valued('-s'), { names: ['-m'], takes: 'one', endsOptions: true }], { interspersed: false }),
  'python -m pdb': runner([valued('-c'), valued('--command'), { names: ['-m'], takes: 'one', endsOptions: true }], { interspersed: false }),
  'python -m trace': runner([valued('-f'), valued('--file'), valued('-C'), valued('--coverdir'), valued('--ignore-module'), valued('--ignore-dir'), { names: ['--module'], takes: 'one', endsOptions: true }], { interspersed: false }),
  'python -m runpy': runner([], { interspersed: false }),
});

/** Programs the runner tables read with another program's grammar (other names of one program, and runners made by one shape). */
const READ_ALIKE: Readonly<Record<string, string>> = ownTable({
  honcho: 'foreman', overmind: 'foreman', nf: 'foreman', lefthook: 'foreman', deno: 'tox', 'pre-commit': 'tox', dart: 'elixir', 'py.test': 'pytest', vite: 'tsup', next: 'tsup', webpack: 'tsup', 'webpack-cli': 'tsup', rollup: 'tsup', astro: 'tsup', nuxt: 'tsup', nuxi: 'tsup', 'ts-node-dev': 'nodemon', supervisor: 'nodemon', pm2: 'nodemon', forever: 'nodemon', inv: 'invoke', cargo: 'cargo-run', pip3: 'pip', 'podman-compose': 'docker-compose', docker: 'docker-compose', podman: 'docker-compose', luajit: 'lua', 'lua5.1': 'lua', 'lua5.3': 'lua', 'lua5.4': 'lua', pry: 'irb', rspec: 'irb', julia: 'Rscript', tclsh: 'Rscript', wish: 'Rscript', thor: 'irb', bokeh: 'panel', solara: 'chainlit', ipython3: 'ipython', pydoc3: 'pydoc', dmypy: 'mypy', 'sphinx-autobuild': 'sphinx-build', starman: 'plackup', starlet: 'plackup', 'sucrase-node': 'jiti', truffle: 'hardhat', mvnw: 'mvn', pdoc3: 'pdoc', 'jupyter-nbconvert': 'jupyter', 'jupyter-execute': 'jupyter', 'dagster-webserver': 'dagster', dagit: 'dagster', gradlew: 'gradle', 'python -m profile': 'python -m cProfile', 'python -m IPython': 'ipython', 'python -m pydoc': 'pydoc', 'python -m inspect': 'pydoc'
});

/** The grammar with no option described: every option a switch, options anywhere. */
const NO_OPTIONS: GrammarSpec = runner([]);

/** The grammar a runner table reads `name`'s words by (its key in the runner table, or `python -m MODULE`). */
export function runnerGrammarOf(name: string): GrammarSpec {
  return RUNNER_GRAMMARS[READ_ALIKE[name] ?? name] ?? NO_OPTIONS;
}

/** Every program name the table describes, other names included (for the agreement test). */
export const RUNNER_GRAMMAR_NAMES: readonly string[] = [...Object.keys(RUNNER_GRAMMARS), ...Object.keys(READ_ALIKE)];
