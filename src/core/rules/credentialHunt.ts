import { minimatch } from 'minimatch';
import { matchCredentialPath } from '../credentials/credentialPaths'; import { ownTable } from '../ownTable';
import { isHunt, isHuntPattern, searchMatchesText, searchPatternsOf, type SearchPatterns } from '../credentials/searchPatterns';
import { basename, isAbsolute, resolvePath } from '../paths';
import type { ArgWord, CredentialFileInfo, Facts, Finding, Invocation, RuleContext, RulePack } from '../policy/types';
import { readFinding } from './credentials';
import { gitignored, infoFor, isHiddenPath, pathsOfWord } from './support/credentialPaths';
import { metadataRequests, metadataTarget } from './support/metadataEndpoints';
import { dump, dumpTarget, hasFlag, isSecretVariableName, optionValue, positionals } from './support/huntCommon';
import { checkSecretEnvironment, checkStoreDumps, processEnvironmentShown } from './support/secretStores';
import { checkSentOut, checkSnippetSentOut } from './support/secretsSentOut'; import { checkCodeSearchTools } from './support/codeSearchTools';
import { environmentNamesOnly, searchListsOnly, searchPrintsNoContent } from './support/printsNoContent';
import { gitLsFilesRoots, listedFiles } from './support/listerRoots';
import { gitStart } from './support/gitGlobals';
import { fedObjectNames, pathOfObjectName } from './support/gitObjectNames';
import { foldedLiterals } from './support/environmentPrints';
import { awkBuiltReads, withArgFileInput, namesFed, takesNamesOnStdin, FIELD_FILTERS, listedOperandFiles, namesInText, throughLineFilters } from './support/listedOperands';
import { gitPathspecScope, rgScope } from './support/searchScope';
import { searchListing, substitutedSearchLists } from './support/searchListings';
import { checkStructuralSearch } from './support/structuralSearches';
import { goneFileFindings } from './support/gitGoneFiles'; import { checkIgnoreNames } from './support/gitCheckIgnore';

/**
 * The hunt around a credential, not only its read: searches whose pattern names secrets or matches a
 * credential file's lines, variable listings and shell histories filtered for secrets, reads that name
 * the file somewhere other than the usual argument (sed `r`, awk `getline <`, make recipes, git
 * history, rebase commands), bulk copies of the home folder's stores, cloud metadata credential
 * endpoints, secret stores and tools that print what they keep, and secret-named variables sent to a
 * host that is not their own service. Every finding names the file, variable or store, never a value.
 */

/** Absolute path of a credential file the index shows relative to a workspace folder or the home. */
function absoluteOf(info: CredentialFileInfo, facts: Facts): string[] {
  if (info.path.startsWith('~/')) return [facts.home + info.path.slice(1)];
  if (isAbsolute(info.path)) return [info.path];
  return facts.workspaceRoots.map((r) => `${r}/${info.path}`);
}

// ---------------------------------------------------------------------------------------------
// Recursive searches: which credential files a search would print

/** grep's clones, read with the options of the tool they follow. */
const GREP_CLONES: Readonly<Record<string, string>> = ownTable({ ugrep: 'grep', ug: 'grep', agrep: 'grep', rgrep: 'grep', pcre2grep: 'egrep', pcregrep: 'egrep', sift: 'sift', pt: 'ag' });

function searchOfInvocation(inv: Invocation): SearchPatterns | undefined {
  if (inv.name === 'git') {
    const i = inv.args.findIndex((a) => !a.text.startsWith('-'));
    if (inv.args[i]?.text !== 'grep') return undefined;
    return searchPatternsOf('git-grep', inv.args.slice(i + 1));
  }
  const clone = GREP_CLONES[inv.name];
  if (clone) return searchPatternsOf(clone, inv.args);
  if (!['grep', 'egrep', 'fgrep', 'zgrep', 'rg', 'ag', 'ack'].includes(inv.name)) return undefined;
  return searchPatternsOf(inv.name, inv.args);
}

/**
 * A filter over the credential files a recursive search reaches: those it would print a line of.
 * A hunt (a pattern naming secrets, an unreadable or inverted one) reaches every one; otherwise a file
 * counts when the pattern matches one of its lines (a file that cannot be read counts).
 */
export function searchReaches(inv: Invocation, facts: Facts): (info: CredentialFileInfo) => boolean {
  const search = searchOfInvocation(inv);
  if (!search) return () => true;
  if (search.namesOnly) return () => false;
  // Names or counts only, by a search that keeps out of hidden and ignored files (`rg -l TOKEN`): a file
  // is shown when a line of it matches. Widened into them (`--hidden`, `-uu`, grep), it is a hunt.
  const listsOnly = (inv.name === 'rg' || inv.name === 'ag') && searchListsOnly(inv.args, inv.name) && !inv.args.some((a) => /^(--hidden|--no-ignore.*|--unrestricted|-[a-zA-Z]*u[a-zA-Z]*|--skip-vcs-ignores|-U|--all-types|-a)$/.test(a.text));
  // Confined by its own words to some files (`rg X --type ts`, `-g '!config'`, `git grep X -- '*.ts'`).
  const scope = inv.name === 'rg' ? rgScope(inv.args) : inv.name === 'git' ? gitPathspecScope(gitStart(inv, facts).rest) : undefined;
  if (scope) {
    const inner = isHunt(search) && !listsOnly ? () => true : matchesText(search, facts);
    return (info) => scope(info.path) && inner(info);
  }
  if (isHunt(search) && !listsOnly) return () => true;
  return matchesText(search, facts);
}

