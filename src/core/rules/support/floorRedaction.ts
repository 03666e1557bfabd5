import type { Facts, Finding, Invocation } from '../../policy/types';
import { REDACTED, redactSecrets } from '../../audit/redact';
import { candidateValues } from './credentialProvenance';
import { secretOrigin } from './knownSecretSends';

/**
 * The floor quotes the words it judged (`deletes customer cus_…`); a word shaped like a secret (a
 * token, a key, a long random run) is replaced before the finding leaves it, so no verdict, dialog or
 * audit entry carries it, whatever later redaction knows. A value the workspace's credential files hold
 * is replaced too, whatever its shape (stop 40: a 24-character password inside a host name,
 * `host <password>.evil.example.com`, read by the floor as a command word, was quoted whole).
 */
export function withoutSecrets(found: Finding, known: readonly string[] = []): Finding {
  const clean = (text: string): string => known.reduce((t, value) => t.split(value).join(REDACTED), redactSecrets(text));
  const reason = clean(found.reason);
  const targets = found.targets.map((t) => {
    const name = clean(t.name);
    const environmentReason = clean(t.environmentReason);
    return name === t.name && environmentReason === t.environmentReason ? t : { ...t, name, environmentReason };
  });
  return reason === found.reason && targets.every((t, i) => t === found.targets[i]) ? found : { ...found, reason, targets };
}

/** The credential values an invocation's words carry, longest first (looked up only when the floor found something). */
function knownValuesOf(inv: Invocation, facts: Facts): string[] {
  const origin = facts.credentials?.originOf;
  if (!origin) return [];
  const out = new Set<string>();
  for (const arg of inv.args) {
    if (arg.text.length < 8) continue;
    for (const candidate of candidateValues(arg.text)) if (secretOrigin(candidate, origin)) out.add(candidate);
  }
  return [...out].sort((a, b) => b.length - a.length);
}

/** The floor's findings for one invocation with every secret-shaped word and every known credential value replaced. */
export function floorWithoutSecrets(found: readonly Finding[], inv: Invocation, facts: Facts): Finding[] {
  if (found.length === 0) return [];
  const known = knownValuesOf(inv, facts);
  return found.map((f) => withoutSecrets(f, known));
}
