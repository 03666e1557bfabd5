import type { CodeSnippet, Finding, RuleContext, RulePack, Target } from '../policy/types';
import { memoryOnlyStore } from './support/memoryStores';
import { isLocalValue } from '../policy/production';
import { judgeRequest } from './httpRequests';
import { libraryDataCall } from './support/libraryDataCalls';
import { forgeLibraryFindings } from './support/forgeLibraries';
import { publishLibraryFindings } from './support/publishLibraries';
import { clientLibraryFindings } from './support/clientLibraryFindings';
import { literalEndpoints } from './support/clientLibraries';
import { sdkVerbFloorFindings } from './support/sdkVerbFloor';
import { snippetApiWriteFindings } from './support/snippetApiWrites';
import { sdkRequestRouteFindings } from './support/sdkRequestRoutes';
import { throwawayStore } from './support/throwawayStores';
import { writtenAsCalls } from './support/methodReferences';

/**
 * Interpreter one-liners and scripts that destroy through a library instead of a CLI: a cloud SDK
 * call that deletes (boto3 `delete_bucket` or `.objects.all().delete()`, the Ruby and PHP AWS SDKs'
 * `delete_bucket`/`deleteBucket`, Paws and the JavaScript v3 `DeleteBucketCommand`, Google and Azure
 * storage clients), and HTTP DELETE requests from Ruby (Net::HTTP, HTTParty, RestClient, Faraday),
 * PHP (curl's CUSTOMREQUEST, Guzzle, Laravel's Http) and Perl (LWP, HTTP::Request, HTTP::Tiny) — the
 * JavaScript and Python clients are read by the HTTP pack. What the call names (a bucket, a host)
 * says the environment; nothing named is an unknown remote, so production.
 */

const LANGUAGES = new Set(['python', 'javascript', 'ruby', 'php', 'perl']);

/** SDK operations that delete or empty a cloud resource, in snake_case, camelCase and PascalCase. */
const OPERATIONS = [
  'bucket', 'objects?', 'object_versions', 'db_?instance', 'db_?cluster', 'table', 'stack', 'secret', 'volume', 'snapshot', 'function',
  'cluster', 'repository', 'file_?system', 'container', 'blobs?', 'files', 'queue', 'topic', 'database', 'collection', 'index', 'keyspace',
  // The Kubernetes clients (stop 29, round 7): `CoreV1Api().delete_namespace`, `delete_namespaced_deployment`, `delete_collection_namespaced_*`; a pod is recreated (as `kubectl delete pod`).
  'namespace', 'namespaced_(?!pod\\b)\\w+', 'collection_namespaced_\\w+', 'persistent_volume(?:_claim)?',
];
const SNAKE = new RegExp(`\\b(?:delete|destroy|drop|purge|empty)_(?:${OPERATIONS.join('|')})\\b|\\bterminate_instances\\b|\\bschedule_key_deletion\\b|\\bpurge_queue\\b`, 'i');
const CAMEL = /\b(?:delete|Delete)(?:Namespace(?:d(?!Pod\b)\w+)?|CollectionNamespaced\w+|PersistentVolume(?:Claim)?|Bucket|Objects?|DBInstance|DBCluster|Table|Stack|Secret|Volume|Snapshot|Function|Cluster|Repository|FileSystem|Container|Blobs?|Files|Queue|Topic|Database|Collection|Index)(?:Command|Async|IfExists)?\b|\b(?:terminateInstances|TerminateInstances(?:Command)?|purgeQueue|PurgeQueue(?:Command)?|scheduleKeyDeletion|ScheduleKeyDeletion(?:Command)?)\b/;
/** Resource-style calls (a model class's `User.objects` is Django's, read by the ORM packs): `bucket.objects.all().delete()`, `bucket.delete!`, `objects.batch_delete!`, `bucket(…).delete()`. */
const RESOURCE = /(?<!\b[A-Z]\w*)\.objects\.(?:all\(\)|filter\([^)]*\))\.delete\(\)|\.object_versions\.(?:all\(\)\.)?delete\(\)|\.batch_delete!|\b[Bb]ucket\([^)]*\)\.delete!?(?:\(\))?|\bbucket\.delete!|\.begin_delete\b/;