function matchesText(search: SearchPatterns, facts: Facts): (info: CredentialFileInfo) => boolean {
  return (info) => {
    const texts = absoluteOf(info, facts).map((p) => facts.readFile(p)).filter((t): t is string => t !== undefined);
    return texts.length === 0 || texts.some((t) => searchMatchesText(search, t));
  };
}

/** A recursive command over a folder the guard could not list completely in time. */
export function incompleteListing(inv: Invocation, dir: string, facts: Facts): Finding {
  const shown = dir === facts.home ? '~' : dir.startsWith(facts.home + '/') ? '~' + dir.slice(facts.home.length) : dir;
  return {
    rule: 'credentials.incomplete-listing',
    risk: 'credential-read',
    severity: 'ask',
    reason: `${inv.name} walks ${shown}, where the guard could not list every file in time to rule out credential files (answering conservatively).`,
    targets: [{ kind: 'path', name: shown, remote: false, environment: 'local', environmentReason: 'a folder on this machine' }],
  };
}

/** Credential files under `dir` that a search honouring (or not) ignore files and hidden names reaches. */
function credentialFilesUnder(dir: string, facts: Facts, options: { hidden: boolean; ignored: boolean; name?: (base: string) => boolean }): CredentialFileInfo[] {
  if (!facts.credentials) return [];
  return facts.credentials.filesUnder(dir).filter((f) => {
    if (!options.hidden && isHiddenPath(f.path)) return false;
    if (!options.ignored && gitignored(f.path, facts)) return false;
    return options.name ? options.name(basename(f.path)) : true;
  });
}

/** Readers whose output is a credential file's text when given its path. */
const PRINTERS = new Set(['cpio', 'pax', 'afio', 'bsdtar', 'gtar', 'rsync', 'cat', 'head', 'tail', 'less', 'more', 'bat', 'batcat', 'strings', 'base64', 'xxd', 'od', 'hexdump', 'tac', 'nl', 'cp', 'tar', 'zip', 'curl', 'jq', 'yq', 'awk', 'sed', 'perl', 'sort']);

/** What `find ROOT… -name GLOB` (or `fd PATTERN ROOT`) selects: roots and a name test. */
function fileFinder(inv: Invocation, cwd: string, facts: Facts): { roots: string[]; name?: (base: string) => boolean; hidden: boolean; nameHunt: boolean; ignored?: boolean; direct?: boolean; listedBy?: (f: CredentialFileInfo) => boolean } | undefined {
  if (inv.name === 'find' || inv.name === 'bfs' || inv.name === 'gfind') {
    const roots: string[] = [];
    let i = 0;
    for (; i < inv.args.length; i++) {
      const t = (inv.args[i] as ArgWord).text;
      if (t.startsWith('-') || t === '(' || t === '!') break;
      roots.push(resolvePath(cwd, t, facts.home));
    }
    const globs: { glob: string; nocase: boolean }[] = [];
    for (; i < inv.args.length; i++) {
      const t = (inv.args[i] as ArgWord).text;
      if ((t === '-name' || t === '-iname') && inv.args[i + 1]) globs.push({ glob: (inv.args[i + 1] as ArgWord).text, nocase: t === '-iname' });
    }
    const name = globs.length > 0 ? (base: string) => globs.some((g) => minimatch(base, g.glob, { dot: true, nocase: g.nocase })) : undefined;
    const nameHunt = globs.some((g) => matchCredentialPath(`/x/${g.glob.replace(/\*/g, 'x')}`, '/nonexistent-home') !== undefined);
    return { roots: roots.length > 0 ? roots : [cwd], name, hidden: true, nameHunt };
  }
  if (inv.name === 'fd' || inv.name === 'fdfind') {
    const pos: string[] = [];
    const extensions: string[] = [];
    let hidden = false;
    for (let i = 0; i < inv.args.length; i++) {
      const t = (inv.args[i] as ArgWord).text;
      if (t === '-x' || t === '--exec' || t === '-X' || t === '--exec-batch') break;
      if (/^-[a-zA-Z]*H/.test(t) || t === '--hidden' || /^-[a-zA-Z]*u/.test(t)) hidden = true;
      if (t === '-e' || t === '--extension') extensions.push((inv.args[i + 1]?.text ?? '').replace(/^\./, ''));
      else if (t.startsWith('--extension=')) extensions.push(t.slice(12).replace(/^\./, ''));
      if (['-t', '--type', '-e', '--extension', '-E', '--exclude', '-d', '--max-depth', '-S', '--size', '-j', '--threads', '-g', '--glob'].includes(t)) {
        i++;
        continue;
      }
      if (!t.startsWith('-')) pos.push(t);
    }
    const pattern = pos[0];
    let re: RegExp | undefined;
    try {
      re = pattern !== undefined ? new RegExp(pattern, 'i') : undefined;
    } catch {
      re = undefined;
    }
    // `fd -e ts`: only files with one of those extensions.
    const byExtension = (base: string): boolean => extensions.length === 0 || extensions.some((e) => base.toLowerCase().endsWith('.' + e.toLowerCase()));
    const name = pattern === undefined && extensions.length === 0 ? undefined : (base: string) => (re && pattern !== undefined ? re.test(base) : true) && byExtension(base);
    const roots = pos.slice(1).map((p) => resolvePath(cwd, p, facts.home));
    // `fd -e env`, `fd -e pem`: an extension that only credential files carry is a hunt by name too.
    const huntedExtension = extensions.some((e) => matchCredentialPath(`/x/x.${e}`, '/nonexistent-home') !== undefined);
    return { roots: roots.length > 0 ? roots : [cwd], name, hidden, nameHunt: huntedExtension || (pattern !== undefined && /env|secret|cred|key|token|pem|tfstate/i.test(pattern)) };
  }
  return undefined;
}

