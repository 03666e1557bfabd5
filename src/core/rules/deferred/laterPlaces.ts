import { deployPlaceOf } from './deployPlaces';
import { basename } from '../../paths';
import type { Facts } from '../../policy/types';
import { flowList, MIGRATED, yamlCommands, type PlaceRule } from './places';

/**
 * More places that run what is written into them later (round 7, issue #18 item 5), beside
 * `places.ts`: Kubernetes workload manifests (a Job, Pod or Deployment runs its container's command
 * once applied), helmfile hooks (run on this machine by `helmfile sync`/`apply`), compose files (the
 * service's command runs on `docker compose up`), ORM migrations (their drop calls run on the next
 * migrate or deploy) and the project's shell scripts (run by a deploy, a package script or CI).
 */

function unquote(v: string): string {
  const t = v.trim();
  if ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'"))) return t.slice(1, -1);
  return t;
}

/** `command:` with the `args:` that follow it in the same entry, flow or scalar (`command: "kubectl"` + `args: ["delete","ns","x"]`), plus yamlCommands' reading. */
export function commandsWithArgs(text: string): string {
  const out: string[] = [];
  const COMMAND = /\bcommand\s*:\s*("(?:[^"\\]|\\.)*"|'[^']*'|\[[^\]]*\]|[^\n,{}[\]]+)/g;
  for (const m of text.matchAll(COMMAND)) {
    if (out.length >= 32) break;
    const head = m[1]!.trim().startsWith('[') ? flowList(m[1]!) : unquote(m[1]!);
    const after = text.slice(m.index! + m[0].length, m.index! + m[0].length + 400);
    const next = after.search(/\bcommand\s*:|\n\s*-\s+(name|events)\s*:/);
    const args = /\bargs\s*:\s*(\[[^\]]*\])/.exec(next < 0 ? after : after.slice(0, next));
    out.push(args ? `${head} ${flowList(args[1]!)}` : head);
  }
  return [...out, yamlCommands(text)].join('\n');
}

