import type { Finding, Invocation, RuleContext, RulePack } from '../policy/types';
import { commandNode, readingsOf, toolArgs, toolNamed } from '../registry/commandModel';
import { commandTextWords } from '../policy/handlers/remote';
import type { CommandSpec } from '../registry/types';

/**
 * Stop 38 (round 27, `fly ssh console -a acme-shop-production`): a CLI that runs a command on another machine,
 * given no command and nothing on standard input, opens an interactive login shell there; on production, what is
 * typed next never passes the guard (the team's line for `docker exec -it … bash`, `turso db shell`, `heroku run
 * bash`). Read from the registry: any subcommand whose `runsElsewhere` says it starts a login shell when no command
 * is given (`fly ssh console`, `ssh HOST`, `railway ssh`, `gcloud compute ssh`, `az ssh vm` …).
 *
 * Allowed look-alikes: a command given (`-C 'ls'`, judged as that command), a script on standard input (judged
 * line by line by the walker), a place named for development or staging, and one nothing names (`fly ssh console`
 * in a project whose app is not named production).
 */

/** ssh's switches that open no shell: `-N` (no command), `-W` (stdio forward), `-O` (control), `-G` (print config), `-Q`, `-V`. */
const NO_SHELL = /^-[A-Za-z]*[NWOGQV][A-Za-z]*$/;

function bareRemoteShell(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.stdin !== undefined || inv.redirects.some((r) => r.op === '<' || r.op === '<<' || r.op === '<<<' || r.op === '<<-')) return [];
  const tool = toolNamed(inv.name);
  // ssh's own no-shell switches, given to ssh or passed through (`gcloud compute ssh vm -- -L … -N`): a forward, a control
  // command or a printed configuration, no shell (the tunnels are the exposure rules').
  if (tool === undefined || inv.args.some((a) => NO_SHELL.test(a.text))) return [];
  for (const parsed of readingsOf(inv.args, tool)) {
    const spec = commandNode(parsed).runsElsewhere;
    if (spec?.loginShell !== true || 'argv' in spec.command) continue;
    const view = toolArgs(inv.name, parsed, tool);
    if ((spec.when && !spec.when(view)) || spec.script?.(view) !== undefined || spec.unread?.(view) !== undefined) continue;
    if (commandTextWords(parsed, tool, spec.command, view).length > 0) continue;
    const place = spec.place(view);
    if (place === undefined) continue;
    const env = ctx.environmentOf({ values: [], sources: place.names, remote: true });
    if (env.environment !== 'production') continue;
    return [{
      rule: 'remote-login-shells.interactive-shell',
      risk: 'destructive',
      severity: 'ask',
      reason: `\`${spec.label(view)}\` opens an interactive shell on ${place.place}, which is production (${env.reason}): whatever is typed there next runs without passing the guard.`,
      targets: [{ kind: 'resource', name: place.place, provider: place.provider, remote: true, environment: 'production', environmentReason: env.reason }],
    }];
  }
  return [];
}

/** Does the tool, or any of its subcommands, open a login shell elsewhere when given no command? */
function hasLoginShell(spec: CommandSpec): boolean {
  return spec.runsElsewhere?.loginShell === true || Object.values(spec.commands ?? {}).some(hasLoginShell);
}

export const remoteLoginShellsPack: RulePack = {
  id: 'remoteLoginShells',
  title: 'An interactive login shell opened on a production machine',
  checkInvocation: bareRemoteShell,
  reactsTo: (name) => ((tool) => tool !== undefined && hasLoginShell(tool))(toolNamed(name)),
};
