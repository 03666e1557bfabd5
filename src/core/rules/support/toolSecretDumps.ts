import { ownTable } from '../../ownTable';
import { freeFormReadings } from '../../registry/freeForm';
import type { ArgWord } from '../../policy/types';
import { subcommandWords } from './credentialClis';

/**
 * CLIs that print a secret they hold or fetch, by their subcommand: platform environment listings,
 * registry tokens, Terraform state and outputs, framework settings, cloud task definitions with their
 * environment, decryptions, keychain reads. Listings of names only are left out; each row says what
 * the words print.
 */
interface Dump {
  /** Subcommand words, each entry one word or a set of spellings. */
  path: readonly (string | readonly string[])[];
  what: string;
  /** Only with one of these options. */
  when?: readonly string[];
  /** Never with one of these options (they print names only). */
  unless?: readonly string[];
  /** Only with no operand after the subcommand path. */
  bare?: boolean;
  /**
   * A format or property option that narrows what is printed (`--format '{{.State.Status}}'`,
   * `-p ActiveState`): with it, the row holds only when its value matches `shows`.
   */
  narrowedBy?: { options: readonly string[]; shows: RegExp };
  /** What it prints belongs to a running service whose environment nothing names (production by the rule for unresolved targets). */
  service?: boolean;
}

/** A container's configuration, its environment included (`Config.Env`, `.Env`, the whole object). */
const CONTAINER_ENV = /Env|\.Config\s*}}|json \.(Config)?\s*}}|{{\s*\.\s*}}|Secret/i;
const CONTAINER_INSPECT: readonly Dump[] = [
  { path: [['inspect']], what: "the container's configuration, its environment variables (secrets) included", narrowedBy: { options: ['-f', '--format'], shows: CONTAINER_ENV }, service: true },
  { path: ['container', 'inspect'], what: "the container's configuration, its environment variables (secrets) included", narrowedBy: { options: ['-f', '--format'], shows: CONTAINER_ENV }, service: true },
];