/** `ls -a | xargs cat`, `rg --files | xargs cat`: a listing's files, with its folders resolved. */
function listedUnder(from: Invocation, cwd: string, facts: Facts): ReturnType<typeof fileFinder> {
  const listed = listedFiles(from.name, from.args.map((a) => a.text));
  return listed && { ...listed, roots: listed.roots.map((r) => resolvePath(from.cwd || cwd, r, facts.home)) };
}

/** `find … -exec grep PAT {} +`, `fd … -x cat`, `find … | xargs grep PAT`, `git ls-files | xargs grep PAT`. */
function checkFoundFiles(inv: Invocation, ctx: RuleContext): Finding[] {
  const facts = ctx.facts;
  const cwd = inv.cwd || facts.cwd;
  let finder: ReturnType<typeof fileFinder>;
  let consumer: { name: string; args: ArgWord[] } | undefined;
  let keeps = (_path: string): boolean => true;
  let listedBy = (_f: CredentialFileInfo): boolean => true;
  if (inv.name === 'find' || inv.name === 'bfs' || inv.name === 'gfind' || inv.name === 'fd' || inv.name === 'fdfind') {
    const at = inv.args.findIndex((a) => ['-exec', '-execdir', '-ok', '-okdir', '-x', '--exec', '-X', '--exec-batch'].includes(a.text));
    if (at < 0) return [];
    const words = inv.args.slice(at + 1);
    const end = words.findIndex((w) => w.text === ';' || w.text === '+' || w.text === '\\;');
    const cmd = end < 0 ? words : words.slice(0, end);
    if (!cmd[0]) return [];
    consumer = { name: basename(cmd[0].text), args: cmd.slice(1).filter((w) => w.text !== '{}') };
    finder = fileFinder(inv, cwd, facts);
  } else if ((inv.via.some((v) => v.startsWith('xargs') || v.startsWith('parallel')) || takesNamesOnStdin(inv)) && inv.stdin?.kind === 'pipe') {
    let from: Invocation;
    ({ source: from, keeps } = throughLineFilters(inv.stdin.from, FIELD_FILTERS));
    consumer = { name: inv.name, args: inv.args };
    if (from.name === 'git' && from.args[0]?.text === 'ls-files') finder = { roots: gitLsFilesRoots(from.args.slice(1).map((a) => a.text)).map((r) => resolvePath(from.cwd || cwd, r, facts.home)), hidden: true, nameHunt: false };
    // `git status --ignored --porcelain | awk '{print $2}' | xargs cat`: git names the untracked files (and the ignored ones, where .env files are) under its folders.
    // `git clean -ndX | cut -d' ' -f3 | xargs cat`, `git check-ignore * .* | xargs cat`: the ignored or untracked files named.
    else if (from.name === 'git' && from.args[0]?.text === 'check-ignore') finder = checkIgnoreNames(from, cwd, facts);
    else if (from.name === 'git' && (from.args[0]?.text === 'status' || from.args[0]?.text === 'clean')) finder = { roots: gitLsFilesRoots(from.args.slice(1).map((a) => a.text)).map((r) => resolvePath(from.cwd || cwd, r, facts.home)), hidden: true, nameHunt: false, ignored: true };
    else finder = fileFinder(from, from.cwd || cwd, facts) ?? listedUnder(from, cwd, facts) ?? searchListing(from, cwd, facts, searchReaches);
    if (finder?.listedBy) listedBy = finder.listedBy;
  }
  // `cpio -o <<< .env`, `zip a.zip -@ < list.txt`, `printf '.env\n' | zip a.zip -@`: the names on its input, read now, are the files taken.
  const fed = takesNamesOnStdin(inv) ? namesFed(inv, facts) : undefined;
  if (fed) return namesInText(fed.text, cwd, facts).map((f) => readFinding('archives', f, `${inv.name} (file names ${fed.how})`));
  const named = consumer && inv.stdin?.kind === 'pipe' && inv.name === consumer.name ? listedOperandFiles(throughLineFilters(inv.stdin.from, FIELD_FILTERS).source, cwd, facts).filter((f) => keeps(f.path)) : [];
  if ((!finder && named.length === 0) || !consumer) return [];
  const isSearch = ['grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack'].includes(consumer.name);
  if (!isSearch && !PRINTERS.has(consumer.name)) return [];
  const probe: Invocation = { ...inv, name: consumer.name, args: consumer.args };
  const reaches = isSearch ? searchReaches(probe, facts) : () => true;
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const f of named.filter(reaches)) {
    seen.add(f.path);
    findings.push(readFinding(isSearch ? 'searches' : 'reads', f, `${consumer.name} on the files ${inv.stdin?.kind === 'pipe' ? throughLineFilters(inv.stdin.from, FIELD_FILTERS).source.name : 'a listing'} names`));
  }
  if (!finder) return findings;
  if (finder.nameHunt && !isSearch) {
    const source = inv.name === consumer.name && inv.stdin?.kind === 'pipe' ? inv.stdin.from.name : inv.name;
    findings.push(dump('name-hunt', `${source} looks for credential files by name and ${consumer.name} prints what it finds.`, dumpTarget('credential files found by name', ctx)));
  }
  for (const root of finder.roots) {
    const files = credentialFilesUnder(root, facts, { hidden: finder.hidden, ignored: finder.ignored ?? (inv.name !== 'fd' && inv.name !== 'fdfind'), name: finder.name }).filter((f) => !finder?.direct || absoluteOf(f, facts).some((p) => p.slice(0, p.lastIndexOf('/')) === root));
    for (const f of files) {
      if (seen.has(f.path) || !keeps(f.path) || !listedBy(f) || !reaches(f)) continue;
      seen.add(f.path);
      findings.push(readFinding(isSearch ? 'searches' : 'reads', f, `${consumer.name} on the files ${inv.name === consumer.name ? (inv.stdin?.kind === 'pipe' ? throughLineFilters(inv.stdin.from, FIELD_FILTERS).source.name : 'find') : inv.name} finds`));
    }
    if (facts.credentials?.incomplete?.(root) && (finder.nameHunt || !isSearch || isHunt(searchOfInvocation(probe) ?? { patterns: undefined, flavor: 'basic', ignoreCase: false, invert: false, namesOnly: false }))) {
      findings.push(incompleteListing(inv, root, facts));
    }
  }
  return findings;
}

