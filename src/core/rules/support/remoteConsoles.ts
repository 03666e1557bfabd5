import { ownTable } from '../../ownTable';
import type { Finding, Invocation, RuleContext } from '../../policy/types';
import { loadedEnvironment } from './injectedSecrets';

/**
 * An application console opened on another machine (stop 29, red team round 7): `kamal app exec -i
 * 'bin/rails console'`, `heroku run rails c`, `ssh prod 'python manage.py shell'`, `php artisan tinker`,
 * `iex -S mix`. Like an interactive shell opened there (`hostMachine.ts`), whatever is typed next is code
 * run against that machine's data without passing the guard. Code given on the line (`rails runner`,
 * `shell -c`, `tinker --execute`) or on standard input is judged as that code, not here.
 */

/** The console a command opens, by program and words (from each framework's documentation). */
function consoleOf(name: string, words: readonly string[]): string | undefined {
  const [first, second] = words;
  if (name === 'rails' && /^(console|c|dbconsole|db)$/.test(first ?? '')) return first === 'dbconsole' || first === 'db' ? 'Rails database console' : 'Rails console';
  if (/^python[\d.]*$/.test(name) && /(^|\/)manage\.py$/.test(first ?? '') && /^(shell|shell_plus|dbshell)$/.test(second ?? '') && !words.some((w) => /^(-c|--command)(=|$)/.test(w))) return `Django ${second}`;
  if (name === 'php' && /(^|\/)artisan$/.test(first ?? '') && second === 'tinker' && !words.some((w) => /^--execute(=|$)/.test(w))) return 'Laravel tinker console';
  if ((name === 'iex' || name === 'irb' || name === 'pry') && !words.some((w) => /^(-e|--eval)$/.test(w))) return `${name} console`;
  return undefined;
}

/**
 * Database shells no registry entry reads as a client, and the web editors of every table an ORM serves
 * (round 27: `doppler run -c prd -- pgcli`, `… -- npx prisma studio`): whatever is typed or clicked there runs
 * on the database. A command given on the line (`pgcli -e`, `usql -c`) is a one-shot, not a console.
 */
function databaseConsoleOf(name: string, words: readonly string[]): string | undefined {
  if (/^(pgcli|mycli|litecli|usql|iredis|mssql-cli)$/.test(name) && !words.some((w) => /^(-e|--execute|-c|--command|-f|--file|--help|-h|--version|-V|-l|--list)$/.test(w))) return `${name} shell`;
  if ((name === 'prisma' || name === 'drizzle-kit') && words[0] === 'studio') return `${name === 'prisma' ? 'Prisma' : 'Drizzle'} Studio (a web editor of every table)`;
  return undefined;
}

/**
 * Stop 37 (round 27): a console or database shell opened on this machine under a secret store or env loader
 * whose words name production (`doppler run -c prd -- rails console`, `uv run --env-file .env.production python
 * manage.py dbshell`): it connects where the loaded variables say, and what is typed there runs on production
 * unchecked. The same console under a development loader, or with nothing loaded, stays allowed.
 */
function loadedConsole(inv: Invocation, ctx: RuleContext): Finding[] {
  const words = inv.args.map((w) => w.text);
  const console = consoleOf(inv.name, words) ?? databaseConsoleOf(inv.name, words);
  if (console === undefined) return [];
  const loaded = loadedEnvironment(inv, ctx);
  if (loaded?.environment !== 'production') return [];
  return [{
    rule: 'host.loaded-console',
    risk: 'production-access',
    severity: 'ask',
    reason: `Opens an interactive ${console} with ${loaded.name}, which are production's: what is typed there next runs on the production database without passing the guard.`,
    targets: [{ kind: 'database', name: loaded.name, provider: inv.name, remote: true, environment: 'production', environmentReason: loaded.environmentReason }],
  }];
}

export function remoteConsole(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.stdin !== undefined || inv.redirects.some((r) => r.op === '<' || r.op === '<<' || r.op === '<<<' || r.op === '<<-')) return [];
  if (!inv.remote) return loadedConsole(inv, ctx);
  const console = consoleOf(inv.name, inv.args.map((w) => w.text));
  if (console === undefined) return [];
  const env = ctx.environmentOf({ values: [], sources: inv.remote.names, remote: true });
  return [{
    rule: 'host.remote-console',
    risk: 'destructive',
    severity: 'ask',
    reason: `Opens an interactive ${console} on ${inv.remote.place}: code typed there next runs against its data without passing the guard.`,
    targets: [{ kind: 'resource', name: inv.remote.place, provider: inv.remote.provider, remote: true, environment: env.environment, environmentReason: env.reason }],
  }];
}

/** By command name, for the host pack's table. */
export const REMOTE_CONSOLES: Readonly<Record<string, (inv: Invocation, ctx: RuleContext) => Finding[]>> = ownTable({
  rails: remoteConsole, python: remoteConsole, python3: remoteConsole, php: remoteConsole, iex: remoteConsole, irb: remoteConsole, pry: remoteConsole,
  pgcli: remoteConsole, mycli: remoteConsole, litecli: remoteConsole, usql: remoteConsole, iredis: remoteConsole, 'mssql-cli': remoteConsole, prisma: remoteConsole, 'drizzle-kit': remoteConsole,
});
