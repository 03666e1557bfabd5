import { ownTable } from '../ownTable';
import { effectGrammar, has as hasOption, readEffectArgs, values } from '../policy/effectOptions';
import { optionGrammarOf } from '../policy/readerGrammars';
import { archiveMemberPrints } from './support/archivePrints';
import { compressedSearches, snippetCompressedReads } from './support/compressedReads';
import { snippetDebugTraces } from './support/debugTraces';
import { isDryRun } from '../registry/commandModel';
import { braceExpand, minimatch } from 'minimatch';
import { basename, resolvePath } from '../paths';
import type { ArgWord, CodeSnippet, CredentialFileInfo, Finding, Invocation, RuleContext, RulePack } from '../policy/types';
import { credentialTarget, gitignored, hasBraces, hasGlobChars, infoFor, isHiddenPath, pathsOfWord, workspaceRelative } from './support/credentialPaths';
import { checkProvenance, invocationTexts } from './support/credentialProvenance';
import { checkKnownSecretSends } from './support/knownSecretSends';
import { checkSecretApis } from './support/secretApis';
import { checkOtherProcessReads } from './support/otherProcessReads';
import { traceExposures } from './support/traceExposures';
import { incompleteListing, searchReaches } from './credentialHunt';
import { dumpTarget, isSecretVariableName, registryWords } from './support/huntCommon';
import { jqPrintsOnlyKeys, jsonpathPrintsOnlyIdentity, printsNoContent, searchPrintsNoContent } from './support/printsNoContent';
import { injectedTarget } from './support/injectedSecrets';
import { storeInfo } from './support/credentialStores';
import { parsedArgs, toolArgs, toolNamed } from '../registry/commandModel';
import { commandWords } from '../registry/grammar';
import { freeFormReadings } from '../registry/freeForm';
import { kubectl } from '../registry/tools/kubectl';
import { searchPrintsNoSecret } from './support/searchedLines';
import { curlUploadedFiles } from './support/curlUploads';
import { uploadsSentOut } from './support/sentOutTargets';
import { snippetPrintsOnlyEnvKeys } from './support/envKeyListings';
import { PRINTED_CREDENTIAL_OWNER, pipedToOwnLogin, REGISTRY_TOKENS, variablePipedToOwnLogin } from './support/ownRegistryLogins';

/**
 * Credentials in shell commands: reads of credential files (by any reader, through globs and
 * braces, redirects and interpreter one-liners), commands that print stored secrets, and the
 * provenance of a secret a command carries ("uses the Railway token from legacy/config_backup.json").
 * Reads and dumps ask; provenance is information added to whatever the other findings decide.
 */

// ---------------------------------------------------------------------------------------------
// Readers

interface ReaderSpec {
  verb: string;
  /** Positionals before the files (a grep pattern, an awk program), unless given by an option. */
  leading?: number;
  /** Options (by name, any spelling the program's grammar gives) that supply the leading positional instead (`grep -e PAT`, `awk -f prog`). */
  leadingOptions?: readonly string[];
  /** Options whose value is a file the program reads too (`emacs --insert FILE`, `vim -S FILE`). */
  fileOptions?: readonly string[];
  /** The last positional is a destination, not a source (`cp a b`). */
  destination?: boolean;
  /** Folders are walked: always, or when one of these options (by name) is given, alone or in a cluster (`-av`). */
  recursive?: 'always' | readonly string[];
  /** ripgrep and ag skip dotfiles and gitignored files unless told otherwise. */
  skipsHiddenAndIgnored?: boolean;
}

/** vim's options whose value is a file it reads: scripts, a viminfo file, an error file. */
const VIM_FILES = ['S', 'u', 'U', 'i', 'q'];

