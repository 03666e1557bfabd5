import { Minimatch } from 'minimatch';
import { basename, normalize, relativeTo, isWithin } from '../paths';
import { MAYBE_PLACE_NAME, MAYBE_PLACE_PATH, PLACE_RULES } from './credentialPlaces';
import { CATALOGUE_RULES, MAYBE_CATALOGUE_NAME, MAYBE_CATALOGUE_PATH } from './credentialCatalogue';

/**
 * Path rules: file names that hold credentials whatever their content says, and the credential
 * stores CLIs keep in the home folder. A rule with `needsAuthLine` only counts when the file also
 * contains an authentication line (`.npmrc` without `_authToken` is just registry settings).
 */
export interface PathRule {
  /** minimatch pattern against the base name, or against the ~-relative path when `home` is set. */
  pattern: string;
  kind: string;
  label: string;
  home?: boolean;
  needsAuthLine?: RegExp;
  /** The name holds a secret whatever its suffix (`secrets.txt`, `/etc/shadow-`): public suffixes do not excuse it. */
  anySuffix?: boolean;
}

const CLI_PATH_RULES: readonly PathRule[] = [
  { pattern: '.env', kind: 'dotenv', label: 'an environment file' },
  { pattern: '.env.*', kind: 'dotenv', label: 'an environment file' },
  { pattern: '*.env', kind: 'dotenv', label: 'an environment file' },
  { pattern: '.envrc', kind: 'dotenv', label: 'an environment file' },
  { pattern: '*.pem', kind: 'private-key', label: 'a PEM key or certificate' },
  { pattern: '*.key', kind: 'private-key', label: 'a private key' },
  { pattern: '*.p12', kind: 'private-key', label: 'a PKCS#12 key store' },
  { pattern: '*.pfx', kind: 'private-key', label: 'a PKCS#12 key store' },
  { pattern: '*.jks', kind: 'private-key', label: 'a Java key store' },
  { pattern: '*.keystore', kind: 'private-key', label: 'a key store' },
  { pattern: 'id_{rsa,dsa,ecdsa,ed25519}{,_*,-*,.*}', kind: 'ssh-key', label: 'an SSH private key' },
  { pattern: '.npmrc', kind: 'npm-token', label: 'the npm token', needsAuthLine: /(_authToken|_auth|_password)\s*=/ },
  { pattern: '.yarnrc.yml', kind: 'npm-token', label: 'the npm token', needsAuthLine: /npmAuthToken\s*:/ },
  { pattern: '.pypirc', kind: 'pypi-token', label: 'the PyPI token', needsAuthLine: /^\s*password\s*[=:]/m },
  { pattern: '{.netrc,_netrc}', kind: 'netrc', label: 'a netrc password', needsAuthLine: /\bpassword\s+\S/ },
  { pattern: '.git-credentials', kind: 'git-credentials', label: 'git credentials' },
  { pattern: '.pgpass', kind: 'database-password', label: 'a database password' },
  { pattern: 'credentials*.json', kind: 'credentials-json', label: 'a credentials file' },
  { pattern: '*-credentials.json', kind: 'credentials-json', label: 'a credentials file' },
  { pattern: 'service-account*.json', kind: 'gcp-service-account', label: 'a Google service account key' },
  { pattern: '*.tfvars', kind: 'terraform-vars', label: 'Terraform variables' },
  { pattern: '*.tfvars.json', kind: 'terraform-vars', label: 'Terraform variables' },
  { pattern: '*.tfstate*', kind: 'terraform-state', label: 'Terraform state' },
  { pattern: '{kubeconfig,*.kubeconfig,kubeconfig.*}', kind: 'kubeconfig', label: 'a kubeconfig' },
  { pattern: '.docker/config.json', kind: 'docker-config', label: 'Docker registry credentials' },
  // ~/.aws/config holds regions and profiles; it counts only when keys were written into it too.
  { pattern: '.aws/config', kind: 'aws-credentials', label: 'AWS credentials', home: true, needsAuthLine: /^\s*(aws_secret_access_key|aws_session_token|aws_access_key_id)\s*=\s*\S/m },
  { pattern: '.aws/**', kind: 'aws-credentials', label: 'AWS credentials', home: true },
  { pattern: '.config/gcloud/**', kind: 'gcloud-credentials', label: 'Google Cloud credentials', home: true },
  { pattern: '.railway/**', kind: 'railway-token', label: 'the Railway token', home: true },
  { pattern: '.config/railway/**', kind: 'railway-token', label: 'the Railway token', home: true },
  { pattern: '.fly/**', kind: 'fly-token', label: 'the Fly.io token', home: true },
  { pattern: '.kube/config', kind: 'kubeconfig', label: 'a kubeconfig', home: true },
  { pattern: '.config/gh/hosts.yml', kind: 'github-token', label: 'the GitHub token', home: true },
  { pattern: '.config/heroku/**', kind: 'heroku-token', label: 'the Heroku token', home: true },
  { pattern: '.config/doppler/**', kind: 'doppler-token', label: 'the Doppler token', home: true },
  { pattern: '.vault-token', kind: 'vault-token', label: 'the Vault token', home: true },
  { pattern: '.azure/**', kind: 'azure-credentials', label: 'Azure credentials', home: true },
  { pattern: '.ssh/id_*', kind: 'ssh-key', label: 'an SSH private key', home: true },
  // CLIs' own token stores and files that hold a secret by convention (their documented locations).
  { pattern: '.dev.vars', kind: 'dotenv', label: 'Wrangler local secrets' },
  { pattern: '.dev.vars.*', kind: 'dotenv', label: 'Wrangler local secrets' },
  { pattern: '{.terraformrc,terraform.rc}', kind: 'terraform-token', label: 'the Terraform Cloud token', needsAuthLine: /\btoken\s*=/ },
  { pattern: '.yarnrc', kind: 'npm-token', label: 'the npm token', needsAuthLine: /(_authToken|_auth|_password)\b/ },
  { pattern: '.s3cfg', kind: 'aws-credentials', label: 'AWS credentials', needsAuthLine: /secret_key\s*=\s*\S/ },
  { pattern: '.boto', kind: 'aws-credentials', label: 'cloud storage credentials', needsAuthLine: /(aws_secret_access_key|gs_secret_access_key|password)\s*=/ },
  { pattern: '.my.cnf', kind: 'database-password', label: 'a database password', needsAuthLine: /^\s*password\s*=/m },
  { pattern: '.mylogin.cnf', kind: 'database-password', label: 'a database password' },
  { pattern: '.pg_service.conf', kind: 'database-password', label: 'a database password', needsAuthLine: /^\s*password\s*=/m },
  { pattern: '.sentryclirc', kind: 'sentry-token', label: 'the Sentry token', needsAuthLine: /\btoken\s*=/ },
  { pattern: '.databrickscfg', kind: 'databricks-token', label: 'the Databricks token', needsAuthLine: /(token|password)\s*=/ },
  { pattern: '.htpasswd', kind: 'password-hashes', label: 'password hashes' },
  { pattern: 'gradle.properties', kind: 'gradle-credentials', label: 'build credentials', needsAuthLine: /^\s*[\w.-]*(password|token|secret|apikey|api_key)[\w.-]*\s*[=:]\s*\S/im },
  { pattern: 'wp-config.php', kind: 'database-password', label: 'a database password', needsAuthLine: /DB_PASSWORD|AUTH_KEY/ },
  { pattern: '*.ppk', kind: 'ssh-key', label: 'a PuTTY private key' },
  { pattern: '.streamlit/secrets.toml', kind: 'app-secrets', label: 'app secrets' },
  { pattern: '.cargo/credentials{,.toml}', kind: 'cargo-token', label: 'the crates.io token', home: true },
  { pattern: '{.config/vercel,.local/share/com.vercel.cli,Library/Application Support/com.vercel.cli,.vercel}/auth.json', kind: 'vercel-token', label: 'the Vercel token', home: true },
  { pattern: '{.wrangler,.config/.wrangler,Library/Preferences/.wrangler}/config/*.toml', kind: 'cloudflare-token', label: 'the Cloudflare token', home: true },
  { pattern: '{.netlify,.config/netlify,Library/Preferences/netlify}/config.json', kind: 'netlify-token', label: 'the Netlify token', home: true },
  { pattern: '.config/glab-cli/config.yml', kind: 'gitlab-token', label: 'the GitLab token', home: true, needsAuthLine: /token:\s*\S/ },
  { pattern: '.config/hub', kind: 'github-token', label: 'the GitHub token', home: true },
  { pattern: '.config/configstore/firebase-tools.json', kind: 'firebase-token', label: 'the Firebase token', home: true },
  { pattern: '{.supabase,.config/supabase}/access-token', kind: 'supabase-token', label: 'the Supabase token', home: true },
  { pattern: '{.config/doctl,Library/Application Support/doctl}/config.yaml', kind: 'digitalocean-token', label: 'the DigitalOcean token', home: true },
  { pattern: '{.config/ngrok,.ngrok2,Library/Application Support/ngrok}/ngrok.yml', kind: 'ngrok-token', label: 'the ngrok token', home: true },
  { pattern: '.cloudflared/*.json', kind: 'cloudflare-token', label: 'a Cloudflare tunnel credential', home: true },
  { pattern: '.config/hcloud/cli.toml', kind: 'hetzner-token', label: 'the Hetzner Cloud token', home: true },
  { pattern: '.config/linode-cli', kind: 'linode-token', label: 'the Linode token', home: true },
  { pattern: '.config/stripe/config.toml', kind: 'stripe-key', label: 'the Stripe keys', home: true },
  { pattern: '.config/rclone/rclone.conf', kind: 'cloud-storage-credentials', label: 'cloud storage credentials', home: true },
  { pattern: '.config/containers/auth.json', kind: 'docker-config', label: 'container registry credentials', home: true },
  { pattern: '.config/git/credentials', kind: 'git-credentials', label: 'git credentials', home: true },
  { pattern: '.gem/credentials', kind: 'rubygems-token', label: 'the RubyGems token', home: true },
  { pattern: '.m2/settings{,-security}.xml', kind: 'maven-credentials', label: 'Maven repository credentials', home: true, needsAuthLine: /<password>|<master>/ },
  { pattern: '{.composer,.config/composer}/auth.json', kind: 'composer-token', label: 'Composer repository credentials', home: true },
  { pattern: '{.snowsql/config,.snowflake/connections.toml,.snowflake/config.toml}', kind: 'database-password', label: 'Snowflake credentials', home: true },
  { pattern: '.microsoft/usersecrets/*/secrets.json', kind: 'app-secrets', label: '.NET user secrets', home: true },
  { pattern: '.gnupg/{private-keys-v1.d/**,secring.gpg}', kind: 'private-key', label: 'a GnuPG private key', home: true },
  { pattern: '{.config/sops/age,Library/Application Support/sops/age}/keys.txt', kind: 'private-key', label: 'the SOPS age private keys', home: true },
  { pattern: '{.ansible/,}{.,}vault{_,-,.}pass{,word}{,.txt}', kind: 'vault-password', label: 'an Ansible Vault password', home: true },
  { pattern: '{.bash_history,.zsh_history,.sh_history,.ksh_history,.history,.psql_history,.mysql_history,.sqlite_history,.python_history,.node_repl_history,.rediscli_history,.irb_history,.mongosh_history,.dbshell}', kind: 'shell-history', label: 'a shell history (secrets typed on command lines)' },
  { pattern: '.local/share/{fish/fish_history,atuin/history.db}', kind: 'shell-history', label: 'a shell history (secrets typed on command lines)', home: true },
  { pattern: '{.config,Library/Application Support,AppData/Local,snap/*/common/.config}/**/{Login Data,Login Data For Account,Cookies,Web Data}', kind: 'browser-profile', label: 'a browser profile database (saved passwords, session cookies)', home: true },
  { pattern: '{.mozilla,snap/firefox/common/.mozilla,Library/Application Support/Firefox,AppData/Roaming/Mozilla}/**/{cookies.sqlite,logins.json,key4.db,key3.db}', kind: 'browser-profile', label: 'a browser profile database (saved passwords, session cookies)', home: true },
];

