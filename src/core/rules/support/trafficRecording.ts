import type { Finding } from '../../policy/types';
import { hostOf, isLocalHost } from '../../policy/production';

/**
 * Stop 39 (round 30: `mitmdump --mode reverse:https://api.stripe.com --listen-port 8080 -w /tmp/stripe-traffic.mitm`): a proxy put in
 * front of another party's service, by any program nothing describes, that writes what passes through it to a file: every request and
 * answer (bearer keys, card numbers, session cookies) lands in that file, readable by whoever reads it later. Read: an upstream named by
 * an option's value (`reverse:URL`, `upstream:URL`, `--upstream URL`, `--target`, `--proxy-to`) on a host that is not this machine,
 * beside a recording option (`-w`, `--save-stream-file`, `--record`, `--har`, `--dump-to`, `-o`). Allowed: reading a saved file back
 * (`mitmdump -nr flows.mitm`), a proxy of a local dev server, a proxy that records nothing.
 */

interface Reading {
  options: readonly { name: string; value?: string; next?: string }[];
}

const UPSTREAM_OPTION = /^--?(mode|m|upstream|target|proxy-to|proxy-pass|backend|forward-to)$/i;
const RECORD_OPTION = /^--?(w|wfile|save-stream-file|save|record|record-to|har|har-file|hardump|dump|dump-to|capture|capture-file|o|output|outfile|out)$/i;
const URL_IN = /(?:^|:)([a-z][\w+.-]*:\/\/\S+)$/i;

export function trafficRecorded(tool: string, reading: Reading): Finding | undefined {
  const valueOf = (o: Reading['options'][number]): string => o.value ?? o.next ?? '';
  const upstream = reading.options.filter((o) => UPSTREAM_OPTION.test(o.name)).map((o) => URL_IN.exec(valueOf(o))?.[1]).find((u) => u !== undefined && ((h) => h !== undefined && h !== '' && !isLocalHost(h))(hostOf(u)));
  // A file named (a path or a name with an extension), not a format (`-o json`).
  const record = reading.options.find((o) => RECORD_OPTION.test(o.name) && /^[\w.~/][\w.~/-]*[/.][\w.~/-]+$/.test(valueOf(o)));
  if (upstream === undefined || record === undefined) return undefined;
  const host = hostOf(upstream)!;
  return {
    rule: 'verbs.traffic-recorded',
    risk: 'credential-dump',
    severity: 'ask',
    reason: `\`${tool}\` stands in front of ${host} and writes what passes through it to ${valueOf(record)} (${record.name}): every request and answer, bearer keys and personal data included, lands in that file (${tool} has no rules of its own: judged by its options).`,
    targets: [{ kind: 'url', name: host, provider: tool, remote: true, environment: 'production', environmentReason: 'another party\'s live service' }],
  };
}
