import { resolvePath } from '../../paths';
import type { ArgWord } from '../../shell/ast';
import { parseCommand } from '../../shell/grammar';
import { optionGrammarOf } from '../readerGrammars';
import type { Invocation } from '../types';
import type { Exec, Handler, Walker } from './context';

/**
 * Batch schedulers (stop 37, red team round 27): `sbatch job.sh`, `qsub job.sh`, `bsub < job.sh`, `condor_submit
 * job.sub`, `nomad job run job.nomad`, `flux batch job.sh` hand a job script to a cluster that runs it later, on
 * another node, where the agent cannot see it. The script is read like the other deferred payloads and judged as if
 * it ran (a `truncate` of a production table flags the submission); a command given inline (`bsub CMD`, `qsub -b y
 * CMD`, `flux submit CMD`, `sbatch --wrap 'CMD'`) is judged as that command. A script the hook cannot read (missing,
 * a folder, named at run time, read from a standard input it cannot see) asks: it runs later, and may be written
 * before then. Queue listings (`squeue`, `qstat`, `bjobs`) are other programs and stay as they are.
 */

/**
 * The spellings that only print (help, a version, a test run, nomad's rendered job) across the five schedulers.
 * This is not an option list: each program's options are its one description (`CLI_GRAMMARS`, nomad's registry
 * entry); one-dash `-output` is nomad's switch, never sbatch's `--output FILE`.
 */
const INFO = new Set(['-h', '--help', '--version', '-V', '--usage', '--test-only', '-output', '-help']);

