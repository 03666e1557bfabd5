import { ownTable } from '../ownTable';
import type { Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { hostOf, isLocalHost } from '../policy/production';
import { readScript, stdinText } from './database';
import { destructiveQuery, type QueryLanguage } from './support/storeQueries';

/**
 * Data stores the SQL clients do not cover: the shells of databases with query languages of their own
 * (EdgeDB/Gel, SurrealDB, ArangoDB, Fauna) fed a destroying statement inline, on standard input or in
 * a file they import; Aerospike's `truncate` info commands; and message brokers told to keep their messages for a moment only — a topic's
 * `retention.ms=1`, a queue policy's `message-ttl` of a few milliseconds, a stream's `--max-age 1s` —
 * which deletes everything already stored as surely as deleting the topic.
 */

interface StoreClient {
  label: string;
  language: QueryLanguage;
}

const CLIENTS: Readonly<Record<string, StoreClient>> = ownTable({
  edgedb: { label: 'EdgeDB', language: 'edgeql' },
  gel: { label: 'Gel', language: 'edgeql' },
  surreal: { label: 'SurrealDB', language: 'surrealql' },
  arangosh: { label: 'ArangoDB', language: 'arangodb' },
  fauna: { label: 'Fauna', language: 'fql' },
  'fauna-shell': { label: 'Fauna', language: 'fql' },
  faunadb: { label: 'Fauna', language: 'fql' },
  // Apache TinkerPop's console (`gremlin.sh -e script.groovy`, `gremlin-console -e`): Gremlin traversals on the graph it connects to.
  'gremlin-console': { label: 'Gremlin', language: 'gremlin' },
  'gremlin.sh': { label: 'Gremlin', language: 'gremlin' },
  gremlin: { label: 'Gremlin', language: 'gremlin' },
});

/** Files of statements a client imports or runs (`surreal import data.surql`, `edgedb query -f wipe.edgeql`). */
const SCRIPT_FILE = /\.(surql|surrealql|edgeql|esdl|fql|js|aql|sql|groovy|gremlin)$/i;

/** A word that names where the store is: a URL, `host:port`, a dotted host name. */
function placeLike(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(text) || /^[\w.-]+\.[a-z]{2,}(:\d+)?$/i.test(text) || /^[\w.-]+:\d{2,5}$/.test(text) || /^\$\{?\w*(URL|URI|DSN|HOST|ENDPOINT)\w*\}?$/i.test(text);
}

function storeTarget(inv: Invocation, label: string, ctx: RuleContext): Target {
  const values = inv.args.map((a) => (a.text.startsWith('-') && a.text.includes('=') ? a.text.slice(a.text.indexOf('=') + 1) : a.text)).filter((t) => t !== '' && !t.startsWith('-') && t.length <= 200 && !/\s/.test(t));
  const places = values.filter(placeLike);
  const hosts = places.map((p) => hostOf(p) ?? p.split(':')[0] ?? p);
  const remote = inv.remote !== undefined || places.length === 0 || places.some((p, i) => /[$`]/.test(p) || !isLocalHost(hosts[i] ?? ''));
  const env = ctx.environmentOf({ values, sources: inv.remote ? [...inv.remote.names] : [], remote });
  const name = places[0] !== undefined ? hostOf(places[0]) ?? places[0] : `the ${label} database (not named)`;
  return { kind: 'database', name, provider: label.toLowerCase(), remote, environment: env.environment, environmentReason: env.reason };
}

function clientFindings(inv: Invocation, client: StoreClient, ctx: RuleContext): Finding[] {
  if (inv.args.some((a) => a.text === '--help')) return [];
  const texts: string[] = [];
  for (const a of inv.args) {
    const t = a.text.startsWith('-') && a.text.includes('=') ? a.text.slice(a.text.indexOf('=') + 1) : a.text;
    if (/\s|\(|;/.test(t) || /^(delete|remove|drop)\b/i.test(t)) texts.push(t);
    else if (SCRIPT_FILE.test(t) && !/^https?:/.test(t)) {
      const script = readScript(inv, ctx.facts, t);
      if (script !== undefined) texts.push(script);
    }
  }
  const input = stdinText(inv, ctx.facts);
  if (input.text !== undefined) texts.push(input.text);
  for (const text of texts) {
    const found = destructiveQuery(text, client.language);
    if (!found) continue;
    const target = storeTarget(inv, client.label, ctx);
    return [{ rule: 'data-stores.destroying-query', risk: 'destructive', severity: 'ask', reason: `\`${inv.name}\` runs ${found} on the ${client.label} database ${target.name}.`, targets: [target] }];
  }
  return [];
}

// ---------------------------------------------------------------------------------------------
// Retention cut to nothing

/** How long a store keeps messages, in milliseconds, from `1`, `500ms`, `1s`, `2m`, `1h`. */
function durationMs(text: string, unit: 'ms' | 's'): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/i.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const scale: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  return n * (scale[(m[2] ?? unit).toLowerCase()] ?? 1);
}

/** Shorter than this, a retention or TTL empties what is stored (an hour: no topic is run like that on purpose). */
const PURGE_BELOW_MS = 3_600_000;
const PURGE_BELOW_BYTES = 1_048_576;

