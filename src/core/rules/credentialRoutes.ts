import { ownTable } from '../ownTable';
import { checkParsedAsCode, PARSES_AS_CODE } from './support/parsedAsCode';
import { checkEndpointOverrides } from './support/endpointOverrides';
import { loadedEndpointFindings } from './support/endpointLoaders';
import { checkBuildContextUploads } from './support/buildContexts';
import { minimatch } from 'minimatch';
import { matchCredentialPath } from '../credentials/credentialPaths';
import { isWithin, resolvePath } from '../paths';
import type { ArgWord, Finding, Invocation, RuleContext, RulePack } from '../policy/types';
import { isCredentialReader } from './credentials';
import { credentialTarget, infoFor, pathsOfWord } from './support/credentialPaths';
import { dump, dumpTarget, isSecretVariableName } from './support/huntCommon';
import { cloudOfHost, metadataTarget } from './support/metadataEndpoints';
import { checkSnippetCredentialReads } from './support/snippetCredentialReads';
import { snippetPrintsOnlyEnvKeys } from './support/envKeyListings';
import { DUMPING_TOOLS, secretDumpOf } from './support/toolSecretDumps';
import { jqPrintsOnlyKeys } from './support/printsNoContent';
import { checkObjectStoreSecrets, OBJECT_STORE_TOOLS } from './support/objectStoreSecrets';
import { checkFileTransfers, TRANSFER_TOOLS } from './support/fileTransfers';
import { checkLogSecretGreps } from './support/logSecretGreps';
import { checkFilesFrom } from './support/filesFrom';
import { checkFolderRename, checkSnippetRenames, vcsMove } from './support/renamedCredentials';
import { checkDnsPipedData } from './support/dnsPipedData';
import { checkHomeSurvey, FIND_NAME_TESTS, listsNamesRecursively } from './support/homeListings';
import { checkCredentialOverwrites } from './support/credentialOverwrites';
import { freeFormReadings } from '../registry/freeForm';
import { invocationCommand, toolArgs } from '../registry/commandModel';
import { effectGrammar, grammarOf, has, readEffectArgs, values } from '../policy/effectOptions';

/**
 * Roads to a credential the other credential packs do not walk: a hunt for credential files by name
 * (`find ~ -name 'id_*'`, `locate id_rsa`), a credential copied out of a pod or container, a
 * configuration map dumped, CLIs that print what they keep (`terraform show`, `npm token list`),
 * secret variables spelled into a DNS name, the metadata service's session token and raw sockets to it,
 * and a glob over a credential store that matches nothing here. Every finding names the file, variable
 * or tool, never a value.
 */

// ---------------------------------------------------------------------------------------------
// Hunting credential files by name

/** Names a credential hunt looks for; a name pattern that matches one of them and none of the ordinary ones is a hunt. */
const CREDENTIAL_SAMPLES = ['id_rsa', 'id_ed25519', 'server.pem', 'tls.key', 'credentials', 'credentials.json', '.env', '.env.production', '.npmrc', '.git-credentials', '.pgpass', 'terraform.tfstate', 'kubeconfig', 'secrets.txt', 'key.json', 'service-account.json', '.netrc', 'store.p12', 'store.jks',
  // Password managers' databases and wallets.
  'passwords.kdbx', 'vault.kdb', 'login.keychain-db', 'wallet.dat', 'key.ppk'];
/**
 * Tokens kept as files (round 25: `find ~ -name '*.token'`): a CLI's saved token, Vault's. Weighed only for a
 * pattern shaped like a file name: a bare substring (`*token*`, fd's `token`) also names tokenizer.ts and tokens.css.
 */
const TOKEN_FILE_SAMPLES = ['github.token', 'deploy.token', '.vault-token', 'access_token', 'auth-token.json'];
const ORDINARY_SAMPLES = ['index.ts', 'README.md', 'main.go', 'app.py', 'package.json', 'Makefile', 'style.css', 'notes.txt', 'config.yml', 'data.csv',
  // Dot-files every home and project has: `find ~ -maxdepth 1 -name '.*rc'` lists start-up files, as `ls -a ~` does.
  '.bashrc', '.vimrc', '.gitignore'];

function isCredentialNamePattern(pattern: string, nocase: boolean): boolean {
  const options = { dot: true, nocase };
  const samples = /^\*[^*]*\*$/.test(pattern) ? CREDENTIAL_SAMPLES : [...CREDENTIAL_SAMPLES, ...TOKEN_FILE_SAMPLES];
  if (!samples.some((s) => minimatch(s, pattern, options))) return false;
  return !ORDINARY_SAMPLES.some((s) => minimatch(s, pattern, options));
}

