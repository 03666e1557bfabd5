import type { ArgWord } from '../../shell/ast';

/**
 * ssh's `RemoteCommand` (ssh_config(5)): the command line the remote shell runs when none follows the
 * destination. It comes in an `-o` value (`-o RemoteCommand='rm -rf /data'`, `-o 'RemoteCommand rm …'`),
 * in a config file, or through a wrapper that hands ssh its options (`gcloud compute ssh --ssh-flag`).
 * `none` (any case) means no command.
 */
const REMOTE_COMMAND = /^\s*RemoteCommand\s*(?:=\s*|\s+)([\s\S]*)$/i;

/** The remote command an ssh `-o` value sets, if it sets one. */
export function remoteCommandIn(optionValue: string): string | undefined {
  const m = REMOTE_COMMAND.exec(optionValue);
  if (!m) return undefined;
  const value = m[1]!.trim().replace(/^"([\s\S]*)"$/, '$1');
  return value === '' || /^none$/i.test(value) ? undefined : value.replace(/%[%hnprCdiklLTu]/g, 'x');
}

/** ssh options as one text (gcloud splits each `--ssh-flag` at spaces): the `-o RemoteCommand…` in it runs to the end. */
export function remoteCommandInFlags(flags: readonly string[]): string | undefined {
  const text = flags.join(' ');
  const m = /(?:^|\s)-o\s*(RemoteCommand\s*(?:=|\s)[\s\S]*)$/i.exec(text);
  return m ? remoteCommandIn(m[1]!) : undefined;
}

/** `words` (the command written after the destination) with the remote commands options set, as one line. */
export function withRemoteCommands(words: readonly ArgWord[], commands: readonly { text: string; from: ArgWord }[]): ArgWord[] {
  const out = [...words];
  for (const { text, from } of commands) {
    if (out.length > 0) out.push({ text: ';', raw: ';', dynamic: false, glob: false });
    out.push({ text, raw: from.raw, dynamic: from.dynamic, glob: false });
  }
  return out;
}
