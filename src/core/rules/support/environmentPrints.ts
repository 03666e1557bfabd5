import { ownTable } from '../../ownTable';
import { freeFormReadings } from '../../registry/freeForm';
import type { CodeSnippet, Finding, Invocation, RuleContext } from '../../policy/types';
import { dump, dumpTarget, isSecretVariableName } from './huntCommon';

/**
 * The whole environment printed (`env` with no command, awk over ENVIRON, jq's `env`, a snippet that
 * prints `process.env`), or one secret variable by name: every secret the shell holds, at once.
 */


const ENV_OPTIONS = /^(-i|--ignore-environment|-0|--null|-u|--unset(=.*)?|-v|--debug|-)$/;

export function checkEnvironmentPrints(inv: Invocation, ctx: RuleContext): Finding[] {
  // `env FOO=bar`, `env -i A=1`: with no command to run, env prints the environment.
  if (inv.name === 'env' && inv.args.length > 0) {
    const words = inv.args.map((a) => a.text);
    let onlySettings = true;
    for (let i = 0; i < words.length; i++) {
      const w = words[i] as string;
      if (w === '-u' || w === '--unset') i++;
      else if (!ENV_OPTIONS.test(w) && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) onlySettings = false;
    }
    if (onlySettings && !words.includes('-i') && !words.includes('--ignore-environment')) {
      return [dump('dump', `env ${words.join(' ').slice(0, 40)} runs no command, so it prints every environment variable.`, dumpTarget('environment variables', ctx))];
    }
  }
  // `awk 'BEGIN { for (k in ENVIRON) print k, ENVIRON[k] }'`: every variable.
  if (['awk', 'gawk', 'mawk', 'nawk', 'busybox'].includes(inv.name) && inv.args.some((a) => /\bin\s+ENVIRON\b/.test(a.text))) {
    return [dump('dump', `${inv.name} walks ENVIRON and prints every environment variable.`, dumpTarget('environment variables', ctx))];
  }
  // `jq -n env`, `jq -n '$ENV'`, `jq -r '$ENV | to_entries[]'`: jq's own view of the environment.
  if (inv.name === 'jq' || inv.name === 'gojq' || inv.name === 'jaq') {
    const filter = inv.args.find((a) => !a.text.startsWith('-'))?.text ?? '';
    const whole = /(^|[^.\w$])env\b(?!\s*\.\s*\w)|\$ENV\b(?!\s*\.\s*\w)|\$__loc__|\benv\s*\|\s*(keys|to_entries|tostring|tojson)/.test(filter);
    const named = [...filter.matchAll(/(?:\$ENV|\benv)\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] ?? '').find(isSecretVariableName);
    if (whole && !/\benv\s*\|\s*keys\b/.test(filter)) return [dump('dump', `jq ${filter.slice(0, 30)} prints every environment variable.`, dumpTarget('environment variables', ctx))];
    if (named) return [dump('dump', `jq prints the secret variable $${named}.`, dumpTarget(`$${named}`, ctx))];
  }
  // `yq -n env`: yq's env operator is the whole environment (`env(NAME)`/`strenv(NAME)` read one variable).
  if (inv.name === 'yq') {
    const filter = freeFormReadings(inv.args).usual.operands[0]?.text ?? '';
    if (/(^|[^.\w$])env\b(?!\s*[.(])/.test(filter)) return [dump('dump', `yq ${filter.slice(0, 30)} prints every environment variable.`, dumpTarget('environment variables', ctx))];
    // `yq -n 'env(STRIPE_SECRET_KEY)'` prints one variable; written into a file in place (`-i`) it is not printed.
    const named = [...filter.matchAll(/\b(?:str)?env\(\s*["']?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] ?? '').find(isSecretVariableName);
    if (named && !freeFormReadings(inv.args).usual.options.some((o) => o.name === '-i' || o.name === '--inplace')) return [dump('dump', `yq prints the secret variable $${named}.`, dumpTarget(`$${named}`, ctx))];
  }
  // `envsubst '$STRIPE_SECRET_KEY' <<< …`, `gomplate -i '{{ .Env.DB_PASSWORD }}'`: a template tool printing a secret variable it is told to fill in.
  if ((inv.name === 'envsubst' || inv.name === 'gomplate') && !inv.redirects.some((r) => ['>', '>>', '>|', '&>', '&>>'].includes(r.op) && (r.fd === undefined || r.fd === 1)) && !freeFormReadings(inv.args).usual.options.some((o) => o.name === '-o' || o.name === '--out')) {
    const texts = [...inv.args.map((a) => a.text), ...(inv.stdin?.kind === 'herestring' || inv.stdin?.kind === 'heredoc' ? [inv.stdin.text] : [])];
    const named = texts.flatMap((t) => [...t.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)|\.Env\.([A-Za-z_][A-Za-z0-9_]*)|getenv\s+"([A-Za-z_][A-Za-z0-9_]*)"/g)]).map((m) => m[1] ?? m[2] ?? m[3] ?? '').find(isSecretVariableName);
    if (named) return [dump('dump', `${inv.name} fills in and prints the secret variable $${named}.`, dumpTarget(`$${named}`, ctx))];
  }
  // `make -p`: the printed database holds every environment variable as a make variable.
  if ((inv.name === 'make' || inv.name === 'gmake') && inv.args.some((a) => a.text === '--print-data-base' || /^-[a-zA-Z]*p[a-zA-Z]*$/.test(a.text) && !/[fCIoWj]p/.test(a.text))) {
    return [dump('dump', `${inv.name} -p prints its database, every environment variable included.`, dumpTarget('environment variables', ctx))];
  }
  // `systemctl --user show-environment`: the service manager's environment (what services start with).
  if (inv.name === 'systemctl' && inv.args.some((a) => a.text === 'show-environment')) {
    return [dump('dump', 'systemctl show-environment prints the service manager\'s environment variables.', dumpTarget('environment variables', ctx))];
  }
  return [];
}

/** Code that names the whole environment, per language. */
const WHOLE_ENV: Readonly<Record<string, RegExp>> = ownTable({
  javascript: /(?<!Object\.keys\(\s*)\bprocess\.env\b(?!\s*(\.|\?\.|\[))|\bDeno\.env\.toObject\(|\bBun\.env\b(?!\s*(\.|\[))|\bimport\.meta\.env\b(?!\s*(\.|\[))/,
  python: /\bos\.environb?\b(?!\s*(\[|\.get\b|\.setdefault\b|\.pop\b|\.keys\b|\.__contains__))|\bos\.getenv\(\s*\)|\benviron\.copy\(\)|\bdict\(\s*os\.environ\s*\)/,
  ruby: /\bENV\b(?!\s*(\[|\.fetch\b|\.key\?|\.has_key\?|\.include\?|\.keys\b))/,
  perl: /(?<!keys\s*)%ENV\b(?!\s*\{)|\\%ENV\b|\$ENV\s*\{\s*\$/,
  php: /\bphpinfo\s*\(|\bgetenv\(\s*\)|\$_ENV\b(?!\s*\[)|\$_SERVER\b(?!\s*\[)/,
});
const PRINTS = /\b(print|printf|println|pprint|console\.(log|dir|table|info|error|warn)|process\.stdout\.write|puts|pp|p|say|echo|var_dump|print_r|var_export|json\.dumps?|JSON\.stringify|to_json|inspect|sys\.stdout\.write|write|Dumper|dump|repr|str)\b/;

/** String literals joined by `+` (or `.` in Perl and PHP) folded into one (`'GITHUB'+'_TOKEN'` is `'GITHUB_TOKEN'`). */
export function foldedLiterals(code: string): string {
  let text = code;
  const join = /(['"])([^'"\\\n]*)\1\s*(?:\+|\.)\s*(['"])([^'"\\\n]*)\3/;
  for (let k = 0; k < 32 && join.test(text); k++) text = text.replace(join, (_m, _q1: string, a: string, _q2: string, b: string) => `'${a}${b}'`);
  return text;
}

export function checkSnippetEnvironment(snippet: CodeSnippet, ctx: RuleContext): Finding[] {
  const whole = WHOLE_ENV[snippet.language];
  if (!whole) return [];
  const text = foldedLiterals(snippet.text);
  // `node -p EXPR` prints the value of the program itself.
  const printsValue = snippet.runner.args.some((a) => /^(-p|--print|-pe|-ep)$/.test(a.text));
  if (whole.test(text) && (printsValue || PRINTS.test(text) || /\bphpinfo\s*\(/.test(text))) {
    return [dump('dump', `A ${snippet.language} snippet run by ${snippet.runner.name} prints the whole environment, with every secret in it.`, dumpTarget('environment variables', ctx))];
  }
  const named = [...text.matchAll(/(?:environ(?:\.get)?\s*[[(]\s*|getenv\(\s*|process\.env\.|process\.env\[\s*|ENV\[\s*|ENV\.fetch\(\s*|Deno\.env\.get\(\s*|\$ENV\{\s*)['"]?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] ?? '').find(isSecretVariableName);
  if (named && (printsValue || new RegExp(`${PRINTS.source}[^;\\n]{0,200}\\b${named}\\b`).test(text))) {
    return [dump('dump', `A ${snippet.language} snippet run by ${snippet.runner.name} prints the secret variable $${named}.`, dumpTarget(`$${named}`, ctx))];
  }
  return [];
}
