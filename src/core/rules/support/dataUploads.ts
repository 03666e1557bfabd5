import { basename, resolvePath } from '../../paths';
import type { ArgWord, Finding, Invocation, RuleContext } from '../../policy/types';
import { namedOwner } from './packageSources';
import { freeFormReadings } from '../../registry/freeForm';
import { isSharedDryRun, verbTraitsOf } from '../../registry/verbTraits';

/**
 * Stop 39 (round 32: `rclone copy ./db remote:exfil`): a store's data copied off this machine to a place the project does not
 * name. A database file (`*.sqlite3`, `*.db`, a dump), or a folder holding one, sent by a storage copier (`rclone copy`, `aws s3
 * cp`, `gsutil cp`, `mc cp`, `s3cmd put`: the upload sources `sentOutReach.ts` reads) to a bucket or remote that no file of the
 * workspace names leaves with whatever rows it holds (customers, accounts, tokens), and nobody can take it back. Unknown owner is
 * production. Allowed look-alikes: the same copy down (`rclone copy remote:backup ./restore`: nothing leaves), built assets or
 * other files that hold no store (`rclone copy ./dist r2:acme-assets`), a destination the workspace's own files name (the team's
 * bucket in `package.json` or the `Makefile`), a dry run (read by the floor before this).
 */

/** Files that are a store's data or a dump of one. */
const DATA_FILE = /\.(sqlite|sqlite3|db|db3|duckdb|mdb|accdb|dump|sql|sql\.gz|sql\.bz2|sql\.xz|pgdump|bak|rdb|aof|bson|mdf|ldf|ibd|realm|frm|myd|parquet)$/i;
/** Workspace files whose text names the places the project sends its data to (its scripts, tasks and settings). */
const PLACE_FILES = ['package.json', 'Makefile', 'justfile', 'Justfile', 'Taskfile.yml', 'Taskfile.yaml', 'docker-compose.yml', 'compose.yaml', 'rclone.conf', '.blast-shield.json'];

/** The data files a source word names: itself, or those directly in the folder it names (bounded). */
function dataFiles(word: ArgWord, inv: Invocation, ctx: RuleContext): string[] {
  if (word.dynamic) return [];
  const path = resolvePath(inv.cwd || ctx.facts.cwd, word.text, ctx.facts.home);
  const entries = ctx.facts.listDir(path);
  if (entries === undefined) return DATA_FILE.test(word.text) ? [word.text] : [];
  return entries.filter((e) => DATA_FILE.test(e)).slice(0, 3).map((e) => `${word.text.replace(/\/$/, '')}/${e}`);
}

/** Is the destination (`remote:exfil`, `s3://bucket/key`) one the workspace's own files name? */
function namedByProject(destination: string, ctx: RuleContext): boolean {
  const place = /^[a-z0-9]+:\/\/([^/]+)/i.exec(destination)?.[1] ?? destination.replace(/\/.*$/, '');
  if (place.length < 3) return false;
  if (namedOwner(place, ctx.facts)) return true;
  return ctx.facts.workspaceRoots.some((root) => PLACE_FILES.some((f) => (ctx.facts.readFile(`${root}/${f}`)?.slice(0, 200_000) ?? '').includes(place)));
}

export function dataSentOff(inv: Invocation, ctx: RuleContext, sources: readonly ArgWord[]): Finding | undefined {
  // A dry run sends nothing: the spellings every tool shares (`--dry-run`, `--dryrun`), and the tool's own (`rclone -n`).
  if (sources.length === 0 || inv.args.some((a) => isSharedDryRun(a.text) || verbTraitsOf(inv.name).dryRun?.includes(a.text) === true)) return undefined;
  // The place written last (`remote:exfil`, `s3://bucket/`), in the reading where options take no value or the one where they take one.
  const { usual, valued } = freeFormReadings(inv.args);
  const destination = [...usual.operands].reverse().find((w) => /^[\w.-]*:/.test(w.text))?.text ?? valued.operands.at(-1)?.text ?? '';
  if (destination === '' || sources.some((s) => s.text === destination) || namedByProject(destination, ctx)) return undefined;
  const files = sources.flatMap((s) => dataFiles(s, inv, ctx));
  if (files.length === 0) return undefined;
  // A copy into a backup place (`s3://acme-backups/…`) is a backup, and a place named for another environment (staging) is not production.
  if (/(^|[^a-z])(backups?|bak|archives?|snapshots?)([^a-z]|$)/i.test(destination)) return undefined;
  const env = ctx.environmentOf({ values: [destination], remote: true });
  if (env.environment === 'non-production' || env.environment === 'local') return undefined;
  const environment = env.environment === 'unknown' ? 'production' : env.environment;
  return {
    rule: 'data.sent-off',
    risk: 'destructive',
    severity: 'ask',
    reason: `\`${inv.name}\` copies ${files.map((f) => basename(f)).join(', ')} (a store's data) to ${destination}, which no file of this project names: whatever rows it holds leave this machine for a place whose owner nothing says, and cannot be taken back.`,
    targets: [{ kind: 'resource', name: destination, provider: inv.name, remote: true, environment, environmentReason: env.environment === 'unknown' ? 'a place the project does not name (treated as production)' : env.reason }],
  };
}
