import type { Environment, EnvironmentHints, Facts, ProductionMap } from './types';
import { memoByText } from '../textMemo';

/**
 * Production resolution: which environment a target lives in, from the words of the command, the
 * command's own `VAR=value` prefixes, the agent's environment selectors and the user's production map.
 * Never guesses: a remote target with no signal stays 'unknown' (composeVerdict treats an unknown
 * remote destructive target as production).
 */

export interface EnvironmentResolution {
  environment: Environment;
  reason: string;
}

/** What the invocation itself contributes: its `VAR=value` prefixes. */
export interface EnvironmentScope {
  assignments?: Readonly<Record<string, string>>;
}

/** Paths under the places the filesystem standard gives to data a machine serves. */
const SERVED_DATA = /^\/(srv|var\/www)(\/|$)/;

const PRODUCTION_TOKENS = new Set(['prod', 'production', 'prd', 'live']);
/**
 * A production word glued to what it names (Oracle's `sys@PRODDB`, `PRODDB_STBY`, `prodsql`, `dbprod`): the
 * other half must be a store, server or application noun, so `product`, `produce` or `prodigy` stay words.
 */
const GLUED_PRODUCTION = /^(?:(?:prod|production|prd)(?:db|dbs|sql|ora|pg|mysql|mongo|redis|rds|cluster|srv|server|host|app|api|web|data|cdb|pdb)|(?:db|sql|ora|pg|mysql|mongo|redis|rds|cluster|srv|app|api|web|cdb|pdb)(?:prod|prd))$/;
const NON_PRODUCTION_TOKENS = new Set([
  'staging', 'stage', 'stg', 'dev', 'devel', 'develop', 'development', 'test', 'testing', 'preview',
  'qa', 'uat', 'sandbox', 'nonprod', 'ci', 'review', 'local',
]);

/** Selector variables consulted when a pack does not name its own. All are non-secret by convention. */
export const DEFAULT_SELECTORS: readonly string[] = [
  'ENVIRONMENT', 'ENV', 'APP_ENV', 'STAGE', 'DEPLOY_ENV', 'NODE_ENV', 'RAILS_ENV', 'RACK_ENV', 'FLASK_ENV',
  'DJANGO_ENV', 'MIX_ENV', 'ASPNETCORE_ENVIRONMENT', 'DOTNET_ENVIRONMENT', 'SPRING_PROFILES_ACTIVE',
  'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'GOOGLE_CLOUD_PROJECT', 'CLOUDSDK_CORE_PROJECT', 'CLOUDSDK_ACTIVE_CONFIG_NAME',
];

/** Kubernetes contexts that name a cluster on this machine. */
const LOCAL_KUBE_CONTEXT = /^(minikube|docker-desktop|docker-for-desktop|rancher-desktop|colima|orbstack|microk8s|kind-.*|k3d-.*|kwok-.*|k3s-local)$/i;

/** Lower-case words of a value, splitting camelCase and separators; `prod1` -> `prod`, `non-prod` -> `nonprod`. */
export function environmentTokens(value: string): string[] {
  const spaced = value
    // Google's Artifact Registry hosts (`us-docker.pkg.dev`): the domain's `dev` names no environment.
    .replace(/\.pkg\.dev\b/gi, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/non[-_ .]?prod(uction)?/g, ' nonprod ')
    .replace(/pre[-_ .]?prod(uction)?/g, ' preprod ');
  const out: string[] = [];
  for (const raw of spaced.split(/[^a-z0-9]+/)) {
    if (raw === '') continue;
    const stripped = raw.replace(/\d+$/, '');
    out.push(stripped === '' ? raw : stripped);
  }
  return out;
}

/**
 * A run with no separator, long and mixing upper case, lower case and digits (a token, a key, an id):
 * its camel-case "words" are chance (`…xQaB…` holds `qa`), so it never says "not production".
 */
const RANDOM_RUN = /^(?=[A-Za-z0-9]*[a-z])(?=[A-Za-z0-9]*[A-Z])(?=[A-Za-z0-9]*[0-9])[A-Za-z0-9]{16,}$/;

/**
 * 'production', 'non-production' or undefined from the words of a name. Production wins over a mixed
 * name. A random-looking run may still say production (the safe reading) but never the opposite.
 */
export const environmentOfName: (value: string) => 'production' | 'non-production' | undefined = memoByText(nameEnvironment);

function nameEnvironment(value: string): 'production' | 'non-production' | undefined {
  const tokens = environmentTokens(value);
  if (tokens.some((t) => PRODUCTION_TOKENS.has(t) || GLUED_PRODUCTION.test(t))) return 'production';
  const named = value.replace(/[A-Za-z0-9]+/g, (piece) => (RANDOM_RUN.test(piece) ? ' ' : piece));
  if (environmentTokens(named).some((t) => NON_PRODUCTION_TOKENS.has(t))) return 'non-production';
  return undefined;
}

