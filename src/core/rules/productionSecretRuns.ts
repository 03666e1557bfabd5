import { ownTable } from '../ownTable';
import type { Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { resolvePath } from '../paths';
import { freeFormReadings } from '../registry/freeForm';
import { fetchesRemoteSecrets, injectedTarget, secretInjectorOf } from './support/injectedSecrets';

/**
 * Stop 34 (red team round 19): a program file run with the secrets of production, fetched from a remote
 * store by an injector whose words name production (`summon --environment production node FILE`, `doppler
 * run --config prd -- node FILE`, `chamber exec app-production -- python FILE`). A file the guard reads is
 * judged by its text where it runs (analyze.ts); one it cannot read now (not there, too large, unreadable)
 * may be written before it runs, and whatever it then does reaches production with keys that are on this
 * machine only for that run: ask. Otherwise, and for loaders of a local env file naming production
 * (`dotenv -e .env.production -- node FILE`, whose secrets are already here), the run is marked production. An injector naming no environment or a non-production one
 * (`summon --environment staging …`) adds nothing here.
 */

/** Interpreters whose first operand is the program file, with their options that take a value. */
const INTERPRETERS: Readonly<Record<string, readonly string[]>> = ownTable({
  node: ['-r', '--require', '--import', '--loader'],
  bun: ['-r', '--preload'],
  python: ['-W', '-X'],
  python3: ['-W', '-X'],
  ruby: ['-I', '-r'],
  php: ['-c', '-d'],
  perl: ['-I', '-M'],
  bash: [],
  sh: [],
});

/** The program file the interpreter runs, or undefined (code given inline, a module, standard input). */
function programFile(inv: Invocation): string | undefined {
  const reading = freeFormReadings(inv.args).usual;
  // `python -m mod`, `node -e code`, `bash -c '…'`: no program file.
  if (reading.options.some((o) => /^-(m|e|c|p)$|^--(eval|print)$/.test(o.name))) return undefined;
  const valued = INTERPRETERS[inv.name] ?? [];
  const taken = new Set(freeFormReadings(inv.args).valued.options.filter((o) => valued.includes(o.name)).flatMap((o) => o.valueWords.map((w) => w.text)));
  const file = reading.operands.find((w) => !taken.has(w.text));
  return file === undefined || file.dynamic || file.text === '-' ? undefined : file.text;
}

function check(inv: Invocation, ctx: RuleContext): Finding[] {
  if (INTERPRETERS[inv.name] === undefined) return [];
  const injector = secretInjectorOf(inv);
  if (injector === undefined) return [];
  const secrets = injectedTarget(inv, `the secrets ${injector} loads`, ctx);
  if (secrets?.environment !== 'production') return [];
  const file = programFile(inv);
  if (file === undefined) return [];
  const status = ctx.facts.fileStatus?.(resolvePath(ctx.facts.cwd, file, ctx.facts.home));
  const target: Target = { ...secrets, kind: 'credential' };
  if (status === undefined || status === 'file' || !fetchesRemoteSecrets(injector)) {
    return [{ rule: 'productionSecretRuns.production-access', risk: 'production-access', severity: 'info', reason: `${inv.name} runs ${file} with the production secrets ${injector} loads.`, targets: [target] }];
  }
  const why = status === 'missing' ? 'it is not there now, and may be written before it runs' : `it is ${status === 'directory' ? 'a folder' : status === 'too-large' ? 'too large to read' : 'unreadable'}`;
  return [{ rule: 'productionSecretRuns.unread-program', risk: 'destructive', severity: 'ask', reason: `${inv.name} runs ${file} with the production secrets ${injector} loads, and the guard cannot read that file (${why}): what it does to production is unknown.`, targets: [target] }];
}

export const productionSecretRunsPack: RulePack = {
  id: 'productionSecretRuns',
  title: 'Program files run with production secrets an injector loads',
  checkInvocation: check,
  reactsTo: (name) => INTERPRETERS[name] !== undefined,
};
