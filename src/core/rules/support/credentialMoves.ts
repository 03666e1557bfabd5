/**
 * Credential files taken out of their protection without being printed: `mv` of a credential file
 * or a home credential folder to a place outside the project and the home folder (`mv ~/.ssh /tmp/`,
 * `mv config/master.key /tmp/`: a file only when left straight in a shared temp folder), and `chmod` modes that let other users read a credential file
 * (`chmod 644 ~/.ssh/id_ed25519`). Renames inside the project or the home folder stay allowed.
 */

import { checkContainerHandoffs } from './containerHandoffs';
import { isWithin, resolvePath } from '../../paths';
import type { ArgWord, CredentialFileInfo, Facts, Finding, Invocation, RuleContext } from '../../policy/types';
import { readFinding } from '../credentials';
import { checkContainerCredentials } from './containerCredentials';
import { checkEditorBatchReads } from './editorBatchReads';
import { infoFor, pathsOfWord } from './credentialPaths';
import { storeInfo } from './credentialStores';

/** World-writable folders shared by every local user. */
const SHARED_TEMP = new Set(['/tmp', '/var/tmp', '/dev/shm', '/private/tmp']);

const MV_VALUED = new Set(['-t', '--target-directory', '-S', '--suffix']);

export function credentialAt(abs: string, facts: Facts): CredentialFileInfo | undefined {
  return storeInfo(abs, facts) ?? infoFor(abs, facts);
}

/** `mv SOURCE... DEST` whose destination is outside every workspace folder and the home folder. */
function checkMovesAway(inv: Invocation, facts: Facts): Finding[] {
  const cwd = inv.cwd || facts.cwd;
  const pos: ArgWord[] = [];
  let target: string | undefined;
  for (let i = 0; i < inv.args.length; i++) {
    const a = inv.args[i] as ArgWord;
    if (a.text === '-t' || a.text === '--target-directory') target = inv.args[i + 1]?.text;
    else if (a.text.startsWith('--target-directory=')) target = a.text.slice(19);
    if (a.text.startsWith('-') && a.text !== '-') {
      if (MV_VALUED.has(a.text)) i++;
      continue;
    }
    pos.push(a);
  }
  const sources = target !== undefined ? pos : pos.slice(0, -1);
  const last = pos[pos.length - 1];
  const destText = target ?? last?.text;
  if (destText === undefined || sources.length === 0 || (target === undefined && last?.dynamic)) return [];
  const dest = resolvePath(cwd, destText.replace(/^(\$HOME|\$\{HOME\})(?=\/|$)/, facts.home), facts.home);
  const inside = [...facts.workspaceRoots, facts.home].some((r) => r !== '' && (dest === r || isWithin(r, dest)));
  if (inside) return [];
  // A file keeps its credential name where it lands (later reads are still judged); it is asked about only
  // when left straight in a folder every local user can open. A home credential folder asks wherever it goes.
  const shared = SHARED_TEMP.has(dest.replace(/\/+$/, ''));
  for (const s of sources) {
    for (const p of pathsOfWord(s, cwd, facts)) {
      const folder = storeInfo(p.replace(/\/+$/, ''), facts);
      const info = folder ?? (shared ? infoFor(p.replace(/\/+$/, ''), facts) : undefined);
      if (info) return [{ ...readFinding('moves', info, `${inv.name} (to ${destText}, outside the project and the home folder)`), rule: 'credentials.move-away' }];
    }
  }
  return [];
}

/** Does a chmod mode let the group or others read or write? */
export function modeOpensToOthers(mode: string): boolean {
  if (/^[0-7]{3,4}$/.test(mode)) {
    const digits = mode.slice(-2);
    return [...digits].some((d) => (Number(d) & 6) !== 0);
  }
  return mode.split(',').some((clause) => {
    const m = /^([ugoa]*)([+=])([rwxXst]*)$/.exec(clause);
    if (!m) return false;
    const who = m[1] as string;
    return (who === '' || /[goa]/.test(who)) && /[rw]/.test(m[3] as string);
  });
}

/** `chmod MODE FILE...` that opens a credential file to other users. */
function checkPermissionWeakening(inv: Invocation, facts: Facts): Finding[] {
  const cwd = inv.cwd || facts.cwd;
  const words = inv.args.filter((a) => !/^-[a-zA-Z]+$|^--[a-z-]+$/.test(a.text) || /^-[rwxXst]+$/.test(a.text));
  const mode = words[0];
  if (!mode || mode.dynamic || !modeOpensToOthers(mode.text)) return [];
  for (const w of words.slice(1)) {
    for (const p of pathsOfWord(w, cwd, facts)) {
      const info = credentialAt(p.replace(/\/+$/, ''), facts);
      if (info) return [{ ...readFinding('opens to other users', info, `chmod ${mode.text}`), rule: 'credentials.permissions' }];
    }
  }
  return [];
}

export function checkCredentialMoves(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.name === 'mv' || inv.name === 'gmv') return checkMovesAway(inv, ctx.facts);
  if (inv.name === 'chmod') return checkPermissionWeakening(inv, ctx.facts);
  return [...checkContainerCredentials(inv, ctx), ...checkContainerHandoffs(inv, ctx), ...checkEditorBatchReads(inv, ctx.facts)];
}