export const PATH_RULES: readonly PathRule[] = [...CLI_PATH_RULES, ...PLACE_RULES, ...CATALOGUE_RULES];

/** `.env.example` and friends hold placeholders by convention; content rules still look inside. */
const TEMPLATE_SUFFIX = /\.(example|examples|sample|samples|template|tmpl|tpl|dist|defaults?|schema|public)$/i;
/** Public halves and signatures are not secrets even when their names match. */
const PUBLIC_SUFFIX = /\.(pub|pub\.pem|crt|cer|csr|sig|asc|md|txt|ts|js|py|go|rs)$/i;

export interface PathMatch {
  kind: string;
  label: string;
  /** Set when the match stands only if the file's content has this authentication line. */
  needsAuthLine?: RegExp;
}

/**
 * Does this absolute, normalised path name a credential file by its path alone? `home` is the
 * user's home folder, for the CLIs' own credential stores.
 */
export function matchCredentialPath(absolutePath: string, home: string): PathMatch | undefined {
  const path = normalize(absolutePath);
  const name = basename(path);
  if (TEMPLATE_SUFFIX.test(name)) return undefined;
  const normalHome = home ? normalize(home) : '';
  const homeRelative = normalHome && isWithin(normalHome, path) ? relativeTo(normalHome, path) : undefined;
  const isPublic = PUBLIC_SUFFIX.test(name);
  // One combined expression rejects the common case (an ordinary source file) in a single test,
  // before the rules are compiled: a hook call asking about one ordinary file never compiles them.
  if (homeRelative === undefined && !MAYBE_CREDENTIAL_NAME.test(name) && !MAYBE_CREDENTIAL_PATH.test(path) && !MAYBE_PLACE_NAME.test(name) && !MAYBE_PLACE_PATH.test(path) && !MAYBE_CATALOGUE_NAME.test(name) && !MAYBE_CATALOGUE_PATH.test(path)) return undefined;
  const { rules } = compiledRules();
  // The catalogue's rules come last: a path its own superset rejects skips them (a home path never does).
  const catalogue = homeRelative !== undefined || MAYBE_CATALOGUE_NAME.test(name) || MAYBE_CATALOGUE_PATH.test(path);
  const count = catalogue ? rules.length : rules.length - CATALOGUE_RULES.length;
  for (let k = 0; k < count; k++) {
    const { rule, matcher } = rules[k] as CompiledRules['rules'][number];
    if (rule.home) {
      if (homeRelative === undefined || !matcher.match(homeRelative)) continue;
      if (rule.pattern.startsWith('.ssh/') && isPublic) continue;
      return toMatch(rule);
    }
    if (rule.pattern.includes('/')) {
      if (matcher.match(path)) return toMatch(rule);
      continue;
    }
    if (isPublic && !rule.pattern.startsWith('.env') && !rule.anySuffix) continue;
    if (matcher.match(name)) return toMatch(rule);
  }
  return undefined;
}

