/**
 * Stop 38 (round 28: `sqlpackage /Action:Publish …`, `steamcmd +login builder +run_app_build app.vdf +quit`): command words spelled
 * by other conventions, for the verb floor's reading of any CLI. An action given by an option (`/Action:Publish`, which the free-form
 * grammar reads as `--action=Publish`; `--operation delete`) is the command's word; a program driven by `+command` words (its first
 * word one) has each of them as a command word, the `+` dropped. Elsewhere a `+word` keeps its meaning (`dolt push origin +main`
 * forces a ref) and a path stays an operand.
 */

interface Word {
  text: string;
  index: number;
}

interface ReadingLike {
  positionals: Word[];
  options: readonly { name: string; value?: string; next?: string; index: number }[];
  /** Positionals an option before them may take as its value. */
  maybeValues: ReadonlySet<number>;
}

/** Options whose value is the command to carry out. */
const ACTION_OPTION = /^--?(action|operation|verb|subcommand)$/i;
const COMMAND_SHAPED = /^[A-Za-z][A-Za-z0-9]*(?:[-_:.][A-Za-z0-9]+)*$/;
const PLUS_COMMAND = /^\+([A-Za-z][A-Za-z0-9_]*)$/;
const SESSION = /^(login|logon|logout|connect|quit|exit|force_install_dir|set_\w+|@\w+)$/i;

export function spelledCommands<R extends ReadingLike>(reading: R): R {
  // Two `+command` words at least (`+login x +run_app_build f +quit`): one alone is a target (`earthly +release`).
  const plus = PLUS_COMMAND.test(reading.positionals[0]?.text ?? '') && reading.positionals.filter((w) => PLUS_COMMAND.test(w.text)).length >= 2;
  const action = reading.options.find((o) => ACTION_OPTION.test(o.name) && COMMAND_SHAPED.test(o.value ?? o.next ?? ''));
  if (!plus && action === undefined) return reading;
  // A session command and its words (`+login builder`, `+quit`) say nothing of what the run does.
  let session = false;
  const kept = plus ? reading.positionals.filter((w) => (PLUS_COMMAND.test(w.text) ? !(session = SESSION.test(w.text.slice(1))) : !session)) : reading.positionals;
  const positionals = kept.map((w) => (plus && PLUS_COMMAND.test(w.text) ? { ...w, text: w.text.slice(1) } : w));
  // `--operation deploy`: the word after the option is its value, and that value is the command word.
  if (action?.value !== undefined) positionals.unshift({ text: action.value, index: action.index });
  const maybeValues = action?.value === undefined && action !== undefined ? new Set([...reading.maybeValues].filter((i) => i !== action.index + 1)) : reading.maybeValues;
  return { ...reading, positionals: positionals.sort((a, b) => a.index - b.index), maybeValues };
}
