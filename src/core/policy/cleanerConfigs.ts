/**
 * Configurations of programs that delete, empty or move files later (stop 37, red team round 27): logrotate's
 * (`/etc/logrotate.d/*`, `logrotate.conf`), systemd-tmpfiles' (`tmpfiles.d/*.conf`, system and user) and BSD
 * newsyslog's (`newsyslog.conf(.d)`). Each is read as the shell text of what it will do to the files it names, so the
 * deferred places (rules/deferred/places.ts) and the handlers that run them now (handlers/logrotate.ts) judge one
 * reading: a log deleted (`rotate 0`, a count of 0, tmpfiles' `r`/`R`) is `rm -f`, a log rotated is moved aside,
 * a file emptied (`F`) is truncated, a line written (`w`) is an append, a link (`L`) is `ln -sf`, and the scripts
 * logrotate and newsyslog run are the commands they are. The guard's audit log and settings are then denied and a
 * project's own logs and temporary folders stay routine. A name the shell could not read the same way (a pattern
 * with specifiers, a quote) becomes a word the shell reads as unknown, so it asks.
 */

const MAX_FILE = 64_000;
export const LOGROTATE_SCRIPT = /^\s*(prerotate|postrotate|firstaction|lastaction|preremove)\s*$([\s\S]*?)^\s*endscript\s*$/gm;
/** A path or glob the shell reads as the program does. */
export const PLAIN_PATTERN = /^[\w./*?[\]~+,@-]+$/;
/** A path the guard cannot resolve statically: the shell text names it through a variable nothing sets. */
const UNRESOLVED = '"$CLEANER_CONFIG_PATH"';

export function withoutComments(text: string): string {
  return text.slice(0, MAX_FILE).replace(/^\s*#.*$/gm, '');
}

const shellPath = (p: string): string => (PLAIN_PATTERN.test(p) ? p : UNRESOLVED);

/** The log patterns before each `{`, outside scripts, and whether their block deletes them (`rotate 0`, or a global `rotate 0` before it). */
export function logrotatePatterns(text: string): { pattern: string; deletes: boolean }[] {
  const outside = text.replace(LOGROTATE_SCRIPT, '');
  const out: { pattern: string; deletes: boolean }[] = [];
  let globalDeletes = false;
  for (const m of outside.matchAll(/(?:^|(?<=\}))([^{}]*)\{([^{}]*)\}?/g)) {
    const lines = m[1]!.split('\n');
    // Directives (`weekly`, `rotate 4`) may come before the first block; a log names a path, a glob or a quoted name.
    const directives = lines.filter((l) => /^\s*[a-z_]+(\s|$)/.test(l)).join('\n');
    if (/^\s*rotate\s+0\b/m.test(directives)) globalDeletes = true;
    const head = lines.filter((l) => l.trim() !== '' && !/^\s*[a-z_]+(\s|$)/.test(l)).join(' ');
    const rotate = /(?:^|\s)rotate\s+(\S+)/m.exec(m[2] ?? '')?.[1];
    const deletes = rotate !== undefined ? rotate === '0' : globalDeletes;
    for (const word of head.match(/"[^"]*"|'[^']*'|\S+/g) ?? []) out.push({ pattern: word.replace(/^["']|["']$/g, ''), deletes });
  }
  return out;
}

/** A logrotate configuration as shell: its scripts, then each log deleted or moved aside. */
export function logrotateAsShell(text: string): string {
  const body = withoutComments(text);
  const scripts = [...body.matchAll(LOGROTATE_SCRIPT)].map((m) => m[2]!.trim());
  const logs = logrotatePatterns(body).map(({ pattern, deletes }) => (deletes ? `rm -f -- ${shellPath(pattern)}` : `mv -f -- ${shellPath(pattern)} ${shellPath(pattern)}.1`));
  const includes = [...body.matchAll(/^\s*include\s+(\S+)/gm)].map((m) => `cat -- ${shellPath(m[1]!)} >/dev/null`);
  return [...scripts, ...logs, ...includes].join('\n');
}