/** find's name tests and their patterns, read by the one grammar (each test takes the next word). */
function findHunt(inv: Invocation): string | undefined {
  for (const test of freeFormReadings(inv.args).valued.options) {
    const value = test.values[0];
    if (!FIND_NAME_TESTS.has(test.name) || value === undefined) continue;
    const base = test.name.includes('path') ? value.slice(value.lastIndexOf('/') + 1) || value : value;
    if (isCredentialNamePattern(base, test.name.startsWith('-i'))) return value;
  }
  return undefined;
}

/** A regular expression (`locate -r 'id_rsa$'`, `grep -i key`) that matches a credential name and no ordinary one. */
function isCredentialNameRegex(pattern: string, nocase: boolean): boolean {
  let re: RegExp;
  try {
    re = new RegExp(pattern, nocase ? 'i' : '');
  } catch {
    return false;
  }
  return CREDENTIAL_SAMPLES.some((s) => re.test(s)) && !ORDINARY_SAMPLES.some((s) => re.test(s));
}

function locateHunt(inv: Invocation): string | undefined {
  const { usual, valued } = freeFormReadings(inv.args);
  const nocase = usual.options.some((o) => o.name === '-i' || o.name === '--ignore-case');
  // `-r REGEX` / `--regexp=REGEX` take a regular expression; `--regex` makes every pattern one.
  const regexes = valued.options.filter((o) => o.name === '-r' || o.name === '--regexp').flatMap((o) => o.values);
  if (usual.options.some((o) => o.name === '--regex')) regexes.push(...usual.operands.map((a) => a.text));
  const regex = regexes.find((r) => isCredentialNameRegex(r, nocase));
  if (regex !== undefined) return regex;
  for (const a of usual.operands) {
    const base = a.text.slice(a.text.lastIndexOf('/') + 1);
    // locate matches a pattern without glob characters anywhere in the path.
    const pattern = /[*?[]/.test(base) ? base : `*${base}*`;
    if (base && isCredentialNamePattern(pattern, nocase)) return a.text;
  }
  return undefined;
}

/** fd's options that take a value (its reference); `-g`/`--glob` is a switch: the pattern is then a glob. */
const FD = effectGrammar('etEdSjxXcoBC', ['extension', 'type', 'exclude', 'max-depth', 'min-depth', 'exact-depth', 'size', 'threads', 'exec', 'exec-batch', 'color', 'owner',
  'changed-within', 'changed-before', 'base-directory', 'search-path', 'path-separator', 'max-results', 'ignore-file', 'batch-size', 'format']);

function fdHunt(inv: Invocation): string | undefined {
  const read = readEffectArgs(inv.args, FD);
  for (const extension of values(read, 'e', 'extension')) {
    if (isCredentialNamePattern(`*.${extension.text.replace(/^\./, '')}`, true)) return `*.${extension.text}`;
  }
  const first = read.operands[0]?.text;
  if (first === undefined) return undefined;
  if (has(read, 'g', 'glob')) return isCredentialNamePattern(first, false) ? first : undefined;
  return /^[\w.-]+$/.test(first) && isCredentialNamePattern(`*${first}*`, true) ? first : undefined;
}

/** Environment files' names: what a pattern that matches only these looks for. */
const ENVIRONMENT_FILE_SAMPLES = ['.env', '.env.production', '.env.local', '.env.development.local'];

/** Does the pattern look for environment files and nothing else a credential hunt seeks (keys, cloud stores)? */
function environmentFilesOnly(pattern: string): boolean {
  const base = pattern.slice(pattern.lastIndexOf('/') + 1) || pattern;
  const options = { dot: true, nocase: true };
  const others = CREDENTIAL_SAMPLES.filter((s) => !ENVIRONMENT_FILE_SAMPLES.includes(s));
  return ENVIRONMENT_FILE_SAMPLES.some((s) => minimatch(s, base, options)) && !others.some((s) => minimatch(s, base, options));
}

/** find's start points (the words before its first test), or fd's search path (after the pattern); `.` when none is given. */
function searchRoots(inv: Invocation): ArgWord[] {
  const args = inv.args;
  if (inv.name === 'find' || inv.name === 'gfind') {
    const roots: ArgWord[] = [];
    for (const a of args) {
      if (/^[-(!]/.test(a.text)) break;
      roots.push(a);
    }
    return roots.length > 0 ? roots : [{ text: '.', raw: '.', dynamic: false, glob: false }];
  }
  const positional = freeFormReadings(args).usual.operands;
  return positional.length > 1 ? positional.slice(1) : [{ text: '.', raw: '.', dynamic: false, glob: false }];
}

/**
 * Listing environment files by name inside the workspace (`find . -name "*.env*" -not -path
 * "./node_modules/*"`) prints names the project's own listing shows (`ls -a`): routine, and the issue
 * asks for content searches and reads, not name listings. A listing that feeds a reader (`-exec cat`,
 * `| xargs cat`) asks through the read rules; hunts for keys and cloud stores, and any hunt beyond the
 * workspace (the home folder, `/`, locate's machine-wide database), still ask here.
 */
function workspaceEnvironmentListing(inv: Invocation, pattern: string, ctx: RuleContext): boolean {
  if (inv.name === 'locate' || inv.name === 'plocate' || inv.name === 'mlocate' || !environmentFilesOnly(pattern)) return false;
  const facts = ctx.facts;
  const cwd = inv.cwd || facts.cwd;
  return searchRoots(inv).every((root) => {
    if (root.dynamic) return false;
    const abs = resolvePath(cwd, root.text, facts.home);
    return facts.workspaceRoots.some((w) => abs === w || isWithin(w, abs));
  });
}

/** `du -a ~ | grep -i key`: a full listing of names filtered for a credential's name, the same hunt as `find -name`. */
function checkListingGrep(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.stdin?.kind !== 'pipe' || !listsNamesRecursively(inv.stdin.from)) return [];
  const { usual, valued } = freeFormReadings(inv.args);
  const nocase = usual.options.some((o) => o.name === '-i' || o.name === '--ignore-case' || /^-[a-zA-Z]*i/.test(o.name));
  const patterns = [...valued.options.filter((o) => o.name === '-e' || o.name === '--regexp').flatMap((o) => o.values), ...usual.operands.slice(0, 1).map((a) => a.text)];
  const pattern = patterns.find((p) => isCredentialNameRegex(p, nocase));
  if (pattern === undefined) return [];
  return [{
    rule: 'credentials.name-hunt',
    risk: 'credential-read',
    severity: 'ask',
    reason: `${inv.stdin.from.name} lists every file name and ${inv.name} keeps those matching "${pattern}": a hunt for credential files by name.`,
    targets: [dumpTarget(`files named like ${pattern}`, ctx)],
  }];
}

function checkNameHunt(inv: Invocation, ctx: RuleContext): Finding[] {
  const pattern = inv.name === 'find' || inv.name === 'gfind' ? findHunt(inv) : inv.name === 'fd' || inv.name === 'fdfind' ? fdHunt(inv) : locateHunt(inv);
  if (pattern === undefined || workspaceEnvironmentListing(inv, pattern, ctx)) return [];
  return [{
    rule: 'credentials.name-hunt',
    risk: 'credential-read',
    severity: 'ask',
    reason: `${inv.name} hunts for credential files by name ("${pattern}"): the paths it prints lead to keys and tokens.`,
    targets: [dumpTarget(`files named ${pattern}`, ctx)],
  }];
}

// ---------------------------------------------------------------------------------------------
// Copies out of a pod or container, configuration maps

/** The command's words that are not options, read through kubectl's or docker's registry entry: the subcommand path, then its operands. */
function operandWords(inv: Invocation): string[] {
  const command = invocationCommand(inv);
  if (!command) return freeFormReadings(inv.args).valued.operands.map((w) => w.text);
  return [...command.parsed.path, ...command.parsed.operands.map((w) => w.text)];
}

/** An option's value read through the tool's registry entry. */
function optionOf(inv: Invocation, ...names: string[]): string | undefined {
  const command = invocationCommand(inv);
  return command ? toolArgs(inv.name, command.parsed, command.tool).value(...names) : undefined;
}

/** A path inside a container that holds a secret: a mounted secret folder or a credential file's name. */
function containerSecretPath(path: string): string | undefined {
  const abs = path.startsWith('/') ? path : '/' + path;
  const match = matchCredentialPath(abs, '/root');
  if (match) return match.label;
  if (/(^|\/)(secrets?|credentials)(\/|$)/i.test(path)) return 'a mounted secret';
  return undefined;
}

function checkContainerCopy(inv: Invocation, ctx: RuleContext): Finding[] {
  const words = operandWords(inv);
  const isKube = inv.name === 'kubectl' || inv.name === 'oc';
  if ((words[0] !== 'cp' && !(inv.name !== 'kubectl' && words[0] === 'container' && words[1] === 'cp'))) return [];
  const operands = words.slice(words[0] === 'cp' ? 1 : 2);
  // `pod:path`, `namespace/pod:path` (kubectl), `container:path` (docker).
  const source = operands.slice(0, -1).find((w) => /^[^/:.~][^:]*:/.test(w) && (isKube || !w.slice(0, w.indexOf(':')).includes('/')));
  if (!source) return [];
  const path = source.slice(source.indexOf(':') + 1);
  const label = containerSecretPath(path);
  if (!label) return [];
  const place = source.slice(0, source.indexOf(':'));
  return [dump('container-copy', `${inv.name} cp copies ${path} out of ${isKube ? 'pod' : 'container'} ${place}, which holds ${label}.`, dumpTarget(`${place}:${path}`, ctx, isKube, [place]))];
}

function checkConfigMapDump(inv: Invocation, ctx: RuleContext): Finding[] {
  const words = operandWords(inv);
  if (words[0] !== 'get' && words[0] !== 'describe') return [];
  const kinds = (words[1] ?? '').split(',').map((k) => k.split('/')[0]);
  if (!kinds.some((k) => ['configmap', 'configmaps', 'cm'].includes(k ?? ''))) return [];
  const output = optionOf(inv, '-o', '--output');
  const prints = words[0] === 'describe' || (output !== undefined && /^(yaml|json|jsonpath|go-template|custom-columns)/.test(output));
  if (!prints) return [];
  return [dump('configmap-dump', `${inv.name} ${words[0]} prints configuration map data, where credentials are often kept.`, dumpTarget('configmap data', ctx, true, words.slice(2)))];
}

// ---------------------------------------------------------------------------------------------
// Secret variables spelled into a DNS name; the metadata service's token and raw sockets

const DNS_SENDERS = new Set(['nslookup', 'dig', 'host', 'drill', 'ping', 'ping6', 'traceroute', 'traceroute6', 'tracepath', 'mtr', 'getent', 'resolvectl', 'delv', 'kdig', 'whois']);

function secretishVariable(name: string): boolean {
  return isSecretVariableName(name) || /(KEY|TOKEN|SECRET|PASSW|CREDENTIAL|AUTH|SESSION)/i.test(name);
}

function checkDnsExfil(inv: Invocation, ctx: RuleContext): Finding[] {
  for (const a of inv.args) {
    if (!a.dynamic) continue;
    for (const m of a.raw.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
      const name = m[1] ?? '';
      if (!secretishVariable(name)) continue;
      return [dump('dns-exfil', `${inv.name} looks up a name built from $${name}: the DNS query carries the secret to whoever serves that domain.`, dumpTarget(`$${name}`, ctx))];
    }
  }
  return [];
}

/** The request method, read through the HTTP client's registry entry (`-X PUT`, `--request=PUT`, `-XPUT`; HTTPie's `PUT` operand, wget's `--method`). */
function methodIsPut(inv: Invocation): boolean {
  const method = optionOf(inv, '-X', '--request', '--method');
  if (method !== undefined) return /^put$/i.test(method);
  return inv.name !== 'curl' && freeFormReadings(inv.args).usual.operands.some((w) => /^PUT$/i.test(w.text));
}

function checkMetadataToken(inv: Invocation, _ctx: RuleContext): Finding[] {
  if (!methodIsPut(inv)) return [];
  for (const a of inv.args) {
    const m = /^(?:https?:\/\/)?(?:[^@/]*@)?(\[[^\]]+\]|[^/:]+)(?::\d+)?(\/latest\/api\/token\b.*)$/i.exec(a.text);
    if (m && cloudOfHost(m[1] ?? '')) return [dump('metadata-token', `${inv.name} asks the cloud metadata service for a session token (${m[2]}), the key to its instance credentials.`, metadataTarget('metadata session token'))];
  }
  return [];
}

