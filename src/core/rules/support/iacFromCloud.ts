import type { Finding, RuleContext, Target } from '../../policy/types';
import type { KindReading } from './floorLoad';

/**
 * Stop 40 (round 34 held out: `terraformer import aws --resources=vpc,subnet --path-output /tmp/tfimport`, `former2 generate
 * --output-cloudformation /tmp/cfn.yml --services EC2,RDS`, `cf-terraforming generate --resource-type cloudflare_record`):
 * infrastructure code generated from a live cloud account. The account is read, nothing in it changes, and what is written
 * lands here (an output option, or standard output): allowed, and marked production, since the account's environment is not
 * named. An import with no output of its own here stays the store-import rule's (support/floorImports.ts).
 */

const GENERATES = /^(import|generate|export|codegen|scaffold)$/i;
const CLOUD = /^(aws|google|gcp|azure|azurerm|cloudflare|digitalocean|do|linode|hetzner|oci|alicloud|ibm|openstack|vultr|fastly|datadog|github|okta|kubernetes|k8s)$/i;
const SELECTS = /^--?(resources?|resource-types?|services?|zone|zones|regions?|projects?|subscription|account|tenant)$/i;
const OUTPUT = /^--?((path|output|out)[-_]?[\w-]*|[\w-]*[-_](output|out|dir))$/i;

export function iacFromCloud(tool: string, reading: KindReading, ctx: RuleContext): Finding | undefined {
  const words = reading.positionals.filter((w) => !reading.maybeValues.has(w.index)).slice(0, 2).map((w) => w.text);
  const verb = words.find((w) => GENERATES.test(w));
  if (verb === undefined) return undefined;
  const provider = words.find((w) => CLOUD.test(w));
  const selected = reading.options.find((o) => SELECTS.test(o.name));
  const output = reading.options.find((o) => OUTPUT.test(o.name) && (o.value ?? o.next ?? '') !== '');
  // An import writes into a store unless its output is named here; a generator writes to standard output by default.
  if ((provider === undefined && selected === undefined) || (/^import$/i.test(verb) && output === undefined)) return undefined;
  if (output !== undefined && /^[a-z][\w+.-]*:\/\//i.test(output.value ?? output.next ?? '')) return undefined;
  const env = ctx.environmentOf({ values: reading.options.filter((o) => o !== output).map((o) => o.value ?? o.next ?? '').filter((v) => v !== '' && !/^[~./]/.test(v)), remote: true });
  if (env.environment === 'non-production' || env.environment === 'local') return undefined;
  const account = provider !== undefined ? `the ${provider} account` : `the account ${tool} reads`;
  const target: Target = { kind: 'resource', name: account, provider: tool, remote: true, environment: 'production', environmentReason: env.environment === 'production' ? env.reason : 'a live cloud account (environment not named: treated as production)' };
  return { rule: 'verbs.production-access', risk: 'production-access', severity: 'info', reason: `\`${tool} ${verb}\` reads ${account} and writes code for what it holds ${output !== undefined ? `to ${output.value ?? output.next}` : 'to standard output'}; nothing there changes.`, targets: [target] };
}
