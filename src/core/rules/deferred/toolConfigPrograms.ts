import { ownTable } from '../../ownTable';
import type { Invocation } from '../../policy/types';
import { invocationCommand } from '../../registry/commandModel';
import type { GitProgram } from './gitPrograms';

/**
 * Settings of package managers and forge CLIs that name a program they start later: `npm config set
 * editor 'dropdb shop'` runs on the next `npm edit`/`npm config edit`, `gh config set pager …` on
 * the next paged output. The program is judged as a command line that runs then (as git's
 * `core.editor` is in `gitPrograms.ts`).
 */

/** Web browsers and their openers, the usual values of a browser setting. */
const BROWSERS = /^(firefox|firefox-esr|chromium|chromium-browser|google-chrome(-stable)?|chrome|brave|brave-browser|microsoft-edge|safari|open|xdg-open|wslview|w3m|lynx|links|sensible-browser|x-www-browser|www-browser)( -[\w-]+)*$/i;

const NPM_KEYS = /^(editor|shell|browser|viewer|git|node-gyp)$/i;

/** Per tool: the words before the key (`config set`, npm's short `set`), and the keys that name a program. */
const SETTERS: Readonly<Record<string, { verbs: readonly (readonly string[])[]; keys: RegExp; when: string }>> = ownTable({
  npm: { verbs: [['config', 'set'], ['c', 'set'], ['set']], keys: NPM_KEYS, when: 'when npm next starts it (npm edit, npm config edit, npm help, npm explore)' },
  pnpm: { verbs: [['config', 'set'], ['c', 'set'], ['set']], keys: NPM_KEYS, when: 'when pnpm next starts it' },
  yarn: { verbs: [['config', 'set']], keys: /^(editor|shell|browser)$/i, when: 'when yarn next starts it' },
  gh: { verbs: [['config', 'set']], keys: /^(editor|pager|browser)$/i, when: 'when gh next opens an editor, a pager or a browser' },
  glab: { verbs: [['config', 'set']], keys: /^(editor|pager|browser|glamour_style)$/i, when: 'when glab next opens an editor, a pager or a browser' },
});

/** The program settings an invocation writes, as command lines judged for when they run. */
export function toolConfigPrograms(inv: Invocation): GitProgram[] {
  const setter = SETTERS[inv.name];
  if (!setter) return [];
  // The subcommand words and operands as the tool's registry entry reads them (options and their values set aside).
  const command = invocationCommand(inv);
  if (!command) return [];
  const words = [...command.parsed.path.map((text) => ({ text })), ...command.parsed.operands];
  for (const verbs of setter.verbs) {
    if (!verbs.every((v, i) => words[i]?.text === v)) continue;
    const rest = words.slice(verbs.length);
    // `editor=vim`: the setting's own KEY=VALUE form, not an option reader.
    const first = rest[0]?.text ?? '';
    const eq = first.indexOf('=');
    const key = eq > 0 ? first.slice(0, eq) : first;
    const value = eq > 0 ? first.slice(eq + 1) : rest.slice(1).map((w) => w.text).join(' ');
    if (!setter.keys.test(key) || value.trim() === '') return [];
    if (/browser/i.test(key) && BROWSERS.test(value.trim())) return [];
    // The key reads like git's (`gh.pager`), so a program nothing vouches for asks even when it cannot be followed.
    return [{ kind: 'shell', text: value, key: `${inv.name}.${key}`, where: `${inv.name}'s ${key} setting`, when: setter.when }];
  }
  return [];
}
