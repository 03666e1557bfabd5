import type { Finding } from '../../policy/types';
import type { GitProgram } from './gitPrograms';

/** Helpers of the credential services themselves (`!gh auth git-credential`, `!aws codecommit credential-helper $@`). */
const KNOWN_HELPERS = /^(\S*\/)?(gh|glab|aws|gcloud|az|git-credential-[\w-]+|op|doppler|vault)$/;

/**
 * A program git hands passwords to (`credential.helper '!…'`, `core.askPass`): unless it is a known
 * service's helper, what it does with them is not something the hook can follow, so it asks.
 */
export function credentialProgram(p: GitProgram): Finding | undefined {
  if (!/^(credential\.(.+\.)?helper|core\.askpass)$/i.test(p.key)) return undefined;
  const first = p.text.trim().split(/\s+/)[0] ?? '';
  // git's own `store` helper keeps every password and token in a plain-text file (git-scm.com/docs/git-credential-store).
  if (first === 'store' && /^credential\./i.test(p.key)) {
    const file = /--file[= ](\S+)/.exec(p.text)?.[1] ?? '~/.git-credentials';
    return { rule: 'deferred.credential-store', risk: 'credential-read', severity: 'ask', reason: `${p.where} makes git write the passwords and tokens it uses in plain text to ${file} ${p.when}, where any program or agent can read them; it needs confirmation.`, targets: [{ kind: 'path', name: file, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }] };
  }
  if (KNOWN_HELPERS.test(first)) return undefined;
  return {
    rule: 'deferred.credential-helper',
    risk: 'credential-read',
    severity: 'ask',
    reason: `${p.where} makes git hand the passwords it uses to \`${p.text.slice(0, 80)}\` ${p.when}; what that program does with them cannot be followed, so it needs confirmation.`,
    targets: [{ kind: 'path', name: p.key, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }],
  };
}
