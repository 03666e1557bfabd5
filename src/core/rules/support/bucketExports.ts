import type { Finding, Invocation, RuleContext } from '../../policy/types';
import { productionDownload } from './backupDownloads';

/**
 * Stop 37 (round 27): a production bucket copied down whole (`aws s3 sync s3://acme-shop-production-uploads
 * ./dump`, `aws s3 cp --recursive`, `gsutil -m cp -r gs://…-production ./dump`, `gcloud storage rsync`, `az
 * storage blob download-batch -s …-production -d ./dump`, `azcopy copy https://prod….blob.core.windows.net/c ./
 * --recursive`) is an export of everything the application keeps there (uploads, documents, reports about
 * people), landing where the agent reads it, as a whole-store export by a cloud CLI is (`cloudExports.ts`). A
 * database backup among them is `backupDownloads.ts`'s. It asks when the bucket, the account or the profile
 * names production. One object by name (`aws s3 cp s3://…-production/logo.png .`), a bucket that by its name
 * serves the site's public files (`s3://acme-prod-assets`, `…-static`, `…-cdn`: what every visitor downloads
 * anyway), a bucket named non-production or nothing, and uploads (a local folder to a bucket) stay allowed.
 */

/** A bucket or prefix that serves the site's public files by its name: what every visitor downloads anyway. */
const PUBLIC_FILES = /(^|[-_.:/])(assets?|static|public|cdn|web|website|site|www|dist|build|frontend|fonts|icons|docs|releases?|downloads)([-_./]|$)/i;

/** Whether a place's name says it holds the site's public files (`s3://acme-prod-assets`, `prod:acme-static`). */
export function holdsPublicFiles(place: string): boolean {
  return PUBLIC_FILES.test(place.replace(/^[a-z0-9]+:\/\//i, ''));
}
export function productionBucketDownload(inv: Invocation, ctx: RuleContext): Finding[] {
  return productionDownload(inv, ctx, (t) => t.folder === true && t.dest !== '-' && !holdsPublicFiles(t.source), {
    kind: 'bucket',
    rule: 'dataSentOut.production-bucket-download',
    reason: (source, dest) => `Copies the whole of ${source}, a production bucket by its name, onto this machine (${dest}) with ${inv.name}: every file the application keeps there (uploads, documents, exports about people) lands where the agent reads it.`,
  });
}
