import { checkUnresolvedCredentialReads } from './support/unresolvedCredentialReads';
import { checkLoopLists } from './support/loopLists';
import { freeFormReadings } from '../registry/freeForm';
import { effectGrammar, grammarOf, readEffectArgs, values } from '../policy/effectOptions';
import { printsNoContent } from './support/printsNoContent';
import { matchCredentialPath } from '../credentials/credentialPaths';
import { basename, isAbsolute, resolvePath } from '../paths';
import { EFFECT_RULES, READ_ONLY_COMMANDS } from '../policy/effects';
import { SHELLS } from '../policy/handlers/context';
import { ownHandlerFor } from '../policy/handlers/index';
import type { Analysis, ArgWord, CredentialFileInfo, Facts, Finding, GitHistoryQuery, Invocation, RuleContext, RulePack } from '../policy/types';
import { toolNamed } from '../registry/commandModel';
import { METADATA_ONLY, WHOLE_FILE_READERS, wholeFileOperands } from '../registry/fileOperandTraits';
import { unknownOperands } from './support/unknownOperands';
import { VERB_TRAITS } from '../registry/verbTraits';
import { isCredentialReader, readFinding } from './credentials';
import { goneFileFindings } from './support/gitGoneFiles';
import { catFileReads } from './support/gitObjectReads';
import { credentialMinted, mintsCredentials } from './support/credentialClis';
import { subCheckList, type SubCheck } from './support/subChecks';
import { PRINTED_CREDENTIAL_OWNER, pipedToOwnLogin, REGISTRY_TOKENS } from './support/ownRegistryLogins';
import { checkSecretsInAddresses, checkSentFiles, checkUnknownCopiers } from './support/sentOutReach';
import { checkRemoteCredentialPulls } from './support/remoteCredentialPulls';
import { gitignored, infoFor, pathsOfWord } from './support/credentialPaths';
import { dump, dumpTarget, positionals } from './support/huntCommon';
import { gitLsFilesRoots, listedFiles, listerOperandPaths, listerWords } from './support/listerRoots';
import { checkInterpreterOperands, checkPythonImports } from './support/interpreterReads';
import { checkGitLineHistory } from './support/gitLineHistory';
import { gitStart } from './support/gitGlobals';
import { readRevs, scriptFileOperands } from './support/gitHistoryArgs';
import { checkRestoredCredentials, checkRestoredReads } from './support/gitRestoredReads';
import { checkToolFileSends } from './support/toolFileSends';
import { checkCodeNamedReads, checkTracedSources } from './support/codeNamedReads';
import { checkTunnels } from './support/tunnels';
import { checkEventForwards } from './support/eventForwards';
import { checkComputedReads } from './support/computedReads';
import { checkConsoleSecrets, checkMountedSecrets } from './support/mountedSecrets';
import { checkStagedSecrets } from './support/gitStagedSecrets';
import { checkGitSecretRoads, checkPushesToAddedRemotes, type HistoryReader } from './support/gitSecretRoads';
import { checkComposeEnvironment } from './support/composeEnvironment';
import { checkEnvironmentPrints, checkSnippetEnvironment } from './support/environmentPrints';
import { checkSecretStdinPrints } from './support/secretStdinPrints';
import { checkInlineCodeEnvironment } from './support/inlineCodeEnvironment';
import { checkFolderDiffs } from './support/folderDiffs';
import { checkCredentialEndpoints } from './support/credentialEndpoints';
import { checkSnippetSdkEndpoints } from './support/sdkEndpoints';
import { checkMailedPatches } from './support/mailedPatches';
import { checkCredentialMoves } from './support/credentialMoves'; import { checkCredentialExposures } from './support/credentialExposures'; import { checkGitGrepOutside } from './support/gitGrepOutside';
import { checkUnignoredStaging } from './support/unignoredStaging';
import { checkLinkedFolderReads } from './support/linkedFolders';
import { checkForeignShellText } from './support/foreignShells';
import { checkBundlesSent, checkNewRepositoryPush, checkRemoteRedirects } from './support/gitRemoteRedirects';
import { checkImageBuildCopies } from './support/imageBuildCopies';
import { credentialFolderOperands, pythonModuleOperands } from './support/credentialFolderOperands';
import { checkFileOptionReads } from './support/fileOptionReads';
import { describedReads } from './support/describedReads';

/**
 * Where a credential reaches the screen or leaves the machine without a named reader of a known
 * credential file: any program that prints the whole of a file it is given (and any program the
 * guard does not know, given a credential file), git commands that print a history holding a
 * credential file, prints of the whole environment, CLIs that mint or print a credential, copies and
 * links read later in the same line, secrets sent in a URL or a DNS name, credential files uploaded
 * to storage or served over HTTP. Every finding names the file, variable or tool, never a value.
 */

// ---------------------------------------------------------------------------------------------
// Whole-file readers, and programs the guard does not know

