import type { CodeSnippet, Finding, RuleContext } from '../../policy/types';
import { goImportedLibraries } from './goImports';
import { clientLibraries, clientPlace, destroyingCalls, destroyingSql, type ClientLibrary } from './clientLibraries';
import { memoryOnlyStore } from './memoryStores';
import { sdkSecretRead } from './sdkSecretReads';
import { treeWipes } from './treeWrites';

/**
 * Findings of the client-library layer for one snippet (read by the SDK snippets pack after its own
 * cloud-delete and data-library rows found nothing): a store library's destroying method or SQL, and an
 * SDK call that reads a secret and shows it. See `clientLibraries.ts` for the table and the reader.
 */

/** Compiled code (round 14: `go run x.go`) through the store libraries its imports name (goImports.ts). */
const LANGUAGES = new Set(['python', 'javascript', 'ruby', 'php', 'compiled']);

/** Libraries a Ruby runner loads by option (`ruby -raws-sdk-secretsmanager -e …`, `-r redis`). */
function runnerLoads(snippet: CodeSnippet): string[] {
  if (snippet.language === 'compiled') return goImportedLibraries(snippet.text);
  if (snippet.language !== 'ruby') return [];
  const words = snippet.runner.args.map((a) => a.text);
  const out: string[] = [];
  words.forEach((w, i) => {
    if (w === '-r' && words[i + 1] !== undefined) out.push(words[i + 1]!);
    else if (/^-r[\w-]/.test(w)) out.push(w.slice(2));
  });
  return out;
}

/** The code's result is printed by the runner itself (`node -p`, `node --print`). */
function printsResult(snippet: CodeSnippet): boolean {
  return snippet.origin.kind !== 'script' && snippet.runner.args.some((a) => a.text === '-p' || a.text === '--print' || /^-\w*p$/.test(a.text) && snippet.language === 'javascript');
}

function runnerText(snippet: CodeSnippet): string {
  if (snippet.origin.kind === 'script') return `the script ${snippet.origin.path}`;
  const language = { javascript: 'JavaScript', php: 'PHP' }[snippet.language as string] ?? snippet.language[0]!.toUpperCase() + snippet.language.slice(1);
  return `${language} code run by ${snippet.runner.name}`;
}

/** What a mass call removes, by the kind of store. */
const WHOLE: Readonly<Record<ClientLibrary['kind'], string>> = {
  database: 'a whole table, collection or database, or every row of one', 'key-value store': 'every key of the store or of a key prefix',
  'secret store': 'a secrets engine or a secret with all its versions', 'vector store': 'a whole collection or every object in one',
  'search index': 'a whole index or every document in one', queue: 'a whole queue or every message in it', 'object store': 'a whole bucket or every object in it',
  'SaaS account': 'a whole collection of the account\'s data or every record in it', 'cloud account': 'a whole cloud resource',
};

/** A Stripe test-mode key written in the code, and no other key read: test mode cannot reach live data (Stripe's API keys documentation). */
const STRIPE_TEST_KEY = /\b[sr]k_test_\w+/;
const STRIPE_OTHER_KEY = /\b[sr]k_live_|environ|getenv|process\.env|\bENV\[|api_key\s*=\s*(?!["'][sr]k_test_)/;

/** The store the call reaches cannot hold anything that outlives this program, or cannot touch live data. */
function throwaway(code: string, library: ClientLibrary, place: { where: string; values: readonly string[] }): boolean {
  if (place.where !== 'remote' && memoryOnlyStore(code)) return true;
  return library.label === 'Stripe' && STRIPE_TEST_KEY.test(code) && !STRIPE_OTHER_KEY.test(code);
}

function destroyFinding(snippet: CodeSnippet, ctx: RuleContext, library: ClientLibrary): Finding | undefined {
  const code = snippet.text;
  const place = clientPlace(code, library);
  if (throwaway(code, library, place)) return undefined;
  const sql = library.kind === 'database' ? destroyingSql(code) : undefined;
  const calls = sql === undefined ? [...(library.label.startsWith('Firebase') ? treeWipes(code) : []), ...destroyingCalls(code, library)].sort((a, b) => Number(b.mass) - Number(a.mass)) : [];
  // One record on this machine or on a server the program is configured for is routine; a cloud account's single-item calls (a message consumed) too.
  const call = calls.find((c) => c.mass) ?? (place.where === 'remote' && library.kind !== 'cloud account' ? calls[0] : undefined);
  if (sql === undefined && call === undefined) return undefined;
  const remote = place.where !== 'local';
  const env = ctx.environmentOf({ values: place.values, remote });
  const where = place.values.length > 0 ? place.values.join(', ') : place.where === 'local' ? 'this machine' : library.hosted ? `the ${library.label} account its key opens` : 'the server its configuration names at run time';
  const what = sql !== undefined ? `runs ${sql} through the ${library.label} client` : `calls the ${library.label} client's ${call!.text}, which ${call!.mass ? `removes ${WHOLE[library.kind]}` : 'deletes data there'}`;
  return {
    rule: 'sdk-snippets.client-destroy',
    risk: 'destructive',
    severity: 'ask',
    reason: `${runnerText(snippet)} ${what} (${where}).`,
    targets: [{ kind: library.kind === 'database' ? 'database' : 'resource', name: where, provider: library.label, remote, environment: env.environment, environmentReason: env.reason }],
  };
}

export function clientLibraryFindings(snippet: CodeSnippet, ctx: RuleContext): Finding[] {
  if (!LANGUAGES.has(snippet.language)) return [];
  const loads = runnerLoads(snippet);
  const findings: Finding[] = [];
  for (const library of clientLibraries(snippet.text, loads)) {
    const found = destroyFinding(snippet, ctx, library);
    if (found) {
      findings.push(found);
      break;
    }
  }
  const secret = sdkSecretRead(snippet.text, printsResult(snippet));
  if (secret) {
    const env = secret.remote ? ctx.environmentOf({ values: [], remote: true }) : { environment: 'local' as const, reason: 'this machine' };
    findings.push({
      rule: 'sdk-snippets.secret-read',
      risk: 'credential-dump',
      severity: 'ask',
      reason: `${runnerText(snippet)} reads a secret value through ${secret.call} and shows or sends it.`,
      targets: [{ kind: 'credential', name: secret.call, remote: secret.remote, environment: env.environment, environmentReason: env.reason }],
    });
  }
  return findings;
}
