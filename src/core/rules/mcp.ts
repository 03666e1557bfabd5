import type { Finding, Invocation, RuleContext, RulePack } from '../policy/types';
import { environmentOf, isLocalHost } from '../policy/production';
import type { Facts } from '../policy/types';
import { judgeWork, stdinText, type Work } from './database';
import { looksLikeSql } from './support/sqlScan';
import { parseCommand, type GrammarSpec, type OptionSpec } from '../shell/grammar';

/**
 * MCP tool calls and HTTP query endpoints that carry SQL or deletions, judged on their arguments:
 * the SQL inside a call (`execute_sql`, `query`, `run_sql`, `d1_database_query` …) is read like any
 * SQL client's, against a database whose environment the call does not say (so production); a tool
 * named for deleting (`delete_project`, `drop_collection`, `branch_delete`) destroys that resource.
 * The same reading serves an agent host's MCP call (Cursor beforeMCPExecution, Claude `mcp__*`,
 * VS Code `mcp_*`), a raw JSON-RPC `tools/call` sent with curl or piped into a stdio server, and the
 * platforms' SQL-over-HTTP endpoints (Supabase `database/query`, Neon `/sql`, Cloudflare D1
 * `query`/`raw`, Turso `/v2/pipeline`).
 */

interface Strings {
  key: string;
  value: string;
}

function stringsOf(v: unknown, out: Strings[] = [], key = '', depth = 0): Strings[] {
  if (out.length > 200 || depth > 8) return out;
  if (typeof v === 'string') out.push({ key, value: v });
  else if (typeof v === 'number') out.push({ key, value: String(v) });
  else if (Array.isArray(v)) for (const x of v) stringsOf(x, out, key, depth + 1);
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v as Record<string, unknown>)) stringsOf(x, out, k, depth + 1);
  return out;
}

const SQL_KEYS = /^(sql|query|statement|statements|stmt|sqlQuery|sql_query|command|script|migration)$/i;
const RESOURCE_KEYS = /(^|_)(id|name|uuid|ref)$|[a-z](Id|Name|Ref|ID)$|^(database|db|collection|table|branch|project|instance|cluster|bucket|volume|zone|service|environment)$/;
const DELETE_TOOL = /(^|[_\-.:/]|[a-z](?=[A-Z]))(delete|drop|destroy|remove|truncate|reset|purge|wipe|erase|flush)(?=$|[_\-.:A-Z])/i;

/** SQL strings in a call's arguments: values under an SQL-ish key, or any value that reads as a statement. */
function sqlIn(strings: readonly Strings[]): string[] {
  return strings.filter((s) => (SQL_KEYS.test(s.key) || s.key === '') && looksLikeSql(s.value)).map((s) => s.value).slice(0, 20);
}

function resourceNames(strings: readonly Strings[]): Strings[] {
  return strings.filter((s) => RESOURCE_KEYS.test(s.key) && s.value.length > 0 && s.value.length <= 120 && !looksLikeSql(s.value)).slice(0, 6);
}

export interface McpCall {
  /** The server as the host names it ('supabase'), or the URL host for a raw JSON-RPC call. */
  server: string;
  tool: string;
  arguments: unknown;
}

/** Findings for one MCP tool call: the SQL it carries, or a tool named for deleting a resource. */
export function mcpCallFindings(call: McpCall, ctx: RuleContext): Finding[] {
  const strings = stringsOf(call.arguments);
  const named = resourceNames(strings);
  // A server on this machine says nothing about where its database lives; a hosted one may (mcp.acme-prod.dev).
  const serverHint = isLocalHost(call.server) ? [] : [{ source: 'MCP server', value: call.server }];
  const sources = [...named.map((s) => ({ source: s.key, value: s.value })), ...serverHint];
  const sql = sqlIn(strings);
  if (sql.length > 0) {
    const database = named[0]?.value;
    const work: Work = {
      connection: { engine: 'database', name: `${database ?? 'the database'} (MCP ${call.server}/${call.tool})`, remote: true, values: [], sources },
      sql,
      mongo: [],
      redis: [],
    };
    return judgeWork(work, ctx).map((f) => ({ ...f, rule: f.rule.replace(/^database\./, 'mcp.') }));
  }
  if (!DELETE_TOOL.test(call.tool)) return [];
  const target = named.find((s) => s.key !== 'name') ?? named[0];
  const name = target?.value ?? `${call.server}/${call.tool}`;
  const env = ctx.environmentOf({ values: [], sources, remote: true });
  return [
    {
      rule: 'mcp.delete-tool',
      risk: 'destructive',
      severity: 'ask',
      reason: `The MCP tool ${call.server}/${call.tool} deletes or resets ${target ? `${target.key} ${target.value}` : 'what it is given'}.`,
      targets: [{ kind: 'resource', name, provider: call.server, remote: true, environment: env.environment, environmentReason: env.reason }],
    },
  ];
}

