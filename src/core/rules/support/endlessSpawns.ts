import { parseShell } from '../../shell/parser';
import { freeFormReadings } from '../../registry/freeForm';
import type { Command, CommandList } from '../../shell/ast';
import type { CodeSnippet } from '../../policy/types';

/**
 * Fork bombs that are not a shell function calling itself (round 20): code that forks inside a loop
 * that never ends (`perl -e 'fork while 1'`, `python3 -c "while True: os.fork()"`, `for(;;) fork();`),
 * and a shell loop that never ends starting a process in the background on every turn (`while true;
 * do node -e 1 & done`). Each starts processes until the machine has no room for one more, the hook's
 * among them. A bounded loop (`for i in 1 2 3; do job & done`), a `while true` that waits in the
 * foreground (`while true; do make; sleep 5; done`) and a single `fork()` are routine.
 */

/** A loop without an end in code: `while 1`, `while True`, `while (true)`, `for (;;)`, Ruby's and Rust's `loop`. */
const ENDLESS_LOOP = /\bwhile\s*\(?\s*(1|true|True|TRUE)\s*\)?\s*[:{;]?|\bfor\s*\(\s*;\s*;\s*\)|\bloop\s*(\{|do\b)|\buntil\s*\(?\s*(0|false|False)\b/;
/** How far after a loop's head its spawning call may sit to count as its body. */
const LOOP_BODY = 120;
/** A call that starts a process: `fork`, `os.fork()`, `Process.fork`, `cluster.fork()`, `pcntl_fork()`, `spawn(`, `Popen(` (a `system` call waits for its child). */
const SPAWN_CALL = /\b(fork|pcntl_fork|forkpty|spawn|Popen)\b\s*\(?/;

/** Does this snippet fork inside an endless loop (the loop's text followed by the spawning call)? */
export function codeForksEndlessly(snippet: CodeSnippet): boolean {
  const text = snippet.text;
  if (!SPAWN_CALL.test(text) || !ENDLESS_LOOP.test(text)) return false;
  // Perl's and Ruby's statement modifiers put the loop after the call (`fork while 1`); others before it,
  // close by (a one-line body): a long program with a `for (;;)` somewhere and a spawn elsewhere is not one.
  if (/\bfork\s+while\s+(1|true)\b/.test(text)) return true;
  const loops = new RegExp(ENDLESS_LOOP.source, 'g');
  for (const m of text.matchAll(loops)) if (SPAWN_CALL.test(text.slice(m.index, m.index + LOOP_BODY))) return true;
  return false;
}

/** Conditions that never fail (`true`, `:`, `[ 1 ]`) for `while`, or never succeed (`false`) for `until`. */
function endless(command: Command): boolean {
  if (command.type !== 'compound' || (command.keyword !== 'while' && command.keyword !== 'until')) return false;
  const condition = command.bodies[0]?.items ?? [];
  const words = condition.length === 1 && condition[0]!.pipeline.commands.length === 1 && condition[0]!.pipeline.commands[0]!.type === 'simple' ? condition[0]!.pipeline.commands[0]!.words.map((w) => w.raw) : [];
  return command.keyword === 'while' ? /^(true|:|\[ 1 \]|\(\(1\)\))$/.test(words.join(' ')) : words.join(' ') === 'false';
}

/** A list item run in the background anywhere in the loop's body. */
function startsInBackground(list: CommandList): boolean {
  return list.items.some((item) => item.op === '&' || item.pipeline.commands.some((c) => c.type === 'compound' && c.bodies.some(startsInBackground)));
}

function walk(list: CommandList): boolean {
  for (const item of list.items) {
    for (const c of item.pipeline.commands) {
      if (c.type !== 'compound') continue;
      if (endless(c) && c.bodies.slice(1).some(startsInBackground)) return true;
      if (c.bodies.some(walk)) return true;
    }
  }
  return false;
}

/** Does the shell text hold a loop that never ends and starts a background process each turn? */
export function shellSpawnsEndlessly(text: string): boolean {
  if (!/\b(while|until)\b/.test(text) || !text.includes('&')) return false;
  return walk(parseShell(text).list);
}

/**
 * Round 27: endless writes and endless workers by other spellings. A loop without end whose body appends to a file
 * (`while true; do echo x >> /tmp/f; done`, `while :; do cat big >> f; done`, the loop's own `>> f`) fills the disk;
 * code that appends inside a loop without end (`for(;;) fs.appendFileSync(…)`, `while True: f.write(…)` on a file
 * opened to append) does the same; a loop that starts in the background a process that never ends and only burns a
 * CPU (`for i in $(seq 64); do yes > /dev/null & done`, `… do cat /dev/zero > /dev/null & done`) takes every CPU.
 * A loop that waits in the foreground and writes once per turn to the terminal or /dev/null, and a bounded loop
 * starting jobs that end, stay routine.
 */
const GROWS = new Set(['>>', '&>>']);
const NOT_A_DISK_FILE = /^\/dev\/(?!shm\/)/;

function appendsToFile(list: CommandList): boolean {
  return list.items.some((item) => item.pipeline.commands.some((c) => {
    if (c.redirects.some((r) => GROWS.has(r.op) && !NOT_A_DISK_FILE.test(r.target.raw.replace(/^["']|["']$/g, '')))) return true;
    if (c.type === 'simple') {
      if (c.words[0]?.raw !== 'tee') return false;
      const { usual } = freeFormReadings(c.words.slice(1).map((w) => ({ text: w.raw, raw: w.raw, dynamic: false, glob: false })));
      return usual.options.some((o) => o.name === '--append' || /^-[a-z]*a[a-z]*$/.test(o.name)) && usual.operands.some((w) => !NOT_A_DISK_FILE.test(w.text));
    }
    return c.bodies.some(appendsToFile);
  }));
}

/** A loop that waits each turn (`sleep 5`, `inotifywait`) writes a line a while, a logger rather than a disk filler. */
function paces(list: CommandList): boolean {
  return list.items.some((item) => item.pipeline.commands.some((c) => (c.type === 'simple' ? /^(sleep|inotifywait|read)$/.test(c.words[0]?.raw ?? '') : c.bodies.some(paces))));
}

function walkWrites(list: CommandList): boolean {
  for (const item of list.items) {
    for (const c of item.pipeline.commands) {
      if (c.type !== 'compound') continue;
      if (endless(c) && !c.bodies.slice(1).some(paces) && (c.bodies.slice(1).some(appendsToFile) || c.redirects.some((r) => GROWS.has(r.op) || r.op === '>'))) return true;
      if (c.bodies.some(walkWrites)) return true;
    }
  }
  return false;
}

/** Does the shell text hold a loop that never ends and appends to a file on every turn? */
export function shellWritesEndlessly(text: string): boolean {
  if (!/\b(while|until)\b/.test(text) || !text.includes('>')) return false;
  return walkWrites(parseShell(text).list);
}

/** A command that never ends and only burns CPU: `yes`, reading `/dev/zero` or `/dev/urandom` with no count, a `while :` busy loop. */
function burnsForever(c: Command): boolean {
  if (c.type === 'compound') return endless(c) || ((c.keyword === 'subshell' || c.keyword === 'group') && c.bodies.some((b) => b.items.some((i) => i.pipeline.commands.some(burnsForever))));
  const words = c.words.map((w) => w.raw.replace(/^["']|["']$/g, ''));
  const name = words[0] ?? '';
  if (name === 'yes') return true;
  if (name === 'dd') return words.some((w) => /^if=\/dev\/(zero|u?random)$/.test(w)) && !words.some((w) => w.startsWith('count='));
  return /^(cat|md5sum|sha\d*sum|b2sum|gzip|xz|bzip2|zstd|pv|od|xxd|hexdump|base64)$/.test(name) && words.slice(1).some((w) => /^\/dev\/(zero|u?random)$/.test(w));
}

function startsBurners(list: CommandList, inLoop: boolean): boolean {
  return list.items.some((item) => {
    if (inLoop && item.op === '&' && item.pipeline.commands.some(burnsForever)) return true;
    return item.pipeline.commands.some((c) => c.type === 'compound' && c.bodies.some((b, i) => startsBurners(b, inLoop || ((c.keyword === 'for' || c.keyword === 'while' || c.keyword === 'until') && (c.keyword === 'for' || i > 0)))));
  });
}

/** Does the shell text start, from a loop, a background process per turn that never ends and burns a CPU? */
export function shellStartsEndlessWorkers(text: string): boolean {
  if (!/\b(for|while|until)\b/.test(text) || !text.includes('&')) return false;
  return startsBurners(parseShell(text).list, false);
}

/** A call that adds to a file, or a write to a file opened for appending. */
const APPEND_CALL = /\b(appendFileSync|appendFile|fs\.writeSync|writeSync|fwrite|fputs|file_put_contents|File\.write|IO\.write)\s*\(|\.write\s*\(|\bprint\s+[A-Z]+\b|\bsyswrite\b/;
const OPENS_FOR_APPEND = /\bopen\s*\([^)]*['"](a\+?|ab|>>[^'"]*)['"]|\bfopen\s*\([^)]*['"]a|\bcreateWriteStream\s*\(|\bappendFile|\bfile_put_contents\b[^;]*FILE_APPEND|File\.open\s*\([^)]*['"]a|\bmode:\s*['"]a|\bopen\s*\(\s*\w+\s*,\s*['"]>>|\bopen\s*\([^)]*,\s*['"]>>/;

/** Does this snippet add to a file inside a loop that never ends? */
export function codeWritesEndlessly(snippet: CodeSnippet): boolean {
  const text = snippet.text;
  if (!ENDLESS_LOOP.test(text) || !APPEND_CALL.test(text)) return false;
  const appends = OPENS_FOR_APPEND.test(text);
  const loops = new RegExp(ENDLESS_LOOP.source, 'g');
  for (const m of text.matchAll(loops)) {
    const body = text.slice(m.index, m.index + LOOP_BODY);
    if (/\b(appendFileSync|appendFile|file_put_contents)\b/.test(body) || (appends && APPEND_CALL.test(body))) return true;
  }
  return false;
}
