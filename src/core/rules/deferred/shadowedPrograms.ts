import { basename, dirname } from '../../paths';
import { EFFECT_RULES, READ_ONLY_COMMANDS } from '../../policy/effects';
import type { Facts, Finding } from '../../policy/types';
import { DENY_SUFFIX, perimeterFinding } from '../perimeter/perimeterFinding';
import { SHELLS } from '../../policy/handlers/context';
import type { PlaceRule } from './places';

/**
 * A program written into a folder of the user's that comes before the system's on PATH (`~/.local/bin`,
 * `~/bin`, or a folder of the home on the agent's PATH), under the name of a system command the guard
 * allows by name (`ls`, `cat`, `grep` …): whatever the agent runs by that name next is the new file. Its
 * text is judged as if it ran whenever that command runs; a copy or link of another known command under
 * that name (`ln -s /bin/rm ~/.local/bin/ls`) is denied. Installing a program of its own name
 * (`ln -s /usr/bin/batcat ~/.local/bin/bat`) stays allowed.
 */

const USER_BINS = /^(\.local\/bin|bin)$/;

/** System commands the guard judges by name. */
function isSystemCommand(name: string): boolean {
  return READ_ONLY_COMMANDS.has(name) || EFFECT_RULES[name] !== undefined || SHELLS.has(name);
}

function userBin(path: string, facts: Facts): string | undefined {
  const home = facts.home;
  const dir = dirname(path);
  if (!home || !dir.startsWith(home + '/')) return undefined;
  const rel = dir.slice(home.length + 1);
  const onPath = USER_BINS.test(rel) || (facts.perimeter?.pathFolders ?? []).includes(dir);
  return onPath ? `~/${rel}` : undefined;
}

/** The place a write to `path` shadows a system command, or undefined. */
export function shadowPlaceOf(path: string, facts: Facts): PlaceRule | undefined {
  const name = basename(path);
  if (!isSystemCommand(name)) return undefined;
  const folder = userBin(path, facts);
  if (!folder) return undefined;
  return { where: `the program ${name} in ${folder}`, when: `whenever ${name} runs by name (${folder} comes before the system's folders on PATH)`, language: 'shell', strictUnknown: true, commands: (t) => t.replace(/^#![^\n]*\n/, '') };
}

/** Commands that change or run things (not the read-only ones). */
function isActingCommand(name: string): boolean {
  return !READ_ONLY_COMMANDS.has(name) && (EFFECT_RULES[name] !== undefined || SHELLS.has(name) || /^(python[0-9.]*|perl|ruby|node|nodejs)$/.test(name));
}

const SYSTEM_FOLDERS = /^\/(usr\/(local\/)?s?bin|s?bin|opt\/homebrew\/bin|snap\/bin)\//;

/**
 * A copy or link into a shadowing place: another acting command under the name is denied; a system
 * program of another name (`batcat` as `bat`) is an install; anything else is judged by its text.
 */
export function shadowCopy(path: string, from: string, writer: string, facts: Facts): 'judge-text' | Finding | undefined {
  const name = basename(path);
  const source = basename(from);
  const place = shadowPlaceOf(path, facts);
  if (!place) return undefined;
  if (source !== name && isActingCommand(source)) {
    const folder = place.where.replace(/^the program \S+ in /, '');
    return perimeterFinding('path-shadow', `${writer} puts ${source} in ${folder} under the name ${name}: whenever ${name} is run by name, ${source} runs instead (${folder} comes before the system's folders on PATH); ${DENY_SUFFIX}.`, path);
  }
  return SYSTEM_FOLDERS.test(from) ? undefined : 'judge-text';
}
