import { grammarOf, readEffectArgs, values } from '../../policy/effectOptions';
import { isWithin } from '../../paths';
import type { CredentialFileInfo, Facts, Finding, Invocation, RuleContext } from '../../policy/types';
import { readFinding } from '../credentials';
import { pathsOfWord } from './credentialPaths';
import { credentialAt } from './credentialMoves';

/**
 * A credential left where others reach it without a copy (round 11): an ACL entry that lets another user
 * or group read it (`setfacl -m o::rx ~/.aws`, `setfacl -m g:www-data:r config/master.key`), a symbolic link
 * to it placed inside a project whose servers and tools read what is there (`ln -s ~/.ssh uploads/ssh`),
 * a folder served to the internet by a tunnel (`ngrok http file://$HOME`). Read by program name.
 */

/** The credential a path is, or one a folder holds. */
function credentialIn(abs: string, facts: Facts): CredentialFileInfo | undefined {
  const path = abs.replace(/\/+$/, '');
  if (path === facts.home.replace(/\/+$/, '') && path !== '') return { path: '~', kind: 'credential-folder', label: "every credential store of the home folder (the guard's own folder too)" };
  return credentialAt(path, facts) ?? facts.credentials?.filesUnder(path).find((f) => f.path !== path);
}

/** `u:bob:r`, `g:www-data:rx`, `o::r`, `other::r-x`, `d:o::r` (a default entry): an entry that grants another reader. */
const GRANTS_READ = /(^|,)(d(efault)?:)?((u(ser)?|g(roup)?|m(ask)?):[^:,]+|o(ther)?:|g(roup)?:):?[rwx-]*r/;

function aclGrants(inv: Invocation, facts: Facts): Finding[] {
  const read = readEffectArgs(inv.args, grammarOf('setfacl'));
  const entries = values(read, 'm', 'modify', 'set');
  const entry = entries.find((e) => GRANTS_READ.test(e.text));
  if (!entry) return [];
  const cwd = inv.cwd || facts.cwd;
  for (const w of read.operands.slice(0, 16)) {
    for (const p of pathsOfWord(w, cwd, facts).slice(0, 4)) {
      const info = credentialIn(p, facts);
      if (info) return [{ ...readFinding('opens to other users', info, `setfacl ${entry.text.slice(0, 30)}`), rule: 'credentials.permissions' }];
    }
  }
  return [];
}

/** Folders web servers and frameworks publish as they are (`public/`, `uploads/`, Laravel's `storage/`). */
const SERVED = /\/(public|static|uploads?|storage|media|assets|www|htdocs|web|wwwroot|files|downloads|shared|dist|build|out)(\/|$)/;

function linksIntoProject(inv: Invocation, facts: Facts): Finding[] {
  const read = readEffectArgs(inv.args, grammarOf('ln'));
  if (!read.options.some((o) => o.name === 's' || o.name === 'symbolic') && !inv.args.some((a) => /^-[a-zA-Z]*s[a-zA-Z]*$/.test(a.text))) return [];
  const target = values(read, 't', 'target-directory')[0];
  const sources = target ? read.operands : read.operands.slice(0, -1);
  const dest = target ?? read.operands[read.operands.length - 1];
  if (!dest || sources.length === 0) return [];
  const cwd = inv.cwd || facts.cwd;
  const destPath = pathsOfWord(dest, cwd, facts)[0];
  const root = destPath === undefined ? undefined : facts.workspaceRoots.find((r) => destPath === r || isWithin(r, destPath));
  // A link beside the project's files (`ln -s ~/.aws awsdir`) is judged where it is read; one inside a folder a server publishes is served.
  if (root === undefined || !SERVED.test(destPath!.slice(root.length))) return [];
  for (const s of sources.slice(0, 8)) {
    for (const p of pathsOfWord(s, cwd, facts).slice(0, 4)) {
      // A link inside the project to the project's own file is its own business; one to a store outside it is not.
      if (facts.workspaceRoots.some((r) => p === r || isWithin(r, p))) continue;
      const info = credentialIn(p, facts);
      if (info) return [{ ...readFinding('links into the project', info, `ln -s (at ${dest.text}, in a folder the project's server publishes)`), rule: 'credentials.exposed' }];
    }
  }
  return [];
}

function tunnelServes(inv: Invocation, ctx: RuleContext): Finding[] {
  const facts = ctx.facts;
  for (const a of inv.args.slice(0, 16)) {
    const m = /^file:\/\/(.*)$/.exec(a.text);
    if (!m) continue;
    const path = (m[1] ?? '').replace(/^~(?=\/|$)/, facts.home) || '/';
    const info = credentialIn(path, facts);
    if (!info) continue;
    const finding = readFinding('serves to the internet', info, `${inv.name} (a public address for ${a.text.slice(0, 40)})`);
    return [{ ...finding, rule: 'credentials.exposed', targets: [{ kind: 'credential', name: info.path, remote: true, environment: 'unknown', environmentReason: 'served at a public address nothing names' }] }];
  }
  return [];
}

export function checkCredentialExposures(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.name === 'setfacl') return aclGrants(inv, ctx.facts);
  if (inv.name === 'ln') return linksIntoProject(inv, ctx.facts);
  if (inv.name === 'ngrok') return tunnelServes(inv, ctx);
  return [];
}
checkCredentialExposures.reactsTo = (name: string): boolean => name === 'setfacl' || name === 'ln' || name === 'ngrok';
