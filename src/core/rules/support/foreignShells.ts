import type { CredentialFileInfo, Finding, Invocation, RuleContext } from '../../policy/types';
import { credentialFilesNamedIn } from '../credentialHunt';
import { readFinding } from '../credentials';
import { dump, dumpTarget, isSecretVariableName } from './huntCommon';
import { freeFormReadings, optionValue } from '../../registry/freeForm';

/**
 * Shells whose language the walker reads as POSIX text only in part: fish (`set f ~/.aws/credentials;
 * cat $f`, `read -z < file`, `string collect`), Nushell (`open FILE` prints it, `$env.NAME`, `$env`),
 * Elvish (`slurp < FILE`, `$E:NAME`), xonsh (Python and shell mixed), csh/tcsh, Oil's ysh, and zsh
 * when the text uses what only zsh has (`zmodload zsh/mapfile; $mapfile[FILE]`, `${(f)…}`, `=(…)`).
 * What such text does with a file cannot be known with confidence, so naming a credential file in it
 * asks, as do the forms these shells use to print a secret variable or the whole environment.
 */
const FOREIGN_SHELLS = new Set(['fish', 'nu', 'elvish', 'xonsh', 'csh', 'tcsh', 'ysh']);
/** zsh text the POSIX reading misses: modules, subscripts of special arrays, parameter flags, `=(…)`. */
const ZSH_ONLY = /\bzmodload\b|\$\{?mapfile\b|\$\{\([^)]*\)|\$\{?\w+\[|(^|\s)=\(/;

/** Spellings of the home folder in these shells, read as `~`. */
const HOME_SPELLINGS = /\(\s*\$env\.HOME\s*\)|\(\s*\$nu\.home-path\s*\)|\$\{HOME\}|\$HOME\b|\$env\.HOME\b|\$E:HOME\b|\$nu\.home-path\b|\$env:(HOME|USERPROFILE)\b|\$\{env:(HOME|USERPROFILE)\}/g;

/** `$env.NAME` (nu), `$E:NAME` (elvish), `$env:NAME` (PowerShell-like), `${'NAME'}`/`${"NAME"}` (xonsh). */
const NAMED_VARIABLE = /\$(?:env\.|E:|env:)([A-Za-z_][A-Za-z0-9_]*)|\$\{\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]\s*\}/g;
/** The whole environment: nu's `$env` (not `$env.NAME`), elvish's `env` is external, xonsh's `${...}`. */
const WHOLE_ENV = /\$env\b(?![.:]\w)|\$\{\s*\.\.\.\s*\}/;
/** fish's `set` with options only (`set -x`, `set --show`, `set -gx`) lists variables with their values. */
const FISH_SET_LISTING = /(^|[;\n&|(]\s*)set((\s+-[-\w]+)*)\s*($|[;\n&|)])/;

/**
 * Credential files a text names in pieces: `[$env.HOME .aws credentials] | path join`, `path:join $E:HOME
 * .aws credentials`, `Join-Path $HOME .aws/credentials`: two or three neighbouring words joined with `/`
 * (after `~` when the first is not the home folder) are tried as one path.
 */
function joinedNames(text: string, cwd: string, facts: RuleContext['facts']): CredentialFileInfo[] {
  // Words of the script text (names a credential path may be built of): not an option reader.
  const words = [...text.matchAll(/[^\s'"`;|&(){}[\],=<>]+/g)].map((m) => m[0]).filter((w) => !w.startsWith('-') && !w.startsWith('$')).slice(0, 400);
  const out: CredentialFileInfo[] = [];
  for (let i = 0; i < words.length - 1 && out.length < 8; i++) {
    for (const n of [2, 3]) {
      const parts = words.slice(i, i + n);
      if (parts.length < n || !parts.slice(1).some((p) => /^\.[\w-]/.test(p) || /^(credentials|config\.json|id_\w+|hosts\.yml)$/.test(p))) continue;
      const joined = parts[0] === '~' ? parts.join('/') : `~/${parts.join('/')}`;
      for (const info of credentialFilesNamedIn(joined, cwd, facts)) if (!out.some((x) => x.path === info.path)) out.push(info);
    }
  }
  return out;
}

/** What reading a foreign shell's text costs per character, in work units (core/policy/workMeter.ts). */
const FOREIGN_TEXT_UNITS_PER_CHARACTER = 24;

/** PowerShell statements the cmdlet layer reads as POSIX commands, or that only look at an item: their mentions are judged there. */
const POWERSHELL_MODELLED = /^(get-content|gc|cat|type|set-content|sc|add-content|ac|out-file|clear-content|clc|copy-item|cpi|cp|copy|move-item|mi|mv|move|rename-item|rni|ren|remove-item|ri|rm|rmdir|rd|del|erase|new-item|ni|invoke-webrequest|iwr|invoke-restmethod|irm|start-bitstransfer|test-path|get-item|gi|get-childitem|gci|dir|ls|get-filehash|get-acl|set-acl|resolve-path|rvpa|split-path|get-itemproperty|gp|invoke-expression|iex|icacls|attrib|git|curl|curl\.exe|scp|ssh)$/i;

/** The statements of PowerShell text whose command the cmdlet layer does not model (.NET calls, other cmdlets). */
function unmodelledPowershell(text: string): string[] {
  // What a parenthesised expression computes (`Get-Content (Join-Path $HOME .aws/credentials)`) is a statement of its own.
  const inner = [...text.matchAll(/\(([^()]*)\)/g)].map((m) => m[1] ?? '').slice(0, 64);
  return [text, ...inner]
    .join('\n')
    .split(/[;\n|]|&&|\|\|/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && !POWERSHELL_MODELLED.test(s.split(/\s+/)[0] ?? ''));
}

function shellText(inv: Invocation): string[] {
  const out: string[] = [];
  const args = inv.args;
  if (inv.name === 'pwsh' || inv.name === 'powershell') {
    // `-Command TEXT…` (any prefix of at least three letters, or `-c`): the rest of the line is the text.
    const at = args.findIndex((a) => {
      const option = a.text.toLowerCase().replace(/^[-/]+/, '');
      return /^[-/]/.test(a.text) && (option === 'c' || (option.length >= 3 && 'command'.startsWith(option)));
    });
    if (at >= 0) out.push(args.slice(at + 1).map((a) => a.text).join(' '));
    return out;
  }
  // `-c TEXT`, `-lc TEXT`, `--command TEXT`, `--commands=TEXT`: the one grammar's reading with no description.
  const command = freeFormReadings(args).valued.options.find((o) => o.name === '--command' || o.name === '--commands' || /^-[a-zA-Z]*c[a-zA-Z]*$/.test(o.name));
  const text = command && optionValue(command);
  if (text !== undefined) out.push(text);
  if (inv.stdin?.kind === 'heredoc' || inv.stdin?.kind === 'herestring') out.push(inv.stdin.text);
  return out;
}

export function checkForeignShellText(inv: Invocation, ctx: RuleContext): Finding[] {
  const name = inv.name;
  const powershell = name === 'pwsh' || name === 'powershell';
  if (!FOREIGN_SHELLS.has(name) && name !== 'zsh' && !powershell) return [];
  const facts = ctx.facts;
  const out: Finding[] = [];
  for (const text of shellText(inv).slice(0, 4)) {
    if (name === 'zsh' && !ZSH_ONLY.test(text)) continue;
    const source = powershell ? unmodelledPowershell(text).join('\n') : text;
    if (source === '') continue;
    // Several passes over up to 20,000 characters: paid from the decision's budget (spent, it asks), so
    // text nested in text (`pwsh -Command "$(pwsh -Command …)"` 500 deep) cannot make it quadratic for free.
    if (ctx.work && !ctx.work.spend(FOREIGN_TEXT_UNITS_PER_CHARACTER * Math.min(source.length, 20_000))) break;
    const plain = source
      .slice(0, 20_000)
      .replace(HOME_SPELLINGS, '~')
      .replace(/\$"/g, '"')
      // Literals joined in place (`"~/.a" + "ws/credentials"`, `'~/.a''ws/x'`) are one name.
      .replace(/(['"])\s*(\+|\+\+|\.\.)?\s*(['"])/g, '')
      .replace(/\$\{?\w+\[/g, ' ')
      .replace(/[[\]]/g, ' ');
    const how = powershell ? `${name} text (.NET calls and cmdlets the guard does not model)` : `${name} text (a language the guard reads only in part)`;
    const named = credentialFilesNamedIn(plain, inv.cwd || facts.cwd, facts);
    for (const info of [...named, ...joinedNames(plain, inv.cwd || facts.cwd, facts).filter((j) => !named.some((n) => n.path === j.path))]) out.push(readFinding('names', info, how));
    if (powershell) continue;
    for (const m of text.matchAll(NAMED_VARIABLE)) {
      const variable = m[1] ?? m[2] ?? '';
      if (isSecretVariableName(variable)) out.push(dump('dump', `${how} reads the secret variable $${variable}.`, dumpTarget(`$${variable}`, ctx)));
    }
    const listing = name === 'fish' ? FISH_SET_LISTING.exec(text) : null;
    if (listing && !/\s-(-query|q|-erase|e|-names|n)\b/.test(listing[2] ?? '')) out.push(dump('dump', `fish's set${listing[2] ?? ''} lists variables with their values, every secret among them.`, dumpTarget('environment variables', ctx)));
    if (WHOLE_ENV.test(text)) out.push(dump('dump', `${how} reads the whole environment ($env), with every secret in it.`, dumpTarget('environment variables', ctx)));
  }
  return out;
}
checkForeignShellText.reactsTo = (name: string): boolean => FOREIGN_SHELLS.has(name) || name === 'zsh' || name === 'pwsh' || name === 'powershell';
