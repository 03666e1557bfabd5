import { ownTable } from '../../ownTable';
import { providerIn } from '../../credentials/contentRules';

/**
 * Which service a host belongs to, for judging whether a credential sent there goes where it belongs.
 * The registered name of the host's domain decides (`api.github.com` → GitHub, `api.github.com.evil.io` →
 * evil.io's), through a table of the other names a service serves under (`ghcr.io`: GitHub's registry).
 * Hosts under a service's domain that serve its *users'* content (`evil.github.io`, a bucket's
 * `x.s3.amazonaws.com`, an API Gateway stage, an app on `*.azurewebsites.net` or `*.vercel.app`) belong to
 * whoever published there, not to the service: a token of the service sent there reaches a stranger.
 */

/** Domains a service serves under another name (its container registry, its raw-content host). */
const SERVICE_DOMAINS: Readonly<Record<string, string>> = ownTable({ ghcr: 'github', githubusercontent: 'github', gcr: 'google', 'pkg.dev': 'google', azurecr: 'azure', amazonaws: 'aws' });

/**
 * Hosts where a service's users publish (pages, apps, buckets, functions, tunnels, forwarded ports),
 * by the domain's registered name or, under a service's API domain, by the label that names the user-facing
 * product with the user's own label before it (`bucket.s3.amazonaws.com`, `id.execute-api.region.amazonaws.com`).
 */
const USER_CONTENT = new RegExp(
  String.raw`(^|\.)(github\.io|gitlab\.io|bitbucket\.io|githubpreview\.dev|app\.github\.dev|vercel\.app|netlify\.app|herokuapp\.com|fly\.dev|web\.app|firebaseapp\.com|` +
    String.raw`trycloudflare\.com|azurewebsites\.net|azurestaticapps\.net|azureedge\.net|azurefd\.net|cloudapp\.azure\.com|cloudapp\.net|azurecontainerapps\.io|` +
    String.raw`hf\.space|googleusercontent\.com)$` +
    // AWS: a user's label before the product (S3 buckets virtual-hosted, API Gateway, load balancers, instances, Lambda URLs).
    String.raw`|^[^.]+(\.[^.]+)*\.(s3|s3-[a-z0-9-]+|s3-website[.-][a-z0-9-]+|execute-api|elb|compute|compute-1|lambda-url)(\.[a-z0-9-]+)*\.amazonaws\.com$`,
  'i',
);

/** Second-level labels under which a country code sells names (`example.co.uk`). */
const PUBLIC_SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'gov', 'ac', 'edu', 'or', 'ne', 'go']);

/** The label a host's domain is registered under (`api.github.com` → `github`, `x.evil.co.uk` → `evil`). */
export function domainOwner(host: string): string | undefined {
  const labels = host.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '').split('.').filter((l) => l !== '');
  if (labels.length < 2) return labels[0];
  const tld = labels[labels.length - 1]!;
  const second = labels[labels.length - 2]!;
  if (tld.length === 2 && PUBLIC_SECOND_LEVEL.has(second) && labels.length >= 3) return labels[labels.length - 3];
  return second;
}

/** Whose users publish at `host` (a service's user-content domain), so that nothing sent there is the service's. */
export function isUserContentHost(host: string): boolean {
  return USER_CONTENT.test(host.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, ''));
}

/** The provider id (`github`, `aws`, …) a host belongs to; undefined for a host of no known service or of a service's users. */
export function hostServiceId(host: string): string | undefined {
  if (isUserContentHost(host)) return undefined;
  const bare = host.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
  const owner = domainOwner(bare);
  // `api.github.com.evil.io` is evil.io's, `api-github.com` a look-alike's: only the name a domain is registered under counts, whole.
  if (owner === undefined || /[-_]/.test(owner)) return undefined;
  const twoLabels = bare.split('.').slice(-2).join('.');
  return providerIn(SERVICE_DOMAINS[twoLabels] ?? SERVICE_DOMAINS[owner] ?? owner)?.id;
}
