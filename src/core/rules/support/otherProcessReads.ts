import { ownTable } from '../../ownTable';
import type { Finding, Invocation } from '../../policy/types';
import { freeFormReadings } from '../../registry/freeForm';

/**
 * Secrets read from where other programs keep them rather than from a file: the clipboard (a password
 * manager's last copy), a terminal's scrollback, a running process's memory (a core dump, a debugger or
 * tracer attached), the network's traffic (packet payloads with their headers and passwords). Each
 * asks; the look-alikes that read none (copying to the clipboard, tracing a program started here,
 * listing interfaces) stay allowed.
 */

interface Source {
  what: string;
  /** The invocation reads it, by its options (`-p PID`) and operands. */
  reads(options: ReadonlySet<string>, operands: readonly string[]): boolean;
}

const has = (options: ReadonlySet<string>, ...names: string[]): boolean => names.some((n) => options.has(n));

const SOURCES: Readonly<Record<string, Source>> = ownTable({
  pbpaste: { what: 'the clipboard', reads: () => true },
  'wl-paste': { what: 'the clipboard', reads: (o) => !has(o, '-l', '--list-types') },
  xclip: { what: 'the clipboard', reads: (o) => has(o, '-o', '-out') },
  xsel: { what: 'the clipboard', reads: (o) => has(o, '-o', '--output') },
  tmux: { what: 'the terminal\'s scrollback', reads: (o, w) => ['capture-pane', 'capturep'].includes(w[0] ?? '') && has(o, '-p') },
  gcore: { what: 'a running process\'s memory', reads: () => true },
  gdb: { what: 'a running process\'s memory', reads: (o) => has(o, '-p', '--pid') },
  strace: { what: 'a running process\'s reads and writes', reads: (o) => has(o, '-p', '--attach') },
  ltrace: { what: 'a running process\'s calls', reads: (o) => has(o, '-p') },
  // Payload printing or a capture file, in a letter cluster too (`-nnA`).
  tcpdump: { what: 'network traffic with its payloads', reads: (o) => [...o].some((n) => /^-[a-zA-Z]*[AXxw][a-zA-Z]*$/.test(n)) },
  tshark: { what: 'network traffic with its payloads', reads: (o) => !has(o, '-D', '--list-interfaces', '-r', '--read-file') },
  ngrep: { what: 'network traffic with its payloads', reads: () => true },
});

export function checkOtherProcessReads(inv: Invocation): Finding[] {
  const source = Object.hasOwn(SOURCES, inv.name) ? SOURCES[inv.name] : undefined;
  if (!source) return [];
  const { usual } = freeFormReadings(inv.args);
  const options = new Set(usual.options.map((o) => o.name));
  if (!source.reads(options, usual.operands.map((w) => w.text))) return [];
  return [{
    rule: 'credentials.process-read',
    risk: 'credential-dump',
    severity: 'ask',
    reason: `${inv.name} reads ${source.what}, where secrets pass that no credential file holds.`,
    targets: [{ kind: 'credential', name: source.what.replace(/^the /, ''), provider: inv.name, remote: false, environment: 'local', environmentReason: 'this machine' }],
  }];
}
