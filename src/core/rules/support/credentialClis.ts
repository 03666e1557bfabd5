import { ownTable } from '../../ownTable';
import { optionGrammarOf } from '../../policy/readerGrammars';
import { parsedArgs, readingsOf } from '../../registry/commandModel';
import { commandWords, type GrammarSpec, type ParsedCommand, type ParsedOption } from '../../registry/grammar';
import type { ArgWord } from '../../policy/types';

/**
 * CLIs that mint or print a credential: a command whose output is a token, a key, a password or a
 * kubeconfig (`aws sts assume-role`, `az storage account keys list`, `gcloud config config-helper`,
 * `kubectl create token`, `helm get values`). Read from each tool's reference: the subcommand path
 * that hands out the secret, matched on the command's words as the tool's one description reads them (`optionGrammarOf`:
 * its registry entry, else `CLI_GRAMMARS`), so option values are never taken for subcommands.
 * Commands that only say who you are (`aws sts get-caller-identity`, `kubectl config current-context`)
 * are not here.
 */

/** An output template that names a kubeconfig user's credential fields, or a user entry whole. */
const KUBE_USER_SECRETS = /\busers\b[^}]*\b(token|password|client-key(-data)?|auth-provider|access-token|refresh-token|id-token)\b|\busers\b[^}]*\.user\s*\}|\{\s*\.users(\[[^\]]*\])?\s*\}/;

/** No option described: every option a switch, every other word a command word. */
const NOTHING_DESCRIBED: GrammarSpec = {};

/** The usual reading of a CLI's words by its one description (`optionGrammarOf`: registry entry, else its grammar table). */
function readingOf(tool: string, args: readonly ArgWord[]): ParsedCommand {
  return parsedArgs(args, optionGrammarOf(tool === 'flyctl' ? 'fly' : tool) ?? NOTHING_DESCRIBED);
}

/** The command's words that are not options or option values, in order (subcommand words, then operands). */
export function subcommandWords(tool: string, args: readonly ArgWord[]): string[] {
  return commandWords(readingOf(tool, args), args).map((w) => w.text);
}

/**
 * Whether an option is given under any of `names`, written without dashes (`raw`, `show-token`, `t`): the option as the
 * tool's description names it, or as written when the description does not know it.
 */
function given(parsed: ParsedCommand, names: readonly string[]): boolean {
  return parsed.options.some((o) => named(o, names));
}

const named = (o: ParsedOption, names: readonly string[]): boolean => names.includes(o.name.replace(/^--?/, '')) || names.includes(o.written.replace(/^--?/, ''));

/** Whether any reading gives one of `names` the value `value` (an option the description does not know may take the next word). */
function givenValue(tool: string, args: readonly ArgWord[], names: readonly string[], value: string): boolean {
  return readingsOf(args, optionGrammarOf(tool) ?? NOTHING_DESCRIBED).some((p) => p.options.some((o) => named(o, names) && o.values[0] === value));
}

interface Mint {
  /** The subcommand path, each entry one word or a set of spellings. */
  path: readonly (string | readonly string[])[];
  what: string;
  /** Only with one of these options, named without dashes (`raw`, `show-token`). */
  when?: readonly string[];
  /** Only when a word of the command matches (an attribute or format that names the secret: `userData`, `masterAuth`). */
  naming?: RegExp;
  /** Never when a word matches (a format narrowed to fields that hold no secret: `value(status.url)`). */
  unlessNaming?: RegExp;
}

