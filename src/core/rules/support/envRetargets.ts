import type { Finding, RuleContext } from '../../policy/types';

/**
 * A project's own environment file pointed at production (issue #18, round 8): `echo
 * 'PGHOST=db.prod.acme.internal' >> .env`, `DATABASE_URL=postgres://…prod…` written into `.env.local`.
 * Nothing runs now, but every later command that reads the file (migrations, seeds, test set-ups that
 * reset the database, `npm run dev`) works on production data. A connection setting (a host, URL, DSN
 * or endpoint) whose value names production asks; a local or staging value, a file meant as a template
 * (`.env.example`) or one meant for production (`.env.production`) stays allowed.
 */

/** Environment files the project's commands read by default (dotenv, Vite, Next.js, Rails dotenv, direnv). */
const DEV_ENV_FILE = /(^|\/)\.env(\.(local|development|dev|test|development\.local|test\.local))?$/;
/** Keys that say where a client connects. */
const TARGET_KEY = /^(PG(HOST|HOSTADDR|SERVICE)|[A-Z0-9_]*(HOST|HOSTNAME|URL|URI|DSN|ENDPOINT|SERVER|ADDR|ADDRESS|CONNECTION_STRING|CONN_STR))$/;

function unquote(v: string): string {
  const t = v.trim();
  return /^(["']).*\1$/.test(t) ? t.slice(1, -1) : t;
}

/** Findings for `text` written into `path` by `writer`; `before` is the file as it is now. */
export function envRetargetWrites(path: string, text: string | undefined, before: string | undefined, writer: string, ctx: RuleContext): Finding[] {
  if (text === undefined || !DEV_ENV_FILE.test(path)) return [];
  const had = new Set((before ?? '').split('\n'));
  const out: Finding[] = [];
  for (const line of text.split('\n')) {
    if (had.has(line)) continue;
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (m === null || !TARGET_KEY.test(m[1]!.toUpperCase())) continue;
    const value = unquote(m[2]!);
    if (value === '' || /\$/.test(value)) continue;
    const resolved = ctx.environmentOf({ values: [value], sources: [{ source: m[1]!, value }], remote: true });
    if (resolved.environment !== 'production') continue;
    const shown = path.split('/').slice(-1)[0] ?? path;
    out.push({
      rule: 'env-retarget.production',
      risk: 'destructive',
      severity: 'ask',
      reason: `${writer} points ${m[1]} in ${shown} at production (${resolved.reason}): every later command that reads ${shown} (migrations, seeds, test set-ups that reset the database, the dev server) works on production data.`,
      targets: [{ kind: 'database', name: value, provider: 'env-file', remote: true, environment: 'production', environmentReason: resolved.reason }],
    });
    if (out.length >= 3) break;
  }
  return out;
}
