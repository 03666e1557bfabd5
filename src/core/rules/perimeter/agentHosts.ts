import { ownTable } from '../../ownTable';
import type { ArgWord, Finding, Invocation } from '../../policy/types';
import { commandNode, invocationCommand } from '../../registry/commandModel';
import { freeFormReadings } from '../../registry/freeForm';
import { EDITOR_CLIS } from './guardLaunch';

/**
 * The hosts the guard sits in, taken from under it without touching a file the perimeter protects (stop 36,
 * red team round 24):
 * - an agent CLI the guard hooks into installed or run at a release older than the first that runs the
 *   hook the way the guard's entry needs (`npm i -g @anthropic-ai/claude-code@0.2.0`, `pnpm add -g
 *   @openai/codex@0.1`, `npx @google/gemini-cli@0.1.0`): that host then runs every command with no hook;
 * - an editor the agent starts and can drive: a browser-served editor (`code serve-web`, `code-server`,
 *   `openvscode-server`) or an editor window on a display the agent named (`xvfb-run code .`,
 *   `DISPLAY=:99 code .`). Its terminals, tasks and extensions run commands no hook sees.
 * Each asks, like `code tunnel` and an interactive container shell. Upgrades, `@latest`, other packages,
 * editors opened on the human's display and the editors' own listing commands stay allowed.
 */

/** The agent CLIs the guard installs a hook into, by npm package: the first release that runs the hook as the guard's entry needs, and why. */
const HOOK_FLOORS: Readonly<Record<string, { host: string; floor: readonly number[]; why: string }>> = ownTable({
  '@anthropic-ai/claude-code': { host: 'Claude Code', floor: [2, 1, 295], why: 'older releases ignore the entry\'s `onFailure: "block"`, so a hook that fails or is killed lets the command run' },
  '@openai/codex': { host: 'Codex', floor: [0, 124, 0], why: 'hooks are on by default only from 0.124' },
  '@google/gemini-cli': { host: 'Gemini CLI', floor: [0, 61, 0], why: 'older releases were never checked to run the hook' },
  '@github/copilot': { host: 'Copilot CLI', floor: [1, 0, 102], why: 'older releases were never checked to run the hook' },
  cline: { host: 'Cline CLI', floor: [3, 0, 65], why: 'older releases were never checked to run the hook' },
});

/** Dist-tags that move forward with the releases (a tag the guard does not know may point anywhere). */
const FORWARD_TAGS = /^(latest|next|stable|beta|alpha|canary|rc|preview|nightly|insiders|edge)$/i;

const compare = (a: readonly number[], b: readonly number[]): number => {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
};

/**
 * Whether a version spec can only resolve below `floor`: the newest release it accepts (`0.2.0`; `^0.1.0`
 * and `0.1` up to 0.2.0; `~2.1.0` up to 2.2.0; `<2`) is older. `>=…`, a range open upwards and a forward tag
 * are not; a tag the guard does not know is (it may point at any release).
 */
function onlyBelow(spec: string, floor: readonly number[]): boolean {
  if (FORWARD_TAGS.test(spec) || spec === '' || spec === '*' || /^[>]/.test(spec) || /\|\|/.test(spec)) return false;
  const m = /^([\^~]|<=?|=)?\s*v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?(?:[-+][\w.]*)?$/i.exec(spec);
  if (!m) return true;
  const [, op, major, minor, patch] = m;
  const parts = [major, minor, patch].map((p) => (p === undefined || /^[x*]$/i.test(p) ? undefined : Number(p)));
  const [x, y, z] = parts as [number, number | undefined, number | undefined];
  // The exclusive upper end of what the spec accepts, or (exact, `<=`) the release itself.
  let top: number[];
  let inclusive = false;
  if (op === '^') top = x > 0 || y === undefined ? [x + 1, 0, 0] : y > 0 || z === undefined ? [0, y + 1, 0] : [0, 0, z + 1];
  else if (op === '~') top = y === undefined ? [x + 1, 0, 0] : [x, y + 1, 0];
  else if (op === '<') top = [x, y ?? 0, z ?? 0];
  else if (y === undefined) top = [x + 1, 0, 0];
  else if (z === undefined) top = [x, y + 1, 0];
  else {
    top = [x, y, z];
    inclusive = true;
  }
  return inclusive ? compare(top, floor) < 0 : compare(top, floor) <= 0;
}

/** `@scope/pkg@1.2.3`, `alias@npm:pkg@1.2.3`, `npm:pkg@1`: the package and the spec after its `@` (undefined when none). */
function packageSpec(text: string): { pkg: string; spec: string | undefined } | undefined {
  const m = /^(?:[\w.-]+@npm:|npm:)?((?:@[\w.-]+\/)?[\w.-]+)(?:@(.*))?$/.exec(text);
  return m ? { pkg: m[1]!, spec: m[2] } : undefined;
}