const SOCKET_TOOLS = new Set(['nc', 'ncat', 'netcat', 'socat', 'telnet']);

function checkMetadataSocket(inv: Invocation, _ctx: RuleContext): Finding[] {
  for (const a of freeFormReadings(inv.args).usual.operands) {
    const host = inv.name === 'socat' ? /^tcp[46]?(?:-connect)?:([^:,]+)/i.exec(a.text)?.[1] : a.text;
    const cloud = host ? cloudOfHost(host) : undefined;
    if (cloud) return [dump('metadata-socket', `${inv.name} opens a raw connection to the ${cloud} metadata service (${host}), where any request can ask for instance credentials.`, metadataTarget(`${cloud} metadata service`))];
  }
  return [];
}

/** bash's `/dev/tcp/HOST/PORT` opened by a redirect (`exec 3<>/dev/tcp/169.254.169.254/80`, `cat < /dev/tcp/…`). */
function checkMetadataDevTcp(inv: Invocation, _ctx: RuleContext): Finding[] {
  const paths = [...inv.redirects.map((r) => r.target.text), ...(inv.stdin?.kind === 'file' ? [inv.stdin.path] : [])];
  for (const p of paths) {
    const host = /^\/dev\/(?:tcp|udp)\/([^/]+)\//.exec(p)?.[1];
    const cloud = host ? cloudOfHost(host) : undefined;
    if (cloud) return [dump('metadata-socket', `${inv.name} opens a raw connection to the ${cloud} metadata service (${host}) through ${p}, where any request can ask for instance credentials.`, metadataTarget(`${cloud} metadata service`))];
  }
  return [];
}

