import type { Finding, Invocation, RuleContext, RulePack } from '../policy/types';
import { dirname, isWithin, resolvePath } from '../paths';
import { flagValues, hasFlag, type ParsedArgs } from './cliArgs';
import { checkCli, type HintSource, type ToolSpec } from './cliCommands';
import { isLocalUrl, parseRequestUrl } from './httpTargets';

/**
 * PaaS and developer-platform CLIs: railway, fly, heroku, vercel, netlify, supabase, neon, pscale,
 * render, gh, doppler, firebase, wrangler. Destroying an app, volume, database, branch, environment
 * or secret asks; read-only commands that name a production environment or app are allowed and
 * marked production. Where the CLI itself reads a linked project from disk (Railway's config, fly.toml,
 * Supabase's project ref), that link is an environment hint too.
 */

const DESTROY = /^(delete|destroy|remove|rm|unset)$/;

function readJson(ctx: RuleContext, path: string): unknown {
  const text = ctx.facts.readFile(path);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The Railway CLI keeps the link between a folder and a project/environment in ~/.railway/config.json,
 * keyed by folder. Only names and ids are taken from it; the file also holds the user's token.
 */
const LINK_LABELS: Readonly<Record<string, string>> = {
  environmentName: 'environment', environment: 'environment id', name: 'project', project: 'project id', service: 'service id',
};

function railwayLinkHints(inv: Invocation, ctx: RuleContext): HintSource[] {
  const config = readJson(ctx, resolvePath(ctx.facts.home, '.railway/config.json', ctx.facts.home));
  if (!isRecord(config) || !isRecord(config.projects)) return [];
  const cwd = resolvePath(ctx.facts.cwd, inv.cwd, ctx.facts.home);
  let best: Record<string, unknown> | undefined;
  let bestLength = -1;
  for (const [folder, link] of Object.entries(config.projects)) {
    if (!isRecord(link) || !folder.startsWith('/') || !isWithin(folder, cwd)) continue;
    if (folder.length > bestLength) {
      best = link;
      bestLength = folder.length;
    }
  }
  if (!best) return [];
  const out: HintSource[] = [];
  for (const key of ['environmentName', 'environment', 'name', 'project', 'service']) {
    const v = best[key];
    if (typeof v === 'string' && v.length > 0 && v.length < 200) out.push({ source: `linked Railway ${LINK_LABELS[key] ?? key}`, value: v });
  }
  return out;
}

/** fly.toml's `app = "name"` in the working directory or a parent, which flyctl uses when -a is absent. */
function flyAppHints(inv: Invocation, ctx: RuleContext): HintSource[] {
  let dir = resolvePath(ctx.facts.cwd, inv.cwd, ctx.facts.home);
  for (let depth = 0; depth < 8; depth++) {
    const text = ctx.facts.readFile(dir === '/' ? '/fly.toml' : dir + '/fly.toml');
    if (text !== undefined) {
      const m = /^\s*app\s*=\s*["']([^"']+)["']/m.exec(text);
      return m?.[1] ? [{ source: 'fly.toml app', value: m[1] }] : [];
    }
    if (dir === '/') break;
    dir = dirname(dir);
  }
  return [];
}

/** `supabase link` writes the project ref to supabase/.temp/project-ref. */
function supabaseLinkHints(inv: Invocation, ctx: RuleContext): HintSource[] {
  const cwd = resolvePath(ctx.facts.cwd, inv.cwd, ctx.facts.home);
  const ref = ctx.facts.readFile(cwd + '/supabase/.temp/project-ref')?.trim();
  return ref && /^[a-z0-9-]{1,64}$/i.test(ref) ? [{ source: 'linked Supabase project', value: ref }] : [];
}

const railway: ToolSpec = {
  names: ['railway'],
  provider: 'railway',
  label: 'Railway',
  grammar: { valueFlags: new Set(['-e', '--environment', '-s', '--service', '-p', '--project', '-v', '--volume', '-d', '--deployment']) },
  environmentFlags: ['-e', '--environment'],
  environmentVariables: ['RAILWAY_ENVIRONMENT', 'RAILWAY_ENVIRONMENT_NAME'],
  scopeFlags: ['-s', '--service', '-p', '--project'],
  scopeKind: 'service',
  rules: [
    { id: 'railway-volume-delete', path: ['volume|volumes', 'delete|rm|remove'], kind: 'volume', noun: 'volume', verb: 'deletes', nameFlags: ['-v', '--volume'] },
    {
      id: 'railway-environment-delete', path: ['environment|env', 'delete|rm|remove'], kind: 'environment', noun: 'environment',
      verb: 'deletes', nameFlags: ['-e', '--environment'], note: () => ' with every service, volume and variable in it',
    },
    { id: 'railway-service-delete', path: ['service|services', 'delete|rm|remove'], kind: 'service', noun: 'service', verb: 'deletes' },
    { id: 'railway-variable-delete', path: ['variables|variable|vars', 'delete|rm|remove|unset'], kind: 'credential', noun: 'variable', verb: 'deletes' },
    {
      id: 'railway-project-delete', path: ['delete'], kind: 'project', noun: 'project', verb: 'deletes', nameFlags: ['-p', '--project'],
      defaultName: 'the linked Railway project', namePositionals: 'none',
    },
    {
      id: 'railway-down', path: ['down'], kind: 'service', noun: 'service', verb: 'removes the latest deployment of',
      nameFlags: ['-s', '--service'], defaultName: 'the linked Railway service', namePositionals: 'none',
    },
  ],
  generic: { id: 'railway-delete', verbs: DESTROY, maxDepth: 1, exclude: ['run', 'shell', 'logout', 'unlink'] },
  contextHints: railwayLinkHints,
};

const fly: ToolSpec = {
  names: ['fly', 'flyctl'],
  provider: 'fly',
  label: 'Fly.io',
  grammar: {
    valueFlags: new Set(['-a', '--app', '-c', '--config', '-r', '--region', '-o', '--org', '-t', '--access-token', '--image', '-s', '--select', '--machine', '--cluster']),
  },
  environmentFlags: [],
  environmentVariables: ['FLY_APP'],
  scopeFlags: ['-a', '--app'],
  scopeKind: 'app',
  rules: [
    { id: 'fly-apps-destroy', path: ['apps|app', 'destroy|delete|remove|rm'], kind: 'app', noun: 'app', verb: 'destroys', note: () => ' with its machines and volumes' },
    { id: 'fly-destroy', path: ['destroy'], kind: 'app', noun: 'app', verb: 'destroys', note: () => ' with its machines and volumes' },
    { id: 'fly-volumes-destroy', path: ['volumes|volume|vol', 'destroy|delete|remove|rm'], kind: 'volume', noun: 'volume', verb: 'destroys' },
    { id: 'fly-machine-destroy', path: ['machine|machines|m', 'destroy|remove|rm'], kind: 'resource', noun: 'machine', verb: 'destroys' },
    { id: 'fly-postgres-destroy', path: ['postgres|pg|mpg', 'destroy|delete'], kind: 'database', noun: 'Postgres cluster', verb: 'destroys' },
    { id: 'fly-secrets-unset', path: ['secrets|secret', 'unset'], kind: 'credential', noun: 'secret', verb: 'unsets' },
  ],
  generic: { id: 'fly-destroy-generic', verbs: DESTROY, maxDepth: 2, exclude: ['auth', 'ssh', 'console'] },
  contextHints: flyAppHints,
};

const heroku: ToolSpec = {
  names: ['heroku'],
  provider: 'heroku',
  label: 'Heroku',
  grammar: { valueFlags: new Set(['-a', '--app', '-r', '--remote', '--confirm', '-t', '--team', '-s', '--space', '--source-app']) },
  colonCommands: true,
  environmentFlags: ['-r', '--remote'],
  environmentVariables: ['HEROKU_APP'],
  scopeFlags: ['-a', '--app', '--confirm'],
  scopeKind: 'app',
  rules: [
    { id: 'heroku-apps-destroy', path: ['apps', 'destroy'], kind: 'app', noun: 'app', verb: 'destroys', note: () => ' with its add-ons and databases' },
    { id: 'heroku-destroy', path: ['destroy'], kind: 'app', noun: 'app', verb: 'destroys', note: () => ' with its add-ons and databases' },
    { id: 'heroku-pg-reset', path: ['pg', 'reset'], kind: 'database', noun: 'Postgres database', verb: 'erases every table in' },
    { id: 'heroku-pg-backups-restore', path: ['pg', 'backups', 'restore'], kind: 'database', noun: 'Postgres database', verb: 'overwrites', namePositionals: 'last' },
    { id: 'heroku-pg-copy', path: ['pg', 'copy'], kind: 'database', noun: 'Postgres database', verb: 'overwrites', namePositionals: 'last' },
    { id: 'heroku-addons-destroy', path: ['addons', 'destroy|remove|delete'], kind: 'resource', noun: 'add-on', verb: 'destroys' },
    { id: 'heroku-config-unset', path: ['config', 'unset|remove'], kind: 'credential', noun: 'config var', verb: 'unsets' },
  ],
  generic: { id: 'heroku-destroy-generic', verbs: /^(destroy|delete|remove|reset|unset|rm)$/, maxDepth: 2, exclude: ['run', 'local', 'plugins', 'auth', 'login', 'logout', 'git', 'autocomplete'] },
};

const vercel: ToolSpec = {
  names: ['vercel', 'vc'],
  provider: 'vercel',
  label: 'Vercel',
  grammar: { valueFlags: new Set(['--scope', '-S', '--token', '-t', '--cwd', '-A', '--local-config', '-Q', '--global-config', '--environment', '--target']) },
  environmentFlags: ['--environment', '--target'],
  scopeFlags: ['--scope', '-S'],
  scopeKind: 'project',
  rules: [
    { id: 'vercel-remove', path: ['remove|rm'], kind: 'project', noun: 'project or deployment', verb: 'removes' },
    { id: 'vercel-env-rm', path: ['env', 'rm|remove'], kind: 'credential', noun: 'environment variable', verb: 'removes', namePositionals: 'first', environmentPositional: 1 },
    { id: 'vercel-projects-rm', path: ['projects|project', 'rm|remove'], kind: 'project', noun: 'project', verb: 'removes' },
    { id: 'vercel-domains-rm', path: ['domains|domain', 'rm|remove'], kind: 'resource', noun: 'domain', verb: 'removes' },
  ],
  generic: { id: 'vercel-remove-generic', verbs: /^(rm|remove|del|delete)$/, maxDepth: 1, exclude: ['link', 'logout'] },
};

function netlifyApiName(p: ParsedArgs): string[] {
  const data = flagValues(p, ['--data', '-d'])[0];
  if (data) {
    try {
      const parsed = JSON.parse(data) as unknown;
      if (isRecord(parsed)) {
        for (const [k, v] of Object.entries(parsed)) if (/(^|_)id$/.test(k) && typeof v === 'string') return [v];
      }
    } catch {
      // A body that is not JSON names nothing; the operation name still says what is destroyed.
    }
  }
  return [];
}

const netlify: ToolSpec = {
  names: ['netlify', 'ntl'],
  provider: 'netlify',
  label: 'Netlify',
  grammar: { valueFlags: new Set(['--context', '--site', '--filter', '--auth', '--scope', '--data', '-d']) },
  colonCommands: true,
  environmentFlags: ['--context'],
  scopeFlags: ['--site', '--filter'],
  scopeKind: 'app',
  rules: [
    { id: 'netlify-sites-delete', path: ['sites', 'delete'], kind: 'app', noun: 'site', verb: 'deletes', namePositionals: 'first' },
    { id: 'netlify-env-unset', path: ['env', 'unset|delete|rm'], kind: 'credential', noun: 'environment variable', verb: 'unsets', namePositionals: 'first' },
    {
      id: 'netlify-api-delete', path: ['api', /^(delete|destroy|remove|purge)[A-Z_]/], kind: 'resource', noun: 'resource',
      verb: 'deletes', names: netlifyApiName, defaultName: 'the resource named in the request body',
    },
  ],
  generic: { id: 'netlify-delete', verbs: /^(delete|unset|remove|rm|destroy)$/, maxDepth: 2, exclude: ['unlink', 'logout'] },
};

function supabaseRemote(p: ParsedArgs): boolean {
  if (hasFlag(p, ['--linked'])) return true;
  const url = flagValues(p, ['--db-url'])[0];
  if (url === undefined) return false;
  const parsed = parseRequestUrl(url);
  return parsed === undefined || !isLocalUrl(parsed);
}

const supabase: ToolSpec = {
  names: ['supabase'],
  provider: 'supabase',
  label: 'Supabase',
  grammar: { valueFlags: new Set(['--project-ref', '--db-url', '--workdir', '-o', '--output', '--profile', '--org-id', '--schema', '-s']) },
  environmentFlags: ['--project-ref', '--profile'],
  scopeFlags: ['--project-ref'],
  scopeKind: 'project',
  rules: [
    {
      id: 'supabase-db-reset', path: ['db', 'reset'], kind: 'database', noun: 'database', verb: 'resets (drops and recreates)',
      when: supabaseRemote, namePositionals: 'none', defaultName: "the linked Supabase project's database",
      names: (p) => {
        const url = parseRequestUrl(flagValues(p, ['--db-url'])[0] ?? '');
        return url ? [url.display] : flagValues(p, ['--project-ref']);
      },
    },
    {
      id: 'supabase-db-reset', path: ['db', 'reset'], kind: 'database', noun: 'database', verb: 'resets (drops and recreates)',
      local: () => true, namePositionals: 'none', defaultName: 'the local Supabase database',
    },
    { id: 'supabase-projects-delete', path: ['projects', 'delete'], kind: 'project', noun: 'project', verb: 'deletes' },
    { id: 'supabase-branches-delete', path: ['branches', 'delete'], kind: 'branch', noun: 'branch', verb: 'deletes' },
    { id: 'supabase-storage-rm', path: ['storage', 'rm'], kind: 'resource', noun: 'storage objects', verb: 'deletes', note: (p) => (hasFlag(p, ['-r', '--recursive']) ? ', recursively' : undefined), local: (p) => hasFlag(p, ['--local']) },
    {
      id: 'supabase-stop-no-backup', path: ['stop'], kind: 'volume', noun: 'local data volumes', verb: 'deletes', when: (p) => hasFlag(p, ['--no-backup']),
      local: () => true, namePositionals: 'none', defaultName: 'the local Supabase data volumes',
    },
  ],
  generic: { id: 'supabase-delete', verbs: /^(delete|reset|unset|rm|remove)$/, maxDepth: 1, exclude: ['logout', 'unlink', 'migration'] },
  local: (p) => hasFlag(p, ['--local']),
  contextHints: supabaseLinkHints,
};

const neon: ToolSpec = {
  names: ['neonctl', 'neon'],
  provider: 'neon',
  label: 'Neon',
  grammar: { valueFlags: new Set(['--project-id', '--org-id', '--api-key', '--context-file', '-o', '--output', '--branch', '--parent', '--database-name', '--role-name', '--source']) },
  environmentFlags: ['--project-id', '--branch'],
  scopeFlags: ['--project-id'],
  scopeKind: 'project',
  rules: [
    { id: 'neon-projects-delete', path: ['projects|project', 'delete'], kind: 'project', noun: 'project', verb: 'deletes', note: () => ' with every branch and database in it' },
    { id: 'neon-branches-delete', path: ['branches|branch', 'delete'], kind: 'branch', noun: 'branch', verb: 'deletes' },
    { id: 'neon-branches-reset', path: ['branches|branch', 'reset'], kind: 'branch', noun: 'branch', verb: 'resets (discarding its changes)' },
    { id: 'neon-branches-restore', path: ['branches|branch', 'restore'], kind: 'branch', noun: 'branch', verb: 'overwrites', namePositionals: 'first' },
    { id: 'neon-databases-delete', path: ['databases|database|db', 'delete'], kind: 'database', noun: 'database', verb: 'deletes' },
  ],
  generic: { id: 'neon-delete', verbs: /^(delete|reset|restore|remove|rm)$/, maxDepth: 1, exclude: ['auth', 'set-context'] },
};

const pscale: ToolSpec = {
  names: ['pscale'],
  provider: 'planetscale',
  label: 'PlanetScale',
  grammar: { valueFlags: new Set(['--org', '--service-token', '--service-token-id', '-f', '--format', '--config']) },
  environmentFlags: ['--org'],
  scopeKind: 'database',
  rules: [
    { id: 'pscale-database-delete', path: ['database|db', 'delete'], kind: 'database', noun: 'database', verb: 'deletes', namePositionals: 'first' },
    { id: 'pscale-branch-delete', path: ['branch', 'delete'], kind: 'branch', noun: 'database branch', verb: 'deletes', namePositionals: 'joined' },
  ],
  generic: { id: 'pscale-delete', verbs: /^(delete|rm)$/, maxDepth: 1, exclude: ['auth'] },
};

const render: ToolSpec = {
  names: ['render'],
  provider: 'render',
  label: 'Render',
  grammar: { valueFlags: new Set(['-o', '--output']) },
  environmentFlags: [],
  rules: [],
  generic: { id: 'render-delete', verbs: /^(delete|destroy|rm|remove)$/, maxDepth: 1, exclude: ['login', 'logout', 'workspace'] },
};

const gh: ToolSpec = {
  names: ['gh'],
  provider: 'github',
  label: 'GitHub',
  grammar: { valueFlags: new Set(['-R', '--repo', '--hostname', '-e', '--env', '-o', '--org', '-a', '--app', '-u', '--user', '--jq', '-q', '--template', '-t']) },
  environmentFlags: ['-e', '--env'],
  scopeFlags: ['-R', '--repo'],
  scopeKind: 'repository',
  rules: [
    { id: 'gh-repo-delete', path: ['repo', 'delete'], kind: 'repository', noun: 'repository', verb: 'deletes', defaultName: 'the current repository', note: () => ' with its issues, pull requests and wiki' },
    { id: 'gh-release-delete', path: ['release', 'delete|delete-asset'], kind: 'resource', noun: 'release', verb: 'deletes', namePositionals: 'joined' },
    { id: 'gh-secret-delete', path: ['secret|variable', 'delete|remove'], kind: 'credential', noun: 'secret or variable', verb: 'deletes' },
  ],
  generic: { id: 'gh-delete', verbs: /^(delete|delete-asset|remove)$/, maxDepth: 1, exclude: ['alias', 'extension', 'config', 'auth', 'api'] },
};

const doppler: ToolSpec = {
  names: ['doppler'],
  provider: 'doppler',
  label: 'Doppler',
  grammar: { valueFlags: new Set(['-p', '--project', '-c', '--config', '--token', '--scope']) },
  environmentFlags: ['-c', '--config'],
  environmentVariables: ['DOPPLER_CONFIG', 'DOPPLER_ENVIRONMENT'],
  scopeFlags: ['-p', '--project'],
  scopeKind: 'project',
  rules: [
    { id: 'doppler-secrets-delete', path: ['secrets', 'delete|rm|remove|unset'], kind: 'credential', noun: 'secret', verb: 'deletes' },
  ],
  generic: { id: 'doppler-delete', verbs: /^(delete|rm|remove|unset)$/, maxDepth: 2, exclude: ['configure', 'login', 'logout', 'setup'] },
};

const firebase: ToolSpec = {
  names: ['firebase'],
  provider: 'firebase',
  label: 'Firebase',
  grammar: { valueFlags: new Set(['--project', '-P', '--token', '--config', '--instance', '--database', '--only']) },
  colonCommands: true,
  environmentFlags: ['--project', '-P'],
  scopeFlags: ['--project', '-P'],
  scopeKind: 'project',
  rules: [
    {
      id: 'firebase-firestore-delete', path: ['firestore', 'delete'], kind: 'database', noun: 'Firestore documents', verb: 'deletes',
      defaultName: 'every Firestore collection', note: (p) => (hasFlag(p, ['-r', '--recursive', '--all-collections']) ? ', recursively' : undefined),
    },
    { id: 'firebase-database-remove', path: ['database', 'remove'], kind: 'database', noun: 'Realtime Database path', verb: 'deletes' },
  ],
  generic: { id: 'firebase-delete', verbs: /^(delete|remove|destroy)$/, maxDepth: 2, exclude: ['logout', 'emulators', 'login'] },
};

const wrangler: ToolSpec = {
  names: ['wrangler'],
  provider: 'cloudflare',
  label: 'Cloudflare',
  grammar: { valueFlags: new Set(['--env', '-e', '--config', '-c', '--name', '--binding', '--namespace-id', '--account-id', '--jurisdiction']) },
  environmentFlags: ['--env', '-e'],
  scopeFlags: ['--name'],
  scopeKind: 'service',
  rules: [
    {
      id: 'wrangler-delete-worker', path: ['delete'], kind: 'service', noun: 'Worker', verb: 'deletes', nameFlags: ['--name'],
      namePositionals: 'first', defaultName: 'the Worker named in wrangler.toml',
    },
  ],
  generic: { id: 'wrangler-delete', verbs: /^(delete|rm|remove)$/, maxDepth: 3, exclude: ['login', 'logout'], nameFlags: ['--name', '--binding', '--namespace-id'] },
  local: (p) => hasFlag(p, ['--local']) && !hasFlag(p, ['--remote']),
};

export const PAAS_TOOLS: readonly ToolSpec[] = [railway, fly, heroku, vercel, netlify, supabase, neon, pscale, render, gh, doppler, firebase, wrangler];

const BY_NAME = new Map<string, ToolSpec>(PAAS_TOOLS.flatMap((t) => t.names.map((n) => [n, t] as const)));

export const paasPack: RulePack = {
  id: 'paas',
  title: 'PaaS and developer-platform CLIs (Railway, Fly.io, Heroku, Vercel, Netlify, Supabase, Neon, PlanetScale, Render, GitHub, Doppler, Firebase, Cloudflare)',
  commands: [...BY_NAME.keys()],
  checkInvocation(inv: Invocation, ctx: RuleContext): Finding[] {
    const spec = BY_NAME.get(inv.name);
    return spec ? checkCli('paas', spec, inv, ctx) : [];
  },
};
