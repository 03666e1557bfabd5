import type { CodeSnippet, Finding, RuleContext } from '../../policy/types';
import { dump, dumpTarget } from './huntCommon';

/**
 * Code that asks a cloud SDK's credential chain for the resolved keys themselves: boto3's
 * `get_credentials().get_frozen_credentials()` or `.secret_key`, the AWS JS SDK's providers
 * (`fromIni()`, `fromNodeProviderChain()`) with the secret key read back. No credential file is named:
 * the SDK finds it (environment, ~/.aws, instance metadata), and the code gets the secret.
 */
const RESOLVERS: readonly { re: RegExp; what: string }[] = [
  { re: /get_credentials\(\s*\)[\s\S]*?(\.\s*secret_key\b|\.\s*token\b)|get_frozen_credentials\s*\(/, what: 'the AWS keys boto3 resolves' },
  { re: /\b(fromIni|fromNodeProviderChain|defaultProvider|fromEnv|fromInstanceMetadata|fromContainerMetadata)\s*\([\s\S]*secretAccessKey/, what: 'the AWS keys the SDK resolves' },
];

export function checkSdkResolvers(snippet: CodeSnippet, ctx: RuleContext): Finding[] {
  const hit = RESOLVERS.find((r) => r.re.test(snippet.text));
  if (!hit) return [];
  return [dump('dump', `A ${snippet.language} snippet run by ${snippet.runner.name} asks the SDK's credential chain for ${hit.what}.`, dumpTarget(hit.what, ctx))];
}
