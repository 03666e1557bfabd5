/**
 * An AWS SDK call in interpreter code is the AWS CLI command of the same operation: boto3's
 * `client('logs').delete_log_group(logGroupName='/aws/prod')` is `aws logs delete-log-group
 * --log-group-name /aws/prod`, the JavaScript v3 `new DeleteLogGroupCommand({…})` sent by a
 * `@aws-sdk/client-cloudwatch-logs` client is the same, and `Aws::KMS::Client.new.disable_key(key_id: …)`
 * too (the CLI's names are the API's, kebab-cased: AWS CLI reference, "aws help"). Each call is then
 * judged by the aws registry entry and the packs, as if typed: what it destroys, what protection it
 * lowers (a public ACL, `--publicly-accessible`, `AuthType NONE`, `0.0.0.0/0`), its endpoint (a local
 * `endpoint_url`) and its production reading, in one place for the CLI and the SDKs.
 */

import { identifierParts } from './cliArgs';
import { splitArguments } from '../../shell/codeArguments';
import { argumentText } from './sdkCalls';

/** boto3 and SDK service names whose CLI name differs (S3's API operations live under `aws s3api`). */
const SERVICE_NAMES: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  s3: 's3api', 'cloudwatch-logs': 'logs', 'cognito-identity-provider': 'cognito-idp', 'elastic-load-balancing-v2': 'elbv2', 'elastic-load-balancing': 'elb',
  'api-gateway': 'apigateway', 'apigatewayv2': 'apigatewayv2', 'secrets-manager': 'secretsmanager', 'event-bridge': 'events', eventbridge: 'events', 'auto-scaling': 'autoscaling',
  'cloudwatch-events': 'events', cloudwatchlogs: 'logs', cognitoidentityprovider: 'cognito-idp', secretsmanager: 'secretsmanager', 'elasticsearch-service': 'es', 'application-auto-scaling': 'application-autoscaling', 'resource-groups-tagging-api': 'resourcegroupstaggingapi',
});

/** Operations a queue consumer makes for every message it handles (the message is done, not lost): routine. */
const CONSUMER_ACKS = /^(delete-message|delete-message-batch|change-message-visibility(-batch)?)$/;

function cliService(name: string): string {
  const n = name.toLowerCase();
  return SERVICE_NAMES[n] ?? n;
}

/** `DBInstanceIdentifier` → `db-instance-identifier`, `delete_log_group` → `delete-log-group`. */
function kebab(name: string): string {
  return identifierParts(name).join('-');
}

/** A shell word: single-quoted. */
function quote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A Python or JavaScript literal as JSON (`{'Action': 'DELETE'}` → `{"Action":"DELETE"}`); names the code computes become strings. */
export function asJson(value: string): string {
  return value
    .replace(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|`([^`]*)`|\b(True|true)\b|\b(False|false)\b|\b(None|null|undefined)\b|(-?\d+(?:\.\d+)?)|([A-Za-z_$][\w$.]*(?:\([^()]*\))?)/g, (m, s1?: string, s2?: string, s3?: string, t?: string, f?: string, n?: string, num?: string) => {
      if (s1 !== undefined || s2 !== undefined || s3 !== undefined) return JSON.stringify(s1 ?? s2 ?? s3 ?? '');
      if (t) return 'true';
      if (f) return 'false';
      if (n) return 'null';
      if (num) return num;
      return JSON.stringify(m);
    })
    .replace(/([{,]\s*)"?([A-Za-z_$][\w$]*)"?\s*:/g, '$1"$2":');
}

/** Keyword arguments (`Name='x'`, `name: 'x'`, a JavaScript object's keys) as name and value text. */
export function keywordArguments(args: string): [string, string][] {
  const pieces = splitArguments(args);
  // A single object literal (JavaScript, Ruby hash): its keys are the parameters.
  const inner = pieces.length === 1 && /^\{[\s\S]*\}$/.test(pieces[0]!) ? splitArguments(pieces[0]!.slice(1, -1)) : pieces;
  const out: [string, string][] = [];
  for (const piece of inner) {
    const m = /^["']?([A-Za-z_$][\w$]*)["']?\s*(?:=(?!=)|:(?!:)|=>)\s*([\s\S]+)$/.exec(piece);
    if (m) out.push([m[1]!, m[2]!.trim()]);
  }
  return out;
}

/** The CLI words of keyword arguments: strings as they are, booleans as flags, structures as JSON, computed values as a name. */
function optionWords(pairs: readonly [string, string][]): string[] {
  const words: string[] = [];
  for (const [name, written] of pairs) {
    const option = kebab(name);
    // AWS's boolean attribute structure (`DisableApiTermination={'Value': False}`) is the CLI's `--[no-]option`.
    const value = /^\{\s*["']?Value["']?\s*:\s*(True|true|False|false)\s*\}$/.exec(written)?.[1] ?? written;
    if (/^(True|true)$/.test(value)) words.push(`--${option}`);
    else if (/^(False|false)$/.test(value)) words.push(`--no-${option}`);
    else if (/^(['"`])[\s\S]*\1$/.test(value)) words.push(`--${option}`, quote(value.slice(1, -1)));
    else if (/^-?\d+(\.\d+)?$/.test(value)) words.push(`--${option}`, value);
    else if (/^[[{]/.test(value)) words.push(`--${option}`, quote(asJson(value)));
    else words.push(`--${option}`, quote(value.replace(/\W+/g, '_').slice(0, 40) || 'value'));
  }
  return words;
}