interface CompiledRules {
  rules: { rule: PathRule; matcher: Minimatch }[];
}

/**
 * A superset of the names PATH_RULES can match, tested first so an ordinary source file costs one
 * regular expression instead of every rule. Keep it wider than the rules (the path-rule tests
 * exercise every rule through it).
 */
const MAYBE_CREDENTIAL_NAME = /^\.|^_netrc$|\.(pem|key|p12|pfx|jks|keystore|tfvars|env|kubeconfig|ppk)$|\.tfvars\.json$|\.tfstate|^id_(rsa|dsa|ecdsa|ed25519)|credentials|^service-account|^kubeconfig|^terraform\.rc$|^gradle\.properties$|^wp-config\.php$/i;
const MAYBE_CREDENTIAL_PATH = /\/\.docker\/config\.json$|\/\.streamlit\/secrets\.toml$/;

let compiled: CompiledRules | undefined;

/** Patterns compiled once: a scan checks every file name against every rule. */
function compiledRules(): CompiledRules {
  compiled ??= {
    rules: PATH_RULES.map((rule) => {
      if (rule.home) return { rule, matcher: new Minimatch(rule.pattern, { dot: true }) };
      if (rule.pattern.includes('/')) return { rule, matcher: new Minimatch('**/' + rule.pattern, { dot: true }) };
      return { rule, matcher: new Minimatch(rule.pattern, { dot: true, nocase: true }) };
    }),
  };
  return compiled;
}