// ---------------------------------------------------------------------------------------------
// A move or link that gives a credential file a name no rule knows (the next read of it would pass)

const RENAMERS: Readonly<Record<string, string>> = ownTable({ mv: 'moves', ln: 'links', link: 'links', install: 'copies' });

function checkRename(inv: Invocation, ctx: RuleContext): Finding[] {
  const verb = RENAMERS[inv.name];
  if (!verb) return [];
  const facts = ctx.facts;
  const cwd = inv.cwd || facts.cwd;
  // Options through the effect grammar of each program (`-t DIR`, `--target-directory=DIR`, `-S SUFFIX`, install's `-m MODE`).
  const read = readEffectArgs(inv.args, grammarOf(inv.name));
  const operands = [...read.operands];
  const target = values(read, 't', 'target-directory').pop();
  const destination = target ?? operands.pop();
  if (!destination || destination.dynamic) return [];
  const destinationPaths = pathsOfWord(destination, cwd, facts);
  const intoFolder = target !== undefined || destination.text.endsWith('/') || destinationPaths.some((p) => facts.fileStatus?.(p) === 'directory' || facts.listDir(p) !== undefined);
  for (const source of operands) {
    for (const p of pathsOfWord(source, cwd, facts)) {
      const info = infoFor(p, facts);
      if (!info) continue;
      const base = p.slice(p.lastIndexOf('/') + 1);
      const newNames = destinationPaths.map((d) => (intoFolder ? `${d.replace(/\/$/, '')}/${base}` : d));
      if (newNames.length > 0 && newNames.every((n) => matchCredentialPath(n, facts.home))) continue;
      return [{
        rule: 'credentials.read',
        risk: 'credential-read',
        severity: 'ask',
        reason: `${inv.name} ${verb} ${info.path}, which holds ${info.label}, to ${destination.text}, a name the guard does not know as a credential file.`,
        targets: [credentialTarget(info)],
      }];
    }
  }
  return [];
}