export interface AwsCall {
  /** The call as written, for the reason. */
  call: string;
  /** The AWS CLI command it stands for. */
  command: string;
}

interface Client {
  service: string;
  globals: string[];
}

/** Where a client is made (`boto3.client('logs', endpoint_url=…)`, `Session(profile_name=…).client(…)`, `new S3Client({endpoint})`): its CLI global options. */
function globalsOf(args: string, before: string): string[] {
  const out: string[] = [];
  for (const [name, value] of [...keywordArguments(args), ...keywordArguments(/profile_name\s*=\s*['"][^'"]+['"]/.exec(before)?.[0] ?? '')]) {
    const literal = /^(['"`])([^'"`]*)\1$/.exec(value)?.[2];
    if (literal === undefined) continue;
    if (/^(endpoint_url|endpoint)$/.test(name)) out.push('--endpoint-url', quote(literal));
    else if (/^(region_name|region)$/.test(name)) out.push('--region', quote(literal));
    else if (name === 'profile_name') out.push('--profile', quote(literal));
  }
  return out;
}

/** boto3's `client('svc', …)` calls and the names they are bound to; the inline ones by position. */
function boto3Clients(code: string): { bound: Map<string, Client>; inline: { end: number; client: Client }[] } {
  const bound = new Map<string, Client>();
  const inline: { end: number; client: Client }[] = [];
  for (const m of code.matchAll(/(?:\b([\w$]+)\s*=\s*)?((?:[\w$.]+(?:\([^()]*\))?\.)?client)\s*\(\s*['"]([\w-]+)['"]/g)) {
    const open = (m.index ?? 0) + m[0].indexOf('(', m[0].lastIndexOf('client'));
    const args = argumentText(code, open);
    const client = { service: cliService(m[3]!), globals: globalsOf(args, m[2]!.includes('(') ? m[2]! : code.slice(0, m.index ?? 0)) };
    if (m[1]) bound.set(m[1], client);
    inline.push({ end: open + args.length + 2, client });
  }
  return { bound, inline };
}

/** The AWS CLI commands the boto3 calls of `code` stand for (at most eight). */
export function boto3Commands(code: string): AwsCall[] {
  if (!/\bclient\s*\(/.test(code)) return [];
  const { bound, inline } = boto3Clients(code);
  const out: AwsCall[] = [];
  for (const m of code.matchAll(/(?:\b([\w$]+)|(\)))\s*\.\s*([a-z][a-z0-9_]*)\s*\(/g)) {
    const at = (m.index ?? 0) + (m[1]?.length ?? 1);
    const client = m[1] !== undefined ? bound.get(m[1]) : inline.find((c) => c.end === at)?.client;
    if (!client || m[3] === 'client') continue;
    const operation = kebab(m[3]!);
    if (CONSUMER_ACKS.test(operation) || /^(get-paginator|get-waiter|can-paginate|close|generate-presigned-(url|post))$/.test(operation)) continue;
    const args = argumentText(code, (m.index ?? 0) + m[0].length - 1);
    out.push({ call: `${m[3]}(${args.length > 60 ? `${args.slice(0, 57)}…` : args})`, command: ['aws', ...client.globals, client.service, operation, ...optionWords(keywordArguments(args))].join(' ') });
    if (out.length >= 8) break;
  }
  return out;
}

/** The AWS CLI commands of JavaScript v3 commands (`new DeleteLogGroupCommand({…})` with `@aws-sdk/client-cloudwatch-logs` loaded). */
export function awsJsCommands(code: string): AwsCall[] {
  const pkg = /@aws-sdk\/client-([\w-]+)/.exec(code);
  if (!pkg) return [];
  const service = cliService(pkg[1]!);
  const out: AwsCall[] = [];
  for (const m of code.matchAll(/\bnew\s+([A-Z]\w*?)Command\s*\(/g)) {
    const args = argumentText(code, (m.index ?? 0) + m[0].length - 1);
    const operation = kebab(m[1]!);
    if (CONSUMER_ACKS.test(operation)) continue;
    out.push({ call: `new ${m[1]}Command(…)`, command: ['aws', service, operation, ...optionWords(keywordArguments(args))].join(' ') });
    if (out.length >= 8) break;
  }
  return out;
}

/** The AWS CLI commands of Ruby's `Aws::<Service>::Client.new(…).<operation>(…)` calls (bound to a name or inline). */
export function awsRubyCommands(code: string): AwsCall[] {
  const out: AwsCall[] = [];
  const bound = new Map<string, string>();
  for (const m of code.matchAll(/\b(\w+)\s*=\s*Aws::(\w+)::Client\.new\b/g)) bound.set(m[1]!, m[2]!);
  for (const m of code.matchAll(/(?:Aws::(\w+)::Client\.new(?:\([^()]*\))?|\b(\w+))\s*\.\s*([a-z]\w*)\s*(\(|(?=[\s;)]|$))/g)) {
    const service = m[1] ?? (m[2] !== undefined ? bound.get(m[2]) : undefined);
    if (!service || m[3] === 'new') continue;
    const operation = kebab(m[3]!);
    if (CONSUMER_ACKS.test(operation)) continue;
    const args = m[4] === '(' ? argumentText(code, (m.index ?? 0) + m[0].length - 1) : '';
    out.push({ call: `${m[3]}(${args.length > 60 ? `${args.slice(0, 57)}…` : args})`, command: ['aws', cliService(service.toLowerCase()), operation, ...optionWords(keywordArguments(args))].join(' ') });
    if (out.length >= 8) break;
  }
  return out;
}
