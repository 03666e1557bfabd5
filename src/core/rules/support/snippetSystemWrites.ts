import { ownTable } from '../../ownTable';
import { resolvePath } from '../../paths';
import type { CodeSnippet, Finding, RuleContext } from '../../policy/types';

/**
 * The machine's own files written by interpreter code (stop 29, red team round 7): `sudo python3 -c
 * "open('/etc/passwd','w')"` empties the account list as surely as `: > /etc/passwd`; `fs.writeFileSync`,
 * `Path(…).write_text`, PHP `file_put_contents`/`fopen(…, 'w')` alike. Only a literal path in a system
 * folder that the systemFiles pack would judge (`isSystemFile`) counts; reading (`open(P)`, mode `r`) does not.
 */

const QUOTED = String.raw`(['"\x60])((?:\\.|(?!\1)[^\\])*)\1`;
const PATTERNS: Readonly<Record<string, readonly RegExp[]>> = ownTable({
  python: [
    new RegExp(String.raw`\bopen\(\s*` + QUOTED + String.raw`\s*,\s*(?:mode\s*=\s*)?(['"])[rb]*[wax+][bt+]*\3`, 'g'),
    new RegExp(String.raw`\bPath\(\s*` + QUOTED + String.raw`\s*\)\s*\.(?:write_text|write_bytes|unlink|open\(\s*['"][wax])`, 'g'),
    new RegExp(String.raw`\bos\.(?:truncate|remove|unlink)\(\s*` + QUOTED, 'g'),
  ],
  javascript: [new RegExp(String.raw`\b(?:writeFileSync|appendFileSync|writeFile|appendFile|truncateSync|truncate|unlinkSync|unlink|rmSync|createWriteStream)\(\s*` + QUOTED, 'g')],
  php: [new RegExp(String.raw`\b(?:file_put_contents|unlink)\(\s*` + QUOTED, 'g'), new RegExp(String.raw`\bfopen\(\s*` + QUOTED + String.raw`\s*,\s*(['"])[wax]`, 'g')],
  ruby: [new RegExp(String.raw`\bFile\.(?:write|delete|truncate)\(\s*` + QUOTED, 'g'), new RegExp(String.raw`\bFile\.open\(\s*` + QUOTED + String.raw`\s*,\s*(['"])[wa]`, 'g')],
});

export function snippetSystemWrites(snippet: CodeSnippet, ctx: RuleContext, isSystemFile: (absolute: string) => boolean): Finding[] {
  const patterns = PATTERNS[snippet.language];
  if (patterns === undefined || !snippet.text.includes('/')) return [];
  const text = snippet.text.length > 100_000 ? snippet.text.slice(0, 100_000) : snippet.text;
  const cwd = snippet.runner.cwd || ctx.facts.cwd;
  for (const re of patterns) {
    for (const m of text.matchAll(re)) {
      const path = m[2] ?? '';
      if (path === '' || path.includes('{') || path.startsWith('/dev/')) continue;
      const absolute = resolvePath(cwd, path, ctx.facts.home);
      if (!isSystemFile(absolute)) continue;
      const env = ctx.environmentOf({ values: [], remote: false });
      return [{
        rule: 'system-files.changed-by-code',
        risk: 'destructive',
        severity: 'ask',
        reason: `${snippet.language === 'javascript' ? 'JavaScript' : snippet.language[0]!.toUpperCase() + snippet.language.slice(1)} code run by ${snippet.runner.name} writes or removes ${absolute}, a file of the machine's own system folders: accounts, sign-ins, services or its records depend on it, and a broken one can lock everyone out.`,
        targets: [{ kind: 'path', name: absolute, provider: 'host', remote: false, environment: env.environment, environmentReason: env.reason }],
      }];
    }
  }
  return [];
}
