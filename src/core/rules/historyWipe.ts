import { basename } from '../paths';
import { effectsOf } from '../policy/effects';
import { effectGrammar, has, readEffectArgs } from '../policy/effectOptions';
import type { ArgWord, Finding, Invocation, RuleContext, Target } from '../policy/types';

/**
 * The shell's record of what ran, wiped (issue #18, red team round 8): `history -w` (after `-c`,
 * or in an agent's shell that kept nothing) writes an empty list over the history file, and a replacing redirect or
 * copy (`> ~/.bash_history`, `cp /dev/null ~/.zsh_history`) empties the file. What was typed — and
 * the trace of what an agent ran — is gone. Appending (`>>`), reading, `history 20` and `unset
 * HISTFILE` (a session that stops recording) stay allowed. Deleting or truncating a history file is
 * the credential and files packs' (it holds secrets typed on command lines).
 */

/** History files of shells and REPLs, by base name. */
const HISTORY_FILE = /^(\.bash_history|\.zsh_history|\.zhistory|\.histfile|\.sh_history|\.ksh_history|fish_history|\.python_history|\.node_repl_history|\.psql_history|\.mysql_history|\.sqlite_history|\.rediscli_history|\.irb_history|\.lesshst)$/;

function ask(reason: string, name: string, ctx: RuleContext): Finding[] {
  const env = ctx.environmentOf({ values: [], remote: false });
  const target: Target = { kind: 'path', name, provider: 'host', remote: false, environment: env.environment, environmentReason: env.reason };
  return [{ rule: 'host.history-wipe', risk: 'destructive', severity: 'ask', reason, targets: [target] }];
}

export function historyWipe(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.name === 'history') {
    // The builtin's switches (`-c`, `-w [file]`, `-cw`) and its file operand. `-c` alone clears only the
    // session's memory (an agent's shell keeps none); `-w` writes that list over the history file.
    const read = readEffectArgs(inv.args, effectGrammar('d'));
    const file = read.operands[0]?.text ?? '$HISTFILE';
    if (!has(read, 'w')) return [];
    return ask(`Writes the session's history list over ${file} (history -w${has(read, 'c') ? ' after -c' : ''}): in a shell that kept none, the history file is emptied, and what it recorded is gone.`, file, ctx);
  }
  const replaced: ArgWord[] = inv.redirects.filter((r) => r.op === '>' || r.op === '>|' || r.op === '&>').map((r) => r.target);
  if (inv.name === 'cp' || inv.name === 'install' || inv.name === 'dd') for (const e of effectsOf(inv)) if (e.kind === 'write') replaced.push(e.word);
  const hit = replaced.find((w) => !w.dynamic && HISTORY_FILE.test(basename(w.text)));
  if (hit === undefined) return [];
  const how = inv.redirects.some((r) => r.target === hit) ? `${inv.name || 'a redirect'} >` : inv.name;
  return ask(`Overwrites the shell history ${hit.text} (${how}): the record of what was typed and run on this machine is gone.`, hit.text, ctx);
}
