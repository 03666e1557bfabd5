import { isLoopbackHost } from '../../policy/production';
import type { Facts } from '../../policy/types';
import { namesHost } from '../../regexText';
import { moreSourceSettings } from './sourceFiles';

/**
 * Where package managers and git fetch code from, and whether they check what they fetch: the
 * settings that name a registry, an index, a proxy or a URL rewrite, and those that turn TLS or
 * checksum verification off. Pure knowledge, read by `rules/sourceRedirects.ts` for settings made
 * through a CLI and for settings files written with known text.
 *
 * The rule: a source is vouched for when its host is a well-known public registry, this machine
 * (a local mirror), or a host the workspace's own settings and lock files already name (the company's
 * private registry). Any other host, and verification turned off, asks: every later install, clone or
 * build would take code from there, unchecked.
 */

export type SourceChange =
  | { kind: 'source'; key: string; url: string }
  | { kind: 'unchecked'; key: string; what: string }
  /** A dependency swapped for another project's code (`replace github.com/acme/lib => github.com/x/lib`); `owner` is the new module's `host/owner`. */
  | { kind: 'replaced'; key: string; module: string; owner: string };

/** Public registries, indexes and forges, and the proxies package managers use by default. */
const PUBLIC_HOSTS = /^(registry\.npmjs\.org|registry\.yarnpkg\.com|registry\.npmmirror\.com|npm\.pkg\.github\.com|pypi\.org|pypi\.python\.org|files\.pythonhosted\.org|test\.pypi\.org|upload\.pypi\.org|maven\.google\.com|plugins\.gradle\.org|repo\.anaconda\.com|download\.pytorch\.org|proxy\.golang\.org|sum\.golang\.org|goproxy\.io|goproxy\.cn|crates\.io|index\.crates\.io|static\.crates\.io|github\.com|gitlab\.com|bitbucket\.org|codeberg\.org|ssh\.github\.com|altssh\.gitlab\.com|altssh\.bitbucket\.org|rubygems\.org|repo\.maven\.apache\.org|repo1\.maven\.org|conda\.anaconda\.org|jsr\.io)$/i;

/**
 * Top-level names nobody can register on the internet (ICANN's `.internal`, RFC 8375's `home.arpa`, and
 * `.corp`, which ICANN will not delegate): a host under one answers only inside the organization's own
 * network (`proxy.acme.internal`). `.local` is not one: any machine on the link answers mDNS for it.
 */
const PRIVATE_USE_DOMAIN = /\.(internal|corp|home\.arpa)$/i;

