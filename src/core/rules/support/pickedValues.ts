/**
 * Stop 38 (round 31: `claudia update --version production`, `octo deploy-release --version 2.4.0 --deployTo Production`):
 * an option that asks a tool to print something when it stands alone (`--version`) picks what to act on when it carries
 * a value: a version (`2.4.0`, `v42`) or an environment named outright (`production`, `prod`, `prd`, `live`, any case,
 * the whole value). Such an option says nothing of the run being a read, and the tool does not stop to print its version.
 */

/** A value that is, whole, the name of a production environment. */
export const PRODUCTION_NAME = /^(prod|production|prd|live)$/i;

/** A value a `--version`-like option picks: a version number or a production environment's name. */
export function pickedValue(value: string | undefined): boolean {
  return value !== undefined && (/^v?\d[\w.+-]*$/.test(value) || PRODUCTION_NAME.test(value));
}

/** `--version` printing the tool's version: bare, with no value glued and none it picks after it. */
export function printsVersion(option: { name: string; value?: string; next?: string }): boolean {
  return option.name === '--version' && option.value === undefined && !pickedValue(option.next);
}

/** Read verbs a group option may take as its command (`--cache list`, `--topic describe`). */
const GROUP_READ = /^(list|ls|show|describe|status|info|view)$/;

/** The names of the options that may make a run a read, without a `--version` that picks what to act on. */
export function readingOptionNames(options: readonly { name: string; value?: string; next?: string }[]): string[] {
  // Stop 39: a command option with its command (`-c topology`) as `-c=topology`, for productionChange.ts to read as the command word.
  // Stop 40 (round 34: `kpcli --command "ls Production"`): a command with a plain operand after it is read by its first word.
  // Stop 40 (round 34: `control.sh --host ignite-prod-1 --cache list .`): a group option followed by a read verb is a command given by option too.
  return options
    .filter((o) => o.name !== '--version' || printsVersion(o))
    .map((o) => {
      const given = o.value ?? o.next ?? '';
      if (/^--?(c|cmd|command)$/i.test(o.name) && /^[a-z][\w-]*(\s+[\w./-]+)?$/i.test(given)) return `${o.name}=${given.split(/\s+/)[0]}`;
      if (o.value === undefined && /^--[a-z][\w-]*$/.test(o.name) && GROUP_READ.test(o.next ?? '')) return `${o.name}=${o.next}`;
      return o.name;
    });
}