/** `tar -C ~ -cf - .config`: the paths an archiver takes are relative to its -C folder. */
function checkArchiveFromFolder(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.name !== 'tar' && inv.name !== 'bsdtar' && inv.name !== 'gtar') return [];
  const facts = ctx.facts;
  let dir: string | undefined;
  const names: string[] = [];
  for (let i = 0; i < inv.args.length; i++) {
    const t = (inv.args[i] as ArgWord).text;
    if (t === '-C' || t === '--directory') dir = inv.args[++i]?.text;
    else if (t.startsWith('--directory=')) dir = t.slice(12);
    else if (t === '-f' || t === '--file' || t === '-T' || t === '--files-from' || t === '--exclude' || t === '-X') i++;
    else if (/^-[a-zA-Z]*f$/.test(t) || /^[a-zA-Z]*f$/.test(t) && i === 0) i++;
    else if (!t.startsWith('-') && !(i === 0 && /^[a-zA-Z]+$/.test(t))) names.push(t);
  }
  if (dir === undefined) return [];
  const base = resolvePath(inv.cwd || facts.cwd, dir, facts.home);
  const findings: Finding[] = [];
  for (const n of names) {
    const abs = resolvePath(base, n, facts.home);
    const info = infoFor(abs, facts);
    if (info) findings.push(readFinding('archives', info, `${inv.name} -C ${dir}`));
    else if (facts.credentials) {
      for (const f of facts.credentials.filesUnder(abs).slice(0, 8)) findings.push(readFinding('archives', f, `${inv.name} -C ${dir}`));
      if (facts.credentials.incomplete?.(abs)) findings.push(incompleteListing(inv, abs, facts));
    }
  }
  return findings;
}

