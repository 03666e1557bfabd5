import type { Finding, Invocation, RuleContext, Target } from '../../policy/types';
import { invocationCommand, toolArgs } from '../../registry/commandModel';
import { freeFormReadings } from '../../registry/freeForm';
import { loadedEnvironment } from './injectedSecrets';

/**
 * Round 25: a whole export of a hosted store by its cloud's CLI, the same act as `pg_dump` of it (stop 34,
 * team decision of round 6 row 606: a whole-table export from production flags). `gcloud sql export sql
 * acme-shop-production gs://…`, `aws rds start-export-task --source-arn …production`, `bq extract
 * prod:ds.users gs://…`, `aws dynamodb scan --table-name …-production` (every item, to the terminal or a
 * file), `aws dynamodb export-table-to-point-in-time`, `gcloud firestore export`, `az sql db export`: every
 * row leaves the store for a bucket or a file the agent reads. It asks when the store, the profile or the
 * variables it runs with name production; a named non-production store (`gcloud sql export sql staging-db
 * gs://…`) and one nothing names stay allowed, as a dump of them does; a read that picks rows (`bq query`
 * of aggregates, `aws dynamodb query`, a scan limited to a page or counting) is no export.
 */

interface CloudExport {
  tool: string;
  /** The command words, in order, after the tool's name (options left out). */
  words: readonly RegExp[];
  noun: string;
  /** Options naming the store, tried first. */
  nameOptions?: readonly string[];
  /** The command word after the export words naming the store (0: the first one). */
  nameOperand?: number;
  /** Options that make it a page or a count, not the whole store. */
  partial?: readonly string[];
  /** Options that name the environment (the profile, the project). */
  environmentOptions?: readonly string[];
}

const EXPORTS: readonly CloudExport[] = [
  { tool: 'aws', words: [/^dynamodb$/, /^scan$/], noun: 'DynamoDB table', nameOptions: ['--table-name'], partial: ['--max-items', '--limit', '--select', '--segment'], environmentOptions: ['--profile'] },
  { tool: 'aws', words: [/^dynamodb$/, /^export-table-to-point-in-time$/], noun: 'DynamoDB table', nameOptions: ['--table-arn'], environmentOptions: ['--profile'] },
  { tool: 'aws', words: [/^rds$/, /^start-export-task$/], noun: 'RDS snapshot', nameOptions: ['--source-arn'], environmentOptions: ['--profile'] },
  { tool: 'aws', words: [/^(docdb|neptune)$/, /^start-export-task$/], noun: 'database snapshot', nameOptions: ['--source-arn'], environmentOptions: ['--profile'] },
  { tool: 'gcloud', words: [/^sql$/, /^export$/, /^(sql|csv|bak)$/], noun: 'Cloud SQL instance', nameOperand: 0, environmentOptions: ['--project'] },
  { tool: 'gcloud', words: [/^(firestore|datastore)$/, /^export$/], noun: 'Firestore database', nameOptions: ['--database'], environmentOptions: ['--project'] },
  { tool: 'gcloud', words: [/^alloydb$/, /^clusters$/, /^export$/], noun: 'AlloyDB cluster', nameOperand: 0, environmentOptions: ['--project'] },
  { tool: 'gcloud', words: [/^spanner$/, /^databases$/, /^export$/], noun: 'Spanner database', nameOperand: 0, environmentOptions: ['--project', '--instance'] },
  { tool: 'bq', words: [/^extract$/], noun: 'BigQuery table', nameOperand: 0, environmentOptions: ['--project_id'] },
  { tool: 'az', words: [/^(sql|postgres|mysql)$/, /^db$/, /^export$/], noun: 'Azure database', nameOptions: ['--name', '-n', '--server', '-s'], environmentOptions: ['--subscription', '--resource-group', '-g'] },
  { tool: 'az', words: [/^cosmosdb$/, /^(sql|mongodb)$/, /^container$/, /^export$/], noun: 'Cosmos DB container', nameOptions: ['--account-name', '-a'], environmentOptions: ['--resource-group', '-g'] },
];

