import type { Facts, Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { cliArgs, optionsNamed } from '../registry/args';
import { commandNode, parsedArgs, toolArgs, toolNamed, toolNamesOf } from '../registry/commandModel';
import type { CommandSpec, HintSource, SqlSession, ToolArgs, ToolSpec } from '../registry/types';
import { judgeWork, readScript, stdinText, type DatabaseWork, type Engine, type Work } from './database';
import { mayBeProduction } from './support/cliCommands';
import { includedScripts } from './support/sqlIncludes';

/**
 * SQL sent through a platform's database shell: `heroku pg:psql -c/-f/stdin`, `railway connect <db>`
 * fed a here-string or a pipe, `wrangler d1 execute --remote --command/--file`, `pscale shell`,
 * `fly postgres connect`, `turso db shell`. Each is a registry subcommand with an `sql` session (where
 * the statements come from, which database); the statements are judged like any SQL client's, on a
 * database whose environment comes from the tool's environment and scope options, its linked project
 * and the database's name — nothing naming one means production (a hosted database is never this
 * machine). Read-only work that names production is allowed and marked production.
 */

const ENGINES = new Set<Engine>(['postgres', 'mysql', 'sqlite', 'mongodb', 'redis', 'database']);

function engineOf(session: SqlSession, args: ToolArgs): Engine {
  const e = typeof session.engine === 'function' ? session.engine(args) : session.engine;
  return ENGINES.has(e as Engine) ? (e as Engine) : 'database';
}

function optionSources(spec: ToolSpec, args: ToolArgs, inv: Invocation, names: readonly string[]): HintSource[] {
  const parsed = cliArgs(args.parsed, spec, inv.args);
  const out: HintSource[] = [];
  for (const option of optionsNamed(parsed, names)) for (const value of option.values) if (value !== '') out.push({ source: option.name, value });
  return out;
}

function environmentSources(spec: ToolSpec, args: ToolArgs, inv: Invocation, ctx: RuleContext | undefined, facts: Facts): HintSource[] {
  const out = optionSources(spec, args, inv, [...(spec.environmentFlags ?? []), ...(spec.scopeFlags ?? [])]);
  for (const name of spec.environmentVariables ?? []) {
    const value = inv.assignments[name] ?? facts.envSelectors[name];
    if (value !== undefined && value !== '') out.push({ source: name, value });
  }
  if (ctx && inv.cwdUncertain !== true) out.push(...(spec.contextHints?.(inv, ctx) ?? []));
  return out;
}

interface Session {
  spec: ToolSpec;
  node: CommandSpec;
  args: ToolArgs;
}

function sessionOf(inv: Invocation): Session | undefined {
  const spec = toolNamed(inv.name);
  if (!spec) return undefined;
  const parsed = parsedArgs(inv.args, spec);
  const node = commandNode(parsed);
  if (!node.sql && node.resourceOperand === undefined) return undefined;
  return { spec, node, args: toolArgs(inv.name, parsed, spec) };
}

/** A list of statements as JSON or shorthand (`[{"Statement": "DELETE …"}]`, `Statement="…"`): each statement; other text as it is. */
function jsonStatements(text: string): string[] {
  const found = [...text.matchAll(/\bStatement["']?\s*[:=]\s*"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!.replace(/\\"/g, '"'));
  return found.length > 0 ? found : [text];
}

/** What the platform shell runs, or undefined when the invocation is no such shell. */
function workOf(inv: Invocation, facts: Facts, ctx?: RuleContext): Work | undefined {
  const found = sessionOf(inv);
  if (!found?.node.sql) return undefined;
  const { spec, node, args } = found;
  const session = node.sql as SqlSession;
  const engine = engineOf(session, args);
  const database = session.database(args);
  const local = session.local?.(args) === true;
  const platform = spec.label ?? spec.provider ?? inv.name;
  const name = `${database ?? `the database of the linked ${platform} project`} (${platform}${local ? ', local copy' : ''})`;
  const sources = environmentSources(spec, args, inv, ctx, facts);
  if (session.defaultEnvironment !== undefined && !sources.some((s) => !(spec.scopeFlags ?? []).includes(s.source) && !/project|service/i.test(s.source))) {
    sources.push({ source: `${platform}'s default environment (none named)`, value: session.defaultEnvironment });
  }
  if (database !== undefined) sources.push({ source: 'database', value: database });
  sources.push(...(session.environmentHints?.(args) ?? []));
  const inline = args.values(...(session.statementOptions ?? [])).flatMap(jsonStatements);
  if (session.statementOperand !== undefined) {
    const words = args.parsed.operands.slice(session.statementOperand).map((w) => w.text);
    if (words.length > 0) inline.push(words.join(' '));
    // A quoted statement beside a name (`tsh db exec prod-db 'DROP TABLE users'`) is a statement of its own.
    if (words.length > 1) inline.push(...words.filter((w) => /\s/.test(w)));
  }
  const texts = [...inline];
  let opaque: string | undefined;
  for (const file of args.values(...(session.fileOptions ?? []))) {
    const text = readScript(inv, facts, file);
    if (text === undefined) opaque = `runs statements from ${file}, which could not be read`;
    else texts.push(text);
  }
  // A Redis session's words are its confirmations and names (`heroku redis:cli --confirm app`); its commands come on standard input.
  if ((texts.length === 0 || engine === 'redis') && opaque === undefined) {
    const s = stdinText(inv, facts);
    if (s.text !== undefined) texts.push(s.text);
    else if (s.opaque) opaque = s.opaque;
  }
  if (engine !== 'redis' && engine !== 'mongodb') {
    const included = includedScripts(texts, (file) => readScript(inv, facts, file));
    texts.push(...included.texts);
    if (included.unreadable !== undefined) opaque = `runs statements from ${included.unreadable}, which could not be read`;
  }
  return {
    connection: { engine, name, remote: !local, values: [], sources, selectors: spec.environmentVariables ?? [] },
    sql: engine === 'redis' || engine === 'mongodb' ? [] : texts,
    mongo: engine === 'mongodb' ? texts : [],
    redis: engine === 'redis' ? texts : [],
    ...(opaque ? { opaqueInput: opaque } : {}),
    // A shell given nothing to run is interactive: what is typed there is not checked (round 21).
    ...(session.shell === true && texts.length === 0 && opaque === undefined && inv.stdin === undefined && !inv.redirects.some((r) => r.op.startsWith('<')) ? { interactive: true } : {}),
  };
}

/** The statements a platform's database shell runs, for the dialog's preview (as `databaseWorkOf` does for psql). */
export function platformDatabaseWorkOf(inv: Invocation, facts: Facts): DatabaseWork | undefined {
  const w = workOf(inv, facts);
  if (!w) return undefined;
  return { engine: w.connection.engine, database: w.connection.name, remote: w.connection.remote, sql: w.sql, mongo: w.mongo, redis: w.redis, ...(w.opaqueInput ? { opaqueInput: w.opaqueInput } : {}) };
}

/** Read-only work on a hosted resource named by an operand (`wrangler d1 export prod-db`): marked production when the name says so. */
function resourceAccess(found: Session, inv: Invocation, ctx: RuleContext): Finding[] {
  const { spec, node, args } = found;
  const name = args.operand(node.resourceOperand ?? 0);
  if (name === undefined) return [];
  const sources = [...environmentSources(spec, args, inv, ctx, ctx.facts), { source: 'name', value: name }];
  if (!mayBeProduction(ctx, sources.map((s) => s.value))) return [];
  const resolved = ctx.environmentOf({ values: [], sources, selectors: spec.environmentVariables ?? [], remote: true });
  if (resolved.environment !== 'production') return [];
  const target: Target = { kind: 'database', name, provider: spec.provider, remote: true, environment: 'production', environmentReason: resolved.reason };
  return [{ rule: 'platform-sql.production-access', risk: 'production-access', severity: 'info', reason: `\`${inv.name} ${args.parsed.path.join(' ')}\` works on ${spec.label ?? ''} ${name}, which is production (${resolved.reason}).`, targets: [target] }];
}

function checkInvocation(inv: Invocation, ctx: RuleContext): Finding[] {
  const found = sessionOf(inv);
  if (!found) return [];
  if (found.args.has('--help', '-h') && found.node.sql === undefined) return [];
  const work = workOf(inv, ctx.facts, ctx);
  if (!work) return resourceAccess(found, inv, ctx);
  if (!work.connection.remote && found.node.sql?.emulatorCopy === true) return [];
  return judgeWork(work, ctx).map((f) => ({ ...f, rule: f.rule.replace(/^database\./, 'platform-sql.') }));
}

export const platformSqlPack: RulePack = {
  id: 'platform-sql',
  title: "SQL through platforms' database shells (heroku pg:psql, railway connect, wrangler d1, pscale shell, fly postgres connect, turso db shell)",
  // The cloud and PaaS CLIs, named without loading their descriptions (the registry loads a tool's on
  // first use): every CLI with a database shell or resource operand is one of them, and sessionOf
  // answers nothing for the others (test/unit/registry/lazyTools.test.ts checks the cover).
  commands: [...toolNamesOf('cloud'), ...toolNamesOf('paas'), 'tsh'],
  checkInvocation,
};
