import type { Finding, Invocation } from '../../policy/types';

/**
 * A path whose folder is shell state that cannot be known here: `~-` or `~1` when the line did not
 * set OLDPWD or the stack, or a relative path after `cd -`/`popd`/`cd "$(…)"` left the working folder
 * unknown. Such a path may be the guard's own folder or a hook configuration, so a name that the
 * guard's files use is asked about, never allowed. Other names stay as they are.
 */

/** Names inside the guard's own folder: read or written, they are asked about. */
const GUARD_NAMES = /^(?:\.blast-shield(?:\.json)?|decider|key|audit\.jsonl|ipc|blast-shield-hook|window-tokens?)$/i;
/** Names of hook configurations: written or removed, they are asked about. */
const HOOK_NAMES = /^(?:hooks\.json|settings(?:\.local)?\.json|trustedFolders\.json|config\.toml|\.claude|\.cursor|\.gemini|\.codex|\.windsurf|\.clinerules|\.copilot)$/;
const WRITERS = new Set(['rm', 'rmdir', 'mv', 'cp', 'ln', 'tee', 'truncate', 'chmod', 'chown', 'sed', 'install', 'shred', 'unlink', 'touch', 'dd', 'rsync', 'echo', 'printf', 'cat']);

function unknownFolderWord(text: string, raw: string, cwdUncertain: boolean): string | undefined {
  const tilde = /^\$\{TILDE_(?:OLDPWD|PWD|DIRSTACK|HOME)\}\/?(.*)$/.exec(text);
  if (tilde) return tilde[1] ?? '';
  if (!cwdUncertain || text.startsWith('/') || text.startsWith('~') || /[$`]/.test(raw)) return undefined;
  return text;
}

function judged(tail: string, writes: boolean): boolean {
  if (tail === '' || tail === '.' || tail === '..') return true;
  const segments = tail.split('/').filter((s) => s !== '' && s !== '.');
  return segments.some((s) => GUARD_NAMES.test(s) || (writes && HOOK_NAMES.test(s)));
}

export function unknownShellStateFindings(inv: Invocation): Finding[] {
  // Most invocations: the folder is known and no word is a `~-`/`~N` the line did not set (asked before building the word list).
  if (inv.cwdUncertain !== true && !inv.args.some((a) => a.text.startsWith('${TILDE_')) && !inv.redirects.some((r) => r.target.text.startsWith('${TILDE_'))) return [];
  const words = [...inv.args.map((a) => ({ text: a.text, raw: a.raw, write: WRITERS.has(inv.name) && inv.name !== 'cat' && inv.name !== 'echo' && inv.name !== 'printf' })), ...inv.redirects.map((r) => ({ text: r.target.text, raw: r.target.raw, write: r.op !== '<' && r.op !== '<<' && r.op !== '<<<' && r.op !== '<&' && r.op !== '>&' }))];
  if (inv.cwdUncertain !== true && !words.some((w) => w.text.startsWith('${TILDE_'))) return [];
  for (const w of words) {
    const tail = unknownFolderWord(w.text, w.raw, inv.cwdUncertain === true);
    if (tail === undefined) continue;
    const whole = w.text.startsWith('${TILDE_');
    // `rm -rf ~-` with OLDPWD unknown: the folder itself could be the guard's.
    if ((whole && tail === '' && w.write) || (tail !== '' && judged(tail, w.write))) {
      return [{ rule: 'self-protection.unknown-shell-state', risk: 'self-protection', severity: 'ask', reason: `${inv.name} names ${w.raw} in a folder known only at run time (an earlier cd -, popd or computed cd, or ~-/~N the line did not set); it may be Blast Shield's own folder or a hook configuration.`, targets: [{ kind: 'path', name: w.raw, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }] }];
    }
  }
  return [];
}
