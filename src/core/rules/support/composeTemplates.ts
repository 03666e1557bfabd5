import { dirname, resolvePath } from '../../paths';
import type { Invocation, RuleContext } from '../../policy/types';
import { infoFor } from './credentialPaths';
import { isSecretVariableName } from './huntCommon';

/**
 * `docker compose --env-file .env.example config`: the configuration printed with a template's
 * placeholders. Compose interpolates the `--env-file` files given (they replace the project's `.env`),
 * each service's `env_file:` entries and `${VAR}` from this shell; when every file given is one no
 * credential rule knows (a template) and the Compose files it finds name no credential file and no
 * secret-named variable, it prints no secret. Files it finds but cannot read, and any doubt, keep the ask.
 */

const COMPOSE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];

/** The values of `--env-file` and `-f`/`--file` as written (each may repeat), or undefined when one is computed. */
function optionFiles(inv: Invocation, names: readonly string[]): string[] | undefined {
  const out: string[] = [];
  const args = inv.args;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const name = names.find((n) => a.text === n || a.text.startsWith(n + '='));
    if (!name) continue;
    const word = a.text === name ? args[++i] : { ...a, text: a.text.slice(name.length + 1) };
    if (!word || word.dynamic || word.glob) return undefined;
    out.push(word.text);
  }
  return out;
}

export function composeConfigOfTemplates(inv: Invocation, ctx: RuleContext): boolean {
  const facts = ctx.facts;
  const cwd = inv.cwd || facts.cwd;
  const envFiles = optionFiles(inv, ['--env-file']);
  if (!envFiles || envFiles.length === 0) return false;
  if (envFiles.some((f) => infoFor(resolvePath(cwd, f, facts.home), facts) !== undefined)) return false;
  const given = optionFiles(inv, ['-f', '--file']);
  if (!given) return false;
  let composeFiles = given.map((f) => resolvePath(cwd, f, facts.home));
  if (composeFiles.length === 0) {
    // Compose looks in the working folder, then in its parents; the first folder holding one wins.
    let dir = cwd;
    for (let depth = 0; depth < 16 && composeFiles.length === 0; depth++) {
      for (const n of COMPOSE_NAMES) {
        const p = `${dir === '/' ? '' : dir}/${n}`;
        if (facts.readFile(p) !== undefined) composeFiles.push(p);
        else if ((facts.fileStatus?.(p) ?? 'missing') !== 'missing') return false;
      }
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  for (const file of composeFiles) {
    const text = facts.readFile(file);
    if (text === undefined) {
      if (facts.fileStatus?.(file) === 'missing') continue;
      return false;
    }
    if (/^\s*env_file\s*:/m.test(text)) {
      for (const m of text.matchAll(/(?:env_file\s*:\s*|^\s*-\s*(?:path\s*:\s*)?)["']?([^\s"'#\]]+)/gm)) {
        if (infoFor(resolvePath(dirname(file), m[1] ?? '', facts.home), facts)) return false;
      }
    }
    for (const m of text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) if (isSecretVariableName(m[1] ?? '')) return false;
  }
  return true;
}
