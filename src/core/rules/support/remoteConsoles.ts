import { ownTable } from '../../ownTable';
import type { Finding, Invocation, RuleContext } from '../../policy/types';

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

export function remoteConsole(inv: Invocation, ctx: RuleContext): Finding[] {
  if (!inv.remote || inv.stdin !== undefined || inv.redirects.some((r) => r.op === '<' || r.op === '<<' || r.op === '<<<' || r.op === '<<-')) return [];
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
});
