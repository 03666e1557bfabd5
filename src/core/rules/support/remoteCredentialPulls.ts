import { matchCredentialPath } from '../../credentials/credentialPaths';
import type { Finding, Invocation, RuleContext } from '../../policy/types';
import { parsedArgs, toolNamed } from '../../registry/commandModel';
import { freeFormReadings } from '../../registry/freeForm';

/**
 * Credential files pulled from another machine's home: `scp bastion:.aws/credentials /dev/stdout`,
 * `rsync -a bastion:.ssh/ /tmp/k/`, `sftp bastion:.aws/credentials /tmp/c`, `ssh bastion tar cz .aws`.
 * A relative remote path (or `~/…`) is in the remote account's home, so it is matched against the
 * home stores by name alone; a pull of a whole store folder (`.ssh/`, `.aws`) counts too. The host's
 * environment is what its name says, production when nothing says (the rule for unresolved targets).
 * A project file pulled from a server (`scp host:app/logs/today.log .`) stays allowed.
 */

const REMOTE_HOME = '/home/remote-account';
/** Folders of a home that hold credential stores as a whole. */
const STORE_FOLDER = /^(\.ssh|\.aws|\.kube|\.docker|\.gnupg|\.azure|\.config\/gcloud|\.config\/gh|\.password-store|\.doppler|\.terraform\.d)\/?$/;
const COPIERS = new Set(['scp', 'rsync', 'sftp']);
/** Programs that print or pack what they name when run on the far host. */
const REMOTE_READERS = new Set(['cat', 'tar', 'zip', 'base64', 'xxd', 'od', 'head', 'tail', 'cpio', 'gzip', 'less', 'more', 'strings']);

/** The credential a path in a remote home names, if any. */
function remoteCredential(path: string): string | undefined {
  const rel = path.replace(/^~\/?/, '').replace(/^\$HOME\/?/, '');
  if (path.startsWith('/') && !path.startsWith('/home/') && !path.startsWith('/root/')) return undefined;
  if (STORE_FOLDER.test(rel)) return `the ${rel.replace(/\/$/, '')} folder`;
  const abs = path.startsWith('/') ? path : `${REMOTE_HOME}/${rel}`;
  const home = path.startsWith('/') ? (/^\/(root|home\/[^/]+)/.exec(path)?.[0] ?? REMOTE_HOME) : REMOTE_HOME;
  const relHome = abs.slice(home.length + 1);
  if (STORE_FOLDER.test(relHome)) return `the ${relHome.replace(/\/$/, '')} folder`;
  return matchCredentialPath(abs, home)?.label;
}

/** `[user@]host:path` (not a URL, not a local path with a colon later on). */
function remoteOperand(text: string): { host: string; path: string } | undefined {
  const m = /^(?:[^@/:\s]+@)?(\[[^\]]+\]|[A-Za-z0-9][A-Za-z0-9.-]*):(?!\/\/)(.*)$/.exec(text);
  return m ? { host: m[1]!, path: m[2] || '.' } : undefined;
}

function pull(inv: Invocation, ctx: RuleContext, host: string, what: string, how: string): Finding {
  const env = ctx.environmentOf({ values: [host], remote: true });
  const environment = env.environment === 'unknown' ? 'production' : env.environment;
  return {
    rule: 'credentials.remote-pull',
    risk: 'credential-read',
    severity: 'ask',
    reason: `${inv.name} ${how} ${what} from ${host}'s home: another machine's credentials brought here.`,
    targets: [{ kind: 'credential', name: `${what} on ${host}`, remote: true, environment, environmentReason: env.environment === 'unknown' ? `${host}, whose environment nothing names (treated as production)` : env.reason }],
  };
}

export function checkRemoteCredentialPulls(inv: Invocation, ctx: RuleContext): Finding[] {
  if (COPIERS.has(inv.name)) {
    const operands = freeFormReadings(inv.args).usual.operands;
    // The last operand of scp and rsync is where the copy goes; sftp fetches the remote one it names.
    const sources = inv.name === 'sftp' ? operands : operands.slice(0, -1);
    for (const s of sources) {
      const r = remoteOperand(s.text);
      const what = r ? remoteCredential(r.path) : undefined;
      if (r && what) return [pull(inv, ctx, r.host, what, 'copies')];
    }
    return [];
  }
  if (inv.name === 'ssh') {
    const spec = toolNamed('ssh');
    const words = spec ? parsedArgs(inv.args, spec).operands.map((a) => a.text) : [];
    const host = words[0]?.replace(/^[^@]*@/, '');
    const command = words.slice(1).join(' ').split(/\s+/).filter(Boolean);
    if (!host || !REMOTE_READERS.has(command[0] ?? '')) return [];
    // The words of the command the far shell runs, not an option reader: any word may name a store there.
    const what = command.slice(1).map(remoteCredential).find((x) => x !== undefined);
    return what ? [pull(inv, ctx, host, what, `runs ${command[0]} over`)] : [];
  }
  return [];
}
