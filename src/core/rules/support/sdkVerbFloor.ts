/**
 * The floor beneath the client-library list (issue #18, "verbs over lists"; red team round 14): in a
 * snippet that imports a third-party client (`sdkCalls.ts`), a method called on that client whose name
 * carries a destroying verb (`delete`, `delete_*`, `*_delete`, `deleteProject`, `destroy`, `drop`,
 * `archive` (a Slack channel, a repository: gone from everyone's use), `purge`, `flush_bucket`, `remove`, `terminate`, `truncate`, `wipe`, `prune`, `delete!`) asks, naming
 * the library and the method; a method name built at run time on such a client (`getattr(col,
 * 'delete_'+'many')`, `client[name]()`, Ruby's `send`) asks as unsure; a call or an attribute that
 * lowers a protection (read by the shared tables: `protectionLowering.ts` by the method's words,
 * `protectionSwitches.ts` by its settings) asks. AWS SDK calls are judged as the AWS CLI command of the
 * same operation (`awsSdkCommands.ts`). What the client reaches is production unless every endpoint
 * the code names is on this machine (then routine development, left alone) — the Docker engine is this
 * machine's, so its volumes removed ask as local data.
 */

import { analyze } from '../../policy/analyze';
import { findingsOf } from '../../policy/classify';
import { isLocalValue } from '../../policy/production';
import type { CodeSnippet, Finding, RuleContext } from '../../policy/types';
import { awsJsCommands, awsRubyCommands, boto3Commands, keywordArguments, type AwsCall } from './awsSdkCommands';
import { destroyingCalls, libraryOf, literalEndpoints } from './clientLibraries';
import { memoryOnlyStore } from './memoryStores';
import { protectionLowered } from './protectionLowering';
import { protectionOff } from './protectionSwitches';
import { riskyAdminSql } from './productionWrites';
import { scanSql } from './sqlScan';
import { clientCalls, methodParts, receiverBefore, rootOf, snippetClients, type ClientCall, type ClientModule, type SdkLanguage, type SnippetClients } from './sdkCalls';

const LANGUAGES: ReadonlySet<string> = new Set(['python', 'javascript', 'ruby']);

/** Destroying verbs of method names; `flush` and `empty` only with a store-level noun (a bare `flush()` sends buffered events). */
const VERBS = new Set(['delete', 'destroy', 'drop', 'purge', 'remove', 'terminate', 'truncate', 'wipe', 'erase', 'prune', 'obliterate', 'expunge', 'flush', 'flushall', 'flushdb', 'empty', 'archive']);
const NEEDS_NOUN = new Set(['flush', 'empty']);
const STORE_NOUNS = /^(all|bucket|buckets|db|database|databases|queue|queues|index|indices|collection|collections|table|tables|keys|data|cache|cluster|namespace|topic|topics)$/;
/** First words that make the method a read, an undo or a check of a delete (`get_delete_status`, `cancel_deletion`, `undelete`). */
const NOT_A_DELETE = /^(get|list|describe|is|has|can|should|on|cancel|undo|restore|undelete|abort|validate|check|preview|estimate|count|with|when|before|after|will|did|was|mark|schedule|plan)$/;
/** Nouns of the program's own housekeeping: `remove_listener`, `removeAllListeners`, `delete_local_file`. */
const HOUSEKEEPING = /^(listener|listeners|handler|handlers|timeout|timeouts|interval|intervals|timer|timers|header|headers|cookie|cookies|option|options|callback|callbacks|watcher|watchers|hook|hooks|middleware|local|temp|tmp|mock|mocks|stub|stubs|spy|spies|message|messages|receipt|lock|locks|lease|leases|session|sessions|breakpoint|marker|markers|label|labels|tag|tags|reaction|reactions|typing)$/;

/** The method's destroying verb, or undefined. */
export function destroyingVerb(method: string): string | undefined {
  const parts = methodParts(method);
  if (parts.length === 0 || NOT_A_DELETE.test(parts[0]!)) return undefined;
  const verb = parts.find((p) => VERBS.has(p) || /^flush(all|db)$/.test(p));
  if (verb === undefined) return undefined;
  const nouns = parts.filter((p) => p !== verb && !/^v\d+$|^async$|^sync$|^batch$|^bulk$|^permanent(ly)?$|^hard$|^force$|^admin$/.test(p));
  if (nouns.some((n) => HOUSEKEEPING.test(n))) return undefined;
  if (NEEDS_NOUN.has(verb) && !nouns.some((n) => STORE_NOUNS.test(n))) return undefined;
  // `empty?` and `delete?` are Ruby's questions, never a call that deletes.
  if (method.endsWith('?')) return undefined;
  return verb;
}