/** ORM and migration-library calls that destroy a table, a column or a schema, as the SQL they send. */
const ORM_DROPS: ReadonlyArray<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/\b(?:dropTable|dropTableIfExists|drop_table|deleteTable)\s*\(?\s*[:'"`]([\w.]+)/g, (m) => `DROP TABLE ${m[1]};`],
  [/\bop\.drop_table\(\s*['"]([\w.]+)/g, (m) => `DROP TABLE ${m[1]};`],
  [/\b(?:removeColumn|remove_column|drop_column|dropColumn)\s*\(?\s*[:'"`]([\w.]+)['"`]?\s*,\s*[:'"`]([\w.]+)/g, (m) => `ALTER TABLE ${m[1]} DROP COLUMN ${m[2]};`],
  [/\b(?:dropSchema|dropDatabase|drop_schema|dropAllTables)\s*\(\s*['"`]?([\w.]*)/g, (m) => `DROP SCHEMA ${m[1] || 'public'} CASCADE;`],
  [/\b(?:truncate|bulkDelete|truncate_table)\s*\(\s*[:'"`]([\w.]+)/g, (m) => `TRUNCATE ${m[1]};`],
  // Laravel (`Schema::drop('users')`, `$table->dropColumn('email')`), Django (`migrations.DeleteModel("User")`, `RemoveField`), Ecto (`drop table(:users)`).
  [/\bSchema::drop(?:IfExists)?\s*\(\s*['"]([\w.]+)/g, (m) => `DROP TABLE ${m[1]};`],
  [/->dropColumn\s*\(\s*\[?\s*['"]([\w.]+)/g, (m) => `ALTER TABLE migrated DROP COLUMN ${m[1]};`],
  [/\bDeleteModel\s*\(\s*(?:name\s*=\s*)?['"]([\w.]+)/g, (m) => `DROP TABLE ${m[1]};`],
  [/\bRemoveField\s*\(\s*(?:model_name\s*=\s*)?['"]([\w.]+)['"]\s*,\s*(?:name\s*=\s*)?['"]([\w.]+)/g, (m) => `ALTER TABLE ${m[1]} DROP COLUMN ${m[2]};`],
  [/\bdrop(?:_if_exists)?\s*\(?\s*table\s*\(\s*:(\w+)/g, (m) => `DROP TABLE ${m[1]};`],
  // Raw SQL in a string: `queryInterface.sequelize.query("DROP TABLE x")`, `execute("TRUNCATE x")`, `knex.raw('…')`.
  [/["'`]((?:DROP|TRUNCATE|DELETE\s+FROM|ALTER\s+TABLE)\b[^"'`]{0,400})["'`]/gi, (m) => `${m[1]};`],
];

/** The migration without its rollback (`down`, `downgrade`): a create's `down` dropping the table is the usual undo, not what applying it does. */
function forwardPart(text: string): string {
  const parts = text.split(/(?=\b(?:exports\.)?(?:up|down|upgrade|downgrade)\s*[:=(]|\bdef\s+(?:up|down|upgrade|downgrade|change)\b|\basync\s+(?:up|down)\s*\()/);
  return parts.filter((part) => !/^(?:exports\.)?(?:down|downgrade)\b|^def\s+(?:down|downgrade)\b|^async\s+down\b/.test(part)).join('');
}

export function migrationSql(text: string): string {
  const statements: string[] = [];
  const forward = forwardPart(text);
  for (const [re, sql] of ORM_DROPS) for (const m of forward.matchAll(re)) if (statements.length < 24) statements.push(sql(m));
  return statements.length === 0 ? '' : `psql "$DATABASE_URL" <<'SQL'\n${statements.join('\n')}\nSQL`;
}

const WORKLOAD = /^\s*kind:\s*(Job|Pod|Deployment|StatefulSet|DaemonSet|ReplicaSet)\b/m;

export function laterPlaceOf(absolutePath: string, text: string | undefined, facts: Pick<Facts, 'workspaceRoots' | 'cwd'> & Partial<Pick<Facts, 'readFile'>>): PlaceRule | undefined {
  const p = absolutePath.replace(/\\/g, '/');
  const l = p.toLowerCase();
  if (l.includes('/node_modules/') || l.includes('/.git/')) return undefined;
  const name = basename(p);
  const lname = name.toLowerCase();
  // An append (`echo '  postStart: …' >> k8s/deployment.yaml`, round 8) carries only its lines: the kind is the file's.
  const kindText = text !== undefined && /\.ya?ml$/.test(lname) ? (WORKLOAD.test(text) ? text : facts.readFile?.(absolutePath)) : undefined;
  if (kindText !== undefined && WORKLOAD.test(kindText)) {
    const kind = WORKLOAD.exec(kindText)![1]!;
    // Round 8: where it is applied (kubectl apply, CI, a GitOps sync) nothing here names: an unresolved remote target, production.
    return { where: `the Kubernetes ${kind} manifest ${name}`, when: 'as soon as it is applied (kubectl apply, a GitOps sync), in the cluster', language: 'shell', strictUnknown: false, inImage: true, commands: commandsWithArgs, production: 'applied to a cluster later (kubectl apply, CI or a GitOps sync) whose environment nothing here names' };
  }
  if (/^helmfile(\.[\w-]+)?\.ya?ml(\.gotmpl)?$/.test(lname) || /\/helmfile\.d\/[^/]+\.ya?ml(\.gotmpl)?$/.test(l)) {
    return { where: `the helmfile ${name}`, when: 'when `helmfile sync` or `apply` runs its hooks, on this machine', language: 'shell', strictUnknown: false, commands: commandsWithArgs };
  }
  if (/^(docker-)?compose(\.[\w-]+)?\.ya?ml$/.test(lname)) {
    return { where: `the compose file ${name}`, when: 'when `docker compose up` starts the service', language: 'shell', strictUnknown: false, inImage: true, commands: commandsWithArgs };
  }
  // Round 14: Python (alembic's `migrations/versions/`, Django's app folders), PHP (Laravel's `database/migrations/`) and Elixir (Ecto's `priv/repo/migrations/`) at any depth too.
  if (/\/(migrations?|db\/migrate|alembic\/versions|migrations\/versions)\/(.+\/)?[^/]+\.((c|m)?[jt]s|py|php|exs)$|\/(db\/migrate|migrations?|alembic\/versions)\/[^/]+\.(rb|py)$/.test(l)) {
    return { where: `the migration ${p.split('/').slice(-2).join('/')}`, when: 'when the migrations are applied (migrate, the next deploy)', language: 'shell', strictUnknown: false, production: MIGRATED, commands: migrationSql };
  }
  const deploy = deployPlaceOf(p);
  if (deploy) return deploy;
  const roots = facts.workspaceRoots.length > 0 ? facts.workspaceRoots : [facts.cwd];
  if (/\.(sh|bash|zsh)$/.test(lname) && roots.some((r) => p.startsWith(r.endsWith('/') ? r : r + '/'))) {
    return { where: `the script ${p.split('/').slice(-2).join('/')}`, when: 'whenever it is run (a deploy, a package script, CI)', language: 'shell', strictUnknown: false, runsWhenNamed: true, commands: (t) => t };
  }
  // Round 14: the project's Python, Ruby and PHP scripts (a purge script under a scripts folder), run the same ways
  // (JavaScript ones are judged where a package script names them).
  const scriptLanguage = /\/(scripts|bin|tasks|tools|cron|jobs)\/[^/]+\.(py|rb|php)$/.exec(l)?.[2];
  if (scriptLanguage !== undefined && roots.some((r) => p.startsWith(r.endsWith('/') ? r : r + '/'))) {
    const language = scriptLanguage === 'py' ? 'python' : scriptLanguage === 'rb' ? 'ruby' : 'php';
    return { where: `the script ${p.split('/').slice(-2).join('/')}`, when: 'whenever it is run (a deploy, a package script, CI)', language, strictUnknown: false, runsWhenNamed: true, addedOnly: true, commands: (t) => t };
  }
  return undefined;
}
