import { grammarOf, has, readEffectArgs, values } from '../../policy/effectOptions';
import type { ArgWord, Invocation } from '../../policy/types';
import { freeFormReadings } from '../../registry/freeForm';

/**
 * Reads of a credential file that print none of its secrets: the names of an environment file's
 * variables (`cut -d= -f1 .env`, `awk -F= '{print $1}' .env`, a sed that deletes from the first `=`, `grep -o` of an upper-case name at the line start), a count or a file name for a variable's
 * name (`grep -c DATABASE_URL .env`, `rg -l TOKEN`), a key's fingerprint (`ssh-keygen -lf key`).
 * A pattern that could spell part of a value (digits, mixed case) is not a name: repeated counts would
 * read the value one guess at a time.
 */

const NAME_PATTERN = /^\^?([A-Z][A-Z0-9_]*|[a-z][a-z_-]*)=?$/;
/** A pattern every line (or every non-empty line) matches: its count is the file's length, nothing of a value. */
const EVERY_LINE = /^(\.|\^|\$|\.\*|\^\.\*\$?|\^\$?|)$/;
/** A setting's separator or a comment mark: `grep -c = .env` counts the settings, nothing of a value. */
const SEPARATOR_ONLY = /^\^?[=#]$/;

/** `-d=`, `-d '='`, `--delimiter==`: the delimiter. */
function optionValue(args: readonly ArgWord[], short: string, long: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const t = (args[i] as ArgWord).text;
    if (t === short || t === long) return args[i + 1]?.text;
    if (t.startsWith(long + '=')) return t.slice(long.length + 1);
    if (t.startsWith(short) && t.length > short.length && !t.startsWith('--')) return t.slice(short.length);
  }
  return undefined;
}

function cutPrintsKeys(args: readonly ArgWord[]): boolean {
  const delimiter = optionValue(args, '-d', '--delimiter');
  const fields = optionValue(args, '-f', '--fields');
  return delimiter === '=' && fields === '1';
}

function awkPrintsKeys(args: readonly ArgWord[]): boolean {
  let separator: string | undefined;
  let program: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const t = (args[i] as ArgWord).text;
    if (t === '-F') separator = args[++i]?.text;
    else if (t.startsWith('-F')) separator = t.slice(2);
    else if (t === '-v' && (args[i + 1]?.text ?? '').startsWith('FS=')) separator = (args[++i]?.text ?? '').slice(3);
    else if (t.startsWith('-')) return false;
    else if (program === undefined) program = t;
  }
  if (separator === undefined || !/^['"]?=['"]?$/.test(separator) || program === undefined) return false;
  const m = /^\s*([^{}]*)\{\s*print\s+\$1\s*;?\s*\}\s*$/.exec(program);
  return m !== null && !/getline|system|ENVIRON|print|printf|>|\|/.test(m[1] ?? '');
}

const NAMES_OR_COUNTS = new Set(['-c', '--count', '-l', '--files-with-matches', '-L', '--files-without-match', '-q', '--quiet', '--silent', '--count-matches']);
const CONTENT_OPTIONS = /^(-o|--only-matching|-A|-B|-C|--context|--after-context|--before-context|--passthru|-v|--invert-match)/;

/** `grep -c . .env`, `grep -l SECRET -r config`: counts or file names for a name (or for every line), no line printed. */
export function searchPrintsNoContent(args: readonly ArgWord[], everyLineOnly = false, tool = 'grep'): boolean {
  // ripgrep's -L follows links and prints lines.
  const namesLetters = tool === 'rg' ? /[clq]/ : /[clLq]/;
  let quiet = false;
  const patterns: string[] = [];
  let positional: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const t = (args[i] as ArgWord).text;
    if (CONTENT_OPTIONS.test(t)) return false;
    if (NAMES_OR_COUNTS.has(t) && !(tool === 'rg' && t === '-L')) quiet = true;
    else if (t === '-e' || t === '--regexp') patterns.push(args[++i]?.text ?? '');
    else if (t.startsWith('--regexp=')) patterns.push(t.slice(9));
    else if (t === '-f' || t === '--file' || t.startsWith('--file=')) return false;
    else if (/^-[a-zA-Z]+$/.test(t)) {
      if (/[vo]/.test(t)) return false;
      if (namesLetters.test(t)) quiet = true;
      if (t.endsWith('e')) patterns.push(args[++i]?.text ?? '');
    } else if (!t.startsWith('-') && positional === undefined) positional = t;
  }
  if (patterns.length === 0 && positional !== undefined) patterns.push(positional);
  return quiet && patterns.length > 0 && patterns.every((p) => ((!everyLineOnly && (NAME_PATTERN.test(p) || SEPARATOR_ONLY.test(p))) || EVERY_LINE.test(p)) && p.length <= 64);
}

