import { basename, resolvePath } from '../paths';
import { effectsOf } from '../policy/effects';
import type { Finding, GitPathState, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { classifyPath } from './files';
import { liveDatabaseFolder } from './support/liveDataWrites';

/**
 * An archive extracted over a folder that holds what git cannot bring back (`tar xf old.tar -C
 * storage`, `unzip -o x.zip -d config`): its entries replace files of the same names, and whether any
 * does is known only when the archive's members are. Members the hook can read are judged one by
 * one (an entry landing on an ignored, untracked or changed file); an archive it cannot read (a
 * stream, a file not there yet, a format it does not list) extracted into such a folder asks. A fresh
 * or scratch folder, build output and a folder git holds whole stay allowed: git restores what an
 * entry overwrites there, and a new file loses nothing.
 */

const EXTRACTORS: ReadonlySet<string> = new Set(['tar', 'bsdtar', 'gtar', 'unzip', '7z', '7za', '7zz']);
/** States whose content no commit holds. */
const LOST: ReadonlySet<GitPathState> = new Set(['modified', 'untracked', 'ignored', 'unknown']);
const MAX_ENTRIES = 64;

/** `unzip` without `-o` asks before replacing a file (and, with no terminal, skips it); `-n` and tar's `-k` never replace. */
function keepsExisting(inv: Invocation): boolean {
  const words = inv.args.map((a) => a.text);
  if (inv.name === 'unzip') return !words.some((w) => /^-[a-zA-Z]*o/.test(w)) || words.some((w) => /^-[a-zA-Z]*n/.test(w));
  return words.some((w) => w === '--keep-old-files' || w === '--skip-old-files' || /^-[a-zA-Z]*k[a-zA-Z]*$/.test(w));
}

/** Entries of `folder` whose content only this machine holds, by git's account (at most a few named). */
function unrecoverable(folder: string, ctx: RuleContext): string[] {
  const entries = ctx.facts.listDir(folder);
  if (!entries || !ctx.facts.gitPathStates) return [];
  const paths = entries.filter((e) => e !== '.git').slice(0, MAX_ENTRIES).map((e) => `${folder}/${e}`).filter((p) => {
    const c = classifyPath({ text: p, raw: p, dynamic: false, glob: false }, folder, ctx.facts).class;
    return c !== 'routine' && c !== 'scratch';
  });
  if (paths.length === 0) return [];
  let states: Readonly<Record<string, GitPathState>> | undefined;
  try {
    states = ctx.facts.gitPathStates(folder, paths);
  } catch {
    states = undefined;
  }
  if (!states) return [];
  return paths.filter((p) => { const s = states![p]; return s !== undefined && LOST.has(s); }).map((p) => basename(p));
}

function check(inv: Invocation, ctx: RuleContext): Finding[] {
  if (!EXTRACTORS.has(inv.name) || inv.remote || keepsExisting(inv)) return [];
  const effects = effectsOf(inv);
  const into = effects.filter((e) => e.kind === 'extract');
  const archive = effects.find((e) => e.kind === 'read')?.word;
  if (into.length !== 1 || into[0]!.word.dynamic) return [];
  const folder = resolvePath(inv.cwd, into[0]!.word.text, ctx.facts.home);
  const cls = classifyPath(into[0]!.word, inv.cwd, ctx.facts).class;
  if (cls === 'scratch' || cls === 'routine') return [];
  // Stop 40 (round 34: `zbackup restore … | tar x -C /var/lib/postgresql/16/main`): a live database's data folder is the server's own
  // state, which git never holds: an old backup unpacked there replaces it under the running server.
  if (liveDatabaseFolder(folder) !== undefined) {
    const env = ctx.environmentOf({ values: [into[0]!.word.text], remote: false });
    const target: Target = { kind: 'path', name: into[0]!.word.text, provider: 'filesystem', remote: false, environment: env.environment === 'non-production' ? env.environment : 'production', environmentReason: env.environment === 'non-production' ? env.reason : `${into[0]!.word.text} is a database server's live data folder` };
    return [{ rule: 'local-data.archive-overwrite', risk: 'destructive', severity: 'ask', reason: `Extracts ${archive?.text && archive.text !== '-' ? archive.text : 'an archive'} over ${into[0]!.word.text}, a database server's live data folder: its files are replaced by the archive's, and what the server wrote since is lost (${inv.name}).`, targets: [target] }];
  }
  const archivePath = archive && !archive.dynamic && archive.text !== '-' ? resolvePath(inv.cwd, archive.text, ctx.facts.home) : undefined;
  const members = archivePath ? ctx.facts.archiveMembers?.(archivePath) : undefined;
  let at: string[];
  if (members) {
    const landing = members.filter((m) => !m.endsWith('/')).slice(0, MAX_ENTRIES * 4).map((m) => resolvePath(folder, m.replace(/^\/+/, ''), ctx.facts.home));
    const states = landing.length > 0 && ctx.facts.gitPathStates ? ctx.facts.gitPathStates(folder, landing) : undefined;
    at = landing.filter((p) => ctx.facts.readFile(p) !== undefined && states?.[p] !== undefined && LOST.has(states[p]!) && !['routine', 'scratch'].includes(classifyPath({ text: p, raw: p, dynamic: false, glob: false }, folder, ctx.facts).class)).map((p) => p.slice(folder.length + 1));
  } else {
    at = unrecoverable(folder, ctx);
  }
  if (at.length === 0) return [];
  const shown = into[0]!.word.text;
  const env = ctx.environmentOf({ values: [shown], remote: false });
  const target: Target = { kind: 'path', name: shown, provider: 'filesystem', remote: false, environment: env.environment, environmentReason: env.reason };
  const named = at.slice(0, 4).join(', ') + (at.length > 4 ? ` and ${at.length - 4} more` : '');
  const reason = members
    ? `Extracts ${archive?.text ?? 'an archive'} over ${shown}, replacing ${named}, which git cannot bring back (${inv.name}).`
    : `Extracts ${archive?.text && archive.text !== '-' ? archive.text : 'an archive'}, whose entries cannot be read now, over ${shown}, which holds ${named} that git cannot bring back: an entry of the same name replaces it (${inv.name}).`;
  return [{ rule: 'local-data.archive-overwrite', risk: 'destructive', severity: 'ask', reason, targets: [target] }];
}

export const archiveOverwritePack: RulePack = {
  id: 'archive-overwrite',
  title: 'Archives extracted over files git cannot bring back',
  checkInvocation: check,
  reactsTo: (name) => EXTRACTORS.has(name),
};