/** `cat "$(ls -a | grep -m1 '^\.env\.prod')"`: a reader's file name computed by filtering a listing for a credential file. */
function checkComputedNames(inv: Invocation, ctx: RuleContext): Finding[] {
  if (!PRINTERS.has(inv.name)) return [];
  const facts = ctx.facts;
  const cwd = inv.cwd || facts.cwd;
  const findings: Finding[] = [];
  for (const a of inv.args) {
    if (a.dynamic) findings.push(...substitutedSearchLists(inv, a.raw, cwd, facts, searchReaches));
    if (!a.dynamic || !/\$\(|`/.test(a.raw) || !/\b(ls|find|fd|grep|rg)\b/.test(a.raw)) continue;
    const literals = [...a.raw.matchAll(/'([^']+)'|"([^"$]+)"|(?<=\s)([^\s'"|)$]+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '').filter((x) => x !== '' && !x.startsWith('-'));
    for (const name of facts.listDir(cwd) ?? []) {
      const info = infoFor(`${cwd}/${name}`, facts);
      if (!info) continue;
      const selected = literals.some((l) => {
        try {
          return new RegExp(l).test(name) && l.length >= 3 && /[a-z]/i.test(l);
        } catch {
          return false;
        }
      });
      if (selected) {
        findings.push(readFinding('reads', info, `${inv.name} (a file name computed from a listing)`));
        break;
      }
    }
  }
  return findings;
}

/** `git grep`: the tracked files of the repository, hidden ones included, ignored ones not. */
function checkGitGrep(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.name !== 'git') return [];
  const search = searchOfInvocation(inv);
  if (!search) return [];
  const facts = ctx.facts;
  const cwd = inv.cwd || facts.cwd;
  const untracked = hasFlag(inv.args, '--untracked', '--no-index');
  const reaches = searchReaches(inv, facts);
  const findings: Finding[] = [];
  for (const f of credentialFilesUnder(cwd, facts, { hidden: true, ignored: untracked && hasFlag(inv.args, '--no-exclude-standard', '--no-index') })) {
    if (reaches(f)) findings.push(readFinding('searches', f, 'git grep'));
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// Variable listings and shell histories filtered for secrets

const VARIABLE_LISTINGS = new Set(['env', 'printenv', 'set', 'export', 'declare', 'typeset', 'compgen']);
/** Names secrets commonly live under, whether or not this agent's environment has them (a sourced file adds them). */
const COMMON_SECRET_VARIABLES = [
  'DATABASE_URL', 'REDIS_URL', 'MONGODB_URI', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'GITHUB_TOKEN', 'GH_TOKEN', 'NPM_TOKEN',
  'OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'STRIPE_SECRET_KEY', 'SECRET_KEY_BASE', 'DB_PASSWORD', 'PGPASSWORD', 'MYSQL_PWD', 'RAILWAY_TOKEN',
  'VERCEL_TOKEN', 'HEROKU_API_KEY', 'SLACK_BOT_TOKEN', 'SENTRY_AUTH_TOKEN', 'GOOGLE_APPLICATION_CREDENTIALS', 'JWT_SECRET', 'SESSION_SECRET',
];
const HISTORY_LISTINGS = new Set(['history', 'fc', 'atuin']);

/** `env | grep -i token`, `history | grep KEY`, `fc -l 1 | grep secret`, `ps auxe | grep TOKEN`. */
function checkFilteredListing(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.stdin?.kind !== 'pipe') return [];
  const search = searchOfInvocation(inv);
  if (!search) return [];
  const from = inv.stdin.from;
  const listsVariables = VARIABLE_LISTINGS.has(from.name) && from.args.every((a) => a.text.startsWith('-'));
  const listsHistory = HISTORY_LISTINGS.has(from.name);
  const listsProcessEnv = from.name === 'ps' && processEnvironmentShown(from.args);
  if (!listsVariables && !listsHistory && !listsProcessEnv) return [];
  // `env | grep -c SECRET`, `-q DB_PASSWORD`, `-o '^[A-Z_]*SECRET'`: a count, a status or names (a pattern that could spell a value asks).
  if (!inv.args.some((a) => a.dynamic) && (/^[ef]?grep$/.test(inv.name) ? environmentNamesOnly(inv.args) : searchPrintsNoContent(inv.args, true))) return [];
  const secretNames = [...ctx.facts.envNames.filter(isSecretVariableName), ...COMMON_SECRET_VARIABLES];
  const matchesSecretName = search.patterns !== undefined && secretNames.some((n) => searchMatchesText(search, `${n}=`));
  const keyWord = search.patterns?.some((p) => /key|pass|token|secret|auth|cred|url|dsn/i.test(p)) === true;
  if (!isHunt(search) && !matchesSecretName && !(listsVariables && keyWord)) return [];
  const what = listsVariables ? 'environment variables' : listsHistory ? 'the shell history' : 'process environments';
  const pattern = search.patterns?.[0] ?? 'a pattern read at run time';
  return [dump('filtered-listing', `${from.name} | ${inv.name} searches ${what} for "${pattern.slice(0, 40)}", which prints the secrets it finds.`, dumpTarget(listsVariables ? 'environment variables' : listsHistory ? 'shell history' : 'process environments', ctx))];
}

/** `atuin search TOKEN`: a history tool's own search prints the command lines that typed a secret. */
function checkHistoryTool(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.name !== 'atuin' || inv.args[0]?.text !== 'search') return [];
  const query = inv.args.slice(1).filter((a) => !a.text.startsWith('-'));
  const hunts = query.some((a) => a.dynamic || isHuntPattern(a.text));
  if (!hunts) return [];
  const pattern = query[0]?.text ?? '';
  return [dump('history-search', `atuin search looks through the shell history for "${pattern.slice(0, 40)}", which prints the secrets typed on those command lines.`, dumpTarget('shell history', ctx))];
}

// ---------------------------------------------------------------------------------------------
// Reads named somewhere other than the usual argument

/** Credential files a piece of shell-like text names as words (`cat .env`, `$(shell cat f)`, `r .env`). */
export function credentialFilesNamedIn(text: string, cwd: string, facts: Facts): CredentialFileInfo[] {
  const out: CredentialFileInfo[] = [];
  for (const m of text.matchAll(/[^\s'"`;|&()<>{},=]+/g)) {
    const w = m[0].replace(/^@/, '');
    if (w.startsWith('-') || w.startsWith('$') || w.length > 300) continue;
    const word: ArgWord = { text: w, raw: w, dynamic: false, glob: /[*?[]/.test(w) };
    for (const p of pathsOfWord(word, cwd, facts)) {
      const info = infoFor(p, facts);
      if (info && !out.some((x) => x.path === info.path)) out.push(info);
    }
    if (out.length >= 8) break;
  }
  return out;
}

/** The file names of sed's `r`/`R`/`w` commands in a script. */
function sedScriptFiles(script: string): string[] {
  const out: string[] = [];
  for (const m of script.matchAll(/(?:^|[\n;{}]|[0-9$/,!]\s*)\s*[rRwW] ?\s*([^;\n}]+)/g)) out.push((m[1] ?? '').trim());
  return out;
}

