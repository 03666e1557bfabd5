import type { PathRule } from './credentialPaths';
import { APP_STORE_PLACES, APP_STORE_RULES } from './appCredentialStores';

/**
 * More credential places by their documented default names, for files that may not exist yet (a file
 * that exists is also judged by its content: `contentRules.ts`). Grouped by who keeps them: SSH keys
 * under any name, package registries, cloud and SaaS CLIs, cluster and system secrets, desktop apps'
 * secret stores, and project files named for a secret. A rule with `needsAuthLine` counts when the
 * file is missing or holds that line.
 */
const KEY_LINE = /password|passwd|secret|token|api[_-]?key|apikey|private[_-]?key|credential/i;

export const CATALOGUE_RULES: readonly PathRule[] = [
  { pattern: '{deploy_key,deploy-key,*_deploy_key,*-deploy-key,deploy_key_*}', kind: 'deploy-key', label: 'an SSH deploy key' },
  // Any file in ~/.ssh is a private key unless it is one of ssh's own settings or public files.
  { pattern: '.ssh/!(config|config.d|known_hosts|known_hosts.old|known_hosts2|authorized_keys|authorized_keys2|environment|rc|*.pub|*.conf|*-cert.pub|allowed_signers)', kind: 'ssh-key', label: 'an SSH private key', home: true },
  { pattern: '.android/adbkey', kind: 'private-key', label: 'the Android debug bridge private key', home: true },
  // Package registries' tokens.
  { pattern: '{.config/pypoetry,Library/Application Support/pypoetry}/auth.toml', kind: 'pypi-token', label: 'the Poetry repository credentials', home: true },
  { pattern: '.hex/hex.config', kind: 'hex-token', label: 'the Hex API key', home: true },
  { pattern: '{.nuget/NuGet,.config/NuGet}/NuGet.Config', kind: 'nuget-token', label: 'NuGet source credentials', home: true, needsAuthLine: /packageSourceCredentials|ClearTextPassword|apikeys/i },
  { pattern: '{.sbt/credentials,.sbt/.credentials,.ivy2/.credentials,.sbt/*/credentials}', kind: 'maven-credentials', label: 'sbt repository credentials', home: true },
  // curl's settings file: a user, a proxy user, a bearer token or an Authorization header in it is a credential.
  { pattern: '{.curlrc,_curlrc}', kind: 'http-credentials', label: 'curl settings with a login or token', needsAuthLine: /^\s*-{0,2}(user|u|proxy-user|oauth2-bearer|aws-sigv4)\b|authorization\s*:/im },
  { pattern: '.dockercfg', kind: 'docker-config', label: 'Docker registry credentials (legacy file)' },
  // Cloud, storage and SaaS CLIs' keys.
  { pattern: '.linode-cli', kind: 'cloud-credentials', label: 'the Linode token', home: true },
  { pattern: '{.mc,.mcli}/config.json', kind: 'cloud-credentials', label: 'the MinIO client keys', home: true },
  { pattern: '.config/scw/config.yaml', kind: 'cloud-credentials', label: 'the Scaleway keys', home: true },
  { pattern: '{.passwd-s3fs,passwd-s3fs}', kind: 'cloud-credentials', label: 'the s3fs keys' },
  { pattern: '.continue/config.{json,yaml}', kind: 'tool-token', label: 'the Continue model keys', home: true, needsAuthLine: KEY_LINE },
  { pattern: '{.kaggle,.config/kaggle}/kaggle.json', kind: 'tool-token', label: 'the Kaggle API key', home: true },
  { pattern: '.dbt/profiles.yml', kind: 'warehouse-password', label: 'dbt warehouse credentials', home: true, needsAuthLine: KEY_LINE },
  { pattern: '.aider.conf.yml', kind: 'tool-token', label: 'the aider model keys', home: true, needsAuthLine: KEY_LINE },
  { pattern: '.oci/config', kind: 'cloud-credentials', label: 'the Oracle Cloud key settings', home: true },
  { pattern: '.terraform.d/credentials.tfrc.json', kind: 'terraform-token', label: 'the Terraform Cloud token', home: true },
  // The Doppler CLI keeps its access token in ~/.doppler/.doppler.yaml (older releases; newer ones in ~/.config/doppler).
  { pattern: '.doppler/**', kind: 'doppler-token', label: 'the Doppler token', home: true },
  // Claude Code's state file: `primaryApiKey`, the OAuth account and MCP servers' environments.
  { pattern: '.claude.json', kind: 'agent-token', label: "Claude Code's state (its API key, MCP servers' keys)", home: true, needsAuthLine: /primaryApiKey|oauthAccount|api[_-]?key|token|secret|password/i },
  // pip's settings: an index URL may carry `user:token@` (pip.conf, pip.ini; pip's documented user places).
  { pattern: '{.config/pip/pip.conf,.pip/pip.conf,Library/Application Support/pip/pip.conf,AppData/Roaming/pip/pip.ini,pip/pip.ini}', kind: 'pypi-token', label: 'a package index login in pip settings', home: true, needsAuthLine: /:\/\/[^\s/@:]+:[^\s/@]+@|\bpassword\s*=/i },
  { pattern: '.talos/config', kind: 'kubeconfig', label: 'the Talos cluster credentials', home: true },
  // Cluster admin files and system secrets (absolute places).
  { pattern: 'etc/kubernetes/{admin,super-admin,controller-manager,scheduler,kubelet,bootstrap-kubelet}.conf', kind: 'cluster-admin', label: 'a Kubernetes admin kubeconfig', anySuffix: true },
  { pattern: 'etc/rancher/{k3s/k3s,rke2/rke2}.yaml', kind: 'cluster-admin', label: 'a k3s/RKE2 admin kubeconfig', anySuffix: true },
  { pattern: 'var/lib/rancher/{k3s,rke2}/server/{token,node-token,agent-token,cred/**}', kind: 'cluster-token', label: 'a k3s/RKE2 join token', anySuffix: true },
  { pattern: 'etc/gitlab-runner/config.toml', kind: 'ci-token', label: 'the GitLab Runner token', anySuffix: true },
  { pattern: 'etc/mysql/debian.cnf', kind: 'host-secret', label: 'the MySQL maintenance password', anySuffix: true },
  { pattern: 'etc/wireguard/**', kind: 'host-secret', label: 'a WireGuard private key', anySuffix: true },
  { pattern: '*.keytab', kind: 'host-secret', label: 'a Kerberos keytab', anySuffix: true },
  { pattern: 'etc/NetworkManager/system-connections/**', kind: 'network-password', label: 'saved network passwords', anySuffix: true },
  // Desktop apps' and wallets' secret stores.
  { pattern: '{.config,Library/Application Support,AppData/Roaming}/{Code,Code - Insiders,VSCodium,Cursor,Windsurf}/User/globalStorage/state.vscdb', kind: 'keyring', label: "an editor's secret storage", home: true },
  { pattern: '{.thunderbird,Library/Thunderbird,AppData/Roaming/Thunderbird}/**/{logins.json,key4.db,key3.db}', kind: 'browser-profile', label: 'saved mail passwords', home: true },
  { pattern: '.config/solana/**/*.json', kind: 'private-key', label: 'a Solana wallet key', home: true },
  { pattern: '{.ethereum,Library/Ethereum}/**/keystore/**', kind: 'private-key', label: 'an Ethereum wallet key', home: true },
  // Project files named for a secret.
  // In a project folder (a folder above it, not the file system's root). A project's `.kube/config` is
  // judged by its content (credentialPaths.test.ts keeps the name alone out).
  { pattern: '?*/.aws/credentials', kind: 'aws-credentials', label: 'AWS credentials' },
  { pattern: '*firebase-adminsdk*.json', kind: 'gcp-service-account', label: 'the Firebase service account key' },
  { pattern: 'rclone.conf', kind: 'cloud-storage-credentials', label: 'cloud storage credentials', needsAuthLine: /^\s*(pass|password|secret_access_key|key|token|client_secret|account_key)\s*=/m },
  { pattern: 'application-{prod,production,live,staging}*.{properties,yml,yaml}', kind: 'app-secrets', label: 'production application settings (passwords)', needsAuthLine: KEY_LINE },
  { pattern: '{local_settings,settings_local,settings.local,secret_settings}.py', kind: 'app-secrets', label: 'local Django settings (SECRET_KEY, passwords)', anySuffix: true, needsAuthLine: KEY_LINE },
  { pattern: 'config/initializers/secret_token.rb', kind: 'app-secrets', label: 'the Rails secret token', anySuffix: true },
  { pattern: 'config/secrets.yml', kind: 'app-secrets', label: 'Rails secrets', needsAuthLine: /secret_key_base|secret|password|token/i },
  { pattern: 'sftp-config.json', kind: 'app-secrets', label: 'the SFTP login of an editor project', needsAuthLine: /"password"|"ftp_passive"|"ssh_key_file"/ },
  // Only with `.txt`: a bare `token` or `password` is more often a word of a command than a file.
  { pattern: '{token,tokens,api_key,api-key,apikey,api_token,access_token,auth_token,secret_key,password,passwords}.txt', kind: 'app-secrets', label: 'a token file', anySuffix: true },
  ...APP_STORE_RULES,
  ...APP_STORE_PLACES,
];

/** A superset of the base names CATALOGUE_RULES can match outside the home folder. */
export const MAYBE_CATALOGUE_NAME = /deploy[-_]key|^\.?passwd-s3fs$|\.keytab$|firebase-adminsdk|^rclone\.conf$|^application-(prod|production|live|staging)|^(local_settings|settings_local|settings\.local|secret_settings)\.py$|^secret_token\.rb$|^secrets\.yml$|^sftp-config\.json$|^(tokens?|api[-_]?key|apikey|api_token|access_token|auth_token|secret_key|passwords?)\.txt$|^\.dockercfg$|^[._]curlrc$|^credentials$/i;
/** A superset of the absolute paths CATALOGUE_RULES can match outside the home folder. */
export const MAYBE_CATALOGUE_PATH = /\/etc\/(kubernetes|rancher|gitlab-runner|mysql|wireguard|NetworkManager|systemd\/system)\/|\/var\/lib\/rancher\/|\/run\/user\/\d+\/containers\//;
