import { destroyingMeaning } from './graphqlMeaning';
import type { TargetKind } from '../../policy/types';
import { identifierParts } from './cliArgs';
import { kindFromWords } from '../../registry/targetWords';

/**
 * Just enough GraphQL to see what a request body does: a lexer and a parser for executable documents
 * that keep each operation's type and its top-level fields with their arguments. Bodies arrive in the
 * forms HTTP clients send them: `{"query": ..., "variables": ...}` JSON (or a batch array of those),
 * `query=...` form or URL encoding, or a raw document.
 */

export type GraphqlValue =
  | { kind: 'variable'; name: string }
  | { kind: 'string'; value: string }
  | { kind: 'scalar'; value: string }
  | { kind: 'list'; items: GraphqlValue[] }
  | { kind: 'object'; fields: Record<string, GraphqlValue> };

export interface GraphqlField {
  name: string;
  alias?: string;
  args: Record<string, GraphqlValue>;
}

export interface GraphqlOperation {
  type: 'query' | 'mutation' | 'subscription';
  name?: string;
  fields: GraphqlField[];
}

type Token =
  | { t: 'punct'; v: string }
  | { t: 'name'; v: string }
  | { t: 'string'; v: string }
  | { t: 'number'; v: string };

class GraphqlSyntaxError extends Error {}

const MAX_TOKENS = 200_000;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isNameStart(code: number): boolean {
  return code === 95 || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isNameChar(code: number): boolean {
  return isNameStart(code) || isDigit(code);
}

function lex(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    if (tokens.length > MAX_TOKENS) throw new GraphqlSyntaxError('document too large');
    const c = src[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ',' || c === '\ufeff') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < n && src[i] !== '\n' && src[i] !== '\r') i++;
      continue;
    }
    if (c === '.' && src.startsWith('...', i)) {
      tokens.push({ t: 'punct', v: '...' });
      i += 3;
      continue;
    }
    if ('!$&()/:=@[]{}|'.includes(c)) {
      tokens.push({ t: 'punct', v: c });
      i++;
      continue;
    }
    if (isNameStart(src.charCodeAt(i))) {
      let j = i + 1;
      while (j < n && isNameChar(src.charCodeAt(j))) j++;
      tokens.push({ t: 'name', v: src.slice(i, j) });
      i = j;
      continue;
    }
    if (c === '-' || isDigit(src.charCodeAt(i))) {
      let j = i + 1;
      while (j < n && (isDigit(src.charCodeAt(j)) || 'eE.+-'.includes(src[j] as string))) j++;
      tokens.push({ t: 'number', v: src.slice(i, j) });
      i = j;
      continue;
    }
    if (c === '"') {
      if (src.startsWith('"""', i)) {
        const end = src.indexOf('"""', i + 3);
        if (end < 0) throw new GraphqlSyntaxError('unterminated block string');
        tokens.push({ t: 'string', v: src.slice(i + 3, end) });
        i = end + 3;
        continue;
      }
      let j = i + 1;
      let value = '';
      while (j < n && src[j] !== '"') {
        if (src[j] === '\\' && j + 1 < n) {
          const e = src[j + 1] as string;
          if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(j + 2, j + 6))) {
            value += String.fromCharCode(parseInt(src.slice(j + 2, j + 6), 16));
            j += 6;
            continue;
          }
          value += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e === 'b' ? '\b' : e === 'f' ? '\f' : e;
          j += 2;
          continue;
        }
        if (src[j] === '\n') throw new GraphqlSyntaxError('newline in string');
        value += src[j];
        j++;
      }
      if (j >= n) throw new GraphqlSyntaxError('unterminated string');
      tokens.push({ t: 'string', v: value });
      i = j + 1;
      continue;
    }
    throw new GraphqlSyntaxError(`unexpected character ${JSON.stringify(c)}`);
  }
  return tokens;
}