/** A gcloud format that prints only status or metadata fields (`--format='value(status.url)'`). */
const NARROW_FORMAT = /^(--format=)?(value|get|csv|table)\[?[^(]*\(((status|metadata)\.[\w.]+|name)(\s*,\s*((status|metadata)\.[\w.]+|name))*\)$/;

const TABLE: Readonly<Record<string, readonly Mint[]>> = ownTable({
  aws: [
    { path: ['sts', ['assume-role', 'assume-role-with-saml', 'assume-role-with-web-identity', 'get-session-token', 'get-federation-token']], what: 'temporary AWS credentials' },
    { path: ['iam', ['create-access-key', 'create-service-specific-credential', 'reset-service-specific-credential']], what: 'a new AWS access key' },
    { path: ['configure', 'export-credentials'], what: 'the AWS credentials' },
    { path: ['sso', 'get-role-credentials'], what: 'AWS role credentials' },
    { path: [['ecr', 'ecr-public'], ['get-login-password', 'get-authorization-token']], what: 'the ECR registry password' },
    { path: ['codeartifact', 'get-authorization-token'], what: 'a CodeArtifact token' },
    { path: ['eks', 'get-token'], what: 'a Kubernetes token for the cluster' },
    { path: ['rds', 'generate-db-auth-token'], what: 'a database login token' },
    { path: ['cognito-identity', 'get-credentials-for-identity'], what: 'temporary AWS credentials' },
    { path: ['kms', 'decrypt'], what: 'decrypted secret data' },
    { path: ['lambda', ['get-function-configuration', 'get-function']], what: "the Lambda function's environment variables" },
    // Calls whose answer carries a secret in plain text (each service's API reference).
    { path: ['codebuild', 'batch-get-projects'], what: "the CodeBuild projects' environment variables" },
    { path: ['batch', 'describe-job-definitions'], what: "the job definitions' environment variables" },
    { path: ['apprunner', 'describe-service'], what: "the App Runner service's environment variables" },
    { path: ['amplify', ['get-app', 'get-branch', 'list-apps', 'list-branches']], what: "the Amplify app's environment variables and basic-auth credentials" },
    { path: ['cognito-idp', 'describe-user-pool-client'], what: 'the app client secret' },
    { path: ['appsync', 'list-api-keys'], what: 'the AppSync API keys' },
    { path: ['apigateway', 'get-api-keys'], what: 'the API Gateway keys', when: ['include-values'] },
    { path: ['apigateway', 'get-api-key'], what: 'the API Gateway key', when: ['include-value'] },
    { path: ['lightsail', ['get-instance-access-details', 'download-default-key-pair']], what: "the instance's SSH key or password" },
    { path: ['ec2', 'get-password-data'], what: "the instance's administrator password" },
    { path: ['ec2', 'describe-instance-attribute'], what: "the instance's user data (start-up scripts often carry secrets)", naming: /(^|=)userData$/ },
    { path: ['codecommit', 'credential-helper', 'get'], what: 'git credentials for CodeCommit (signed from the AWS keys)' },
    { path: ['cognito-idp', ['admin-initiate-auth', 'initiate-auth', 'respond-to-auth-challenge', 'admin-respond-to-auth-challenge']], what: "a user's ID, access and refresh tokens" },
    // Every parameter under a path, recursively: String values print in clear (secrets kept unencrypted among them).
    { path: ['ssm', 'get-parameters-by-path'], what: 'every parameter under the path (plain values in clear)', when: ['recursive'] },
    // Calls that create a key pair and answer with its private half (each call's reference: `keyPair.PrivateKey`, `KeyMaterial`, `privateKeyBase64`).
    { path: ['iot', ['create-keys-and-certificate', 'create-provisioning-claim']], what: 'a new device certificate with its private key' },
    { path: [['ec2', 'lightsail'], 'create-key-pair'], what: 'a new SSH key pair with its private key' },
    { path: ['acm', 'export-certificate'], what: "a certificate's private key" },
    { path: ['ec2', 'describe-launch-template-versions'], what: "the launch template's user data (start-up scripts often carry secrets)" },
    // Round 11: a managed database's master password; an instance's console (start-up scripts print their secrets there).
    { path: ['lightsail', 'get-relational-database-master-user-password'], what: "the managed database's master password" },
    { path: ['ec2', 'get-console-output'], what: "the instance's console output (start-up scripts and the secrets they print)" },
  ],
  gcloud: [
    { path: ['config', 'config-helper'], what: 'a Google Cloud access token' },
    { path: ['iam', 'service-accounts', 'keys', 'create'], what: 'a new service account key' },
    { path: ['sql', 'generate-login-token'], what: 'a database login token' },
    // A client certificate for the database, its private key written to the named file (`ssl-certs` is the older name).
    { path: ['sql', 'ssl', 'client-certs', 'create'], what: 'a new database client certificate with its private key' },
    { path: ['sql', 'ssl-certs', 'create'], what: 'a new database client certificate with its private key' },
    { path: ['compute', 'reset-windows-password'], what: "a new Windows password for the instance" },
    { path: ['kms', 'decrypt'], what: 'decrypted secret data' },
    { path: ['auth', 'application-default', ['print-access-token', 'print-identity-token']], what: 'a Google Cloud access token' },
    // A cluster's legacy client key and password, when the format asks for them.
    { path: ['container', 'clusters', 'describe'], what: "the cluster's client key or password", naming: /masterAuth(?!\.clusterCaCertificate)/ },
    // Cloud Run and Cloud Functions show their environment variables' values.
    { path: ['run', ['services', 'jobs'], 'describe'], what: "the service's environment variables", unlessNaming: NARROW_FORMAT },
    { path: ['functions', 'describe'], what: "the function's environment variables", unlessNaming: NARROW_FORMAT },
  ],
  doctl: [
    { path: ['auth', 'token'], what: 'the DigitalOcean token' },
    { path: [['kubernetes', 'k8s', 'k'], ['cluster', 'c'], ['kubeconfig', 'kcfg', 'config', 'cfg'], ['show', 'p', 'g']], what: 'a kubeconfig with its token' },
    { path: [['registry', 'reg', 'r'], 'docker-config'], what: 'registry credentials' },
    { path: [['databases', 'db', 'd'], ['connection', 'conn']], what: 'a database connection string with its password' },
    { path: [['databases', 'db', 'd'], 'user', ['get', 'create', 'reset']], what: 'a database user password' },
  ],
  kubectl: [
    { path: ['create', 'token'], what: 'a new service account token' },
    // A template or path that names the containers' environment prints its values.
    { path: ['get'], what: "the containers' environment variables", naming: /\.env\b|\benv\[|\.envFrom\b/ },
    { path: ['config', 'view'], what: 'the kubeconfig with its tokens and keys', when: ['raw', 'flatten'] },
    // A template over the users' credentials (`{.users[*].user.token}`, an auth provider's tokens, a password, a user whole).
    { path: ['config', 'view'], what: "the kubeconfig users' tokens and keys", naming: KUBE_USER_SECRETS },
  ],
  oc: [
    { path: ['whoami'], what: 'the OpenShift token', when: ['t', 'show-token'] },
    { path: ['extract', /^(secrets?|secret\.v1)\//.source], what: "a secret's values" },
    { path: ['extract', ['secret', 'secrets']], what: "a secret's values" },
    { path: ['create', 'token'], what: 'a new service account token' },
    { path: ['config', 'view'], what: 'the kubeconfig with its tokens and keys', when: ['raw', 'flatten'] },
  ],
  helm: [{ path: ['get', ['values', 'all', 'manifest']], what: "a release's values and manifests (its secrets)" }],
  vault: [
    { path: ['token', 'create'], what: 'a new Vault token' },
    { path: ['operator', 'raft', 'snapshot', 'save'], what: "a snapshot of Vault's whole store (into a file)" },
    { path: ['login'], what: 'a new Vault token' },
    { path: ['write', /^auth\/.+\/login$/.source], what: 'a new Vault token' },
    { path: ['write', /^\/?auth\/token\/create(-orphan)?(\/|$)/.source], what: 'a new Vault token' },
  ],
  // `neonctl connection-string` (alias `cs`) prints the branch's URL with its password; handed to a client
  // through a substitution (`psql "$(neonctl cs)"`) it reaches no screen, and the client is judged.
  neonctl: [{ path: [['connection-string', 'cs']], what: 'a database connection string with its password' }],
  neon: [{ path: [['connection-string', 'cs']], what: 'a database connection string with its password' }],
  heroku: [
    { path: [['authorizations:create', 'authorizations:rotate']], what: 'a new Heroku token' },
    // `pg:credentials:url` prints the connection string with its password; `redis:credentials` the Redis URL.
    { path: ['pg:credentials:url'], what: 'a database connection string with its password' },
    { path: ['redis:credentials'], what: 'the Redis connection URL with its password' },
  ],
  fly: [{ path: ['tokens', ['create', 'deploy', 'org', 'readonly']], what: 'a new Fly.io token' }],
  npm: [{ path: ['token', 'create'], what: 'a new npm token' }],
  doppler: [{ path: ['configs', 'tokens', 'create'], what: 'a new Doppler token' }],
  consul: [
    { path: ['acl', 'token', ['read', 'create', 'clone']], what: 'a Consul token' },
    { path: ['acl', 'bootstrap'], what: 'the Consul bootstrap token' },
  ],
  glab: [{ path: ['auth', 'status'], what: 'the GitLab token', when: ['t', 'show-token'] }],
  // Widening the stored token's scopes (`gh auth refresh -s delete_repo`): the token then reaches what it could not.
  gh: [{ path: ['auth', 'refresh'], what: 'the GitHub token, re-issued with wider scopes', when: ['s', 'scopes'] }],
  op: [{ path: ['signin'], what: 'a 1Password session token', when: ['raw'] }],
  cf: [{ path: ['oauth-token'], what: 'the Cloud Foundry token' }],
  // The Scaleway CLI's configuration holds the secret key: `config dump` prints it, `config get secret-key` the key alone.
  scw: [
    { path: ['config', 'dump'], what: 'the Scaleway configuration with its secret key' },
    { path: ['config', 'get', 'secret-key'], what: 'the Scaleway secret key' },
    { path: ['iam', 'api-key', 'create'], what: 'a new Scaleway API key' },
  ],
  firebase: [
    { path: ['login:ci'], what: 'a Firebase token' },
    { path: ['functions:secrets:access'], what: 'a Cloud Functions secret' },
    { path: ['functions:config:get'], what: "the functions' runtime configuration (its keys)" },
  ],
  supabase: [{ path: ['projects', 'api-keys'], what: 'the Supabase API keys' }],
  // A git credential helper asked by hand (`git credential-store --file f get`, `git-credential-libsecret get`) prints the stored user and token.
  git: [{ path: [/^credential-[\w-]+$/.source, 'get'], what: 'the stored git credentials (a helper asked by hand)' }],
  ...Object.fromEntries(['libsecret', 'manager', 'manager-core', 'osxkeychain', 'store', 'cache', 'wincred', 'gnome-keyring', 'netrc', 'oauth'].map((h) => [`git-credential-${h}`, [{ path: ['get'], what: 'the stored git credentials (a helper asked by hand)' }]])),
  // A role's session credentials: as a sign-in URL (`aws-vault login --stdout`), exported (`aws-vault export`, granted's `assume --export`).
  'aws-vault': [{ path: ['login'], what: 'a sign-in URL carrying session credentials', when: ['stdout', 's'] }, { path: ['export'], what: 'session credentials' }],
  assume: [{ path: [], what: 'session credentials (exported)', when: ['export', 'x', 'env', 'export-all-env-vars', 'exec'] }],
  stripe: [{ path: ['listen'], what: 'the webhook signing secret', when: ['print-secret'] }],
  // Auth0's CLI prints an application's client secret only when asked to reveal it (auth0.github.io/auth0-cli: `apps show|create|update --reveal-secrets`, `-r`).
  auth0: [{ path: [['apps', 'app', 'applications', 'clients'], ['show', 'create', 'update', 'list', 'ls']], what: "the Auth0 application's client secret", when: ['reveal-secrets', 'reveal', 'r'] }],
  // Round 11: managed databases' connection details, a cluster's kubeconfig, a storage CLI's own settings.
  exo: [{ path: ['dbaas', 'show'], what: 'a database connection URI with its password', when: ['uri'] }],
  'vultr-cli': [{ path: [['database', 'db', 'databases'], 'get'], what: "the managed database's connection details with its password" }],
  civo: [{ path: [['kubernetes', 'k8s', 'kube', 'k3s'], ['config', 'conf']], what: 'a kubeconfig with its credentials' }],
  s3cmd: [{ path: [], what: 'the s3cmd settings with their access and secret keys', when: ['dump-config'] }],
  podman: [{ path: ['secret', 'inspect'], what: "a secret's value", when: ['showsecret'] }],
  // A CI agent's job environment; an AWS credential helper's session credentials (as shell exports, or as credential_process JSON).
  'buildkite-agent': [{ path: ['env', ['dump', 'get']], what: "the job's environment variables (its secrets)" }],
  awsume: [{ path: [], what: 'session credentials (as export commands)', when: ['s', 'show-commands', 'json'] }],
  'aws-sso-util': [{ path: ['credential-process'], what: 'AWS role credentials' }],
  'gimme-aws-creds': [{ path: [], what: 'temporary AWS credentials', unlessNaming: /^(--(action-list-profiles|action-list-roles|list-profiles|action-configure|configure|version|help)|-h)$/ }],
  // Snapshots of a whole secret store, written to a file anything then reads.
  argocd: [{ path: ['admin', 'export'], what: 'every Argo CD resource, repository and cluster credentials included' }],
  'jenkins-cli': [{ path: [['groovy', 'groovysh']], what: 'a script run on the Jenkins controller, which can print every stored credential' }],
  // The whole key space of the cluster's store (Kubernetes keeps its secrets there).
  etcdctl: [
    { path: ['get'], what: 'every key under the prefix (a cluster store holds its secrets there)', when: ['prefix', 'from-key'], unlessNaming: /^--(keys|count)-only$/ },
    { path: ['snapshot', 'save'], what: 'a snapshot of the cluster store with every secret it keeps (into a file)' },
  ],
  // Every host's variables, vault-decrypted secrets among them.
  ansible: [{ path: [], what: "every host's variables (decrypted vault secrets included)", naming: /\bhostvars\b|^var=vars$/ }],
});

/** Azure keeps its key-handing verbs in a few shapes across every service: read them by shape. */
function azureMint(words: readonly string[]): string | undefined {
  const w = words.join(' ');
  if (/^account get-access-token\b/.test(w)) return 'an Azure access token';
  if (/\bkeys? list\b|\blist-keys\b|\bkeys? show\b|\bquery-key list\b|\badmin-key show\b/.test(w)) return 'access keys';
  if (/\bshow-connection-string\b|\blist-connection-strings\b|\bconnection-string show\b/.test(w)) return 'a connection string with its key';
  if (/\bgenerate-sas\b/.test(w)) return 'a new shared access signature';
  if (/^ad (sp|app) (create-for-rbac|credential reset)\b/.test(w)) return 'a new service principal secret';
  if (/^acr credential show\b/.test(w)) return 'the registry password';
  if (/^(webapp|functionapp) deployment list-publishing-(profiles|credentials)\b/.test(w)) return 'the deployment credentials';
  if (/^(webapp|functionapp) config appsettings list\b/.test(w)) return "the app's settings (its secrets)";
  if (/^(webapp|functionapp) config connection-string list\b/.test(w)) return "the app's connection strings";
  if (/^appconfig credential list\b/.test(w)) return 'the App Configuration access keys';
  if (/^keyvault secret (show|download)\b/.test(w)) return 'a Key Vault secret';
  return undefined;
}

function matches(mint: Mint, words: readonly string[]): boolean {
  return mint.path.every((step, i) => {
    const word = words[i];
    if (word === undefined) return false;
    if (typeof step === 'string') return step.startsWith('^') ? new RegExp(step).test(word) : step === word;
    return step.includes(word);
  });
}

/** What a CLI invocation hands out, or undefined. */
/** Whether `credentialMinted` can name anything for this program (the trigger of credentialReach.ts's `checkMintingClis`). */
export function mintsCredentials(tool: string): boolean {
  return tool === 'az' || TABLE[tool === 'flyctl' ? 'fly' : tool] !== undefined;
}

export function credentialMinted(tool: string, args: readonly ArgWord[]): string | undefined {
  const name = tool === 'flyctl' ? 'fly' : tool;
  const parsed = readingOf(name, args);
  const words = commandWords(parsed, args).map((w) => w.text);
  if (name === 'az') {
    if (words[0] === 'acr' && words[1] === 'login' && given(parsed, ['expose-token', 't'])) return 'a registry token';
    // `az aks get-credentials --file -`: the kubeconfig (an admin one with `--admin`) printed instead of merged.
    if (words[0] === 'aks' && words[1] === 'get-credentials' && givenValue(name, args, ['file', 'f'], '-')) return 'a kubeconfig with its credentials';
    if (words[0] === 'containerapp' && words[1] === 'secret' && (words[2] === 'show' || given(parsed, ['show-values']))) return 'the container app secrets';
    return azureMint(words);
  }
  for (const mint of TABLE[name] ?? []) {
    if (!matches(mint, words)) continue;
    if (mint.when && !given(parsed, mint.when)) continue;
    if (mint.naming && !args.some((a) => mint.naming!.test(a.text))) continue;
    if (mint.unlessNaming && args.some((a) => mint.unlessNaming!.test(a.text))) continue;
    return mint.what;
  }
  return undefined;
}
