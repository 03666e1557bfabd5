/**
 * Verbs other version-control CLIs borrow from git (`dolt push --force`, `dolt branch -d -f x`): the verb
 * floor (rules/verbs.ts) reads them for any tool without rules of its own.
 */

/** The floor's reading of a command line: its positionals and its options (a glued value kept). */
export interface VcsReading {
  positionals: readonly { text: string }[];
  options: readonly { name: string; value?: string }[];
}

/** Force-pushing rewrites the remote's history (`dolt push --force origin main`), whatever the tool. */
export function forcePush(reading: VcsReading): { name: string } | undefined {
  const first = reading.positionals[0]?.text.toLowerCase();
  if (first !== 'push') return undefined;
  // Stop 38 (round 28: `bzr push --overwrite lp:…`): Bazaar's and others' word for replacing the remote's history.
  const option = reading.options.find((o) => /^--(force(-with-lease|-if-includes)?|overwrite|overwrite-tags)$/.test(o.name) && !/^(false|no|0)$/i.test(o.value ?? ''));
  if (option) return { name: option.name };
  const plus = reading.positionals.slice(1).find((w) => /^\+[\w./-]+(:[\w./-]+)?$/.test(w.text));
  return plus ? { name: plus.text } : undefined;
}

/** Git's grammar, which other VCS CLIs copy (`dolt branch -d -f x`, `dolt tag -d v1`): `-d`/`-D` after `branch` or `tag` deletes. */
export function gitStyleDelete(reading: VcsReading): { name: string } | undefined {
  const first = reading.positionals[0]?.text.toLowerCase();
  if (first !== 'branch' && first !== 'tag') return undefined;
  const option = reading.options.find((o) => /^-[a-zA-Z]*[dD][a-zA-Z]*$/.test(o.name) && o.name.length <= 4);
  return option ? { name: option.name } : undefined;
}