// ---------------------------------------------------------------------------------------------
// A glob that matches nothing here, over a credential store's place

function checkUnmatchedGlobs(inv: Invocation, ctx: RuleContext): Finding[] {
  const facts = ctx.facts;
  const cwd = inv.cwd || facts.cwd;
  for (const a of freeFormReadings(inv.args).usual.operands) {
    if (!a.glob || a.dynamic) continue;
    if (pathsOfWord(a, cwd, facts).length > 0) continue;
    const literal = resolvePath(cwd, a.text.replace(/^~(?=\/)/, facts.home), facts.home);
    const match = matchCredentialPath(literal, facts.home) ?? infoFor(literal, facts);
    if (!match) continue;
    return [{
      rule: 'credentials.read',
      risk: 'credential-read',
      severity: 'ask',
      reason: `${inv.name} reads ${a.text}, which names ${match.label} (nothing matches it on this machine now, but it matches where that store lives).`,
      targets: [dumpTarget(a.text, ctx)],
    }];
  }
  return [];
}

// ---------------------------------------------------------------------------------------------

const BUILD_UPLOADERS = new Set(['docker', 'podman', 'nerdctl', 'az', 'depot']);
const HUNTERS = new Set(['find', 'gfind', 'locate', 'plocate', 'mlocate', 'slocate', 'fd', 'fdfind']);
/**
 * Listers whose recursive listing of the home folder maps its credential folders (`support/homeListings.ts`).
 * `du` is not one: it is asked for sizes (`du -a ~ | sort -n | tail` stays allowed, round 7b); filtered for a
 * credential's or the tokens' names it is judged as the hunt it is (`checkListingGrep`, `perimeter/windowTokens.ts`).
 */
