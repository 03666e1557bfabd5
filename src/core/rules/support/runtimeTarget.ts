import type { ArgWord } from '../../policy/types';

/**
 * A database target computed at run time: `psql "$(grep ^DATABASE_URL= .env.production | cut -d= -f2-)"`,
 * `DB=$(node -p "require('./config/production.json').database.url"); psql "$DB"`,
 * `psql "$(neonctl connection-string main)"`. Its value is not known, but where it is read from is:
 * the file's name says the environment (`.env.production`, `config/staging.json`), a platform CLI
 * says the place; nothing saying one leaves it unknown — and a target nobody can see is never
 * "this machine".
 */

/** The command substitutions that give a word its value: written in it, or reaching it through variables. */
export function substitutionsOf(word: ArgWord | undefined): string[] {
  if (!word) return [];
  const out = [...(word.sources ?? [])];
  if (/\$\(|`/.test(word.raw)) out.push(word.raw);
  return out;
}

const FILE_WITH_ENVIRONMENT = /(?:^|[\s'"/=(<])((?:[\w.-]+\/)*\.env\.[\w-]+|(?:[\w.-]+\/)*[\w-]*(?:prod|production|staging|stage|dev|development|test)[\w-]*\.(?:json|ya?ml|toml|ini|env|conf))\b/gi;

/** Environment hints from what a substitution reads: `.env.production` -> production; a platform's default branch. */
export function runtimeHints(substitutions: readonly string[]): { source: string; value: string }[] {
  const out: { source: string; value: string }[] = [];
  for (const text of substitutions.slice(0, 10)) {
    const t = text.slice(0, 2000);
    for (const m of t.matchAll(FILE_WITH_ENVIRONMENT)) {
      const file = m[1] ?? '';
      const name = file.split('/').pop() ?? file;
      out.push({ source: `read from ${file}`, value: name.replace(/^\.env\./, '') });
    }
    // Neon's and PlanetScale's default branch `main` is the production branch.
    if (/\b(neonctl|neon)\b[^|;]*\bconnection-string\b(?:\s+--?\S+(?:\s+\S+)?)*\s+main\b/.test(t) || /\b(neonctl|neon)\b[^|;]*\bconnection-string\s*(?:\)|$|--)/.test(t)) {
      out.push({ source: 'Neon default branch', value: 'production' });
    }
    const platform = /\b(heroku|railway|fly|flyctl|supabase|neonctl|pscale|doppler|vercel|render)\b[^|;]*?(?:-a|--app|--project(?:-id)?|-p|--environment|-e|--config|-c)[\s=]+([\w.-]+)/.exec(t);
    if (platform) out.push({ source: `${platform[1]} ${platform[2]}`.trim(), value: platform[2] ?? '' });
  }
  return out;
}