function checkIndirectReads(inv: Invocation, ctx: RuleContext): Finding[] {
  const facts = ctx.facts;
  const cwd = inv.cwd || facts.cwd;
  const findings: Finding[] = [];
  const report = (verb: string, files: CredentialFileInfo[], how: string): void => {
    for (const f of files) findings.push(readFinding(verb, f, how));
  };
  if (inv.name === 'sed' || inv.name === 'gsed') {
    const scripts: string[] = [];
    let scriptGiven = false;
    for (let i = 0; i < inv.args.length; i++) {
      const t = (inv.args[i] as ArgWord).text;
      if (t === '-e' || t === '--expression') {
        scriptGiven = true;
        scripts.push(inv.args[++i]?.text ?? '');
      } else if (t === '-f' || t === '--file') {
        scriptGiven = true;
        const file = inv.args[++i];
        const text = file ? facts.readFile(resolvePath(cwd, file.text, facts.home)) : undefined;
        if (text !== undefined) scripts.push(text);
        else if (file && file.text !== '-') findings.push(dump('unread-script', `sed runs the script ${file.text}, which the guard cannot read to rule out a read of a credential file (answering conservatively).`, dumpTarget(file.text, ctx)));
      } else if (!t.startsWith('-') && !scriptGiven) {
        scriptGiven = true;
        scripts.push(t);
      }
    }
    for (const s of scripts) {
      const named = sedScriptFiles(s).flatMap((f) => credentialFilesNamedIn(f, cwd, facts));
      report('reads', named, 'sed (its r/R command)');
    }
  } else if (['awk', 'gawk', 'mawk', 'nawk'].includes(inv.name)) {
    const program = inv.args.find((a, i) => !a.text.startsWith('-') && !['-v', '-F', '-f'].includes(inv.args[i - 1]?.text ?? ''))?.text ?? '';
    for (const [files, how] of awkBuiltReads(program, inv.name, cwd, facts, inv.args)) report('reads', files, how);
    for (const m of program.matchAll(/ENVIRON\s*\[\s*"([A-Za-z_][A-Za-z0-9_]*)"\s*\]/g)) {
      if (isSecretVariableName(m[1] ?? '')) findings.push(dump('dump', `awk prints the secret variable $${m[1]} (ENVIRON).`, dumpTarget(`$${m[1]}`, ctx)));
    }
  } else if (inv.name === 'make' || inv.name === 'gmake') {
    const texts: string[] = [];
    for (let i = 0; i < inv.args.length; i++) {
      const t = (inv.args[i] as ArgWord).text;
      if (t.startsWith('--eval=')) texts.push(t.slice(7));
      else if (t === '--eval') texts.push(inv.args[++i]?.text ?? '');
      else if ((t === '-f' || t === '--file' || t === '--makefile') && inv.args[i + 1]?.text === '-') {
        i++;
        if (inv.stdin?.kind === 'pipe') texts.push(inv.stdin.from.args.map((a) => a.text.replace(/\\n/g, '\n').replace(/\\t/g, '\t')).join(' '));
        else if (inv.stdin?.kind === 'heredoc' || inv.stdin?.kind === 'herestring') texts.push(inv.stdin.text);
      }
    }
    for (const t of texts) report('reads', credentialFilesNamedIn(t, cwd, facts), 'make (a recipe given on the command line)');
  } else if (inv.name === 'source' || inv.name === '.') {
    // Sourcing an environment file is routine; sourcing a key or token file runs its lines, and the
    // shell prints each one it cannot run.
    const file = inv.args[0];
    if (file) for (const p of pathsOfWord(file, cwd, facts)) {
      const info = infoFor(p, facts);
      if (info && info.kind !== 'dotenv') findings.push(readFinding('runs (its errors print the lines)', info, inv.name));
    }
  } else if (inv.name === 'git') {
    findings.push(...checkGitHistory(inv, ctx));
  } else if (inv.name === 'sqlite3' || inv.name === 'duckdb' || inv.name === 'sqlite') {
    const db = inv.args.find((a) => !a.text.startsWith('-'));
    if (db) {
      const paths = pathsOfWord(db, cwd, facts);
      // A glob that matches nothing here is judged by its shape (`~/.mozilla/firefox/*.default/cookies.sqlite`).
      if (paths.length === 0 && db.glob) paths.push(resolvePath(cwd, db.text.replace(/[*?]/g, 'x'), facts.home));
      for (const p of paths) {
        const info = infoFor(p, facts) ?? (() => {
          const m = matchCredentialPath(p, facts.home);
          return m ? { path: p.startsWith(facts.home + '/') ? '~' + p.slice(facts.home.length) : p, kind: m.kind, label: m.label } : undefined;
        })();
        if (info) findings.push(readFinding('opens', info, inv.name));
      }
    }
  }
  return findings;
}

