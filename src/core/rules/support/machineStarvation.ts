import type { Invocation } from '../../policy/types';
import { freeFormReadings, optionValue } from '../../registry/freeForm';

/**
 * Load generators told to starve the machine (stop 36, red team round 24): `stress-ng --vm 8 --vm-bytes 95%`,
 * `stress --cpu 256 --timeout 600`. A hook that cannot get memory or a CPU in time is killed by its host, and
 * some hosts then run the command anyway. Asks when a run takes half the memory or more, starts many workers
 * (or one per CPU, `--cpu 0`, `--all`), or runs for more than a minute (or without end). A short, small run
 * (`stress-ng --cpu 2 --timeout 10s`) and the help, version and dry-run forms stay allowed.
 */

/** Longest run that is a quick check rather than starving everything else. */
const SHORT_RUN_SECONDS = 60;
/** More workers than this is not a quick check on any machine an agent runs on. */
const MANY_WORKERS = 16;
const INFO = /^(-h|--help|-V|--version|-n|--dry-run|--stressors|--class|--example|--with)(=|$)/;
/** stress-ng's per-stressor settings (sizes, methods, counts of operations), which are not worker counts. */
const NOT_A_COUNT = /(bytes|ops|method|timeout|backoff|load|slice|size|class|metrics|log|yaml|job|path|taskset|sched|verbose|seed|ionice|oom|page|level|times|tz)/;

function seconds(text: string | undefined): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([smhdy]?)$/i.exec(text ?? '');
  if (!m) return undefined;
  const unit: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400, y: 31536000 };
  return Number(m[1]) * unit[m[2]!.toLowerCase()]!;
}

/** What makes a stress run starve the machine, or undefined for a short, small one. */
export function starvingLoad(inv: Invocation): string | undefined {
  if (inv.name !== 'stress' && inv.name !== 'stress-ng') return undefined;
  const { valued } = freeFormReadings(inv.args);
  if (valued.options.some((o) => INFO.test(o.name))) return undefined;
  const value = (...names: string[]): string | undefined => valued.options.filter((o) => names.includes(o.name)).map(optionValue).filter((v) => v !== undefined).pop();
  const memory = valued.options.find((o) => o.name.endsWith('-bytes') && Number(/^(\d+)%$/.exec(optionValue(o) ?? '')?.[1] ?? 0) >= 50);
  if (memory) return `takes ${optionValue(memory)} of the memory (${memory.name})`;
  if (valued.options.some((o) => o.name === '--all' || o.name === '-a')) return 'starts every stressor it has';
  const counts = valued.options.filter((o) => !NOT_A_COUNT.test(o.name) && /^\d+$/.test(optionValue(o) ?? '')).map((o) => ({ name: o.name, n: Number(optionValue(o)) }));
  const oneEach = counts.find((c) => c.n === 0 && inv.name === 'stress-ng');
  if (oneEach) return `starts a ${oneEach.name} worker on every CPU (${oneEach.name} 0)`;
  const total = counts.reduce((sum, c) => sum + c.n, 0);
  if (total > MANY_WORKERS) return `starts ${total} workers`;
  const limit = seconds(value('-t', '--timeout'));
  if (limit === undefined || limit === 0) return 'runs without a time limit';
  if (limit > SHORT_RUN_SECONDS) return `runs for ${value('-t', '--timeout')}`;
  return undefined;
}