interface RawSelection {
  fields: GraphqlField[];
  spreads: string[];
}

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private next(): Token {
    const t = this.tokens[this.pos++];
    if (!t) throw new GraphqlSyntaxError('unexpected end of document');
    return t;
  }

  private isPunct(v: string): boolean {
    const t = this.peek();
    return t !== undefined && t.t === 'punct' && t.v === v;
  }

  private expectPunct(v: string): void {
    const t = this.next();
    if (t.t !== 'punct' || t.v !== v) throw new GraphqlSyntaxError(`expected ${v}`);
  }

  private expectName(): string {
    const t = this.next();
    if (t.t !== 'name') throw new GraphqlSyntaxError('expected a name');
    return t.v;
  }

  parseDocument(): { operations: GraphqlOperation[]; fragments: Map<string, RawSelection> } {
    const raw: { type: GraphqlOperation['type']; name?: string; selection: RawSelection }[] = [];
    const fragments = new Map<string, RawSelection>();
    while (this.peek()) {
      if (this.isPunct('{')) {
        raw.push({ type: 'query', selection: this.parseSelectionSet() });
        continue;
      }
      const keyword = this.expectName();
      if (keyword === 'fragment') {
        const name = this.expectName();
        if (this.expectName() !== 'on') throw new GraphqlSyntaxError('expected on');
        this.expectName();
        this.skipDirectives();
        fragments.set(name, this.parseSelectionSet());
        continue;
      }
      if (keyword !== 'query' && keyword !== 'mutation' && keyword !== 'subscription') {
        throw new GraphqlSyntaxError(`unexpected ${keyword}`);
      }
      let name: string | undefined;
      const t = this.peek();
      if (t?.t === 'name') name = this.expectName();
      if (this.isPunct('(')) this.skipBalanced('(', ')');
      this.skipDirectives();
      raw.push({ type: keyword, ...(name !== undefined ? { name } : {}), selection: this.parseSelectionSet() });
    }
    const operations = raw.map((op) => ({
      type: op.type,
      ...(op.name !== undefined ? { name: op.name } : {}),
      fields: resolveSpreads(op.selection, fragments, 0),
    }));
    return { operations, fragments };
  }

  private skipBalanced(open: string, close: string): void {
    let level = 0;
    do {
      const t = this.next();
      if (t.t === 'punct' && t.v === open) level++;
      else if (t.t === 'punct' && t.v === close) level--;
    } while (level > 0);
  }

  private skipDirectives(): void {
    while (this.isPunct('@')) {
      this.next();
      this.expectName();
      if (this.isPunct('(')) this.skipBalanced('(', ')');
    }
  }

  private parseSelectionSet(): RawSelection {
    if (++this.depth > 64) throw new GraphqlSyntaxError('selection nested too deeply');
    this.expectPunct('{');
    const out: RawSelection = { fields: [], spreads: [] };
    while (!this.isPunct('}')) {
      if (this.isPunct('...')) {
        this.next();
        const t = this.peek();
        if (t?.t === 'name' && t.v !== 'on') {
          out.spreads.push(this.expectName());
          this.skipDirectives();
          continue;
        }
        if (t?.t === 'name' && t.v === 'on') {
          this.next();
          this.expectName();
        }
        this.skipDirectives();
        const inner = this.parseSelectionSet();
        out.fields.push(...inner.fields);
        out.spreads.push(...inner.spreads);
        continue;
      }
      let name = this.expectName();
      let alias: string | undefined;
      if (this.isPunct(':')) {
        this.next();
        alias = name;
        name = this.expectName();
      }
      const args = this.isPunct('(') ? this.parseArguments() : {};
      this.skipDirectives();
      if (this.isPunct('{')) this.parseSelectionSet();
      out.fields.push({ name, ...(alias !== undefined ? { alias } : {}), args });
    }
    this.expectPunct('}');
    this.depth--;
    return out;
  }

  private parseArguments(): Record<string, GraphqlValue> {
    this.expectPunct('(');
    const args: Record<string, GraphqlValue> = {};
    while (!this.isPunct(')')) {
      const name = this.expectName();
      this.expectPunct(':');
      args[name] = this.parseValue();
    }
    this.expectPunct(')');
    return args;
  }

  private parseValue(): GraphqlValue {
    if (++this.depth > 64) throw new GraphqlSyntaxError('value nested too deeply');
    const t = this.next();
    let value: GraphqlValue;
    if (t.t === 'punct' && t.v === '$') value = { kind: 'variable', name: this.expectName() };
    else if (t.t === 'string') value = { kind: 'string', value: t.v };
    else if (t.t === 'number' || t.t === 'name') value = { kind: 'scalar', value: t.v };
    else if (t.t === 'punct' && t.v === '[') {
      const items: GraphqlValue[] = [];
      while (!this.isPunct(']')) items.push(this.parseValue());
      this.next();
      value = { kind: 'list', items };
    } else if (t.t === 'punct' && t.v === '{') {
      const fields: Record<string, GraphqlValue> = {};
      while (!this.isPunct('}')) {
        const key = this.expectName();
        this.expectPunct(':');
        fields[key] = this.parseValue();
      }
      this.next();
      value = { kind: 'object', fields };
    } else throw new GraphqlSyntaxError('expected a value');
    this.depth--;
    return value;
  }
}

