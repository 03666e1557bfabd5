import type { Environment, Finding, Invocation } from '../../policy/types';

/**
 * Places that serve what is put there to visitors (stop 33, red team round 16: `scp -r dist deploy@prod:/var/www`,
 * `lftp -e 'mirror -R dist /www' ftp.acme.com`, `gsutil -m rsync -r dist gs://acme-site`). An upload there is a deploy:
 * what visitors get is replaced at once, and nothing reviewed it. Read by the remote-writes pack (scp, rsync), the
 * transfer pack (lftp) and the cloud storage upload rules (`registry/tools/cloudOverwrites.ts`). Other folders (`/srv/app`, `/tmp`, a backups
 * bucket) are not.
 */

/** A web server's document root on another machine, by the conventions of Debian, nginx, Apache, FreeBSD and shared hosts. */
const WEB_ROOT = /^\/?(var\/www|srv\/(www|http|html|web)|usr\/share\/nginx\/html|usr\/local\/www|usr\/local\/apache2\/htdocs|www)(\/|$)|(^|\/)(public_html|htdocs|wwwroot|webroot|httpdocs)(\/|$)/;

/** Whether a remote path is a web server's document root (or under one). */
export const servesWebsite = (remotePath: string): boolean => WEB_ROOT.test(remotePath.replace(/^~\//, ''));

/** A bucket named for the site it hosts: a word for one in its name, or a domain name (S3 and GCS website buckets carry the host name). */
const SITE_BUCKET = /(^|[-_.])(site|sites|website|web|www|static|cdn|assets|hosting|frontend|pages|public)([-_.]|$)|^[a-z0-9-]+(\.[a-z0-9-]+)*\.(com|org|net|io|dev|app|co|site|page|tech|ai)$/i;

/** The bucket of a `gs://`/`s3://` URL when its name says it hosts a website. */
export function websiteBucket(url: string): string | undefined {
  const m = /^(?:gs|s3):\/\/([^/]+)/i.exec(url);
  return m?.[1] !== undefined && SITE_BUCKET.test(m[1]) ? m[1] : undefined;
}

/**
 * The page a website serves for a folder's address (`index.html`, S3's and GCS's default index document): one object
 * that replaces what every visitor of the site, or of that folder, gets first (stop 34, red team round 18: `aws s3api
 * put-object --bucket acme-www --key index.html`). Other single files (`app.js`, an image) are not.
 */
export const isIndexDocument = (key: string): boolean => /(^|\/)index\.html?$/i.test(key);

/** The key a copy writes: the destination's path in the bucket, or the source's file name when it ends in `/` or names the bucket alone. */
export function uploadedKey(destination: string, source: string): string {
  const path = destination.replace(/^[a-z0-9]+:\/\/[^/]*\/?/i, '');
  return path === '' || path.endsWith('/') ? `${path}${source.split('/').pop() ?? ''}` : path;
}

/**
 * A copy into a web server's document root on another machine (`scp -r dist deploy@prod:/var/www`, `rsync -a dist/
 * host:/srv/www/`, `lftp -e 'mirror -R dist /www' ftp.host`) is a deploy: what visitors get is replaced at once. It asks
 * when the host's names say production (`prod.acme.com`, a host the project lists), like an upload into a bucket named
 * for production (`registry/tools/cloudOverwrites.ts`); a copy to a host nobody named (`web1.acme.com`) stays routine,
 * as the corpora label it.
 */
export function webRootUpload(inv: Invocation, host: string, path: string, env: { environment: Environment; reason: string }): Finding[] {
  if (env.environment !== 'production') return [];
  return [{
    rule: 'remote-writes.web-root',
    risk: 'destructive',
    severity: 'ask',
    reason: `${inv.name} uploads into ${path} on ${host}, a web server's document root: what visitors get is replaced at once, with nothing reviewed first (a deploy).`,
    targets: [{ kind: 'path', name: `${host}:${path}`, provider: inv.name === 'lftp' ? 'lftp' : 'ssh', remote: true, environment: env.environment, environmentReason: env.reason }],
  }];
}
