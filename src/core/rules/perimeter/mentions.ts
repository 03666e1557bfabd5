import type { PerimeterView } from './protectedPaths';
import { decodedLiterals } from './encodedLiterals';
import { STARTUP_NEEDLES } from './startupPlaces';
import { namesTokenFiles, textGlobReachesTokens } from './windowTokens';

/**
 * Does a piece of text (interpreter code, a sed script, an argument of a command nobody described)
 * name a protected place? Paths in code are often built: `'.cla' + 'ude/settings.json'`,
 * `os.path.join(home, '.claude')`, `'\x2eclaude'`, `chr(46) + 'claude'`, `'nosj.sgnittes'[::-1]`. The
 * text is read in several spellings (as written, escapes decoded, quotes and `+`/`.`/`..` removed, commas as
 * folder separators, reversed) and each is searched for the protected names. A match is enough:
 * the perimeter treats code that names a protected place and is not known to only read as a writer.
 */

const BEFORE = '(?<![a-z0-9_])';
const AFTER = '(?![a-z0-9_-])';

const NEEDLES: readonly { re: RegExp; label: (m: RegExpExecArray) => string }[] = [
  { re: new RegExp(`${BEFORE}\\.(cursor|claude|clinerules|copilot|gemini|codex|windsurf|codeium)${AFTER}`), label: (m) => `the agent configuration folder .${m[1]}` },
  { re: new RegExp(`${BEFORE}\\.blast-shield${AFTER}`), label: () => "Blast Shield's own files" },
  { re: new RegExp(`\\.github/hooks${AFTER}`), label: () => 'the VS Code / Copilot hook folder (.github/hooks)' },
  { re: new RegExp(`\\.kiro/hooks${AFTER}`), label: () => 'the Kiro agent hooks (.kiro/hooks)' },
  { re: new RegExp(`documents/cline${AFTER}`), label: () => "Cline's hook folder (Documents/Cline)" },
  {
    re: new RegExp(`${BEFORE}\\.(bashrc|bash_profile|bash_login|bash_logout|profile|zshenv|zshrc|zprofile|zlogin|zlogout|pam_environment|xprofile|xsessionrc)${AFTER}`),
    label: (m) => `the shell start-up file .${m[1]}`,
  },
  { re: new RegExp(`\\.config/(fish|environment\\.d)${AFTER}`), label: (m) => `the shell start-up folder .config/${m[1]}` },
  { re: new RegExp(`${BEFORE}/etc/(profile|environment|bash\\.bashrc|bashrc|zsh|zshenv|zshrc|zprofile|fish)${AFTER}`), label: (m) => `the system start-up file /etc/${m[1]}` },
  {
    re: /(\.config|application ?support|appdata\/roaming|\.local\/share)\/(code|code ?- ?insiders|code ?- ?oss|vscodium|cursor|windsurf|positron|code-server)(\/user|\/?$|[^a-z0-9_/-])/,
    label: () => "the editor's user settings",
  },
  { re: /-server\/data\/(machine|user)/, label: () => "the editor's machine settings" },
  { re: /extensions\/blast-shield\./, label: () => 'the Blast Shield extension itself' },
  { re: /blast_shield_home/, label: () => "Blast Shield's own folder (BLAST_SHIELD_HOME)" },
  { re: /blastshield\.[a-z]/, label: () => "Blast Shield's settings" },
  { re: /blast-shield\.blast-shield/, label: () => 'the Blast Shield extension itself' },
  { re: STARTUP_NEEDLES, label: (m) => `the shell start-up file ${m[0]}` },
  { re: /extensions\/(extensions\.json|\.obsolete)|globalstorage\/state\.vscdb|state\.vscdb/, label: () => "the editor's extension list or state" },
  { re: /\/etc\/(claude-code|codex|gemini-cli)\/|managed-settings\.json/, label: () => "an agent's managed settings" },
  // Stop 34: Python's start-up code by name, and a .pth file in a folder the code names as site-packages (`site.getsitepackages()`).
  {
    re: new RegExp(`${BEFORE}(sitecustomize|usercustomize)\\.py${AFTER}|(site-packages|dist-packages|getsitepackages|getusersitepackages|user_site)[^\\n]{0,160}?[\\w-]\\.pth${AFTER}`),
    label: () => 'Python start-up code (sitecustomize, usercustomize or a .pth file in site-packages), run by every python process',
  },
  { re: new RegExp(`${BEFORE}(\\.nvmrc|\\.node-version|\\.tool-versions|ld\\.so\\.preload|\\.local/bin/node|\\.nvm/alias/default)${AFTER}`), label: (m) => `the runtime selection ${m[1]}` },
];

function decodeEscapes(text: string): string {
  return text
    .replace(/\\x([0-9a-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\\u\{?([0-9a-f]{4})\}?/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\\([0-3][0-7]{2})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8)))
    .replace(/\b(?:chr|unichr)\s*\(\s*(\d{1,3})\s*\)/g, (_m, d: string) => `'${String.fromCharCode(Number(d))}'`)
    .replace(/string\.fromcharcode\s*\(([\d\s,]{1,400})\)/g, (_m, list: string) => `'${list.split(',').map((d) => String.fromCharCode(Number(d.trim()))).join('')}'`);
}