/** What each systemd-tmpfiles line type does to its path (tmpfiles.d(5)); the age column cleans a folder's contents. */
function tmpfilesLine(line: string): string | undefined {
  const [type, path, mode, , , age, ...rest] = line.trim().split(/\s+/);
  if (!type || !path || path.startsWith('%')) return undefined;
  const p = shellPath(path);
  const argument = rest.join(' ');
  const kind = type.replace(/[!^~=+-]+$/g, '').replace(/[!^=~-]/g, '');
  const cleans = age !== undefined && age !== '-' && age !== '';
  if (kind === 'r' || kind === 'R') return `rm -rf -- ${p}`;
  if (kind === 'D' || kind === 'e' || ((kind === 'd' || kind === 'v' || kind === 'q' || kind === 'Q') && cleans)) return `rm -rf -- ${p}/*`;
  if (kind === 'F' || (kind === 'f' && type.includes('+'))) return `: > ${p}`;
  if (kind === 'w') return `printf '%s' ${argument === '' || argument === '-' ? 'x' : "'…'"} >> ${p}`;
  if (kind === 'L') return `ln -sfn -- ${argument === '' || argument === '-' ? '/dev/null' : shellPath(argument)} ${p}`;
  if (kind === 'C') return `cp -r -- ${argument === '' || argument === '-' ? '/dev/null' : shellPath(argument)} ${p}`;
  if ((kind === 'z' || kind === 'Z' || kind === 'm' || kind === 'f' || kind === 'd') && mode !== undefined && /^[0-7]{3,4}$/.test(mode)) return `chmod ${mode} ${p}`;
  return undefined;
}

/** A tmpfiles.d configuration as shell: each line's effect on its path. */
export function tmpfilesAsShell(text: string): string {
  return withoutComments(text).split('\n').map(tmpfilesLine).filter((l): l is string => l !== undefined).join('\n');
}

/**
 * A newsyslog.conf(5) line as shell: `logfile [owner:group] mode count size when [flags [pid_file|command [signal]]]`;
 * a count of 0 deletes the log, otherwise it is moved aside; flag `R` names a command newsyslog runs.
 */
function newsyslogLine(line: string): string[] {
  const words = line.trim().split(/\s+/);
  const path = words[0];
  if (!path || path.startsWith('<')) return [];
  const rest = /^[\w.-]*:[\w.-]*$/.test(words[1] ?? '') ? words.slice(2) : words.slice(1);
  const [, count, , , flags, command] = rest;
  const out = [count === '0' ? `rm -f -- ${shellPath(path)}` : `mv -f -- ${shellPath(path)} ${shellPath(path)}.0`];
  if (flags !== undefined && /R/.test(flags) && command !== undefined) out.push(rest.slice(5).join(' '));
  return out;
}

export function newsyslogAsShell(text: string): string {
  const body = withoutComments(text);
  const includes = [...body.matchAll(/^\s*<include>\s+(\S+)/gm)].map((m) => `cat -- ${shellPath(m[1]!)} >/dev/null`);
  return [...body.split('\n').flatMap(newsyslogLine), ...includes].join('\n');
}

/** The cleaner that reads a configuration at this path, and when: logrotate, systemd-tmpfiles, newsyslog. */
export function cleanerConfigAt(absolutePath: string, home: string): { program: string; when: string; asShell: (text: string) => string } | undefined {
  const p = absolutePath;
  if (!/logrotate|tmpfiles|newsyslog/.test(p)) return undefined;
  const h = home.replace(/\/+$/, '');
  if (p === '/etc/logrotate.conf' || /^\/etc\/logrotate\.d\/[^/]+$/.test(p)) return { program: 'logrotate', when: 'on its daily run (cron or the logrotate timer)', asShell: logrotateAsShell };
  if (/^\/(etc|run|usr\/lib|usr\/local\/lib|lib)\/tmpfiles\.d\/[^/]+$/.test(p) || (h !== '' && new RegExp(`^${h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\.(config|local/share)/user-tmpfiles\\.d/[^/]+$`).test(p))) {
    return { program: 'systemd-tmpfiles', when: 'at boot and on its daily clean-up timer', asShell: tmpfilesAsShell };
  }
  if (p === '/etc/newsyslog.conf' || /^\/etc\/newsyslog\.d\/[^/]+$/.test(p) || /^\/usr\/local\/etc\/newsyslog\.d\/[^/]+$/.test(p)) return { program: 'newsyslog', when: 'on its hourly run', asShell: newsyslogAsShell };
  return undefined;
}
