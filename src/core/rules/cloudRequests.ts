import type { ArgWord, Finding, Invocation, RuleContext, RulePack } from '../policy/types';
import { resolvePath } from '../paths';
import { cliArgs, hasFlag } from '../registry/args';
import { parsedArgs, toolNamed } from '../registry/commandModel';
import { cloudPack } from './cloud';
import { safetyNetPack } from './safetyNet';
import { changeBatchesPack } from './changeBatches';
import { accessGrantsPack } from './accessGrants';

/**
 * AWS requests whose parameters live in a file or a JSON document (`--cli-input-json file://req.json`,
 * `--cli-input-yaml`, `--versioning-configuration file://v.json`): judged as if every parameter had
 * been written inline. The request is read (the file as it is now), turned back into the options it
 * stands for (`"DeletionProtection": false` is `--no-deletion-protection`, `"RetentionInDays": 1` is
 * `--retention-in-days 1`, a payload file's text replaces its `file://` name), and the cloud and
 * safety-net packs judge that invocation. A whole request that cannot be read asks, unless the operation
 * only reads.
 */

const INPUT_OPTIONS = ['--cli-input-json', '--cli-input-yaml'];
/** Operations that only read: their request can hold nothing destructive. */
const READS = /^(describe|list|get|head|search|query|scan|batch-get|lookup|select|validate|estimate|test|preview|simulate|filter|wait)(-|$)/;

const OWN_READERS = /^(s3api put-bucket-lifecycle(-configuration)?|route53 change-resource-record-sets)$/;

function word(text: string): ArgWord {
  return { text, raw: text, dynamic: false, glob: false };
}

