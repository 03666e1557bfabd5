import { resolvePath } from '../../paths';
import type { ArgWord } from '../../shell/ast';
import { parseCommand, type GrammarSpec } from '../../shell/grammar';
import { flag, valued } from '../../registry/tools/options';
import type { Invocation } from '../types';
import type { Exec, Handler, Walker } from './context';
import { LOGROTATE_SCRIPT as SCRIPT, PLAIN_PATTERN, logrotatePatterns as logPatterns, newsyslogAsShell, tmpfilesAsShell, withoutComments } from '../cleanerConfigs';

/**
 * logrotate run on a configuration the hook had not read (stop 36, red team round 24): `logrotate -f -s
 * state ./lr.conf`. A configuration names the logs it rotates (moved away, emptied, or deleted with
 * `rotate 0`) and shell scripts it runs around them (`prerotate`, `postrotate`, `firstaction`,
 * `lastaction`, `preremove`); `-m` names the program that mails them. The files are read: each script is
 * walked as the shell text it is, and each log is judged as deleted (`rotate 0`) or moved aside (it is
 * created again empty), so the guard's audit log and hook files are denied and a project's own
 * logs stay routine. A configuration the hook cannot read, an `include`, or a log named through a pattern the
 * hook cannot resolve asks. `-d` (debug) runs nothing.
 */

const GRAMMAR: GrammarSpec = {
  options: [flag('-d', '--debug'), flag('-f', '--force'), flag('-v', '--verbose'), flag('-?', '--help'), flag('--usage'), flag('--version'), flag('--skip-state-lock'), flag('--wait-for-state-lock'),
    valued('-s', '--state'), valued('-l', '--log'), valued('-m', '--mail')],
};

function logrotate(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  const parsed = parseCommand(args, GRAMMAR);
  const has = (option: string): boolean => parsed.options.some((o) => o.name === option);
  if (has('-d') || has('-?') || has('--usage') || has('--version')) return inv;
  const via = w.viaOf(exec);
  for (const o of parsed.options.filter((o) => o.name === '-m')) {
    if (o.values[0] !== undefined) w.analyzeText(`${o.values[0]} logrotate-mail`, w.childScope(exec, `${name} -m`));
  }
  for (const config of parsed.operands) {
    if (config.dynamic) {
      w.addOpaque(`${name} rotates logs by a configuration named at run time, whose scripts run and whose logs are moved or deleted`, via);
      continue;
    }
    const path = resolvePath(exec.cwd, config.text, w.facts.home);
    const text = w.readFile(path, via);
    if (text === undefined) {
      w.addOpaque(`${name} rotates logs by ${config.text}, a configuration the hook cannot read now (a folder, or missing), whose scripts run and whose logs are moved or deleted`, via);
      continue;
    }
    const body = withoutComments(text);
    if (/^\s*(include|tabooext|taboopat)\b/m.test(body)) w.addOpaque(`${name} ${config.text} includes other configurations the hook has not read, whose scripts run and whose logs are moved or deleted`, via);
    const scope = w.childScope(exec, `${name} ${config.text}`);
    for (const m of body.matchAll(SCRIPT)) w.analyzeText(m[2]!, scope);
    for (const { pattern, deletes } of logPatterns(body)) {
      if (!PLAIN_PATTERN.test(pattern)) {
        w.addOpaque(`${name} ${config.text} rotates logs named by ${pattern.slice(0, 80)}, a pattern the hook cannot resolve: they are moved or deleted`, via);
        continue;
      }
      // `rotate 0` deletes the log; otherwise it is moved aside (and created again): it leaves its place either way.
      w.analyzeText(deletes ? `rm -f -- ${pattern}` : `mv -f -- ${pattern} /tmp/`, scope);
    }
  }
  return inv;
}

const TMPFILES: GrammarSpec = {
  options: [flag('--create'), flag('--clean'), flag('--remove'), flag('--purge'), flag('--boot'), flag('--user'), flag('--cat-config'), flag('--tldr'), flag('--dry-run'), flag('-h', '--help'), flag('--version'), flag('--no-pager'),
    valued('--prefix'), valued('--exclude-prefix'), valued('-E'), valued('--root'), valued('--image'), valued('--replace'), valued('--graceful')],
};
const NEWSYSLOG: GrammarSpec = {
  options: [flag('-C'), flag('-c'), flag('-F'), flag('-N'), flag('-n'), flag('-r'), flag('-s'), flag('-v'), flag('-I'), valued('-f'), valued('-a'), valued('-d'), valued('-t'), valued('-R'), valued('-S')],
};