/**
 * The host of a URL, a JDBC URL or a libpq conninfo string (`host=...`), lower-cased, without user
 * info or port. '' for host-less URLs (`sqlite:///x.db`, `file:`, unix sockets). undefined when the
 * value is not a URL.
 */
export function hostOf(value: string): string | undefined {
  const v = value.trim().replace(/^jdbc:/i, '');
  const url = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i.exec(v);
  if (url) {
    const authority = url[2] ?? '';
    const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
    // Multi-host URLs (postgres://a,b/db) list hosts with commas; the first is representative.
    const first = hostPort.split(',')[0] ?? '';
    const bracketed = /^\[([^\]]*)\]/.exec(first);
    const host = bracketed ? (bracketed[1] ?? '') : first.replace(/:\d*$/, '');
    return decodeURIComponentSafe(host).toLowerCase();
  }
  if (/^file:/i.test(v)) return '';
  const conninfo = /(?:^|\s)host\s*=\s*'?([^\s']+)/i.exec(v);
  if (conninfo) return (conninfo[1] ?? '').toLowerCase();
  return undefined;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A URL with its user info (passwords, tokens) removed, for target names and reasons. */
export function redactUrl(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, '$1').replace(/([?&](?:password|pass|pwd|token|key|secret|access_token|apikey|api_key)=)[^&#]*/gi, '$1***');
}

/** How far "this machine" reaches for {@link isLoopbackHost}. */
export interface LoopbackOptions {
  /** The unspecified addresses `0.0.0.0` and `::`, which a client reaching them reaches here. */
  unspecified?: boolean;
  /** `host.docker.internal`: from a container, the machine that runs it. */
  dockerHost?: boolean;
}

/**
 * This machine only: `localhost`, `127.x.x.x`, `::1` (bracketed or not), and as asked the unspecified
 * addresses and the docker host alias. Unlike {@link isLocalHost}, a `*.local` LAN name
 * (`raspberrypi.local`) is another machine: the variant for lockout and "sent off this machine" questions.
 */
export function isLoopbackHost(host: string, options: LoopbackOptions = {}): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)) return true;
  if (options.unspecified === true && (h === '0.0.0.0' || h === '::')) return true;
  return options.dockerHost === true && h === 'host.docker.internal';
}

/** This machine in the wide sense: loopback, `*.local`, `*.localhost`, the docker host alias, a unix socket directory, or no host. */
export function isLocalHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (h === '' || h.startsWith('/')) return true;
  if (h.endsWith('.localhost') || h.endsWith('.local')) return true;
  return isLoopbackHost(h, { unspecified: true, dockerHost: true });
}

/** Is this kubectl context a cluster on this machine (kind, minikube, docker-desktop ...)? */
export function isLocalKubeContext(context: string): boolean {
  return LOCAL_KUBE_CONTEXT.test(context.trim());
}

/** Schemes whose URL without a host reaches this machine (a unix socket, a file). */
const HOSTLESS_LOCAL = /^(postgres(ql)?|mysql|mariadb|mongodb|redis|rediss|sqlite[0-9]?|file|unix|http\+unix|jdbc:[a-z]+|amqp|nats|clickhouse|cockroachdb|libsql|turso):/i;

/** Does a value name something on this machine: a local host, a URL to one, an sqlite/file path? */
export const isLocalValue: (value: string) => boolean = memoByText(localValue);

function localValue(value: string): boolean {
  const v = value.trim();
  if (v === '') return false;
  if (/^(sqlite[0-9]?|file):/i.test(v)) return true;
  const host = hostOf(v);
  // A URL without a host is this machine's socket for a database client (`postgres:///shop`); a
  // platform's own scheme without one names the linked project (`ss:///avatars`, Supabase storage).
  if (host === '') return HOSTLESS_LOCAL.test(v);
  if (host !== undefined) return isLocalHost(host);
  if (isLocalHost(v)) return true;
  return /^[a-z0-9.-]+:\d+$/i.test(v) && isLocalHost(v.replace(/:\d+$/, ''));
}

function lower(s: string): string {
  return s.trim().toLowerCase();
}

/** Does `value` contain `name` as a whole word (bounded by non-alphanumerics or the ends)? */
function containsWord(value: string, name: string): boolean {
  const v = lower(value);
  const n = lower(name);
  if (n === '') return false;
  let i = v.indexOf(n);
  while (i >= 0) {
    const before = i === 0 ? '' : v[i - 1] ?? '';
    const after = v[i + n.length] ?? '';
    if (!/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after)) return true;
    i = v.indexOf(n, i + 1);
  }
  return false;
}

/** The production-map entry a value matches, if any. A match is production and wins over everything. */
export function productionMapMatch(value: string, map: ProductionMap): string | undefined {
  const host = hostOf(value);
  for (const h of map.hosts) {
    const want = hostOf(h) ?? lower(h);
    if (want === '') continue;
    const candidates = [host, lower(value)].filter((x): x is string => x !== undefined && x !== '');
    if (candidates.some((c) => c === want || c.endsWith('.' + want))) return `host ${want}`;
  }
  for (const id of map.resourceIds) {
    if (lower(id) !== '' && lower(value).includes(lower(id))) return `resource ${id}`;
  }
  for (const name of map.names) {
    if (containsWord(value, name) || (host !== undefined && containsWord(host, name))) return `name ${name}`;
  }
  return undefined;
}

