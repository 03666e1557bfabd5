import { parseShell } from '../../shell/parser';
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