/** The host of a URL-ish value (`https://x/`, `git@github.com:`, `ssh://git@host/`, `x.example.com/simple`), lower-cased. */
export function hostOf(value: string): string | undefined {
  const v = value.trim().replace(/^["']|["']$/g, '');
  const scp = /^[\w.-]+@([\w.-]+):/.exec(v);
  if (scp) return scp[1]!.toLowerCase();
  const url = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^/:?#]+)/i.exec(v);
  if (url) return url[1]!.toLowerCase();
  const bare = /^([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?::\d+)?(?:\/|$)/i.exec(v);
  return bare ? bare[1]!.toLowerCase() : undefined;
}

/** Files of the workspace and the home folder that name the registries a team already uses. */
const NAMING_FILES = [
  '.npmrc', '.yarnrc.yml', '.yarnrc', '.pnpmrc', 'package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', 'pip.conf', 'uv.toml', 'pyproject.toml',
  'poetry.lock', 'requirements.txt', '.cargo/config.toml', '.cargo/config', 'go.mod', 'go.sum', 'go.env', '.gitmodules', '.blast-shield.json',
  'pom.xml', 'build.gradle', 'build.gradle.kts', 'settings.gradle', 'settings.gradle.kts', 'gradle.properties', 'environment.yml', '.condarc',
];
const HOME_NAMING_FILES = ['.npmrc', '.yarnrc.yml', '.config/pip/pip.conf', '.pip/pip.conf', '.config/uv/uv.toml', '.cargo/config.toml', '.config/go/env', '.gitconfig', '.m2/settings.xml', '.gradle/gradle.properties', '.condarc', '.pypirc'];

const named = new WeakMap<Facts, string>();

/** The text of the files that name the workspace's sources, joined (read once per decision). */
function namingText(facts: Facts): string {
  const known = named.get(facts);
  if (known !== undefined) return known;
  const parts: string[] = [];
  for (const root of facts.workspaceRoots) for (const f of NAMING_FILES) parts.push(facts.readFile(`${root}/${f}`)?.slice(0, 200_000) ?? '');
  for (const f of HOME_NAMING_FILES) parts.push(facts.readFile(`${facts.home}/${f}`)?.slice(0, 50_000) ?? '');
  const text = parts.join('\n').toLowerCase();
  named.set(facts, text);
  return text;
}

/** Does the workspace already name this module owner (`github.com/acme`) in its module and lock files? */
export function namedOwner(owner: string, facts: Facts): boolean {
  return namingText(facts).includes(owner.toLowerCase());
}

/** Is the source at `url` one the guard vouches for? */
export function vouchedSource(url: string, facts: Facts): boolean {
  const host = hostOf(url);
  if (host === undefined) return !/:\/\//.test(url); // a folder or a source name (`vendored-sources`), not a host
  if (PUBLIC_HOSTS.test(host) || PRIVATE_USE_DOMAIN.test(host) || isLoopbackHost(host, { unspecified: true, dockerHost: true })) return true;
  if (/^[a-z0-9-]+\.(githubusercontent|github)\.com$/.test(host)) return false;
  return namesHost(namingText(facts), host);
}

/** Builtins whose `NAME=value` words every later command of the session reads. */
export const SESSION_EXPORTERS: ReadonlySet<string> = new Set(['export', 'declare', 'typeset', 'setenv']);

const OFF = /^["']?(false|0|no|off)["']?$/i;
/** ssh options that stop it from checking the server's host key (`-o StrictHostKeyChecking=no`, `UserKnownHostsFile=/dev/null`); `accept-new` still refuses a changed key. */
const SSH_HOST_KEYS_OFF = /\bStrictHostKeyChecking\s*[= ]\s*["']?(no|off|false)\b|\b(User|Global)KnownHostsFile\s*[= ]\s*["']?\/dev\/null\b/i;
const ON = /^["']?(true|1|yes|on)["']?$/i;

/**
 * What setting `key` to `value` changes, for the settings of npm/pnpm/yarn, pip/uv/poetry, go, cargo,
 * git and the environment variables they read; undefined for everything else.
 */
export function sourceChange(rawKey: string, rawValue: string): SourceChange | undefined {
  const key = rawKey.trim().replace(/^["']|["']$/g, '');
  const value = rawValue.trim().replace(/^["']|["']$/g, '');
  const k = key.toLowerCase();
  // npm, pnpm, yarn 1 (`registry`, `@scope:registry`), yarn berry (`npmRegistryServer`), their variables.
  if (/^(@[\w.-]+:)?registry$|^npmregistryserver$|^npm_config_(@[\w.-]+:)?registry$|^yarn_npm_registry_server$|^yarn_registry$/.test(k)) return { kind: 'source', key, url: value };
  if (/^(strict-ssl|enablestrictssl|npm_config_strict_ssl|yarn_enable_strict_ssl)$/.test(k) && OFF.test(value)) return { kind: 'unchecked', key, what: 'TLS certificate checks for the package registry' };
  if (/^unsafehttpwhitelist$/.test(k)) return { kind: 'unchecked', key, what: 'TLS for the hosts listed' };
  // pip and uv: index URLs (with pip's `global.`/`install.` sections), trusted hosts.
  if (/^((global|install|download)\.)?(index-url|extra-index-url|find-links)$|^pip_(index_url|extra_index_url|find_links)$|^uv_(index_url|extra_index_url|default_index|index|find_links)$|^(default-index|index)$/.test(k)) return { kind: 'source', key, url: value.split(/[\s,]+/)[0] ?? value };
  if (/^((global|install)\.)?trusted-host$|^pip_trusted_host$|^uv_insecure_host$|^allow-insecure-host$/.test(k)) return { kind: 'unchecked', key, what: `TLS certificate checks for ${value}` };
  // Proxies every download goes through, and certificate authorities trusted from a scratch folder.
  // git's per-URL proxy (`http.https://github.com/.proxy`) covers that forge's credentialed traffic; a bare `host:port` is a proxy as much as a URL.
  if (/^(((global|install|download)\.)?proxy|https-proxy|http-proxy|httpsproxy|httpproxy|http\.(.+\.)?proxy|https\.proxy|npm_config_(https_)?proxy|yarn_(https|http)_proxy|https_proxy|http_proxy|all_proxy)$/.test(k) && (/:\/\//.test(value) || /^[a-z0-9-]+(\.[a-z0-9-]+)+:\d+$/i.test(value))) return { kind: 'source', key, url: value };
  // gcloud's proxy (`proxy/address HOST`, `CLOUDSDK_PROXY_ADDRESS`), Gradle's and the JVM's (`systemProp.https.proxyHost`, `-Dhttps.proxyHost=` in JAVA_TOOL_OPTIONS): a bare host is the proxy.
  if (/^(proxy\/address|cloudsdk_proxy_address|(systemprop\.)?https?\.proxyhost)$/.test(k) && hostOf(value) !== undefined) return { kind: 'source', key, url: `http://${value}` };
  const jvmProxy = /^(java_tool_options|jdk_java_options|_java_options|gradle_opts|maven_opts|sbt_opts)$/.test(k) ? /-Dhttps?\.proxyHost=(\S+)/.exec(value) : null;
  if (jvmProxy) return { kind: 'source', key, url: `http://${jvmProxy[1]!}` };
  if (k === 'cloudsdk_auth_disable_ssl_validation' && ON.test(value)) return { kind: 'unchecked', key, what: 'TLS certificate checks for every gcloud call' };
  // Twine's upload repository (`.pypirc`), Maven's mirrors, repositories and proxies, conda's channels and proxies (sourceFiles.ts).
  if (/^(pypirc\.repository|maven\.(repository|proxy)|conda\.(channels|default_channels|channel_alias|custom_channels\.[\w-]+|proxy_servers\.https?))$/.test(k) && /:\/\//.test(value)) return { kind: 'source', key, url: value };
  if (k === 'conda.ssl_verify' && OFF.test(value)) return { kind: 'unchecked', key, what: 'TLS certificate checks for conda' };
  // Bundler's mirror of a gem source (`mirror.https://rubygems.org`): every later install fetches from the mirror instead.
  const mirror = /^mirror\.(.+)$/.exec(k);
  if (mirror && /:\/\//.test(mirror[1]!) && !/^(true|false|\d+)$/i.test(value)) return { kind: 'source', key, url: value };
  if (/^(cafile|ca|http\.(.+\.)?sslcainfo|(global\.)?cert|node_extra_ca_certs|ssl_cert_file|requests_ca_bundle|curl_ca_bundle|aws_ca_bundle|git_ssl_cainfo|((profile\.)?[\w-]+\.)?ca_bundle|pip_cert|cafilepath|core\/custom_ca_certs_file|cloudsdk_core_custom_ca_certs_file)$/.test(k) && /^(\/tmp|\/var\/tmp|\/dev\/shm|\/private\/tmp)\//.test(value)) return { kind: 'unchecked', key, what: `the usual TLS trust (certificates from ${value}, a scratch file, are accepted for every server)` };
  // Go: the module proxy, and the checksum database.
  if (k === 'goproxy') return { kind: 'source', key, url: value.split(/[,|]/).find((v) => v !== 'direct' && v !== 'off') ?? value };
  if ((k === 'gosumdb' && /^off$/i.test(value)) || (k === 'gonosumcheck' && ON.test(value)) || (k === 'goflags' && /-insecure\b/.test(value))) return { kind: 'unchecked', key, what: 'checksum verification of Go modules' };
  // GOPRIVATE/GONOSUMDB for a company's own hosts (`*.corp.example.com`, `github.com/acme`) are routine; for every module, or a whole public forge, they are not.
  if (k === 'goinsecure' || ((k === 'gonosumdb' || k === 'goprivate' || k === 'gonoproxy') && value.split(',').some((p) => /^(\*|\*\.\*|\*\.com|(github\.com|gitlab\.com|bitbucket\.org|golang\.org|go\.googlesource\.com)(\/\*)?)$/i.test(p.trim())))) return { kind: 'unchecked', key, what: `checksum (and with GOINSECURE, TLS) verification of the Go modules matching ${value}` };
  // cargo: a registry index, a source's registry.
  if (/^(registries\.[\w-]+\.index|source\.[\w-]+\.registry|cargo_registries_[\w]+_index|index|registry)$/.test(k) && /:\/\//.test(value)) return { kind: 'source', key, url: value.replace(/^(sparse|registry)\+/, '') };
  // git: URL rewrites, TLS off.
  const rewrite = /^url\.(.+)\.(insteadof|pushinsteadof)$/i.exec(key);
  if (rewrite) return { kind: 'source', key, url: rewrite[1]! };
  if (/^http\.(.+\.)?sslverify$/.test(k) && OFF.test(value)) return { kind: 'unchecked', key, what: 'TLS certificate checks for git' };
  // The ssh that git and rsync run, told not to check host keys (`core.sshCommand`, `GIT_SSH_COMMAND`, `RSYNC_RSH`), and Ansible's switch for it.
  if ((/^(core\.sshcommand|git_ssh_command|rsync_rsh)$/.test(k) && SSH_HOST_KEYS_OFF.test(value)) || (k === 'ansible_host_key_checking' && OFF.test(value))) return { kind: 'unchecked', key, what: 'ssh host-key checks (whichever server answers for the forge is trusted)' };
  if (k === 'git_ssl_no_verify' && value !== '' && !OFF.test(value)) return { kind: 'unchecked', key, what: 'TLS certificate checks for git' };
  if (k === 'node_tls_reject_unauthorized' && /^0$/.test(value)) return { kind: 'unchecked', key, what: 'TLS certificate checks for every Node.js program' };
  // Python's requests and urllib, curl and wget told to trust nothing in particular or check nothing.
  if ((k === 'pythonhttpsverify' && /^0$/.test(value)) || ((k === 'requests_ca_bundle' || k === 'curl_ca_bundle') && value === '')) return { kind: 'unchecked', key, what: 'TLS certificate checks for Python and curl downloads' };
  if (/^(check_certificate|check-certificate)$/.test(k) && OFF.test(value)) return { kind: 'unchecked', key, what: 'TLS certificate checks for wget' };
  return undefined;
}

/** Forges whose ssh name carries pushes and clones (git@github.com:…), by the names their users write. */
const FORGE_HOSTS = /^(github\.com|gitlab\.com|bitbucket\.org|codeberg\.org|ssh\.dev\.azure\.com|vs-ssh\.visualstudio\.com|git\.sr\.ht|ssh\.github\.com|altssh\.gitlab\.com)$/i;

/**
 * An ssh configuration that sends a forge's name elsewhere (`Host github.com` with `HostName x.example`, or
 * `ProxyJump`): every later clone, fetch and push to that forge goes to the host named, which sees what is
 * pushed and serves what is cloned. Judged as a source like a git URL rewrite (`url.<x>.insteadOf`).
 */
function sshForgeRewrites(text: string): SourceChange[] {
  const out: SourceChange[] = [];
  let forges: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*(\w+)\s*(?:=\s*|\s+)(.*?)\s*$/.exec(line);
    if (!m || line.trim().startsWith('#')) continue;
    const key = m[1]!.toLowerCase();
    if (key === 'host' || key === 'match') {
      forges = key === 'host' ? m[2]!.split(/\s+/).filter((h) => FORGE_HOSTS.test(h) || (h.includes('*') && !h.startsWith('!') && new RegExp(`^${h.replace(/\./g, '\\.').replace(/\*/g, '.*')}$`, 'i').test('github.com'))) : [];
    } else if (forges.length > 0 && (key === 'hostname' || key === 'proxyjump')) {
      const target = m[2]!.replace(/^[^@\s]*@/, '').replace(/:\d+$/, '').split(',')[0]!;
      if (key === 'hostname' && forges.some((f) => f.toLowerCase() === target.toLowerCase())) continue;
      out.push({ kind: 'source', key: `the ssh ${m[1]} of ${forges[0]}`, url: `ssh://${target}` });
    }
  }
  return out;
}

/** Section-qualified `key = value` pairs of an INI or TOML text (`[global]` + `index-url` gives `global.index-url`). */
function iniPairs(text: string): [string, string][] {
  const out: [string, string][] = [];
  let section = '';
  for (const line of text.split('\n')) {
    const head = /^\s*\[+\s*([^\]]+?)\s*\]+\s*$/.exec(line);
    if (head) {
      section = head[1]!.replace(/["']/g, '').replace(/^url\s+/i, 'url.').replace(/^http\s+/i, 'http.');
      continue;
    }
    const pair = /^\s*([\w.@:/-]+)\s*[=:]\s*(.*?)\s*$/.exec(line);
    if (!pair || line.trim().startsWith('#') || line.trim().startsWith(';')) continue;
    out.push([section === '' ? pair[1]! : `${section}.${pair[1]!}`, pair[2]!]);
    out.push([pair[1]!, pair[2]!]);
  }
  return out;
}

function sameChange(a: SourceChange, b: SourceChange): boolean {
  if (a.kind === 'replaced' || b.kind === 'replaced') return a.kind === b.kind && a.key === b.key;
  return a.kind === 'source' && b.kind === 'source' ? a.url === b.url : a.kind === 'unchecked' && b.kind === 'unchecked' && a.what === b.what;
}

/** A project's environment file the application and its tools load on start (`.env`, `.env.local`), not a template (`.env.example`). */
const LOADED_ENV_FILE = /^\.env(\.(?!(example|sample|template|dist|tpl)$)[\w.-]+)?$/;

/** Settings a text written into `path` makes, when `path` is a settings file of a package manager, git, go or a shell start-up file. */
export function sourceChangesInFile(path: string, text: string): SourceChange[] {
  const l = path.toLowerCase();
  const name = l.slice(l.lastIndexOf('/') + 1);
  let pairs: [string, string][] = [];
  if (name === '.npmrc' || name === 'npmrc' || name === 'gradle.properties' || name === '.pnpmrc' || name === '.yarnrc' || name === 'pip.conf' || name === 'pip.ini' || name === 'uv.toml' || name === 'bunfig.toml'
    || name === 'pyproject.toml' || /\/\.cargo\/config(\.toml)?$/.test(l) || name === '.gitconfig' || l.endsWith('/.git/config') || l.endsWith('/.config/git/config')) {
    pairs = iniPairs(text);
    // yarn 1 writes `registry "https://…"`.
    for (const m of text.matchAll(/^\s*(registry|strict-ssl)\s+"?([^"\n]+)"?\s*$/gm)) pairs.push([m[1]!, m[2]!]);
    // uv and poetry list indexes as tables of `url = …`: each is a source.
    if (name === 'uv.toml' || name === 'pyproject.toml') for (const m of text.matchAll(/^\s*url\s*=\s*["']([^"']+)["']/gm)) pairs.push(['index', m[1]!]);
  } else if (name === '.curlrc' || name === '_curlrc' || name === '.wgetrc' || name === 'wgetrc') {
    // `proxy = "http://…"`, `--proxy http://…`, `-x http://…`, `insecure`/`-k`, wget's `https_proxy = …`, `check_certificate = off`.
    pairs = iniPairs(text.replace(/^\s*(?:--proxy|-x)\s+/gm, 'proxy=').replace(/^\s*--?([\w-]+)\s*$/gm, '$1'));
    for (const line of text.split('\n')) if (/^\s*(--?insecure|-k|insecure)\s*$/.test(line)) pairs.push(['check_certificate', 'off']);
  } else if (name === '.yarnrc.yml') {
    pairs = [...text.matchAll(/^\s*(npmRegistryServer|enableStrictSsl|unsafeHttpWhitelist|httpProxy|httpsProxy|caFilePath)\s*:\s*(.*)$/gm)].map((m) => [m[1]!, m[2]!]);
  } else if (l.endsWith('/go/env') || name === 'go.env' || /^\.(bashrc|bash_profile|bash_login|profile|zshrc|zshenv|zprofile|zlogin|kshrc|envrc)$/.test(name) || LOADED_ENV_FILE.test(name) || l === '/etc/environment' || l.endsWith('/.config/fish/config.fish')) {
    pairs = [...text.matchAll(/^\s*(?:export\s+|set\s+-gx\s+)?([A-Za-z_][A-Za-z0-9_]*)(?:=|\s+)(.*)$/gm)].map((m) => [m[1]!, m[2]!]);
  }
  const more = moreSourceSettings(path, text);
  pairs.push(...more.pairs);
  const out: SourceChange[] = l.endsWith('/.ssh/config') || l === '/etc/ssh/ssh_config' || /\/etc\/ssh\/ssh_config\.d\/[^/]+$/.test(l) ? sshForgeRewrites(text) : [...more.changes];
  for (const [key, value] of pairs) {
    const change = sourceChange(key, value);
    if (change && !out.some((c) => sameChange(c, change))) out.push(change);
  }
  return out;
}
