import { matchCredentialPath } from '../../credentials/credentialPaths';
import { resolvePath } from '../../paths';
import type { Analysis, ArgWord, CredentialFileInfo, Facts, Finding, RuleContext } from '../../policy/types';
import { METADATA_ONLY } from '../../registry/fileOperandTraits';
import { readFinding } from '../credentials';
import { infoFor, pathsOfWord } from './credentialPaths';
import { printsNoContent } from './printsNoContent';
import { computedWordsOf, lineComputesPaths, type ComputedWords } from './lineFacts';

/**
 * A file a reader is given through a value the analysis cannot resolve (`cat ${f:-.env.production}`,
 * `cat "$(git rev-parse --show-toplevel)"/config/master.key`, a `case` branch's assignment) may be
 * any credential file the line names. When the line holds a word naming one and a whole-file reader
 * gets a computed path, the read is asked about, as the named read would be.
 */

/** Words of the line looked at, and their length. */
const MAX_TOKENS = 256;
const MAX_TOKEN = 256;
/** Programs whose words are no files to read (their `<` redirects still are). */
const NO_FILE_WORDS: ReadonlySet<string> = new Set([':', 'true', 'echo', 'printf', 'test', '[', '[[', 'read', 'local', 'export', 'declare', 'typeset', 'set', 'unset', 'cd', 'pushd', 'popd', 'mapfile', 'readarray', 'let', 'shift']);

