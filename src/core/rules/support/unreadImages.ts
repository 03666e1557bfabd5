import type { Finding, Invocation, RuleContext } from '../../policy/types';
import type { ToolArgs } from '../../registry/types';
import { mayBeProduction } from './cliCommands';

/**
 * An image's own program pointed at production (issue #18, red team round 7): `docker run --rm
 * evil/wiper --target db.prod.acme.internal`. The words after the image are options for its entry
 * point, so what runs is the image's code, which nothing here can read (a known CLI image's entry point,
 * `--entrypoint`, or a command word after the image are judged as that command by the walker). Pointed
 * at a target the production map or its words call production, it asks; elsewhere (a local database, a
 * staging host) it stays the ordinary container run it looks like.
 */
export function unreadImageRun(inv: Invocation, args: ToolArgs, ctx: RuleContext): Finding[] {
  const operands = args.parsed.operands;
  const image = operands[0];
  const rest = operands.slice(1).map((w) => w.text);
  // not an option reader: the words after the image are the container's own argv. Only words for the image's
  // entry point (`--target x`, `-d db`) count; a program name after the image is that program's run.
  if (image === undefined || image.dynamic || rest.length === 0 || !rest[0]!.startsWith('-') || args.value('--entrypoint') !== undefined) return [];
  const hints = rest.flatMap((t) => t.split('=')).filter((t) => t !== '' && !t.startsWith('-')).slice(0, 16);
  if (!mayBeProduction(ctx, hints)) return [];
  const env = ctx.environmentOf({ values: hints, remote: true });
  if (env.environment !== 'production') return [];
  return [{
    rule: 'containers.unread-image-production',
    risk: 'destructive',
    severity: 'ask',
    reason: `${inv.name} run ${image.text.slice(0, 80)} hands ${rest.slice(0, 4).join(' ').slice(0, 120)} to the image's own program, whose code cannot be read here, pointed at production (${env.reason}).`,
    targets: [{ kind: 'resource', name: image.text.slice(0, 80), provider: inv.name, remote: true, environment: env.environment, environmentReason: env.reason }],
  }];
}