function toMatch(rule: PathRule): PathMatch {
  return rule.needsAuthLine
    ? { kind: rule.kind, label: rule.label, needsAuthLine: rule.needsAuthLine }
    : { kind: rule.kind, label: rule.label };
}

/** Folders a scan never enters: dependencies, VCS data, build output, caches. */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set([
  'node_modules', '.git', '.hg', '.svn', '.jj', 'bower_components', 'jspm_packages', '.venv', 'venv',
  '__pycache__', '.tox', '.mypy_cache', '.pytest_cache', '.ruff_cache', '.gradle', '.next', '.nuxt',
  '.turbo', '.cache', '.parcel-cache', 'dist', 'build', 'out', 'target', 'coverage', '.terraform',
  '.idea', 'vendor', 'Pods', 'DerivedData',
]);

/** Extensions of files that are never text worth scanning. */
export const BINARY_EXTENSIONS: ReadonlySet<string> = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'webp', 'ico', 'bmp', 'tiff', 'psd', 'svgz', 'mp3', 'mp4', 'mov', 'avi',
  'mkv', 'webm', 'wav', 'flac', 'ogg', 'pdf', 'zip', 'gz', 'tgz', 'bz2', 'xz', 'zst', '7z', 'rar', 'jar',
  'war', 'class', 'so', 'dylib', 'dll', 'exe', 'bin', 'o', 'a', 'lib', 'wasm', 'node', 'woff', 'woff2',
  'ttf', 'otf', 'eot', 'sqlite', 'db', 'pyc', 'pyo', 'iso', 'dmg', 'img',
]);

/** Lockfiles: full of integrity hashes that are not secrets; key-name rules skip them. */
export function isLockfile(name: string): boolean {
  return /^(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|Cargo\.lock|poetry\.lock|Pipfile\.lock|Gemfile\.lock|composer\.lock|go\.sum|flake\.lock|uv\.lock|mix\.lock|pubspec\.lock|packages\.lock\.json|.*\.lock)$/.test(name);
}
