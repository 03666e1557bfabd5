import type { ArgWord, Finding, Invocation } from '../../policy/types';
import { isSecretVariableName } from './huntCommon';
import { parsedArgs, toolNamed } from '../../registry/commandModel';

/**
 * A secret variable written in clear into git's configuration (stop 34, red team round 18): a URL whose
 * user part carries it, kept as a remote's address (`git clone https://x:$GITHUB_TOKEN@github.com/o/r`,
 * `git remote add|set-url`, `git submodule add`) or in a setting (`git config url."https://x:${TOKEN}@github.com/".insteadOf …`,
 * `remote.origin.url`, `remote.*.pushurl`). The file keeps the value: `git remote -v`, `git config --list`,
 * error messages and every copy of the file print it. Asked; the reason names the variable, never its
 * value. Look-alikes stay allowed: a URL without credentials, a token handed for one run (`git -c
 * http.extraHeader=…` is judged in gitSecretHeaders.ts), a credential helper.
 */

/** The secret variable in a URL's user part (`https://x:$TOKEN@host/…`), as written. */
function secretInUserPart(raw: string): string | undefined {
  const m = /[a-z][a-z0-9+.-]*:\/\/([^/@\s]*)@/i.exec(raw);
  if (!m) return undefined;
  return [...m[1]!.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((x) => x[1] ?? '').find(isSecretVariableName);
}

const URL_KEYS = /^(url\..+\.(push)?insteadof|remote\..+\.(push)?url|submodule\..+\.url)$/i;

export function gitStoredSecrets(inv: Invocation): Finding[] {
  if (inv.name !== 'git') return [];
  const spec = toolNamed('git');
  if (!spec) return [];
  const parsed = parsedArgs(inv.args, spec);
  const sub = parsed.path[0] ?? parsed.operands[0]?.text;
  const words: readonly ArgWord[] = parsed.operands.filter((w) => w.text !== sub);
  const stored: { secret: string; where: string }[] = [];
  const scope = parsed.options.some((o) => o.name === '--global') ? '~/.gitconfig' : parsed.options.some((o) => o.name === '--system') ? "the system's git config" : '.git/config';
  if (sub === 'config') {
    const rest = words[0]?.text === 'set' ? words.slice(1) : words;
    const [key, value] = rest;
    if (key && value && URL_KEYS.test(key.text)) {
      const secret = secretInUserPart(key.raw) ?? secretInUserPart(value.raw);
      if (secret) stored.push({ secret, where: `git's ${key.text.replace(/^(url\.).*(\.\w+)$/i, '$1…$2')} setting in ${scope}` });
    }
  } else if (sub === 'clone' || sub === 'remote' || sub === 'submodule') {
    const action = sub === 'clone' ? 'clone' : words[0]?.text;
    if (action === 'clone' || action === 'add' || action === 'set-url') {
      const secret = words.map((w) => secretInUserPart(w.raw)).find((s) => s !== undefined);
      if (secret) stored.push({ secret, where: sub === 'submodule' ? "the submodule's address in .gitmodules and .git/config" : "the remote's address in .git/config" });
    }
  }
  return stored.slice(0, 1).map(({ secret, where }) => ({
    rule: 'credentials.stored-in-config',
    risk: 'credential-dump',
    severity: 'ask',
    reason: `git ${sub} writes the secret variable $${secret} in clear into ${where}, where git remote -v, git config --list, error messages and every copy of the file print it.`,
    targets: [{ kind: 'credential', name: `$${secret}`, remote: false, environment: 'local', environmentReason: 'a file on this machine' }],
  }));
}
