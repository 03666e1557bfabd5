import { ownTable } from '../ownTable';
import type { Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { freeFormReadings, freeFormValues } from '../registry/freeForm';
import { hostOf, isLocalHost, redactUrl } from '../policy/production';

/**
 * Stop 34 (coordinator's decision, red team round 19): a hosting platform's managed database copied
 * down to this machine, or opened to it through a tunnel any local client then reads through, asks
 * unless its words name a non-production app or environment (an environment nobody named is
 * production). Every customer record, password hash and stored token lands where the agent reads it,
 * as with `pg_dump` of a production host (`dataSentOut.ts`). The CLIs have no rules of their own: the
 * verb floor still judges their other words (`clever env`, `scalingo … destroy`).
 */

/**
 * Hosting platforms' commands that copy a managed database down to this machine, or open a tunnel to it
 * that any local client then reads through (`aptible db:dump HANDLE`, `platform db:dump -e main`,
 * `scalingo --app APP db-tunnel VAR`): the subcommand word, and what it does.
 */
const PLATFORM_DUMPS: Readonly<Record<string, readonly { word: RegExp; does: string; unless?: RegExp; path?: readonly string[]; sourceUrl?: boolean; namedOnly?: boolean; hosted?: RegExp }[]>> = ownTable({
  aptible: [{ word: /^db:dump$/, does: 'dumps the whole database' }, { word: /^db:tunnel$/, does: 'opens a tunnel to the database' }],
  platform: [{ word: /^(db:dump|db:pull)$/, does: 'dumps the whole database' }],
  upsun: [{ word: /^(db:dump|db:pull)$/, does: 'dumps the whole database' }],
  scalingo: [{ word: /^db-tunnel$/, does: 'opens a tunnel to the database' }],
  // Round 21: Heroku's copy into a local database, and a backup downloaded or handed out by a signed URL (`pg:backups:capture`
  // alone keeps the backup on Heroku: the safety net taken before risky work, which stays allowed).
  heroku: [{ word: /^pg:pull$/, does: 'copies the whole database into a database on this machine' }, { word: /^pg:backups:(download|url|public-url)$/, does: 'downloads (or links to) a whole backup of the database' }],
  // PlanetScale's `pscale database dump DB BRANCH`; Supabase's `supabase db dump` of a URL or project named production, and
  // (stop 38, round 27) of the hosted project by `--linked` or `--project-ref`: a remote project nobody named is production.
  // A bare dump with neither stays allowed (the team's line of stop 35); `--local` is the emulator's.
  pscale: [{ word: /^dump$/, does: 'dumps the whole database', path: ['database'] }],
  supabase: [{ word: /^dump$/, does: 'dumps the whole database', unless: /^--local$/, path: ['db'], sourceUrl: true, namedOnly: true, hosted: /^--(linked|project-ref)(=.*)?$/ }],
});

/** What a platform's command does to its managed database (a dump, a tunnel), with the environment its words name. */
function platformDump(inv: Invocation, ctx: RuleContext): Finding | undefined {
  const operands = freeFormReadings(inv.args).usual.operands.map((w) => w.text);
  const row = (PLATFORM_DUMPS[inv.name] ?? []).find((r) => operands.some((w) => r.word.test(w)));
  const word = row === undefined ? undefined : operands.find((w) => row.word.test(w));
  if (row === undefined || word === undefined || (row.unless !== undefined && inv.args.some((a) => row.unless!.test(a.text)))) return undefined;
  // What names the database or its app: every operand and option value (`--app acme-production`, `-e main`, a
  // handle), but not the file the dump is written to (`-f /tmp/main.sql` names no environment).
  // The command path before the word (`pscale database dump`, `supabase db dump`) names nothing either.
  const path = row.path ?? [];
  const names = freeFormValues(inv.args).filter((w) => !row.word.test(w) && !path.includes(w) && !/^(\/|\.{1,2}\/|~)|\.(sql|dump|gz|zst|tar|bak|json|csv)$/i.test(w));
  // A source named by a URL on this machine (`supabase db dump --db-url postgres://…@localhost:54322/…`) is the developer's own
  // (`heroku pg:pull` names its local target by URL: that says nothing of the source).
  if (row.sourceUrl === true && names.some((w) => { const host = hostOf(w); return host !== undefined && isLocalHost(host); })) return undefined;
  const env = ctx.environmentOf({ values: names, remote: true });
  const hosted = row.hosted !== undefined && inv.args.some((a) => row.hosted!.test(a.text) && !/=(false|0|no)$/i.test(a.text));
  if (env.environment === 'non-production' || (row.namedOnly === true && !hosted && env.environment !== 'production')) return undefined;
  const production = env.environment === 'production';
  const name = names[0] !== undefined ? redactUrl(names[0]) : hosted ? `the linked ${inv.name} project's database` : `the ${inv.name} database`;
  const target: Target = { kind: 'database', name, provider: inv.name, remote: true, environment: 'production', environmentReason: production ? env.reason : `${name}: environment unknown (treated as production)` };
  return { rule: 'platformDatabaseCopies.database-copy', risk: 'production-access', severity: 'ask', reason: `\`${inv.name} ${word}\` ${row.does} of ${production ? 'the production' : 'a'} ${inv.name} app (${name}): every customer record, password hash and stored token it holds reaches this machine, where the agent reads it.`, targets: [target] };
}

export const platformDatabaseCopiesPack: RulePack = {
  id: 'platformDatabaseCopies',
  title: "A hosting platform's managed database dumped or tunnelled to this machine",
  checkInvocation(inv, ctx) {
    const found = platformDump(inv, ctx);
    return found ? [found] : [];
  },
  reactsTo: (name) => PLATFORM_DUMPS[name] !== undefined,
};
