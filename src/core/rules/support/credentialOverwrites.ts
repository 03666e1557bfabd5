import type { Finding, Invocation, RuleContext } from '../../policy/types';
import { invocationCommand, toolArgs } from '../../registry/commandModel';
import { dumpTarget } from './huntCommon';

/**
 * CLI setters that write a credential into the store other commands sign in with: `aws configure set
 * aws_secret_access_key …` replaces the profile's key in ~/.aws/credentials, `kubectl config
 * set-credentials NAME --token=…` (or `--password`, `--client-key`) a kubeconfig user's. What was there is lost, and every later command
 * signs in as whoever the new value belongs to. Read through the tools' registry entries.
 */

/** `aws configure set KEY VALUE`: the keys that are credentials. */
const AWS_SECRET_KEYS = /^(\w+\.)?(aws_secret_access_key|aws_access_key_id|aws_session_token)$/;

export function checkCredentialOverwrites(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.name !== 'aws' && inv.name !== 'kubectl' && inv.name !== 'oc') return [];
  const command = invocationCommand(inv);
  if (!command) return [];
  const { tool, parsed } = command;
  const words = [...parsed.path, ...parsed.operands.map((w) => w.text)];
  let what: string | undefined;
  let names: string[] = [];
  if (inv.name === 'aws' && words[0] === 'configure' && words[1] === 'set' && AWS_SECRET_KEYS.test(words[2] ?? '')) {
    const profile = toolArgs(inv.name, parsed, tool).value('--profile') ?? /^(\w+)\./.exec(words[2] ?? '')?.[1] ?? 'default';
    what = `${words[2]} of the AWS profile ${profile} in ~/.aws/credentials`;
    names = [profile];
  } else if (inv.name !== 'aws' && words[0] === 'config' && words[1] === 'set-credentials' && words[2] !== undefined && toolArgs(inv.name, parsed, tool).values('--token', '--password', '--client-key').length > 0) {
    // Only a literal secret written over the user's (an exec plugin or a user name writes none).
    what = `the credentials of the kubeconfig user ${words[2]}`;
    names = [words[2]];
  }
  if (what === undefined) return [];
  return [{
    rule: 'credentials.overwrite',
    risk: 'credential-read',
    severity: 'ask',
    reason: `${inv.name} ${words.slice(0, 2).join(' ')} replaces ${what}: the credential there now is lost, and later commands sign in with the new one.`,
    targets: [dumpTarget(what, ctx, true, names)],
  }];
}
