import { ask, allow, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Round 8 rest (team decisions 2026-12-03): this machine's database server stopped or re-initialised
 * answers as `systemctl stop postgresql` does (asks), by whatever program does it; a web server, a user's
 * own process manager and a throwaway server in the project stay allowed as `systemctl stop nginx` does.
 * Brew's `--force` removal answers as apt's purge; `dbt` on a production target replaces its tables.
 */
const table = decisionTable(testFacts());

table('the machine database server stopped by its own tools (postgresql.org/docs/current/app-pg-ctl.html, pg_ctlcluster(1), brew services)', [
  ask('pg_ctl -D /var/lib/postgresql/data stop -m immediate', { says: /immediate mode/ }),
  ask('sudo -u postgres pg_ctl stop'),
  ask('sudo pg_ctl kill TERM 4211'),
  ask('sudo pg_ctlcluster 16 main stop -m immediate'),
  ask('env PGDATA=/var/lib/pgsql/data pg_ctl stop'),
  ask('brew services stop postgresql'),
  ask('brew services kill mysql@8.0'),
  ask('brew services stop --all'),
  ask('timeout 10 brew services stop mongodb-community'),
  ask('mysqladmin -u root shutdown'),
  allow('pg_ctl -D ./tmp/pgdata -l ./tmp/pg.log stop'),
  allow('env PGDATA=./tmp/pg pg_ctl stop'),
  allow('pg_ctl -D /var/lib/postgresql/data status'),
  allow('pg_ctlcluster 16 main restart'),
  allow('brew services stop nginx'),
  allow('brew services start postgresql@16'),
  allow('brew services list'),
  allow('mysqladmin status'),
  allow('sudo systemctl stop nginx'),
]);

table('a database server data folder (re)created (dev.mysql.com data-directory-initialization, app-initdb, pg_upgradecluster(1))', [
  ask('mysqld --initialize-insecure', { says: /no password/ }),
  ask('sudo mysqld --initialize --user=mysql --datadir=/var/lib/mysql'),
  ask('mariadbd --initialize-insecure --datadir=/var/lib/mariadb'),
  ask('sudo pg_upgradecluster 15 main'),
  ask('sudo pg_upgradecluster -m upgrade --link 15 main'),
  ask('sudo -u postgres initdb -D /var/lib/postgresql/16/main'),
  allow('mysqld --initialize --datadir=./tmp/mysql'),
  allow('mysqld --verbose --help'),
  allow('initdb -D ./tmp/pg'),
  allow('pg_upgradecluster --help'),
]);

table('brew removals with --force or --zap answer as a purge (docs.brew.sh/Manpage#uninstall-remove-rm)', [
  ask('brew uninstall --force postgresql@16', { says: /every installed version/ }),
  ask('brew rm -f redis'),
  ask('brew uninstall --zap --cask docker'),
  allow('brew uninstall jq'),
  allow('brew install --force jq'),
  allow('brew reinstall --force jq'),
]);

table('dbt on a production target rebuilds its tables (docs.getdbt.com/reference/commands/build)', [
  ask('dbt build --target prod', { production: true }),
  ask('DBT_TARGET=prod dbt run -s my_model', { production: true }),
  ask('dbt seed -t production', { production: true }),
  ask('env DBT_TARGET=prod dbt snapshot', { production: true }),
  allow('dbt build --target dev'),
  allow('dbt run'),
  allow('dbt ls --target prod', { production: true }),
  allow('dbt test --target prod', { production: true }),
  allow('dbt build --target prod --help', { production: true }),
]);

table('every container of nerdctl removed, as docker and podman (github.com/containerd/nerdctl command-reference)', [
  ask('nerdctl rm -f $(nerdctl ps -aq)'),
  ask('nerdctl ps -aq | xargs nerdctl rm -f'),
  ask('sudo nerdctl rm -f -a'),
  allow('nerdctl rm -f db'),
  allow('nerdctl rm -f $(nerdctl ps -aq --filter status=exited)'),
  allow('nerdctl ps -a'),
]);
