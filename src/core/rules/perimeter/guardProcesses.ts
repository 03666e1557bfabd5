import type { Analysis, Finding, Invocation } from '../../policy/types';
import { DENY_SUFFIX, perimeterFinding } from './perimeterFinding';

/**
 * Signals to the guard's own processes: `pkill -f blast-shield`, `killall blast-shield-hook`,
 * `kill -9 $(pgrep -f blast-shield)`, `pgrep -f shield | xargs kill`. With the keeper or the hook gone
 * the agent's next commands are not judged. A pattern is matched against the command lines the guard
 * runs under (its CLI, its hook shim, its extension), so `pkill -f 'bl.st'` is caught and `pkill -f
 * 'vite'` is not.
 */

const GUARD_COMMAND_LINES = [
  'node /home/user/.blast-shield/bin/cli.js hook --host claude',
  '/home/user/.blast-shield/bin/blast-shield-hook',
  'blast-shield index --workspace /w',
  '/home/user/.vscode/extensions/blast-shield.blast-shield-0.1.0/dist/extension.js',
];

/** Command lines of ordinary development processes: a pattern that matches one is not aimed at the guard. */
const ORDINARY_COMMAND_LINES = ['node server.js', 'node /w/node_modules/.bin/vite --port 5173', 'npm run dev', 'python3 manage.py runserver', '/usr/bin/code --type=renderer'];

const MATCHERS = new Set(['pkill', 'pgrep', 'killall', 'pidof', 'ps']);
/** Options of pkill/pgrep/killall that take a value (the pattern is the operand after them). */
const VALUED = /^-(u|U|g|G|P|s|t|F|signal|-signal|-uid|-euid|-group|-pgroup|-parent|-session|-terminal|-pidfile|o|y|-older-than|-younger-than|n|-ns|-nslist)$/;

function patternsOf(inv: Invocation): string[] {
  const out: string[] = [];
  for (let i = 0; i < inv.args.length; i++) {
    const t = inv.args[i]!.text;
    if (VALUED.test(t)) {
      i++;
      continue;
    }
    if (!t.startsWith('-') || t === '-') out.push(t);
  }
  return out;
}

function matchesGuard(pattern: string, exact: boolean): boolean {
  if (/blast.?shield/i.test(pattern)) return true;
  // Without -f a pattern is matched against process names: the guard's are `node` and `sh`, like everyone's.
  if (exact) return false;
  try {
    const re = new RegExp(pattern.slice(0, 200), 'i');
    return pattern.length >= 3 && GUARD_COMMAND_LINES.some((line) => re.test(line)) && !ORDINARY_COMMAND_LINES.some((line) => re.test(line));
  } catch {
    return false;
  }
}

export function guardProcessFindings(analysis: Analysis): Finding[] {
  const invs = analysis.invocations.filter((i) => !i.remote);
  const kills = invs.some((i) => i.name === 'kill' || i.name === 'pkill' || i.name === 'killall' || i.name === 'skill');
  if (!kills) return [];
  for (const inv of invs) {
    if (!MATCHERS.has(inv.name)) continue;
    const exact = inv.name === 'killall' || inv.name === 'pidof' || (!inv.args.some((a) => /^-[a-zA-Z]*f/.test(a.text) || a.text === '--full'));
    const hit = inv.name === 'ps' ? undefined : patternsOf(inv).find((p) => matchesGuard(p, exact));
    const psHit = inv.name === 'ps' && invs.some((g) => (g.name === 'grep' || g.name === 'awk') && g.args.some((a) => /blast.?shield/i.test(a.text)));
    if (hit !== undefined || psHit) {
      return [perimeterFinding('guard-processes', `${inv.name} picks the guard's own processes (${hit ?? 'blast-shield'}) to be stopped: with the guard's keeper or hook gone, what the agent runs next is not judged; ${DENY_SUFFIX}.`, 'blast-shield processes')];
    }
  }
  return [];
}