/**
 * A cleaner run now on configurations it is given (round 27): `systemd-tmpfiles --remove ./tmp.conf`, `newsyslog -f
 * ./x.conf`. Each configuration is read as the shell text of what it does (policy/cleanerConfigs.ts) and walked; one
 * named at run time or that cannot be read is opaque (asks). Printing and dry runs do nothing.
 */
function cleaner(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec, grammar: GrammarSpec, inert: readonly string[], configs: (p: ReturnType<typeof parseCommand>) => ArgWord[], asShell: (text: string) => string): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  const parsed = parseCommand(args, grammar);
  if (parsed.options.some((o) => inert.includes(o.name))) return inv;
  const via = w.viaOf(exec);
  for (const config of configs(parsed)) {
    const path = config.dynamic ? undefined : resolvePath(exec.cwd, config.text, w.facts.home);
    const text = path === undefined ? undefined : w.readFile(path, via);
    if (text === undefined) {
      w.addOpaque(`${name} runs by ${config.text}, a configuration the hook cannot read now, which deletes, empties or moves the files it names`, via);
      continue;
    }
    w.analyzeText(asShell(text), w.childScope(exec, `${name} ${config.text}`));
  }
  return inv;
}

const TMPFILES_INERT = ['--cat-config', '--tldr', '--dry-run', '-h', '--help', '--version'];

const tmpfiles: Handler = (w, name, first, args, exec) => {
  const inv = cleaner(w, name, first, args, exec, TMPFILES, TMPFILES_INERT, (p) => p.operands.filter((o) => o.text !== '-'), tmpfilesAsShell);
  const parsed = parseCommand(args, TMPFILES);
  const has = (...names: string[]): boolean => parsed.options.some((o) => names.includes(o.name));
  // Round 29: `systemd-tmpfiles --user --remove` with no file runs every configuration of the user's tmpfiles.d folders.
  if (parsed.operands.length > 0 || !has('--user') || has(...TMPFILES_INERT) || !has('--create', '--clean', '--remove', '--purge', '--boot')) return inv;
  userTmpfilesConfigs(w, name, exec);
  return inv;
};

/** The configurations `systemd-tmpfiles --user` reads (tmpfiles.d(5)), each walked as what it does; a folder the hook cannot list asks. */
function userTmpfilesConfigs(w: Walker, name: string, exec: Exec): void {
  const via = w.viaOf(exec);
  const home = w.facts.home;
  const config = exec.assignments.XDG_CONFIG_HOME ?? `${home}/.config`;
  const data = exec.assignments.XDG_DATA_HOME ?? `${home}/.local/share`;
  // `$XDG_RUNTIME_DIR/user-tmpfiles.d` is one of them, in a folder the hook cannot name (the user's runtime folder), so what runs is never all read.
  w.addOpaque(`${name} --user runs the configurations in $XDG_RUNTIME_DIR/user-tmpfiles.d${/[$`]/.test(config + data) ? ' and in folders named by variables' : ''}, which the hook cannot read now and which delete, empty or move the files they name`, via);
  for (const folder of [`${config}/user-tmpfiles.d`, `${data}/user-tmpfiles.d`, '/etc/xdg/user-tmpfiles.d', '/usr/local/share/user-tmpfiles.d', '/usr/share/user-tmpfiles.d']) {
    const entries = w.facts.listDir(folder);
    if (entries === undefined) {
      // A folder that is not there holds nothing; one that is there but cannot be listed may hold anything.
      if (w.facts.fileIdentity?.(folder)?.kind !== 'missing' && folder.startsWith(home + '/')) w.addOpaque(`${name} --user runs the configurations in ${folder}, a folder the hook cannot list now, which delete, empty or move the files they name`, via);
      continue;
    }
    for (const entry of entries.filter((e) => e.endsWith('.conf')).slice(0, 32)) {
      const path = `${folder}/${entry}`;
      const text = w.readFile(path, via);
      if (text === undefined) w.addOpaque(`${name} --user runs ${path}, a configuration the hook cannot read now, which deletes, empties or moves the files it names`, via);
      else w.analyzeText(tmpfilesAsShell(text), w.childScope(exec, `${name} --user ${path}`));
    }
  }
}
const newsyslog: Handler = (w, name, first, args, exec) =>
  cleaner(w, name, first, args, exec, NEWSYSLOG, ['-n'], (p) => p.options.filter((o) => o.name === '-f' && o.valueWords[0] !== undefined).map((o) => o.valueWords[0]!), newsyslogAsShell);

export const logrotateHandlers: Record<string, Handler> = { logrotate, 'systemd-tmpfiles': tmpfiles, newsyslog };