const SURVEYORS = new Set(['find', 'gfind', 'bfs', 'fd', 'fdfind', 'tree', 'ls', 'exa', 'eza', 'lsd', 'du', 'rg', 'ncdu', 'locate', 'plocate', 'mlocate', 'slocate']);

export const credentialRoutesPack: RulePack = {
  id: 'credentialRoutes',
  title: 'Credentials: name hunts, container copies, tool dumps, DNS and metadata roads',
  checkInvocation(inv, ctx) {
    const findings: Finding[] = [];
    if (HUNTERS.has(inv.name)) findings.push(...checkNameHunt(inv, ctx));
    if (inv.name === 'grep' || inv.name === 'egrep' || inv.name === 'rg') findings.push(...checkListingGrep(inv, ctx));
    if (SURVEYORS.has(inv.name)) findings.push(...checkHomeSurvey(inv, ctx));
    if (['kubectl', 'oc', 'docker', 'podman', 'nerdctl'].includes(inv.name)) findings.push(...checkContainerCopy(inv, ctx));
    if (inv.name === 'kubectl' || inv.name === 'oc') findings.push(...checkConfigMapDump(inv, ctx));
    if (DNS_SENDERS.has(inv.name)) findings.push(...checkDnsExfil(inv, ctx), ...checkDnsPipedData(inv, ctx));
    if (['curl', 'http', 'https', 'xh', 'wget'].includes(inv.name)) findings.push(...checkMetadataToken(inv, ctx));
    if (SOCKET_TOOLS.has(inv.name)) findings.push(...checkMetadataSocket(inv, ctx));
    if (inv.redirects.length > 0 || inv.stdin?.kind === 'file') findings.push(...checkMetadataDevTcp(inv, ctx));
    if (DUMPING_TOOLS.includes(inv.name)) {
      // `terraform output -json | jq keys`: only the names of what it prints reach the screen.
      const found = jqPrintsOnlyKeys(inv) ? undefined : secretDumpOf(inv.name, inv.args);
      if (found) findings.push(dump('tool-dump', `${inv.name} prints ${found.what}.`, dumpTarget(inv.name, ctx, found.service, freeFormReadings(inv.args).usual.operands.map((a) => a.text).filter((t) => !t.includes('://') && !(found.service && /^[/.~]/.test(t))))));
    }
    if (OBJECT_STORE_TOOLS.includes(inv.name)) findings.push(...checkObjectStoreSecrets(inv, ctx));
    if (TRANSFER_TOOLS.includes(inv.name)) findings.push(...checkFileTransfers(inv, ctx));
    if (BUILD_UPLOADERS.has(inv.name)) findings.push(...checkBuildContextUploads(inv, ctx));
    if (PARSES_AS_CODE.has(inv.name)) findings.push(...checkParsedAsCode(inv, ctx));
    findings.push(...checkLogSecretGreps(inv, ctx), ...checkFilesFrom(inv, ctx), ...checkCredentialOverwrites(inv, ctx), ...checkEndpointOverrides(inv, ctx), ...loadedEndpointFindings(inv, ctx.facts));
    if (Object.hasOwn(RENAMERS, inv.name)) findings.push(...checkRename(inv, ctx));
    if (inv.name === 'mv') findings.push(...checkFolderRename(inv, ctx));
    const moved = inv.name === 'git' || inv.name === 'hg' || inv.name === 'svn' ? vcsMove(inv, ctx.facts) : undefined;
    if (moved) findings.push(...(checkRename(moved, ctx).map((f) => ({ ...f, reason: f.reason.replace(/^mv /, `${inv.name} mv `) }))), ...checkFolderRename(moved, ctx, `${inv.name} mv`));
    if (isCredentialReader(inv.name)) findings.push(...checkUnmatchedGlobs(inv, ctx));
    return findings;
  },
  checkSnippet(snippet, ctx) {
    return [...(snippetPrintsOnlyEnvKeys(snippet) ? [] : checkSnippetCredentialReads(snippet, ctx)), ...checkSnippetRenames(snippet, ctx)];
  },
};