/** A cheap test before gathering facts: the tool is named for deleting, or some argument reads as SQL. */
export function mcpMayDestroy(tool: string, values: readonly string[]): boolean {
  return DELETE_TOOL.test(tool) || values.some(looksLikeSql);
}

/** For callers outside a rule pack (the hook's MCP decision): the same reading with the facts' resolver. */
export function mcpToolFindings(server: string, tool: string, input: unknown, facts: Facts): Finding[] {
  return mcpCallFindings({ server, tool, arguments: input }, { facts, environmentOf: (hints) => environmentOf(hints, facts) });
}

// ---------------------------------------------------------------------------------------------
// JSON-RPC `tools/call` messages in a body or on a stdio server's input

function jsonValues(text: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  try {
    return [JSON.parse(trimmed) as unknown];
  } catch {
    // JSON lines (a stdio transport's input) or server-sent events (`data: {...}`).
    const out: unknown[] = [];
    // `printf '%s\n' '{…}' '{…}'` reaches us as objects side by side on one line.
    for (const line of trimmed.split(/\n|(?<=\})\s+(?=\{)/).slice(0, 200)) {
      const l = line.replace(/^data:\s*/, '').trim();
      if (!l.startsWith('{') && !l.startsWith('[')) continue;
      try {
        out.push(JSON.parse(l) as unknown);
      } catch {
        // not JSON: nothing to read on this line
      }
    }
    return out;
  }
}

/** Every `tools/call` in a JSON-RPC message, batch or JSON-lines stream. */
export function toolCallsIn(text: string): { tool: string; arguments: unknown }[] {
  if (!text.includes('tools/call')) return [];
  const out: { tool: string; arguments: unknown }[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const x of v.slice(0, 100)) visit(x);
      return;
    }
    if (v === null || typeof v !== 'object') return;
    const m = v as { method?: unknown; params?: { name?: unknown; arguments?: unknown } };
    if (m.method === 'tools/call' && m.params && typeof m.params.name === 'string') out.push({ tool: m.params.name, arguments: m.params.arguments ?? {} });
  };
  for (const v of jsonValues(text)) visit(v);
  return out;
}

// ---------------------------------------------------------------------------------------------
// SQL over HTTP

/** Platform endpoints that take SQL in a JSON body, by host and path. */
const SQL_ENDPOINTS: readonly { host: RegExp; path: RegExp; label: string }[] = [
  { host: /^api\.supabase\.com$/, path: /\/database\/query\/?$/, label: 'Supabase' },
  { host: /\.neon\.tech$/, path: /\/sql\/?$/, label: 'Neon' },
  { host: /^api\.cloudflare\.com$/, path: /\/d1\/database\/[^/]+\/(query|raw)\/?$/, label: 'Cloudflare D1' },
  { host: /\.turso\.io$/, path: /\/v[0-9]+\/(pipeline|execute)\/?$/, label: 'Turso' },
  { host: /^api\.planetscale\.com$|\.psdb\.cloud$/, path: /./, label: 'PlanetScale' },
  { host: /./, path: /\/(sql|query|execute|exec_sql)\/?$/, label: 'an SQL endpoint' },
];

/** Findings for an HTTP body sent to `host`/`path`: MCP tool calls in it, or SQL for a platform's query endpoint. */
export function httpBodyFindings(body: string, host: string, path: string, display: string, ctx: RuleContext): Finding[] {
  const calls = toolCallsIn(body);
  if (calls.length > 0) return calls.slice(0, 10).flatMap((c) => mcpCallFindings({ server: host, tool: c.tool, arguments: c.arguments }, ctx));
  const endpoint = SQL_ENDPOINTS.find((e) => e.host.test(host) && e.path.test(path));
  if (!endpoint) return [];
  const values = jsonValues(body);
  const sql = values.flatMap((v) => stringsOf(v)).filter((s) => SQL_KEYS.test(s.key) && looksLikeSql(s.value)).map((s) => s.value).slice(0, 20);
  if (sql.length === 0) return [];
  const work: Work = {
    connection: { engine: 'database', name: `${display} (${endpoint.label})`, remote: true, values: [], sources: [{ source: 'host', value: host }] },
    sql,
    mongo: [],
    redis: [],
  };
  return judgeWork(work, ctx).map((f) => ({ ...f, rule: f.rule.replace(/^database\./, 'http-sql.') }));
}

// ---------------------------------------------------------------------------------------------
// A stdio MCP server fed `tools/call` messages on standard input

