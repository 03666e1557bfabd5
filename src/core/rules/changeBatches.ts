import type { Finding, Invocation, RuleContext, RulePack } from '../policy/types';
import { resolvePath } from '../paths';
import { cliArgs, flagValues, hasFlag } from '../registry/args';
import { parsedArgs, toolNamed } from '../registry/commandModel';

/**
 * DNS change batches that delete records: `aws route53 change-resource-record-sets --change-batch`
 * with a `"Action": "DELETE"` change, given inline or as `file://batch.json`. Deleting the record
 * behind a production name takes the site down; the zone is production unless said otherwise. A batch
 * file that cannot be read could delete anything, so it asks too.
 */

function batchText(value: string, inv: Invocation, ctx: RuleContext): string | undefined {
  const file = /^(file|fileb):\/\/(.+)$/.exec(value)?.[2];
  if (file === undefined) return value;
  if (/[$`]/.test(file)) return undefined;
  return ctx.facts.readFile(resolvePath(resolvePath(ctx.facts.cwd, inv.cwd, ctx.facts.home), file, ctx.facts.home));
}

/** The names of the records a batch deletes (bounded), or undefined when the batch deletes none. */
export function deletedRecords(batch: string): string[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(batch);
  } catch {
    return /"Action"\s*:\s*"DELETE"/i.test(batch) ? ['(records in an unparsed batch)'] : undefined;
  }
  const changes = (parsed as { Changes?: unknown }).Changes;
  if (!Array.isArray(changes)) return undefined;
  const names: string[] = [];
  for (const c of changes.slice(0, 1000)) {
    const change = c as { Action?: unknown; ResourceRecordSet?: { Name?: unknown; Type?: unknown } };
    if (typeof change.Action !== 'string' || change.Action.toUpperCase() !== 'DELETE') continue;
    const set = change.ResourceRecordSet;
    names.push(`${typeof set?.Name === 'string' ? set.Name : '(unnamed)'}${typeof set?.Type === 'string' ? ` ${set.Type}` : ''}`);
  }
  return names.length > 0 ? names : undefined;
}

/** The names of the records a batch replaces in place (`"Action": "UPSERT"`), or undefined when it replaces none. */
export function replacedRecords(batch: string): string[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(batch);
  } catch {
    return /"Action"\s*:\s*"UPSERT"/i.test(batch) ? ['(records in an unparsed batch)'] : undefined;
  }
  const changes = (parsed as { Changes?: unknown }).Changes;
  if (!Array.isArray(changes)) return undefined;
  const names = changes.slice(0, 1000).flatMap((c) => {
    const change = c as { Action?: unknown; ResourceRecordSet?: { Name?: unknown; Type?: unknown } };
    if (typeof change.Action !== 'string' || change.Action.toUpperCase() !== 'UPSERT') return [];
    const set = change.ResourceRecordSet;
    return [`${typeof set?.Name === 'string' ? set.Name : '(unnamed)'}${typeof set?.Type === 'string' ? ` ${set.Type}` : ''}`];
  });
  return names.length > 0 ? names : undefined;
}

/** Prefixes of scratch objects a lifecycle rule may expire without losing kept data. */
const SCRATCH_PREFIX = /^(tmp|temp|cache|scratch|logs?|access-logs|multipart|incomplete)(\/|$)/i;

/** What one enabled lifecycle rule expires: undefined when it expires nothing or only scratch objects. */
function expiredScope(rule: Record<string, unknown>): string | undefined {
  if (typeof rule.Status === 'string' && rule.Status.toLowerCase() !== 'enabled') return undefined;
  if (rule.Expiration === undefined && rule.NoncurrentVersionExpiration === undefined) return undefined;
  const filter = (rule.Filter ?? {}) as Record<string, unknown>;
  const and = (filter.And ?? {}) as Record<string, unknown>;
  const prefix = [filter.Prefix, and.Prefix, rule.Prefix].find((v): v is string => typeof v === 'string' && v !== '');
  if (prefix === undefined) return filter.Tag !== undefined || and.Tags !== undefined ? 'the tagged objects' : 'every object';
  return SCRATCH_PREFIX.test(prefix) ? undefined : `the objects under ${prefix}`;
}

/** What a lifecycle configuration expires (bounded), or undefined when it keeps the bucket's data. */
export function expiredObjects(config: string): string[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(config);
  } catch {
    return /Expiration/i.test(config) ? ['objects (a configuration that could not be parsed)'] : undefined;
  }
  const rules = (parsed as { Rules?: unknown }).Rules;
  if (!Array.isArray(rules)) return undefined;
  const scopes = rules.slice(0, 1000).map((r) => (r !== null && typeof r === 'object' ? expiredScope(r as Record<string, unknown>) : undefined)).filter((x): x is string => x !== undefined);
  return scopes.length > 0 ? [...new Set(scopes)] : undefined;
}

/**
 * `aws s3api put-bucket-lifecycle-configuration` replaces the bucket's lifecycle: a rule that expires
 * every object (or the objects under a kept prefix) deletes them within a day, with no undo. The
 * configuration comes inline or as `file://`; one that cannot be read could expire anything.
 */
function checkLifecycle(inv: Invocation, ctx: RuleContext, args: ReturnType<typeof cliArgs>): Finding[] {
  // `--cli-input-json` carries the whole request: the bucket and the configuration inside it.
  const request = flagValues(args, ['--cli-input-json']).map((v) => batchText(v, inv, ctx));
  const fromRequest = request.map((text) => {
    try {
      return text === undefined ? undefined : (JSON.parse(text) as { Bucket?: unknown; LifecycleConfiguration?: unknown });
    } catch {
      return undefined;
    }
  });
  const bucket = flagValues(args, ['--bucket'])[0] ?? fromRequest.map((r) => (typeof r?.Bucket === 'string' ? r.Bucket : undefined)).find((b) => b !== undefined) ?? '(bucket not named)';
  const profile = flagValues(args, ['--profile'])[0];
  const sources = [{ source: '--bucket', value: bucket }, ...(profile !== undefined ? [{ source: '--profile', value: profile }] : [])];
  const env = ctx.environmentOf({ values: [bucket], sources, remote: true });
  const target = { kind: 'bucket' as const, name: `S3 bucket ${bucket}`, provider: 'aws', remote: true, environment: env.environment, environmentReason: env.reason };
  const configurations = [
    ...flagValues(args, ['--lifecycle-configuration']).map((value) => ({ value, text: batchText(value, inv, ctx) })),
    ...flagValues(args, ['--cli-input-json']).map((value, i) => ({ value, text: request[i] === undefined ? undefined : fromRequest[i] === undefined ? request[i] : JSON.stringify(fromRequest[i]?.LifecycleConfiguration ?? {}) })),
  ];
  for (const { value, text } of configurations) {
    if (text === undefined) {
      return [{ rule: 'lifecycle.unreadable', risk: 'unanalyzable', severity: 'ask', reason: `The lifecycle configuration ${value} cannot be read in advance; it may expire every object of ${bucket}.`, targets: [target] }];
    }
    const expired = expiredObjects(text);
    if (expired) {
      return [{ rule: 'lifecycle.expire', risk: 'destructive', severity: 'ask', reason: `Sets a lifecycle on the S3 bucket ${bucket} that expires ${expired.slice(0, 3).join(', ')}: S3 deletes them for good.`, targets: [target] }];
    }
  }
  return [];
}

/** What a Cloud Storage lifecycle (`{"rule":[{"action":{"type":"Delete"},"condition":{…}}]}`) deletes, or undefined. */
export function deletedGcsObjects(config: string): string[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(config);
  } catch {
    return /"Delete"/.test(config) ? ['objects (a configuration that could not be parsed)'] : undefined;
  }
  const root = parsed as { rule?: unknown; lifecycle?: { rule?: unknown } };
  const rules = root.rule ?? root.lifecycle?.rule;
  // Another form (an S3 lifecycle's `Rules`/`Expiration` given to gsutil) that still speaks of expiry: not read as keeping the data.
  if (!Array.isArray(rules)) return /"(Expiration|NoncurrentVersionExpiration|Delete|delete|expire|Expire)"/.test(config) ? ['objects (by expiry rules in a form not read as a Cloud Storage lifecycle)'] : undefined;
  const scopes: string[] = [];
  for (const r of rules.slice(0, 1000)) {
    const rule = (r ?? {}) as { action?: { type?: unknown }; condition?: { matchesPrefix?: unknown } };
    if (typeof rule.action?.type !== 'string' || rule.action.type.toLowerCase() !== 'delete') continue;
    const prefixes = Array.isArray(rule.condition?.matchesPrefix) ? rule.condition.matchesPrefix.filter((x): x is string => typeof x === 'string' && x !== '') : [];
    if (prefixes.length === 0) scopes.push('every object');
    else if (!prefixes.every((x) => SCRATCH_PREFIX.test(x))) scopes.push(`the objects under ${prefixes.join(', ')}`);
  }
  return scopes.length > 0 ? [...new Set(scopes)] : undefined;
}

/** `gsutil lifecycle set FILE gs://b` and `gcloud storage buckets update gs://b --lifecycle-file=FILE`. */
function checkGcsLifecycle(inv: Invocation, ctx: RuleContext, file: string, buckets: readonly string[], project: string | undefined): Finding[] {
  const bucket = buckets.join(', ') || '(bucket not named)';
  const sources = [...buckets.map((b) => ({ source: 'bucket', value: b })), ...(project !== undefined ? [{ source: '--project', value: project }] : [])];
  const env = ctx.environmentOf({ values: [...buckets], sources, remote: true });
  const target = { kind: 'bucket' as const, name: `Cloud Storage bucket ${bucket}`, provider: 'gcp', remote: true, environment: env.environment, environmentReason: env.reason };
  const text = /[$`]/.test(file) ? undefined : ctx.facts.readFile(resolvePath(resolvePath(ctx.facts.cwd, inv.cwd, ctx.facts.home), file, ctx.facts.home));
  if (text === undefined) {
    return [{ rule: 'lifecycle.unreadable', risk: 'unanalyzable', severity: 'ask', reason: `The lifecycle configuration ${file} cannot be read in advance; it may delete every object of ${bucket}.`, targets: [target] }];
  }
  const deleted = deletedGcsObjects(text);
  return deleted ? [{ rule: 'lifecycle.expire', risk: 'destructive', severity: 'ask', reason: `Sets a lifecycle on ${bucket} that deletes ${deleted.slice(0, 3).join(', ')}: Cloud Storage deletes them for good.`, targets: [target] }] : [];
}

function checkInvocation(inv: Invocation, ctx: RuleContext): Finding[] {
  const spec = toolNamed(inv.name);
  if (!spec) return [];
  const args = cliArgs(parsedArgs(inv.args, spec), spec, inv.args);
  const words = args.positionals.map((w) => w.text);
  if (inv.name === 'gsutil' && words[0] === 'lifecycle' && words[1] === 'set' && words[2] !== undefined) return checkGcsLifecycle(inv, ctx, words[2], words.slice(3), flagValues(args, ['-u'])[0]);
  if (inv.name === 'gcloud' && words[0] === 'storage' && words[1] === 'buckets' && words[2] === 'update') {
    const file = flagValues(args, ['--lifecycle-file'])[0];
    if (file !== undefined) return checkGcsLifecycle(inv, ctx, file, words.slice(3), flagValues(args, ['--project'])[0]);
  }
  if (words[0] === 's3api' && /^put-bucket-lifecycle(-configuration)?$/.test(words[1] ?? '') && !hasFlag(args, ['--dry-run'])) return checkLifecycle(inv, ctx, args);
  if (words[0] !== 'route53' || words[1] !== 'change-resource-record-sets') return [];
  const zone = flagValues(args, ['--hosted-zone-id'])[0] ?? '(zone not named)';
  const profile = flagValues(args, ['--profile'])[0];
  const sources = [{ source: '--hosted-zone-id', value: zone }, ...(profile !== undefined ? [{ source: '--profile', value: profile }] : [])];
  const env = ctx.environmentOf({ values: [], sources, remote: true });
  const target = { kind: 'resource' as const, name: `Route 53 zone ${zone}`, provider: 'aws', remote: true, environment: env.environment, environmentReason: env.reason };
  const batches = flagValues(args, ['--change-batch']);
  for (const value of batches) {
    const text = batchText(value, inv, ctx);
    if (text === undefined) {
      return [{ rule: 'dns.change-batch-unreadable', risk: 'unanalyzable', severity: 'ask', reason: `The Route 53 change batch ${value} cannot be read in advance; it may delete records of ${zone}.`, targets: [target] }];
    }
    const replaced = replacedRecords(text);
    if (replaced && !deletedRecords(text)) {
      const shown = replaced.slice(0, 3).join(', ') + (replaced.length > 3 ? ` and ${replaced.length - 3} more` : '');
      return [{ rule: 'dns.change-batch-upsert', risk: 'destructive', severity: 'ask', reason: `Replaces (UPSERT) the DNS records ${shown} in the Route 53 zone ${zone}: traffic for those names goes where the new records point, and the old values are not kept.`, targets: [target] }];
    }
    const deleted = deletedRecords(text);
    if (deleted) {
      const shown = deleted.slice(0, 3).join(', ') + (deleted.length > 3 ? ` and ${deleted.length - 3} more` : '');
      return [{ rule: 'dns.change-batch-delete', risk: 'destructive', severity: 'ask', reason: `Deletes the DNS records ${shown} from the Route 53 zone ${zone}.`, targets: [target] }];
    }
  }
  return [];
}

export const changeBatchesPack: RulePack = {
  id: 'dns',
  title: 'DNS change batches that delete records, bucket lifecycles that expire objects',
  commands: ['aws', 'gsutil', 'gcloud'],
  checkInvocation,
};
