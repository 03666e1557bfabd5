import { ownTable } from '../../ownTable';
import type { Finding, Invocation } from '../../policy/types';
import { isLoopbackHost } from '../../policy/production';
import { freeFormReadings } from '../../registry/freeForm';

/**
 * A provider's event stream forwarded to another host (round 18): `stripe listen --forward-to
 * https://x.example/hook` receives the account's live events (customers, payments, with the webhook
 * signing secret) and posts each one to that host. Forwarding to this machine (`--forward-to
 * localhost:3000/webhook`, the documented use) stays allowed. stripe has no registry entry: its words
 * are read free-form, either reading of an unsure option counted.
 */
const FORWARDERS: Readonly<Record<string, { verb: string; options: readonly string[]; label: string }>> = ownTable({
  stripe: { verb: 'listen', options: ['--forward-to', '-f', '--forward-connect-to', '-c', '--forward-thin-to'], label: "Stripe's events for the account (customers and payments)" },
});

/** The host of `https://x.example/hook`, `x.example:443/hook` or `localhost:3000`. */
function hostOfAddress(value: string): string {
  return value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^[^/@]*@/, '').split('/')[0]!.replace(/^\[([^\]]*)\].*$/, '$1').replace(/:\d*$/, '').toLowerCase();
}

export function checkEventForwards(inv: Invocation): Finding[] {
  const forwarder = FORWARDERS[inv.name];
  if (!forwarder) return [];
  const { usual, valued } = freeFormReadings(inv.args);
  if (usual.operands[0]?.text !== forwarder.verb && valued.operands[0]?.text !== forwarder.verb) return [];
  const values = [...usual.options, ...valued.options].filter((o) => forwarder.options.includes(o.written.replace(/=.*$/, '')) || forwarder.options.includes(o.name)).flatMap((o) => o.values);
  for (const value of values) {
    // An address built at run time may be anyone's.
    const host = /[$`]/.test(value) ? `the address in ${value}` : hostOfAddress(value);
    if (host === '' || isLoopbackHost(host, { dockerHost: true }) || host.endsWith('.localhost')) continue;
    return [{
      rule: 'credentials.sent-out',
      risk: 'credential-dump',
      severity: 'ask',
      reason: `${inv.name} ${forwarder.verb} forwards ${forwarder.label} to ${host}, which is not this machine.`,
      targets: [{ kind: 'credential', name: `${inv.name} events`, remote: true, environment: 'unknown', environmentReason: `sent to ${host}, whose environment nothing names` }],
    }];
  }
  return [];
}