const READERS: Readonly<Record<string, ReaderSpec>> = ownTable({
  cat: { verb: 'prints' }, tac: { verb: 'prints' }, nl: { verb: 'prints' }, less: { verb: 'shows' }, more: { verb: 'shows' },
  most: { verb: 'shows' }, bat: { verb: 'prints' }, batcat: { verb: 'prints' }, view: { verb: 'shows' },
  head: { verb: 'prints' }, tail: { verb: 'prints' },
  base64: { verb: 'encodes' }, basenc: { verb: 'encodes' }, xxd: { verb: 'dumps' },
  od: { verb: 'dumps' }, hexdump: { verb: 'dumps' }, hd: { verb: 'dumps' },
  strings: { verb: 'prints' }, cut: { verb: 'prints' },
  sort: { verb: 'prints' }, uniq: { verb: 'prints' }, paste: { verb: 'prints' },
  rev: { verb: 'prints' }, fold: { verb: 'prints' }, column: { verb: 'prints' }, iconv: { verb: 'prints' },
  diff: { verb: 'compares' }, sdiff: { verb: 'compares' }, comm: { verb: 'compares' }, jq: { verb: 'reads', leading: 1, leadingOptions: ['f', 'from-file'] },
  yq: { verb: 'reads', leading: 1 }, xargs: { verb: 'reads' },
  grep: { verb: 'searches', leading: 1, leadingOptions: ['e', 'f', 'regexp', 'file'], recursive: ['r', 'R', 'recursive', 'dereference-recursive'] },
  egrep: { verb: 'searches', leading: 1, leadingOptions: ['e', 'f'], recursive: ['r', 'R', 'recursive'] },
  fgrep: { verb: 'searches', leading: 1, leadingOptions: ['e', 'f'], recursive: ['r', 'R', 'recursive'] },
  // gzip's zgrep passes -r on to grep (gzip 1.12+ walks folders with it).
  zgrep: { verb: 'searches', leading: 1, leadingOptions: ['e', 'f'], recursive: ['r', 'R', 'recursive'] },
  rg: { verb: 'searches', leading: 1, leadingOptions: ['e', 'f', 'regexp', 'file'], recursive: 'always', skipsHiddenAndIgnored: true },
  ag: { verb: 'searches', leading: 1, recursive: 'always', skipsHiddenAndIgnored: true },
  ack: { verb: 'searches', leading: 1, recursive: 'always' },
  // grep's clones: the same pattern-then-files shape (ugrep, pcre2grep, sift walk with -r; rgrep, pt always).
  ugrep: { verb: 'searches', leading: 1, leadingOptions: ['e', 'f', 'regexp', 'file'], recursive: ['r', 'R', 'recursive', 'dereference-recursive'] },
  // `ug` is ugrep reading its configuration file; agrep (TRE) walks with -r as grep does.
  ug: { verb: 'searches', leading: 1, leadingOptions: ['e', 'f', 'regexp', 'file'], recursive: ['r', 'R', 'recursive', 'dereference-recursive'] },
  agrep: { verb: 'searches', leading: 1, leadingOptions: ['e', 'f'], recursive: ['r'] },
  pcre2grep: { verb: 'searches', leading: 1, leadingOptions: ['e', 'f', 'regexp', 'file'], recursive: ['r', 'recursive'] },
  pcregrep: { verb: 'searches', leading: 1, leadingOptions: ['e', 'f', 'regexp', 'file'], recursive: ['r', 'recursive'] },
  // sift walks by default and searches hidden and ignored files too (its -R turns walking off; taken as walking all the same).
  sift: { verb: 'searches', leading: 1, leadingOptions: ['e', 'f', 'regexp', 'regexp-file'], recursive: 'always' },
  rgrep: { verb: 'searches', leading: 1, leadingOptions: ['e', 'f', 'regexp', 'file'], recursive: 'always' },
  pt: { verb: 'searches', leading: 1, recursive: 'always', skipsHiddenAndIgnored: true },
  git: { verb: 'searches' },
  awk: { verb: 'reads', leading: 1, leadingOptions: ['f', 'file'] },
  gawk: { verb: 'reads', leading: 1, leadingOptions: ['f', 'file'] },
  mawk: { verb: 'reads', leading: 1, leadingOptions: ['f'] },
  nawk: { verb: 'reads', leading: 1, leadingOptions: ['f'] },
  sed: { verb: 'prints', leading: 1, leadingOptions: ['e', 'f', 'expression', 'file'] },
  perl: { verb: 'reads', leading: 1, leadingOptions: ['e', 'E'] },
  cp: { verb: 'copies', destination: true, recursive: ['r', 'R', 'a', 'recursive', 'archive'] },
  install: { verb: 'copies', destination: true },
  scp: { verb: 'copies', destination: true, recursive: ['r'] },
  rsync: { verb: 'copies', destination: true, recursive: ['r', 'a', 'recursive', 'archive'] },
  tar: { verb: 'archives', recursive: 'always' },
  pax: { verb: 'archives', recursive: 'always' },
  zip: { verb: 'archives', recursive: ['r', 'recurse-paths'] }, '7z': { verb: 'archives', recursive: 'always' }, gpg: { verb: 'reads' },
  // Round 27: age encrypts a file into another place the agent can read back (with a passphrase it chose).
  age: { verb: 'encrypts' }, rage: { verb: 'encrypts' },
  // openssl's options that name a file it reads (the one grammar takes their values, `policy/readerGrammars.ts`).
  openssl: { verb: 'reads', fileOptions: ['in', 'inkey', 'key', 'signkey', 'CA', 'CAkey', 'certfile', 'config', 'extfile', 'kfile'] }, 'ssh-keygen': { verb: 'reads' },
  curl: { verb: 'uploads' }, wget: { verb: 'uploads' }, http: { verb: 'uploads' }, https: { verb: 'uploads' }, xh: { verb: 'uploads' }, xhs: { verb: 'uploads' }, curlie: { verb: 'uploads' },
  nc: { verb: 'sends' }, ncat: { verb: 'sends' }, socat: { verb: 'sends' },
  vimdiff: { verb: 'opens' }, nvimdiff: { verb: 'opens' }, gvimdiff: { verb: 'opens' },
  code: { verb: 'opens' }, vim: { verb: 'opens', fileOptions: VIM_FILES }, vi: { verb: 'opens', fileOptions: VIM_FILES }, nvim: { verb: 'opens', fileOptions: VIM_FILES }, nano: { verb: 'opens' }, emacs: { verb: 'opens', fileOptions: ['file', 'insert', 'l', 'script'] },
  // Round 11: editors and viewers known to the guard for other reasons (Kakoune's `%sh{}`, `mc` is also MinIO's client, whose `cp` of a credential file uploads it).
  kak: { verb: 'opens' }, mc: { verb: 'opens' }, mcedit: { verb: 'opens' }, mcview: { verb: 'opens' }, micro: { verb: 'opens' }, hx: { verb: 'opens' }, helix: { verb: 'opens' },
  joe: { verb: 'opens' }, jed: { verb: 'opens' }, mg: { verb: 'opens' }, ne: { verb: 'opens' }, vis: { verb: 'opens' }, subl: { verb: 'opens' }, zed: { verb: 'opens' }, gedit: { verb: 'opens' }, kate: { verb: 'opens' },
});