/** HTTP DELETE requests in Ruby, PHP and Perl. */
const HTTP_DELETE = [
  /Net::HTTP::Delete\b/,
  /\b(?:HTTParty|RestClient|Typhoeus|Faraday|HTTP|Excon|Http)(?:::\w+)?\s*(?:\.|::)\s*delete\b/,
  /\bNet::HTTP\b[\s\S]{0,300}?\.delete\s*\(/,
  /CURLOPT_CUSTOMREQUEST\s*(?:=>|,)\s*["']DELETE["']/i,
  /\b(?:request|method|send)\s*(?:\(|=>|:)\s*["']DELETE["']/i,
  /["']method["']\s*=>\s*["']DELETE["']/i,
  /HTTP::Request(?:->new|::Common)?[\s\S]{0,20}?\bDELETE\b/,
  /->\s*delete\s*\(\s*["'$]/,
];

/** Quoted strings of the code (single and double quotes; good enough for names and URLs). */
function literals(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/"((?:[^"\\\n]|\\.){1,300})"|'((?:[^'\\\n]|\\.){1,300})'/g)) {
    out.push(m[1] ?? m[2] ?? '');
    if (out.length >= 200) break;
  }
  return out;
}

/** Module names the code loads (`require "aws-sdk-s3"`, `import boto3`): not what it acts on. */
function loaded(code: string): Set<string> {
  const out = new Set<string>();
  for (const m of code.matchAll(/\b(?:require|require_once|include|use|import|from)\s*\(?\s*["']([^"']+)["']/g)) out.add(m[1]!);
  // Go's `import ( "context"; "github.com/aws/aws-sdk-go-v2/service/s3" )`.
  for (const block of code.matchAll(/\bimport\s*\(([^)]{0,4000})\)/g)) for (const q of block[1]!.matchAll(/"([^"]+)"/g)) out.add(q[1]!);
  return out;
}

/** Names in the code that may say which resource and environment: bucket, table, host names. */
function resourceNames(code: string): string[] {
  const skip = loaded(code);
  // A region (`us-east-1`) or an API version says nothing of what is deleted.
  const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$|^\d{4}-\d{2}-\d{2}$/;
  return literals(code).filter((l) => !skip.has(l) && /^[A-Za-z0-9][\w.:/@-]{2,200}$/.test(l) && /[-.]/.test(l) && !/^\w+::/.test(l) && !REGION.test(l)).slice(0, 6);
}

function runnerText(snippet: CodeSnippet): string {
  if (snippet.origin.kind === 'script') return `the script ${snippet.origin.path}`;
  const language = { javascript: 'JavaScript', php: 'PHP' }[snippet.language as string] ?? snippet.language[0]!.toUpperCase() + snippet.language.slice(1);
  return `${language} code run by ${snippet.runner.name}`;
}

/**
 * The code names an endpoint and every endpoint it names is on this machine (`endpoint_url='http://localhost:4566'`,
 * `mongodb://localhost/test`, DynamoDB Local): its deletes ask as this machine's data (the team's decision of stop
 * 30), not as production. Any other host, or no endpoint at all, keeps the remote reading.
 */
function localEndpointsOnly(code: string): boolean {
  const endpoints = literalEndpoints(code);
  return endpoints.length > 0 && endpoints.every((e) => isLocalValue(e));
}

function targetsOf(code: string, names: readonly string[], shown: readonly string[], provider: string, ctx: RuleContext): Target[] {
  const local = localEndpointsOnly(code);
  return shown.map((name) => {
    if (local) return { kind: 'resource', name, provider, remote: false, environment: 'local', environmentReason: 'this machine (every endpoint the code names is local)' };
    const env = ctx.environmentOf({ values: names.length > 0 ? [name] : [], remote: true });
    return { kind: 'resource', name, provider, remote: true, environment: env.environment, environmentReason: env.reason };
  });
}

function sdkFindings(snippet: CodeSnippet, ctx: RuleContext): Finding[] {
  const code = snippet.text;
  const call = SNAKE.exec(code) ?? CAMEL.exec(code) ?? RESOURCE.exec(code);
  if (!call || memoryOnlyStore(code)) return [];
  const names = resourceNames(code);
  const shown = names.length > 0 ? names : ['the resource the call names at run time'];
  const targets = targetsOf(code, names, shown, 'cloud sdk', ctx);
  return [{ rule: 'sdk-snippets.cloud-delete', risk: 'destructive', severity: 'ask', reason: `${runnerText(snippet)} deletes cloud resources through an SDK (${call[0].trim().slice(0, 60)}): ${shown.join(', ')}.`, targets }];
}

/** A method of a third-party client named at run time (`$c->$m(…)` with `$m` computed): what it does cannot be read. */
function computedMethodFindings(snippet: CodeSnippet, computed: readonly string[], ctx: RuleContext): Finding[] {
  if (computed.length === 0) return [];
  const names = resourceNames(snippet.text);
  const shown = names.length > 0 ? names : ['the resource the call names at run time'];
  return [{ rule: 'sdk-snippets.client-built-name', risk: 'unanalyzable', severity: 'ask', reason: `${runnerText(snippet)} calls a method of an SDK client whose name is computed at run time (${computed[0]}): what it does cannot be read.`, targets: targetsOf(snippet.text, names, shown, 'cloud sdk', ctx) }];
}

/** Drivers, admin clients, object-store file systems and data-frame writers that destroy data or switch a protection off. */
function libraryFindings(snippet: CodeSnippet, ctx: RuleContext): Finding[] {
  if (snippet.language !== 'python' && snippet.language !== 'javascript') return [];
  const call = libraryDataCall(snippet.text);
  if (!call || memoryOnlyStore(snippet.text) || /localstack/i.test(snippet.text) || throwawayStore(snippet, ctx.facts)) return [];
  const names = resourceNames(snippet.text);
  const shown = names.length > 0 ? names : ['the store the program connects to (named at run time)'];
  const targets = targetsOf(snippet.text, names, shown.slice(0, 3), 'library', ctx);
  return [{ rule: call.safetyNet ? 'sdk-snippets.protection-off' : call.perItem ? 'sdk-snippets.item-loop' : 'sdk-snippets.library-destroy', risk: 'destructive', severity: 'ask', reason: `${runnerText(snippet)} ${call.does}: ${shown.slice(0, 3).join(', ')}.`, targets }];
}

function httpFindings(snippet: CodeSnippet, ctx: RuleContext): Finding[] {
  if (snippet.language === 'python' || snippet.language === 'javascript') return [];
  const code = snippet.text;
  if (!HTTP_DELETE.some((p) => p.test(code))) return [];
  const strings = literals(code);
  const url = strings.find((s) => /^https?:\/\/\S+$/i.test(s));
  const host = strings.find((s) => /^[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)+$/i.test(s) && !loaded(code).has(s));
  const path = strings.find((s) => s.startsWith('/'));
  const target = url ?? (host ? `https://${host}${path ?? '/'}` : '$RUNTIME_URL/');
  return judgeRequest({ client: runnerText(snippet), method: 'DELETE', urls: [target], bodies: [], unixSocket: false }, ctx);
}

/** Gems a Ruby runner loads by option (`ruby -raws-sdk-s3 -e …`). */
function rubyLoads(snippet: CodeSnippet): string[] {
  if (snippet.language !== 'ruby') return [];
  const words = snippet.runner.args.map((a) => a.text);
  return words.flatMap((w, i) => (w === '-r' && words[i + 1] !== undefined ? [words[i + 1]!] : /^-r[\w-]/.test(w) ? [w.slice(2)] : []));
}

export const sdkSnippetsPack: RulePack = {
  id: 'sdk-snippets',
  title: 'Cloud SDK deletions and HTTP deletes in interpreter code',
  checkSnippet(snippet, ctx) {
    // A compiled program (`go run x.go`): a cloud SDK's deleting call as in an interpreter (`DeleteBucket`, `delete_bucket()`), else the store libraries its imports name (goImports.ts).
    if (snippet.language === 'compiled') {
      const sdk = sdkFindings(snippet, ctx);
      return sdk.length > 0 ? sdk : clientLibraryFindings(snippet, ctx);
    }
    if (!LANGUAGES.has(snippet.language)) return [];
    // Methods handed on rather than called (`each(&:delete)`, `map(client.delete, ids)`, `$c->$m(…)`) read as the calls they make.
    const written = writtenAsCalls(snippet.language, snippet.text);
    if (written.code !== snippet.text) snippet = { ...snippet, text: written.code };
    const sdk = [...sdkFindings(snippet, ctx), ...computedMethodFindings(snippet, written.computed, ctx)];
    const listed = sdk.length === 0 ? libraryFindings(snippet, ctx) : [];
    // Only the generic per-item loop spoke: the floor below names the client library, so it speaks instead when it can.
    const loopOnly = listed.length > 0 && listed.every((f) => f.rule === 'sdk-snippets.item-loop');
    // The client-library layer (store libraries' destroying methods, secrets read through an SDK) when no row above spoke.
    const found = clientLibraryFindings(snippet, ctx);
    const clients = sdk.length === 0 && (listed.length === 0 || loopOnly) ? found : found.filter((f) => f.risk !== 'destructive');
    // The floor beneath the lists (any imported client's destroying or protection-lowering call) when no row above spoke.
    const floor = sdk.length === 0 && (listed.length === 0 || loopOnly) && !clients.some((f) => f.risk === 'destructive') ? sdkVerbFloorFindings(snippet, ctx, rubyLoads(snippet)) : [];
    const library = loopOnly && (floor.length > 0 || clients.some((f) => f.risk === 'destructive')) ? [] : listed;
    return [...sdk, ...library, ...clients, ...floor, ...httpFindings(snippet, ctx), ...forgeLibraryFindings(snippet, ctx), ...publishLibraryFindings(snippet, ctx), ...snippetApiWriteFindings(snippet, ctx, runnerText(snippet)), ...sdkRequestRouteFindings(snippet, ctx, runnerText(snippet))];
  },
};
