import type { ArgWord, Invocation } from '../../policy/types';
import { parsedArgs, toolArgs } from '../../registry/commandModel';
import type { GrammarSpec } from '../../registry/grammar';
import { flag, valued, valuedEach } from '../../registry/tools/options';
import { filteredReach, filterOf, patternReach, worstReach, type SelectionReach } from './processSelection';

/**
 * Process selections made by programs that are not process matchers or `ps`: the process files of
 * `/proc` read for a name (`grep -l decider /proc/*\/cmdline`, a loop over `/proc/[0-9]*`), `lsof`
 * picking the holders of files or a command name, socket listings with their owners (`ss -p`,
 * `netstat -p`), `fuser -k` on a file or a mount, and pids read out of files a search found. Each says
 * what it picks as processSelection does: `names` (the guard's own), `includes` (the runtime it shares
 * with others), `unknown` (the line cannot show) or `excludes`.
 */

/** A process file with the pid left to the shell: `/proc/*\/cmdline`, `/proc/[0-9]*\/comm`, `$p/cmdline` in a loop over `/proc`. */
const PROC_FILE = /^(?:\/proc\/(?:[^/]*[*?[$][^/]*)|\$\{?\w+\}?)\/(cmdline|comm|status|stat|exe|environ|cgroup|cwd)$/;
const NAME_FILES = /\/(comm|status|stat)$/;

function procFiles(inv: Invocation): ArgWord[] {
  return inv.args.filter((a) => PROC_FILE.test(a.raw) || PROC_FILE.test(a.text));
}

/** `grep -l decider /proc/*\/cmdline`, `awk '/decider/{…}' /proc/*\/cmdline`, `cat /proc/*\/comm | grep node`. */
function procReaderReach(inv: Invocation, files: readonly ArgWord[], invs: readonly Invocation[]): SelectionReach {
  const mode = files.every((f) => NAME_FILES.test(f.raw)) ? 'name' : 'full';
  const own = filterOf(inv);
  if (own && own.positive.length > 0) return own.positive.map((p) => patternReach(p, mode, own.fixed)).reduce(worstReach, 'excludes');
  if (own && !own.unread && inv.name !== 'awk') return 'unknown';
  return filteredReach(inv, invs, mode) ?? 'unknown';
}

/** lsof's options that pick what it lists (lsof(8)). */
const LSOF_SPEC: GrammarSpec = {
  unknownShort: 'switch',
  unknownLong: 'switch',
  options: [
    ...valuedEach('-c', '-p', '-u', '-g', '+D', '+d', '-d', '-s', '-F', '-T', '-k', '-E'),
    valued('-i'),
    flag('-t'), flag('-U'), flag('-a'), flag('-n'), flag('-P'), flag('-l'), flag('-w'), flag('-R'), flag('-b'),
  ],
};

/** Folders where the guard's processes keep files open: its home, the editors' extension folders and data. */
const GUARD_FOLDERS = /(^|\/)\.?blast[-_]shield|(^|\/)\.(vscode|vscode-insiders|vscode-oss|vscode-server|cursor|cursor-server|windsurf)(\/|$)|\/(Code|Cursor|Windsurf|VSCodium)(\/|$)/i;
/** A folder that holds every file of the user (home, the root, the folder of homes): its holders are every process. */
const EVERYONES_FOLDER = /^(~\/?|\$\{?HOME\}?\/?|\/|\/home\/?|\/home\/[^/]+\/?|\/Users\/[^/]+\/?|\/run\/user(\/.*)?|\/tmp\/?)$/;

function folderReach(word: ArgWord): SelectionReach {
  if (GUARD_FOLDERS.test(word.text) || GUARD_FOLDERS.test(word.raw)) return 'names';
  if (word.dynamic || EVERYONES_FOLDER.test(word.text) || EVERYONES_FOLDER.test(word.raw)) return 'unknown';
  return 'excludes';
}

/** `lsof -t +D ~/.vscode`, `lsof -t -c node`, `lsof -ti :3000`. */
function lsofReach(inv: Invocation): SelectionReach {
  const a = toolArgs(inv.name, parsedArgs(inv.args, LSOF_SPEC), LSOF_SPEC);
  let reach: SelectionReach | undefined;
  const add = (r: SelectionReach): void => void (reach = reach === undefined ? r : worstReach(reach, r));
  for (const name of a.values('-c')) add(name.startsWith('/') ? 'unknown' : patternReach(name, 'exact'));
  for (const o of a.parsed.options) if (o.name === '+D' || o.name === '+d') o.valueWords.forEach((w) => add(folderReach(w)));
  for (const w of a.parsed.operands) add(folderReach(w));
  // Network holders (`-i :3000`): the guard talks over Unix sockets and pipes only.
  if (a.has('-i') || a.has('-p')) add('excludes');
  if (a.has('-U') || a.has('-u')) add('unknown');
  return reach ?? 'unknown';
}

/** What a socket listing with owners looks like for the guard's decision server and for an ordinary server. */
const GUARD_SOCKET_LINES = ['u_str LISTEN 0 511 /home/user/.blast-shield/decider/decider.sock 31337 * 0 users:(("node",pid=4242,fd=21))', 'unix 2 [ ACC ] STREAM LISTENING 31337 4242/node /home/user/.blast-shield/decider/decider.sock'];

/** `ss -xlp | grep -o 'pid=[0-9]*'`, `netstat -lp | grep node`: the filters of a socket listing read against its lines. */
function socketListingReach(inv: Invocation, invs: readonly Invocation[]): SelectionReach {
  let reach: SelectionReach | undefined;
  for (const other of invs) {
    if (other === inv || !(other.stdin?.kind === 'pipe' && other.stdin.from === inv)) continue;
    const filter = filterOf(other);
    if (!filter) continue;
    if (filter.positive.length === 0) continue;
    for (const p of filter.positive) {
      let r: SelectionReach;
      if (/blast.?shield|decider/i.test(p.raw)) r = 'names';
      else if (/(^|:)\d{2,5}\b/.test(p.text)) r = 'excludes';
      else if (/^[\w.-]+$/.test(p.text)) r = patternReach(p.text, 'exact');
      else {
        let re: RegExp | undefined;
        try {
          re = new RegExp(p.text.slice(0, 200));
        } catch {
          re = undefined;
        }
        r = !re || GUARD_SOCKET_LINES.some((l) => re.test(l)) ? 'unknown' : 'excludes';
      }
      reach = reach === undefined ? r : worstReach(reach, r);
    }
  }
  return reach ?? 'unknown';
}

/** Pids read out of files a search of a whole home found (`find ~ -name pid -exec cat {} \;`). */
function foundFilesReach(inv: Invocation): SelectionReach | undefined {
  // find's starting points are the words before its expression begins (not an option reader).
  const roots = inv.args.filter((_w, i) => i === 0 || !inv.args.slice(0, i).some((b) => b.text.startsWith('-')));
  const execs = inv.args.some((w) => /^-exec(dir)?$/.test(w.text)) && inv.args.some((w) => /^(cat|head|tail|xargs)$/.test(w.text));
  if (!execs || !inv.pipedInto) return undefined;
  return roots.map(folderReach).reduce(worstReach, 'excludes');
}

/** A process selection of the kinds above; undefined when the invocation selects none. */
export function otherSourceReach(inv: Invocation, invs: readonly Invocation[]): SelectionReach | undefined {
  switch (inv.name) {
    case 'lsof':
      return lsofReach(inv);
    case 'ss':
    case 'netstat':
    case 'sockstat':
      return inv.args.some((a) => /^-[a-zA-Z]*p/.test(a.text) || a.text === '--processes' || a.text === '--program') ? socketListingReach(inv, invs) : undefined;
    case 'find':
      return foundFilesReach(inv);
    default: {
      const files = procFiles(inv);
      return files.length > 0 ? procReaderReach(inv, files, invs) : undefined;
    }
  }
}

const FUSER_SPEC: GrammarSpec = { unknownShort: 'switch', unknownLong: 'switch', options: [valued('-n', '--namespace'), valued('-s'), flag('-k', '--kill'), flag('-m', '--mount'), flag('-M', '--ismountpoint'), flag('-i', '--interactive'), flag('-v', '--verbose'), flag('-u', '--user'), flag('-w', '--writeonly'), flag('-a', '--all')] };

/**
 * `fuser -k FILE` signals whatever holds a file; with `-m` whatever holds any file of its file system.
 * A removable mount (`/mnt/usb`, `/media/…`) holds nothing of the guard; a mount of home or the root
 * holds every process, the guard's too; a port (`3000/tcp`) is a network server.
 */
export function fuserKillReach(inv: Invocation): SelectionReach | undefined {
  if (inv.name !== 'fuser') return undefined;
  const a = toolArgs(inv.name, parsedArgs(inv.args.filter((w) => !/^-(SIG)?[A-Z]{3,}$|^-\d+$/.test(w.text)), FUSER_SPEC), FUSER_SPEC);
  if (!a.has('-k')) return undefined;
  const mount = a.has('-m') || a.has('-M');
  const reaches = a.parsed.operands.map((w): SelectionReach => {
    if (w.dynamic) return 'unknown';
    if (/^\d+\/(tcp|udp)$|^[\d.]*,\d*\/(tcp|udp)$/.test(w.text) || a.values('-n').some((n) => /tcp|udp/.test(n))) return 'excludes';
    const folder = folderReach(w);
    if (folder === 'names' || !mount) return folder === 'names' ? 'names' : /(^|\/)(node|nodejs|electron|code|cursor)$/.test(w.text) ? 'includes' : 'excludes';
    return /^\/(mnt|media|run\/media|Volumes)\//.test(w.text) ? 'excludes' : 'unknown';
  });
  return reaches.reduce(worstReach, 'excludes');
}