/** Does the credentials pack read this command's file operands itself? */
export function isCredentialReader(name: string): boolean {
  return Object.hasOwn(READERS, name);
}

/** curl/wget/httpie arguments that send a file's bytes: `-d @f`, `--data-binary @f`, `-F x=@f`, `-T f`, `--post-file=f`. */
function uploadedFiles(name: string, args: readonly ArgWord[]): ArgWord[] {
  if (name === 'curl' || name === 'wget') return curlUploadedFiles(args, name);
  const out: ArgWord[] = [];
  const fileWord = (text: string, like: ArgWord): ArgWord => ({ ...like, text, raw: text });
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as ArgWord;
    const t = a.text;
    if (name === 'http' || name === 'https' || name === 'xh' || name === 'xhs' || name === 'curlie') {
      const m = /^[^=@:]*[=:]?=?@(.+)$/.exec(t);
      if (m && i > 0) out.push(fileWord(m[1] ?? '', a));
      else if (t.startsWith('@')) out.push(fileWord(t.slice(1), a));
    } else if (['nc', 'ncat', 'socat'].includes(name)) {
      // Only through stdin redirects, handled separately.
    }
  }
  return out;
}

/** The words a reader treats as input files, and whether it recurses into folders. */
interface ReaderInputs {
  files: ArgWord[];
  recursive: boolean;
  globFilters: string[];
  /** The tool also searches dotfiles (grep does; ripgrep only with --hidden). */
  hiddenToo: boolean;
  /** The tool also searches gitignored files (grep does; ripgrep only with --no-ignore / -uu). */
  ignoredToo: boolean;
}

const NO_OPTIONS_DESCRIBED = effectGrammar();

function readerInputs(name: string, spec: ReaderSpec, args: readonly ArgWord[]): ReaderInputs {
  if (['curl', 'wget', 'http', 'https', 'xh', 'xhs', 'curlie', 'nc', 'ncat', 'socat'].includes(name)) return { files: uploadedFiles(name, args), recursive: false, globFilters: [], hiddenToo: true, ignoredToo: true };
  if (name === 'git') {
    // `git grep` searches tracked files; `git show HEAD:.env` / `git cat-file -p HEAD:.env` print them.
    const git = toolNamed('git');
    const sub = git ? parsedArgs(args, git).path[0] : undefined;
    if (sub === 'show' || sub === 'cat-file') return { files: args.filter((a) => a.text.includes(':')).map((a) => ({ ...a, text: a.text.slice(a.text.indexOf(':') + 1) })), recursive: false, globFilters: [], hiddenToo: true, ignoredToo: true };
    return { files: [], recursive: false, globFilters: [], hiddenToo: true, ignoredToo: true };
  }
  // The options are the program's one description (`optionGrammarOf`); what they mean for reading is said here by name.
  const read = readEffectArgs(args, optionGrammarOf(name) ?? NO_OPTIONS_DESCRIBED);
  const leadingGiven = spec.leadingOptions !== undefined && hasOption(read, ...spec.leadingOptions);
  // grep's other spelling of -r: `-d recurse`, `--directories=recurse`.
  const recursive = spec.recursive === 'always' || (Array.isArray(spec.recursive) && (hasOption(read, ...spec.recursive) || values(read, 'd', 'directories').some((w) => w.text === 'recurse')));
  const hiddenToo = spec.skipsHiddenAndIgnored !== true || hasOption(read, 'hidden', 'unrestricted', 'a', 'all-types', 'u');
  const ignoredToo = spec.skipsHiddenAndIgnored !== true || hasOption(read, 'no-ignore', 'no-ignore-vcs', 'unrestricted', 'skip-vcs-ignores', 'U', 'u');
  const globFilters = values(read, 'include', 'g', 'glob', 'iglob').map((w) => w.text);
  let files = read.operands.slice(leadingGiven ? 0 : (spec.leading ?? 0));
  if (spec.destination && files.length > 1) files = files.slice(0, -1);
  return { files: [...values(read, ...(spec.fileOptions ?? [])), ...files], recursive, globFilters, hiddenToo, ignoredToo };
}

/**
 * A recursive search's roots (the working directory when none is named) and whether it walks dotfiles
 * and ignored files; undefined when the command is not a recursive search.
 */
export function recursiveSearchRoots(inv: Invocation): { roots: ArgWord[]; hidden: boolean; ignored: boolean } | undefined {
  const spec = READERS[inv.name];
  if (!spec || spec.verb !== 'searches' || inv.name === 'git') return undefined;
  const { files, recursive, hiddenToo, ignoredToo } = readerInputs(inv.name, spec, inv.args);
  if (!recursive) return undefined;
  const skips = spec.skipsHiddenAndIgnored === true;
  return { roots: files.length > 0 ? files : [{ text: '.', raw: '.', dynamic: false, glob: false }], hidden: !skips || hiddenToo, ignored: !skips || ignoredToo };
}