/** Runtimes that run a file as a program: given a credential file, their errors print its lines (`php` prints it as it is). */
const SCRIPT_RUNNERS = new Set(['python', 'python2', 'python3', 'node', 'nodejs', 'ruby', 'php', 'lua', 'luajit', 'Rscript', 'tclsh', 'deno', 'bun', 'perl', 'awk']);

/** Is this a program nothing in the engine describes? */
function unknownProgram(name: string): boolean {
  // A name's answer comes from fixed tables: worked out once per name (asked several times per invocation).
  let known = unknownByName.get(name);
  if (known === undefined) {
    if (unknownByName.size >= 4096) unknownByName.clear();
    unknownByName.set(name, (known = unknownProgramNow(name)));
  }
  return known;
}

const unknownByName = new Map<string, boolean>();

function unknownProgramNow(name: string): boolean {
  if (name === '' || name.includes('=') || /[$`]/.test(name)) return false;
  // PowerShell cmdlets the shell layer does not turn into a POSIX command are about items, not their text.
  if (/^[A-Z][a-z]+-[A-Z][A-Za-z]+$/.test(name)) return name === 'Format-Hex';
  return !(
    isCredentialReader(name) || Object.hasOwn(WHOLE_FILE_READERS, name) || METADATA_ONLY.has(name) || READ_ONLY_COMMANDS.has(name) || Object.hasOwn(EFFECT_RULES, name) ||
    Object.hasOwn(VERB_TRAITS, name) || toolNamed(name) !== undefined || ownHandlerFor(name) !== undefined || SHELLS.has(name) || SCRIPT_RUNNERS.has(name)
  );
}

/** A read-only program (`gron`, `column`) that no reader rule describes and that is not known to look only at names, sizes or modes. */
function knownReaderOfOperands(name: string): boolean {
  return READ_ONLY_COMMANDS.has(name) && !METADATA_ONLY.has(name) && !isCredentialReader(name) && !Object.hasOwn(WHOLE_FILE_READERS, name);
}

/** Shells asked to echo each line they read (`bash -v FILE`, `sh -x FILE`, `bash -o verbose FILE`). */
function shellEchoes(args: readonly ArgWord[]): boolean {
  const { usual, valued } = freeFormReadings(args);
  return usual.options.some((o) => /^-[a-zA-Z]*[vx]/.test(o.name) || o.name === '--verbose') || valued.options.some((o) => o.name === '-o' && /^(verbose|xtrace)$/.test(o.values[0] ?? ''));
}

/** Operand words a substitution lists (`$(git ls-files)`, `for f in .env*` as `$(printf '%s\n' .env*)`): the folders or globs it walks. */
function listedByDynamicWords(inv: Invocation, facts: Facts): CredentialFileInfo[] {
  const cwd = inv.cwd || facts.cwd;
  const texts = [...inv.args.filter((a) => a.dynamic).map((a) => a.raw), ...(inv.sources ?? [])];
  const out: CredentialFileInfo[] = [];
  const add = (f: CredentialFileInfo | undefined): void => {
    if (f && !out.some((x) => x.path === f.path)) out.push(f);
  };
  for (const text of texts.slice(0, 16)) {
    const printf = /\$\(\s*printf\s+(?:'%s\\n'|"%s\\n"|%s\\\\n)\s+([^)]*)\)/.exec(text);
    if (printf) {
      for (const w of (printf[1] ?? '').split(/\s+/).filter((x) => x !== '').slice(0, 32)) {
        const word: ArgWord = { text: w.replace(/^['"]|['"]$/g, ''), raw: w, dynamic: false, glob: /[*?[]/.test(w) };
        for (const p of pathsOfWord(word, cwd, facts)) add(infoFor(p, facts));
      }
      continue;
    }
    const lister = /\$\(\s*(git\s+ls-files|find|fd|fdfind|ls|rg\s+--files|ag\s+-g)\b([^)]*)\)|`\s*(git\s+ls-files|find|ls)\b([^`]*)`/.exec(text);
    if (!lister || !facts.credentials) continue;
    const tool = (lister[1] ?? lister[3] ?? '').replace(/\s+/g, ' ');
    const words = listerWords(lister[2] ?? lister[4] ?? '');
    const rest = freeFormReadings(words.map((text) => ({ text, raw: text, dynamic: false, glob: false }))).usual.operands.map((w) => w.text);
    const [program = '', ...lead] = tool.split(' ');
    const listed = listedFiles(program, [...lead, ...words]);
    const roots = listed ? listed.roots : tool === 'find' ? (rest.length > 0 && !rest[0]?.startsWith('(') ? [rest[0] as string] : ['.']) : tool === 'git ls-files' ? gitLsFilesRoots(words) : ['.'];
    for (const dir of roots.flatMap((r) => listerOperandPaths(r, cwd, facts))) {
      // A file operand is listed as itself (`cat $(ls ~/.aws/*)`); a folder's files as the lister shows them.
      if (infoFor(dir, facts)) add(infoFor(dir, facts));
      // What ls, rg --files or ag -g print: dot-files and ignored files only when asked, ls only one level.
      const shows = (f: CredentialFileInfo): boolean =>
        !listed ||
        ((!listed.direct || absoluteIn(f, facts, dir)) &&
          (listed.hidden || absoluteOf(f, facts).some((p) => p.startsWith(dir + '/') && !p.slice(dir.length + 1).split('/').some((s) => s.startsWith('.')))) &&
          (listed.ignored || !gitignored(f.path, facts)) &&
          (!listed.name || listed.name(basename(f.path))));
      for (const f of facts.credentials.filesUnder(dir).slice(0, 16)) {
        if (!shows(f) || (tool === 'git ls-files' && gitignored(f.path, facts))) continue;
        add(f);
      }
    }
  }
  return out;
}

/** Is the credential file directly inside `dir` (what a plain `ls dir` lists)? */
function absoluteIn(f: CredentialFileInfo, facts: Facts, dir: string): boolean {
  return absoluteOf(f, facts).some((p) => p.slice(0, p.lastIndexOf('/')) === dir);
}

function absoluteOf(info: CredentialFileInfo, facts: Facts): string[] {
  if (info.path.startsWith('~/')) return [facts.home + info.path.slice(1)];
  if (isAbsolute(info.path)) return [info.path];
  return facts.workspaceRoots.map((r) => `${r}/${info.path}`);
}

/** The hosts a line names (`localhost:8443`, `staging-api.acme.internal:443`): one at least, and each this machine or named non-production. */
function tlsPeersNotProduction(inv: Invocation, ctx: RuleContext): boolean {
  const hosts = inv.args.map((a) => a.text.replace(/^--?[\w-]+=/, '')).filter((t) => /^(?:[a-z][\w+.-]*:\/\/)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d+)?\/?$/i.test(t) && /[.:]/.test(t) && !/\.(p12|pfx|pem|crt|key|jks)$/i.test(t));
  return hosts.length > 0 && hosts.every((h) => /^(?:[a-z][\w+.-]*:\/\/)?(localhost|127\.\d+\.\d+\.\d+)(:\d+)?\/?$/i.test(h) || /^(non-production|local)$/.test(ctx.environmentOf({ values: [h], remote: true }).environment));
}

function checkWholeFileReads(inv: Invocation, ctx: RuleContext): Finding[] {
  const facts = ctx.facts;
  const cwd = inv.cwd || facts.cwd;
  const out: Finding[] = [];
  const seen = new Set<string>();
  const report = (words: readonly ArgWord[], verb: string, how: string, keep: (info: CredentialFileInfo) => boolean = () => true): void => {
    for (const w of words) {
      for (const p of pathsOfWord(w, cwd, facts)) {
        const info = infoFor(p, facts);
        if (!info || seen.has(info.path) || !keep(info)) continue;
        seen.add(info.path);
        out.push(readFinding(verb, info, how));
      }
    }
  };
  const name = inv.name;
  const spec = Object.hasOwn(WHOLE_FILE_READERS, name) ? WHOLE_FILE_READERS[name] : undefined;
  if (spec) report(wholeFileOperands(name, spec, inv.args), spec.verb, name);
  else if (name === 'perl' || name === 'ruby') {
    const { files, inPlace } = scriptFileOperands(inv.args);
    if (!inPlace) report(files, 'prints', `${name} (a one-line program over the file)`);
  } else if (SHELLS.has(name)) {
    const script = positionals(inv.args)[0];
    const echoes = shellEchoes(inv.args);
    if (script !== undefined && !inv.args.some((a) => a.text === '-c')) {
      const word = inv.args.find((a) => a.text === script) as ArgWord;
      report([word], echoes ? 'prints each line of' : 'runs (its errors print the lines)', echoes ? `${name} -v` : name, (info) => echoes || info.kind !== 'dotenv');
    }
  } else if (['gcc', 'cc', 'clang', 'g++', 'c++'].includes(name) && inv.args.some((a) => a.text === '-E')) {
    report(wholeFileOperands('cpp', WHOLE_FILE_READERS.cpp as NonNullable<typeof spec>, inv.args.filter((a) => a.text !== '-E')), 'prints', `${name} -E`);
  } else if (SCRIPT_RUNNERS.has(name) && !inv.args.some((a) => /^-(c|e|p|r|E|-eval|-print)$/.test(a.text) || /^-[a-zA-Z]*[ce]$/.test(a.text))) {
    // The first operand is the program: a credential file run as one prints its lines in the error (php: as it is).
    const first = freeFormReadings(inv.args).usual.operands[0];
    if (first) report([first], 'runs as a program (its errors print the lines)', name);
  } else if ((name === 'curl' || name === 'wget') && inv.args.some((a) => /^['"]?file:\/\//i.test(a.raw))) {
    const files = inv.args.filter((a) => /^file:\/\//i.test(a.text)).map((a) => ({ ...a, text: decodeURIComponent(a.text.replace(/^file:\/\/(localhost)?/i, '')), raw: a.raw }));
    report(files, 'prints', `${name} file://`);
  } else if ((unknownProgram(name) || knownReaderOfOperands(name)) && !printsNoContent(inv)) {
    // A file operand is there to be read: only programs known to look at names, sizes or modes are spared, and a run that prints no content (a formatter's check, a count).
    const before = out.length;
    const { operands, options, outputs, identities } = unknownOperands(inv.args);
    // A file an output option names that is not there yet (`age-keygen -o /tmp/new.key`) is written, not read.
    const fresh = (w: ArgWord): boolean => outputs.has(w) && !w.text.includes('=') && facts.fileStatus?.(resolvePath(cwd, w.text, facts.home)) === 'missing';
    // Stop 40 (round 34): a key store handed over as the program's own TLS identity signs a handshake toward hosts the line names; only where every one is this machine or named non-production.
    const ownIdentity = (w: ArgWord, info: CredentialFileInfo): boolean => info.kind === 'private-key' && identities.has(w) && tlsPeersNotProduction(inv, ctx);
    for (const w of operands) report([w], 'is given', name, (info) => !(info.kind === 'dotenv' && options.has(w)) && !fresh(w) && !ownIdentity(w, info));
    const why = unknownProgram(name) ? 'the guard does not know this program' : `${name} is not known to only list or stat its files`;
    for (let i = before; i < out.length; i++) {
      const f = out[i] as Finding;
      out[i] = { ...f, reason: f.reason.replace(/\.$/, `; ${why}, and a program given a file reads it.`) };
    }
  }
  if (unknownProgram(name) && !printsNoContent(inv)) out.push(...credentialFolderOperands(inv, facts, unknownOperands(inv.args).operands, 'the guard does not know this program'));
  const packed = pythonModuleOperands(inv);
  if (packed) {
    report(packed.operands, 'is given', `${name} -m ${packed.module}`);
    out.push(...credentialFolderOperands(inv, facts, packed.operands, `python's ${packed.module} module packs or serves what it is given`));
  }
  // `xargs -a FILE cmd`: xargs reads FILE whole and hands its lines to cmd as arguments (with no cmd, echo prints them).
  const xargsWords = inv.via.some((v) => v.startsWith('xargs')) ? inv.wrapperWords : name === 'xargs' ? inv.args : undefined;
  if (xargsWords) {
    const ww = xargsWords;
    const files = ww.flatMap((w, i) => (w.text === '-a' || w.text === '--arg-file' ? (ww[i + 1] ? [ww[i + 1] as ArgWord] : []) : w.text.startsWith('--arg-file=') ? [{ ...w, text: w.text.slice(11) }] : []));
    report(files, 'reads', 'xargs -a');
  }
  if (isCredentialReader(name) || spec || unknownProgram(name) || name === 'xargs') {
    for (const info of listedByDynamicWords(inv, facts)) {
      if (seen.has(info.path)) continue;
      seen.add(info.path);
      out.push(readFinding('reads', info, `${name} (on files a substitution lists)`));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// git commands that print a history holding a credential file

/** The repository's credential files by absolute path (the index), and the ones git tracks. */
function credentialFilesOf(cwd: string, facts: Facts): Map<string, CredentialFileInfo> {
  const map = new Map<string, CredentialFileInfo>();
  if (!facts.credentials) return map;
  for (const root of facts.workspaceRoots.length > 0 ? facts.workspaceRoots : [cwd]) {
    for (const f of facts.credentials.filesUnder(root)) for (const p of absoluteOf(f, facts)) map.set(p, f);
  }
  return map;
}

/** Credential files among the paths a history command prints. */
function credentialsAmong(paths: readonly string[], cwd: string, facts: Facts): CredentialFileInfo[] {
  // A short listing (a diff of a few files) is judged file by file; a long one against the workspace's index.
  if (paths.length <= 64) {
    const out: CredentialFileInfo[] = [];
    for (const p of paths) {
      const info = infoFor(p, facts);
      if (info && !out.some((x) => x.path === info.path)) out.push(info);
    }
    return out.slice(0, 8);
  }
  const index = credentialFilesOf(cwd, facts);
  const out: CredentialFileInfo[] = [];
  // Past MAX_LISTED paths the rest is judged against the index only (a look-up each): a file gone from
  // the work tree among them is not judged by its name, so historyFindings counts the listing as cut.
  for (const p of paths.slice(0, MAX_LISTED)) {
    let info = index.get(p);
    if (!info && facts.credentials) {
      // A file gone from the work tree is judged by its name; one still there, by the index.
      if (facts.fileStatus?.(p) === 'missing') {
        const m = matchCredentialPath(p, facts.home);
        const root = facts.workspaceRoots.find((r) => p.startsWith(r + '/'));
        if (m) info = { path: root ? p.slice(root.length + 1) : p, kind: m.kind, label: m.label };
      }
    } else if (!info) info = out.length < 500 ? infoFor(p, facts) : undefined;
    if (info && !out.some((x) => x.path === info?.path)) out.push(info);
    if (out.length >= 8) break;
  }
  if (out.length < 8) {
    for (const p of paths.slice(MAX_LISTED)) {
      const info = index.get(p);
      if (info && !out.some((x) => x.path === info.path)) out.push(info);
      if (out.length >= 8) break;
    }
  }
  return out;
}

/** Paths of a history listing judged one by one (gone files by their names); past it, by the index only. */
const MAX_LISTED = 20_000;

function historyFindings(inv: Invocation, ctx: RuleContext, query: GitHistoryQuery, what: string): Finding[] {
  const facts = ctx.facts;
  const cwd = gitStart(inv, facts).cwd;
  const listed = facts.gitHistoryPaths
    ? facts.gitHistoryPaths(cwd, query)
    : // Without git to ask: the credential files git would track (not ignored) stand for its history.
      { paths: [...credentialFilesOf(cwd, facts).entries()].filter(([, f]) => !gitignored(f.path, facts)).map(([p]) => p), complete: true };
  if (!listed) return [];
  const found = [...credentialsAmong(listed.paths, cwd, facts), ...(listed.credentials ?? [])];
  const findings = found.map((f) => ({ ...readFinding('prints the history of', f, what), rule: 'credentials.history-read' }));
  if ((!listed.complete || listed.paths.length > MAX_LISTED) && findings.length === 0) {
    findings.push({
      rule: 'credentials.history-read',
      risk: 'credential-read',
      severity: 'ask',
      reason: `${what} prints changes the guard could not list in time to rule out a credential file among them (answering conservatively).`,
      targets: [{ kind: 'path', name: 'git history', remote: false, environment: 'local', environmentReason: 'this repository' }],
    });
  }
  return findings;
}

/** `git blame`'s options that take a value (its reference); `-C`/`-M` take an optional number glued on. */
const BLAME = effectGrammar('LS', ['contents', 'ignore-rev', 'ignore-revs-file', 'reverse', 'since', 'date', 'encoding']);

const historyOf = (ctx: RuleContext): HistoryReader => (inv, query, what) => historyFindings(inv, ctx, query, what);

function checkGitHistoryDumps(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.name !== 'git') return [];
  const facts = ctx.facts;
  // Global options before the subcommand (`git -C dir`, `git -c k=v`, `--no-pager`), read by git's grammar.
  const { sub, rest, cwd } = gitStart(inv, facts);
  const cmd = `git ${sub ?? ''}`;
  switch (sub) {
    case 'log':
    case 'whatchanged': {
      const r = readRevs(rest, cwd, facts);
      if (!(r.patch || sub === 'whatchanged') || r.noPatch && !r.patch || r.paths.length > 0) return [];
      const query: GitHistoryQuery = r.widened || r.dynamic ? { kind: 'all', revs: [] } : { kind: 'log', revs: r.revs, ...(r.maxCount !== undefined ? { maxCount: r.maxCount } : {}) };
      return historyFindings(inv, ctx, query, `${cmd} -p`);
    }
    // `git fast-export --all`: every blob of the history it walks, whole.
    case 'fast-export': {
      // Written to a file (`> history.fe`), nothing is printed: a later read or send of it is judged then.
      if (inv.redirects.some((x) => (x.op === '>' || x.op === '>>') && (x.fd === undefined || x.fd === 1))) return [];
      const r = readRevs(rest, cwd, facts);
      return historyFindings(inv, ctx, r.widened || r.dynamic || r.revs.length === 0 ? { kind: 'all', revs: [] } : { kind: 'log', revs: r.revs }, 'git fast-export');
    }
    case 'reflog': {
      // `git reflog [show] -p`: `git log -g` with its options, over what the reflogs reach (judged as every commit).
      const words = rest[0]?.text === 'show' ? rest.slice(1) : rest;
      if (['expire', 'delete', 'exists', 'list'].includes(rest[0]?.text ?? '')) return [];
      const r = readRevs(words, cwd, facts);
      if (!r.patch || (r.noPatch && !r.patch) || r.paths.length > 0) return [];
      return historyFindings(inv, ctx, { kind: 'all', revs: [] }, 'git reflog -p');
    }
    case 'show': {
      const r = readRevs(rest, cwd, facts);
      // `git rev-list --all | xargs git show`: revisions from a pipe.
      if (inv.via.some((v) => v.startsWith('xargs')) && inv.stdin?.kind === 'pipe') r.dynamic = true;
      if ((r.noPatch && !r.patch) || r.paths.length > 0) return [];
      const revs = r.revs.filter((x) => !x.includes(':'));
      if (r.revs.length === 0 && freeFormReadings(rest).usual.operands.some((a) => a.text.includes(':'))) return [];
      return historyFindings(inv, ctx, r.dynamic ? { kind: 'all', revs: [] } : { kind: 'show', revs }, cmd);
    }
    case 'format-patch': {
      const r = readRevs(rest, cwd, facts);
      if (r.paths.length > 0) return [];
      const root = r.names.has('root');
      const revs = root ? r.revs : r.revs.map((x) => (x.includes('..') || r.maxCount !== undefined ? x : `${x}..HEAD`));
      return historyFindings(inv, ctx, { kind: 'log', revs, ...(r.maxCount !== undefined ? { maxCount: r.maxCount } : {}) }, cmd);
    }
    case 'cat-file':
      return catFileReads(inv, rest, historyOf(ctx));
    // Plumbing that prints patches: `git diff-tree -p REV` (that commit's changes, or between two trees), `git diff-index -p REV` (the work tree against REV).
    case 'diff-tree':
    case 'diff-index': {
      if (!rest.some((a) => /^(-p|-u|--patch|--patch-with-raw|--patch-with-stat|--cc|-c|-U\d*)$/.test(a.text))) return [];
      const r = readRevs(rest.filter((a) => !/^(-r|-t|--root|--stdin|-m|--cached)$/.test(a.text)), cwd, facts);
      if (r.paths.length > 0) return [];
      if (r.dynamic || rest.some((a) => a.text === '--stdin')) return historyFindings(inv, ctx, { kind: 'all', revs: [] }, cmd);
      const query: GitHistoryQuery = sub === 'diff-tree' && r.revs.length === 1 ? { kind: 'show', revs: r.revs } : { kind: 'diff', revs: r.revs, cached: rest.some((a) => a.text === '--cached') };
      return historyFindings(inv, ctx, query, cmd);
    }
    case 'blame':
    case 'annotate': {
      const files = readEffectArgs(rest, BLAME).operands;
      const out: Finding[] = [];
      const gone: { abs: string; text: string }[] = [];
      for (const w of files) {
        // `git blame HEAD~1 -- f`, `git annotate f HEAD~1`: a file gone from the work tree, printed as a revision held it.
        const abs = w.dynamic ? undefined : resolvePath(cwd, w.text, facts.home);
        if (abs !== undefined && /\.[A-Za-z0-9]+$|\//.test(w.text) && facts.fileStatus?.(abs) === 'missing') gone.push({ abs, text: w.text });
        for (const p of pathsOfWord(w, cwd, facts)) {
          const info = infoFor(p, facts);
          if (info && !out.some((f) => f.reason.includes(info.path))) out.push(readFinding('prints every line of', info, cmd));
        }
      }
      out.push(...goneFileFindings(gone.map((g) => g.abs), gone.map((g) => g.text), cwd, ctx, cmd));
      return out;
    }
    case 'diff':
    case 'difftool': {
      if (rest.some((a) => a.text === '--no-index')) {
        const out: Finding[] = [];
        for (const w of freeFormReadings(rest).usual.operands) for (const p of pathsOfWord(w, cwd, facts)) {
          const info = infoFor(p, facts);
          if (info) out.push(readFinding('compares', info, 'git diff --no-index'));
        }
        return out;
      }
      // difftool's own valued options (`-x cat`, `--tool=vimdiff`) are not revisions.
      if (sub === 'difftool' && rest.some((a) => /^(-t|--tool|-g|--gui)$|^--tool=/.test(a.text)) && !rest.some((a) => /^(-x|--extcmd)$|^--extcmd=/.test(a.text))) return [];
      const words = sub === 'difftool' ? rest.filter((a, i) => !/^(-x|--extcmd|-t|--tool)$/.test(a.text) && !/^(-x|--extcmd|-t|--tool)$/.test(rest[i - 1]?.text ?? '')) : rest;
      const r = readRevs(words, cwd, facts);
      if (r.noPatch || r.paths.length > 0) return [];
      const cached = r.names.has('cached') || r.names.has('staged');
      return historyFindings(inv, ctx, r.dynamic ? { kind: 'all', revs: [] } : { kind: 'diff', revs: r.revs, cached }, cmd);
    }
    case 'stash': {
      if (rest[0]?.text !== 'show') return [];
      const r = readRevs(rest.slice(1), cwd, facts);
      if (!r.patch || r.paths.length > 0) return [];
      const entry = r.revs[0] !== undefined && /^\d+$/.test(r.revs[0]) ? `stash@{${r.revs[0]}}` : r.revs[0];
      return historyFindings(inv, ctx, { kind: 'stash', revs: entry ? [entry] : [] }, 'git stash show -p');
    }
    case 'grep': {
      // Revisions after the pattern: the search reads those trees (a substitution: every commit).
      // Words after `--` are pathspecs, never revisions.
      const dash = rest.findIndex((a) => a.text === '--');
      const words = freeFormReadings(dash < 0 ? rest : rest.slice(0, dash)).usual.operands;
      const treeWords = words.slice(rest.some((a) => a.text === '-e' || a.text === '-f') ? 0 : 1);
      const dynamic = treeWords.some((a) => a.dynamic);
      const revs = treeWords.filter((a) => !a.dynamic && facts.fileStatus?.(resolvePath(cwd, a.text, facts.home)) === 'missing').map((a) => a.text);
      if (!dynamic && revs.length === 0) return [];
      return historyFindings(inv, ctx, dynamic ? { kind: 'all', revs: [] } : { kind: 'tree', revs }, 'git grep (across revisions)');
    }
    default:
      return [];
  }
}
checkGitHistoryDumps.reactsTo = (name: string): boolean => name === 'git';

// ---------------------------------------------------------------------------------------------
// CLIs that mint or print a credential

function checkMintingClis(inv: Invocation, ctx: RuleContext): Finding[] {
  const what = credentialMinted(inv.name, inv.args);
  // Neon: a connection string handed to a client through a substitution reaches no screen, and a branch
  // named for development (`neonctl connection-string dev`) holds a throwaway password.
  if (what !== undefined && REGISTRY_TOKENS.has(what) && pipedToOwnLogin(inv, PRINTED_CREDENTIAL_OWNER[inv.name])) return [];
  if (!what || (/^neon(ctl)?$/.test(inv.name) && (inv.via.includes('$(...)') || ctx.environmentOf({ values: inv.args.map((a) => a.text), remote: true }).environment === 'non-production'))) return [];
  const shown = [inv.name, ...positionals(inv.args).slice(0, 3)].join(' ').slice(0, 60);
  // A bare `/` is a key prefix here (`etcdctl get --prefix /`, `--path /`), not this machine's root folder.
  return [dump('dump', `${shown} prints ${what}.`, dumpTarget(what, ctx, true, inv.args.map((a) => a.text).filter((t) => t !== '/')))];
}
checkMintingClis.reactsTo = (name: string): boolean => mintsCredentials(name);

// ---------------------------------------------------------------------------------------------
// Copies and links of a credential file read later in the same line

const COPIERS = new Set(['cp', 'ln', 'link', 'install', 'mv', 'rsync', 'ditto', 'gcp']);
function copiesOf(inv: Invocation, facts: Facts): { dest: string; info: CredentialFileInfo }[] {
  const cwd = inv.cwd || facts.cwd;
  // Options through each copier's effect grammar (`-t DIR`, `--target-directory=DIR`, rsync's `-e CMD`).
  const read = readEffectArgs(inv.args, grammarOf(inv.name === 'gcp' ? 'cp' : inv.name));
  const pos = read.operands;
  const target = values(read, 't', 'target-directory').pop()?.text;
  if (inv.name === 'dd') return [];
  const sources = target !== undefined ? pos : pos.slice(0, -1);
  const destWord = target ?? pos[pos.length - 1]?.text;
  if (destWord === undefined || sources.length === 0) return [];
  const here = (w: ArgWord): ArgWord => (/^\$(\{PWD\}|PWD\b|\(pwd\))/.test(w.text) ? { ...w, text: w.text.replace(/^\$(\{PWD\}|PWD\b|\(pwd\))/, cwd), raw: w.text, dynamic: false } : w);
  const dest = resolvePath(cwd, here({ text: destWord, raw: destWord, dynamic: false, glob: false }).text, facts.home);
  const out: { dest: string; info: CredentialFileInfo }[] = [];
  for (const s of sources) {
    for (const p of pathsOfWord(here(s), cwd, facts)) {
      const info = infoFor(p, facts);
      if (!info) continue;
      const intoFolder = target !== undefined || sources.length > 1 || destWord.endsWith('/') || facts.fileStatus?.(dest) === 'directory';
      out.push({ dest: intoFolder ? `${dest}/${basename(p)}` : dest, info });
      if (intoFolder) out.push({ dest, info });
    }
  }
  return out;
}

function checkCopiesRead(analysis: Analysis, ctx: RuleContext): Finding[] {
  const facts = ctx.facts;
  const aliases = new Map<string, CredentialFileInfo>();
  const prefixes = new Map<string, CredentialFileInfo>();
  const out: Finding[] = [];
  for (const inv of analysis.invocations.slice(0, 256)) {
    const cwd = inv.cwd || facts.cwd;
    if ((aliases.size > 0 || prefixes.size > 0) && (!METADATA_ONLY.has(inv.name) || inv.name === 'cp')) {
      const words = [...freeFormReadings(inv.args).usual.operands, ...inv.args.filter((a) => /^[a-z]+=/.test(a.text)).map((a) => ({ ...a, text: a.text.replace(/^[a-z]+=/, '') })), ...inv.redirects.filter((r) => r.op === '<' || r.op === '<>').map((r) => r.target)];
      if (inv.stdin?.kind === 'file') words.push({ text: inv.stdin.path, raw: inv.stdin.path, dynamic: false, glob: false });
      for (const w of words) {
        if (w.dynamic) continue;
        const p = resolvePath(cwd, w.text, facts.home);
        const info = aliases.get(p) ?? [...prefixes].find(([prefix]) => p.startsWith(prefix))?.[1];
        if (!info || (COPIERS.has(inv.name) && w === words[words.length - 1])) continue;
        out.push({ ...readFinding('reads', info, `${inv.name || 'A redirect'} (through ${w.text}, a copy or link made earlier in the line)`), rule: 'credentials.read' });
        break;
      }
    }
    if (COPIERS.has(inv.name)) for (const c of copiesOf(inv, facts)) aliases.set(c.dest, c.info);
    if (inv.name === 'split' || inv.name === 'csplit') {
      // `split -l 1 .env /tmp/part_`: the pieces are named by the prefix (`xaa` by default).
      const pos = readEffectArgs(inv.args, grammarOf(inv.name)).operands;
      const info = pos[0] ? infoFor(resolvePath(cwd, pos[0].text, facts.home), facts) : undefined;
      if (info) prefixes.set(resolvePath(cwd, inv.name === 'split' ? (pos[1]?.text ?? 'x') : 'xx', facts.home), info);
    }
    if (inv.name === 'dd') {
      const src = inv.args.find((a) => a.text.startsWith('if='));
      const dst = inv.args.find((a) => a.text.startsWith('of='));
      const info = src ? infoFor(resolvePath(cwd, src.text.slice(3), facts.home), facts) : undefined;
      if (info && dst) aliases.set(resolvePath(cwd, dst.text.slice(3), facts.home), info);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/** What every invocation is asked, in this order; a sub-check with `reactsTo` runs only for the names it reacts to (support/subChecks.ts). */
export const CREDENTIAL_REACH_CHECKS = subCheckList(() => [
  checkWholeFileReads,
  checkFileOptionReads,
  checkGitHistoryDumps,
  checkEnvironmentPrints,
  checkSecretStdinPrints,
  checkInlineCodeEnvironment,
  checkFolderDiffs,
  checkCredentialEndpoints,
  checkMailedPatches,
  checkMintingClis,
  checkSecretsInAddresses,
  checkSentFiles,
  checkUnknownCopiers,
  checkInterpreterOperands,
  checkGitLineHistory,
  checkRestoredCredentials,
  checkComposeEnvironment,
  withHistory(checkGitSecretRoads),
  checkStagedSecrets,
  checkToolFileSends,
  checkCodeNamedReads,
  checkTunnels,
  checkEventForwards,
  checkMountedSecrets,
  checkConsoleSecrets,
  checkCredentialMoves,
  checkCredentialExposures,
  checkGitGrepOutside,
  checkForeignShellText,
  withHistory(checkRemoteRedirects),
  withHistory(checkNewRepositoryPush),
  checkImageBuildCopies,
  checkRemoteCredentialPulls,
]);

/** A sub-check that also reads the line's git history, with its trigger. */
function withHistory(check: ((inv: Invocation, ctx: RuleContext, history: ReturnType<typeof historyOf>) => Finding[]) & { reactsTo?: (name: string) => boolean }): SubCheck {
  const run: SubCheck = (inv, ctx) => check(inv, ctx, historyOf(ctx));
  if (check.reactsTo) run.reactsTo = check.reactsTo;
  return run;
}

export const credentialReachPack: RulePack = {
  id: 'credential-reach',
  title: 'Credentials reaching the screen or leaving the machine: whole-file readers, git history, the environment, minting CLIs, uploads',
  checkInvocation(inv, ctx) {
    const found = CREDENTIAL_REACH_CHECKS.run(inv, ctx);
    // What any described program reads (support/describedReads.ts), where no road above named the file.
    const described = describedReads(inv, ctx, found);
    return described.length === 0 ? found : [...found, ...described];
  },
  checkSnippet(snippet, ctx) {
    return [...checkSnippetEnvironment(snippet, ctx), ...checkPythonImports(snippet, ctx), ...checkComputedReads(snippet, ctx), ...checkSnippetSdkEndpoints(snippet)];
  },
  checkAnalysis(analysis, ctx) {
    return [...checkCopiesRead(analysis, ctx), ...checkLoopLists(analysis, ctx), ...checkPushesToAddedRemotes(analysis, ctx, historyOf(ctx)), ...checkBundlesSent(analysis, ctx, historyOf(ctx)), ...checkRestoredReads(analysis, ctx), ...checkTracedSources(analysis, ctx), ...checkUnignoredStaging(analysis, ctx), ...checkLinkedFolderReads(analysis, ctx), ...checkUnresolvedCredentialReads(analysis, ctx)];
  },
};
