import { basename, dirname } from '../../paths';
import type { PathEffect } from '../../policy/effects';
import type { Facts } from '../../policy/types';

/**
 * A path judged by where it really leads: `rm link/hooks.json`, `echo … > link/settings.json` and
 * `cat link/ipc/*` act on the link's target (a project's `.cursor`, the editor's user settings, the
 * guard home), so the perimeter judges that place too. The folders on the way are always followed;
 * the last part only by effects that act through it (a write or read opens the target), not by those
 * that act on the link itself (`rm link`, `mv link x`, `ln -sf x link` replace the link, never its target).
 * One `realPath` look-up per path and decision (memoised facts).
 */

const ACT_ON_LINK_ITSELF: ReadonlySet<PathEffect['kind']> = new Set(['delete', 'move', 'link', 'create']);

/** Whether an effect goes through a link in its path's last part although its kind acts on a link itself: a trailing `/` or `/.` (`rm -rf link/`, `find link/ -delete`, `cp -r x link/.`), or a command that follows links it is given (`find -L link -delete`). */
export function followsLastLink(effect: PathEffect, written: string): boolean {
  return effect.followsLinks === true || /\/\.?$/.test(written);
}

/** The path, then where it leads when a symlink on the way leads elsewhere (`followLast`: through a link in the last part too, whatever the kind). */
export function pathsLedTo(abs: string, kind: PathEffect['kind'], facts: Facts, followLast = false): readonly string[] {
  // `/proc/self/…` would resolve in the guard's own process, not the shell that runs the command (withoutProcAlias spells it).
  if (!facts.realPath || abs === '/proc' || abs.startsWith('/proc/')) return [abs];
  let led: string | undefined;
  if (!ACT_ON_LINK_ITSELF.has(kind) || followLast) led = facts.realPath(abs);
  else {
    const folder = dirname(abs);
    const realFolder = folder === abs ? undefined : facts.realPath(folder);
    if (realFolder !== undefined) led = `${realFolder === '/' ? '' : realFolder}/${basename(abs)}`;
  }
  return led !== undefined && led !== abs ? [abs, led] : [abs];
}