/** Test doubles standing in for the client (botocore's Stubber, unittest.mock, moto, aws-sdk-client-mock, sinon, jest/vitest mocks, nock): nothing reaches the service. */
const TEST_DOUBLES = /\b(?:Stubber\s*\(|MagicMock\s*\(|mock\.patch\b|patch\.object\s*\(|mock_aws\b|mockClient\s*\(|sinon\.stub\s*\(|jest\.mock\s*\(|vi\.mock\s*\(|nock\s*\()/;

/** Libraries whose engine is this machine's own (the Docker engine): local unless pointed elsewhere. */
const MACHINE_LIBRARIES = /^(Docker)$/;
const REMOTE_ENGINE = /\b(?:base_url|host|DOCKER_HOST)\s*[=:]\s*["'`](?:tcp|ssh|https?):\/\/(?!localhost|127\.|\[::1\])/;

interface Place {
  environment: 'local' | 'remote';
  values: string[];
}

/** Where the client reaches: `local` when every endpoint named is on this machine (or the library is the machine's own engine). */
function placeOf(code: string, module: ClientModule): Place | undefined {
  const endpoints = literalEndpoints(code);
  const remote = endpoints.filter((e) => !isLocalValue(e));
  if (MACHINE_LIBRARIES.test(module.label) && !REMOTE_ENGINE.test(code) && !/DOCKER_HOST/.test(code)) return { environment: 'local', values: ['this machine\'s Docker engine'] };
  if (remote.length > 0) return { environment: 'remote', values: remote };
  // Every endpoint named is on this machine: development against a local store, left to the store table's finer reading.
  if (endpoints.length > 0) return undefined;
  return { environment: 'remote', values: [] };
}

function runnerText(snippet: CodeSnippet): string {
  if (snippet.origin.kind === 'script') return `the script ${snippet.origin.path}`;
  const language = { javascript: 'JavaScript', python: 'Python', ruby: 'Ruby' }[snippet.language as string] ?? snippet.language;
  return `${language} code run by ${snippet.runner.name}`;
}

function shown(call: ClientCall): string {
  const args = call.args.length > 40 ? `${call.args.slice(0, 37)}…` : call.args;
  return `${call.method}(${args})`;
}

function finding(snippet: CodeSnippet, ctx: RuleContext, module: ClientModule, place: Place, rule: string, says: string, risk: Finding['risk'] = 'destructive'): Finding {
  const local = place.environment === 'local';
  const name = place.values.length > 0 ? place.values.join(', ') : `the ${module.label} account or service the client is configured for`;
  const env = local ? { environment: 'local' as const, reason: 'this machine' } : ctx.environmentOf({ values: place.values, remote: true });
  return {
    rule: `sdk-snippets.${rule}`,
    risk,
    severity: 'ask',
    reason: `${runnerText(snippet)} ${says} (${name}).`,
    targets: [{ kind: 'resource', name, provider: module.label, remote: !local, environment: env.environment, environmentReason: env.reason }],
  };
}

/** AWS SDK calls judged as their CLI commands; the calls it spoke for (allowed or not) are returned too. */
function awsFindings(snippet: CodeSnippet, ctx: RuleContext, clients: SnippetClients): { found: Finding[]; covered: Set<string> } {
  const code = snippet.text;
  const found: Finding[] = [];
  const covered = new Set<string>();
  if (!clients.modules.some((m) => m.label.startsWith('AWS'))) return { found, covered };
  const calls: AwsCall[] = snippet.language === 'python' ? boto3Commands(code) : snippet.language === 'javascript' ? awsJsCommands(code) : awsRubyCommands(code);
  for (const { call, command } of calls) {
    covered.add(call.slice(0, call.indexOf('(') >= 0 ? call.indexOf('(') : undefined).replace(/^new\s+|Command$/g, ''));
    const analysis = analyze(command, ctx.facts, undefined, ctx.work);
    // A read the CLI would print (`get-secret-value`) is only shown by code that prints it: `sdkSecretReads.ts` judges that.
    const read = /^aws (?:--\S+ \S+ )*\S+ (?:get|list|describe|batch-get)-/.test(command);
    for (const f of findingsOf(analysis, ctx.facts)) {
      if (f.severity === 'info' || (read && f.risk.startsWith('credential'))) continue;
      found.push({ ...f, rule: `sdk-snippets.aws-sdk.${f.rule}`, reason: `${runnerText(snippet)} calls the AWS SDK's ${call}, which is \`${command.slice(0, 160)}\`: ${f.reason}` });
    }
    if (found.length > 0) break;
  }
  return { found, covered };
}

/** `delete_namespaced_pod('web-1', 'default')` → `kubectl delete pod web-1 -n default`; `delete_collection_namespaced_pod(ns)` → every pod. */
function kubectlOf(call: ClientCall): string | undefined {
  if (call.module.label !== 'Kubernetes') return undefined;
  const m = /^delete_(collection_)?(namespaced_)?([a-z_]+)$/.exec(call.method);
  if (!m) return undefined;
  const literals = [...call.args.matchAll(/^\s*(['"])([\w.-]+)\1\s*$/gm)].map((x) => x[2]!);
  const positional = call.args.split(',').map((a) => /^\s*(['"])([\w.-]+)\1\s*$/.exec(a)?.[2]).filter((x): x is string => x !== undefined);
  const kind = m[3]!.replace(/_/g, '');
  const [first, second] = positional.length > 0 ? positional : literals;
  if (m[1]) return `kubectl delete ${kind} --all${m[2] && first ? ` -n ${first}` : ''}`;
  if (!first) return `kubectl delete ${kind} --all`;
  return `kubectl delete ${kind} ${first}${m[2] && second ? ` -n ${second}` : ''}`;
}

/** Another command's reading of a call (`kubectl delete …`), as findings of this snippet. */
function judgedAs(snippet: CodeSnippet, ctx: RuleContext, call: string, command: string): Finding[] {
  const out: Finding[] = [];
  for (const f of findingsOf(analyze(command, ctx.facts, undefined, ctx.work), ctx.facts)) {
    if (f.severity === 'info') continue;
    out.push({ ...f, rule: `sdk-snippets.as-cli.${f.rule}`, reason: `${runnerText(snippet)} calls ${call}, which is \`${command}\`: ${f.reason}` });
  }
  return out;
}

/** `getattr(x, 'delete_'+'many')`, `x[name]()`, `x.send(:"delete_#{…}")` on a client: the name, when the code folds it, or undefined (unsure). */
function builtNames(code: string, language: SdkLanguage, clients: SnippetClients): { name: string | undefined; module: ClientModule; text: string }[] {
  const out: { name: string | undefined; module: ClientModule; text: string }[] = [];
  const fold = (expr: string): string | undefined => {
    const pieces = expr.split(/\s*\+\s*/);
    const literal = pieces.map((p) => /^(['"`])([^'"`]*)\1$/.exec(p.trim())?.[2]);
    return literal.every((x) => x !== undefined) ? literal.join('') : undefined;
  };
  const clientOf = (receiver: string): ClientModule | undefined => clients.names.get(rootOf(receiver));
  const pattern = language === 'python' ? /\bgetattr\s*\(\s*([^,()]+(?:\([^()]*\))?[^,()]*)\s*,\s*([^)]+?)\s*[,)]/g
    : language === 'ruby' ? /\.\s*(?:public_send|send|__send__|method)\s*\(\s*([^,)]+)/g
      // `x[name](…)`, `new m[name](…)`, `const C = m[…]` (then `new C(…)`); the member expression may hold one bracket level (`process.argv[1]`).
      : /(new\s+|=\s*)?([\w$.]+(?:\(\s*\))?)\s*\[\s*((?:[^[\]]|\[[^[\]]*\])+)\]\s*(\()?/g;
  for (const m of code.matchAll(pattern)) {
    const js = language === 'javascript';
    // Assigned, not called: only a member of the module or client itself (`const C = m[…]`), not of its data (`a.config[k]`).
    if (js && m[4] === undefined && (m[1] === undefined || (!m[1].startsWith('new') && !/^[\w$]+$/.test(m[2]!)))) continue;
    const receiver = language === 'ruby' ? receiverBefore(code, m.index ?? 0) : (js ? m[2]! : m[1]!).trim();
    const module = clientOf(receiver);
    if (!module) continue;
    const expr = (language === 'ruby' ? m[1]! : js ? m[3]! : m[2]!).trim();
    // An element by its position (`clients[0](…)`) names no method.
    if (/^-?\d+$/.test(expr)) continue;
    const name = language === 'ruby' && /^:\w+[!?]?$/.test(expr) ? expr.slice(1) : fold(expr);
    out.push({ name, module, text: m[0].slice(0, 80) });
    if (out.length >= 8) break;
  }
  return out;
}

/** `x.visibility = 'public'`, `b.versioning_enabled = False` on a client: settings as `key=value` lines with the receiver's words as the path. */
function assignedSettings(code: string, clients: SnippetClients): { path: string; line: string; module: ClientModule }[] {
  const out: { path: string; line: string; module: ClientModule }[] = [];
  for (const m of code.matchAll(/\b([\w$]+)((?:\.[\w$]+)*)\.([\w$]+)\s*=(?!=)\s*(['"][^'"]*['"]|True|False|true|false|\d+)/g)) {
    const module = clients.names.get(m[1]!);
    if (!module) continue;
    out.push({ path: `/${m[1]}${m[2]!.replace(/\./g, '/')}`, line: `${m[3]}=${m[4]!.replace(/^['"]|['"]$/g, '').replace(/^True$/, 'true').replace(/^False$/, 'false')}`, module });
  }
  return out;
}

/** A call's settings for the shared table: its keyword arguments as lines, and its argument text with Python's quotes and booleans as JSON's. */
function settingTexts(args: string): string[] {
  const lines = keywordArguments(args).map(([k, v]) => `${k}=${v.replace(/^['"`]|['"`]$/g, '').replace(/^True$/, 'true').replace(/^False$/, 'false')}`);
  return [lines.join('\n'), args.replace(/'/g, '"').replace(/\bTrue\b/g, 'true').replace(/\bFalse\b/g, 'false')];
}

/** Method words that make something public or switch logging, alarms or keys off without a setting (`make_public`, `stop_logging`). */
function methodLowers(call: ClientCall): string | undefined {
  const parts = methodParts(call.method);
  if (parts.includes('public') && parts.some((p) => /^(make|set|enable|publish)$/.test(p))) return `makes it public (${shown(call)}: anyone on the internet can read it)`;
  const w = { positionals: [] as string[], options: keywordArguments(call.args).map(([k, v]) => ({ name: `--${methodParts(k).join('-')}`, bare: methodParts(k).join('-'), value: v.replace(/^['"`]|['"`]$/g, '') })), all: [parts.join('-')] };
  const lowered = protectionLowered('', w, parts);
  return lowered ? `${lowered.does} (${shown(call)}: ${lowered.lost})` : undefined;
}

/**
 * A data store's client the store table knows (`clientLibraries.ts`: MongoDB, Redis, etcd…) has its finer reading there: one
 * record by its key or a filtered `delete_many({"user": 5})` is routine on the server the program is configured for. The floor
 * only adds what that reading calls a mass call wherever the receiver is written (`client[:users].delete_many`).
 */
function storeRoutine(call: ClientCall): boolean {
  const store = libraryOf(call.module.module);
  if (!store || store.kind === 'cloud account' || store.kind === 'SaaS account') return false;
  return !destroyingCalls(`client.${call.method}(${call.args})`, store).some((c) => c.mass);
}

/** Findings of the floor for one snippet: at most one destroying call and one lowered protection. */
export function sdkVerbFloorFindings(snippet: CodeSnippet, ctx: RuleContext, runnerLoads: readonly string[] = []): Finding[] {
  if (!LANGUAGES.has(snippet.language)) return [];
  const code = snippet.text;
  // The gate: a snippet that loads nothing cannot call a client.
  if (!/import|require|from\b/.test(code) && runnerLoads.length === 0) return [];
  const language = snippet.language as SdkLanguage;
  const clients = snippetClients(code, language, runnerLoads);
  if (!clients || memoryOnlyStore(code) || TEST_DOUBLES.test(code)) return [];
  const { found, covered } = awsFindings(snippet, ctx, clients);
  if (found.length > 0) return found;
  const out: Finding[] = [];
  let destroyed = false;
  let lowered = false;
  for (const call of clientCalls(code, clients)) {
    if (covered.has(call.method)) continue;
    const place = placeOf(code, call.module);
    if (!place) continue;
    const verb = destroyingVerb(call.method);
    if (verb !== undefined && !destroyed && storeRoutine(call)) continue;
    const kubectl = verb !== undefined && !destroyed ? kubectlOf(call) : undefined;
    if (kubectl !== undefined) {
      // The Kubernetes client's delete is kubectl's: a pod is recreated by its controller (allowed), a namespace is not.
      const said = judgedAs(snippet, ctx, `${call.method}(${call.args.slice(0, 40)})`, kubectl);
      out.push(...said);
      destroyed = said.length > 0 || destroyed;
      continue;
    }
    if (verb !== undefined && !destroyed && !(call.module.label === 'Stripe' && /\b[sr]k_test_\w+/.test(code) && !/\b[sr]k_live_|environ|getenv|process\.env|\bENV\[/.test(code))) {
      out.push(finding(snippet, ctx, call.module, place, 'client-verb', `calls the ${call.module.label} client's ${shown(call)}, whose name says ${verb}`));
      destroyed = true;
      continue;
    }
    if (lowered) continue;
    // A REST client's path argument is part of what it changes (`session.rput('services/P1', json=…)`).
    const route = /^\s*(['"`])\/?([\w./-]{1,120})\1/.exec(call.args)?.[2];
    const path = `${call.receiver.replace(/\([^()]*\)|\[[^\]]*\]/g, '').replace(/[.:]+/g, '/')}/${call.method}${route !== undefined && route.includes('/') ? `/${route}` : ''}`;
    const setting = protectionOff(`/${path}`, settingTexts(call.args));
    const says = setting !== undefined ? `calls the ${call.module.label} client's ${shown(call)}, which sets ${setting}` : (() => { const m = methodLowers(call); return m !== undefined ? `calls the ${call.module.label} client's ${call.method}, which ${m}` : undefined; })();
    if (says !== undefined) {
      out.push(finding(snippet, ctx, call.module, place, 'protection-off', says));
      lowered = true;
    }
  }
  if (!destroyed) {
    const deleted = language === 'python' ? /\bdel\s+([\w$]+)\s*\[([^\]]{0,80})\]/.exec(code) : null;
    const module = deleted ? clients.names.get(deleted[1]!) : undefined;
    const place = module ? placeOf(code, module) : undefined;
    if (deleted && module && place) {
      out.push(finding(snippet, ctx, module, place, 'client-verb', `deletes ${deleted[1]}[${deleted[2]}] from the ${module.label} client (Python's del on the client deletes what it names there)`));
      destroyed = true;
    }
  }
  if (!destroyed) {
    for (const built of builtNames(code, language, clients)) {
      // Unsure asks wherever it points: on this machine as local data.
      const place: Place = placeOf(code, built.module) ?? { environment: 'local', values: ['this machine'] };
      if (built.name !== undefined && destroyingVerb(built.name) === undefined) continue;
      const says = built.name !== undefined
        ? `calls the ${built.module.label} client's ${built.name} through a name built at run time (${built.text})`
        : `calls a method of the ${built.module.label} client whose name is built at run time (${built.text}): what it does cannot be read`;
      out.push(finding(snippet, ctx, built.module, place, built.name !== undefined ? 'client-verb' : 'client-built-name', says));
      break;
    }
  }
  if (!destroyed && !lowered) {
    // Privileges and users changed by SQL handed to a driver (`cursor.execute('ALTER ROLE app SUPERUSER')`), as psql's reading of the same statement.
    const admin = adminSql(code);
    const module = admin !== undefined ? clients.modules[0] : undefined;
    const place = module ? placeOf(code, module) : undefined;
    if (admin !== undefined && module && place && place.environment === 'remote') {
      out.push(finding(snippet, ctx, module, place, 'protection-off', `runs ${admin} through ${module.label} (users, privileges or durability of the database change)`));
      lowered = true;
    }
  }
  if (!lowered) {
    for (const a of assignedSettings(code, clients)) {
      const setting = protectionOff(a.path, [a.line]);
      const place = placeOf(code, a.module);
      if (setting === undefined || !place) continue;
      out.push(finding(snippet, ctx, a.module, place, 'protection-off', `sets ${setting} on the ${a.module.label} client's ${a.path.slice(1).replace(/\//g, '.')}`));
      break;
    }
  }
  return out;
}

/** The first statement of the code's string literals that changes users, privileges or durability (`ALTER ROLE app SUPERUSER`, `GRANT ALL`). */
function adminSql(code: string): string | undefined {
  for (const m of code.matchAll(/"((?:[^"\\\n]|\\.){0,2000})"|'((?:[^'\\\n]|\\.){0,2000})'/g)) {
    const sql = m[1] ?? m[2] ?? '';
    if (!/^\s*(alter|grant|create|revoke|set)\s/i.test(sql) || !/\b(role|user|grant|superuser|password|system|fsync|replication|privileges)\b/i.test(sql)) continue;
    const hit = riskyAdminSql(scanSql(sql))[0];
    if (hit !== undefined) return hit;
  }
  return undefined;
}
