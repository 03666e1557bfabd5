import { basename, dirname, isWithin, normalize, resolvePath } from '../../paths';
import { EFFECT_RULES, effectsOf, READ_ONLY_COMMANDS } from '../../policy/effects';
import type { Analysis, ArgWord, CodeSnippet, Facts, Finding, Invocation, RuleContext, RulePack } from '../../policy/types';
import { perimeterView } from '../perimeter/protectedPaths';
import { unreadFinding } from '../perimeter/reach';
import { configFilePrograms, GIT_HOOK_NAMES, gitPrograms, type GitProgram } from './gitPrograms';
import { credentialProgram } from './credentialHelpers';
import { cliPrograms, installedPlugin } from './cliPrograms';
import { parsedArgs, toolArgs, toolNamed } from '../../registry/commandModel';
import type { ToolArgs } from '../../registry/types';
import { judgePayload, scheduledPayload } from './payload';
import { toolConfigPrograms } from './toolConfigPrograms';
import { assembledSecretWrites } from './assembledSecrets';
import { registeredServer, unvouchedServers } from './mcpLaunches';
import { sourceRedirectWrites } from '../sourceRedirects';
import { envRetargetWrites } from '../support/envRetargets';
import { endpointFileWrites } from '../support/endpointFiles';
import { instructionFindings, settingsWriteFindings } from './agentSettings';
import { shadowCopy, shadowPlaceOf } from './shadowedPrograms';
import { hcleditWrites, perlInPlaceWrites, sdInPlaceWrites, sedInPlaceWrites } from './sedEdit';
import { laterEnvironment } from './laterEnvironment';
import { parseCommand, type GrammarSpec } from '../../shell/grammar';
import { buildPlaceOf, packagedProgram } from './buildPlaces';
import { loadedPlaceOf, packageEntryRedirect, sedEntryRedirect } from './loadedPlaces';
import { cronCommands, deferredPlaceOf, isInstructionFile, packageScriptTarget, runnerPlaceOf, type PlaceRule } from './places';
import { laterPlaceOf } from './laterPlaces';
import { configSetterPrograms, pluginSources } from './configSetters';
import { configPlaceOf, terraformCliConfig, unvouchedPrograms } from './configPlaces';
import { snippetWrites } from './snippetWrites';
import { manifestWriteFindings, sedManifestEdits, yqManifestEdits, yqProtectionEdits } from './manifestEdits';
import { isInfraCode, protectionLowered, sedReplacements } from './deployPlaces';
import { mayLowerProtection, writtenProtectionFindings } from '../support/writtenProtection';
import { judgeRunnerCode, LOADING_PACKAGE_KEYS, loadedFiles, unreadRunnerCode } from './runnerPlaces';
import { bootFindings, bootPlaceOf, startPlaceOf } from './bootPlaces';
import { laterFilePlaceOf, laterNamedPlaceOf } from './laterFiles';
import { filteredText, otherVersionOf, patchWrites, scriptedEdits, snippetCopies } from './otherWriters';
import { extractionLanding, fedText, opaqueSource, type Fed } from './writtenSources';
import { stagedMoves } from './stagedMoves';
import { attributeDriverWrites } from './gitAttributes';
import { protectionDeleted } from '../support/sedLineDeletes';
import { manifestLineDeletes } from './manifestLineDeletes';
import { hooksPathSwitch } from './hooksPathSwitch';
import { workflowTriggerWrite } from '../support/workflowTriggers';
import { optionValueWrites } from '../support/optionValueWrites';

/**
 * Deferred execution is execution (issue #18, item 5). A write into a place that runs its content
 * later, a scheduler given a command, a package script set through the package manager and a
 * program git is told to run are analysed as if the command ran now; what it would do flags the
 * write, worded with where it goes and when it runs. Content the hook cannot know (a copy of a file
 * written in the same command, a download) into a place that runs it is code the hook never read.
 */

/** printf's output for fixed words: the format (escapes, `%s`/`%b`/`%d`, `%%`) applied to the arguments, reused while arguments remain. */
export function printfOutput(words: readonly string[]): string {
  const [format = '', ...rest] = words;
  let out = '';
  let next = 0;
  do {
    out += format.replace(/%%|%[-+ #0]*\d*(?:\.\d+)?([sbdiouxXcfeEgGq])/g, (m, conv: string | undefined) => {
      if (m === '%%') return '%';
      const value = rest[next++] ?? '';
      return conv === 'b' ? escapes(value) : value;
    });
  } while (next > 0 && next < rest.length);
  return escapes(out);
}

function escapes(text: string): string {
  return text.replace(/\\(n|t|r|\\|'|"|0[0-7]{0,3}|[0-7]{1,3}|x[0-9a-fA-F]{1,2}|e|a|c)/g, (_m, e: string) => {
    switch (e[0]) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'x':
        return String.fromCharCode(parseInt(e.slice(1), 16));
      case 'e':
      case 'a':
      case 'c':
        return '';
      case '\\':
      case "'":
      case '"':
        return e;
      default:
        return String.fromCharCode(parseInt(e, 8));
    }
  });
}

