import type { PathEffect } from '../../policy/effects';
import { effectGrammar, readEffectArgs } from '../../policy/effectOptions';
import type { ArgWord, Invocation } from '../../policy/types';
import { BWRAP_GRAMMAR } from '../../shell/moreWrappers';
import { readWrapper } from '../../shell/wrapperOptions';
import { BWRAP_BINDS, BWRAP_COVERS } from './agentSurroundings';

/**
 * What a sandbox wrapper mounts over a folder for the command it runs (round 25): `bwrap --bind /tmp ~ sh`,
 * `bwrap --tmpfs ~/.blast-shield …`, `proot -b /tmp/fake:$HOME sh`. Inside, the folder's hook configurations,
 * start-up files and the guard's home are replaced by whatever the agent chose, and everything started there
 * (an agent among them) finds those instead; each destination is an `extract` into that folder, judged by
 * what lives below it (mountEffects.ts does the same for `mount`). A folder bound onto itself
 * (`--ro-bind / /`, `-b /usr`) shows what is there and stays allowed.
 */

const into = (word: ArgWord): PathEffect => ({ kind: 'extract', word });
const same = (a: ArgWord | undefined, b: ArgWord | undefined): boolean => a !== undefined && b !== undefined && !a.dynamic && !b.dynamic && a.text.replace(/\/+$/, '') === b.text.replace(/\/+$/, '');

function bwrapCovers(words: readonly ArgWord[]): PathEffect[] {
  const out: PathEffect[] = [];
  for (const option of readWrapper(words, BWRAP_GRAMMAR).parsed.options) {
    if (!BWRAP_BINDS.test(option.name) && !BWRAP_COVERS.test(option.name)) continue;
    const dest = option.valueWords[option.valueWords.length - 1];
    if (dest === undefined || (BWRAP_BINDS.test(option.name) && same(option.valueWords[0], dest))) continue;
    out.push(into(dest));
  }
  return out;
}

/** proot's `-b HOST[:GUEST]` / `--bind=`, `-m`/`--mount=`: a guest path other than the host path is covered. */
const PROOT = effectGrammar('bmrRwkq', ['bind', 'mount', 'rootfs', 'pwd', 'cwd', 'kernel-release', 'qemu', 'mixed-mode']);

function prootCovers(words: readonly ArgWord[]): PathEffect[] {
  const out: PathEffect[] = [];
  for (const option of readEffectArgs(words, PROOT).options) {
    if (!/^(b|m|bind|mount)$/.test(option.name) || option.value === undefined) continue;
    const value = option.value;
    const colon = value.text.lastIndexOf(':');
    if (colon < 0 && !value.dynamic) continue;
    const guest = colon < 0 ? value : { ...value, text: value.text.slice(colon + 1), raw: value.text.slice(colon + 1) };
    if (!same({ ...value, text: value.text.slice(0, Math.max(colon, 0)) }, guest)) out.push(into(guest));
  }
  return out;
}

export function sandboxMounts(inv: Invocation): PathEffect[] {
  const words = inv.wrapperWords ?? [];
  if (words.length === 0) return [];
  return [...(inv.via.includes('bwrap') ? bwrapCovers(words) : []), ...(inv.via.includes('proot') ? prootCovers(words) : [])];
}