/** Judge a script file the cluster runs later: read and walked as shell (its shebang says python: as python), or opaque. */
function laterScript(w: Walker, inv: Invocation | undefined, name: string, word: ArgWord, exec: Exec, after: readonly ArgWord[]): void {
  const via = w.viaOf(exec);
  const path = word.dynamic ? undefined : resolvePath(exec.cwd, word.text, w.facts.home);
  const text = path === undefined ? undefined : w.readFile(path, via);
  if (path === undefined || text === undefined) {
    w.addOpaque(`${name} hands ${word.text.slice(0, 80)} to a batch scheduler that runs it later on another node; the hook cannot read it now (missing, a folder, or named at run time) and it may be written before then`, via);
    return;
  }
  w.runFile(word, /^#!.*\bpython/.test(text) ? 'python' : 'shell', inv, exec, `${name} ${word.text}`, false, after);
}

/** A script read from standard input (`bsub < job.sh`, `sbatch <<EOF`): the redirect's file or here-document, else opaque. */
function stdinScript(w: Walker, inv: Invocation | undefined, name: string, exec: Exec): void {
  w.stdinProgram(name, 'shell', inv, exec);
}

function submit(pick: (w: Walker, inv: Invocation | undefined, name: string, parsed: ReturnType<typeof parseCommand>, exec: Exec) => void, grammarName?: string): Handler {
  return (w, name, first, args, exec) => {
    const inv = w.emit(name, first.text, args, exec);
    // The scheduler's one description (`CLI_GRAMMARS` in policy/readerGrammars.ts).
    const parsed = parseCommand(args, optionGrammarOf(grammarName ?? name) ?? {});
    if (parsed.options.some((o) => INFO.has(o.name))) return inv;
    pick(w, inv, name, parsed, exec);
    return inv;
  };
}

const value = (parsed: ReturnType<typeof parseCommand>, ...names: string[]): ArgWord | undefined => parsed.options.filter((o) => names.includes(o.name)).map((o) => o.valueWords[0]).find((v) => v !== undefined);

/** `sbatch [opts] SCRIPT [args]`, `--wrap 'CMD'`, or the script on standard input. */
const sbatch = submit((w, inv, name, parsed, exec) => {
  const wrap = value(parsed, '--wrap');
  if (wrap) return void w.analyzeText(wrap.text, w.childScope(exec, `${name} --wrap`));
  const [script, ...after] = parsed.operands;
  if (script) laterScript(w, inv, name, script, exec, after);
  else stdinScript(w, inv, name, exec);
});

/** `qsub [opts] SCRIPT`, `qsub -b y CMD args` (SGE: the operands are the command), or the script on standard input. */
const qsub = submit((w, inv, name, parsed, exec) => {
  const [script, ...after] = parsed.operands;
  if (script && /^y(es)?$/i.test(value(parsed, '-b')?.text ?? '')) return void w.run(parsed.operands, exec);
  if (script) laterScript(w, inv, name, script, exec, after);
  else stdinScript(w, inv, name, exec);
});

/** `bsub [opts] CMD args` (the command itself), or the script on standard input. */
const bsub = submit((w, inv, name, parsed, exec) => {
  if (parsed.operands.length > 0) w.run(parsed.operands, exec);
  else stdinScript(w, inv, name, exec);
});

/** `flux submit|run|alloc|bulksubmit [opts] CMD args`; `flux batch [opts] SCRIPT`. */
const flux: Handler = (w, name, first, args, exec) => {
  const verb = args[0]?.text;
  if (verb !== 'submit' && verb !== 'run' && verb !== 'batch' && verb !== 'alloc' && verb !== 'bulksubmit') return w.emit(name, first.text, args, exec);
  return submit((w2, inv, _name, parsed, exec2) => {
    if (verb === 'batch') {
      const [script, ...after] = parsed.operands;
      if (script) laterScript(w2, inv, 'flux batch', script, exec2, after);
      else stdinScript(w2, inv, 'flux batch', exec2);
    } else if (parsed.operands.length > 0) w2.run(parsed.operands, exec2);
  }, 'flux submit')(w, name, first, args.slice(1), exec);
};

/** An HTCondor submit description: `executable = …` with its `arguments = …`. */
function condorCommands(text: string): string {
  const key = (k: string): string | undefined => new RegExp(`^\\s*${k}\\s*=\\s*(.*)$`, 'im').exec(text)?.[1]?.trim().replace(/^"(.*)"$/, '$1');
  const executable = key('executable');
  return executable === undefined ? '' : `${executable} ${key('arguments') ?? ''}`.trim();
}

/** A Nomad job's exec, raw_exec and java tasks: `command = "…"` with `args = [ … ]`. */
function nomadCommands(text: string): string {
  const out: string[] = [];
  for (const m of text.matchAll(/\bcommand\s*=\s*"((?:[^"\\]|\\.)*)"(?:[^}]*?\bargs\s*=\s*\[([^\]]*)\])?/g)) {
    const args = [...(m[2] ?? '').matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((a) => `'${a[1]!.replace(/'/g, `'\\''`)}'`);
    out.push([m[1]!, ...args].join(' '));
  }
  return out.join('\n');
}

/** A job description file whose commands the scheduler runs later (`condor_submit job.sub`, `nomad job run job.nomad`). */
function describedJob(w: Walker, name: string, word: ArgWord | undefined, exec: Exec, commands: (text: string) => string): void {
  if (!word) return;
  const via = w.viaOf(exec);
  const path = word.dynamic || word.text === '-' ? undefined : resolvePath(exec.cwd, word.text, w.facts.home);
  const text = path === undefined ? undefined : w.readFile(path, via);
  if (text === undefined) return void w.addOpaque(`${name} submits ${word.text.slice(0, 80)}, a job the hook cannot read now, which the scheduler runs later on another node`, via);
  const lines = commands(text);
  if (lines !== '') w.analyzeText(lines, w.childScope(exec, `${name} ${word.text}`));
}

const condorSubmit: Handler = (w, name, first, args, exec) => {
  const inv = w.emit(name, first.text, args, exec);
  const parsed = parseCommand(args, optionGrammarOf(name) ?? {});
  for (const file of parsed.operands) describedJob(w, name, file, exec, condorCommands);
  return inv;
};

/** `nomad job run FILE`, `nomad run FILE` (the old spelling); `nomad job plan`/`validate` run nothing. */
const nomad: Handler = (w, name, first, args, exec) => {
  const inv = w.emit(name, first.text, args, exec);
  const words = args.map((a) => a.text);
  const at = words[0] === 'job' && words[1] === 'run' ? 2 : words[0] === 'run' ? 1 : -1;
  if (at < 0) return inv;
  const parsed = parseCommand(args.slice(at), optionGrammarOf('nomad') ?? {});
  if (parsed.options.some((o) => INFO.has(o.name))) return inv;
  describedJob(w, `${name} job run`, parsed.operands[0], exec, nomadCommands);
  return inv;
};

export const batchSchedulerHandlers: Record<string, Handler> = { sbatch, qsub, bsub, flux, condor_submit: condorSubmit, nomad };
