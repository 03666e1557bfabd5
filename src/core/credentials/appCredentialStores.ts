import type { PathRule } from './credentialPaths';

/**
 * Credential stores of tools and desktop apps by their documented default places (red team round 11):
 * cluster and orchestrator tokens, regional clouds' CLIs, mail and chat clients' passwords, registry
 * logins of Helm and podman, remote-desktop and file-transfer clients' saved servers, the browser key
 * that decrypts saved passwords. Spread into the catalogue (`credentialCatalogue.ts`).
 */
const KEY_LINE = /password|passwd|secret|token|api[_-]?key|apikey|private[_-]?key|credential/i;

export const APP_STORE_RULES: readonly PathRule[] = [
  // Chromium-family browsers: `Local State` holds the key that decrypts saved passwords and cookies.
  { pattern: '{.config,Library/Application Support,AppData/Local,snap/*/common/.config}/**/Local State', kind: 'browser-profile', label: "a browser's key store (decrypts saved passwords and cookies)", home: true },
  // Orchestrators, service meshes and access proxies.
  { pattern: '.nomad-token', kind: 'cluster-token', label: 'the Nomad ACL token', home: true },
  { pattern: '.consul-token', kind: 'cluster-token', label: 'the Consul ACL token', home: true },
  { pattern: '{.config/argocd,.argocd}/config', kind: 'cluster-token', label: 'the Argo CD session tokens', home: true },
  { pattern: '.tsh/**', kind: 'private-key', label: 'Teleport keys and certificates', home: true },
  { pattern: '.boundary/**', kind: 'cluster-token', label: 'the Boundary token', home: true },
  // Regional and private clouds' CLIs.
  { pattern: '.aliyun/config.json', kind: 'cloud-credentials', label: 'the Alibaba Cloud access keys', home: true },
  { pattern: '.tccli/**', kind: 'cloud-credentials', label: 'the Tencent Cloud keys', home: true },
  { pattern: '{.config/openstack,Library/Application Support/openstack}/{clouds,secure}.yaml', kind: 'cloud-credentials', label: 'OpenStack cloud passwords', home: true },
  // Mail and chat clients' passwords.
  { pattern: '{.msmtprc,.config/msmtp/config}', kind: 'mail-password', label: 'the msmtp mail password', home: true },
  { pattern: '.fetchmailrc', kind: 'mail-password', label: 'the fetchmail mail passwords', home: true },
  { pattern: '{.muttrc,.mutt/muttrc,.config/mutt/muttrc}', kind: 'mail-password', label: 'the mutt mail password', home: true, needsAuthLine: /_pass\b|password/i },
  { pattern: '{.weechat,.config/weechat}/sec.conf', kind: 'chat-password', label: 'the WeeChat secured passwords', home: true },
  { pattern: '{.irssi/config,.config/hexchat/servlist.conf}', kind: 'chat-password', label: 'IRC passwords', home: true, needsAuthLine: KEY_LINE },
  // Registry logins of Helm and podman/buildah, build tools' init scripts.
  { pattern: '{.config/helm/registry,Library/Preferences/helm/registry}/config.json', kind: 'docker-config', label: 'Helm registry credentials', home: true },
  { pattern: '.gradle/init.d/*', kind: 'gradle-credentials', label: 'build credentials in a Gradle init script', home: true, needsAuthLine: KEY_LINE },
  // File-transfer and remote-desktop clients' saved servers.
  { pattern: '{.config/filezilla,.filezilla}/{recentservers,sitemanager}.xml', kind: 'app-password', label: 'FileZilla saved server passwords', home: true },
  { pattern: '{.remmina,.local/share/remmina,.config/remmina}/*.{remmina,pref}', kind: 'app-password', label: 'Remmina saved connection passwords', home: true },
];

/** Absolute places outside home: podman's login under the runtime folder, systemd drop-ins that set secrets. */
export const APP_STORE_PLACES: readonly PathRule[] = [
  { pattern: 'run/user/*/containers/auth.json', kind: 'docker-config', label: 'container registry credentials (podman login)', anySuffix: true },
  { pattern: 'etc/systemd/system/*.d/*.conf', kind: 'host-secret', label: "a service's environment (passwords, tokens)", anySuffix: true, needsAuthLine: /^\s*Environment\s*=.*(password|passwd|secret|token|api[_-]?key|credential)/im },
];