/** `retention.ms=1`, `retention.bytes=0`, `"message-ttl":1`, `--max-age 1s` in a change (not a creation). */
function retentionCut(inv: Invocation): string | undefined {
  const words = inv.args.map((a) => a.text);
  if (words.some((w) => /^(--)?create$/.test(w))) return undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    for (const m of w.matchAll(/(?:^|[,\s[])((?:local\.)?retention\.(ms|bytes))\s*=\s*(-?\d+)/g)) {
      const n = Number(m[3]);
      if (n < 0) continue;
      if (m[2] === 'ms' ? n < PURGE_BELOW_MS : n < PURGE_BELOW_BYTES) return `${m[1]}=${m[3]}`;
    }
    const ttl = /"(message-ttl|expires|x-message-ttl)"\s*:\s*(\d+)/.exec(w);
    if (ttl && Number(ttl[2]) < PURGE_BELOW_MS && /set_policy|set-policy|policy|declare/.test(words.join(' '))) return `${ttl[1]}: ${ttl[2]}`;
    if ((w === '--max-age' || w.startsWith('--max-age=')) && inv.name === 'nats') {
      const value = w.includes('=') ? w.slice(w.indexOf('=') + 1) : words[i + 1];
      const ms = value !== undefined ? durationMs(value, 's') : undefined;
      if (ms !== undefined && ms > 0 && ms < PURGE_BELOW_MS && words.includes('edit')) return `--max-age ${value}`;
    }
  }
  return undefined;
}

function retentionFindings(inv: Invocation, ctx: RuleContext): Finding[] {
  const cut = retentionCut(inv);
  if (!cut) return [];
  const values = inv.args.map((a) => (a.text.startsWith('-') && a.text.includes('=') ? a.text.slice(a.text.indexOf('=') + 1) : a.text)).filter((t) => t !== '' && !t.startsWith('-') && t.length <= 200);
  const places = values.filter(placeLike);
  const remote = places.length === 0 || places.some((p) => /[$`]/.test(p) || !isLocalHost(hostOf(p) ?? p.split(':')[0] ?? p));
  const env = ctx.environmentOf({ values, remote });
  const at = inv.args.findIndex((a) => /^--(entity-name|topic|queue|stream)$/.test(a.text));
  const name = (at >= 0 ? inv.args[at + 1]?.text : undefined) ?? places[0] ?? `the ${inv.name} topic or queue (not named)`;
  const target: Target = { kind: 'resource', name, provider: inv.name, remote, environment: env.environment, environmentReason: env.reason };
  return [{ rule: 'data-stores.retention-cut', risk: 'destructive', severity: 'ask', reason: `\`${inv.name}\` sets ${cut} on ${name}: every message older than that is deleted at once, as if the ${/ttl|expires/.test(cut) ? 'queue' : 'topic'} were purged.`, targets: [target] }];
}

/** Brokers' admin CLIs that change retention (Kafka, Redpanda, Confluent, RabbitMQ, NATS, Strimzi through kubectl is the cluster pack's). */
const RETENTION_TOOLS = /^(kafka-configs|kafka-topics|rpk|confluent|rabbitmqctl|rabbitmqadmin|nats|kcat|kafkactl|kaf|aiven|ccloud)(\.sh|\.bat)?$/;

// ---------------------------------------------------------------------------------------------
// Aerospike's info commands: `truncate`, `truncate-namespace` delete every record of a set or namespace

function aerospikeTruncate(inv: Invocation, ctx: RuleContext): Finding[] {
  const words = inv.args.map((a) => a.text);
  const found = words.find((w) => /(^|[;\s'"])truncate(-namespace)?:/.test(w) || /\bmanage\s+truncate\b/.test(w));
  if (found === undefined || words.some((w) => /truncate(-namespace)?-undo/.test(w))) return [];
  const target = storeTarget(inv, 'Aerospike', ctx);
  const what = /namespace=([\w-]+)/.exec(found)?.[1];
  return [{ rule: 'data-stores.aerospike-truncate', risk: 'destructive', severity: 'ask', reason: `\`${inv.name}\` truncates ${what !== undefined ? `namespace ${what}` : 'a set or namespace'} on ${target.name}: every record in it is deleted.`, targets: [target] }];
}

export const dataStoresPack: RulePack = {
  id: 'data-stores',
  title: 'Destroying statements of non-SQL databases (EdgeDB, SurrealDB, ArangoDB, Fauna) and broker retention cut to nothing',
  checkInvocation(inv: Invocation, ctx: RuleContext): Finding[] {
    const client = CLIENTS[inv.name];
    if (client) return clientFindings(inv, client, ctx);
    if (inv.name === 'asinfo' || inv.name === 'asadm') return aerospikeTruncate(inv, ctx);
    return RETENTION_TOOLS.test(inv.name) ? retentionFindings(inv, ctx) : [];
  },
  reactsTo: (name) => CLIENTS[name] !== undefined || name === 'asinfo' || name === 'asadm' || RETENTION_TOOLS.test(name),
};