const DUMPS: Readonly<Record<string, readonly Dump[]>> = ownTable({
  stripe: [{ path: ['config'], what: 'the Stripe API keys', when: ['--list'] }],
  netlify: [
    { path: [['env:list', 'env:get']], what: 'the Netlify environment variables' },
    { path: ['env', ['list', 'get']], what: 'the Netlify environment variables' },
  ],
  // `vercel env ls` shows names with values as "Encrypted"; `pull` writes them to a file.
  vercel: [{ path: ['env', 'pull'], what: 'the Vercel environment variables (into a file)' }],
  render: [{ path: [['env-vars', 'envvars']], what: 'the Render environment variables' }],
  // Stop 34 (round 19): an app's environment as the platform keeps it, secrets in clear (`clever env`, `scalingo env`,
  // `aptible config`); `clever env set|rm|import` write instead (`secretWrites.ts`).
  clever: [{ path: ['env'], what: 'the Clever Cloud application\'s environment variables', bare: true, unless: ['--help', '-h'] }],
  scalingo: [{ path: [['env', 'env-get']], what: 'the Scalingo application\'s environment variables', unless: ['--help', '-h'] }],
  aptible: [{ path: ['config'], what: 'the Aptible app\'s configuration (its environment variables)', bare: true, unless: ['--help', '-h'] }, { path: ['config:get'], what: 'an Aptible app\'s configuration variable', unless: ['--help', '-h'] }],
  npm: [{ path: ['token', ['list', 'ls']], what: 'the npm access tokens' }, { path: ['config', 'get', '^//.*:_(authToken|auth|password)$'], what: 'the npm token' }],
  pnpm: [{ path: ['config', 'get', '^//.*:_(authToken|auth|password)$'], what: 'the npm token' }],
  yarn: [{ path: ['config', 'get', ['npmAuthToken', 'npmAuthIdent', '_authToken']], what: 'the npm token' }],
  // `terraform console` is judged by the expressions it is fed (support/mountedSecrets.ts).
  terraform: [
    // A saved plan shows sensitive values redacted; the state, or any JSON rendering, shows them.
    { path: ['show'], what: 'the Terraform state (resource attributes such as passwords)', unless: ['-help'], bare: true },
    { path: ['show'], what: 'the Terraform state or plan as JSON (sensitive values in clear)', when: ['-json'] },
    { path: ['state', ['pull', 'show']], what: 'the Terraform state (resource attributes such as passwords)' },
    { path: ['output'], what: 'the Terraform outputs, sensitive ones included', when: ['-json', '-raw', '--json', '--raw'] },
  ],
  tofu: [
    { path: ['show'], what: 'the OpenTofu state (resource attributes such as passwords)', bare: true },
    { path: ['show'], what: 'the OpenTofu state or plan as JSON (sensitive values in clear)', when: ['-json'] },
    { path: ['state', ['pull', 'show']], what: 'the OpenTofu state (resource attributes such as passwords)' },
  ],
  aws: [
    { path: ['ecs', 'describe-task-definition'], what: 'the ECS task definition (its containers\' environment)' },
    { path: ['lambda', ['get-function-configuration', 'get-function']], what: 'the Lambda function\'s environment variables' },
    { path: ['ssm', ['get-parameter', 'get-parameters', 'get-parameters-by-path', 'get-parameter-history']], what: 'decrypted SSM parameters', when: ['--with-decryption'] },
    // Glue returns a connection's JDBC password unless asked not to; Beanstalk its environment properties.
    { path: ['glue', ['get-connection', 'get-connections']], what: 'the Glue connection\'s password', unless: ['--hide-password'] },
    { path: ['elasticbeanstalk', 'describe-configuration-settings'], what: 'the Beanstalk environment\'s properties (its secrets included)' },
  ],
  // The git credential helper prints the stored token for the host it is asked about.
  // `git config credential.helper '!gh auth git-credential'` sets it up; `get` asked by hand prints the token.
  gh: [{ path: ['auth', 'git-credential', 'get'], what: 'the GitHub token (as git\'s credential helper)' }],
  sops: [{ path: [], what: 'the decrypted secrets file', when: ['-d', '--decrypt'] }, { path: ['decrypt'], what: 'the decrypted secrets file' }],
  age: [{ path: [], what: 'the decrypted file', when: ['-d', '--decrypt'] }],
  gpg: [{ path: [], what: 'the decrypted file', when: ['-d', '--decrypt'] }, { path: [], what: 'the GnuPG secret keys', when: ['--export-secret-keys', '--export-secret-subkeys'] }],
  gpg2: [{ path: [], what: 'the decrypted file', when: ['-d', '--decrypt'] }, { path: [], what: 'the GnuPG secret keys', when: ['--export-secret-keys', '--export-secret-subkeys'] }],
  'ansible-vault': [{ path: [['view', 'decrypt']], what: 'the decrypted vault' }],
  security: [
    { path: [['find-generic-password', 'find-internet-password']], what: 'a macOS keychain password', when: ['-w', '-g'] },
    { path: ['dump-keychain'], what: 'the macOS keychain\'s secrets', when: ['-d'] },
  ],
  'secret-tool': [{ path: ['lookup'], what: 'a keyring secret' }],
  pass: [{ path: ['show'], what: 'a pass password entry' }],
  // The shadow databases through NSS: every account's password hash.
  getent: [{ path: [['shadow', 'gshadow']], what: 'the system password hashes' }],
  // `firebase auth:export` writes every user with the password hash and salt.
  firebase: [{ path: ['auth:export'], what: "every user's account with its password hash" }],
  // Encrypted files kept in the repository, decrypted into the work tree for anything to read next.
  git: [{ path: ['secret', ['reveal', 'cat']], what: 'the git-secret files (decrypted into the work tree)' }, { path: ['crypt', 'unlock'], what: 'the git-crypt files (decrypted into the work tree)' }, { path: ['crypt', 'export-key'], what: "the repository's git-crypt key (into a file)" }],
  'git-secret': [{ path: [['reveal', 'cat']], what: 'the git-secret files (decrypted into the work tree)' }],
  // `export-key` writes the repository's symmetric key out: whoever holds the file decrypts every encrypted file, in every clone and in history.
  'git-crypt': [{ path: ['unlock'], what: 'the git-crypt files (decrypted into the work tree)' }, { path: ['export-key'], what: "the repository's git-crypt key (into a file)" }],
  // A source's credentials are kept under its host (`bundle config get https://gems.example.com`, `BUNDLE_GEMS__EXAMPLE__COM`).
  bundle: [{ path: ['config', 'get', '^(https?://|[\\w-]+(\\.[\\w-]+)+$|BUNDLE_[A-Z0-9_]*__)'], what: 'the credentials Bundler keeps for a gem source' }],
  composer: [{ path: ['config', '^(http-basic|bearer|github-oauth|gitlab-token|gitlab-oauth|bitbucket-oauth)(\\.|$)'], what: 'the credentials Composer keeps for a repository' }],
  gopass: [{ path: [['show', 'cat']], what: 'a gopass password entry' }],
  docker: CONTAINER_INSPECT,
  podman: CONTAINER_INSPECT,
  nerdctl: CONTAINER_INSPECT,
  crictl: [{ path: [['inspect', 'inspectp']], what: "the container's configuration, its environment variables (secrets) included", narrowedBy: { options: ['--template'], shows: /env/i }, service: true }],
  // A service's environment as its manager keeps it (`Environment=` lines, the process table's env).
  systemctl: [
    { path: ['show'], what: "the service's environment (its Environment= secrets)", narrowedBy: { options: ['-p', '--property', '-P'], shows: /Environment/ }, service: true },
    { path: ['cat'], what: "the service's unit files (their Environment= secrets)", service: true },
  ],
  pm2: [{ path: [['env', 'show', 'describe', 'info', 'jlist', 'prettylist']], what: "the process's environment variables (secrets)", service: true }],
  launchctl: [{ path: [['getenv', 'export']], what: "the login session's environment variables" }],
  tmux: [{ path: [['show-environment', 'showenv']], what: "the tmux session's environment variables" }],
  // .NET's per-project secret store and Python's dotenv CLI print the values they keep.
  dotnet: [{ path: ['user-secrets', 'list'], what: "the project's user secrets" }],
  'kwallet-query': [{ path: [], what: 'a KDE wallet secret', when: ['-r', '--read-password'] }],
  bw: [{ path: ['unlock'], what: 'the Bitwarden session key', when: ['--raw'] }, { path: ['get', ['password', 'item', 'totp', 'notes']], what: 'a Bitwarden secret' }],
  blackbox_cat: [{ path: [], what: 'the decrypted file' }],
  blackbox_decrypt_file: [{ path: [], what: 'the decrypted file (into the work tree)' }],
  // StackExchange Blackbox: every registered file decrypted at once, or a file decrypted for editing or for a deploy.
  blackbox_decrypt_all_files: [{ path: [], what: 'every file blackbox keeps encrypted (decrypted into the work tree)' }],
  blackbox_postdeploy: [{ path: [], what: 'every file blackbox keeps encrypted (decrypted into the work tree)' }],
  blackbox_edit_start: [{ path: [], what: 'the decrypted file (into the work tree)' }],
  blackbox_edit: [{ path: [], what: 'the decrypted file (into the work tree)' }],
  blackbox_view: [{ path: [], what: 'the decrypted file' }],
  // Keycloak (keycloak.org/server/importExport): a realm export writes every user with the password hash and every client secret (a client's secret read through kcadm is the verb floor's).
  'kc.sh': [{ path: ['export'], what: "the realm's users with their password hashes and the clients' secrets (into files)", service: true }],
  'kc.bat': [{ path: ['export'], what: "the realm's users with their password hashes and the clients' secrets (into files)", service: true }],
  keycloak: [{ path: ['export'], what: "the realm's users with their password hashes and the clients' secrets (into files)", service: true }],
  transcrypt: [{ path: [], what: "the repository's encryption password", when: ['--show-raw', '-s', '--display', '-d'] }],
});

