import { isHunt, searchPatternsOf } from '../../credentials/searchPatterns';
import type { Finding, Invocation, RuleContext } from '../../policy/types';
import { freeFormReadings } from '../../registry/freeForm';
import { dump, dumpTarget } from './huntCommon';

/**
 * A search for secrets in logs: services log the tokens and passwords they were handed (a request's
 * `Authorization: Bearer …`, a connection string in a start-up line), so `docker logs db | grep -i
 * password`, `journalctl -u app | grep token` and `grep -r 'Bearer ' /var/log` print them. A search for
 * anything else in a log (`| grep ERROR`) is routine.
 */

const SEARCHERS = new Set(['grep', 'egrep', 'fgrep', 'zgrep', 'rg', 'ag', 'ack']);

/** Commands that print logs: a container's, a unit's, a platform app's, or a log file read whole. */
function logSource(inv: Invocation): string | undefined {
  const words = freeFormReadings(inv.args).usual.operands.map((w) => w.text);
  if (['docker', 'podman', 'nerdctl', 'kubectl', 'oc', 'heroku', 'fly', 'flyctl', 'railway', 'render', 'vercel', 'stern'].includes(inv.name)) {
    const at = words.findIndex((w) => w === 'logs' || w === 'log');
    return at >= 0 && at <= 2 ? `${inv.name} ${words.slice(0, at + 1).join(' ')}` : inv.name === 'stern' ? 'stern' : undefined;
  }
  if (['journalctl', 'dmesg', 'logread'].includes(inv.name)) return inv.name;
  if (['cat', 'tail', 'head', 'less', 'zcat', 'more'].includes(inv.name) && words.some(isLogPath)) return `${inv.name} ${words.find(isLogPath)}`;
  return undefined;
}

function isLogPath(path: string): boolean {
  return /^\/var\/log(\/|$)|\.log(\.\d+)?(\.gz)?$|(^|\/)logs?(\/|$)/.test(path);
}

export function checkLogSecretGreps(inv: Invocation, ctx: RuleContext): Finding[] {
  if (!SEARCHERS.has(inv.name)) return [];
  const search = searchPatternsOf(inv.name, inv.args);
  if (search.patterns === undefined || !isHunt(search)) return [];
  const source = inv.stdin?.kind === 'pipe' ? logSource(inv.stdin.from) : undefined;
  const logFile = source ? undefined : freeFormReadings(inv.args).usual.operands.map((w) => w.text).find(isLogPath);
  const where = source ?? logFile;
  if (where === undefined) return [];
  return [dump('log-hunt', `${inv.name} searches ${source ? `the output of ${where}` : where} for secrets: services log the tokens and passwords they were handed.`, dumpTarget(`secrets in ${where}`, ctx))];
}
