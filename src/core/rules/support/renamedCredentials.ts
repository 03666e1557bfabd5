import { matchCredentialPath } from '../../credentials/credentialPaths';
import { resolvePath } from '../../paths';
import { grammarOf, readEffectArgs, values } from '../../policy/effectOptions';
import { freeFormReadings } from '../../registry/freeForm';
import type { ArgWord, CodeSnippet, CredentialFileInfo, Facts, Finding, Invocation, RuleContext } from '../../policy/types';
import { credentialTarget, infoFor, pathsOfWord } from './credentialPaths';
import { gitStart } from './gitGlobals';

/**
 * Renames that give a credential file a name no rule knows, so the next read of it passes: a version
 * control move (`git mv config/secrets.yml notes.txt`, `hg mv`, `svn mv`), a folder moved with the
 * credential files in it (`git mv config docs2`: `docs2/secrets.yml` is no longer Rails' secrets file),
 * and an interpreter's rename call (`perl -e 'rename "config/master.key","m.txt"'`, Ruby `File.rename`,
 * PHP `rename`). A rename that keeps a credential name (`mv .env .env.bak`) stays allowed, as `mv` does.
 */

/** Options of `git mv` / `hg mv` / `svn mv` that take no value; a dry run moves nothing. */
const VCS_MOVE_FLAGS = /^(-f|--force|-k|-v|--verbose|--sparse|-A|--after|--parents|-q|--quiet)$/;
const DRY_RUN = /^(-n|--dry-run)$/;

/** `git mv A B`, `hg rename A B`, `svn move A B` as the `mv` it is (its operands, in the folder git runs in). */
export function vcsMove(inv: Invocation, facts: Facts): Invocation | undefined {
  let sub: string | undefined;
  let rest: readonly ArgWord[];
  let cwd = inv.cwd || facts.cwd;
  if (inv.name === 'git') {
    const start = gitStart(inv, facts);
    sub = start.sub;
    rest = start.rest;
    cwd = start.cwd;
  } else if (inv.name === 'hg' || inv.name === 'svn') {
    const first = freeFormReadings(inv.args).usual.operands[0];
    const at = first ? inv.args.indexOf(first) : -1;
    sub = first?.text;
    rest = at < 0 ? [] : inv.args.slice(at + 1);
  } else return undefined;
  if (sub !== 'mv' && sub !== 'move' && sub !== 'rename' && sub !== 'ren') return undefined;
  if (inv.name === 'git' && sub !== 'mv') return undefined;
  if (rest.some((a) => DRY_RUN.test(a.text))) return undefined;
  const args = rest.filter((a) => !VCS_MOVE_FLAGS.test(a.text));
  return { ...inv, name: 'mv', command: 'mv', args, cwd, via: [...inv.via] };
}

/** The absolute path of a credential file a folder listing names (relative to a workspace folder, `~/…`, or absolute). */
export function absoluteOf(info: CredentialFileInfo, under: string, facts: Facts): string | undefined {
  if (info.path.startsWith('/')) return info.path;
  if (info.path.startsWith('~/')) return facts.home.replace(/\/+$/, '') + info.path.slice(1);
  for (const root of facts.workspaceRoots) {
    const abs = resolvePath(root, info.path, facts.home);
    if (abs.startsWith(under + '/')) return abs;
  }
  return undefined;
}

function shownLanding(destination: string, intoFolder: boolean, folder: string): string {
  const base = destination.replace(/\/+$/, '');
  return intoFolder ? `${base}/${folder.slice(folder.lastIndexOf('/') + 1)}` : base;
}

/** A folder moved (by `mv` or a version control move) with credential files inside that lose their credential names. */
export function checkFolderRename(inv: Invocation, ctx: RuleContext, shown = inv.name): Finding[] {
  const facts = ctx.facts;
  if (!facts.credentials) return [];
  const cwd = inv.cwd || facts.cwd;
  const read = readEffectArgs(inv.args, grammarOf('mv'));
  const operands = [...read.operands];
  const target = values(read, 't', 'target-directory').pop();
  const destination = target ?? operands.pop();
  if (!destination || destination.dynamic || operands.length === 0) return [];
  const destPaths = pathsOfWord(destination, cwd, facts);
  if (destPaths.length !== 1) return [];
  const dest = destPaths[0]!.replace(/\/+$/, '');
  const destIsFolder = target !== undefined || facts.fileStatus?.(dest) === 'directory';
  for (const source of operands) {
    for (const p of pathsOfWord(source, cwd, facts)) {
      const folder = p.replace(/\/+$/, '');
      if (facts.fileStatus?.(folder) !== 'directory') continue;
      const landing = destIsFolder ? `${dest}/${folder.slice(folder.lastIndexOf('/') + 1)}` : dest;
      for (const info of facts.credentials.filesUnder(folder).slice(0, 256)) {
        const abs = absoluteOf(info, folder, facts);
        if (abs === undefined) continue;
        const moved = landing + abs.slice(folder.length);
        if (matchCredentialPath(moved, facts.home)) continue;
        return [{
          rule: 'credentials.read',
          risk: 'credential-read',
          severity: 'ask',
          reason: `${shown} moves ${source.text}, which holds ${info.path} (${info.label}), to ${destination.text}: there it is ${shownLanding(destination.text, destIsFolder, folder)}${abs.slice(folder.length)}, a name the guard does not know as a credential file.`,
          targets: [credentialTarget(info)],
        }];
      }
    }
  }
  return [];
}

/** A rename or copy call with both names written as strings, in the languages the snippets are judged in. */
const RENAME_CALLS = /\b(?:os\.(?:rename|replace|renames)|shutil\.(?:move|copy|copy2|copyfile)|File\.rename|FileUtils\.(?:mv|move|cp|copy|copy_file)|File::Copy::(?:move|copy)|(?:fs\.|fsp\.)?(?:renameSync|copyFileSync|cpSync|rename|copyFile)|Deno\.(?:rename|copyFile)(?:Sync)?|rename|move|copy)\s*\(?\s*(['"])([^'"\n]+)\1\s*,\s*(['"])([^'"\n]+)\3/g;

export function checkSnippetRenames(snippet: CodeSnippet, ctx: RuleContext): Finding[] {
  const facts = ctx.facts;
  const cwd = snippet.runner.cwd || facts.cwd;
  for (const m of snippet.text.matchAll(RENAME_CALLS)) {
    const from = resolvePath(cwd, m[2]!, facts.home);
    const to = resolvePath(cwd, m[4]!, facts.home);
    const info = infoFor(from, facts);
    if (!info || matchCredentialPath(to, facts.home)) continue;
    return [{
      rule: 'credentials.read',
      risk: 'credential-read',
      severity: 'ask',
      reason: `A ${snippet.language} snippet run by ${snippet.runner.name} renames or copies ${info.path}, which holds ${info.label}, to ${m[4]}, a name the guard does not know as a credential file.`,
      targets: [credentialTarget(info)],
    }];
  }
  return [];
}