export const CLOUD_EXPORT_TOOLS: readonly string[] = [...new Set(EXPORTS.map((e) => e.tool))];

interface Reading {
  words: string[];
  /** The words again with every option taking the next word, when the tool is not described (`bq extract --destination_format CSV t`). */
  valuedWords?: string[];
  value(...names: string[]): string | undefined;
  has(...names: string[]): boolean;
}

/** The command's words and options, through its registry entry or, for a tool nothing describes (`bq`), the one grammar. */
function readingOf(inv: Invocation): Reading {
  const command = invocationCommand(inv);
  if (command) {
    const a = toolArgs(inv.name, command.parsed, command.tool);
    return { words: [...command.parsed.path, ...command.parsed.operands.map((w) => w.text)], value: (...n) => a.value(...n), has: (...n) => a.has(...n) };
  }
  const { usual, valued } = freeFormReadings(inv.args);
  const option = (names: readonly string[]) => valued.options.find((o) => names.includes(o.name));
  // An option's possible value stays among the words (`bq --location US extract t`): the export words are looked for in the first few.
  return {
    words: usual.operands.map((w) => w.text),
    valuedWords: valued.operands.map((w) => w.text),
    value: (...n) => option(n)?.values[0],
    has: (...n) => usual.options.some((o) => n.includes(o.name)),
  };
}

/** Where the export words start among the command words, or -1. */
function startOf(words: readonly string[], pattern: readonly RegExp[]): number {
  for (let i = 0; i + pattern.length <= words.length && i < 3; i++) if (pattern.every((re, k) => re.test(words[i + k]!))) return i;
  return -1;
}

export function cloudExportFindings(inv: Invocation, ctx: RuleContext): Finding[] {
  if (!CLOUD_EXPORT_TOOLS.includes(inv.name)) return [];
  const r = readingOf(inv);
  for (const e of EXPORTS) {
    if (e.tool !== inv.name) continue;
    const at = startOf(r.words, e.words);
    if (at < 0 || (e.partial !== undefined && r.has(...e.partial))) continue;
    // The store's word: read with options taking values when that reading still finds the export words.
    const valuedAt = r.valuedWords ? startOf(r.valuedWords, e.words) : -1;
    const [words, from] = r.valuedWords && valuedAt >= 0 ? [r.valuedWords, valuedAt] : [r.words, at];
    const name = (e.nameOptions !== undefined ? r.value(...e.nameOptions) : undefined) ?? (e.nameOperand !== undefined ? words[from + e.words.length + e.nameOperand] : undefined);
    // Every option naming the store says where it lives (`az sql db export -s prod -n app`: the server and the database).
    const named = (e.nameOptions ?? []).flatMap((o) => {
      const v = r.value(o);
      return v !== undefined && v !== name ? [{ source: o, value: v }] : [];
    });
    const sources = [
      ...(name !== undefined ? [{ source: e.nameOptions?.find((o) => r.value(o) !== undefined) ?? e.noun, value: name }] : []),
      ...named,
      ...(e.environmentOptions ?? []).flatMap((o) => {
        const v = r.value(o);
        return v !== undefined ? [{ source: o, value: v }] : [];
      }),
    ];
    const env = sources.length > 0 ? ctx.environmentOf({ values: [], sources, remote: true }) : undefined;
    const loaded = env?.environment === 'production' ? undefined : loadedEnvironment(inv, ctx);
    const environmentReason = env?.environment === 'production' ? env.reason : loaded?.environment === 'production' ? loaded.environmentReason : undefined;
    if (environmentReason === undefined) return [];
    const shown = name ?? `the ${e.noun}`;
    const target: Target = { kind: 'database', name: shown, provider: inv.name, remote: true, environment: 'production', environmentReason };
    const how = `${inv.name} ${r.words.slice(at, at + e.words.length).join(' ')}`;
    return [{ rule: 'dataSentOut.production-export', risk: 'production-access', severity: 'ask', reason: `Exports the whole production ${e.noun} ${shown} (${how}): every record it holds is copied out to a bucket or a file the agent can read.`, targets: [target] }];
  }
  return [];
}
