import type { TargetKind } from '../../policy/types';
import { isLocalHost } from '../../policy/production';
import { kindFromWords } from '../../registry/targetWords';

/**
 * What an HTTP request reaches: URL parsing that tolerates curl/httpie shorthands, whether a host is
 * this machine, and which provider's API a host belongs to.
 */

export interface RequestUrl {
  /** Lower-case host without port or brackets; the written text when it is dynamic. */
  host: string;
  port: string;
  /** Path without query or fragment, '/' when empty. */
  path: string;
  /** Raw query string without '?'. */
  query: string;
  /** The host depends on run-time values ($API_URL/...). */
  dynamicHost: boolean;
  /** host + path, without credentials or query: safe to show and log. */
  display: string;
}

/** Parse a URL as curl, wget and httpie accept it: scheme optional, `:3000/x` meaning localhost. */
export function parseRequestUrl(text: string): RequestUrl | undefined {
  let rest = text.trim();
  if (rest.length === 0) return undefined;
  if (/^:\d*(\/|$)/.test(rest)) rest = 'localhost' + rest;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(rest);
  if (scheme) rest = rest.slice(scheme[0].length);
  const hashAt = rest.indexOf('#');
  if (hashAt >= 0) rest = rest.slice(0, hashAt);
  let query = '';
  const q = rest.indexOf('?');
  if (q >= 0) {
    query = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  const slash = rest.indexOf('/');
  let authority = slash >= 0 ? rest.slice(0, slash) : rest;
  const path = slash >= 0 ? rest.slice(slash) : '/';
  const at = authority.lastIndexOf('@');
  if (at >= 0) authority = authority.slice(at + 1);
  let host = authority;
  let port = '';
  const bracket = /^\[([^\]]*)\](?::(\d*))?$/.exec(authority);
  if (bracket) {
    host = bracket[1] ?? '';
    port = bracket[2] ?? '';
  } else {
    const colon = authority.lastIndexOf(':');
    if (colon >= 0 && authority.indexOf(':') === colon) {
      host = authority.slice(0, colon);
      port = authority.slice(colon + 1);
    }
  }
  if (host.length === 0) return undefined;
  const dynamicHost = /[$`]/.test(host);
  host = dynamicHost ? host : host.toLowerCase();
  if (!dynamicHost && !/^[a-z0-9.\-_:%]+$/i.test(host)) return undefined;
  const cleanPath = path.length > 0 ? path : '/';
  const display = `${host}${port ? ':' + port : ''}${cleanPath === '/' ? '' : cleanPath}`;
  return { host, port, path: cleanPath, query, dynamicHost, display };
}

/** Does `text` look like a URL a request could go to (not a flag value like 'application/json')? */
export function looksLikeUrl(text: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return true;
  if (/^:\d*(\/|$)/.test(text)) return true;
  if (/^\$\{?[A-Za-z_]\w*\}?\//.test(text)) return true;
  return /^(localhost|\[[0-9a-f:.]+\]|[a-z0-9-]+(\.[a-z0-9-]+)+)(:\d+)?(\/|$|\?)/i.test(text);
}

/** A URL that reaches this machine (a dynamic host never counts as local). */
export function isLocalUrl(url: RequestUrl): boolean {
  return !url.dynamicHost && isLocalHost(url.host);
}

export interface ApiProvider {
  provider: string;
  /** The provider's name: 'Railway'. */
  name: string;
  /** How a reader knows the API: 'Railway GraphQL API'. */
  label: string;
  /** Requests here are GraphQL even without 'graphql' in the path. */
  graphql: boolean;
}

const PROVIDERS: readonly { host: RegExp; api: ApiProvider }[] = [
  { host: /^backboard\.railway\.(app|com)$/, api: { provider: 'railway', name: 'Railway', label: 'Railway GraphQL API', graphql: true } },
  { host: /^(api\.fly\.io|api\.machines\.dev)$/, api: { provider: 'fly', name: 'Fly.io', label: 'Fly.io API', graphql: false } },
  { host: /^api\.heroku\.com$/, api: { provider: 'heroku', name: 'Heroku', label: 'Heroku Platform API', graphql: false } },
  { host: /^api\.vercel\.com$/, api: { provider: 'vercel', name: 'Vercel', label: 'Vercel API', graphql: false } },
  { host: /^api\.netlify\.com$/, api: { provider: 'netlify', name: 'Netlify', label: 'Netlify API', graphql: false } },
  { host: /^api\.supabase\.(com|io)$/, api: { provider: 'supabase', name: 'Supabase', label: 'Supabase Management API', graphql: false } },
  { host: /^[a-z0-9-]+\.supabase\.co$/, api: { provider: 'supabase', name: 'Supabase', label: 'Supabase project API', graphql: false } },
  { host: /^console\.neon\.tech$/, api: { provider: 'neon', name: 'Neon', label: 'Neon API', graphql: false } },
  { host: /^api\.planetscale\.com$/, api: { provider: 'planetscale', name: 'PlanetScale', label: 'PlanetScale API', graphql: false } },
  { host: /^api\.render\.com$/, api: { provider: 'render', name: 'Render', label: 'Render API', graphql: false } },
  { host: /^api\.digitalocean\.com$/, api: { provider: 'digitalocean', name: 'DigitalOcean', label: 'DigitalOcean API', graphql: false } },
  { host: /^api\.github\.com$/, api: { provider: 'github', name: 'GitHub', label: 'GitHub API', graphql: false } },
  { host: /^gitlab\.com$/, api: { provider: 'gitlab', name: 'GitLab', label: 'GitLab API', graphql: false } },
  { host: /^api\.cloudflare\.com$/, api: { provider: 'cloudflare', name: 'Cloudflare', label: 'Cloudflare API', graphql: false } },
  { host: /^api\.linear\.app$/, api: { provider: 'linear', name: 'Linear', label: 'Linear API', graphql: true } },
  { host: /^api\.stripe\.com$/, api: { provider: 'stripe', name: 'Stripe', label: 'Stripe API', graphql: false } },
  { host: /^api\.doppler\.com$/, api: { provider: 'doppler', name: 'Doppler', label: 'Doppler API', graphql: false } },
  { host: /^management\.azure\.com$/, api: { provider: 'azure', name: 'Azure', label: 'Azure Resource Manager API', graphql: false } },
  { host: /(^|\.)amazonaws\.com$/, api: { provider: 'aws', name: 'AWS', label: 'AWS API', graphql: false } },
  { host: /(^|\.)googleapis\.com$/, api: { provider: 'gcp', name: 'Google Cloud', label: 'Google Cloud API', graphql: false } },
];

/** The provider whose API lives at `host`, if it is one we know. */
export function apiProviderOf(host: string): ApiProvider | undefined {
  const h = host.toLowerCase();
  for (const p of PROVIDERS) if (p.host.test(h)) return p.api;
  return undefined;
}

export function isGraphqlEndpoint(url: RequestUrl): boolean {
  if (/graphql|\/gql(\/|$)/i.test(url.path)) return true;
  return apiProviderOf(url.host)?.graphql === true && !url.dynamicHost;
}

const VERSION_SEGMENT = /^(v\d+(\.\d+)?|api|rest|apis)$/i;

/** The resource a REST path names: `/v1/apps/my-app` -> app 'my-app'. */
export function resourceFromPath(url: RequestUrl, provider: string | undefined): { kind: TargetKind; name: string } {
  const segments = url.path.split('/').filter((s) => s.length > 0).map(safeDecode);
  const meaningful = segments.filter((s) => !VERSION_SEGMENT.test(s));
  if (meaningful.length === 0) return { kind: 'url', name: url.display };
  if (provider === 'supabase' && /^\/rest\/v1\/[^/]+/.test(url.path)) {
    return { kind: 'table', name: meaningful[0] as string };
  }
  if (meaningful.length === 1) return { kind: 'url', name: url.display };
  const last = meaningful[meaningful.length - 1] as string;
  const parent = meaningful[meaningful.length - 2] as string;
  const grandparent = meaningful[meaningful.length - 3];
  // /repos/{owner}/{repo}: a collection word two segments up names a two-part resource.
  if (grandparent !== undefined && kindFromWords([parent]) === 'resource' && kindFromWords([grandparent]) !== 'resource' && !ID_LIKE.test(parent)) {
    return { kind: kindFromWords([grandparent]), name: `${parent}/${last}` };
  }
  const kind = kindFromWords([parent]);
  // A bare id means little to a reader: keep its collection (`droplets/123`).
  return { kind, name: kind === 'resource' || ID_LIKE.test(last) ? `${parent}/${last}` : last };
}

const ID_LIKE = /^(\d+|[0-9a-f]{8}-[0-9a-f-]{27,}|[0-9a-f]{24,})$/i;

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** One request body as far as it can be known before the command runs. */
export interface RequestBody {
  /** The text, when it can be read. */
  text?: string;
  /** The text contains shell expansions whose values are unknown. */
  dynamic: boolean;
  /** Why the body could not be read: a phrase for the reason. */
  unreadable?: string;
}

/** What an HTTP client invocation (or a snippet) will send. */
export interface HttpRequest {
  client: string;
  /** Upper-case method. */
  method: string;
  urls: string[];
  bodies: RequestBody[];
  /** Content-Type header value, lower-case, if given. */
  contentType?: string;
  /** X-HTTP-Method-Override (or similar) header value, upper-case. */
  methodOverride?: string;
  /** Sent over a unix socket: this machine. */
  unixSocket: boolean;
  /** The socket's path, when the client names it (`curl --unix-socket /var/run/docker.sock`). */
  socketPath?: string;
  /** Something that cannot be read changes what is sent (a curl config file). */
  unanalyzable?: string;
}
