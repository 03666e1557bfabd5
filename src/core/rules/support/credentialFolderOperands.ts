import type { ArgWord, Facts, Finding, Invocation } from '../../policy/types';
import { pathsOfWord } from './credentialPaths';

/**
 * A folder given to a program that is not known to be harmless with it (`croc send ~/.ssh`, `wormhole send
 * ~`, `s5cmd cp ~/.aws/ s3://x/`, `python3 -m zipfile -c x.zip ~/.ssh`): the program may read, pack or
 * send every file inside it. The home folder, or a folder outside the workspace holding credential files (a
 * credential store), asks, naming what it reaches; a project folder is a tool's ordinary work.
 */
/** A verb that sends what it is given away (`croc send`, `wormhole send`), or an operand that names a remote place (`s3://x/`). */
const SENDING_VERB = /^(send|share|upload|push|publish)$/;
/**
 * Stop 39 (round 33: `ipfs add -r legacy/`, a project folder holding credential backups published to a public network): a
 * project folder sent or published by such a verb (or added, pinned or put where an address says it leaves) carries its
 * credential files with it; a project folder holding none (`ipfs add -r dist/`) stays the tool's ordinary work.
 */
const PUBLISHING_VERB = /^(send|share|upload|push|publish|add|up|pin|put|seed)$/;
const REMOTE_OPERAND = /^[a-z][a-z0-9+.-]{1,15}:\/\//i;

export function credentialFolderOperands(inv: Invocation, facts: Facts, operands: readonly ArgWord[], why: string): Finding[] {
  const cwd = inv.cwd || facts.cwd;
  const out: Finding[] = [];
  // Sent off this machine (round 11): the place it lands is one nothing names (production by the rule for unresolved targets).
  const sent = inv.args.some((a) => SENDING_VERB.test(a.text) || REMOTE_OPERAND.test(a.text));
  const published = sent || inv.args.slice(0, 3).some((a) => PUBLISHING_VERB.test(a.text));
  for (const w of operands.slice(0, 16)) {
    for (const p of pathsOfWord(w, cwd, facts).slice(0, 4)) {
      const home = facts.home !== '' && p.replace(/\/+$/, '') === facts.home.replace(/\/+$/, '');
      // A project folder is the tool's work (`mytool build .`); a store outside the projects (~/.ssh, ~/.aws, a browser profile) is not.
      // A folder above the projects (`/`, `~/src`) is more often a word of the tool's own (a znode, a bucket path) than a store.
      // A folder inside a project, not the project itself: a publisher packs a project by its manifest (`stack upload .`).
      const project = facts.workspaceRoots.some((r) => p.startsWith(r + '/'));
      // A project folder counts only as written as a path (`legacy/`, `./legacy`, `.`): a bare word is as often an option's value (`--service web`).
      const pathShaped = w.text.includes('/') || /^\.{1,2}$/.test(w.text);
      if (!home && !(published && project && pathShaped) && facts.workspaceRoots.some((r) => p === r || p.startsWith(r + '/') || r.startsWith(p.replace(/\/+$/, '') + '/'))) continue;
      if (!home && facts.home !== '' && facts.home.startsWith(p.replace(/\/+$/, '') + '/')) continue;
      const inside = facts.credentials?.filesUnder(p).filter((f) => f.path !== p).slice(0, 3) ?? [];
      if (!home && inside.length === 0) continue;
      const shown = p === facts.home ? '~' : facts.home !== '' && p.startsWith(facts.home + '/') ? '~' + p.slice(facts.home.length) : p;
      const what = home ? 'the home folder (every credential store in it, the guard\'s own folder too)' : `${shown}, a folder holding ${inside.map((f) => f.path).join(', ')}`;
      out.push({
        rule: 'credentials.read',
        risk: 'credential-read',
        severity: 'ask',
        reason: `${inv.name} is given ${what}; ${why}, and a program given a folder may read every file in it.`,
        targets: [published ? { kind: 'path', name: shown, remote: true, environment: 'unknown', environmentReason: `sent by ${inv.name} to a place nothing names` } : { kind: 'path', name: shown, remote: false, environment: 'local', environmentReason: 'a folder on this machine' }],
      });
      if (out.length >= 4) return out;
    }
  }
  return out;
}

/** Python's modules that pack, encode or serve the operands they are given (`python3 -m zipfile -c out.zip DIR`). */
const PACKING_MODULES = /^(zipfile|tarfile|gzip|base64|shutil|zipapp|http\.server|uu|quopri|binascii)$/;

/** `python3 -m zipfile -c /tmp/x.zip ~/.ssh`: the module's operands after `-m NAME`. */
export function pythonModuleOperands(inv: Invocation): { module: string; operands: ArgWord[] } | undefined {
  if (!/^python[0-9.]*$/.test(inv.name)) return undefined;
  const m = inv.args.findIndex((a) => a.text === '-m');
  const module = inv.args[m + 1]?.text;
  if (m < 0 || module === undefined || !PACKING_MODULES.test(module)) return undefined;
  // Every word after the module that is not an option: the archive written and the paths packed (`-d DIR` of http.server too).
  return { module, operands: inv.args.slice(m + 2).filter((a) => !a.text.startsWith('-')) };
}