/** What a command prints, when it is a printer of fixed words or text on its stdin. */
function printed(inv: Invocation): string | undefined {
  if (inv.args.some((a) => a.dynamic && /\$\(|`/.test(a.text))) return undefined;
  const words = inv.args.map((a) => a.text);
  if (inv.name === 'echo') {
    const start = words.findIndex((w) => !/^-[neE]+$/.test(w));
    return escapes((start < 0 ? [] : words.slice(start)).join(' ')) + (words.some((w) => /^-[eE]*n/.test(w)) ? '' : '\n');
  }
  if (inv.name === 'printf') return words[0] === '--' ? printfOutput(words.slice(1)) : words[0] === '-v' ? undefined : printfOutput(words);
  if (inv.name === ':' || inv.name === 'true') return '';
  if ((inv.name === 'cat' || inv.name === 'tee') && inv.args.every((a) => a.text.startsWith('-') || inv.name === 'tee')) return stdinText(inv);
  return undefined;
}

function stdinText(inv: Invocation): string | undefined {
  const stdin = inv.stdin;
  if (stdin?.kind === 'heredoc' || stdin?.kind === 'herestring') return stdin.kind === 'herestring' ? stdin.text + '\n' : stdin.text;
  if (stdin?.kind === 'pipe') return printed(stdin.from);
  return undefined;
}

export interface Written {
  path: string;
  text: string | undefined;
  writer: string;
  /** For a copy: the file copied. */
  from?: string;
  /** Why the text cannot be read (writtenSources.ts). */
  opaque?: string;
}

/** Names an extracted entry may have, to ask whether a folder is a place that runs what lands in it (a hook, a unit, an autostart entry). */
const EXTRACT_PROBES = ['pre-commit', 'x.service', 'x.timer', 'x.desktop', 'x.plist', 'x'];

/** Files this invocation writes, with their new text when it can be known. */
export function writesOf(inv: Invocation, facts: Facts, cwd: string): Written[] {
  const out: Written[] = [];
  const abs = (w: ArgWord): string | undefined => (w.dynamic || w.text === '' || w.text === '-' || w.text.startsWith('/dev/') ? undefined : resolvePath(cwd, w.text, facts.home));
  // What files feed the output, read only when something is written (`cat .env` alone reads nothing here).
  let fedMemo: Fed | undefined | null = null;
  const fedOf = (): Fed | undefined => (fedMemo === null ? (fedMemo = fedText(inv, facts, cwd) ?? filteredText(inv, facts, cwd)) : fedMemo);
  for (const r of inv.redirects) {
    if (r.op !== '>' && r.op !== '>>' && r.op !== '>|' && r.op !== '&>' && r.op !== '&>>') continue;
    const path = abs(r.target);
    if (!path) continue;
    const stdout = r.fd === undefined || r.fd === 1;
    const text = stdout ? printed(inv) : undefined;
    const fed = stdout && text === undefined ? fedOf() : undefined;
    out.push({ path, text: text ?? fed?.text, writer: inv.name, ...sourceOf(fed) });
  }
  if (inv.name === 'tee' || inv.name === 'sponge') {
    const text = stdinText(inv);
    for (const w of inv.args) if (!w.text.startsWith('-')) {
      const path = abs(w);
      const fed = text === undefined ? fedOf() : undefined;
      if (path) out.push({ path, text: text ?? fed?.text, writer: 'tee', ...sourceOf(fed) });
    }
    return out;
  }
  // Editors driven by a script and patches (otherWriters.ts).
  out.push(...scriptedEdits(inv, facts, cwd, inv.stdin?.kind === 'pipe' ? printed(inv.stdin.from) : undefined), ...patchWrites(inv, facts, cwd), ...optionValueWrites(inv, facts, cwd).map((w) => ({ path: w.path, text: undefined, writer: inv.name, opaque: `what its option ${w.option} writes` })));
  if (READ_ONLY_COMMANDS.has(inv.name) || (!EFFECT_RULES[inv.name] && !effectsOf(inv).some((e) => e.kind === 'write' || e.kind === 'extract'))) return out;
  for (const edit of sedInPlaceWrites(inv, facts, cwd)) out.push({ ...edit, writer: 'sed -i' });
  for (const edit of perlInPlaceWrites(inv, facts, cwd)) out.push({ ...edit, writer: 'perl -i' });
  for (const edit of [...sdInPlaceWrites(inv, facts, cwd), ...hcleditWrites(inv, facts, cwd)]) out.push({ ...edit, writer: inv.name });
  for (const effect of effectsOf(inv)) {
    // `tar -xf hooks.tar -C .git/hooks`: entries the hook cannot read land where something runs them later.
    const into = effect.kind === 'extract' ? abs(effect.word) : undefined;
    const landing = into === undefined ? undefined : (EXTRACT_PROBES.map((name) => normalize(`${into}/${name}`)).find((p) => deferredPlaceOf(p)?.strictUnknown === true) ?? extractionLanding(into, facts));
    if (landing !== undefined) out.push({ path: landing, text: undefined, writer: inv.name, opaque: "an archive's entries" });
    if (effect.kind !== 'write' && effect.kind !== 'link') continue;
    const path = abs(effect.word);
    if (!path) continue;
    if (effect.into && effect.into.length > 0) {
      const isFolder = facts.listDir(path) !== undefined || effect.word.text.endsWith('/');
      for (const source of effect.into) {
        const from = abs(source);
        const target = isFolder ? normalize(path + '/' + basename(source.text)) : path;
        out.push({ path: target, text: from ? facts.readFile(from) : undefined, writer: inv.name, ...(from ? { from } : {}) });
      }
    } else if (effect.kind === 'write' && inv.name !== 'sed' && inv.name !== 'perl' && inv.name !== 'ruby' && inv.name !== 'chmod' && inv.name !== 'chown' && inv.name !== 'chgrp' && inv.name !== 'touch' && inv.name !== 'truncate' && inv.name !== 'setfacl' && inv.name !== 'chattr') {
      const fed = inv.name === 'dd' ? fedOf() : undefined;
      out.push({ path, text: fed?.text, writer: inv.name, ...sourceOf(fed) });
    }
  }
  // `git checkout other/branch -- ci.yml`: a version the hook cannot read now.
  const fromGit = inv.name === 'git' ? out.filter((w) => w.text === undefined && w.writer === 'git') : [];
  const version = fromGit.length > 0 ? otherVersionOf(inv) : undefined;
  if (version !== undefined) for (const w of fromGit) w.opaque = `the version of ${version.slice(0, 80)}`;
  return out;
}

function sourceOf(fed: Fed | undefined): Pick<Written, 'from' | 'opaque'> {
  return { ...(fed?.from !== undefined ? { from: fed.from } : {}), ...(fed?.opaque !== undefined ? { opaque: fed.opaque } : {}) };
}

function judgeWrite(w: Written, place: PlaceRule, inv: Invocation, ctx: RuleContext, cwd: string): Finding[] {
  if (w.text === undefined) {
    // CI runs a workflow copied from outside the project (`cp /tmp/ci.yml .github/workflows/`) with the repository's secrets.
    const roots = ctx.facts.workspaceRoots.length > 0 ? ctx.facts.workspaceRoots : [ctx.facts.cwd];
    // `cat > .github/workflows/x.yml < /tmp/wf.yml` (round 8): the text comes from the file fed on standard input.
    const fed = inv.redirects.find((r) => r.op === '<' && !r.target.dynamic)?.target.text;
    const from = w.from ?? (fed !== undefined ? resolvePath(cwd, fed, ctx.facts.home) : undefined);
    const ciFromOutside = /^in CI\b/.test(place.when) && from !== undefined && !roots.some((r) => r === from || isWithin(r, from));
    // Stop 30: a download or an archive's entries, into any place that runs it later.
    // Round 14: a version from another branch, a remote's branch or a stash is the repository's own text, not a stranger's download: asked, not refused.
    if (w.writer === 'git' && w.opaque !== undefined && !place.runsWhenNamed) return [laterEnvironment({ rule: 'deferred.other-version', risk: 'unanalyzable', severity: 'ask', reason: `git writes ${w.opaque} into ${place.where}, which runs it ${place.when}: that version cannot be read before it runs, so it needs confirmation.`, targets: [] }, place)];
    const opaque = place.runsWhenNamed ? undefined : opaqueSource(w);
    if (opaque !== undefined && !place.strictUnknown && !ciFromOutside) return [laterEnvironment(unreadFinding('deferred-unread', `${w.writer} writes into ${place.where}, which runs it ${place.when}, ${opaque}: its content cannot be read`, place.where, ctx.facts, perimeterView(ctx.facts)), place)];
    if (!place.strictUnknown && !ciFromOutside) return [];
    return [laterEnvironment(unreadFinding('deferred-unread', `${w.writer} writes into ${place.where}, which runs it ${place.when}, text the hook cannot read now`, place.where, ctx.facts, perimeterView(ctx.facts)), place)];
  }
  if (place.gitConfig) return configFilePrograms(w.text, place.where).flatMap((p) => judgeProgram(p, inv, ctx, cwd));
  let commands = place.commands(w.text);
  // An edit of package.json (`sed -i`, `perl -pi`, a rewrite) adds the scripts that were not there: the others ran before it.
  const before = place.where === 'the scripts of package.json' ? ctx.facts.readFile(w.path) : undefined;
  if (before !== undefined) {
    const had = new Set(place.commands(before).split('\n'));
    commands = commands.split('\n').filter((line) => !had.has(line)).join('\n');
  }
  // A project script edited in place: what was there already ran before; the lines the write adds are judged.
  const prior = place.addedOnly ? ctx.facts.readFile(w.path) : undefined;
  if (prior !== undefined) commands = addedLines(commands, prior);
  const unvouched = place.servers ? unvouchedServers(commands, place, w.writer, ctx.facts, cwd) : [];
  // An image build runs in a build container, a CI step on a runner: not on this machine.
  const elsewhere = place.imageBuild === true || /^in CI\b/.test(place.when);
  // A recurring job's scripts can be rewritten before each run (payload.ts `scheduledPayload`).
  const found = place.recurring === true ? scheduledPayload(commands, place, w.writer, ctx, cwd) : judgePayload(commands, place.language, place, w.writer, ctx, cwd, place.inImage === true, elsewhere);
  if (found.length === 0 && place.programs) return [...unvouched, ...unvouchedPrograms(commands, place, w.writer)];
  // An image build changes the image's files only: what remains is what reaches out (secrets sent, code fetched, remote systems).
  return [...unvouched, ...(place.imageBuild ? found.filter((f) => f.targets.length === 0 || !f.targets.every((t) => t.kind === 'path')) : found)];
}

/** A folder of git hooks (core.hooksPath, a template folder): every hook in it, or code the hook never read when it cannot be listed. */
function judgeHooksFolder(p: GitProgram, inv: Invocation, ctx: RuleContext, cwd: string): Finding[] {
  const facts = ctx.facts;
  const folder = resolvePath(cwd, p.text, facts.home);
  const entries = facts.listDir(folder);
  const roots = facts.workspaceRoots.length > 0 ? facts.workspaceRoots : [facts.cwd];
  if (entries === undefined) {
    // Round 27: a project's hook folder not made yet (`git config core.hooksPath .githooks` in a repository with no active
    // hook) holds nothing to run, and each hook file written there later is a place judged as it is written.
    const fresh = facts.fileIdentity?.(folder)?.kind === 'missing' && roots.some((r) => isWithin(r, folder)) && deferredPlaceOf(`${folder}/pre-commit`) !== undefined;
    if (fresh && !hooksPathSwitch(p, inv, facts, cwd)) return [];
    return [unreadFinding('deferred-unread', `${inv.name} makes ${p.where} point at ${p.text}, so git runs the programs there ${p.when}; the hook cannot read that folder now`, p.text, facts, perimeterView(facts))];
  }
  const switched = hooksPathSwitch(p, inv, facts, cwd);
  const out: Finding[] = switched ? [switched] : [];
  for (const name of entries.filter((e) => GIT_HOOK_NAMES.has(e)).slice(0, 16)) {
    const text = facts.readFile(folder + '/' + name);
    const place = { where: `the hook ${p.text}/${name} (${p.where})`, when: `when git runs its ${name} hook` };
    if (text === undefined) out.push(unreadFinding('deferred-unread', `${inv.name} makes git run ${p.text}/${name}, a file the hook cannot read now`, `${p.text}/${name}`, facts, perimeterView(facts)));
    else out.push(...judgePayload(text, /^#!.*python/.test(text) ? 'python' : 'shell', place, inv.name, ctx, cwd));
  }
  // A folder outside the project (and the system's): git runs whatever is written there later, by anyone who can write it.
  if (out.length === 0 && !roots.some((r) => isWithin(r, folder)) && !/^\/(usr|etc|opt|nix\/store|Library)(\/|$)/.test(folder)) {
    const reason = `${inv.name} makes ${p.where} point at ${p.text}, a folder outside this project, so git runs whatever hook files appear there ${p.when}; it needs confirmation.`;
    out.push({ rule: 'deferred.git-hooks-elsewhere', risk: 'unanalyzable', severity: 'ask', reason, targets: [{ kind: 'path', name: folder, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }] });
  }
  return out;
}

let includeDepth = 0;

/** An included config file: the programs it names, or code the hook never read when it cannot be read. */
function judgeInclude(p: GitProgram, inv: Invocation, ctx: RuleContext, cwd: string): Finding[] {
  const facts = ctx.facts;
  const file = resolvePath(cwd, p.text, facts.home);
  const text = facts.readFile(file);
  if (text === undefined) return [unreadFinding('deferred-unread', `${inv.name} makes git read settings from ${p.text} (${p.key}), a file the hook cannot read now; it may name programs git runs`, p.text, facts, perimeterView(facts))];
  if (includeDepth >= 3) return [];
  includeDepth++;
  try {
    return configFilePrograms(text, p.text).flatMap((q) => judgeProgram(q, inv, ctx, cwd));
  } finally {
    includeDepth--;
  }
}

/** Programs git is usually told to run (pagers, editors, diff and merge tools, signers, LFS, ssh): anything else is a program nobody vouched for. */
const USUAL_GIT_PROGRAMS = /^(?:\S*\/)?(less|more|most|cat|bat|batcat|delta|diff-so-fancy|diff-highlight|difft|difftastic|vim?|nvim|gvim|nano|emacs(client)?|code(-insiders)?|cursor|codium|subl|mate|micro|hx|zed|meld|vimdiff|nvimdiff|kdiff3|opendiff|bcompare|p4merge|ssh|gpg2?|gitsign|smimesign|ssh-keygen|ssh-add|git-lfs|git|watchman|rs-git-fsmonitor|true|false)(\s|$)/;

function judgeProgram(p: GitProgram, inv: Invocation, ctx: RuleContext, cwd: string): Finding[] {
  if (p.kind === 'hooks') return judgeHooksFolder(p, inv, ctx, cwd);
  if (p.kind === 'include') return judgeInclude(p, inv, ctx, cwd);
  const handed = credentialProgram(p);
  const found = judgePayload(p.text, 'shell', { where: p.where, when: p.when }, inv.name === 'git' ? 'git' : inv.name, ctx, cwd);
  if (handed) return [handed, ...found];
  // Only a setting (`core.pager`) names a program for later or for every run; `bisect run`, `rebase --exec` run the line now, judged above.
  if (found.length > 0 || USUAL_GIT_PROGRAMS.test(p.text.trim()) || !/^[\w-]+\.(.+\.)?[\w-]+$/.test(p.key) || /^(credential\.|core\.askpass$)/i.test(p.key)) return found;
  const reason = `${p.where} makes git run \`${p.text.slice(0, 80)}\` ${p.when}, a program that is not a usual pager, editor, diff tool or signer; what it does then cannot be followed, so it needs confirmation.`;
  return [{ rule: 'deferred.git-program', risk: 'unanalyzable', severity: 'ask', reason, targets: [{ kind: 'path', name: p.key, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }] }];
}

/** Quote words back into a command line. */
function commandLine(words: readonly ArgWord[]): string {
  if (words.length === 1) return words[0]!.text;
  return words.map((w) => (w.dynamic ? w.raw : /^[\w@%+=:,./-]+$/.test(w.text) ? w.text : `'${w.text.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** The variables an invocation runs with, as `export` words before a payload (none: nothing). */
function environmentPrefix(inv: Invocation): string {
  const names = Object.keys(inv.assignments).filter((n) => /^[A-Za-z_]\w*$/.test(n)).slice(0, 32);
  return names.length === 0 ? '' : `export ${names.map((n) => `${n}='${inv.assignments[n]!.replace(/'/g, `'\\''`)}'`).join(' ')}; `;
}

/** A runner's usual reading through its registry entry (registry/tools/runners.ts). */
function runnerArgs(inv: Invocation): ToolArgs | undefined {
  const spec = toolNamed(inv.name);
  return spec ? toolArgs(inv.name, parsedArgs(inv.args, spec), spec) : undefined;
}

/** Schedulers and detached runners given a command: systemd-run, tmux/screen detached sessions, kubectl create cronjob, crontab. */
function scheduled(inv: Invocation, ctx: RuleContext, cwd: string): Finding[] {
  const args = inv.args;
  const texts = args.map((a) => a.text);
  const run = (words: readonly ArgWord[], where: string, when: string): Finding[] => (words.length === 0 ? [] : judgePayload(commandLine(words), 'shell', { where, when }, inv.name, ctx, cwd));
  // A tmux or screen session started here inherits this command's environment (`HOME=/tmp tmux new -d 'claude -p x'`).
  const inherit = (words: readonly ArgWord[], where: string, when: string): Finding[] => (words.length === 0 ? [] : judgePayload(environmentPrefix(inv) + commandLine(words), 'shell', { where, when }, inv.name, ctx, cwd));
  switch (inv.name) {
    case 'systemd-run': {
      const a = runnerArgs(inv);
      if (!a) return [];
      const timer = a.parsed.options.find((o) => o.name.startsWith('--on-'));
      const place = { where: 'a transient systemd unit', when: timer ? `on its timer (${timer.name})` : 'now, outside the agent' };
      const recurring = a.parsed.options.some((o) => o.name === '--on-calendar');
      return a.parsed.operands.length === 0 ? [] : recurring ? scheduledPayload(commandLine(a.parsed.operands), place, inv.name, ctx, cwd) : run(a.parsed.operands, place.where, place.when);
    }
    case 'tmux': {
      const a = runnerArgs(inv);
      const sub = a?.parsed.path[0];
      if (!a || sub === undefined || sub === 'send-keys' || sub === 'send') return [];
      return inherit(a.parsed.operands, `a tmux ${sub} session`, 'now, in a session the agent does not wait for');
    }
    case 'screen': {
      const a = runnerArgs(inv);
      if (!a?.has('-m')) return [];
      return inherit(a.parsed.operands, 'a detached screen session', 'now, in a session the agent does not wait for');
    }
    case 'kubectl': {
      const create = texts.indexOf('create');
      if (create < 0 || texts[create + 1] !== 'cronjob' && texts[create + 1] !== 'cj') return [];
      const dash = texts.indexOf('--');
      if (dash < 0) return [];
      return run(args.slice(dash + 1), `the Kubernetes CronJob ${texts[create + 2] ?? ''}`.trim(), 'on the CronJob schedule, in the cluster');
    }
    case 'crontab': {
      if (texts.some((t) => /^-[a-zA-Z]*[lreTV]/.test(t))) return [];
      const file = args.find((a) => !a.text.startsWith('-') || a.text === '-');
      const where = { where: 'your crontab', when: 'on its cron schedule' };
      let text: string | undefined;
      if (!file || file.text === '-') text = stdinText(inv);
      else if (!file.dynamic) text = ctx.facts.readFile(resolvePath(cwd, file.text, ctx.facts.home));
      if (text === undefined) return [unreadFinding('deferred-unread', 'crontab installs a table whose text the hook cannot read now, and cron runs it on its schedule', 'crontab', ctx.facts, perimeterView(ctx.facts))];
      // `echo '' | crontab -`, `crontab /dev/null`: the new table has no job, so every job there was is gone (as `crontab -r`).
      if (!text.split('\n').some((l) => CRON_LINE.test(l))) {
        return [{ rule: 'deferred.crontab-emptied', risk: 'destructive', severity: 'ask', reason: `crontab installs a table with no job in place of your crontab: every scheduled job in it is removed (as \`crontab -r\`).`, targets: [{ kind: 'path', name: 'crontab', provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }] }];
      }
      return scheduledPayload(cronCommands(text, false), where, 'crontab', ctx, cwd);
    }
    case 'at':
    case 'batch':
      return atJob(inv, ctx, cwd);
    case 'launchctl': {
      // `launchctl submit -l LABEL [-p PROG] -- cmd args`: launchd runs (and keeps re-running) the command.
      if (texts[0] !== 'submit') return [];
      const dash = texts.indexOf('--');
      return dash < 0 ? [] : run(args.slice(dash + 1), 'a launchd job (launchctl submit)', 'now and again whenever it exits, outside the agent');
    }
    default:
      return [];
  }
}

/** at(1)'s options: `-f FILE`, `-q QUEUE`, `-t TIME`; listing, showing and removing jobs run nothing. */
const AT_GRAMMAR: GrammarSpec = { options: [{ names: ['-f'], takes: 'one' }, { names: ['-q'], takes: 'one' }, { names: ['-t'], takes: 'one' }, ...['-m', '-M', '-v', '-b', '-l', '-c', '-r', '-d', '-V', '--help'].map((n) => ({ names: [n] }))], interspersed: true, unknownShort: 'switch', unknownLong: 'switch' };
const AT_LISTING = new Set(['-l', '-c', '-r', '-d', '-V', '--help']);

/**
 * `at TIME` and `batch` read their job from standard input or `-f FILE`: the text is judged as the
 * commands it will run, at that time. A job whose text the hook cannot read is code it never read.
 * Listing, showing and removing jobs (`-l`, `-c`, `-r`, `-d`) run nothing.
 */
function atJob(inv: Invocation, ctx: RuleContext, cwd: string): Finding[] {
  const read = parseCommand(inv.args, AT_GRAMMAR);
  if (read.options.some((o) => AT_LISTING.has(o.name))) return [];
  const time = read.operands.map((w) => w.text).join(' ');
  const place = { where: inv.name === 'batch' ? 'a batch job' : 'an at job', when: inv.name === 'batch' ? 'when the machine is idle, outside the agent' : `at ${time || 'its time'}, outside the agent` };
  const fileWord = read.options.filter((o) => o.name === '-f').flatMap((o) => o.valueWords).at(-1);
  const input = inv.redirects.find((r) => r.op === '<');
  let text: string | undefined;
  let name = 'its standard input';
  if (fileWord || input) {
    const word = fileWord ?? input!.target;
    name = word.text;
    text = word.dynamic ? undefined : ctx.facts.readFile(resolvePath(cwd, word.text, ctx.facts.home));
  } else text = stdinText(inv);
  if (text === undefined) return [unreadFinding('deferred-unread', `${inv.name} schedules ${name}, a job the hook cannot read now, to run ${place.when}`, inv.name, ctx.facts, perimeterView(ctx.facts))];
  return judgePayload(text, 'shell', place, inv.name, ctx, cwd);
}

const LIFECYCLE = /^(pre|post)?(install|uninstall|prepare|prepublish|prepublishOnly|prepack|postpack|publish|restart|start|stop|test|version|shrinkwrap)$|^dependencies$/;

/**
 * `jq '.scripts.test="curl x|sh"' package.json > p.json && mv p.json package.json`, `yq -i '.scripts.x = "…"' package.json`:
 * the filter's assignments to package.json scripts are readable, whatever file the output goes through.
 */
function unquote(body: string): string {
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    return body.replace(/\\(.)/g, '$1');
  }
}

/** A jq/yq filter and the files it reads, when its output is written back (a redirect, `yq -i`). */
function filterWrite(inv: Invocation): { filter: string; files: ArgWord[] } | undefined {
  const operands = inv.args.filter((a) => !a.text.startsWith('-'));
  // `jq … package.json | sponge package.json` (round 11) writes the filter's output back as a redirect does.
  const backInto = (inv.pipedInto === 'sponge' || inv.pipedInto === 'tee') && (inv.pipedArgs ?? []).some((a) => operands.slice(1).some((f) => f.text === a.text));
  const writes = backInto || inv.redirects.some((r) => r.op === '>' || r.op === '>|') || (inv.name === 'yq' && inv.args.some((a) => /^(-i|--inplace)$/.test(a.text)));
  return writes && operands.length >= 2 ? { filter: operands[0]!.text, files: operands.slice(1) } : undefined;
}

function filterScripts(inv: Invocation): [string, string][] {
  const written = filterWrite(inv);
  if (!written || !written.files.some((a) => /(^|\/)package\.json$/.test(a.text))) return [];
  const filter = written.filter;
  const out: [string, string][] = [];
  const str = '"((?:[^"\\\\]|\\\\.)*)"';
  for (const m of filter.matchAll(new RegExp(`\\.scripts(?:\\.([\\w:-]+)|\\[\\s*"([^"]+)"\\s*\\])\\s*[|+]?=\\s*${str}`, 'g'))) out.push([m[1] ?? m[2]!, unquote(m[3]!)]);
  for (const m of filter.matchAll(/\.scripts\s*[|+*]?=\s*[^{]*\{([^}]*)\}/g)) for (const e of m[1]!.matchAll(new RegExp(`"?([\\w:-]+)"?\\s*:\\s*${str}`, 'g'))) out.push([e[1]!, unquote(e[2]!)]);
  return out.slice(0, 16);
}

/** `yq -i '.jobs.test.steps[1].run = "dropdb shop"' .github/workflows/ci.yml`: the strings a filter assigns land in the place the file is. */
function filterPlaceWrites(inv: Invocation, ctx: RuleContext, cwd: string): Finding[] {
  if (inv.name !== 'yq' && inv.name !== 'jq' && inv.name !== 'gojq') return [];
  const written = filterWrite(inv);
  if (!written) return [];
  // Assigned strings, and the command keys of objects the filter adds (`.steps += [{"run": "…"}]`, round 11).
  const values = [...written.filter.matchAll(/[|+]?=\s*"((?:[^"\\]|\\.)*)"|"?\b(?:run|script|command|cmd|entry)"?\s*:\s*"((?:[^"\\]|\\.)*)"/g)].map((m) => unquote(m[1] ?? m[2]!)).slice(0, 16);
  if (values.length === 0) return [];
  const out: Finding[] = [];
  for (const file of written.files) {
    if (file.dynamic || /(^|\/)package\.json$/.test(file.text)) continue;
    const path = resolvePath(cwd, file.text, ctx.facts.home);
    const place = laterNamedPlaceOf(path) ?? deferredPlaceOf(path) ?? laterPlaceOf(path, undefined, ctx.facts) ?? loadedPlaceOf(path, ctx.facts) ?? buildPlaceOf(path, undefined, ctx.facts) ?? configPlaceOf(path, undefined, ctx.facts.home) ?? laterFilePlaceOf(path, ctx.facts);
    if (place && !place.gitConfig) out.push(...judgePayload(values.join('\n'), place.language, place, `${inv.name} (its filter writes ${file.text})`, ctx, cwd, place.inImage === true));
  }
  return out;
}

/** `npm pkg set scripts.x=…`, `npm set-script x …`, `pnpm pkg set`: package scripts set without writing package.json by hand. */
function packageScripts(inv: Invocation, ctx: RuleContext, cwd: string): Finding[] {
  const out: Finding[] = [];
  const judge = (name: string, command: string, writer = `${inv.name} pkg set`): void => {
    const when = LIFECYCLE.test(name) ? `whenever npm runs the ${name} step (${/install|prepare|dependencies/.test(name) ? 'on every install' : `\`npm ${name.replace(/^(pre|post)/, '')}\``})` : `when \`npm run ${name}\` runs`;
    out.push(...judgePayload(command, 'shell', { where: `the npm script ${name} in package.json`, when }, writer, ctx, cwd));
  };
  if (inv.name === 'jq' || inv.name === 'gojq' || inv.name === 'yq') {
    for (const [name, command] of filterScripts(inv)) judge(name, command, `${inv.name} (its filter sets the script)`);
    return out;
  }
  if (!/^(npm|pnpm|yarn|bun)$/.test(inv.name)) return [];
  const texts = inv.args.map((a) => a.text);
  const pkg = texts.indexOf('pkg');
  if (pkg >= 0 && texts[pkg + 1] === 'set') {
    for (const t of texts.slice(pkg + 2)) {
      const m = /^scripts\.([^=]+)=(.*)$/s.exec(t);
      if (m) judge(m[1]!, m[2]!);
      // `npm pkg set 'lint-staged.*=cmd'`, `husky.hooks.pre-commit=cmd`, `simple-git-hooks.pre-commit=cmd` (round 8): commands git hooks run.
      const hookKey = /^((?:lint-staged|husky\.hooks|simple-git-hooks|ghooks|config\.ghooks|pre-commit|git-hooks)(?:\.[^=]*)?)=(.*)$/s.exec(t);
      if (hookKey) out.push(...judgePayload(hookKey[2]!, 'shell', { where: `the package.json setting ${hookKey[1]}`, when: 'on every commit (the git hooks run it)' }, `${inv.name} pkg set`, ctx, cwd));
      // `jest.setupFiles[0]=/tmp/x.js`, `mocha.require=./evil.js`: code a runner will load.
      const loading = /^([^=]+)=(.*)$/s.exec(t);
      if (loading && !m && LOADING_PACKAGE_KEYS.test(loading[1]!)) {
        const value = /["'`]/.test(loading[2]!) ? loading[2]! : `"${loading[2]!}"`;
        out.push(...loadedFiles(value, { where: `the package.json setting ${loading[1]}`, when: 'when the tool it configures runs (npm test, npm start, npx)' }, `${inv.name} pkg set`, ctx, cwd, true));
      }
    }
  }
  const setScript = texts.indexOf('set-script');
  if (setScript >= 0 && texts[setScript + 1] && texts[setScript + 2]) judge(texts[setScript + 1]!, texts[setScript + 2]!);
  return out;
}

/** The lines of `text` that `before` did not have (all of it for a new file or an append). */
function addedLines(text: string, before: string | undefined): string {
  if (before === undefined) return text;
  const had = new Set(before.split('\n'));
  return text.split('\n').filter((line) => !had.has(line)).join('\n');
}

function checkInvocation(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.remote) return [];
  const cwd = inv.cwd || ctx.facts.cwd;
  const out: Finding[] = [];
  for (const p of [...gitPrograms(inv), ...toolConfigPrograms(inv), ...cliPrograms(inv), ...configSetterPrograms(inv)]) out.push(...judgeProgram(p, inv, ctx, cwd));
  out.push(...installedPlugin(inv), ...pluginSources(inv));
  for (const w of writesOf(inv, ctx.facts, cwd)) out.push(...judgeWritten(w, inv, ctx, cwd));
  if (inv.name === 'yq') out.push(...yqManifestEdits(inv, ctx.facts, cwd), ...yqProtectionEdits(inv, ctx, cwd));
  if (inv.name === 'sed') out.push(...sedManifestEdits(inv, ctx.facts, cwd), ...sedEntryRedirect(inv, ctx, cwd));
  out.push(...sedProtectionEdits(inv, ctx, cwd), ...manifestLineDeletes(inv, ctx, cwd), ...scheduled(inv, ctx, cwd), ...packageScripts(inv, ctx, cwd), ...filterPlaceWrites(inv, ctx, cwd));
  const server = registeredServer(inv);
  if (server) out.push(...unvouchedServers(server.commands, server.place, `${inv.name} mcp add`, ctx.facts, cwd), ...judgePayload(server.commands, 'shell', server.place, `${inv.name} mcp add`, ctx, cwd));
  return out;
}

/** One file written, judged by every place that runs or loads what lands there. */
function judgeWritten(w: Written, inv: Invocation, ctx: RuleContext, cwd: string): Finding[] {
  const out: Finding[] = [];
  {
    out.push(...manifestWriteFindings(w.path, w.text, w.writer, ctx.facts), ...assembledSecretWrites(w.path, w.text, w.writer, ctx.facts), ...settingsWriteFindings(w.path, w.text, w.writer, ctx.facts), ...sourceRedirectWrites(w.path, w.text, w.writer, ctx.facts), ...envRetargetWrites(w.path, w.text, ctx.facts.readFile(w.path), w.writer, ctx), ...endpointFileWrites(w.path, w.text, w.writer), ...instructionFindings(w.path, w.text, w.writer, isInstructionFile(w.path)), ...terraformCliConfig(w.path, w.text, w.writer), ...workflowTriggerWrite(w.path, w.text, ctx.facts.readFile(w.path), w.writer), ...attributeDriverWrites(w.path, w.text, w.writer, ctx.facts.readFile(w.path)));
    const shadow = shadowPlaceOf(w.path, ctx.facts);
    const copied = shadow && w.from !== undefined ? shadowCopy(w.path, w.from, w.writer, ctx.facts) : 'judge-text';
    if (shadow && copied === 'judge-text') out.push(...judgeWrite(w, shadow, inv, ctx, cwd));
    else if (shadow && copied !== undefined && copied !== 'judge-text') out.push(copied);
    if (isInfraCode(w.path) && w.text !== undefined && w.writer !== 'sed -i') out.push(...infraProtectionLowered(addedLines(w.text, ctx.facts.readFile(w.path)), w.path, w.writer, ctx));
    if (w.text !== undefined && mayLowerProtection(w.path)) out.push(...writtenProtectionFindings(w.path, addedLines(w.text, ctx.facts.readFile(w.path)), w.text, w.writer, ctx));
    const place = laterNamedPlaceOf(w.path) ?? deferredPlaceOf(w.path, w.text) ?? laterPlaceOf(w.path, w.text, ctx.facts) ?? loadedPlaceOf(w.path, ctx.facts) ?? buildPlaceOf(w.path, w.text, ctx.facts) ?? configPlaceOf(w.path, w.text, ctx.facts.home) ?? bootPlaceOf(w.path, ctx.facts) ?? laterFilePlaceOf(w.path, ctx.facts);
    const start = startPlaceOf(w.path);
    if (start) out.push(...judgeWrite(w, start, inv, ctx, cwd));
    out.push(...bootFindings(w.path, w.text, w.writer, ctx));
    if (place) out.push(...judgeWrite(w, place, inv, ctx, cwd), ...packagedProgram(w.path, w.writer, place, ctx.facts), ...packageEntryRedirect(w.path, w.text, w.writer, ctx));
    const runner = place ? undefined : (runnerPlaceOf(w.path) ?? packageScriptTarget(w.path, ctx.facts));
    if (runner && w.text !== undefined) out.push(...judgeRunnerCode(runner.appCode ? addedLines(w.text, ctx.facts.readFile(w.path)) : w.text, runner, w.writer, ctx, cwd, dirname(w.path)));
    else if (runner) out.push(...unreadRunnerCode(w, runner, ctx.facts));
  }
  return out;
}

/** Infrastructure code edited to turn a protection off: the next apply lets the resource (and its data) be deleted. */
function infraProtectionLowered(added: string, path: string, writer: string, ctx: RuleContext, deleted?: string): Finding[] {
  const what = deleted === undefined ? protectionLowered(added) : undefined;
  if (what === undefined && deleted === undefined) return [];
  const name = path.split('/').slice(-2).join('/');
  // The folders name the stack's environment (envs/dev); the file itself lives here, the stack it manages does not.
  const env = ctx.environmentOf({ values: path.split('/').slice(-4, -1).filter((p) => p !== ''), remote: true });
  return [{ rule: 'deferred.infra-protection-off', risk: 'destructive', severity: 'ask', reason: `${writer} ${deleted !== undefined ? `${deleted} in ${name} (the protection falls back to its default, off)` : `turns off ${what} in ${name}`}: a safety net is removed — from the next apply the resources it protected can be deleted or replaced, with their data.`, targets: [{ kind: 'stack', name, remote: true, environment: env.environment === 'unknown' || env.environment === 'local' ? 'production' : env.environment, environmentReason: env.environment === 'unknown' || env.environment === 'local' ? 'the stack this code manages is not named here — treated as production' : env.reason }] }];
}

/** `sed -i 's/prevent_destroy = true/prevent_destroy = false/' main.tf`, judged by what the script writes even when the file cannot be read. */
function sedProtectionEdits(inv: Invocation, ctx: RuleContext, cwd: string): Finding[] {
  if (inv.name !== 'sed') return [];
  // What sed writes in place, as its effect grammar reads it (the files of `-i`).
  const file = effectsOf(inv).find((e) => e.kind === 'write' && isInfraCode(e.word.text));
  if (!file) return [];
  const written = inv.args.flatMap((a) => sedReplacements(a.text)).join('\n');
  const path = resolvePath(cwd, file.word.text, ctx.facts.home);
  const lowered = infraProtectionLowered(written, path, 'sed -i', ctx);
  // `sed -i '/prevent_destroy/d' main.tf`: a deleted line leaves its protection at the default, off.
  const deleted = lowered.length > 0 ? undefined : protectionDeleted(inv.args.filter((a) => a !== file.word).map((a) => a.text).join('\n'), ctx.facts.readFile(path));
  return deleted === undefined ? lowered : infraProtectionLowered('', path, 'sed -i', ctx, deleted);
}

/** A line in crontab's own syntax: five time fields or an `@daily`-style nickname, then the command. */
const CRON_LINE = /^\s*(?:@(?:reboot|yearly|annually|monthly|weekly|daily|midnight|hourly)\s+|(?:[\d*/,-]+|[A-Za-z]{3}(?:-[A-Za-z]{3})?)(?:\s+(?:[\d*/,-]+|[A-Za-z]{3}(?:[-,][A-Za-z]{3})*)){4}\s+)\S/;

/**
 * `(crontab -l; echo '0 3 * * * …') | crontab -`: the table comes from a compound the walker does not
 * join to crontab's input, so its text is unread (the crontab rule asks for that). The lines in cron's
 * own syntax printed on the same command line are what it adds: they are judged as if they ran.
 */
function compoundCrontab(analysis: Analysis, ctx: RuleContext): Finding[] {
  const installs = analysis.invocations.filter((i) => i.name === 'crontab' && !i.remote && i.stdin === undefined && !i.args.some((a) => /^-[a-zA-Z]*[lreTV]/.test(a.text)) && i.args.every((a) => a.text === '-' || a.text.startsWith('-')));
  if (installs.length === 0) return [];
  const out: Finding[] = [];
  for (const inv of analysis.invocations) {
    if ((inv.name !== 'echo' && inv.name !== 'printf') || inv.pipedInto !== undefined || inv.redirects.some((r) => r.op.includes('>'))) continue;
    const text = printed(inv);
    const lines = text?.split('\n').filter((l) => CRON_LINE.test(l)) ?? [];
    if (lines.length === 0) continue;
    out.push(...judgePayload(cronCommands(lines.join('\n') + '\n', false), 'shell', { where: 'your crontab', when: 'on its cron schedule' }, 'crontab', ctx, inv.cwd || ctx.facts.cwd));
  }
  return out;
}

/**
 * Interpreter code that edits package.json's scripts (`p['scripts']['lint'] = '…'; json.dump(p, …)`,
 * `pkg.scripts.test = "…"`): each script it sets is judged as the npm script it becomes.
 */
function scriptEdits(snippet: CodeSnippet, ctx: RuleContext): Finding[] {
  // Literal text an interpreter writes or appends (round 8: `open('Makefile','a').write(…)`), judged as a redirect's would be.
  const cwd = snippet.runner.cwd || ctx.facts.cwd;
  const planted = [...snippetWrites(snippet, ctx.facts), ...snippetCopies(snippet, ctx.facts)].flatMap((w) => judgeWritten({ ...w, writer: `${snippet.runner.name} code` }, snippet.runner, ctx, cwd));
  if (!/package\.json/.test(snippet.text) || !/scripts/.test(snippet.text)) return planted;
  const out: Finding[] = [...planted];
  const SET = /(?:\[\s*["']scripts["']\s*\]|\.scripts)\s*(?:\[\s*["']([\w:-]+)["']\s*\]|\.(\w+))\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|`([^`$]*)`)/g;
  for (const m of snippet.text.matchAll(SET)) {
    const name = m[1] ?? m[2]!;
    const line = (m[3] ?? m[4] ?? m[5] ?? '').replace(/\\(["'\\])/g, '$1');
    const when = LIFECYCLE.test(name) ? `whenever npm runs the ${name} step` : `when \`npm run ${name}\` runs`;
    out.push(...judgePayload(line, 'shell', { where: `the npm script ${name} in package.json`, when }, snippet.runner.name, ctx, snippet.runner.cwd || ctx.facts.cwd));
  }
  return out;
}

export const deferredPack: RulePack = {
  id: 'deferred',
  title: 'Deferred execution',
  guardsPerimeter: true,
  checkInvocation,
  checkSnippet: scriptEdits,
  checkAnalysis: (analysis, ctx) => [...compoundCrontab(analysis, ctx), ...stagedMoves(analysis, ctx, (inv) => writesOf(inv, ctx.facts, inv.cwd || ctx.facts.cwd), (w, inv) => judgeWritten(w, inv, ctx, inv.cwd || ctx.facts.cwd))],
};