const VAR_REFERENCE = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;

/** Names of variables a value references: `$PROD_DATABASE_URL`, `${STAGING_HOST}`. */
export function referencedVariables(value: string): string[] {
  const names: string[] = [];
  for (const m of value.matchAll(VAR_REFERENCE)) if (m[1]) names.push(m[1]);
  return names;
}

/** A short, secret-free rendering of a value for a reason sentence. */
function describe(value: string, source?: string): string {
  const host = hostOf(value);
  const shown = host !== undefined && host !== '' ? `host ${host}` : redactUrl(value);
  const clipped = shown.length > 80 ? shown.slice(0, 77) + '...' : shown;
  if (!source && /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(value.trim())) return `references ${value.trim()}`;
  return source ? `${source} ${clipped}` : clipped.startsWith('host ') ? clipped : `"${clipped}"`;
}

interface Signal {
  environment: 'production' | 'non-production';
  reason: string;
}

/** Production first within a tier: a mixed signal is never resolved as the safer one. */
function strongest(signals: readonly Signal[]): Signal | undefined {
  return signals.find((s) => s.environment === 'production') ?? signals[0];
}

function signalOfValue(value: string, source: string | undefined): Signal | undefined {
  const host = hostOf(value);
  // A URL's words other than its host (database name, path) count too: postgres://h/app_production.
  const environment = environmentOfName(host !== undefined ? value.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#@]*@/i, '') : value);
  if (!environment) return undefined;
  return { environment, reason: describe(value, source) };
}

function selectorSignals(names: readonly string[], values: Readonly<Record<string, string>>, where: string): Signal[] {
  const out: Signal[] = [];
  for (const name of names) {
    const value = values[name];
    if (value === undefined || value === '') continue;
    const environment = environmentOfName(value);
    if (environment) out.push({ environment, reason: `${name}=${value.length > 40 ? value.slice(0, 40) + '...' : value}${where}` });
  }
  return out;
}

/**
 * Decide a target's environment. Order: the user's production map (a match is production, always);
 * a local target or local host is local; the command's explicit values (flags, names, hosts, URLs);
 * variable names the command references ($PROD_DATABASE_URL); the command's own VAR=value prefixes;
 * the agent's environment selectors; otherwise unknown.
 */
export function environmentOf(hints: EnvironmentHints, facts: Facts, scope: EnvironmentScope = {}): EnvironmentResolution {
  const labeled: { source?: string; value: string }[] = [
    ...(hints.sources ?? []).map((s) => ({ source: s.source, value: s.value })),
    ...hints.values.map((value) => ({ value })),
  ].filter((v) => v.value.trim() !== '');
  const selectors = hints.selectors ?? DEFAULT_SELECTORS;
  const assignments = scope.assignments ?? {};

  for (const { source, value } of labeled) {
    const match = productionMapMatch(value, facts.production);
    if (match) return { environment: 'production', reason: `${describe(value, source)} is in your production map (${match})` };
  }
  for (const name of selectors) {
    const value = assignments[name] ?? facts.envSelectors[name];
    const match = value ? productionMapMatch(value, facts.production) : undefined;
    if (match) return { environment: 'production', reason: `${name} is in your production map (${match})` };
  }

  if (!hints.remote) {
    // What a machine serves from /srv or /var/www (the filesystem standard's places for served data) is its live data.
    const served = labeled.find(({ value }) => SERVED_DATA.test(value.trim()));
    if (served) return { environment: 'production', reason: `${served.value.trim()} holds data this machine serves (/srv, /var/www)` };
    return { environment: 'local', reason: 'on this machine' };
  }
  const localValue = labeled.find(({ value }) => isLocalValue(value));
  if (localValue) return { environment: 'local', reason: `${describe(localValue.value, localValue.source)} is this machine` };

  const explicit = strongest(labeled.map(({ source, value }) => signalOfValue(value, source)).filter((s): s is Signal => s !== undefined));
  if (explicit) return explicit;

  const referenced: Signal[] = [];
  for (const { value } of labeled) {
    for (const name of referencedVariables(value)) {
      const environment = environmentOfName(name);
      if (environment) referenced.push({ environment, reason: `references $${name}` });
    }
  }
  const byReference = strongest(referenced);
  if (byReference) return byReference;

  const own = strongest(selectorSignals(selectors, assignments, ' on the command'));
  if (own) return own;
  const ambient = strongest(selectorSignals(selectors, facts.envSelectors, ' in the agent environment'));
  if (ambient) return ambient;

  return { environment: 'unknown', reason: 'no environment named' };
}