export function readFinding(verb: string, info: CredentialFileInfo, how: string): Finding {
  return {
    rule: 'credentials.read',
    risk: 'credential-read',
    severity: 'ask',
    reason: `${how} ${verb} ${info.path}, which holds ${info.label}.`,
    targets: [credentialTarget(info)],
  };
}

function checkReads(inv: Invocation, ctx: RuleContext): Finding[] {
  if (printsNoContent(inv)) return [];
  const facts = ctx.facts;
  const cwd = inv.cwd || facts.cwd;
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const add = (verb: string, info: CredentialFileInfo | undefined, how: string): void => {
    if (!info || seen.has(info.path)) return;
    seen.add(info.path);
    findings.push(readFinding(verb, info, how));
  };
  // `$(< file)` reaches packs as the no-op command ':' (or an empty name) with a redirect.
  const redirectReader = inv.name === '' || inv.name === ':' ? 'A "<" redirect' : `${inv.name} with "<"`;
  for (const r of inv.redirects) {
    if (r.op !== '<' && r.op !== '<>') continue;
    for (const p of pathsOfWord(r.target, cwd, facts)) add('reads', infoFor(p, facts), redirectReader);
  }
  if (inv.stdin?.kind === 'file') {
    const p = resolvePath(cwd, inv.stdin.path, facts.home);
    add('reads', infoFor(p, facts), redirectReader);
  }
  const spec = READERS[inv.name];
  // A dry run of a copier (`rsync -an`) lists names and copies no content.
  if (!spec || (spec.verb === 'copies' && isDryRun(inv))) return findings;
  const { files, recursive, globFilters, hiddenToo, ignoredToo } = readerInputs(inv.name, spec, inv.args);
  // A recursive search with no path searches the working directory; a copy with no path copies nothing.
  const roots = files.length > 0 ? files : recursive && spec.verb === 'searches' ? [{ text: '.', raw: '.', dynamic: false, glob: false }] : [];
  for (const word of roots) {
    for (const p of pathsOfWord(word, cwd, facts)) {
      const info = infoFor(p, facts);
      if (info) {
        if (spec.verb !== 'searches' || !searchPrintsNoSecret(inv, p, facts)) add(spec.verb, info, inv.name);
        continue;
      }
      if (!recursive || !facts.credentials) continue;
      // ripgrep never filters the folder it is told to search: naming a dot-folder or an ignored
      // folder reads what is inside it.
      const rootRel = workspaceRelative(p, facts);
      const explicitHidden = hiddenToo || (rootRel !== undefined && isHiddenPath(rootRel));
      const explicitIgnored = ignoredToo || (rootRel !== undefined && rootRel !== '' && gitignored(rootRel + '/_', facts));
      const reaches = spec.verb === 'searches' ? searchReaches(inv, facts) : () => true;
      // A store taken whole (`zip -r x ~/.mozilla`) whatever parts of it the index lists.
      if (spec.verb !== 'searches') add(spec.verb, storeInfo(p.replace(/\/+$/, ''), facts), `${inv.name} (recursive)`);
      for (const under of facts.credentials.filesUnder(p)) {
        if (!explicitHidden && isHiddenPath(under.path)) continue;
        if (!explicitIgnored && gitignored(under.path, facts)) continue;
        if (globFilters.length > 0 && !globFilters.some((g) => minimatch(basename(under.path), g.replace(/^!/, ''), { dot: true }) !== g.startsWith('!'))) continue;
        if (!reaches(under)) continue;
        add(spec.verb, under, `${inv.name} (recursive)`);
      }
      if (facts.credentials.incomplete?.(p)) findings.push(incompleteListing(inv, p, facts));
    }
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// Dumps: commands that print stored secrets

interface Dump {
  /** Does this command line print secrets? Returns what it prints. */
  /** `args` as written (gcloud and az: their command words and option spellings), `p` the command words as the program's one description reads them. */
  match(args: readonly string[], p: readonly string[]): string | undefined;
  /** What it prints belongs to this machine although the CLI serves a remote service (`supabase status`: the local stack's keys). */
  local?: true;
}

const has = (args: readonly string[], ...flags: string[]): boolean => args.some((a) => flags.some((f) => a === f || a.startsWith(f + '=')));
const starts = (p: readonly string[], ...words: string[]): boolean => words.every((w, i) => p[i] === w);

/** `declare -p` prints every variable; `declare -p NAME` prints NAME's value (`declare -- KEY="…"`). */
function declared(a: readonly string[], names: readonly string[]): string | undefined {
  if (a.every((x) => /^-[pxg]+$/.test(x))) return 'every declared variable';
  const secret = a.some((x) => /^-[a-zA-Z]*p/.test(x)) ? names.find(isSecretVariableName) : undefined;
  return secret !== undefined ? `the secret variable ${secret}` : undefined;
}

const DUMPS: Readonly<Record<string, Dump>> = ownTable({
  printenv: { match: (_a, p) => (p.length === 0 ? 'every environment variable' : p.some(isSecretVariableName) ? `the secret variable ${p.find(isSecretVariableName)}` : undefined) },
  env: { match: (a) => (a.every((x) => x === '-0' || x === '--null') ? 'every environment variable' : undefined) },
  set: { match: (a) => (a.length === 0 ? 'every shell and environment variable' : undefined) },
  export: { match: (a) => (a.length === 0 || (a.length === 1 && a[0] === '-p') ? 'every exported variable' : undefined) },
  declare: { match: (a, p) => declared(a, p) },
  // `history -r [FILE]` / `-n` load a history file (~/.bash_history, or $HISTFILE) into the shell, which `history` then prints.
  history: { match: (a) => (a.some((x) => /^-[a-zA-Z]*[rn]/.test(x)) ? 'a shell history file loaded into the shell (secrets typed on command lines)' : undefined) },
  typeset: { match: (a, p) => declared(a, p) },
  // `compgen -e`/`-v` print the names of variables, never a value; handed on to anything but a viewer or a filter
  // (`compgen -v | while read v; do echo "${!v}"; done`, `| xargs printenv`) each name may be expanded to its value.
  compgen: { match: (a) => (has(a, '-v', '-e') ? 'variable names, handed on to a program that may expand them' : undefined) },
  gh: { match: (a, p) => (starts(p, 'auth', 'token') || (starts(p, 'config', 'get') && p.includes('oauth_token')) ? 'the GitHub token' : starts(p, 'auth', 'status') && has(a, '-t', '--show-token') ? 'the GitHub token' : undefined) },
  aws: {
    match: (a, p) => {
      // Global options' values (`--profile prod`) are not subcommand words: `p` is read by aws's registry entry.
      if (p[0] === 'configure' && p[1] === 'get' && /secret|token|key/i.test(p[2] ?? '')) return `the AWS setting ${p[2]}`;
      if (p[0] === 'configure' && p[1] === 'export-credentials') return 'the AWS credentials';
      if (p[0] === 'sts' && p[1] === 'get-session-token') return 'temporary AWS credentials';
      if (p[0] === 'secretsmanager' && /^(batch-)?get-secret-value$/.test(p[1] ?? '')) return 'a Secrets Manager secret';
      if (p[0] === 'ssm' && /^get-parameters?(-by-path|-history)?$/.test(p[1] ?? '') && has(a, '--with-decryption')) return 'decrypted SSM parameters';
      if (p[0] === 'ecr' && p[1] === 'get-login-password') return 'the ECR registry password';
      return undefined;
    },
  },
  // `-s` is `--service` (which service's variables are shown; railway's registry entry reads its value); `--set`/`--set-from-stdin` and the
  // `set`/`delete` subcommands write instead (Railway's CLI reference).
  railway: { match: (a, p) => (/^(variables?|vars?)$/.test(p[0] ?? '') && !has(a, '--set', '--set-from-stdin') && !/^(set|delete|rm|remove)$/.test(p[1] ?? '') ? 'the Railway variables' : undefined) },
  heroku: {
    match: (_a, p) => {
      // The words after the options, read by heroku's registry entry (`-a APP`, `-r REMOTE` take a value).
      // `config:get NAME` prints one variable: a secret only when its name says so.
      const named = p[0] === 'config:get' ? p[1] : p[0] === 'config' && p[1] === 'get' ? p[2] : undefined;
      if (named !== undefined && !/^[$]/.test(named) && !isSecretVariableName(named)) return undefined;
      if (/^config(:get)?$/.test(p[0] ?? '')) return named !== undefined ? `the Heroku config var ${named}` : 'the Heroku config vars';
      return p[0] === 'auth:token' ? 'the Heroku token' : undefined;
    },
  },
  vercel: { match: (_a, p) => (starts(p, 'env', 'pull') ? 'the Vercel environment variables' : undefined) },
  netlify: { match: (a, p) => (/^env:(list|get)$/.test(p[0] ?? '') && (has(a, '--plain', '--json') || p[0] === 'env:get') ? 'the Netlify environment variables' : undefined) },
  // `--only-names` prints the names without their values (Doppler's CLI reference).
  doppler: { match: (a, p) => (p[0] === 'secrets' && !/^(set|delete|upload|rm|remove)$/.test(p[1] ?? '') && !has(a, '--only-names') ? 'the Doppler secrets' : undefined) },
  vault: { match: (_a, p) => (p[0] === 'read' || (p[0] === 'kv' && p[1] === 'get') || (p[0] === 'token' && p[1] === 'lookup') ? 'Vault secrets' : undefined) },
  gcloud: { match: (_a, p) => { const token = p.map((x) => /^print-(access|identity|refresh)-token$/.exec(x)?.[1]).find((k) => k !== undefined); return token !== undefined ? `a Google Cloud ${token} token` : starts(p, 'secrets', 'versions', 'access') ? 'a Secret Manager secret' : undefined; } },
  az: {
    match: (a, p) => {
      if (starts(p, 'account', 'get-access-token')) return 'an Azure access token';
      if (starts(p, 'keyvault', 'secret', 'show')) return 'a Key Vault secret';
      // `containerapp secret list --show-values`, `containerapp secret show`: a container app's secrets in plain text.
      if (starts(p, 'containerapp', 'secret') && (p[2] === 'show' || has(a, '--show-values'))) return 'the container app secrets';
      return undefined;
    },
  },
  security: { match: (a, p) => (/^find-(generic|internet)-password$/.test(p[0] ?? '') && has(a, '-w', '-g') ? 'a keychain password' : p[0] === 'dump-keychain' ? 'the keychain' : undefined) },
  op: { match: (a, p) => (p[0] === 'read' || (starts(p, 'item', 'get') && has(a, '--reveal')) ? 'a 1Password secret' : undefined) },
  // `git credential fill`, `git credential-store get` (any helper: -cache, -osxkeychain, -manager, -libsecret): the helper prints the password it keeps.
  git: { match: (_a, p) => (starts(p, 'credential', 'fill') || (/^credential-[\w-]+$/.test(p[0] ?? '') && p[1] === 'get') ? 'stored git credentials' : undefined) },
  fly: { match: (_a, p) => (starts(p, 'auth', 'token') ? 'the Fly.io token' : undefined) },
  flyctl: { match: (_a, p) => (starts(p, 'auth', 'token') ? 'the Fly.io token' : undefined) },
  supabase: { match: (a, p) => (starts(p, 'status') && has(a, '-o', '--output') ? 'the Supabase keys' : undefined), local: true },
  // `npm run env` is npm's built-in script that prints the environment scripts get (every variable of this shell, and the npm config).
  npm: { match: (_a, p) => (starts(p, 'config', 'get') && /token|auth/i.test(p[2] ?? '') ? 'the npm token' : /^run(-script)?$/.test(p[0] ?? '') && p[1] === 'env' ? 'every environment variable' : undefined) },
  yarn: { match: (_a, p) => (starts(p, 'run', 'env') ? 'every environment variable' : undefined) },
});

/** `echo $STRIPE_KEY`, `printf '%s' "$DB_PASSWORD"`: printing a secret-named variable. */
function printedSecretVariable(inv: Invocation): string | undefined {
  if (!['echo', 'printf', 'print'].includes(inv.name)) return undefined;
  const checked = new Set<string>();
  for (const a of inv.args) {
    // `${!v}` whose name the shell does not know here (a loop over `compgen -v`): any variable's value, secrets included.
    // `${!prefix*}` and `${!arr[@]}` expand to names.
    const indirect = /\$\{!([A-Za-z_][A-Za-z0-9_]*)\}/.exec(a.raw);
    if (indirect) return `{!${indirect[1]}} (a variable named at run time)`;
    for (const m of a.raw.matchAll(/\$(\{?)([A-Za-z_][A-Za-z0-9_]*)(:?\+)?/g)) {
      const name = m[2] ?? '';
      // `${SECRET:+yes}` (and `${SECRET+yes}`) expands to the word after `+`, never the value; a `$SECRET` inside that word is read on its own.
      if (m[1] === '{' && m[3] !== undefined) continue;
      if (checked.has(name)) continue;
      checked.add(name);
      // The shell's own working-folder variables end in "PWD" but hold a path, not a password.
      if (name === 'PWD' || name === 'OLDPWD') continue;
      // Connection strings (`$DATABASE_URL`, `$SENTRY_DSN`) carry their password, as the credential hunt reads them.
      if (isSecretVariableName(name)) return name;
    }
  }
  return undefined;
}

/**
 * `echo "$DB_PASSWORD" | wc -c`, `printf %s "$S" | grep -q .`: the value goes only into a counter or a quiet
 * search (a count or an exit status reaches the output, never the value). `wc --files0-from=-` would name the value
 * as a file in its error, and a redirect of the echo itself sends the value elsewhere: both stay prints.
 */
function valueReachesNoOutput(inv: Invocation): boolean {
  if (inv.redirects.length > 0 || inv.pipedInto === undefined) return false;
  const args = inv.pipedArgs ?? [];
  if (inv.pipedInto === 'wc') return !args.some((a) => a.dynamic || a.text.startsWith('--files0-from'));
  return FILTERS.has(inv.pipedInto) && inv.pipedInto !== 'rg' && inv.pipedInto !== 'ag' && !args.some((a) => a.dynamic) && searchPrintsNoContent(args, true);
}

/** Commands that print every variable; piped into a filter, the filter's stage judges what reaches the screen. */
const VARIABLE_LISTINGS = new Set(['env', 'printenv', 'set', 'export', 'declare', 'typeset', 'compgen']);
const FILTERS = new Set(['grep', 'egrep', 'fgrep', 'rg', 'ag']);
/** Programs that show or count the lines they are given and expand nothing in them. */
const NAME_VIEWERS = new Set(['sort', 'uniq', 'wc', 'head', 'tail', 'grep', 'egrep', 'fgrep', 'rg', 'less', 'more', 'column', 'cat', 'fzf', 'nl', 'tr']);
const NAME_FILTERS = new Set(['cut', 'awk', 'gawk', 'mawk', 'nawk', 'sed']);

/** `secret`, `secrets`, `secrets.v1.` (resource.version.group, the core group empty), with or without `/name`. */
const SECRET_KIND = /^secrets?(\.v1\.?)?(\/.+)?$/i;

/**
 * `kubectl get secret db -o yaml` (any spelling of `-o`: `-o=yaml`, `--output json`), `get --raw
 * /api/v1/namespaces/prod/secrets/db`, `edit secret db` (the editor is handed the values: `KUBE_EDITOR=cat`
 * prints them), read through kubectl's registry entry.
 */
function kubectlSecretDump(inv: Invocation): string | undefined {
  const parsed = parsedArgs(inv.args, kubectl);
  const a = toolArgs(inv.name, parsed, kubectl);
  const verb = parsed.path[0];
  if (verb === 'get' && /\/secrets(\/|\?|$)/.test(a.value('--raw') ?? '')) return 'Kubernetes secret values';
  // Round 8: `kubectl set env deploy/api --list --resolve` prints the variables with Secret and ConfigMap references resolved to their values.
  if (verb === 'set' && parsed.operands[0]?.text === 'env' && a.has('--list') && a.has('--resolve')) return 'Kubernetes secret values (a workload\'s environment, Secret references resolved)';
  // `kubectl get secrets -o name | xargs kubectl get -o yaml`: the objects named by a listing of secrets.
  const from = inv.stdin?.kind === 'pipe' && inv.via.some((v) => v.startsWith('xargs')) ? inv.stdin.from : undefined;
  const fedSecrets = from !== undefined && kubectl.names.includes(from.name) && from.args.some((w) => w.text.split(',').some((k) => SECRET_KIND.test(k)));
  if (!fedSecrets && !parsed.operands.some((w) => w.text.split(',').some((k) => SECRET_KIND.test(k)))) return undefined;
  if (verb === 'edit') return 'Kubernetes secret values (to the editor)';
  // `-o jsonpath='{.type}'`: only the kind, type and identity of the object are printed.
  const output = a.value('-o', '--output') ?? '';
  const jsonpath = output.startsWith('jsonpath=') ? output.slice(9) : output === 'jsonpath' ? a.value('--template') : undefined;
  if (verb === 'get' && jsonpath !== undefined && !inv.args.some((w) => w.dynamic) && jsonpathPrintsOnlyIdentity(jsonpath)) return undefined;
  // `--template` alone implies a go-template output.
  return verb === 'get' && (/^(ya?ml|json|jsonpath|go-template|template|custom-columns)/.test(a.value('-o', '--output') ?? '') || a.value('--template') !== undefined) ? 'Kubernetes secret values' : undefined;
}

/**
 * A dumping command's words that are not options or option values: read by the program's one description
 * (`optionGrammarOf`: its registry entry, else its grammar table), else with every option a switch (shell builtins).
 */
function dumpWords(inv: Invocation): string[] {
  const grammar = optionGrammarOf(inv.name);
  const words = grammar ? commandWords(parsedArgs(inv.args, grammar), inv.args) : freeFormReadings(inv.args).usual.operands;
  return words.map((w) => w.text);
}

function checkDumps(inv: Invocation, ctx: RuleContext): Finding[] {
  if (VARIABLE_LISTINGS.has(inv.name) && inv.pipedInto !== undefined && FILTERS.has(inv.pipedInto)) return [];
  // `printenv | wc -l`: a count of the lines, no value reaches the screen.
  if (VARIABLE_LISTINGS.has(inv.name) && inv.pipedInto === 'wc') return [];
  // `printenv | cut -d= -f1`, `env | awk -F= '{print $1}'`: the names only.
  if (VARIABLE_LISTINGS.has(inv.name) && inv.pipedInto !== undefined && NAME_FILTERS.has(inv.pipedInto) && printsNoContent({ ...inv, name: inv.pipedInto, args: [...(inv.pipedArgs ?? [])] }, true)) return [];
  if (jqPrintsOnlyKeys(inv)) return [];
  if (inv.name === 'compgen' && (inv.pipedInto === undefined || NAME_VIEWERS.has(inv.pipedInto))) return [];
  const dump = DUMPS[inv.name];
  // gcloud and az are read through their grammar: a global option's value or a release track is not a command word.
  const words = inv.name === 'gcloud' || inv.name === 'az' ? registryWords(inv.name, inv.args, true) : inv.args.map((a) => a.text);
  const what = kubectl.names.includes(inv.name) ? kubectlSecretDump(inv) : dump?.match(words, dump === undefined ? [] : dumpWords(inv));
  const variable = what || valueReachesNoOutput(inv) ? undefined : printedSecretVariable(inv);
  if (!what && !variable) return [];
  // `gh auth token | docker login ghcr.io --password-stdin`: the value goes only to its own service's registry login.
  if (what ? REGISTRY_TOKENS.has(what) && pipedToOwnLogin(inv, PRINTED_CREDENTIAL_OWNER[inv.name]) : variablePipedToOwnLogin(inv, variable!)) return [];
  const shown = what ?? `the secret variable $${variable}`;
  return [
    {
      rule: 'credentials.dump',
      risk: 'credential-dump',
      severity: 'ask',
      reason: `${[inv.name, ...inv.args.slice(0, 3).map((a) => a.text)].join(' ').slice(0, 60)} prints ${shown}.`,
      // A cluster's secrets live in the cluster its context names (unnamed: production by the rule for unresolved targets).
      // A credential a remote service's CLI prints (`gh auth token`, `doppler secrets get`) is that service's: production unless the command names another environment.
      targets: [kubectl.names.includes(inv.name) && what ? dumpTarget('Kubernetes secrets', ctx, true, inv.args.map((a) => a.text)) : injectedTarget(inv, what ?? `$${variable}`, ctx) ?? (what && toolNamed(inv.name)?.locality === 'remote' && !dump?.local ? dumpTarget(inv.name, ctx, true, inv.args.map((a) => a.text)) : { kind: 'credential', name: what ? inv.name : `$${variable}`, remote: false, environment: 'local', environmentReason: 'this machine' })],
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Snippets

const SNIPPET_READERS = /\b(open|read_text|read_bytes|readFileSync|readFile|createReadStream|readFileStr|File\.read|IO\.read|File\.open|file_get_contents|fopen|slurp|load_dotenv|dotenv_values|config\(|Path|readlines|require|import|load_file|safe_load_file|unsafe_load_file|readTextFile|readTextFileSync|Bun\.file|parse_ini_file|loadFile|readfile|highlight_file|show_source|SplFileObject|file)\b/;

const NODE_MODULE_ENDINGS = ['.json', '.js', '.cjs', '.mjs', '/index.json', '/index.js'];

function checkSnippetReads(snippet: CodeSnippet, ctx: RuleContext): Finding[] {
  const facts = ctx.facts;
  const cwd = snippet.runner.cwd || facts.cwd;
  const findings: Finding[] = [];
  const seen = new Set<string>();
  if (!['python', 'javascript', 'perl', 'ruby', 'php'].includes(snippet.language) || !SNIPPET_READERS.test(snippet.text)) return findings;
  for (const m of snippet.text.matchAll(/'([^'\n]{1,300})'|"([^"\n]{1,300})"|`([^`$\n]{1,300})`/g)) {
    const literal = m[1] ?? m[2] ?? m[3] ?? '';
    if (!/^[~./\w@-][\w.~/@ -]*$/.test(literal)) continue;
    const parts = literal.split(/\s*[,+]\s*/);
    // `require('./legacy/config_backup')`: node resolves a relative module by trying these endings.
    if (snippet.language === 'javascript' && /^\.{1,2}\//.test(literal) && !/\.\w{1,5}$/.test(literal)) parts.push(...NODE_MODULE_ENDINGS.map((e) => literal + e));
    for (const part of parts) {
      const word: ArgWord = { text: part, raw: part, dynamic: false, glob: false };
      for (const p of pathsOfWord(word, cwd, facts)) {
        const info = infoFor(p, facts);
        if (!info || seen.has(info.path)) continue;
        seen.add(info.path);
        findings.push(readFinding('reads', info, `A ${snippet.language} snippet run by ${snippet.runner.name}`));
      }
    }
  }
  // `os.path.join(os.path.expanduser('~'), '.aws', 'credentials')`-style joins: try the literals joined.
  const literals = [...snippet.text.matchAll(/['"]([\w.~@-]{1,100})['"]/g)].map((m) => m[1] ?? '');
  for (let i = 0; i + 1 < literals.length && findings.length === 0; i++) {
    const joined = literals.slice(i, i + 3).join('/');
    for (const p of [resolvePath(cwd, joined, facts.home)]) {
      const info = infoFor(p, facts);
      if (info && !seen.has(info.path)) {
        seen.add(info.path);
        findings.push(readFinding('reads', info, `A ${snippet.language} snippet run by ${snippet.runner.name}`));
      }
    }
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------

/** `{cat,.env}` as a command word: bash brace-expands it into `cat .env`. */
function braceExpandedInvocation(inv: Invocation): Invocation | undefined {
  if (!hasBraces(inv.command)) return undefined;
  const words = braceExpand(inv.command).slice(0, 64);
  if (words.length < 2) return undefined;
  const [name = '', ...rest] = words;
  const restWords: ArgWord[] = rest.map((t) => ({ text: t, raw: t, dynamic: false, glob: hasGlobChars(t) }));
  return { ...inv, name: basename(name), command: name, args: [...restWords, ...inv.args] };
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}\u0000${f.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export const credentialsPack: RulePack = {
  id: 'credentials',
  title: 'Credential files, secret dumps and where a secret came from',
  checkInvocation(inv, ctx) {
    const expanded = braceExpandedInvocation(inv) ?? inv;
    const cwd = expanded.cwd || ctx.facts.cwd;
    return dedupe([
      ...uploadsSentOut(expanded, checkReads(expanded, ctx)),
      ...checkDumps(expanded, ctx),
      ...archiveMemberPrints(expanded, ctx),
      ...compressedSearches(expanded, ctx),
      ...checkProvenance(invocationTexts(expanded), cwd, ctx.facts, ctx.rescan),
      ...checkKnownSecretSends(expanded, ctx.facts, ctx.rescan),
      ...checkSecretApis(expanded),
      ...checkOtherProcessReads(expanded),
      ...traceExposures(expanded),
    ]);
  },
  checkSnippet(snippet, ctx) {
    const cwd = snippet.runner.cwd || ctx.facts.cwd;
    return dedupe([...(snippetPrintsOnlyEnvKeys(snippet) ? [] : checkSnippetReads(snippet, ctx)), ...snippetCompressedReads(snippet, ctx), ...checkProvenance([snippet.text], cwd, ctx.facts, ctx.rescan), ...snippetDebugTraces(snippet)]);
  },
};