/** The spellings of `text` to search, lower-cased; the costlier ones only when the text could need them. */
export function spellings(text: string): readonly string[] {
  // The line is searched by several judges one after the other (mentionIn, the guard home's names): spelled once.
  if (text === lastSpelled?.text) return lastSpelled.list;
  const list = spellingsNow(text);
  lastSpelled = { text, list };
  return list;
}

let lastSpelled: { text: string; list: readonly string[] } | undefined;

/**
 * A method call as written, `connect(dsn).cursor().execute(…)`: the name follows a call or an index and is
 * called, which no path spells (the folder's name would hold the parentheses). Only the text as written
 * is read so; a name glued from literals (`(h)+'.cur'+'sor'+('')`) is still searched in every other spelling.
 */
const METHOD_CALL = /([\w)\]])\s*\.\s*(cursor|claude|clinerules|copilot|gemini|codex|windsurf|codeium)\s*\(/g;

function spellingsNow(text: string): string[] {
  const written = text.toLowerCase().replace(METHOD_CALL, '$1.$2_(');
  const escaped = /\\[xu0-3]|chr|fromcharcode/.test(written) ? decodeEscapes(written) : written;
  // Perl's and PHP's `.`, Lua's `..` between two literals: `"/.blast"."-shield"`, `"/.blast".."-shield"`.
  // A closing quote follows a character of the literal, never `(`, `,`, `+` or a space (`chr(46)` decoded is `'.'`).
  const decoded = /['"]\s*\.\.?\s*['"]/.test(escaped) ? escaped.replace(/(?<=[^'"\s(,+=[{])(['"])\s*\.\.?\s*(['"])/g, '$1$2') : escaped;
  const joined = decoded.replace(/\$\{|[\s'"`+\\}]/g, '');
  const foldered = joined.replace(/,/g, '/');
  // `['.cur', 'sor'].join('')`
  const glued = joined.replace(/,/g, '');
  const out = [written, escaped, decoded, joined, foldered, glued];
  if (/\[::-1\]|reverse|\brev\b/.test(written)) out.push([...joined].reverse().join(''));
  if (/b64|base64|atob|fromhex|unhexlify|hex/.test(written)) for (const decoded of decodedLiterals(text)) out.push(decoded.toLowerCase());
  return [...new Set(out)];
}

/** All needles in one pass; the single ones only name what matched. */
const ANY_NEEDLE = new RegExp(NEEDLES.map((n) => `(?:${n.re.source})`).join('|'));

const fixedNeedlesOf = new WeakMap<PerimeterView, string[]>();

/** Absolute places from the facts that may appear in text as written: the guard home wherever it was moved, installed configs. */
function fixedNeedles(view: PerimeterView): string[] {
  const cached = fixedNeedlesOf.get(view);
  if (cached) return cached;
  const out: string[] = [];
  const add = (path: string): void => {
    const l = path.toLowerCase();
    out.push(l, l.replace(/\s/g, ''));
    if (view.home !== '/' && l.startsWith(view.home.toLowerCase() + '/')) out.push('~' + l.slice(view.home.length));
  };
  for (const g of view.guardHomes) add(g);
  for (const f of view.installed) add(f);
  for (const f of view.startupFiles) add(f);
  for (const a of view.aliases) add(a.real);
  const needles = [...new Set(out)];
  fixedNeedlesOf.set(view, needles);
  return needles;
}

/** Every needle holds a dot, a slash or "blast"; escapes need a backslash or a char-code call. */
const MAY_NAME_A_PLACE = /[./\\~]|blast|chr|fromcharcode/i;

/** The first protected place `text` names, as a label, or undefined. */
export function mentionIn(text: string, view: PerimeterView): string | undefined {
  if (text.length === 0 || !MAY_NAME_A_PLACE.test(text)) return undefined;
  const fixed = fixedNeedles(view);
  for (const spelling of spellings(text)) {
    if (ANY_NEEDLE.test(spelling)) {
      for (const needle of NEEDLES) {
        const m = needle.re.exec(spelling);
        if (m) return needle.label(m);
      }
    }
    for (const place of fixed) {
      const at = spelling.indexOf(place);
      if (at >= 0 && !/[a-z0-9_-]/.test(spelling[at + place.length] ?? '')) return place;
    }
  }
  return undefined;
}

/**
 * The same search over the text as written only (lower-cased): for text too large to spell every way within one
 * decision's time (an analysis that ran out of budget), so names glued or encoded are not found there.
 */
export function mentionAsWritten(text: string, view: PerimeterView): string | undefined {
  if (text.length <= SPELLED_IN_FULL) return mentionIn(text, view);
  const written = text.toLowerCase();
  if (ANY_NEEDLE.test(written)) for (const needle of NEEDLES) {
    const m = needle.re.exec(written);
    if (m) return needle.label(m);
  }
  return fixedNeedles(view).find((place) => written.includes(place));
}

/** Up to this size every spelling is searched within a few milliseconds. */
const SPELLED_IN_FULL = 64 * 1024;

/** Does the text name the window-token folder (`.blast-shield/ipc`, `$BLAST_SHIELD_HOME/ipc`, the moved guard home's `ipc`)? */
export function mentionsWindowTokens(text: string, view: PerimeterView): boolean {
  const l = text.toLowerCase();
  if (/\.blast-shield[^/\s]*\/ipc|blast_shield_home\}?\/ipc/.test(l)) return true;
  if (view.guardHomes.some((g) => l.includes(g.toLowerCase() + '/ipc'))) return true;
  return namesTokenFiles(l) || textGlobReachesTokens(text, view);
}
