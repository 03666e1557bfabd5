import type { Finding } from '../../policy/types';
import type { KindReading } from './floorLoad';

/**
 * This machine joined to a private network with a key, by a tool no rule names (issue #18 criterion 8, stop 36, red
 * team round 26: `sudo netbird up --setup-key … --management-url https://netbird.acme.io`). The command reads like a
 * connection, but with an enrolment key the machine becomes a member of a company network: what the agent runs here
 * reaches the hosts behind it (production among them), and the network's peers reach this machine.
 *
 * Read: a join verb (`up`, `join`, `connect`, `enroll`, `login`, `register`, `attach`) with an enrolment key or token
 * given by option (`--setup-key`, `--authkey`, `--join-token`, `--enrollment-key`). Allowed look-alikes: the status,
 * peers and routes read, leaving (`down`, `leave`), and a join without a key (the human logs in in a browser).
 */

const JOINS = /^(up|join|connect|enroll|enrol|login|register|attach|start)$/i;
const KEY_OPTION = /^--?(setup-key|setupkey|auth-?key|authkey|join-?token|join-key|enroll(ment)?-?(key|token)|enrol(ment)?-?(key|token)|pre-?auth-?key|registration-?(key|token)|network-?key|invite-?(code|key|token)|k)$/i;

type Reading = KindReading;

export function networkJoined(tool: string, reading: Reading): Finding | undefined {
  const words = reading.positionals.filter((w) => !reading.maybeValues.has(w.index) && /^[A-Za-z][\w:-]*$/.test(w.text)).slice(0, 2).map((w) => w.text);
  const verb = words.find((w) => JOINS.test(w));
  const key = reading.options.find((o) => KEY_OPTION.test(o.name) && (o.name !== '-k' || verb !== undefined));
  if (verb === undefined || key === undefined) return undefined;
  const server = reading.options.map((o) => o.value ?? o.next ?? '').find((v) => /^https?:\/\//i.test(v)) ?? `${tool}'s network`;
  return {
    rule: 'verbs.network-joined',
    risk: 'production-access',
    severity: 'ask',
    reason: `\`${tool} ${verb} ${key.name}\` joins this machine to a private network (${server}) with an enrolment key: what runs here reaches the hosts behind it, and its peers reach this machine (${tool} has no rules of its own: judged by its words).`,
    targets: [{ kind: 'resource', name: server, provider: tool, remote: true, environment: 'production', environmentReason: 'a private network joined (environment not named: treated as production)' }],
  };
}