/** `git log -p -- f`, `git show REV:f`, `git diff A B -- dir`, `git log -p -S PASSWORD`, `git rebase --exec 'cat .env'`, `git archive`. */
function checkGitHistory(inv: Invocation, ctx: RuleContext): Finding[] {
  const facts = ctx.facts;
  const { sub, rest, cwd } = gitStart(inv, facts);
  const findings: Finding[] = [];
  if (sub === 'rebase') {
    for (let i = 0; i < rest.length; i++) {
      const t = (rest[i] as ArgWord).text;
      const text = t === '--exec' || t === '-x' ? rest[i + 1]?.text : t.startsWith('--exec=') ? t.slice(7) : undefined;
      if (text !== undefined) for (const f of credentialFilesNamedIn(text, cwd, facts)) findings.push(readFinding('reads', f, 'git rebase --exec (at every commit)'));
    }
    return findings;
  }
  if (sub === 'archive') {
    const files = credentialFilesUnder(cwd, facts, { hidden: true, ignored: false });
    for (const f of files) findings.push(readFinding('archives', f, 'git archive'));
    return findings;
  }
  // `git cat-file -p REV:path`, `git cat-file blob REV:path`: the object's text, as `git show REV:path` prints it.
  if (!['log', 'show', 'diff', 'whatchanged', 'cat-file'].includes(sub ?? '')) return [];
  const patch = sub !== 'log' || hasFlag(rest, '-p', '--patch', '-u') || rest.some((a) => /^-[a-zA-Z]*p[a-zA-Z]*$/.test(a.text) && !a.text.startsWith('--'));
  if (!patch) return [];
  const stat = hasFlag(rest, '--stat', '--name-only', '--name-status', '--shortstat', '--numstat', '--summary') && !hasFlag(rest, '-p', '--patch');
  if (stat) return [];
  // A pickaxe (-S/-G) for a secret searches every change ever made.
  const pickaxe = optionValue(rest, '-S', '-G') ?? rest.find((a) => /^-[SG]./.test(a.text))?.text.slice(2);
  if (pickaxe !== undefined && isHuntPattern(pickaxe)) {
    findings.push(dump('history-search', `git ${sub} -p searches the repository's history for "${pickaxe.slice(0, 40)}" and prints every change that matches.`, dumpTarget('git history', ctx)));
  }
  // Paths: after `--`, `REV:path` words, and positionals that name files.
  const dash = rest.findIndex((a) => a.text === '--');
  // Without `--`, git takes a word that names a file in the work tree as a path: `git log -p .env`.
  const namedFiles = rest.filter((a, i) => (dash < 0 || i < dash) && !a.text.startsWith('-') && !a.text.includes(':') && (infoFor(resolvePath(cwd, a.text, facts.home), facts) !== undefined || goneFileWord(a.text, cwd, facts)));
  const pathWords = [...(dash >= 0 ? rest.slice(dash + 1) : []), ...namedFiles];
  const gone: { abs: string; text: string }[] = [];
  const revWords = [...rest.filter((_a, i) => dash < 0 || i < dash).map((a) => a.text), ...(sub === 'cat-file' ? fedObjectNames(inv, rest, facts) : [])];
  const revPaths = revWords.map(pathOfObjectName).filter((p): p is string => p !== undefined);
  for (const text of [...pathWords.map((w) => w.text), ...revPaths]) {
    const abs = resolvePath(cwd, text, facts.home);
    const info = infoFor(abs, facts);
    if (info) {
      findings.push(readFinding('prints the history of', info, `git ${sub}`));
      continue;
    }
    const status = facts.fileStatus?.(abs);
    if (status === 'directory') {
      for (const f of credentialFilesUnder(abs, facts, { hidden: true, ignored: false })) findings.push(readFinding('prints the history of', f, `git ${sub}`));
    } else if (status === 'missing' && GONE_FILE_NAME.test(text)) {
      gone.push({ abs, text });
    }
  }
  // Gone from the working tree: judged by the text history held for it.
  findings.push(...goneFileFindings(gone.map((g) => g.abs), gone.map((g) => g.text), cwd, ctx, `git ${sub}`));
  return findings;
}

const GONE_FILE_NAME = /\.(py|rb|js|ts|json|ya?ml|toml|ini|cfg|conf|properties|xml|php|env)$|(^|\/)[^/.]+$/;

/** A word before `--` that git would read as a path: a file name with a folder and an extension, gone from the work tree (`config/old_settings.py`). */
function goneFileWord(text: string, cwd: string, facts: Facts): boolean {
  return /\/[^/]*\.[A-Za-z0-9]+$/.test(text) && !text.includes('..') && facts.fileStatus?.(resolvePath(cwd, text, facts.home)) === 'missing';
}

