import type { Finding, RuleContext, Target } from '../../policy/types';
import type { KindReading } from './floorLoad';

/**
 * Stop 40 (round 34 held out: `tensorboard dev upload --logdir runs --name "acme experiments"`): experiment data (training
 * logs, runs, metrics) uploaded by a program nobody described to a hosted service, or any upload told to be public
 * (`--public`): what the runs hold (data samples, hyper-parameters, paths, internal names) leaves this machine for a page others
 * read, and an upload is not taken back from every reader. The service's environment is not named: production.
 * Allowed: the same logs served here (`tensorboard --logdir runs`), an upload to this machine, listings, and `--private` or
 * `--public=false` uploads of anything but experiment logs.
 */

const UPLOADS = /^(upload|share|publish|sync|push|put)$/i;
const EXPERIMENT_OPTION = /^--?(logdir|log-dir|log_dir|logs|runs|run-dir|runs-dir|experiment|experiments|experiment-dir|mlruns|tracking-dir)$/i;
const OFF = /^(false|no|0|off|never)$/i;
const LOCAL = /^(https?:\/\/)?(localhost|127\.\d+\.\d+\.\d+|\[?::1\]?|0\.0\.0\.0)(:\d+)?(\/|$)/i;

export function publicUpload(tool: string, reading: KindReading, ctx: RuleContext): Finding | undefined {
  const words = reading.positionals.filter((w) => !reading.maybeValues.has(w.index)).slice(0, 3).map((w) => w.text);
  const at = words.findIndex((w) => UPLOADS.test(w));
  if (at < 0 || reading.options.some((o) => /^--?(dry-run|help|h|private)$/i.test(o.name)) || [...reading.options.map((o) => o.value ?? o.next ?? ''), ...words].some((v) => LOCAL.test(v))) return undefined;
  const open = reading.options.find((o) => /^--?public$/i.test(o.name) && !OFF.test(o.value ?? ''));
  const data = reading.options.find((o) => EXPERIMENT_OPTION.test(o.name) && (o.value ?? o.next ?? '') !== '');
  if (open === undefined && data === undefined) return undefined;
  const what = data !== undefined ? `the experiment data under ${data.value ?? data.next}` : 'what it is given';
  const env = ctx.environmentOf({ values: reading.options.map((o) => o.value ?? o.next ?? '').filter((v) => /^https?:\/\//.test(v)), remote: true });
  if (env.environment === 'non-production' || env.environment === 'local') return undefined;
  const target: Target = { kind: 'service', name: `${tool} ${words.slice(0, at + 1).join(' ')}`, provider: tool, remote: true, environment: 'production', environmentReason: env.environment === 'production' ? env.reason : 'a hosted service (environment not named: treated as production)' };
  return {
    rule: 'verbs.public-upload',
    risk: 'credential-dump',
    severity: 'ask',
    reason: `\`${[tool, ...words.slice(0, at + 1)].join(' ')}\` uploads ${what} to a hosted service${open !== undefined ? ' where anyone can read it' : ''}: it leaves this machine for a page others read, and is not taken back from every reader (${tool} has no rules of its own: judged by its words).`,
    targets: [target],
  };
}
