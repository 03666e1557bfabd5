import type { ArgWord } from '../../shell/ast';
import { flagValues, hasFlag } from '../args';
import type { CliArgs, CommandRule } from '../types';
import { environmentOfName } from '../../policy/production';
import { isIndexDocument, uploadedKey, websiteBucket } from '../../rules/support/servingPlaces';

/**
 * Cloud commands that destroy by overwriting, moving or emptying rather than deleting: an object
 * moved out of its bucket (`aws s3 mv s3://…`, `gsutil mv gs://…`), an object overwritten with nothing
 * (`aws s3 cp /dev/null s3://…/latest.dump`), a database instance overwritten by a restore
 * (`gcloud sql instances restore-backup prod-db`), automated backups cut to one day, and a service
 * scaled to zero. Spliced into each tool's rule table (aws.ts, gcloud.ts); each names what it loses.
 */

const S3_URL = /^s3:\/\/./i;
const GS_URL = /^gs:\/\/./i;
const EMPTY_SOURCE = /^(\/dev\/null|\/dev\/zero|NUL)$/i;

/** The first operand after the path when it is a bucket URL (what `mv` takes away). */
function movedSource(url: RegExp): (p: CliArgs, rest: readonly ArgWord[]) => string[] {
  return (_p, rest) => (rest[0] && url.test(rest[0].text) ? [rest[0].text] : []);
}

function emptyOver(url: RegExp): (p: CliArgs) => boolean {
  return (p) => {
    const words = p.positionals.map((w) => w.text);
    return words.some((w) => EMPTY_SOURCE.test(w)) && words.some((w) => url.test(w));
  };
}

const ZERO = /^0+$/;
const recursive = (p: CliArgs): string | undefined => (hasFlag(p, ['--recursive', '-r', '-R']) ? ', every object under it' : undefined);

/**
 * An upload or copy into a bucket whose name (or `--profile`) says production: every key it writes
 * replaces the object of that name, and without versioning the old one is gone. Uploads to other
 * buckets (a static site, assets) are routine.
 */
