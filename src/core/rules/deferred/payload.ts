import { basename, resolvePath } from '../../paths';
import { enterLaterRun, leaveLaterRun } from './laterRun';
import { analyze } from '../../policy/analyze';
import { findingsOf } from '../../policy/classify';
import type { Facts, Finding, RuleContext } from '../../policy/types';
import { commandLinesInCode } from './buildPlaces';
import { laterEnvironment } from './laterEnvironment';
import { onlyVendorInstallers } from './vendorInstallers';
import { perimeterView } from '../perimeter/protectedPaths';
import { unreadFinding } from '../perimeter/reach';

/**
 * Deferred execution is execution: a command line written where something runs it later (a git
 * hook, a crontab, a CI workflow, a package script, a git setting that names a program) is analysed
 * as if it ran now, and what it would do flags the write itself, saying where it goes and when it
 * runs. A payload that runs a file the hook cannot read (a script that does not exist yet, a folder
 * of hooks elsewhere) cannot be judged, and is treated as code the hook never read (reach.ts).
 */

/** The place a payload is written to and when it runs, for people: "the git hook .git/hooks/pre-commit", "on every commit". */
export interface DeferredPlace {
  where: string;
  when: string;
  /** It runs for the live service (a platform's deploy step): every target is production, for this reason. */
  production?: string;
}

/** Ruby and PHP (round 10): Rails boot files, PHP front controllers and the Ruby consoles' rc files are judged in their own language. */
export type PayloadLanguage = 'shell' | 'python' | 'javascript' | 'ruby' | 'php';

/** The program that runs code of each language from its standard input. */
const RUNS_STDIN: Readonly<Record<Exclude<PayloadLanguage, 'shell'>, string>> = { python: 'python3 -', javascript: 'node -', ruby: 'ruby -', php: 'php' };

let depth = 0;
const MAX_DEPTH = 3;

