import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Whether a process runs a JavaScript runtime that opens its inspector on SIGUSR1 (Node, Electron,
 * the editors built on them), for the inspector rule's judgement of `kill -USR1 <pid>`. Linux only,
 * from /proc: the executable's name, its command line (a `--type=` Chromium child, a script argument,
 * an inspector switch), its environment (ELECTRON_RUN_AS_NODE, NODE_OPTIONS) and its mapped files
 * (V8 snapshots, ICU data, libnode). A process that is gone gets no signal. Anything that cannot be
 * read answers undefined, and the rule keeps denying.
 */

const JS_EXECUTABLES = /^(node|nodejs|electron|code|code-insiders|code-oss|codium|vscodium|cursor|windsurf|positron|trae|kiro|code-server|bun|deno|.*-server|.*electron.*)$/i;
const JS_MAPPED = /v8_context_snapshot|snapshot_blob|icudtl\.dat|libnode\.so|electron|libffmpeg\.so/;
const MAX_MAPS = 4 * 1024 * 1024;

function read(file: string, limit = 256 * 1024): string | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(limit);
    let total = 0;
    for (;;) {
      const n = fs.readSync(fd, buf, total, limit - total, null);
      if (n <= 0 || total + n >= limit) {
        total += Math.max(n, 0);
        break;
      }
      total += n;
    }
    return buf.subarray(0, total).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export function processRuntime(pid: number, procRoot = '/proc'): 'javascript' | 'other' | 'gone' | undefined {
  if (process.platform !== 'linux' || !Number.isInteger(pid) || pid <= 0) return undefined;
  const dir = `${procRoot}/${pid}`;
  if (!fs.existsSync(dir)) return 'gone';
  let exe: string;
  try {
    exe = fs.readlinkSync(`${dir}/exe`);
  } catch {
    return undefined;
  }
  if (JS_EXECUTABLES.test(path.basename(exe).replace(/ \(deleted\)$/, ''))) return 'javascript';
  const cmdline = read(`${dir}/cmdline`);
  const environ = read(`${dir}/environ`, 1024 * 1024);
  const maps = read(`${dir}/maps`, MAX_MAPS);
  if (cmdline === undefined || environ === undefined || maps === undefined) return undefined;
  const args = cmdline.split('\0');
  if (args.some((a) => /^--(type|inspect|inspect-brk|inspect-port)(=|$)|\.(m|c)?js$|\.ts$/.test(a) || /node|electron/i.test(path.basename(a)))) return 'javascript';
  if (/(^|\0)(ELECTRON_RUN_AS_NODE|NODE_OPTIONS|NODE_CHANNEL_FD|VSCODE_[A-Z_]+)=/.test(environ)) return 'javascript';
  return JS_MAPPED.test(maps) ? 'javascript' : 'other';
}
