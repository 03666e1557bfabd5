import type { Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { resolvePath } from '../paths';
import { freeFormReadings } from '../registry/freeForm';
import { commandNode, parsedArgs, readingsOf, toolNamed, toolNamesOf } from '../registry/commandModel';
import { commandWords } from '../registry/grammar';
import { interpreterReading } from '../policy/handlers/interpreters';
import { optionGrammarOf } from '../policy/readerGrammars';
import { injectedTarget, secretInjectorOf } from './support/injectedSecrets';
import { envFileEnvironment } from './support/envFileRuns';

/**
 * Stop 34 (red team round 19): a program file run with the secrets of production, fetched from a remote
 * store by an injector whose words name production (`summon --environment production node FILE`, `doppler
 * run --config prd -- node FILE`, `chamber exec app-production -- python FILE`). A file the guard reads is
 * judged by its text where it runs (analyze.ts); one it cannot read now (not there, too large, unreadable)
 * may be written before it runs, and whatever it then does reaches production with keys that are on this
 * machine only for that run: ask. Round 29: so does one run with a local env file naming production, whoever loads it
 * (`dotenv -e .env.production -- node FILE`, `node --env-file=.env.production FILE`, `docker run --env-file …`).
 * A file the guard reads is marked production and judged by its text. An injector naming no environment or a non-production one
 * (`summon --environment staging …`) adds nothing here.
 */

/**
 * Interpreters whose first operand is the program file. Which of their options take a value is their one grammar's
 * (node, python, ruby, php, perl: `interpreterReading` over the interpreter tables; bun and deno: their registry entries).
 */
const INTERPRETERS: ReadonlySet<string> = new Set(['node', 'bun', 'deno', 'python', 'python3', 'ruby', 'php', 'perl', 'bash', 'sh']);

/** The program file the interpreter runs, or undefined (code given inline, a module, standard input). */
function programFile(inv: Invocation): string | undefined {
  const reading = freeFormReadings(inv.args).usual;
  // `python -m mod`, `node -e code`, `bash -c '…'`: no program file.
  if (reading.options.some((o) => /^-(m|e|c|p)$|^--(eval|print)$/.test(o.name))) return undefined;
  // The interpreter's own grammar, else the program's registry entry (bun, deno), else every option a switch (bash, sh).
  const interpreted = interpreterReading(inv.name, inv.args);
  const grammar = interpreted ? undefined : optionGrammarOf(inv.name);
  const words = interpreted ? interpreted.operands : grammar ? commandWords(readingsOf(inv.args, grammar)[0]!, inv.args) : reading.operands;
  // `deno run FILE`, `bun run FILE`: the subcommand first.
  const operands = (inv.name === 'deno' || inv.name === 'bun') && words[0]?.text === 'run' ? words.slice(1) : words;
  const file = operands[0];
  return file === undefined || file.dynamic || file.text === '-' ? undefined : file.text;
}

/**
 * Stop 39 (round 32: `dotenv -e .env.production -- npm run migrate`, with no `migrate` in package.json): what a package manager's
 * `run` runs is the project's script; one package.json does not hold now may be added before it runs (or a binary of that name
 * found instead), and a program named by path that is not there is the same unread file. Both are the program file above.
 */
function unreadProgram(inv: Invocation, ctx: RuleContext): { file: string; why: string } | undefined {
  const cwd = inv.cwd || ctx.facts.cwd;
  if (inv.name.includes('/')) return ctx.facts.fileStatus?.(resolvePath(cwd, inv.name, ctx.facts.home)) === 'missing' ? { file: inv.name, why: 'it is not there now, and may be written before it runs' } : undefined;
  const spec = toolNamed(inv.name);
  if (spec?.family !== 'package-manager') return undefined;
  const parsed = parsedArgs(inv.args, spec);
  const script = parsed.operands[0];
  if (commandNode(parsed).package !== 'script' || script === undefined || script.dynamic) return undefined;
  const text = ctx.facts.readFile(resolvePath(cwd, 'package.json', ctx.facts.home));
  if (text === undefined) return undefined;
  let scripts: unknown;
  try {
    scripts = text === undefined ? undefined : (JSON.parse(text) as { scripts?: unknown }).scripts;
  } catch {
    scripts = undefined;
  }
  const held = typeof scripts === 'object' && scripts !== null && Object.prototype.hasOwnProperty.call(scripts, script.text);
  return held ? undefined : { file: `the script ${script.text}`, why: text === undefined ? 'there is no package.json here' : 'package.json does not hold it now, and it may be added, or a program of that name found, before it runs' };
}

function check(inv: Invocation, ctx: RuleContext): Finding[] {
  if (!INTERPRETERS.has(inv.name)) return unknownProgramRun(inv, ctx);
  const injector = secretInjectorOf(inv);
  // Round 29: an env file naming production, loaded by the runtime itself (`node --env-file=.env.production`), a container or a loader.
  const loaded = injector === undefined ? envFileEnvironment(inv, ctx) : undefined;
  const secrets = injector !== undefined ? injectedTarget(inv, `the secrets ${injector} loads`, ctx) : loaded;
  const by = injector ?? loaded?.loader;
  if (secrets?.environment !== 'production' || by === undefined) return [];
  const file = programFile(inv);
  if (file === undefined) return [];
  const status = ctx.facts.fileStatus?.(resolvePath(ctx.facts.cwd, file, ctx.facts.home));
  const target: Target = { name: secrets.name, remote: secrets.remote, environment: secrets.environment, environmentReason: secrets.environmentReason, kind: 'credential' };
  // Round 29: a program file the guard cannot read, run with a local production env file, asks as one run with fetched secrets does.
  if (status === undefined || status === 'file') {
    return [{ rule: 'productionSecretRuns.production-access', risk: 'production-access', severity: 'info', reason: `${inv.name} runs ${file} with the production secrets ${by} loads.`, targets: [target] }];
  }
  const why = status === 'missing' ? 'it is not there now, and may be written before it runs' : `it is ${status === 'directory' ? 'a folder' : status === 'too-large' ? 'too large to read' : 'unreadable'}`;
  return [{ rule: 'productionSecretRuns.unread-program', risk: 'destructive', severity: 'ask', reason: `${inv.name} runs ${file} with the production secrets ${by} loads, and the guard cannot read that file (${why}): what it does to production is unknown.`, targets: [target] }];
}

/** A package manager's missing script or a missing program, run with production's secrets: ask as an unread program file does. */
function unknownProgramRun(inv: Invocation, ctx: RuleContext): Finding[] {
  const unread = unreadProgram(inv, ctx);
  if (unread === undefined) return [];
  const injector = secretInjectorOf(inv);
  const loaded = injector === undefined ? envFileEnvironment(inv, ctx) : undefined;
  const secrets = injector !== undefined ? injectedTarget(inv, `the secrets ${injector} loads`, ctx) : loaded;
  const by = injector ?? loaded?.loader;
  if (secrets?.environment !== 'production' || by === undefined) return [];
  const target: Target = { name: secrets.name, remote: secrets.remote, environment: secrets.environment, environmentReason: secrets.environmentReason, kind: 'credential' };
  return [{ rule: 'productionSecretRuns.unread-program', risk: 'destructive', severity: 'ask', reason: `${inv.name} runs ${unread.file} with the production secrets ${by} loads, and the guard cannot read what that is (${unread.why}): what it does to production is unknown.`, targets: [target] }];
}

const PACKAGE_MANAGERS: ReadonlySet<string> = new Set(toolNamesOf('package-manager'));

export const productionSecretRunsPack: RulePack = {
  id: 'productionSecretRuns',
  title: 'Program files run with production secrets an injector loads',
  checkInvocation: check,
  reactsTo: (name) => INTERPRETERS.has(name) || PACKAGE_MANAGERS.has(name) || name.includes('/'),
};
