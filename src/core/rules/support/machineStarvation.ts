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

/** Sizes as memtester and stressapptest read them (`100G`, `512M`, a number of megabytes). */
function megabytes(text: string | undefined): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([bkmgt]?)$/i.exec(text ?? '');
  if (!m) return undefined;
  const unit: Record<string, number> = { '': 1, b: 1 / 2 ** 20, k: 1 / 1024, m: 1, g: 1024, t: 1024 ** 2 };
  return Number(m[1]) * unit[m[2]!.toLowerCase()]!;
}
/** More memory than this is not a quick check (memtester locks it: nothing else may page it out). */
const LARGE_MB = 2048;

/**
 * Other load generators (round 27): memtester locks the memory it is given and tests it again and again unless told how
 * many times; sysbench runs its threads for `--time` seconds (0: without end); stressapptest for `-s` seconds with `-M`
 * megabytes; prime95's torture test, cpuburn and a miner (xmrig) run until stopped. A small, counted or short run stays allowed.
 */
function otherLoad(inv: Invocation, usual: ReturnType<typeof freeFormReadings>['usual'], value: (...names: string[]) => string | undefined): string | undefined {
  const operands = usual.operands.map((o) => o.text);
  if (inv.name === 'memtester') {
    const size = megabytes(operands[0]);
    if (size === undefined || size >= LARGE_MB) return `locks ${operands[0] ?? 'an unknown size'} of memory`;
    return operands[1] === undefined || operands[1] === '0' ? 'tests memory again and again without end (no count of loops)' : undefined;
  }
  if (inv.name === 'sysbench') {
    if (!operands.includes('run')) return undefined;
    const threads = Number(value('--threads', '--num-threads') ?? 1);
    const time = seconds(value('--time', '--max-time') ?? '10');
    if (threads > MANY_WORKERS) return `starts ${threads} threads`;
    if (time === undefined || time === 0) return 'runs without a time limit (--time=0)';
    return time > SHORT_RUN_SECONDS ? `runs for ${time} seconds` : undefined;
  }
  if (inv.name === 'stressapptest') {
    const time = seconds(value('-s') ?? '20');
    const memory = megabytes(value('-M'));
    if (memory !== undefined && memory >= LARGE_MB) return `takes ${value('-M')} MB of memory`;
    return time === undefined || time > SHORT_RUN_SECONDS ? `runs for ${value('-s')} seconds` : undefined;
  }
  return 'runs until it is stopped, taking every CPU';
}

/** What makes a stress run starve the machine, or undefined for a short, small one. */
export function starvingLoad(inv: Invocation): string | undefined {
  const { valued, usual } = freeFormReadings(inv.args);
  if (valued.options.some((o) => INFO.test(o.name))) return undefined;
  if (inv.name !== 'stress' && inv.name !== 'stress-ng') return otherLoad(inv, usual, (...names) => valued.options.filter((o) => names.includes(o.name)).map(optionValue).filter((v) => v !== undefined).pop());
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