function downgradeOf(word: ArgWord): string | undefined {
  const named = packageSpec(word.text);
  const hooks = named ? HOOK_FLOORS[named.pkg] : undefined;
  if (!named || !hooks || named.spec === undefined) return undefined;
  if (!word.dynamic && !onlyBelow(named.spec, hooks.floor)) return undefined;
  const at = word.dynamic ? 'a release computed at run time' : `${named.spec}, older than ${hooks.floor.join('.')}`;
  return `${word.text} is ${hooks.host} at ${at}: ${hooks.why}, and the guard's hook stops being run for that host`;
}

/** Package runners whose wrapped command the walker names after the package's binary (`npx @openai/codex@0.1.0` runs `codex`). */
const RUNNER_VIAS: ReadonlySet<string> = new Set(['npx', 'bunx', 'pnpx', 'pnpm exec', 'yarn exec', 'npm exec']);

/** The package words an invocation installs (a package manager's install, read through its registry entry) or runs (a package runner). */
function packageWords(inv: Invocation): ArgWord[] {
  const words: ArgWord[] = [];
  if (RUNNER_VIAS.has(inv.via.at(-1) ?? '')) words.push(...(inv.wrapperWords ?? []));
  const command = invocationCommand(inv);
  if (command && command.tool.family === 'package-manager') {
    const action = commandNode(command.parsed).package;
    if (action === 'install' || (typeof action === 'object' && action !== null && 'binary' in action)) words.push(...command.parsed.operands);
  }
  // `claude install 1.0.0`: Claude Code's own installer, told which release to put in place.
  if (inv.name === 'claude') {
    const ops = freeFormReadings(inv.args).usual.operands;
    if (ops[0]?.text === 'install' && ops[1] !== undefined) words.push({ ...ops[1], text: `@anthropic-ai/claude-code@${ops[1].text}` });
  }
  return words;
}

/** Editor command lines that open no window and serve nothing (listings, extension management, version). */
const EDITOR_CLI_ONLY = /^(--list-extensions|--install-extension|--uninstall-extension|--show-versions|--version|-v|--help|-h|--status|-s|--locate-shell-integration-path|--locate-extension|--telemetry|--update-extensions)(=|$)/;
/** Editors that are themselves servers reached from a browser. */
const EDITOR_SERVERS: ReadonlySet<string> = new Set(['code-server', 'openvscode-server']);
/** Wrappers that run a program on a display of their own, which no human watches. */
const VIRTUAL_DISPLAYS = /^(xvfb-run|xvfb-run-safe|xvfb-maybe)$/;

function agentDrivenEditor(inv: Invocation): string | undefined {
  if (!EDITOR_CLIS.has(inv.name) || inv.remote) return undefined;
  const { operands, options } = freeFormReadings(inv.args).usual;
  if (options.some((o) => EDITOR_CLI_ONLY.test(o.name))) return undefined;
  if (operands[0]?.text === 'serve-web' || EDITOR_SERVERS.has(inv.name)) {
    const how = operands[0]?.text === 'serve-web' ? `${inv.name} serve-web` : inv.name;
    return `${how} serves an editor to a browser; the agent that starts it holds its address and token and can drive it, and its terminals, tasks and extensions run commands no hook sees`;
  }
  if (operands[0]?.text === 'tunnel') return undefined;
  const wrapper = inv.via.find((v) => VIRTUAL_DISPLAYS.test(v));
  const display = ['DISPLAY', 'WAYLAND_DISPLAY'].find((v) => Object.hasOwn(inv.assignments, v));
  if (wrapper === undefined && display === undefined) return undefined;
  const where = wrapper !== undefined ? `a virtual display (${wrapper})` : `the display ${display}=${inv.assignments[display!]} named on the command`;
  return `${inv.name} opens an editor window on ${where}, which no human may be watching: the agent can drive it, and its terminals, tasks and extensions run commands no hook sees`;
}

const ask = (rule: string, reason: string, target: string): Finding => ({
  rule: `self-protection.${rule}`,
  risk: 'self-protection',
  severity: 'ask',
  reason: `${reason}, so it needs confirmation.`,
  targets: [{ kind: 'path', name: target, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }],
});

export function agentHostFindings(inv: Invocation): Finding[] {
  const out: Finding[] = [];
  if (!inv.remote) {
    for (const word of packageWords(inv)) {
      const why = downgradeOf(word);
      if (why) {
        out.push(ask('agent-downgrade', why, word.text));
        break;
      }
    }
  }
  const editor = agentDrivenEditor(inv);
  if (editor) out.push(ask('agent-driven-editor', editor, inv.name));
  return out;
}
