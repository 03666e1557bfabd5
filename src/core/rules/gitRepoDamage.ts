import { isWithin, resolvePath } from '../paths';
import { effectsOf } from '../policy/effects';
import type { ArgWord, CodeSnippet, Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { emptiedBySnippet } from './localData';
import { parsedArgs, toolArgs } from '../registry/commandModel';
import { optionsMatching, type ParsedCommand } from '../registry/grammar';
import { git } from '../registry/tools/git';
import { gitSafetyNetFindings } from './support/gitSafetyNets';

/**
 * The repository itself damaged or turned against its owner, beside the git pack's discarded work and
 * rewritten history: a branch moved back by plumbing (`update-ref refs/heads/main HEAD~1`), settings
 * that make every later push a force push or a mirror, git pointed at another repository whose settings
 * run programs the guard never reads (`GIT_DIR=/tmp/x.git`, `--git-dir`), `ext::` remotes that run a
 * command, the repository's own files written by hand (`echo > .git/HEAD`), and large-file content
 * dropped without checking other copies (`git annex drop --force`, `git lfs prune --no-verify-remote`).
 */

function finding(rule: string, reason: string, target: Target): Finding[] {
  return [{ rule: `git-repo.${rule}`, risk: 'destructive', severity: 'ask', reason, targets: [target] }];
}

function local(name: string, ctx: RuleContext, kind: Target['kind'] = 'repository'): Target {
  const env = ctx.environmentOf({ values: [], remote: false });
  return { kind, name, provider: 'git', remote: false, environment: env.environment, environmentReason: env.reason };
}

function globalValues(parsed: ParsedCommand, name: string): string[] {
  return optionsMatching(parsed, git, [name]).filter((o) => o.depth === 0).flatMap((o) => o.values);
}

/** `remote.NAME.push +…` (forced refspecs) and `remote.NAME.mirror true` change what a plain `git push` does. */
function pushSetting(key: string, value: string): Finding[] {
  const m = /^remote\.(.+)\.(push|mirror)$/i.exec(key);
  if (!m) return [];
  const [, remote = 'origin', what = ''] = m;
  const forced = what.toLowerCase() === 'push' && value.trim().startsWith('+');
  const mirror = what.toLowerCase() === 'mirror' && /^(true|yes|on|1)$/i.test(value.trim());
  if (!forced && !mirror) return [];
  const target: Target = { kind: 'branch', name: `every branch on ${remote}`, provider: 'git', remote: true, environment: 'production', environmentReason: `the shared branches on ${remote} are among them` };
  const how = mirror ? 'a mirror that overwrites and deletes the branches there' : `a force push of ${value.trim()}`;
  return finding('push-setting', `Makes every later \`git push\` to ${remote} ${how} (${key}).`, target);
}

/** The repository a git command is pointed at, when it is not one of the workspace's own. */
function foreignRepository(inv: Invocation, parsed: ParsedCommand, ctx: RuleContext): string | undefined {
  const named = [inv.assignments.GIT_DIR, inv.assignments.GIT_COMMON_DIR, ...globalValues(parsed, '--git-dir')].filter((v): v is string => v !== undefined && v !== '');
  for (const dir of named) {
    if (/\$|`/.test(dir)) return dir;
    const abs = resolvePath(inv.cwd, dir, ctx.facts.home);
    const roots = ctx.facts.workspaceRoots.length > 0 ? ctx.facts.workspaceRoots : [inv.cwd];
    if (!roots.some((r) => isWithin(r, abs))) return abs;
  }
  return undefined;
}

/** Whether the ref is there to be moved (a loose file or a packed line); unknown (not the repository's top, unreadable) counts as there. */
function refMayExist(ref: string, cwd: string, ctx: RuleContext): boolean {
  if (ref === 'HEAD' || ctx.facts.readFile(`${cwd}/.git/HEAD`) === undefined) return true;
  if (ctx.facts.readFile(`${cwd}/.git/${ref}`) !== undefined) return true;
  return (ctx.facts.readFile(`${cwd}/.git/packed-refs`) ?? '').split('\n').some((line) => line.endsWith(` ${ref}`));
}

function checkGit(inv: Invocation, ctx: RuleContext): Finding[] {
  const parsed = parsedArgs(inv.args, git);
  const a = toolArgs(inv.name, parsed, git);
  const [sub, verb] = parsed.path;
  const out: Finding[] = [];
  const elsewhere = foreignRepository(inv, parsed, ctx);
  if (elsewhere !== undefined) {
    out.push(...finding('foreign-repository', `Runs git on the repository at ${elsewhere}: its settings (core.fsmonitor, core.pager, hooks, aliases) run programs the guard never reads.`, local(elsewhere, ctx)));
  }
  // `-c KEY=VALUE` values split into the setting's key and value (not an option reader).
  const settings = globalValues(parsed, '-c').map((v) => [v.slice(0, Math.max(0, v.indexOf('='))), v.slice(v.indexOf('=') + 1)] as const);
  const extAllowed = settings.some(([k, v]) => /^protocol\.ext\.allow$/i.test(k) && /^always$/i.test(v)) || inv.assignments.GIT_ALLOW_PROTOCOL?.split(':').includes('ext') === true;
  const extUrl = parsed.operands.find((w) => w.text.startsWith('ext::'));
  if (extUrl !== undefined || extAllowed) {
    out.push(...finding('ext-transport', `Lets git run the command an ext:: remote names${extUrl ? ` (${extUrl.text.slice(0, 60)})` : ''}: it runs on this machine as part of the ${sub ?? 'git'} command.`, local(inv.cwd, ctx)));
  }
  for (const [k, v] of settings) out.push(...pushSetting(k, v));
  out.push(...gitSafetyNetFindings(inv, parsed, a, settings, ctx));
  if (sub === 'config') {
    const words = parsed.operands.map((w) => w.text);
    const [key = '', value = ''] = words[0] === 'set' ? words.slice(1) : words;
    out.push(...pushSetting(key, value));
  }
  if (sub === 'update-ref' && !a.has('-d', '--stdin')) {
    const ref = parsed.operands[0]?.text ?? '';
    const to = parsed.operands[1]?.text ?? '';
    if (/^(refs\/heads\/|refs\/remotes\/|refs\/tags\/|HEAD$)/.test(ref) && to !== '' && refMayExist(ref, inv.cwd, ctx)) {
      out.push(...finding('ref-moved', `Moves ${ref} to ${to} by plumbing (git update-ref): commits only it reached are left behind, with no reflog check.`, local(ref, ctx, 'branch')));
    }
  }
  if (sub === 'merge-file' && !a.has('-p', '--stdout') && parsed.operands[0] !== undefined) {
    out.push(...finding('merge-file', `Writes a merge over ${parsed.operands[0].text} (git merge-file); what it held is replaced.`, local(parsed.operands[0].text, ctx, 'branch')));
  }
  if (sub === 'annex' && /^(drop|dropunused|move)$/.test(verb ?? '') && a.has('--force')) {
    out.push(...finding('content-dropped', `Drops annexed content without checking that other copies exist (git annex ${verb} --force): the only copy may go.`, local(inv.cwd, ctx)));
  }
  if (sub === 'lfs' && verb === 'prune' && !a.has('-d', '--dry-run')) {
    const unverified = a.has('--no-verify-remote', '-f', '--force') || a.values('-c', '--verify-remote').some((v) => /^(false|no|0|off)$/i.test(v));
    if (unverified) out.push(...finding('content-dropped', 'Deletes local large-file objects without checking that the remote holds them (git lfs prune): the only copy may go.', local(inv.cwd, ctx)));
  }
  return out;
}

/** The repository's own records: a hand-written HEAD, ref, index or object corrupts it. Hooks and settings are other rules' places. */
const GIT_INTERNALS = /(^|\/)\.git\/(HEAD|ORIG_HEAD|FETCH_HEAD|index|packed-refs|shallow|refs(\/.*)?|objects(\/.*)?|logs(\/.*)?)$/;
const WRITES = new Set(['>', '>>', '>|', '&>', '&>>', '<>']);

function internalsWritten(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.name === 'git' || inv.remote) return [];
  const words: ArgWord[] = inv.redirects.filter((r) => WRITES.has(r.op)).map((r) => r.target);
  for (const e of effectsOf(inv)) if (e.kind === 'write' || e.kind === 'delete' || e.kind === 'move') words.push(e.word);
  const hit = words.find((w) => !w.dynamic && GIT_INTERNALS.test(resolvePath(inv.cwd, w.text, ctx.facts.home)));
  if (hit === undefined) return [];
  return finding('internals-written', `Writes the repository's own records by hand (${hit.text}, ${inv.name || 'a redirect'}): a broken HEAD, ref or index leaves git unable to find the history.`, local(hit.text, ctx));
}

/** Interpreter code that opens the repository's records for writing (`open('.git/HEAD','w')`, round 8). */
function internalsWrittenByCode(snippet: CodeSnippet, ctx: RuleContext): Finding[] {
  const cwd = snippet.runner.cwd;
  const hit = emptiedBySnippet(snippet).find((w) => GIT_INTERNALS.test(resolvePath(cwd, w.text, ctx.facts.home)));
  if (hit === undefined) return [];
  return finding('internals-written', `Writes the repository's own records by hand (${hit.text}, ${snippet.runner.name} code): a broken HEAD, ref or index leaves git unable to find the history.`, local(hit.text, ctx));
}

export const gitRepoDamagePack: RulePack = {
  id: 'git-repo',
  title: 'The repository damaged or pointed elsewhere: refs moved by plumbing, push settings, foreign repositories, ext:: remotes, hand-written internals, large files dropped',
  checkInvocation(inv, ctx) {
    return inv.name === 'git' ? checkGit(inv, ctx) : internalsWritten(inv, ctx);
  },
  // git itself, or what `internalsWritten` reads: a writing redirect (WRITES) or a write, delete or move effect.
  gate: { names: ['git'], outputRedirect: true, effects: ['write', 'delete', 'move'] },
  checkSnippet: internalsWrittenByCode,
};