/** HTTP clients send their standard input as a body: the http pack reads it there. */
const HTTP_CLIENTS = new Set(['curl', 'wget', 'http', 'https', 'xh', 'xhs']);

// ---------------------------------------------------------------------------------------------
// MCP clients on the command line: mcptools' `mcp call TOOL --params '{…}' SERVER…`, mcp-cli's
// `cmd --tool T --tool-args '{…}'`, the MCP Inspector's `--cli … --method tools/call --tool-name T --tool-arg k=v`

const CALL_OPTIONS: readonly OptionSpec[] = [
    { names: ['--params', '-p', '--tool-args', '--args', '--arguments', '--input', '--tool-input'], takes: 'one' }, { names: ['--tool-name', '--tool'], takes: 'one' }, { names: ['--tool-arg'], takes: 'one' },
    { names: ['--method', '--server', '--config', '--format', '-f', '--transport'], takes: 'one' },
];
const CALL_GRAMMAR: GrammarSpec = { options: CALL_OPTIONS, unknownShort: 'switch', unknownLong: 'one' };

// `mcpt` is mcptools' short name; `mcp-cli call-tool --server S --tool T --args '{…}'` (round 7 re-attack).
const MCP_CLIENTS = new Set(['mcp', 'mcpt', 'mcptools', 'mcp-cli', 'mcp-inspector', 'inspector', 'mcp-client', 'mcpc']);
/** First words that call a tool: `call`, `call-tool`, `tools/call`, `tool-call`. */
const CALL_WORD = /^(call|call-tool|call_tool|tool-call|tools\/call|tools-call|invoke)$/;

function commandLineCall(inv: Invocation, ctx: RuleContext): Finding[] {
  const parsed = parseCommand(inv.args, CALL_GRAMMAR);
  const values = (name: string): string[] => parsed.options.filter((o) => o.name === name).flatMap((o) => o.values);
  const first = parsed.operands[0]?.text ?? '';
  const calls = CALL_WORD.test(first) || values('--method').includes('tools/call') || values('--tool-name').length > 0;
  if (!calls) return [];
  const args: Record<string, unknown> = {};
  // The arguments as an option's value (`--params '{…}'`) or as an operand (`mcp-cli call postgres query '{"sql": …}'`).
  const operandJson = parsed.operands.map((w) => w.text).filter((t) => /^\s*\{/.test(t));
  for (const json of [...values('--params'), ...operandJson]) for (const v of jsonValues(json)) if (v !== null && typeof v === 'object') Object.assign(args, v);
  for (const pair of values('--tool-arg')) {
    // A tool argument `key=value`, the grammar's value (not an option reader).
    const eq = pair.indexOf('=');
    if (eq > 0) args[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  // mcptools passes a tool's arguments as options too (`--path uploads`), read by the grammar as unknown long options (not an option reader).
  for (const o of parsed.options) if (o.name.startsWith('--') && !CALL_OPTIONS.some((spec) => spec.names.includes(o.name)) && o.values[0] !== undefined) args[o.name.slice(2)] = o.values[0];
  const named = values('--tool-name');
  const tools = named.length > 0 ? named : parsed.operands.slice(CALL_WORD.test(first) ? 1 : 0, 3).map((w) => w.text).filter((t) => DELETE_TOOL.test(t) || SQL_KEYS.test(t) || /sql|query|exec/i.test(t));
  const server = values('--server')[0] ?? parsed.operands.find((w) => !tools.includes(w.text) && !CALL_WORD.test(w.text))?.text ?? inv.name;
  return tools.slice(0, 5).flatMap((tool) => mcpCallFindings({ server, tool, arguments: args }, ctx));
}

function checkInvocation(inv: Invocation, ctx: RuleContext): Finding[] {
  if (MCP_CLIENTS.has(inv.name)) return commandLineCall(inv, ctx);
  if (!inv.stdin || HTTP_CLIENTS.has(inv.name)) return [];
  const text = stdinText(inv, ctx.facts).text;
  if (text === undefined || !text.includes('tools/call')) return [];
  const server = inv.args.find((a) => /mcp|server/i.test(a.text))?.text ?? inv.name;
  return toolCallsIn(text).slice(0, 10).flatMap((c) => mcpCallFindings({ server, tool: c.tool, arguments: c.arguments }, ctx));
}

export const mcpPack: RulePack = {
  id: 'mcp',
  title: 'MCP tool calls sent by hand (JSON-RPC tools/call on a stdio server) carrying SQL or deletions',
  checkInvocation,
  // An MCP client by name, or a call written on the standard input of any other program.
  gate: { names: [...MCP_CLIENTS], stdin: true },
};
