import type { Finding, Invocation, RuleContext, Target } from '../../policy/types';
import { invocationCommand } from '../../registry/commandModel';
import { REMOTE, transfersOf, type Transfer } from './objectStoreSecrets';

/**
 * Stop 35 (round 17): a production database's backup copied down from an object store (`aws s3 cp
 * s3://acme-prod-db-backups/latest.sql.gz .`, `gsutil cp gs://…/prod/shop.dump /tmp`, `aws s3 sync
 * s3://acme-prod-pg-backups ./b`) is the whole store landing where the agent reads it, as `pg_dump -h
 * db.prod…` is (the stop 34 decision in `dataSentOut.ts`): every customer record, password hash and
 * stored token. What makes it a backup is its name: a dump's file type (`.sql`, `.dump`, `.rdb`, `.bson`,
 * `.bak`, compressed or not) or a bucket or prefix that keeps database backups. Other production objects
 * (`users.csv`, assets) stay allowed and marked, as before; so do backups of stores named non-production
 * and uploads of a backup.
 */

/** A file type dump programs write: `latest.sql.gz`, `shop.dump`, `dump.rdb`, `users.bson`, `db.bak`, `mongo.archive.gz`. */
const DUMP_FILE = /\.(sql|dump|pgdump|pg_dump|psql|rdb|aof|bson|bak|dmp|archive|ibd|backup)(\.(gz|gzip|bz2|xz|zst|zstd|lz4|tar|zip|7z|enc|gpg|age))*$/i;

/** A bucket or prefix that keeps database backups: `acme-prod-db-backups`, `pg-dumps/`, `rds-snapshots`, `wal-g`, `pgbackrest`. */
const BACKUP_FOLDER = /(^|[-_./])((db|database|pg|postgres(ql)?|mysql|mariadb|mongo(db)?|redis|sql|rds)[-_]?(backups?|dumps?|snapshots?|exports?)|dumps|basebackups?|wal-?[eg]|pgbackrest|barman)([-_./]|$)/i;

function backupNamed(source: string, folder: boolean | undefined): boolean {
  const where = source.replace(/^[a-z0-9]+:\/\//i, '').replace(/[?#].*$/, '');
  const file = where.slice(where.lastIndexOf('/') + 1);
  return (!folder && file !== '' && DUMP_FILE.test(file)) || (BACKUP_FOLDER.test(where) && (folder === true || file === '' || DUMP_FILE.test(file) || !/\.(csv|json|txt|html?|css|js|png|jpe?g|svg|pdf|log)$/i.test(file)));
}

/** How a production download is reported: the target's kind, the rule, and the reason for its places. */
export interface DownloadReport {
  kind: Target['kind'];
  rule: string;
  reason(source: string, dest: string): string;
}

/** A copy down from an object store that `keep` picks, whose bucket, path or account options name production, as a finding. */
export function productionDownload(inv: Invocation, ctx: RuleContext, keep: (t: Transfer) => boolean, report: DownloadReport): Finding[] {
  // The account the tool is told to use says production too (`aws --profile prod s3 cp …`); operands are places here.
  const options = invocationCommand(inv)?.parsed.options.flatMap((o) => o.values) ?? [];
  for (const t of transfersOf(inv)) {
    if (!REMOTE.test(t.source) || t.dest === undefined || REMOTE.test(t.dest) || !keep(t)) continue;
    const bucket = /^[a-z0-9]+:\/\/([^/]+)/i.exec(t.source)?.[1] ?? t.source;
    const env = ctx.environmentOf({ values: [t.source, bucket, ...options], remote: true });
    if (env.environment !== 'production') continue;
    const target: Target = { kind: report.kind, name: t.source, provider: inv.name, remote: true, environment: 'production', environmentReason: env.reason };
    return [{ rule: report.rule, risk: 'production-access', severity: 'ask', reason: report.reason(t.source, t.dest), targets: [target] }];
  }
  return [];
}

export function productionBackupDownload(inv: Invocation, ctx: RuleContext): Finding[] {
  return productionDownload(inv, ctx, (t) => backupNamed(t.source, t.folder), {
    kind: 'database',
    rule: 'dataSentOut.production-backup-download',
    reason: (source, dest) => `Copies ${source}, a backup of a production database by its name, onto this machine (${dest === '-' ? 'printed' : dest}) with ${inv.name}: every customer record, password hash and stored token it holds lands where the agent reads it.`,
  });
}