/** `file://x` / `fileb://x` read from the invocation's folder; other values are the text itself; undefined when unreadable. */
function payloadText(value: string, inv: Invocation, ctx: RuleContext): string | undefined {
  const file = /^(file|fileb):\/\/(.+)$/.exec(value)?.[2];
  if (file === undefined) return value;
  if (/[$`]/.test(file)) return undefined;
  return ctx.facts.readFile(resolvePath(resolvePath(ctx.facts.cwd, inv.cwd, ctx.facts.home), file, ctx.facts.home));
}

/** A small reader for the YAML the AWS CLI skeletons use: `Key: value` lines, nesting by indentation. */
function yamlObject(text: string): Record<string, unknown> | undefined {
  const root: Record<string, unknown> = {};
  const stack: { indent: number; obj: Record<string, unknown> }[] = [{ indent: -1, obj: root }];
  for (const line of text.split('\n').slice(0, 2000)) {
    if (/^\s*(#|$)/.test(line)) continue;
    const m = /^(\s*)(?:-\s+)?([A-Za-z_][\w.-]*)\s*:\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    const indent = m[1]!.length;
    while (stack.length > 1 && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const parent = stack[stack.length - 1]!.obj;
    const raw = m[3]!.replace(/^["']|["']$/g, '');
    if (raw === '') {
      const child: Record<string, unknown> = {};
      parent[m[2]!] = child;
      stack.push({ indent, obj: child });
    } else parent[m[2]!] = /^(true|false)$/i.test(raw) ? raw.toLowerCase() === 'true' : /^-?\d+$/.test(raw) ? Number(raw) : raw;
  }
  return Object.keys(root).length > 0 ? root : undefined;
}

function requestObject(text: string, yaml: boolean): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return yaml ? yamlObject(text) : undefined;
  }
}

/** `DBInstanceIdentifier` -> `db-instance-identifier`, `retentionInDays` -> `retention-in-days`. */
function kebab(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2').toLowerCase();
}

/** The options a request's parameters stand for, as the AWS CLI spells them. */
function requestOptions(request: Record<string, unknown>): ArgWord[] {
  const out: ArgWord[] = [];
  for (const [key, raw] of Object.entries(request).slice(0, 200)) {
    // EC2's attribute structures (`{"Value": false}`) are given on the command line as the bare value.
    const value = raw !== null && typeof raw === 'object' && !Array.isArray(raw) && Object.keys(raw).length === 1 && 'Value' in raw ? (raw as { Value: unknown }).Value : raw;
    const name = kebab(key);
    if (typeof value === 'boolean') out.push(word(value ? `--${name}` : `--no-${name}`));
    else if (typeof value === 'string' || typeof value === 'number') out.push(word(`--${name}`), word(String(value)));
    else if (value !== null && value !== undefined) out.push(word(`--${name}`), word(JSON.stringify(value)));
  }
  return out;
}

function checkRequests(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.name !== 'aws') return [];
  const spec = toolNamed('aws');
  if (!spec) return [];
  const parsed = parsedArgs(inv.args, spec);
  const args = cliArgs(parsed, spec, inv.args);
  if (hasFlag(args, ['--dry-run', '--help', '--generate-cli-skeleton'])) return [];
  const payloads = parsed.options.filter((o) => INPUT_OPTIONS.includes(o.name) || o.values.some((v) => /^fileb?:\/\//.test(v)));
  if (payloads.length === 0) return [];
  const operation = parsed.path.join(' ');
  // Lifecycle configurations and Route 53 change batches given as their own option are read by their own pack (changeBatches.ts), rule by rule.
  const whole = parsed.options.some((o) => INPUT_OPTIONS.includes(o.name));
  if (OWN_READERS.test(operation) && !whole) return [];
  const reads = READS.test(parsed.path[1] ?? '');
  const rebuilt: ArgWord[] = parsed.path.map(word);
  const sources: string[] = [];
  for (const o of parsed.options) {
    const isInput = INPUT_OPTIONS.includes(o.name);
    if (!payloads.includes(o)) {
      rebuilt.push(word(o.name), ...o.valueWords);
      continue;
    }
    for (const value of o.values) {
      const text = payloadText(value, inv, ctx);
      if (text === undefined) {
        if (reads || !/^fileb?:\/\//.test(value)) continue;
        // A change whose document (a policy, the items to write, the request) is a file that cannot be read here could be anything.
        return [{ rule: 'cloud-request.unreadable', risk: 'unanalyzable', severity: 'ask', reason: `\`aws ${operation}\` takes ${isInput ? 'its parameters' : `its ${o.name}`} from ${value}, which cannot be read in advance: it may delete data, grant access or remove a protection.`, targets: [{ kind: 'resource', name: value, provider: 'aws', remote: true, environment: 'production', environmentReason: 'an AWS request whose target cannot be read is treated as production' }] }];
      }
      sources.push(value);
      if (isInput) {
        const request = requestObject(text, o.name === '--cli-input-yaml');
        if (request === undefined) {
          if (reads) continue;
          return [{ rule: 'cloud-request.unreadable', risk: 'unanalyzable', severity: 'ask', reason: `\`aws ${operation}\` takes its parameters from ${value}, which cannot be parsed: it may delete data or remove a protection.`, targets: [{ kind: 'resource', name: value, provider: 'aws', remote: true, environment: 'production', environmentReason: 'an AWS request whose target cannot be read is treated as production' }] }];
        }
        rebuilt.push(...requestOptions(request));
      } else rebuilt.push(word(o.name), word(text.trim()));
    }
  }
  if (reads || sources.length === 0) return [];
  const inline: Invocation = { ...inv, args: rebuilt };
  const findings = [...cloudPack.checkInvocation!(inline, ctx), ...safetyNetPack.checkInvocation!(inline, ctx), ...(OWN_READERS.test(operation) ? changeBatchesPack.checkInvocation!(inline, ctx) : []), ...accessGrantsPack.checkInvocation!(inline, ctx)];
  const from = sources.map((s) => (s.length > 80 ? `${s.slice(0, 77)}…` : s)).join(', ');
  return findings
    .filter((f) => f.severity !== 'info')
    .map((f) => ({ ...f, rule: `cloud-request.${f.rule}`, reason: `${f.reason} (parameters read from ${from})` }));
}

export const cloudRequestsPack: RulePack = {
  id: 'cloud-request',
  title: 'AWS requests given as JSON or YAML documents, judged as if written inline',
  commands: ['aws'],
  checkInvocation: checkRequests,
};