function resolveSpreads(selection: RawSelection, fragments: Map<string, RawSelection>, depth: number): GraphqlField[] {
  const fields = [...selection.fields];
  if (depth > 8) return fields;
  for (const spread of selection.spreads) {
    const fragment = fragments.get(spread);
    if (fragment) fields.push(...resolveSpreads(fragment, fragments, depth + 1));
  }
  return fields;
}

export type ParsedDocument = { ok: true; operations: GraphqlOperation[] } | { ok: false; error: string };

export function parseGraphql(text: string): ParsedDocument {
  try {
    const { operations } = new Parser(lex(text)).parseDocument();
    if (operations.length === 0) return { ok: false, error: 'empty document' };
    return { ok: true, operations };
  } catch (err) {
    if (err instanceof GraphqlSyntaxError) return { ok: false, error: err.message };
    throw err;
  }
}

/** A GraphQL request as sent: the document and its variables. */
export interface GraphqlRequest {
  query: string;
  variables: Record<string, unknown>;
  /** `operationName` when the body names the one operation to run. */
  operationName?: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function requestFromJson(value: unknown): GraphqlRequest | undefined {
  if (!isRecord(value) || typeof value.query !== 'string') return undefined;
  let variables: Record<string, unknown> = {};
  if (isRecord(value.variables)) variables = value.variables;
  else if (typeof value.variables === 'string') {
    try {
      const parsed = JSON.parse(value.variables) as unknown;
      if (isRecord(parsed)) variables = parsed;
    } catch {
      // Variables that are not JSON are not usable for naming targets; the document still counts.
    }
  }
  return { query: value.query, variables, ...(typeof value.operationName === 'string' ? { operationName: value.operationName } : {}) };
}

function formField(text: string, key: string): string | undefined {
  for (const part of text.split('&')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq) !== key) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' '));
    } catch {
      return part.slice(eq + 1);
    }
  }
  return undefined;
}

/**
 * The GraphQL requests in a body. `rawIsGraphql` says a body that is not JSON or form data is a bare
 * document (the endpoint is GraphQL or the content type says so). Returns [] for bodies that carry
 * no GraphQL.
 */
export function graphqlRequestsInBody(body: string, rawIsGraphql: boolean): GraphqlRequest[] {
  const trimmed = body.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const parsed = JSON.parse(trimmed) as unknown;
      const items = Array.isArray(parsed) ? parsed : [parsed];
      const found = items.map(requestFromJson).filter((r): r is GraphqlRequest => r !== undefined);
      if (found.length > 0 || isRecord(parsed) || Array.isArray(parsed)) return found;
    } catch {
      // Not JSON: a bare document starting with '{' (an anonymous query) is handled below.
    }
  }
  const query = formField(trimmed, 'query');
  if (query !== undefined) {
    let variables: Record<string, unknown> = {};
    const rawVariables = formField(trimmed, 'variables');
    if (rawVariables !== undefined) {
      try {
        const parsed = JSON.parse(rawVariables) as unknown;
        if (isRecord(parsed)) variables = parsed;
      } catch {
        // As above: unusable variables only cost target names.
      }
    }
    return [{ query, variables }];
  }
  if (rawIsGraphql || /^(mutation|query|subscription)\b/.test(trimmed)) return [{ query: trimmed, variables: {} }];
  return [];
}

// Round 7 re-attack: flush, prune, expire, clear, evict, expunge, obliterate and void destroy as surely (`flushAllOrders`, `clearAllSessions`, `voidInvoice`).
const DESTROY_PARTS = new Set(['delete', 'destroy', 'drop', 'remove', 'reset', 'purge', 'wipe', 'erase', 'truncate', 'terminate', 'trash', 'del', 'nuke', 'flush', 'prune', 'expire', 'clear', 'evict', 'expunge', 'obliterate', 'void', 'shred', 'empty']);

/** Does a mutation field's name say it destroys something (volumeDelete, deleteUser, purgeCache)? */
export function isDestructiveFieldName(name: string): boolean {
  const parts = identifierParts(name);
  // resetPassword changes a credential; it destroys no data.
  if (parts.includes('password')) return false;
  return parts.some((p) => DESTROY_PARTS.has(p));
}