function uploadsIntoProduction(url: RegExp, pathLength: number, environmentFlags: readonly string[]): (p: CliArgs) => boolean {
  return (p) => {
    const words = p.positionals.map((w) => w.text);
    const destination = words[words.length - 1] ?? '';
    if (words.length < pathLength + 2 || !url.test(destination)) return false;
    const bucket = destination.replace(/^[a-z0-9]+:\/\//i, '').split('/')[0] ?? '';
    return environmentOfName(bucket) === 'production' || flagValues(p, environmentFlags).some((v) => environmentOfName(v) === 'production');
  };
}

/**
 * Stop 33 (red team round 16): a folder or file uploaded from here into a bucket named for the website it hosts
 * (`gsutil -m rsync -r dist gs://acme-site`, `aws s3 sync build s3://www.acme.com`) publishes it: visitors get it at
 * once. A sync with deletes is the delete rules' (they ask already). A bucket whose name says staging or development stays allowed (`productionOnly`); copies between buckets,
 * downloads and the production rule above are not this one's.
 */
function uploadsIntoWebsite(url: RegExp, pathLength: number, recursive: readonly string[], keepsDeletes: readonly string[]): (p: CliArgs) => boolean {
  return (p) => {
    const words = p.positionals.map((w) => w.text);
    const destination = words[words.length - 1] ?? '';
    const sources = words.slice(pathLength, -1);
    // A folder: a sync, or a copy told to recurse; one file copied (`cp app.js gs://acme-static/app.js`) is not this rule's, unless it is the site's index page.
    const folder = (words[pathLength - 1] ?? '').endsWith('sync') || hasFlag(p, recursive) || (sources.length === 1 && isIndexDocument(uploadedKey(destination, sources[0]!)));
    return folder && words.length >= pathLength + 2 && websiteBucket(destination) !== undefined && !sources.some((w) => url.test(w)) && !hasFlag(p, keepsDeletes) && !uploadsIntoProduction(url, pathLength, [])(p);
  };
}

const WEBSITE_NOTE = (): string => ': the bucket serves a website, so what visitors get is replaced at once, with nothing reviewed first (a deploy)';

/**
 * A copy whose destination is an infrastructure state object (`…/terraform.tfstate`, `*.tfstate`, a Pulumi
 * stack file): the state is the map from code to what exists; overwritten, the next apply recreates or
 * orphans every resource in it. Whatever the bucket's name says, it asks.
 */
const STATE_KEY = /(\.tfstate|\.tfstate\.backup|\/\.pulumi\/stacks\/.+\.json)$/i;

function writesState(url: RegExp, pathLength: number): (p: CliArgs) => boolean {
  return (p) => {
    const words = p.positionals.map((w) => w.text);
    const destination = words[words.length - 1] ?? '';
    return words.length >= pathLength + 2 && url.test(destination) && STATE_KEY.test(destination);
  };
}

const STATE_NOTE = (): string => ': the state maps the code to what exists, and the next apply recreates or orphans what it no longer lists';

export const AWS_OVERWRITE_RULES: readonly CommandRule[] = [
  {
    id: 'aws-s3-state-overwrite', path: ['s3', /^(cp|mv)$/], kind: 'resource', noun: 'infrastructure state object', namePositionals: 'last',
    verb: 'overwrites', when: writesState(S3_URL, 2), note: STATE_NOTE,
  },
  {
    id: 'aws-s3-upload-production', path: ['s3', /^(cp|sync|mv)$/], kind: 'resource', noun: 'S3 location', namePositionals: 'last',
    verb: 'overwrites any object of the same key in',
    when: (p) => uploadsIntoProduction(S3_URL, 2, ['--profile'])(p) && !hasFlag(p, ['--delete']) && !emptyOver(S3_URL)(p) && !(p.positionals[1]?.text === 'mv' && S3_URL.test(p.positionals[2]?.text ?? '')),
  },
  { id: 'aws-s3-upload-website', path: ['s3', /^(cp|sync|mv)$/], kind: 'bucket', noun: 'S3 website bucket', namePositionals: 'last', verb: 'publishes into', productionOnly: true, when: (p) => uploadsIntoWebsite(S3_URL, 2, ['--recursive'], ['--delete'])(p) && !hasFlag(p, ['--dryrun']), note: WEBSITE_NOTE },
  {
    id: 'aws-s3-mv-source', path: ['s3', 'mv'], kind: 'resource', noun: 'S3 objects', verb: 'moves away, deleting at the source,',
    names: movedSource(S3_URL), when: (p) => S3_URL.test(p.positionals[2]?.text ?? ''), note: recursive,
  },
  {
    id: 'aws-s3-cp-empty', path: ['s3', 'cp'], kind: 'resource', noun: 'S3 object', verb: 'overwrites with an empty file',
    nameFilter: S3_URL, when: emptyOver(S3_URL),
  },
  {
    id: 'aws-s3api-put-object-empty', path: ['s3api', 'put-object'], kind: 'resource', noun: 'S3 object', verb: 'overwrites with an empty file',
    names: (p) => [`s3://${flagValues(p, ['--bucket'])[0] ?? '(bucket not named)'}/${flagValues(p, ['--key'])[0] ?? ''}`],
    when: (p) => flagValues(p, ['--body']).some((b) => EMPTY_SOURCE.test(b)),
  },
  // Stop 34 (red team round 18): the site's index page put into a bucket named for a website (servingPlaces.ts `isIndexDocument`).
  {
    id: 'aws-s3api-put-index-website', path: ['s3api', 'put-object'], kind: 'bucket', noun: 'S3 website bucket', verb: 'publishes the index page into', productionOnly: true,
    names: (p) => [flagValues(p, ['--bucket'])[0] ?? ''],
    when: (p) => websiteBucket(`s3://${flagValues(p, ['--bucket'])[0] ?? ''}`) !== undefined && isIndexDocument(flagValues(p, ['--key'])[0] ?? '') && !flagValues(p, ['--body']).some((b) => EMPTY_SOURCE.test(b)),
    note: WEBSITE_NOTE,
  },
  {
    id: 'aws-rds-backup-retention-one-day', path: ['rds', /^modify-db-(instance|cluster)$/], kind: 'database', noun: 'RDS database',
    verb: 'cuts automated backup retention to one day on', nameFlags: ['--db-instance-identifier', '--db-cluster-identifier'],
    when: (p) => flagValues(p, ['--backup-retention-period']).includes('1'),
    note: () => ': automated backups older than a day are deleted',
  },
  {
    id: 'aws-ecs-scale-to-zero', path: ['ecs', 'update-service'], kind: 'service', noun: 'ECS service', verb: 'scales to zero tasks',
    nameFlags: ['--service'], when: (p) => flagValues(p, ['--desired-count']).some((v) => ZERO.test(v)),
  },
  {
    id: 'aws-autoscaling-to-zero', path: ['autoscaling', /^(update-auto-scaling-group|set-desired-capacity)$/], kind: 'service',
    noun: 'Auto Scaling group', verb: 'scales to zero instances', nameFlags: ['--auto-scaling-group-name'],
    when: (p) => [...flagValues(p, ['--desired-capacity']), ...flagValues(p, ['--max-size'])].some((v) => ZERO.test(v)),
  },
];

/** Options the rules below read, each taking a value (gcloud's reference). */
export const GCLOUD_OVERWRITE_OPTIONS: readonly string[] = ['--size', '--num-nodes', '--restore-instance', '--backup-id', '--backup-instance'];

export const GCLOUD_OVERWRITE_RULES: readonly CommandRule[] = [
  {
    id: 'gcloud-storage-state-overwrite', path: ['storage', /^(cp|mv)$/], kind: 'resource', noun: 'infrastructure state object', namePositionals: 'last',
    verb: 'overwrites', when: writesState(GS_URL, 2), note: STATE_NOTE,
  },
  {
    id: 'gcloud-sql-restore-backup', path: ['sql', 'instances', 'restore-backup'], kind: 'database', noun: 'Cloud SQL instance',
    verb: 'overwrites every database of', namePositionals: 'first', note: () => ' with an older backup (what was written since is lost)',
  },
  {
    // `gcloud sql import sql|csv|bak INSTANCE gs://…`: the file's statements run on the instance (a dump usually starts with DROP TABLE); the guard cannot read the bucket object.
    id: 'gcloud-sql-import', path: ['sql', 'import', /^(sql|csv|bak|tde)$/], kind: 'database', noun: 'Cloud SQL instance',
    verb: 'runs the statements (or rows) of a file the guard cannot read on', namePositionals: 'first', note: (p) => ` (${p.positionals[4]?.text ?? 'a Cloud Storage object'}; a dump usually drops the tables it recreates)`,
  },
  {
    id: 'gcloud-sql-backups-restore', path: ['sql', 'backups', 'restore'], kind: 'database', noun: 'Cloud SQL instance',
    verb: 'overwrites every database of', nameFlags: ['--restore-instance'], namePositionals: 'none',
    note: () => ' with an older backup (what was written since is lost)',
  },
  {
    id: 'gcloud-storage-mv-source', path: ['storage', 'mv'], kind: 'resource', noun: 'Cloud Storage objects', verb: 'moves away, deleting at the source,',
    names: movedSource(GS_URL), when: (p) => GS_URL.test(p.positionals[2]?.text ?? ''), note: recursive,
  },
  {
    id: 'gcloud-storage-upload-production', path: ['storage', /^(cp|rsync|mv)$/], kind: 'resource', noun: 'Cloud Storage location', namePositionals: 'last',
    verb: 'overwrites any object of the same name in',
    when: (p) => uploadsIntoProduction(GS_URL, 2, ['--project'])(p) && !hasFlag(p, ['--delete-unmatched-destination-objects']) && !emptyOver(GS_URL)(p) && !(p.positionals[1]?.text === 'mv' && GS_URL.test(p.positionals[2]?.text ?? '')),
  },
  { id: 'gcloud-storage-upload-website', path: ['storage', /^(cp|rsync|mv)$/], kind: 'bucket', noun: 'Cloud Storage website bucket', namePositionals: 'last', verb: 'publishes into', productionOnly: true, when: (p) => uploadsIntoWebsite(GS_URL, 2, ['-r', '-R', '--recursive'], ['--delete-unmatched-destination-objects'])(p) && !hasFlag(p, ['--dry-run']), note: WEBSITE_NOTE },
  {
    id: 'gcloud-storage-cp-empty', path: ['storage', 'cp'], kind: 'resource', noun: 'Cloud Storage object', verb: 'overwrites with an empty file',
    nameFilter: GS_URL, when: emptyOver(GS_URL),
  },
  {
    id: 'gcloud-mig-resize-zero', path: ['compute', 'instance-groups', 'managed', 'resize'], kind: 'service', noun: 'managed instance group',
    verb: 'scales to zero instances', namePositionals: 'first', when: (p) => flagValues(p, ['--size']).some((v) => ZERO.test(v)),
  },
  {
    id: 'gcloud-gke-resize-zero', path: ['container', 'clusters', 'resize'], kind: 'cluster', noun: 'GKE cluster',
    verb: 'scales to zero nodes', namePositionals: 'first', when: (p) => flagValues(p, ['--num-nodes']).some((v) => ZERO.test(v)),
  },
];

export const GSUTIL_OVERWRITE_RULES: readonly CommandRule[] = [
  {
    id: 'gsutil-state-overwrite', path: [/^(cp|mv)$/], kind: 'resource', noun: 'infrastructure state object', namePositionals: 'last',
    verb: 'overwrites', when: writesState(GS_URL, 1), note: STATE_NOTE,
  },
  {
    id: 'gsutil-mv-source', path: ['mv'], kind: 'resource', noun: 'Cloud Storage objects', verb: 'moves away, deleting at the source,',
    names: movedSource(GS_URL), when: (p) => GS_URL.test(p.positionals[1]?.text ?? ''),
  },
  {
    id: 'gsutil-upload-production', path: [/^(cp|rsync|mv)$/], kind: 'resource', noun: 'Cloud Storage location', namePositionals: 'last',
    verb: 'overwrites any object of the same name in',
    when: (p) => uploadsIntoProduction(GS_URL, 1, ['-u'])(p) && !hasFlag(p, ['-d']) && !emptyOver(GS_URL)(p) && !(p.positionals[0]?.text === 'mv' && GS_URL.test(p.positionals[1]?.text ?? '')),
  },
  { id: 'gsutil-upload-website', path: [/^(cp|rsync|mv)$/], kind: 'bucket', noun: 'Cloud Storage website bucket', namePositionals: 'last', verb: 'publishes into', productionOnly: true, when: (p) => uploadsIntoWebsite(GS_URL, 1, ['-r', '-R'], ['-d'])(p) && !hasFlag(p, ['-n']), note: WEBSITE_NOTE },
  {
    id: 'gsutil-cp-empty', path: ['cp'], kind: 'resource', noun: 'Cloud Storage object', verb: 'overwrites with an empty file',
    nameFilter: GS_URL, when: emptyOver(GS_URL),
  },
];
