import type { ArgWord, Finding, Invocation, RuleContext } from '../../policy/types';
import { resolvePath } from '../../paths';
import { judgePayload, scheduledPayload } from './payload';
import { cronCommands } from './places';
import { freeFormReadings, optionValue } from '../../registry/freeForm';

/**
 * Work handed to a scheduler the guard does not describe (issue #18 criterion 8, stop 36; red team round 22:
 * `pueue add --delay 'tomorrow 3am' -- sh nightly.sh`, `fcrontab jobs.fcron`, `fcrontab -r`). Called by the
 * verb floor, so only for tools no rule or registry entry names. The known schedulers (`at`, `crontab`,
 * `systemd-run`, `launchctl submit`) are read in deferredPack.ts; for an unknown one the guard cannot know its
 * table format nor when or how often it runs, so it asks after judging what it can read:
 *
 * - a command given to run later: after `--` (or one quoted command line) with an option that says when
 *   (`--delay`, `--at`, `--after`, `--in`, `--schedule`, `--cron`, `--every`, `--not-before`): the command is judged
 *   as if it ran (a denied payload stays denied), and a command that passes still asks, since it runs outside
 *   the agent's turn and a script it names can change before then;
 * - a table program (`fcrontab`, `incrontab`, any `…tab` CLI): a file or standard input installed as the whole
 *   table replaces every job there, and `-r`/`--remove` removes them all.
 *
 * Allowed look-alikes: the same tools listing or showing (`pueue status`, `fcrontab -l`), a command queued to run now
 * (`pueue add -- npm test`: no time given; the floor judges its words as before), help and version.
 */

