/**
 * A project script run by its interpreter with words of its own is a command-line tool (red team round
 * 11): `node ace db:wipe --force` (AdonisJS), `python tools/admin.py drop-tables --all`, `ruby bin/ops
 * purge-queue`. The verb floor reads the words after the script as it reads any unknown CLI's, with the
 * script's file name as the tool; the script's own text is read by the walker as before. Scripts whose
 * words a pack already reads (Django's manage.py, Laravel's artisan, Rails' bin/rails) are left to it.
 */

import { basename } from '../../paths';
import { interpreterReading } from '../../policy/handlers/interpreters';
import type { Invocation } from '../../policy/types';

const RUNTIMES = /^(node|nodejs|python[\d.]*|ruby|php|perl)$/;
/** Options that give the program as code or a module rather than a script file. */
const CODE_OPTIONS = new Set(['-c', '-m', '-e', '-E', '-p', '--eval', '--print', '-r', '-R', '-B', '-F', '-f']);
/** Scripts read by their own packs (frameworks.ts, the Rails and Django rules). */
const PACKED = /^(manage\.py|artisan|rails|rake|console|symfony|craft|yii|spark)$/;

export function scriptCli(inv: Invocation): Invocation | undefined {
  if (!RUNTIMES.test(inv.name)) return undefined;
  const parsed = interpreterReading(inv.name, inv.args);
  if (parsed === undefined || parsed.options.some((o) => CODE_OPTIONS.has(o.name) && (inv.name !== 'node' || o.name !== '-r'))) return undefined;
  const script = parsed.operands[0];
  if (script === undefined || script.dynamic || script.text === '-') return undefined;
  const rest = inv.args.slice(inv.args.indexOf(script) + 1);
  const name = basename(script.text);
  if (rest.length === 0 || PACKED.test(name)) return undefined;
  // The script's path as the command: a name the floor reads as a verb (`delete-users.js`) is the script's text's to judge.
  return { ...inv, name, command: script.text.includes('/') ? script.text : `./${script.text}`, args: rest };
}
