import type { Finding, Invocation, RuleContext } from '../../policy/types';
import { isWithin, resolvePath } from '../../paths';
import { identifierParts } from './cliArgs';
import type { KindReading } from './floorLoad';

/**
 * Code planted from a file for later, by programs nobody described (stop 40).
 *
 * Stop 40 (round 34 held out: `lunchy install scratch/com.acme.sync.plist`): a login agent or service planted from a file by a
 * program nobody described. A launchd property list, a systemd unit or an autostart entry installed, loaded or enabled runs its
 * program at every login or boot, unattended and past this guard. Known by the file's kind (`.plist`, `.service`, `.timer`, `.socket`,
 * `.container`) given to an install, load, enable, add or link word; the program it runs is named from
 * the file where it can be read. Allowed: listings, status, a file checked or printed (`lunchy list`, `… status`, `… show`).
 */

const AGENT_FILE = /\.(plist|service|timer|socket|container)$/i;
const PLANTS = /^(install|load|enable|add|link|start|register|bootstrap|import|reenable)$/i;
/** The program a launchd list, a unit or an autostart entry runs. */
const PROGRAM = /<key>\s*Program(?:Arguments)?\s*<\/key>\s*(?:<array>\s*)?(?:<string>([^<]*)<\/string>\s*)(?:<string>([^<]*)<\/string>)?|^\s*Exec(?:Start)?\s*=\s*(.+)$/im;

export function agentPlanted(inv: Invocation, reading: KindReading, ctx: RuleContext): Finding | undefined {
  const words = reading.positionals.filter((w) => !reading.maybeValues.has(w.index)).map((w) => w.text);
  const verb = words.slice(0, 2).find((w) => PLANTS.test(w));
  const file = [...words, ...reading.options.map((o) => o.value ?? o.next ?? '')].find((t) => AGENT_FILE.test(t));
  if (verb === undefined || file === undefined) return undefined;
  const text = ctx.facts.readFile(resolvePath(inv.cwd || ctx.facts.cwd, file, ctx.facts.home));
  const m = text !== undefined ? PROGRAM.exec(text.slice(0, 100_000)) : null;
  const program = m === null ? undefined : (m[3] ?? [m[1], m[2]].filter((x) => x !== undefined).join(' ')).trim();
  return {
    rule: 'verbs.login-agent',
    risk: 'destructive',
    severity: 'ask',
    reason: `\`${inv.name} ${verb}\` plants ${file} as a login agent or service: ${program ? `\`${program.slice(0, 80)}\`` : 'the program it names'} runs at every login or boot, unattended and past this guard (${inv.name} has no rules of its own: judged by the file it is given).`,
    targets: [{ kind: 'path', name: resolvePath(inv.cwd || ctx.facts.cwd, file, ctx.facts.home), provider: inv.name, remote: false, environment: 'local', environmentReason: 'a login agent of this machine' }],
  };
}

/**
 * Stop 40 (round 34 held out: `vendor/bin/captainhook install --configuration=scratch/captainhook.json --force`): git hooks
 * installed by a hook manager (its name or word says hooks) from a configuration whose actions run a program outside every
 * project of the workspace (a scratch or temporary folder, another home folder): from then on every commit and checkout runs
 * it. A configuration outside the workspace that cannot be read asks as well. Allowed: the project's own configuration
 * (`captainhook install --force`, `hk install`), actions that run the project's tools (`vendor/bin/phpunit`).
 */
const INSTALLS_HOOKS = /^(install|add|enable|configure|sync|setup|set-up|init)$/i;
const CONFIG_GIVEN = /^--?(config|configuration|config-file|c|conf|file|f)$/i;
const RUN_KEY = /["']?(action|actions|run|command|cmd|exec|script|entry|hook)["']?\s*[:=]\s*["']([^"'\n]+)["']/gi;

export function hooksFromFile(inv: Invocation, reading: KindReading, ctx: RuleContext): Finding | undefined {
  const words = reading.positionals.filter((w) => !reading.maybeValues.has(w.index)).map((w) => w.text);
  const verb = words.slice(0, 2).find((w) => INSTALLS_HOOKS.test(w));
  if (verb === undefined || ![inv.name, ...words.slice(0, 2)].some((w) => identifierParts(w).some((p) => /^(hooks?|githooks?)$/i.test(p)) || /hook/i.test(w))) return undefined;
  const option = reading.options.find((o) => CONFIG_GIVEN.test(o.name) && (o.value ?? o.next ?? '') !== '');
  const file = option?.value ?? option?.next;
  if (file === undefined) return undefined;
  const cwd = inv.cwd || ctx.facts.cwd;
  const path = resolvePath(cwd, file, ctx.facts.home);
  const inside = (p: string): boolean => ctx.facts.workspaceRoots.some((r) => r === p || isWithin(r, p));
  const text = /[$`*?]/.test(file) ? undefined : ctx.facts.readFile(path)?.slice(0, 100_000);
  const outside = text === undefined ? undefined : [...text.matchAll(RUN_KEY)].map((m) => m[2]!).flatMap((c) => c.split(/\s+/)).find((w) => /^(\/|~\/)/.test(w) && !inside(resolvePath(cwd, w, ctx.facts.home)) && !/^\/(usr|bin|sbin|opt\/homebrew)\//.test(w));
  if (text !== undefined ? outside === undefined : inside(path)) return undefined;
  return {
    rule: 'verbs.hooks-planted',
    risk: 'destructive',
    severity: 'ask',
    reason: `\`${inv.name} ${verb} ${option!.name}\` installs git hooks from ${file}, ${outside !== undefined ? `whose actions run ${outside}, outside every project here` : 'a configuration outside the workspace the guard could not read'}: every commit and checkout runs it from now on (${inv.name} has no rules of its own: judged by the configuration it is given).`,
    targets: [{ kind: 'path', name: path, provider: inv.name, remote: false, environment: 'local', environmentReason: 'git hooks of this repository' }],
  };
}
