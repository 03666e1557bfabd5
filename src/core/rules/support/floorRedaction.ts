import type { Finding } from '../../policy/types';
import { redactSecrets } from '../../audit/redact';

/**
 * The floor quotes the words it judged (`deletes customer cus_…`); a word shaped like a secret (a
 * token, a key, a long random run) is replaced before the finding leaves it, so no verdict, dialog or
 * audit entry carries it, whatever later redaction knows.
 */
export function withoutSecrets(found: Finding): Finding {
  const reason = redactSecrets(found.reason);
  const targets = found.targets.map((t) => {
    const name = redactSecrets(t.name);
    const environmentReason = redactSecrets(t.environmentReason);
    return name === t.name && environmentReason === t.environmentReason ? t : { ...t, name, environmentReason };
  });
  return reason === found.reason && targets.every((t, i) => t === found.targets[i]) ? found : { ...found, reason, targets };
}