/** `/proc/<pid>/environ` or `/proc/<pid>/mem` in any reader's argument, the raw text (the pid is often computed). */
function checkProcEnviron(inv: Invocation, ctx: RuleContext): Finding[] {
  let kind: string | undefined; // both patterns below need `/proc/` in the word: most words have none and are not searched
  for (const a of [...inv.args, ...inv.redirects.map((r) => r.target), ...(inv.wrapperWords ?? [])]) {
    kind = a.raw.includes('/proc/') || a.text.includes('/proc/') ? (/\/proc\/(\S*?|\$\(.{0,200}?\))\/(environ|mem)\b/.exec(a.raw) ?? /\/proc\/\S*\/(environ|mem)\b/.exec(a.text))?.slice(-1)[0] : undefined;
    if (kind) break;
    // `cd /proc/1 && dd if=mem`, `cat maps`: a relative name read inside another process's folder.
    const cwd = inv.cwd || ctx.facts.cwd;
    if (!a.dynamic && !inv.cwdUncertain && cwd.startsWith('/proc/')) {
      const abs = resolvePath(cwd, a.text.replace(/^(if|of)=/, ''), ctx.facts.home);
      kind = /^\/proc\/[^/]+\/(environ|mem)$/.exec(abs)?.[1] ?? (/^\/proc\/(?!self\/|thread-self\/)[^/]+\/maps$/.test(abs) ? 'mem' : undefined);
      if (kind) break;
    }
  }
  if (!kind) return [];
  if (kind === 'mem') return [dump('process-memory', `${inv.name} reads a process's memory (/proc/…/mem), which holds every secret that process has (the decision server's key, the editor's window tokens, agents' tokens).`, dumpTarget('/proc/*/mem', ctx))];
  return [dump('process-environment', `${inv.name} reads a process environment (/proc/…/environ), which holds the secrets that process was started with.`, dumpTarget('/proc/*/environ', ctx))];
}

/** `gh gist create .env`, `gh release upload v1 .env`: a credential file published. */
function checkPublishedFiles(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.name !== 'gh') return [];
  const p = positionals(inv.args);
  const files = p[0] === 'gist' && ['create', 'new', 'edit'].includes(p[1] ?? '') ? p.slice(2) : p[0] === 'release' && p[1] === 'upload' ? p.slice(3) : [];
  const facts = ctx.facts;
  const cwd = inv.cwd || facts.cwd;
  const out: Finding[] = [];
  for (const f of files) {
    for (const abs of pathsOfWord({ text: f, raw: f, dynamic: false, glob: /[*?[]/.test(f) }, cwd, facts)) {
      const info = infoFor(abs, facts);
      if (info) out.push({ ...readFinding('uploads', info, `gh ${p[0]} ${p[1]}`), rule: 'credentials.sent-out' });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

function metadataFindings(texts: readonly string[], who: string, _ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const r of metadataRequests(texts)) {
    out.push({
      rule: 'credentials.metadata-endpoint',
      risk: 'credential-dump',
      severity: 'ask',
      reason: r.hands ? `${who} requests ${r.path} from the ${r.cloud} at ${r.host}, which hands out ${r.hands}.` : `${who} requests ${r.path || '/'} from the ${r.cloud} metadata endpoint ${r.host}, which hands out the machine's cloud credentials and configuration.`,
      targets: [metadataTarget(`${r.cloud}${r.hands ? '' : ' instance metadata'} (${r.host})`)],
    });
    break;
  }
  return out;
}

/** Commands that only print or search text: a metadata address in their words is not a request. */
const TEXT_ONLY = new Set(['echo', 'printf', 'grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack', 'sed', 'git', 'jq', 'yq', 'cat', 'less', 'head', 'tail', 'man', 'tldr']);

export const credentialHuntPack: RulePack = {
  id: 'credential-hunt',
  title: 'Hunting for credentials: searches, indirect reads, secret stores, metadata endpoints, secrets sent out',
  checkInvocation(inv, ctx) {
    const texts = TEXT_ONLY.has(inv.name) ? [] : [...inv.args.map((a) => a.raw), ...inv.args.map((a) => a.text)];
    return [
      ...checkGitGrep(inv, ctx),
      ...checkStructuralSearch(inv, ctx.facts),
      ...checkFoundFiles(withArgFileInput(inv, ctx.facts), ctx),
      ...checkArchiveFromFolder(inv, ctx),
      ...checkComputedNames(inv, ctx),
      ...checkFilteredListing(inv, ctx),
      ...checkHistoryTool(inv, ctx),
      ...checkIndirectReads(inv, ctx),
      ...checkStoreDumps(inv, ctx),
      ...checkProcEnviron(inv, ctx),
      ...checkSecretEnvironment(inv, ctx),
      ...checkPublishedFiles(inv, ctx),
      ...checkSentOut(inv, ctx.facts),
      ...checkCodeSearchTools(inv, ctx),
      ...metadataFindings(texts, inv.name, ctx),
    ];
  },
  checkSnippet(snippet, ctx) {
    // An address joined from literals (`'http://169.254.'+'169.254/…'`) is read joined too.
    return [...checkSnippetSentOut(snippet), ...metadataFindings([snippet.text, foldedLiterals(snippet.text)], `A ${snippet.language} snippet run by ${snippet.runner.name}`, ctx)];
  },
};
