import type { Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { parsedArgs, toolArgs, toolNamed } from '../registry/commandModel';
import type { ArgWord } from '../shell/ast';

/**
 * Round 8 (issue #18): a shell opened inside a container or pod, and a container's data thrown away
 * without a delete verb.
 * - `docker exec -it api sh`: an interactive shell in a container of the daemon (its environment, mounted secrets, the database it reaches); what is typed
 *   there next never passes the guard. A command given (`-- ps aux`, `psql -c …`) is judged as that
 *   command instead, an interactive client other than a shell (`psql`) stays allowed, and so does a
 *   shell in one of the project's own compose services (`docker compose exec web bash`, routine work).
 * - `docker exec -i db sh < /tmp/x.sh`: a script the guard cannot read piped into a shell in the
 *   container (a readable one is judged line by line by the walker).
 * - `docker compose up -V` (`--renew-anon-volumes`): the services' anonymous volumes are recreated empty,
 *   so a database kept in one loses its data.
 */

const SHELLS = /^(sh|bash|zsh|ash|dash|ksh|mksh|fish|busybox|tcsh|csh)$/;
/** Words after a shell that still leave it reading commands from its input: `-l`, `-i`, `--login`. */
const BARE_SHELL_WORDS = /^(-[ilx]+|--login|--norc|--noprofile|--interactive|-)$/;

/** The command words, as a bare shell with nothing to run: `sh`, `/bin/bash -l`, `busybox sh`. */
function bareShell(words: readonly ArgWord[]): string | undefined {
  const [first, ...rest] = words;
  if (first === undefined || first.dynamic) return undefined;
  const name = first.text.replace(/^.*\//, '');
  if (!SHELLS.test(name)) return undefined;
  const after = name === 'busybox' ? rest.slice(1) : rest;
  if (name === 'busybox' && !SHELLS.test(rest[0]?.text ?? '')) return undefined;
  return after.every((w) => !w.dynamic && BARE_SHELL_WORDS.test(w.text)) ? words.map((w) => w.text).join(' ') : undefined;
}

function localTarget(name: string, ctx: RuleContext): Target {
  const env = ctx.environmentOf({ values: [name], remote: false });
  return { kind: 'resource', name, provider: 'docker', remote: false, environment: env.environment, environmentReason: env.reason };
}

function ask(rule: string, reason: string, target: Target): Finding[] {
  return [{ rule: `container-shells.${rule}`, risk: 'destructive', severity: 'ask', reason, targets: [target] }];
}

/** Where standard input comes from: a file named by `<` (resolved from the working folder), or something else given. */
function stdinFile(inv: Invocation): string | undefined {
  const redirect = [...inv.redirects].reverse().find((r) => r.op === '<');
  if (redirect === undefined || redirect.target.dynamic) return undefined;
  const path = redirect.target.text;
  return path.startsWith('/') ? path : `${inv.cwd.replace(/\/+$/, '')}/${path}`;
}

const fedInput = (inv: Invocation): boolean => inv.stdin !== undefined || inv.redirects.some((r) => r.op === '<' || r.op === '<<' || r.op === '<<<' || r.op === '<<-');

/** A shell in a container, judged by how it is fed: a terminal (interactive), or a script this machine cannot read. */
function shellIn(inv: Invocation, ctx: RuleContext, how: string, box: string, words: readonly ArgWord[], interactive: boolean): Finding[] {
  const shell = bareShell(words);
  if (shell === undefined) return [];
  const file = stdinFile(inv);
  if (file !== undefined) {
    if (ctx.facts.readFile(file) !== undefined) return [];
    return ask('unread-script', `Runs ${file}, which cannot be read here, in a shell inside container ${box} (${how} … ${shell} <): what it does there is unknown.`, localTarget(box, ctx));
  }
  if (fedInput(inv) || !interactive) return [];
  return ask('interactive-shell', `Opens an interactive shell (${shell}) inside container ${box} (${how}): its environment and mounted secrets are at hand, and whatever is typed there next runs without passing the guard.`, localTarget(box, ctx));
}

function checkDocker(inv: Invocation, ctx: RuleContext): Finding[] {
  const spec = toolNamed(inv.name);
  if (!spec) return [];
  const parsed = parsedArgs(inv.args, spec);
  const a = toolArgs(inv.name, parsed, spec);
  const path = parsed.path.join(' ');
  const compose = inv.name.endsWith('-compose') ? '' : 'compose ';
  if (path === 'exec' || path === 'container exec') {
    return shellIn(inv, ctx, `${inv.name} exec`, parsed.operands[0]?.text ?? 'a container', parsed.operands.slice(1), a.has('-i', '--interactive') || a.has('-t', '--tty'));
  }
  if (path === `${compose}exec`.trim()) {
    // A shell in one of the project's own compose services is routine development (its compose file says what runs
    // there); only a script the guard cannot read piped into it asks.
    return shellIn(inv, ctx, `${inv.name} ${compose}exec`, `of service ${parsed.operands[0]?.text ?? '?'}`, parsed.operands.slice(1), false);
  }
  if (path === `${compose}up`.trim() && a.has('-V', '--renew-anon-volumes')) {
    const services = parsed.operands.map((w) => w.text);
    const which = services.length > 0 ? `of ${services.join(', ')}` : 'of every service';
    return ask('renew-volumes', `Recreates the anonymous volumes ${which} empty (${inv.name} ${compose}up --renew-anon-volumes): data kept in them, such as a local database, is discarded.`, localTarget(services[0] ?? 'the compose project', ctx));
  }
  return [];
}

/**
 * `kubectl debug api -it --image=busybox`, `kubectl run tmp -it --rm --image=alpine` (round 8): with a
 * terminal attached and no command after `--`, the pod runs its image's default program (a shell for
 * the usual debug images) and whatever is typed next runs in the cluster without passing the guard,
 * as `kubectl exec -it api -- sh` does. A command after `--` is the walker's to judge.
 */
function kubePodTerminal(inv: Invocation, ctx: RuleContext): Finding[] {
  const spec = toolNamed(inv.name);
  if (!spec) return [];
  const parsed = parsedArgs(inv.args, spec);
  const verb = parsed.path[0];
  if (verb !== 'debug' && verb !== 'run') return [];
  const a = toolArgs(inv.name, parsed, spec);
  if (!a.has('-i', '--stdin') || !a.has('-t', '--tty') || parsed.command !== undefined || a.has('-h', '--help')) return [];
  const pod = parsed.operands[0]?.text ?? 'a pod';
  if (verb === 'debug' && pod.startsWith('node/')) return [];
  const env = ctx.environmentOf({ values: [a.value('--context') ?? '', a.value('-n', '--namespace') ?? ''].filter((v) => v !== ''), remote: true });
  const target: Target = { kind: 'resource', name: `pod ${pod}`, provider: 'kubernetes', remote: true, environment: env.environment, environmentReason: env.reason };
  return ask('interactive-shell', `Attaches a terminal to ${verb === 'debug' ? `a debug container in pod ${pod}` : `a new pod ${pod}`} running ${a.value('--image') ?? 'its image'}'s default program (${inv.name} ${verb} -it): whatever is typed there next runs in the cluster without passing the guard.`, target);
}

export const containerShellsPack: RulePack = {
  id: 'container-shells',
  title: 'Shells inside containers and pods, anonymous volumes renewed',
  commands: ['docker', 'podman', 'nerdctl', 'docker-compose', 'podman-compose', 'kubectl', 'oc'],
  checkInvocation(inv, ctx) {
    return inv.name === 'kubectl' || inv.name === 'oc' ? kubePodTerminal(inv, ctx) : checkDocker(inv, ctx);
  },
};
