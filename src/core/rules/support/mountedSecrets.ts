import type { Finding, Invocation, RuleContext } from '../../policy/types';
import { runsCommandsElsewhere, toolNamed } from '../../registry/commandModel';
import { METADATA_ONLY } from '../../registry/fileOperandTraits';
import { dump, dumpTarget, isSecretVariableName } from './huntCommon';

/**
 * Secrets no index on this machine can list: the files an orchestrator mounts into a container
 * (`kubectl exec api-0 -- cat /var/run/secrets/kubernetes.io/serviceaccount/token`, Docker's
 * `/run/secrets/NAME`, EKS and Azure workload identity tokens), and Terraform's console fed an
 * expression that evaluates a secret (`terraform console <<< 'var.db_password'`, a resource's
 * `aws_db_instance.main.password` from state, `nonsensitive(…)`).
 */

const MOUNTED = /^\/(?:var\/)?run\/secrets\/(?:kubernetes\.io\/serviceaccount\/(?:token|ca\.crt)|eks\.amazonaws\.com\/serviceaccount\/token|azure\/tokens\/[\w.-]+|[\w.-]+)$/;

export function checkMountedSecrets(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.name === '' || METADATA_ONLY.has(inv.name)) return [];
  // `kubectl exec pod -- cat …`: the command run in the container is judged as its own invocation.
  const tool = toolNamed(inv.name);
  if (tool && runsCommandsElsewhere(tool)) return [];
  const hit = [...inv.args, ...inv.redirects.filter((r) => r.op === '<').map((r) => r.target)].find((a) => MOUNTED.test(a.text));
  if (!hit || hit.text.endsWith('ca.crt')) return [];
  return [dump('mounted-secret', `${inv.name} reads ${hit.text}, a secret mounted into the container it runs in.`, dumpTarget(hit.text, ctx, true, inv.args.map((a) => a.text)))];
}

/** Names a console expression evaluates: `var.db_password`, `output.token`, `local.secret`, `nonsensitive(x)`. */
export function checkConsoleSecrets(inv: Invocation, ctx: RuleContext): Finding[] {
  if ((inv.name !== 'terraform' && inv.name !== 'tofu') || !inv.args.some((a) => a.text === 'console')) return [];
  const text = inv.stdin?.kind === 'heredoc' || inv.stdin?.kind === 'herestring' ? inv.stdin.text : inv.stdin?.kind === 'pipe' ? undefined : '';
  if (text === '') return [];
  // Every word of a reference (`var.db_password`, `aws_db_instance.main.password`, `random_password.db.result`):
  // a resource's attribute read from state is printed like a variable.
  const names = text === undefined ? [] : [...text.matchAll(/\b[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[[^\]]*\])+/g)].flatMap((m) => m[0].split(/[.[\]]+/)).filter((n) => n !== '' && !/^(var|local|output|module|data)$/.test(n));
  const secret = names.find((n) => isSecretVariableName(n) || /password|secret|token|private|credential/i.test(n));
  if (text !== undefined && !secret && !/\bnonsensitive\s*\(/.test(text)) return [];
  const what = secret !== undefined ? `the value of ${secret}` : text === undefined ? 'expressions piped in (the guard cannot see which)' : 'a value marked sensitive (nonsensitive)';
  return [dump('dump', `${inv.name} console prints ${what} in plain text.`, dumpTarget('Terraform variables and state', ctx, true, inv.args.map((a) => a.text)))];
}
checkConsoleSecrets.reactsTo = (name: string): boolean => name === 'terraform' || name === 'tofu';
