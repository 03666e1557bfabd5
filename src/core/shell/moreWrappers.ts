import type { ArgWord } from './ast';
import { scanOptions, type OptionSpec, type Peeled } from './wrappers';

/**
 * Wrappers that run a command after their own options and, for some, a leading operand (a
 * priority, a CPU mask, a group): scheduling, sandboxing, namespaces, session and display runners.
 * Without an entry the wrapped command reads as arguments of a program nobody described, so
 * `chrt -i 0 rm -rf /` would be judged as `chrt`. Options are from each tool's manual page.
 */

type Peeler = (args: ArgWord[]) => Peeled;

/** Options, then `skip` operands (a priority, a mask), then the command; `modes` are options that make it run none. */
function optionsThen(spec: OptionSpec, skip = 0, modes: readonly string[] = []): Peeler {
  return (args) => {
    const scan = scanOptions(args, 0, spec);
    if (modes.some((m) => scan.flags.has(m))) return { argv: [], none: true };
    const rest = args.slice(Math.min(args.length, scan.index + skip));
    return rest.length === 0 ? { argv: [], none: true } : { argv: rest };
  };
}

/** `sg GROUP -c 'cmd'` runs a shell line; `sg GROUP cmd args` runs the command. */
const sgPeel: Peeler = (args) => {
  const rest = args.slice(1);
  if (rest[0]?.text === '-c' && rest[1]) return { argv: [], shellText: rest[1] };
  return rest.length === 0 ? { argv: [], none: true } : { argv: rest };
};

/**
 * `sops exec-env FILE 'cmd'` and `sops exec-file FILE 'cmd {}'` run the command line through a shell
 * with the decrypted values; other sops commands run nothing.
 */
const sopsPeel: Peeler = (args) => {
  const mode = args[0]?.text;
  if (mode !== 'exec-env' && mode !== 'exec-file') return { argv: [], none: true };
  const operands: ArgWord[] = [];
  const valued = new Set(['--user', '--filename', '--output-type', '--input-type']);
  for (let i = 1; i < args.length; i++) {
    const text = args[i]!.text;
    if (valued.has(text)) i++;
    else if (!text.startsWith('-') || text === '-') operands.push(args[i]!);
  }
  const line = operands[1];
  return line ? { argv: [], shellText: line, label: `sops ${mode}` } : { argv: [], none: true };
};

export const MORE_WRAPPERS: Readonly<Record<string, Peeler>> = {
  // chrt [options] priority command | chrt -p ... (a running process)
  chrt: optionsThen({ shortWithValue: 'TPD', longWithValue: ['sched-runtime', 'sched-period', 'sched-deadline'] }, 1, ['p', 'pid']),
  // taskset [options] mask command | taskset -p ... | taskset -c list command
  taskset: optionsThen({}, 1, ['p', 'pid']),
  numactl: optionsThen({ shortWithValue: 'NmCipPw', longWithValue: ['cpunodebind', 'membind', 'physcpubind', 'interleave', 'preferred', 'preferred-many', 'weighted-interleave'] }, 0, ['s', 'show', 'H', 'hardware']),
  firejail: optionsThen({}, 0, ['list', 'tree', 'top', 'version', 'help']),
  fakeroot: optionsThen({ shortWithValue: 'lisb', longWithValue: ['lib', 'faked'] }),
  nsenter: optionsThen({ shortWithValue: 'tSGwWZ', longWithValue: ['target', 'setuid', 'setgid', 'wd', 'wdns'] }),
  unshare: optionsThen({ shortWithValue: 'SGRwl', longWithValue: ['setuid', 'setgid', 'root', 'wd', 'map-user', 'map-group', 'map-users', 'map-groups', 'load-interp', 'propagation', 'setgroups', 'kill-child'] }),
  'dbus-run-session': optionsThen({ longWithValue: ['config-file', 'dbus-daemon'] }),
  'xvfb-run': optionsThen({ shortWithValue: 'nsfepw', longWithValue: ['server-num', 'server-args', 'auth-file', 'error-file', 'xauth-protocol', 'wait'] }),
  valgrind: optionsThen({}),
  catchsegv: optionsThen({}),
  'dumb-init': optionsThen({ shortWithValue: 'r', longWithValue: ['rewrite'] }),
  tini: optionsThen({ shortWithValue: 'ep' }),
  'ssh-agent': optionsThen({ shortWithValue: 'aEtPO' }, 0, ['k', 's', 'c', 'D', 'd', 'T']),
  setpriv: optionsThen({ longWithValue: ['ruid', 'euid', 'reuid', 'rgid', 'egid', 'regid', 'groups', 'inh-caps', 'ambient-caps', 'bounding-set', 'securebits', 'pdeathsig', 'selinux-label', 'apparmor-profile', 'landlock-access', 'landlock-rule', 'reset-env'] }, 0, ['d', 'dump']),
  prlimit: optionsThen({ shortWithValue: 'p', longWithValue: ['pid', 'output'] }, 0, ['p', 'pid']),
  cgexec: optionsThen({ shortWithValue: 'g' }),
  sg: sgPeel,
  // moreutils: runs the command and prints its output only when it fails.
  chronic: optionsThen({}),
  sops: sopsPeel,
  // daemontools: envdir DIR child, chpst [-u user] [-e dir] … child.
  envdir: optionsThen({}, 1),
  chpst: optionsThen({ shortWithValue: 'uUbenlamodfcrptx' }),
  faketime: optionsThen({ shortWithValue: 'p' }, 1),
};