/** Options that say when a command runs. */
const WHEN = /^--?(delay|delayed|after|at|in|when|schedule|scheduled|cron|every|not-before|delay-until|run-at|start-at|starts-at|on-calendar|later|defer|deferred|eta|countdown|time|wait-until)$/i;
/** Options whose value is the command to run. */
const COMMAND_OPTION = /^--?(cmd|command|exec|run|script|shell-command|c)$/i;
/** What a time or a schedule looks like: digits, a cron expression, a nickname, a day word. */
const TIME_VALUE = /\d|\*|^@|\b(tomorrow|tonight|today|midnight|noon|daily|hourly|weekly|monthly|yearly|annually|every|next|now|later|morning|evening|night|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/i;
/** A table program: a name ending in `tab` (`fcrontab`, `incrontab`, `acmetab`), not a tab-separated text tool. */
const TABLE_PROGRAM = /^[a-z][a-z0-9]*tab$/;
const LISTS = /^(-l|--list|-L|--help|-h|-V|--version|-c|--config|-n)$/;
const REMOVES = /^(-r|--remove|-d|--delete|--clear|--reset|-z)$/;

function commandLine(words: readonly ArgWord[]): string {
  return words.map((w) => (/^[\w@%+=:,./{}-]+$/.test(w.text) ? w.text : `'${w.text.replace(/'/g, `'\\''`)}'`)).join(' ');
}

function ask(rule: string, reason: string, name: string, risk: Finding['risk'] = 'unanalyzable'): Finding {
  return { rule, risk, severity: 'ask', reason, targets: [{ kind: 'resource', name, provider: name, remote: false, environment: 'local', environmentReason: 'this machine' }] };
}

/** Findings for an unknown scheduler's invocation (none when it schedules nothing). */
export function unknownScheduled(inv: Invocation, ctx: RuleContext): Finding[] {
  const cwd = inv.cwd || ctx.facts.cwd;
  const args = inv.args;
  if (TABLE_PROGRAM.test(inv.name) && inv.name !== 'crontab') return tableInstalled(inv, ctx, cwd);
  const runner = crontabRun(inv, ctx, cwd);
  if (runner.length > 0) return runner;
  const dashes = args.findIndex((a) => a.text === '--');
  // Each option read as taking the next word (the one grammar's free-form reading): `--delay 'tomorrow 3am'`, `--at=03:00`.
  const { valued } = freeFormReadings(dashes < 0 ? args : args.slice(0, dashes));
  const option = valued.options.find((o) => WHEN.test(o.name));
  if (option === undefined) return [];
  const timeText = optionValue(option) ?? '';
  // `--in prod`, `--at eu-west`: a place, not a time.
  if (!TIME_VALUE.test(timeText)) return [];
  let passed: readonly ArgWord[] = dashes >= 0 ? args.slice(dashes + 1) : [];
  // A command given by an option (`jobber add nightly --time '0 3 * * *' --cmd 'sh nightly.sh'`).
  const byOption = valued.options.find((o) => COMMAND_OPTION.test(o.name))?.valueWords[0];
  if (passed.length === 0 && byOption !== undefined) passed = [byOption];
  // No `--`: one quoted operand that is a command line (`… --delay 2h 'sh nightly.sh'`).
  if (passed.length === 0) {
    const line = valued.operands.find((a) => /\s/.test(a.text) && /^[\w./-]+\s/.test(a.text));
    if (line !== undefined) passed = [line];
  }
  if (passed.length === 0) return [];
  const text = passed.length === 1 ? passed[0]!.text : commandLine(passed);
  const place = { where: `a ${inv.name} job`, when: `later (${option.name} ${timeText}), outside the agent` };
  const judged = judgePayload(text, 'shell', place, inv.name, ctx, cwd);
  if (judged.some((f) => f.severity !== 'info')) return judged;
  return [ask('deferred.unknown-scheduler', `${inv.name} is told to run \`${text.slice(0, 80)}\` later (${option.name} ${timeText}): a scheduler the guard does not describe runs it outside the agent's turn, where nothing checks it then, and a script it names can change before it runs.`, inv.name)];
}

/** `fcrontab FILE`, `… -` (standard input), `… -r`: a table replaced or removed whole. */
function tableInstalled(inv: Invocation, ctx: RuleContext, cwd: string): Finding[] {
  const { usual } = freeFormReadings(inv.args);
  const options = usual.options.map((o) => o.written);
  if (inv.args.length === 0 || options.some((t) => LISTS.test(t))) return [];
  const removal = options.find((t) => REMOVES.test(t));
  if (removal !== undefined) return [ask('deferred.table-removed', `\`${inv.name} ${removal}\` removes its whole table: every job scheduled there is gone, and nothing keeps a copy.`, inv.name, 'destructive')];
  if (options.some((t) => /^-e$|^--edit$/.test(t))) return [];
  // `-` is standard input; any other operand is the table's file.
  const file = inv.args.find((a) => a.text === '-') ?? usual.operands[0];
  if (file === undefined) return [];
  const stdin = inv.stdin;
  const text = file.text === '-' ? (stdin?.kind === 'heredoc' || stdin?.kind === 'herestring' ? stdin.text : undefined) : file.dynamic ? undefined : ctx.facts.readFile(resolvePath(cwd, file.text, ctx.facts.home));
  const place = { where: `the ${inv.name} table`, when: 'on its schedule, outside the agent' };
  const judged = text !== undefined ? judgePayload(cronCommands(text, false), 'shell', place, inv.name, ctx, cwd) : [];
  if (judged.some((f) => f.severity !== 'info')) return judged;
  const what = text === undefined ? 'a table whose text the hook cannot read now' : `the table in ${file.text}`;
  return [ask('deferred.table-installed', `\`${inv.name} ${file.text}\` installs ${what} in place of the whole ${inv.name} table: every job there is replaced, and a program the guard does not describe runs the new ones on a schedule it cannot read.`, inv.name)];
}

/**
 * Stop 39 (round 33: `nohup supercronic ./deploy/crontab &`): a crontab file handed to a program nobody describes (a cron
 * runner for containers or users: `supercronic`, `go-crond`, `yacron`): it runs every job of that table on its schedule for
 * as long as it lives, outside the agent's turn. Each job is judged as a recurring one (payload.ts `scheduledPayload`), and a
 * table that passes still asks, like any unknown scheduler. Allowed: the same program told only to check the file
 * (`-test`, `--validate`, `lint`), help and version.
 */
const CRONTAB_FILE = /(^|\/)(crontab|[\w.-]+\.(cron|crontab)|crontab\.[\w-]+|cron\.d\/[\w.-]+)$/i;
const CHECKS_ONLY = /^(-test|--test|-t|--check|-check|--validate|-validate|--lint|--parse|-n|--dry-run|-h|--help|-V|--version|lint|validate|check|test|parse|explain|next)$/;

function crontabRun(inv: Invocation, ctx: RuleContext, cwd: string): Finding[] {
  const { usual } = freeFormReadings(inv.args);
  const file = [...usual.operands, ...usual.options.flatMap((o) => o.values.map((text) => ({ text, dynamic: false })))].find((w) => CRONTAB_FILE.test(w.text));
  if (file === undefined || inv.args.some((a) => CHECKS_ONLY.test(a.text))) return [];
  const text = file.dynamic ? undefined : ctx.facts.readFile(resolvePath(cwd, file.text, ctx.facts.home));
  const place = { where: `the jobs of ${file.text}`, when: `on their schedule, while ${inv.name} runs (outside the agent)` };
  const judged = text !== undefined ? scheduledPayload(cronCommands(text, false), place, inv.name, ctx, cwd) : [];
  if (judged.some((f) => f.severity !== 'info')) return judged;
  const what = text === undefined ? `${file.text}, a table whose text the hook cannot read now,` : `the table in ${file.text}`;
  return [ask('deferred.unknown-scheduler', `\`${inv.name} ${file.text}\` runs every job of ${what} on its schedule for as long as it lives: a scheduler the guard does not describe runs them outside the agent's turn, where nothing checks them then.`, inv.name)];
}
