import type { ArgWord, Finding, Invocation, RuleContext } from '../../policy/types';
import { credentialFilesNamedIn } from '../credentialHunt';
import { readFinding } from '../credentials';
import { dump, dumpTarget, isSecretVariableName } from './huntCommon';

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

function shellText(inv: Invocation): string[] {
  const out: string[] = [];
  const args = inv.args;
  for (let i = 0; i < args.length; i++) {
    const t = (args[i] as ArgWord).text;
    if (t === '--commands' || t === '--command' || (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(t) && !t.startsWith('--'))) {
      const next = args[i + 1];
      if (next) out.push(next.text);
      break;
    }
    if (t.startsWith('--command=') || t.startsWith('--commands=')) {
      out.push(t.slice(t.indexOf('=') + 1));
      break;
    }
  }
  if (inv.stdin?.kind === 'heredoc' || inv.stdin?.kind === 'herestring') out.push(inv.stdin.text);
  return out;
}

export function checkForeignShellText(inv: Invocation, ctx: RuleContext): Finding[] {
  const name = inv.name;
  if (!FOREIGN_SHELLS.has(name) && name !== 'zsh') return [];
  const facts = ctx.facts;
  const out: Finding[] = [];
  for (const text of shellText(inv).slice(0, 4)) {
    if (name === 'zsh' && !ZSH_ONLY.test(text)) continue;
    const plain = text
      .slice(0, 20_000)
      .replace(HOME_SPELLINGS, '~')
      .replace(/\$"/g, '"')
      .replace(/\$\{?\w+\[/g, ' ')
      .replace(/[[\]]/g, ' ');
    const how = `${name} text (a language the guard reads only in part)`;
    for (const info of credentialFilesNamedIn(plain, inv.cwd || facts.cwd, facts)) out.push(readFinding('names', info, how));
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