/** The first credential file a word of `line` names, relative to `cwd` or the home folder. */
function credentialNamedIn(line: string, cwd: string, facts: Facts): CredentialFileInfo | undefined {
  const tokens = line.split(/[\s'"`;|&()<>{}=,:@]+/).slice(0, MAX_TOKENS);
  // Folders a pattern of the line matches (`s=(~/.aw*)` is ~/.aws): a computed word's written tail may follow one.
  const matchedFolders: string[] = [];
  for (const raw of tokens) {
    // `$HOME/.aws/credentials`, `${X}/config/master.key`: the written tail after the computed part.
    // `${f:-.env}` leaves `-.env`: the default's own text.
    const token = raw.replace(/^(?:\$[A-Za-z_]\w*|\$|[A-Za-z_]\w*(?=\/))+/, '').replace(/^[-+?](?=[.~/])/, '').slice(0, MAX_TOKEN);
    // A word of the line, not an option reader: option-looking words and addresses name no file here.
    if (!/[./]/.test(token) || /^[a-z][a-z0-9+.-]*:\/\//i.test(token) || token.startsWith('-')) continue;
    // `s=(~/.aw*); cat "$s/credentials"`, `for f in .e?v`: a pattern the line lists may be the credential file it matches.
    if (/[*?[]/.test(token)) {
      const matched = globNamedCredential(token, cwd, facts, matchedFolders);
      if (matched) return matched;
      continue;
    }
    const rel = token.replace(/^~?\/+/, '');
    // An absolute-looking tail may follow a computed folder (`${X}/.aws/credentials`): read under both roots too.
    const places = [...(token.startsWith('/') ? [token] : []), resolvePath(cwd, rel, facts.home), resolvePath(facts.home, rel, facts.home), ...(token.startsWith('/') ? matchedFolders.map((f) => f + token) : [])];
    // `${XDG_RUNTIME_DIR}/containers/auth.json`: the session's runtime folder (/run/user/UID), where podman keeps its logins.
    if (token.startsWith('/') && line.includes('XDG_RUNTIME_DIR')) places.push('/run/user/0' + token);
    for (const abs of places) {
      const info = infoFor(abs, facts);
      if (info) return info;
      const match = matchCredentialPath(abs, facts.home);
      if (match && !match.needsAuthLine) return { path: token, kind: match.kind, label: match.label } as CredentialFileInfo;
    }
  }
  return undefined;
}

/**
 * A computed word read as a pattern, each piece the line cannot know (`${Z}`, `$(…)`) a `*`: the first
 * credential file it may be. Only words with literal text of their own around the unknown pieces
 * (`.e${Z}nv`, `~/.a${x}s/credentials`); `"$f"` or `$DIR/x` alone say nothing about which file.
 */
function splicedCredential(word: ArgWord, cwd: string, facts: Facts): CredentialFileInfo | undefined {
  const raw = word.raw.replace(/^["']|["']$/g, '').replace(/["']/g, '');
  if (raw.length > MAX_TOKEN || !/\$/.test(raw)) return undefined;
  const pattern = raw.replace(/\$\((?:[^()]|\([^()]*\))*\)|`[^`]*`|\$\{[^}]*\}|\$[A-Za-z_]\w*|\$[0-9@*#?$!-]/g, '*').replace(/\*+/g, '*');
  if (/\$/.test(pattern) || pattern.startsWith('*')) return undefined;
  const literal = pattern.slice(pattern.lastIndexOf('/') + 1);
  if (!literal.includes('*') || literal.replace(/\*/g, '').length < 2) return undefined;
  return globNamedCredential(pattern, cwd, facts, []);
}

/** A word that is one process substitution and nothing else. */
const PROCESS_SUBSTITUTION = /^[<>]\((?:[^()]|\([^()]*\))*\)$/;

/** The first credential file a pattern written on the line matches, read as the folder it starts in and, for `~/`, the home folder. */
function globNamedCredential(token: string, cwd: string, facts: Facts, folders: string[]): CredentialFileInfo | undefined {
  for (const p of pathsOfWord({ text: token, raw: token, dynamic: false, glob: true }, cwd, facts)) {
    if (folders.length < 8 && facts.listDir(p) !== undefined) folders.push(p.replace(/\/+$/, ''));
    const info = infoFor(p, facts);
    if (info) return info;
    const match = matchCredentialPath(p, facts.home);
    if (match && !match.needsAuthLine) return { path: p, kind: match.kind, label: match.label } as CredentialFileInfo;
  }
  return undefined;
}

function computedReads(computed: ComputedWords): ArgWord | undefined {
  for (const e of computed.effects) if (e.kind === 'read') return e.word;
  // `curl -F f=@"$p"`, `-d @$p`: an argument read as a file.
  return computed.fileArgs[0];
}

export function checkUnresolvedCredentialReads(analysis: Analysis, ctx: RuleContext): Finding[] {
  const line = analysis.text;
  if (line === undefined || !lineComputesPaths(analysis)) return [];
  const facts = ctx.facts;
  let info: CredentialFileInfo | undefined | null = null;
  for (const inv of analysis.invocations) {
    if (inv.remote || METADATA_ONLY.has(inv.name)) continue;
    const computed = computedWordsOf(inv);
    if (computed.none) continue;
    const redirected = computed.redirects.find((r) => r.op === '<' || r.op === '<>')?.target;
    const word = redirected ?? (NO_FILE_WORDS.has(inv.name) ? undefined : computedReads(computed));
    // `diff <(cut -d= -f1 .env.example) <(cut -d= -f1 .env)`: a process substitution is a pipe; what it
    // carries is the inner commands' output, judged as their own invocations.
    if (!word || printsNoContent(inv) || PROCESS_SUBSTITUTION.test(word.raw)) continue;
    if (info === null) info = credentialNamedIn(line, inv.cwd || facts.cwd, facts);
    // `cat .e${Z}nv`: the word's own literal pieces around what the line cannot know, as a pattern.
    const spliced = info ? undefined : splicedCredential(word, inv.cwd || facts.cwd, facts);
    if (spliced) return [readFinding('may read', spliced, `${inv.name} (given ${word.raw.slice(0, 80)}: a path whose unknown pieces may spell it)`)];
    if (!info) continue;
    return [readFinding('may read', info, `${inv.name} (given ${word.raw.slice(0, 80)}, a path known only at run time, on a line naming it)`)];
  }
  return [];
}