/** Code that names a framework's secret setting: Django's `settings.SECRET_KEY`, Laravel's `config('app.key')`. */
const FRAMEWORK_SECRET = /\bsettings\.[A-Z_]*(SECRET|PASSWORD|KEY|TOKEN|DATABASES)|\bconfig\(\s*['"](app\.key|database\.|services\.|mail\.mailers)|\benv\(\s*['"][A-Z_]*(SECRET|KEY|TOKEN|PASSWORD)|\bos\.environ\b/;

/** Letters of grouped short options (`-wa` has `-w`); long options as written. */
function hasOption(args: readonly ArgWord[], options: readonly string[]): boolean {
  return args.some((a) => {
    const t = a.text;
    if (options.some((o) => t === o || (o.startsWith('--') && t.startsWith(o + '=')))) return true;
    if (/^-[a-zA-Z]{2,}$/.test(t)) return options.some((o) => /^-[a-zA-Z]$/.test(o) && t.includes(o[1] as string));
    return false;
  });
}

function matches(dump: Dump, words: readonly string[]): boolean {
  return dump.path.every((step, i) => {
    const word = words[i];
    if (word === undefined) return false;
    if (typeof step === 'string') return step.startsWith('^') ? new RegExp(step).test(word) : step === word;
    return step.includes(word);
  });
}

/** The value of a narrowing option (`--format X`, `--format=X`, `-pX`), when given. */
function narrowing(args: readonly ArgWord[], options: readonly string[]): string | undefined {
  const given = freeFormReadings(args).valued.options.filter((o) => options.includes(o.name) || options.includes(o.written)).pop();
  return given === undefined ? undefined : (given.values[0] ?? '');
}

/** What a CLI invocation prints of the secrets it holds or fetches (and whether a running service's), or undefined. */
export function secretDumpOf(tool: string, args: readonly ArgWord[]): { what: string; service: boolean } | undefined {
  const what = secretDumped(tool, args);
  if (what === undefined) return undefined;
  // `python -m dotenv list`: the .env file's values.
  // A service's answer once it names one (`docker inspect api`); a bare `docker inspect` names no container.
  const named = subcommandWords(tool, args).filter((w) => !['inspect', 'container', 'show', 'cat', 'env', 'describe', 'info'].includes(w)).length > 0 || tool === 'pm2';
  return { what, service: named && (DUMPS[tool] ?? []).some((d) => d.what === what && d.service === true) };
}

/** What a CLI invocation prints of the secrets it holds or fetches, or undefined. */
export function secretDumped(tool: string, args: readonly ArgWord[]): string | undefined {
  // `python -m dotenv list|get`: the values the .env file holds.
  if (/^python[\d.]*$/.test(tool) && args[0]?.text === '-m' && args[1]?.text === 'dotenv' && ['list', 'get'].includes(freeFormReadings(args.slice(2)).usual.operands[0]?.text ?? '')) return 'the values of the .env file';
  const words = subcommandWords(tool, args).filter((w) => !w.startsWith('-'));
  // `pass x` with no subcommand shows entry x; `pass` / `pass ls` list names.
  if (tool === 'pass' && words.length === 1 && !['ls', 'list', 'find', 'search', 'init', 'git', 'insert', 'generate', 'edit', 'rm', 'mv', 'cp', 'grep', 'help', 'version'].includes(words[0] ?? '')) return 'a pass password entry';
  // `python manage.py diffsettings` prints every setting, SECRET_KEY included.
  if (/^python[\d.]*$/.test(tool) && /(^|\/)manage\.py$/.test(args[0]?.text ?? '') && args[1]?.text === 'diffsettings') return 'the Django settings (SECRET_KEY included)';
  // A framework console fed code that prints a secret setting (`manage.py shell -c 'print(settings.SECRET_KEY)'`, `artisan tinker --execute`).
  if (/^(python[\d.]*|php[\d.]*)$/.test(tool) && /(^|\/)(manage\.py|artisan)$/.test(args[0]?.text ?? '') && ['shell', 'tinker'].includes(args[1]?.text ?? '') && FRAMEWORK_SECRET.test(args.slice(2).map((a) => a.text).join(' '))) return 'a secret setting of the framework';
  // `php artisan config:show database`: the resolved configuration, passwords and APP_KEY included.
  if (/^php[\d.]*$/.test(tool) && args[0]?.text === 'artisan' && ['config:show', 'env:decrypt'].includes(args[1]?.text ?? '')) return 'the Laravel configuration (passwords and APP_KEY included)';
  // Round 11: `crictl exec CONTAINER env` prints the container's environment; `minikube ssh -- cat …/certs/ca.key` a node's key.
  if (tool === 'crictl' && words[0] === 'exec' && /^(env|printenv)$/.test(words[2] ?? '')) return "the container's environment variables (its secrets)";
  if (tool === 'minikube' && words[0] === 'ssh' && args.some((a) => /\.(key|pem)$|\/pki\/|admin\.conf$|kubeconfig$/.test(a.text))) return "a key or kubeconfig of the cluster's node";
  for (const dump of DUMPS[tool] ?? []) {
    if (!matches(dump, words)) continue;
    if (dump.when && !hasOption(args, dump.when)) continue;
    if (dump.unless && hasOption(args, dump.unless)) continue;
    if (dump.bare && words.length > dump.path.length) continue;
    const narrowed = dump.narrowedBy ? narrowing(args, dump.narrowedBy.options) : undefined;
    if (narrowed !== undefined && dump.narrowedBy && !dump.narrowedBy.shows.test(narrowed)) continue;
    return dump.what;
  }
  return undefined;
}

export const DUMPING_TOOLS: readonly string[] = [...Object.keys(DUMPS).filter((k) => (DUMPS[k] ?? []).length > 0), 'python', 'python3', 'php', 'minikube'];