/** Words of a command line that name a script file (`/tmp/tidy.sh`, `./hooks/x`, `~/bin/y`). */
const SCRIPT_WORD = /^(?:~\/|\.{0,2}\/)[^\s;|&<>()'"`$]*$/;
const SYSTEM_PROGRAM = /^\/(usr\/(local\/)?)?s?bin\/[^/]+$|^\/opt\/homebrew\/bin\/[^/]+$/;
/** Commands whose path arguments are data, not programs. */
const DATA_COMMANDS = /^(cat|echo|printf|ls|cd|test|\[|rm|cp|mv|mkdir|touch|chmod|chown|ln|tee|grep|head|tail|find|tar|gzip|wc|diff|git)$/;

/** Script files a command line runs, each with whether the hook can read it now. */
function scriptsRun(text: string, facts: Facts, cwd: string): { script: string; abs: string; read: boolean }[] {
  const out: { script: string; abs: string; read: boolean }[] = [];
  for (const line of text.split(/\n|;|&&|\|\|?/)) {
    const words = line.trim().replace(/^(exec|nohup|sudo|env|command)\s+/, '').split(/\s+/).filter((w) => w !== '');
    if (words.length === 0 || words[0]!.startsWith('#')) continue;
    // `/bin/sh`, `/usr/bin/env`: programs of the system, named by their place.
    if (SYSTEM_PROGRAM.test(words[0]!)) words[0] = basename(words[0]!);
    const first = words[0]!;
    const interpreted = /^(sh|bash|zsh|dash|ksh|python3?|node|perl|ruby|php|source|\.)$/.test(first) && words[1] !== undefined && !words[1].startsWith('-');
    const runsFile = SCRIPT_WORD.test(first) || interpreted;
    if (!runsFile || DATA_COMMANDS.test(first)) continue;
    const script = SCRIPT_WORD.test(first) ? first : words[1]!.replace(/^(["'])(.*)\1$/, '$2');
    // A shell or interpreter given a file operand runs that file, whatever its name (`sh x`).
    if (!interpreted && !/\//.test(script) && !/\.(sh|py|js|mjs|cjs|pl|rb|php)$/.test(script)) continue;
    if (/[$`*?]/.test(script)) continue;
    const abs = resolvePath(cwd, script, facts.home);
    out.push({ script, abs, read: facts.readFile(abs) !== undefined });
  }
  return out;
}

/** Script files a command line runs that the hook cannot read (absent now, or unreadable). */
export function unreadScripts(text: string, facts: Facts, cwd: string): string[] {
  return scriptsRun(text, facts, cwd).filter((s) => !s.read).map((s) => s.script);
}

/** Folders of the system's own programs, which an agent without root does not rewrite. */
const SYSTEM_FOLDER = /^\/(usr|bin|sbin|lib|lib64|opt|etc|nix\/store|snap)\//;

/**
 * A recurring job (a crontab line, a systemd calendar timer) runs its script files again and again,
 * outside the agent, for as long as the schedule holds it (stop 36, red team round 24): the hook judged
 * each as it is now, but any later write to that file (an allowed `cp`, an edit) changes what every
 * later run does and nothing looks at the schedule again. A job that runs a script the agent can
 * rewrite (anything outside the system's own folders) asks. A one-time job (`at`, `systemd-run
 * --on-active`) is judged as it runs now.
 * The job is first judged as if it ran now.
 */
export function scheduledPayload(text: string, place: DeferredPlace, writer: string, ctx: RuleContext, cwd: string): Finding[] {
  const found = judgePayload(text, 'shell', place, writer, ctx, cwd);
  return found.length > 0 ? found : rewritableScheduledScripts(text, place, writer, ctx.facts, cwd);
}

function rewritableScheduledScripts(text: string, place: DeferredPlace, writer: string, facts: Facts, cwd: string): Finding[] {
  const script = scriptsRun(text, facts, cwd).find((s) => s.read && !SYSTEM_FOLDER.test(s.abs));
  if (!script) return [];
  return [{
    rule: 'deferred.scheduled-rewritable',
    risk: 'unanalyzable',
    severity: 'ask',
    reason: `${writer} makes ${place.where} run ${script.script} ${place.when}, a file that can be rewritten before then: the hook judged it as it is now, not as it will be when it runs.`,
    targets: [{ kind: 'path', name: script.abs, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }],
  }];
}

function wrap(found: Finding, place: DeferredPlace, writer: string): Finding {
  const reason = found.reason.replace(/\.$/, '');
  return {
    ...laterEnvironment(found, place),
    rule: found.rule.startsWith('deferred.') ? found.rule : `deferred.${found.rule}`,
    reason: `${writer} puts a command into ${place.where}, which runs it ${place.when}: ${reason}.`,
  };
}

/**
 * Findings for a payload that will run later (or now, through a program git is told to run),
 * as the analysis of that payload would report them, each worded as the write that plants it.
 */
export function judgePayload(text: string, language: PayloadLanguage, place: DeferredPlace, writer: string, ctx: RuleContext, cwd: string, inImage = false, elsewhere = false): Finding[] {
  const facts = ctx.facts;
  if (text.trim() === '') return [];
  const view = perimeterView(facts);
  // In a container image (a Kubernetes or compose command), the scripts named are the image's files.
  if (!inImage) {
    // Code hands its command lines to a shell through process calls: the scripts they run are read the same way.
    const unread = unreadScripts(language === 'shell' ? text : commandLinesInCode(text).join('\n'), facts, cwd);
    if (unread.length > 0) {
      return [unreadFinding('deferred-unread', `${writer} makes ${place.where} run ${unread[0]} ${place.when}, a file the hook cannot read now`, basename(unread[0]!), facts, view)];
    }
  }
  if (depth >= MAX_DEPTH) return [unreadFinding('deferred-unread', `${writer} puts commands into ${place.where} nested too deeply to follow`, place.where, facts, view)];
  const shellText = language === 'shell' ? text : `${RUNS_STDIN[language]} <<'BLAST_SHIELD_CODE'\n${language === 'php' && !/<\?php/.test(text) ? `<?php\n${text}` : text}\nBLAST_SHIELD_CODE`;
  // Process calls the language model does not know (nox's `session.run("sh", "-c", …)`): their command lines as shell.
  const calls = language === 'shell' ? [] : commandLinesInCode(text);
  depth++;
  enterLaterRun();
  try {
    const nested: Facts = cwd === facts.cwd ? facts : (Object.assign(Object.create(facts) as Facts, { cwd }) as Facts);
    const analysis = analyze(shellText, nested, undefined, ctx.work);
    // An image build or a CI runner installing a vendor's tool from its own host (vendorInstallers.ts).
    if (elsewhere && analysis.opaque.length > 0) analysis.opaque = analysis.opaque.filter((o) => !onlyVendorInstallers(o, analysis));
    const found = findingsOf(analysis, nested, undefined, ctx.work && ctx.rescan ? { work: ctx.work, rescan: ctx.rescan } : undefined);
    for (const line of calls) found.push(...findingsOf(analyze(line, nested, undefined, ctx.work), nested, undefined, ctx.work && ctx.rescan ? { work: ctx.work, rescan: ctx.rescan } : undefined));
    return found.filter((f) => f.severity !== 'info').map((f) => wrap(f, place, writer));
  } finally {
    leaveLaterRun();
    depth--;
  }
}