export interface DestructiveMutation {
  field: string;
  /** What it destroys, from the rest of the field name: 'volume', 'service instance'. */
  noun: string;
  kind: TargetKind;
  /** The id or name the arguments give the target, if any. */
  targetName?: string;
  /** Every string argument value (ids, names), for environment resolution. */
  values: string[];
  /** How it destroys when its name says no delete (a restore, a replace, backups set to nothing). */
  why?: string;
}

export type MutationScan =
  | { ok: true; destructive: DestructiveMutation[]; hasMutation: boolean }
  | { ok: false; error: string; mentionsMutation: boolean };

function collectFromJson(value: unknown, key: string, out: [string, string][], depth: number): void {
  if (depth > 6 || out.length > 40) return;
  if (typeof value === 'string') out.push([key, value]);
  else if (typeof value === 'number') out.push([key, String(value)]);
  else if (Array.isArray(value)) for (const item of value) collectFromJson(item as unknown, key, out, depth + 1);
  else if (isRecord(value)) for (const [k, v] of Object.entries(value)) collectFromJson(v, k, out, depth + 1);
}

/** (argument or input key, string value) pairs of an argument, variables resolved. */
function collectStrings(value: GraphqlValue, variables: Record<string, unknown>, key: string, out: [string, string][], depth: number): void {
  if (depth > 6 || out.length > 40) return;
  switch (value.kind) {
    case 'variable':
      if (value.name in variables) collectFromJson(variables[value.name], key, out, depth + 1);
      else out.push([key, '$' + value.name]);
      return;
    case 'string':
    case 'scalar':
      out.push([key, value.value]);
      return;
    case 'list':
      for (const item of value.items) collectStrings(item, variables, key, out, depth + 1);
      return;
    case 'object':
      for (const [k, v] of Object.entries(value.fields)) collectStrings(v, variables, k, out, depth + 1);
      return;
  }
}

function pickName(pairs: readonly [string, string][], nounParts: readonly string[]): string | undefined {
  const specific = nounParts.map((p) => p + 'id');
  const scored = pairs
    .filter(([, v]) => v.length > 0 && v !== 'true' && v !== 'false' && v !== 'null')
    .map(([k, v], index) => {
      const key = k.toLowerCase().replace(/_/g, '');
      let score = 0;
      if (specific.includes(key)) score = 5;
      else if (key === 'id') score = 4;
      else if (key.endsWith('id') || key.endsWith('ids')) score = 3;
      else if (key === 'name' || key.endsWith('name') || key === 'slug') score = 2;
      else score = 1;
      return { v, score, index };
    })
    .sort((a, b) => b.score - a.score || a.index - b.index);
  return scored[0]?.v;
}

/** The destructive mutation fields of a request, with the target each names. */
export function scanGraphqlRequest(request: GraphqlRequest, knownApi = true): MutationScan {
  const parsed = parseGraphql(request.query);
  if (!parsed.ok) return { ok: false, error: parsed.error, mentionsMutation: /\bmutation\b/.test(request.query) };
  const destructive: DestructiveMutation[] = [];
  let hasMutation = false;
  for (const op of parsed.operations) {
    if (op.type !== 'mutation') continue;
    hasMutation = true;
    for (const field of op.fields) {
      const named = isDestructiveFieldName(field.name);
      const why = named ? undefined : destroyingMeaning(identifierParts(field.name), field.args, knownApi, request.variables);
      if (!named && why === undefined) continue;
      const nounParts = identifierParts(field.name).filter((p) => !DESTROY_PARTS.has(p) && p !== 'many' && p !== 'all' && p !== 'batch' && p !== 'bulk');
      const pairs: [string, string][] = [];
      for (const [k, v] of Object.entries(field.args)) collectStrings(v, request.variables, k, pairs, 0);
      const targetName = pickName(pairs, nounParts);
      destructive.push({
        field: field.name,
        noun: nounParts.length > 0 ? nounParts.join(' ') : 'resource',
        kind: kindFromWords(nounParts),
        ...(targetName !== undefined ? { targetName } : {}),
        values: [...new Set(pairs.map(([, v]) => v))].filter((v) => v.length > 0 && v.length < 200).slice(0, 10),
        ...(why !== undefined ? { why } : {}),
      });
    }
  }
  return { ok: true, destructive, hasMutation };
}