/** A search that prints file names or counts only (`rg -l TOKEN`): it reveals only the files whose lines match. */
export function searchListsOnly(args: readonly ArgWord[], tool = 'ag'): boolean {
  let quiet = false;
  // ripgrep's -L follows links (its names-only options are -l, -c, -q and --files-without-match).
  const letters = tool === 'rg' ? /^-[a-zA-Z]*[clq][a-zA-Z]*$/ : /^-[a-zA-Z]*[clLq][a-zA-Z]*$/;
  for (const a of args) {
    const t = a.text;
    if (CONTENT_OPTIONS.test(t) || /^-[a-zA-Z]*[vo]/.test(t) && !t.startsWith('--')) return false;
    if ((NAMES_OR_COUNTS.has(t) && !(tool === 'rg' && t === '-L')) || letters.test(t) && !t.startsWith('--')) quiet = true;
  }
  return quiet;
}

/**
 * `sed 's|=.*||' .env` (any delimiter, `$` anchor, `-E`, `-n` with `p`): one substitution that deletes
 * from the first `=` to the end of the line, so each line's name is left (as `cut -d= -f1` leaves it).
 */
/** A sed that deletes from the first '=' over a file, or over a listing piped in (env piped to that sed). */
function sedPrintsKeys(args: readonly ArgWord[], fromPipe = false): boolean {
  const programs: string[] = [];
  let files = 0;
  for (let i = 0; i < args.length; i++) {
    const t = (args[i] as ArgWord).text;
    if (t === '-e' || t === '--expression') programs.push(args[++i]?.text ?? '');
    else if (t.startsWith('--expression=')) programs.push(t.slice(13));
    else if (/^-[nEr]+$/.test(t) || t === '--posix' || t === '--quiet' || t === '--silent' || t === '--regexp-extended') continue;
    else if (t.startsWith('-')) return false;
    else if (programs.length === 0) programs.push(t);
    else files++;
  }
  return (files > 0 || fromPipe) && programs.length === 1 && /^s([/|#,:])=\.\*\$?\1\1g?p?$/.test(programs[0] ?? '');
}

/**
 * `sed -i 's/DEBUG = False/DEBUG = True/' settings.py`: substitutions written back into the file, nothing
 * printed (no `p`, `w` or `e` flag, no other command, no -n/-s that would change that).
 */
function sedEditsInPlaceQuietly(args: readonly ArgWord[]): boolean {
  const read = readEffectArgs(args, grammarOf('sed'));
  if (!has(read, 'i', 'in-place') || read.options.some((o) => !['i', 'in-place', 'e', 'expression', 'E', 'r', 'regexp-extended', 'posix'].includes(o.name))) return false;
  const given = values(read, 'e', 'expression').map((w) => w.text);
  const scripts = given.length > 0 ? given : read.operands.slice(0, 1).map((w) => w.text);
  const files = read.operands.length - (given.length > 0 ? 0 : 1);
  const substitution = /^s([/|#,:@])(?:\\.|(?!\1)[^\\\n])*\1(?:\\.|(?!\1)[^\\\n])*\1[gI0-9]*$/;
  return files > 0 && scripts.length > 0 && scripts.every((s) => s.split(';').every((part) => substitution.test(part.trim())));
}

/** `grep -o` of `^[A-Z_]` or `^[A-Z0-9_]` repeated: only an upper-case name at the start of each line is printed. */
function grepPrintsKeys(args: readonly ArgWord[]): boolean {
  let only = false;
  const patterns: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const t = (args[i] as ArgWord).text;
    if (t === '-e' || t === '--regexp') patterns.push(args[++i]?.text ?? '');
    else if (t === '--only-matching') only = true;
    else if (/^-[oEhHnsI]+$/.test(t)) only ||= t.includes('o');
    else if (t.startsWith('-')) return false;
    else if (patterns.length === 0) patterns.push(t);
  }
  // Anchored at the line start and built only of name characters (`^[A-Z_]*SECRET[A-Z_]*`): the match stops before the `=`.
  return only && patterns.length === 1 && /^\^(\[(A-Z|a-z|0-9|_)+\](\*|\+|\\\+|\?)?|[A-Za-z0-9_])+=?$/.test(patterns[0] ?? '');
}

/**
 * `ssh-keygen -t ed25519 -f ~/.ssh/id_work -N ''`: making a new key writes the file and prints its
 * fingerprint. Any mode letter that reads a key (-y -e -p -c -l -B -i -s -Y -F -R -k -L -Q -A -D -u -T -M -H)
 * keeps it a read; an answer fed on standard input could say yes to overwriting a key there.
 */
function generatesKey(inv: Invocation): boolean {
  if (inv.stdin !== undefined) return false;
  // In a cluster, the letters after one that takes a value (-t -f -N -C -b -a -Z -O -w) are that value.
  const flags = inv.args.filter((a) => /^-[a-zA-Z]/.test(a.text)).map((a) => a.text.slice(1).replace(/^([^tfNCbaZOw]*[tfNCbaZOw]).*$/, '$1')).join('');
  return flags.includes('t') && !/[^tfNCbaqZOw]/.test(flags);
}

/**
 * `openssl x509 -in cert.pem -noout -dates`, `openssl req -in csr.pem -noout -text`, `openssl crl -in x`:
 * these load a certificate, a request or a revocation list; handed a private key they fail to load it, so
 * they print no key. Any option that names, makes or unlocks a key keeps it a read.
 */
function printsCertificateOnly(args: readonly ArgWord[]): boolean {
  if (!/^(x509|req|crl)$/.test(args[0]?.text ?? '')) return false;
  return !args.some((a) => /^--?(key|signkey|CAkey|CAkeyform|keyform|keyout|newkey|new|passin|pass|x509toreq|nodes|noenc|engine|provider)$/i.test(a.text.split('=')[0]!));
}

function fingerprintOnly(args: readonly ArgWord[]): boolean {
  const flags = args.filter((a) => /^-[a-zA-Z]+$/.test(a.text)).map((a) => a.text.slice(1)).join('');
  return /[lB]/.test(flags) && !/[yepcNPm]/.test(flags);
}

/** `diff -q a b`, `diff --brief -r x y`: whether files differ (or exist on one side), never a line. */
function diffBriefOnly(args: readonly ArgWord[]): boolean {
  let brief = false;
  for (const a of args) {
    const t = a.text;
    if (t === '--') break;
    if (t === '--brief' || /^-[a-zA-Z]*q[a-zA-Z]*$/.test(t)) brief = true;
    if (t.startsWith('-') && !/^(-[qrsNiwbBEZaT]+|--brief|--recursive|--report-identical-files|--new-file|--ignore-case|--ignore-all-space|--ignore-space-change|--ignore-blank-lines|--strip-trailing-cr)$/.test(t)) return false;
  }
  return brief;
}

/**
 * `env | grep -c SECRET`, `env | grep -q DB_PASSWORD`, `env | grep -o '^[A-Z_]*SECRET[A-Z_]*'`: patterns spelled as
 * upper-case variable names with case kept match names, and a count or a status tells nothing of a value; a
 * lower-case or case-blind pattern (`grep -c -i token`, `grep -c sk_live`) could test a value's start.
 */
export function environmentNamesOnly(args: readonly ArgWord[]): boolean {
  if (args.some((a) => a.dynamic)) return false;
  // `env | grep -c .`: a count of every line.
  if (grepPrintsKeys(args) || searchPrintsNoContent(args, true)) return true;
  if (args.some((a) => /^-[a-zA-Z]*i[a-zA-Z]*$|^--ignore-case$/.test(a.text))) return false;
  return searchPrintsNoContent(args) && args.filter((a) => /^[^-]/.test(a.text)).every((a) => /^\^?[A-Z][A-Z0-9_]*=?$/.test(a.text));
}

/**
 * Stop 40 (round 34: `kpcli --kdb team.kdbx --command "ls Production"`): a program given a store and one command to run in it,
 * where that command only lists names (`ls`, `list`, `dir`, with a folder or group and nothing else): entry names print, no secret.
 * `show`, `cat`, `get`, `export`, a listing with options, or a second command keep it a read.
 */
function listingCommandOnly(args: readonly ArgWord[]): boolean {
  const commands = freeFormReadings(args).valued.options.filter((o) => /^(--command|--cmd|-c|--exec)$/.test(o.name)).map((o) => o.values[0] ?? '');
  return commands.length > 0 && commands.every((c) => /^\s*(ls|list|dir)(\s+["']?[\w./ -]*["']?)?\s*$/.test(c) && !/\s-/.test(c));
}

/** `fromPipe`: the program reads a listing piped into it (no file operand needed). */
export function printsNoContent(inv: Invocation, fromPipe = false): boolean {
  if (inv.args.some((a) => a.dynamic)) return false;
  switch (inv.name) {
    case 'cut':
      return cutPrintsKeys(inv.args);
    case 'awk':
    case 'gawk':
    case 'mawk':
    case 'nawk':
      return awkPrintsKeys(inv.args);
    case 'sed':
      return sedPrintsKeys(inv.args, fromPipe) || sedEditsInPlaceQuietly(inv.args);
    case 'black':
      // Rewrites the file and names it; --diff/--code/`-` print source.
      return !inv.args.some((a) => /^(--diff|-c|--code|-)$/.test(a.text) || a.text.startsWith('--code='));
    case 'prettier':
      // Without --write/--check/--list-different prettier prints the formatted file.
      return inv.args.some((a) => /^(--check|-c|--write|-w|--list-different|-l)$/.test(a.text)) && !inv.args.some((a) => a.text === '--stdin-filepath');
    case 'grep':
    case 'egrep':
    case 'fgrep':
      if (grepPrintsKeys(inv.args)) return true;
      // Recursive too: the names of the files that hold a setting's name (`grep -l SECRET -r config`) print none of its value.
      return searchPrintsNoContent(inv.args);
    case 'rg':
      // Searching hidden or ignored files too (`rg -l --hidden DATABASE_URL`) is a hunt through .env files: the hunt rules judge it.
      return !inv.args.some((a) => /^(--hidden|--no-ignore.*|--unrestricted|-[a-zA-Z]*u[a-zA-Z]*|--skip-vcs-ignores|-U|--all-types|-a|-\.)$/.test(a.text)) && searchPrintsNoContent(inv.args, false, 'rg');
    case 'ssh-keygen':
      return fingerprintOnly(inv.args) || generatesKey(inv);
    case 'openssl':
      return printsCertificateOnly(inv.args);
    case 'diff':
      return diffBriefOnly(inv.args);
    default:
      return listingCommandOnly(inv.args);
  }
}

/** jq's switches that change only how its output looks. */
const JQ_LOOKS = new Set(['-r', '-c', '-j', '-a', '-S', '-e', '-M', '-C', '-rc', '-cr', '--raw-output', '--compact-output', '--join-output', '--ascii-output', '--sort-keys', '--tab', '--exit-status', '--monochrome-output']);

/** `… -o json | jq '.data | keys'`: a JSON dump piped into a jq that prints only the names of its keys (or a count). */
export function jqPrintsOnlyKeys(inv: Invocation): boolean {
  if (!['jq', 'gojq', 'jaq'].includes(inv.pipedInto ?? '')) return false;
  // Its standard output goes to jq, not to a file or the screen (`>&2`); stderr may be sent anywhere.
  if (inv.redirects.some((r) => r.fd === 1 || (r.fd === undefined && !r.op.startsWith('<')))) return false;
  const args = inv.pipedArgs ?? [];
  const filters = args.filter((a) => !JQ_LOOKS.has(a.text));
  const filter = filters[0];
  return filters.length === 1 && !filter!.dynamic && /^\s*(\.[A-Za-z_][\w]*\s*\|\s*)*(keys(_unsorted)?(\s*\[\])?|length)\s*$/.test(filter!.text);
}

/** Fields of a Kubernetes object that hold no data: its kind, type and identity (not annotations, which may hold the last applied object). */
const OBJECT_FIELD = /^(\.items\[(\*|\d+)\])?\.(kind|apiVersion|type|immutable|metadata\.(name|namespace|creationTimestamp|deletionTimestamp|uid|resourceVersion|generation))$/;

/**
 * `kubectl get secret db -o jsonpath='{.type}'`, `{range .items[*]}{.metadata.name}{"\n"}{end}`: a template
 * that prints only the object's kind, type and identity (and its own literal text), no data field, no filter
 * (`?(@.data.x=="…")` would test a value).
 */
export function jsonpathPrintsOnlyIdentity(template: string): boolean {
  const parts = template.match(/\{[^{}]*\}|[^{}]+/g) ?? [];
  if (parts.join('') !== template || !parts.some((p) => p.startsWith('{'))) return false;
  return parts.every((p) => {
    if (!p.startsWith('{')) return true;
    const inner = p.slice(1, -1).trim();
    return OBJECT_FIELD.test(inner) || /^range \.items\[\*\]$/.test(inner) || inner === 'end' || /^"(\\[nt]|[^"\\])*"$/.test(inner);
  });
}

