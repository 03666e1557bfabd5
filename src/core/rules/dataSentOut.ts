import { ownTable } from '../ownTable';
import type { CodeSnippet, Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { databaseWorkOf } from './database';
import { freeFormReadings } from '../registry/freeForm';
import { parseCommand } from '../registry/grammar';
import { optionGrammarOf } from '../policy/readerGrammars';
import { invocationCommand, toolArgs, toolNamesOf } from '../registry/commandModel';
import { productionBackupDownload } from './support/backupDownloads';
import { productionBucketDownload } from './support/bucketExports';
import { OBJECT_STORE_TOOLS } from './support/objectStoreSecrets';
import { hostOf, isLocalHost, redactUrl } from '../policy/production';
import { assignment } from './support/databaseConnection';
import { loadedEnvironment } from './support/injectedSecrets';
import { driverWholeExport, wholeExportIn, wholeMongoExportIn } from './support/wholeExports';
import { clientHostInCode } from './support/productionWrites';
import { CLOUD_EXPORT_TOOLS, cloudExportFindings } from './support/cloudExports';

/**
 * Production data carried off this machine: a database client or dump tool that reads a production
 * (or unknown remote) database, piped into a program that sends what it reads to a network address
 * (`psql -h db.prod… -c "copy users to stdout" | curl -d @- https://…`, `pg_dump … | nc host 9000`).
 * The rows leave the place that guards them: ask, production.
 *
 * Stop 34 (coordinator's decision, red team round 19): a whole-store dump or export of a production
 * store asks even when it stays on this machine (`pg_dump -h db.prod… -f /tmp/prod.dump`,
 * `pg_basebackup`, `mongodump`, `mongoexport`, `elasticdump --input=https://es.prod…`, `redis-cli
 * --rdb`; a platform's `db:dump` is `platformDatabaseCopies.ts`'s): every customer record, password hash and stored token lands where
 * the agent reads it. A query client's read (`psql prod -c 'select count(*) …'`) stays allowed and
 * marked production; a dump of a local or named non-production store stays allowed.
 */

/**
 * Dump and export programs the database pack does not read (they only read), with the options that name where they connect
 * (without dashes); each program's options are its one description (`CLI_GRAMMARS` in policy/readerGrammars.ts).
 */
const DUMPERS: Readonly<Record<string, readonly string[]>> = ownTable({
  pg_dump: ['h', 'host', 'd', 'dbname'],
  pg_dumpall: ['h', 'host', 'd', 'dbname'],
  mysqldump: ['h', 'host'],
  mariadb_dump: ['h', 'host'],
  'mariadb-dump': ['h', 'host'],
  mongodump: ['host', 'h', 'uri'],
  mongoexport: ['host', 'h', 'uri'],
  // Stop 34: read by `wholeStoreCopiesPack` below, so that the verb floor still judges their other words.
  // A physical copy of the whole cluster (every database, every role's password hash).
  pg_basebackup: ['h', 'host', 'd', 'dbname'],
  // Elasticsearch/OpenSearch: the index read is the input (an output URL is a load the floor judges, `verbTraits.ts`).
  elasticdump: ['input'],
  multielasticdump: ['input'],
});

/** Dump programs the verb floor also judges (their loads, their destroying words): not in the pack's `commands`. */
const FLOOR_DUMPERS: ReadonlySet<string> = new Set(['pg_basebackup', 'elasticdump', 'multielasticdump']);

/** Store clients that copy the whole store only with one of these options (`redis-cli --rdb FILE`: the server's snapshot). */
const WHOLE_STORE_OPTIONS: Readonly<Record<string, readonly string[]>> = ownTable({
  'redis-cli': ['--rdb'],
  'valkey-cli': ['--rdb'],
  'keydb-cli': ['--rdb'],
});


/** Where a dump tool connects: its host option's value or a connection URL among its words, whichever comes first. */
function dumpSource(inv: Invocation): string | undefined {
  const options = DUMPERS[inv.name];
  if (!options) return undefined;
  const parsed = parseCommand(inv.args, optionGrammarOf(inv.name) ?? {});
  const host = parsed.options.find((o) => o.values.length > 0 && options.includes(o.name.replace(/^--?/, '')));
  const url = inv.args.findIndex((a) => /^[a-z+]+:\/\//i.test(a.text));
  if (host && (url < 0 || host.index <= url)) return host.values[0];
  if (url >= 0) return inv.args[url]!.text;
  // Stop 40 (round 34: `pg_dump $PROD_DATABASE_URL | nc …` in a scheduled job): a connection string given by a variable, named by the variable.
  return parsed.operands.find((a) => /^\$\{?[A-Za-z_]\w*(URL|URI|DSN)\}?$/i.test(a.text))?.text;
}

/** The variables a dump program takes its server from when no option names one (libpq's PGHOST, MySQL's MYSQL_HOST). */
const HOST_VARIABLES: Readonly<Record<string, readonly string[]>> = ownTable({
  pg_dump: ['PGHOST', 'PGHOSTADDR', 'PGSERVICE'],
  pg_dumpall: ['PGHOST', 'PGHOSTADDR', 'PGSERVICE'],
  pg_basebackup: ['PGHOST', 'PGHOSTADDR', 'PGSERVICE'],
  mysqldump: ['MYSQL_HOST'],
  mariadb_dump: ['MYSQL_HOST'],
  'mariadb-dump': ['MYSQL_HOST'],
});

/**
 * Round 21: where a dump program that names no server connects, when something other than its words says
 * so. The variables it reads (`PGHOST=db.prod… pg_dump`); the machine it runs on (`kubectl exec
 * deploy/postgres -- pg_dump`, `ssh db.prod… pg_dump`, `heroku run pg_dump`: that machine's own server);
 * the variables an env loader or secret injector hands it (`dotenv -e .env.production --`, `doppler run
 * --`, `railway run`, `env $(cat .env.production)`): that environment's server. Undefined when nothing
 * but this machine's default is left.
 */
function dumpElsewhere(inv: Invocation, ctx: RuleContext): Target | undefined {
  const variable = (HOST_VARIABLES[inv.name] ?? []).map((v) => [v, assignment(inv, ctx.facts, v)] as const).find(([, value]) => value !== undefined);
  if (variable !== undefined && !isLocalHost(variable[1]!)) {
    const env = ctx.environmentOf({ values: [], sources: [{ source: variable[0], value: variable[1]! }], remote: true });
    return { kind: 'database', name: variable[1]!, provider: inv.name, remote: true, environment: env.environment, environmentReason: env.reason };
  }
  if (inv.remote) {
    const env = ctx.environmentOf({ values: [], sources: inv.remote.names, remote: true });
    return { kind: 'database', name: `the database on ${inv.remote.place}`, provider: inv.name, remote: true, environment: env.environment, environmentReason: env.reason };
  }
  const loaded = loadedEnvironment(inv, ctx);
  if (loaded === undefined) return undefined;
  // A hosted environment a secret store or platform runner hands over, named by nothing: production (the rule for unresolved targets).
  const unnamed = loaded.environment === 'unknown' ? { environment: 'production' as const, environmentReason: `${loaded.environmentReason} (treated as production)` } : {};
  return { ...loaded, ...unnamed, kind: 'database', name: `the database ${loaded.name} point to`, provider: inv.name };
}

/** The database a reading program reaches, with its environment; undefined when it is no database client or reaches this machine. */
function databaseRead(inv: Invocation, ctx: RuleContext): Target | undefined {
  const work = DUMPERS[inv.name] ? undefined : databaseWorkOf(inv, ctx.facts);
  const where = work ? (work.remote ? work.database : undefined) : dumpSource(inv);
  // A client naming no server (`kubectl exec … -- psql -c …`, `dotenv -e .env.production -- psql`): where it runs or what it was handed says.
  // A server read from a variable on another machine (`heroku run "psql $DATABASE_URL …"`) is that machine's.
  if (where === undefined || (/[$`]/.test(where) && inv.remote)) return DUMPERS[inv.name] || work ? dumpElsewhere(inv, ctx) : undefined;
  // A server named only by a variable (`--uri "$MONGODB_URI"`) that an env loader or secret store hands over (round 27): the loader's environment.
  const handed = /^[^a-z0-9]*[$`]/i.test(where) ? dumpElsewhere(inv, ctx) : undefined;
  if (handed !== undefined) return handed;
  const host = /@([^/:?]+)/.exec(where)?.[1] ?? /^[a-z+]+:\/\/([^/:?@]+)/i.exec(where)?.[1] ?? where;
  if (/^(localhost|127\.0\.0\.1|::1|\/.*)$/.test(host)) return undefined;
  const env = ctx.environmentOf({ values: [where, host], remote: true });
  const name = work?.database ?? host;
  return { kind: 'database', name, provider: work?.engine ?? inv.name, remote: true, environment: env.environment, environmentReason: env.reason };
}

const SENDERS = new Set(['curl', 'wget', 'http', 'https', 'xh', 'xhs', 'nc', 'ncat', 'netcat', 'socat', 'telnet', 'scp', 'rsync', 'aws', 'gsutil']);

/** Programs that pass what they read on, changed in form only. */
const FILTERS = new Set(['gzip', 'bzip2', 'xz', 'zstd', 'lz4', 'base64', 'openssl', 'gpg', 'tee', 'cat', 'jq', 'sed', 'awk', 'grep', 'head', 'tail', 'cut', 'tr', 'sort', 'pv', 'split']);

/** Whether a sender sends what it reads on standard input. */
function sendsStdin(inv: Invocation): boolean {
  const words = inv.args.map((a) => a.text);
  if (['nc', 'ncat', 'netcat', 'socat', 'telnet'].includes(inv.name)) return true;
  if (inv.name === 'curl') return words.some((w, i) => /^@-$|=@-$|^-d@-$|^--data(-\w+)?=@-$/.test(w) || ((w === '-T' || w === '--upload-file') && words[i + 1] === '-'));
  if (inv.name === 'wget') return words.some((w) => /^--post-file=(-|\/dev\/stdin)$/.test(w) || w === '/dev/stdin');
  if (inv.name === 'http' || inv.name === 'https' || inv.name === 'xh' || inv.name === 'xhs') return !words.includes('--ignore-stdin');
  if (inv.name === 'aws' || inv.name === 'gsutil') return words.includes('cp') && words.includes('-');
  return words.includes('-') || words.includes('/dev/stdin');
}

/**
 * Stop 35 (round 6): a container image or a container's files written to standard output (`docker save IMAGE`,
 * `podman image save`, `docker export CONTAINER`) carry every layer, and whatever the build baked in with them
 * (env files, keys, build arguments). Piped to a sender they leave this machine; written to a file
 * (`-o api.tar`, `> api.tar`) or loaded elsewhere over ssh (`| ssh web1 docker load`) they are moved, not sent out.
 */
function imageArchive(inv: Invocation): string | undefined {
  const read = invocationCommand(inv);
  if (read?.tool.provider !== 'docker' || !read.tool.names.includes(inv.name)) return undefined;
  const words = read.parsed.operands.map((w) => w.text);
  const at = words[0] === 'image' || words[0] === 'container' ? 1 : 0;
  if (!/^(save|export)$/.test(words[at] ?? '') || toolArgs(inv.name, read.parsed, read.tool).has('-o', '--output')) return undefined;
  const names = words.slice(at + 1).filter((w) => !/\s/.test(w));
  return `${words[at] === 'save' ? 'the image' : 'the files of the container'} ${names.length > 0 ? names.join(' ') : '(not named)'}`;
}

/**
 * How the invocation copies a whole store, or undefined: a dump tool, a client given its whole-store
 * option, or a client whose statements export a whole table or database (round 21, `support/wholeExports.ts`).
 */
function wholeStoreCopy(inv: Invocation, ctx: RuleContext): string | undefined {
  if (DUMPERS[inv.name]) return inv.name;
  const options = WHOLE_STORE_OPTIONS[inv.name];
  const option = options === undefined ? undefined : freeFormReadings(inv.args).usual.options.find((o) => options.includes(o.name));
  if (option !== undefined) return `${inv.name} ${option.name}`;
  const work = options === undefined ? databaseWorkOf(inv, ctx.facts) : undefined;
  const exported = work === undefined ? undefined : wholeExportIn(work.sql.join('\n')) ?? wholeMongoExportIn(work.mongo.join('\n'));
  return exported === undefined ? undefined : `${inv.name}: ${exported}`;
}

/** A whole-store copy of a production store, which asks (stop 34). */
function productionDump(inv: Invocation, ctx: RuleContext): Finding[] {
  const how = wholeStoreCopy(inv, ctx);
  if (how === undefined) return [];
  const source = databaseRead(inv, ctx);
  // A dump of a local store, a named non-production one or one whose environment nothing says stays allowed (stop 34).
  if (source?.environment !== 'production') return [];
  return [{ rule: 'dataSentOut.production-dump', risk: 'production-access', severity: 'ask', reason: `Dumps the whole production ${source.name.startsWith('the database ') ? source.name.slice(4) : `database ${source.name}`} onto this machine (${how}${inv.via.length > 0 ? ` via ${inv.via.join(', ')}` : ''}): every customer record, password hash and stored token it holds lands where the agent reads it.`, targets: [source] }];
}

/**
 * Program code that copies a whole table out through its driver (`copy_expert('COPY users TO STDOUT', f)`)
 * from a production server it names by URL, host or variable (like a dump: stop 34's rule). A driver
 * that names no server reaches this machine's default.
 */
function codeExport(snippet: CodeSnippet, ctx: RuleContext): Finding[] {
  if (snippet.language !== 'python' && snippet.language !== 'javascript' && snippet.language !== 'ruby') return [];
  const exported = driverWholeExport(snippet.text);
  if (exported === undefined) return [];
  const code = snippet.text;
  const url = /\b((?:postgres(?:ql)?|mysql|mariadb|duckdb):\/\/[^\s'"`]+)/i.exec(code)?.[1];
  const host = (url !== undefined ? hostOf(url) : undefined) ?? clientHostInCode(code) ?? /\bhost=([\w.-]+)/.exec(code)?.[1];
  const variable = /\b((?:[A-Z][A-Z0-9]*_)*(?:DATABASE|DB|PG|MYSQL)[A-Z0-9_]*(?:URL|URI|DSN|HOST))\b/.exec(code)?.[1];
  if (host === undefined ? variable === undefined : isLocalHost(host)) return [];
  const name = host ?? `$${variable}`;
  const env = ctx.environmentOf({ values: [...(url !== undefined ? [url] : []), name], remote: true });
  if (env.environment !== 'production') return [];
  const target: Target = { kind: 'database', name, provider: snippet.runner.name, remote: true, environment: 'production', environmentReason: env.reason };
  return [{ rule: 'dataSentOut.production-dump', risk: 'production-access', severity: 'ask', reason: `Exports a whole table of the production database ${redactUrl(name)} onto this machine (${snippet.runner.name} code: ${exported}): every customer record, password hash and stored token it holds lands where the agent reads it.`, targets: [target] }];
}

/** Where a sender sends: its address, else its first word that is not an option. */
function destination(inv: Invocation): string {
  const words = inv.args.map((a) => a.text);
  // A sender nothing describes: its words read free-form, every option a switch.
  return words.find((w) => /^[a-z][a-z0-9+.-]*:\/\//i.test(w)) ?? freeFormReadings(inv.args).usual.operands.map((w) => w.text).find((w) => /[a-z]/i.test(w)) ?? inv.name;
}

function check(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.stdin?.kind === 'pipe' && SENDERS.has(inv.name) && sendsStdin(inv)) {
    let from = inv.stdin.from;
    // `pg_dump … | gzip | base64 | curl -d @-`: filters pass the rows on.
    for (let i = 0; i < 6 && FILTERS.has(from.name) && from.stdin?.kind === 'pipe'; i++) from = from.stdin.from;
    const source = databaseRead(from, ctx);
    if (source && source.environment !== 'non-production') {
      const to = destination(inv);
      const target: Target = { ...source, environment: 'production', environmentReason: source.environment === 'production' ? source.environmentReason : `${source.name} is a remote database nothing names (unknown: treated as production)` };
      return [{ rule: 'dataSentOut.database-to-network', risk: 'destructive', severity: 'ask', reason: `Sends what ${from.name} reads from the ${source.environment === 'production' ? 'production' : 'remote'} database ${source.name} to ${to.slice(0, 80)} (${inv.name}): the data leaves the place that guards it.`, targets: [target] }];
    }
    const image = imageArchive(from);
    if (image) {
      const to = destination(inv);
      const target: Target = { kind: 'url', name: to.slice(0, 80), provider: inv.name, remote: true, environment: 'unknown', environmentReason: 'an address the image is sent to' };
      return [{ rule: 'dataSentOut.image-to-network', risk: 'credential-dump', severity: 'ask', reason: `Sends ${image} (${from.name}) to ${to.slice(0, 80)} (${inv.name}): every layer leaves this machine, with whatever the build baked in (env files, keys, build arguments).`, targets: [target] }];
    }
  }
  if (OBJECT_STORE_TOOLS.includes(inv.name)) {
    const backup = productionBackupDownload(inv, ctx);
    if (backup.length > 0) return backup;
    const bucket = productionBucketDownload(inv, ctx);
    if (bucket.length > 0) return bucket;
  }
  return FLOOR_DUMPERS.has(inv.name) ? [] : productionDump(inv, ctx);
}

export const dataSentOutPack: RulePack = {
  id: 'dataSentOut',
  title: 'Production data sent off this machine',
  commands: [...new Set([...SENDERS, ...OBJECT_STORE_TOOLS]), ...Object.keys(DUMPERS).filter((n) => !FLOOR_DUMPERS.has(n)), ...Object.keys(WHOLE_STORE_OPTIONS), ...toolNamesOf('database')],
  checkInvocation: check,
  checkSnippet: codeExport,
};

/** The same question for dump programs the verb floor also judges: dispatched by name, so they stay the floor's too. */
export const wholeStoreCopiesPack: RulePack = {
  id: 'wholeStoreCopies',
  title: 'Whole-store copies of a production store by programs the verb floor also judges',
  checkInvocation: (inv, ctx) => (FLOOR_DUMPERS.has(inv.name) ? productionDump(inv, ctx) : []),
  reactsTo: (name) => FLOOR_DUMPERS.has(name),
};

/**
 * Round 25: whole exports of a hosted store by its cloud's CLI (`support/cloudExports.ts`): dispatched by
 * name, so that `aws`, `gcloud`, `bq` and `az` stay their registry entries' and the verb floor's too.
 */
export const cloudExportsPack: RulePack = {
  id: 'cloudExports',
  title: 'Whole exports of a production store by a cloud CLI',
  checkInvocation: cloudExportFindings,
  reactsTo: (name) => CLOUD_EXPORT_TOOLS.includes(name),
};
