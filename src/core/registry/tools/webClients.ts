import type { ToolSpec } from '../types';
import { flag, flagsEach, valued, valuedEach } from './options';

/**
 * Command-line HTTP clients, as the HTTP pack reads their requests (method, URL, headers, body).
 *
 * curl: short clusters with glued values (`-sSXDELETE`), `--opt value` and `--opt=value`, unique
 * prefixes of long options (`--req DELETE`, accepted before curl 8.5), `-K FILE` reads more options
 * from a config file, and any option prefixed `--expand-` has `{{variables}}` substituted.
 *
 * wget (GNU getopt_long): `--method=DELETE`, `--body-data`, `--post-file`, abbreviations.
 *
 * HTTPie and xh: `http [METHOD] URL [items]`, options anywhere.
 */

export const curl: ToolSpec = {
  names: ['curl'],
  family: 'http',
  locality: 'either',
  abbreviations: true,
  numericOptions: true,
  options: [
    valued('-A', '--user-agent'), valued('-b', '--cookie'), valued('-c', '--cookie-jar'), valued('-C', '--continue-at'),
    valued('-d', '--data', '--expand-data'), valued('--data-ascii', '--expand-data-ascii'), valued('--data-binary', '--expand-data-binary'),
    valued('--data-raw', '--expand-data-raw'), valued('--data-urlencode', '--expand-data-urlencode'), valued('--json', '--expand-json'),
    valued('-D', '--dump-header'), valued('-e', '--referer'), valued('-E', '--cert'), valued('-F', '--form', '--expand-form'),
    valued('--form-string', '--expand-form-string'), valued('-H', '--header', '--expand-header'), valued('-K', '--config'), valued('-m', '--max-time'),
    valued('-o', '--output'), valued('-P', '--ftp-port'), valued('-Q', '--quote'), valued('-r', '--range'), valued('-t', '--telnet-option'),
    valued('-T', '--upload-file', '--expand-upload-file'), valued('-u', '--user', '--expand-user'), valued('-U', '--proxy-user'), valued('-w', '--write-out'),
    valued('-x', '--proxy'), valued('-X', '--request', '--expand-request'), valued('-y', '--speed-time'), valued('-Y', '--speed-limit'),
    valued('-z', '--time-cond'), valued('--url', '--expand-url'), valued('--url-query', '--expand-url-query'), valued('--variable'),
    valued('--unix-socket'), valued('--abstract-unix-socket'),
    ...valuedEach('--connect-timeout', '--retry', '--retry-delay', '--retry-max-time', '--cacert', '--capath', '--cert-type', '--key', '--key-type',
      '--pass', '--resolve', '--connect-to', '--interface', '--limit-rate', '--max-filesize', '--max-redirs', '--oauth2-bearer', '--aws-sigv4',
      '--output-dir', '--trace', '--trace-ascii', '--stderr', '--noproxy', '--dns-servers', '--local-port', '--keepalive-time', '--request-target',
      '--preproxy', '--socks4', '--socks4a', '--socks5', '--socks5-hostname', '--hostpubmd5', '--hostpubsha256', '--pubkey', '--ciphers', '--tls-max',
      '--mail-from', '--mail-rcpt', '--mail-auth', '--proxy-header', '--netrc-file', '--happy-eyeballs-timeout-ms', '--expect100-timeout',
      '--parallel-max', '--sasl-authzid', '--service-name', '--login-options', '--delegation', '--crlfile', '--egd-file', '--random-file', '--engine',
      '--ftp-account', '--ftp-alternative-to-user', '--ftp-method', '--ftp-ssl-ccc-mode', '--krb', '--proto', '--proto-redir', '--proto-default',
      '--tlsuser', '--tlspassword', '--tlsauthtype', '--doh-url', '--etag-save', '--etag-compare', '--hsts', '--alt-svc', '--curves',
      '--tls13-ciphers', '--ip-tos', '--vlan-priority', '--rate', '--proxy-cacert', '--proxy-cert', '--proxy-key', '--proxy-pass', '--dns-interface',
      '--dns-ipv4-addr', '--dns-ipv6-addr', '--trace-config', '--ech', '--ipfs-gateway', '--libcurl'),
    flag('-I', '--head'), flag('-G', '--get'), flag('-s', '--silent'), flag('-S', '--show-error'), flag('-L', '--location'), flag('-k', '--insecure'),
    flag('-f', '--fail'), flag('-v', '--verbose'), flag('-i', '--include'), flag('-O', '--remote-name'), flag('-J', '--remote-header-name'),
    flag('-N', '--no-buffer'), flag('-#', '--progress-bar'), flag('-0', '--http1.0'), flag('-1', '--tlsv1'), flag('-2', '--sslv2'), flag('-3', '--sslv3'),
    flag('-4', '--ipv4'), flag('-6', '--ipv6'), flag('-a', '--append'), flag('-B', '--use-ascii'), flag('-g', '--globoff'), flag('-j', '--junk-session-cookies'),
    flag('-l', '--list-only'), flag('-n', '--netrc'), flag('-p', '--proxytunnel'), flag('-q', '--disable'), flag('-R', '--remote-time'), flag('-Z', '--parallel'),
    flag('-h', '--help'), flag('-V', '--version'), flag('-M', '--manual'),
    ...flagsEach('--compressed', '--fail-with-body', '--http1.1', '--http2', '--http2-prior-knowledge', '--http3', '--http3-only', '--tr-encoding',
      '--create-dirs', '--raw', '--ssl', '--ssl-reqd', '--retry-all-errors', '--retry-connrefused', '--path-as-is', '--post301', '--post302', '--post303',
      '--location-trusted', '--digest', '--basic', '--ntlm', '--negotiate', '--anyauth', '--no-keepalive', '--no-sessionid', '--no-progress-meter',
      '--styled-output', '--tcp-nodelay', '--tcp-fastopen', '--false-start', '--xattr', '--remote-name-all', '--ignore-content-length', '--skip-existing',
      '--netrc-optional', '--no-clobber', '--remove-on-error', '--parallel-immediate', '--fail-early', '--show-headers', '--tlsv1.2', '--tlsv1.3'),
  ],
};

export const wget: ToolSpec = {
  names: ['wget'],
  family: 'http',
  programOptions: ['--use-askpass'],
  // `-e use_askpass=PROG`: the wgetrc command that names the same program.
  programSettings: { options: ['-e'], keys: /^use_?askpass$/i },
  locality: 'either',
  abbreviations: true,
  options: [
    valued('-O', '--output-document'), valued('-o', '--output-file'), valued('-a', '--append-output'), valued('-P', '--directory-prefix'),
    valued('-U', '--user-agent'), valued('-e', '--execute'), valued('-i', '--input-file'), valued('-t', '--tries'), valued('-T', '--timeout'),
    valued('-w', '--wait'), valued('-Q', '--quota'), valued('-l', '--level'), valued('-A', '--accept'), valued('-R', '--reject'), valued('-D', '--domains'),
    valued('-I', '--include-directories'), valued('-X', '--exclude-directories'), valued('-B', '--base'), valued('-n'),
    ...valuedEach('--method', '--body-data', '--body-file', '--post-data', '--post-file', '--header', '--user', '--password', '--http-user', '--http-password',
      '--load-cookies', '--save-cookies', '--referer', '--ca-certificate', '--certificate', '--private-key', '--limit-rate', '--bind-address',
      '--dns-timeout', '--connect-timeout', '--read-timeout', '--waitretry', '--ca-directory', '--certificate-type', '--private-key-type', '--secure-protocol',
      '--proxy-user', '--proxy-password', '--restrict-file-names', '--default-page', '--cut-dirs', '--local-encoding', '--remote-encoding', '--config',
      '--rejected-log', '--regex-type', '--accept-regex', '--reject-regex', '--exclude-domains', '--follow-tags', '--ignore-tags', '--report-speed',
      '--backups', '--hsts-file', '--ftp-user', '--ftp-password', '--compression', '--crl-file', '--pinnedpubkey', '--random-file', '--egd-file',
      '--max-redirect', '--retry-on-http-error', '--ciphers', '--use-askpass', '--xattr'),
    // The wgetrc commands `-e https_proxy=…`, `-e use_proxy=on`, as `canonicalArgs` writes them (`registry/commandWords.ts`).
    ...valuedEach('--http-proxy', '--https-proxy', '--ftp-proxy', '--use-proxy'),
    flag('-q', '--quiet'), flag('-v', '--verbose'), flag('-c', '--continue'), flag('-N', '--timestamping'), flag('-S', '--server-response'),
    flag('-r', '--recursive'), flag('-m', '--mirror'), flag('-k', '--convert-links'), flag('-p', '--page-requisites'), flag('-b', '--background'),
    flag('-x', '--force-directories'), flag('-E', '--adjust-extension'), flag('-H', '--span-hosts'), flag('-L', '--relative'), flag('-F', '--force-html'),
    flag('-K', '--backup-converted'), flag('-d', '--debug'), flag('-4', '--inet4-only'), flag('-6', '--inet6-only'), flag('-h', '--help'), flag('-V', '--version'),
    ...flagsEach('--spider', '--no-check-certificate', '--content-disposition', '--no-cookies', '--keep-session-cookies', '--no-parent', '--no-clobber',
      '--no-directories', '--no-host-directories', '--no-verbose', '--show-progress', '--no-proxy', '--ignore-case', '--auth-no-challenge', '--https-only',
      '--trust-server-names', '--no-cache', '--no-dns-cache', '--no-http-keep-alive', '--delete-after', '--convert-file-only'),
  ],
  dryRun: ['--spider'],
};

export const httpie: ToolSpec = {
  names: ['http', 'https', 'xh', 'xhs'],
  family: 'http',
  locality: 'either',
  options: [
    valued('-a', '--auth'), valued('-A', '--auth-type'), valued('-o', '--output'), valued('-p', '--print'), valued('-s', '--style'), valued('-P', '--history-print'),
    ...valuedEach('--session', '--session-read-only', '--pretty', '--verify', '--cert', '--cert-key', '--cert-key-pass', '--proxy', '--timeout',
      '--max-redirects', '--raw', '--format-options', '--response-charset', '--response-mime', '--boundary', '--ssl', '--ciphers', '--default-scheme',
      '--bearer', '--unix-socket', '--resolve', '--interface', '--http-version', '--scheme'),
    flag('-j', '--json'), flag('-f', '--form'), flag('-m', '--multipart'), flag('-h', '--headers'), flag('-b', '--body'), flag('-v', '--verbose'),
    flag('-q', '--quiet'), flag('-d', '--download'), flag('-c', '--continue'), flag('-S', '--stream'), flag('-F', '--follow'), flag('-I', '--ignore-stdin'),
    flag('-x', '--compress'), flag('-i', '--ignore-netrc'),
    ...flagsEach('--offline', '--help', '--version', '--check-status', '--all', '--path-as-is', '--chunked', '--sorted', '--unsorted', '--debug', '--traceback', '--https', '--http2', '--http3'),
  ],
};

/**
 * PowerShell's Invoke-RestMethod and Invoke-WebRequest (and their aliases): parameters in any case,
 * `-Name value` or `-Name:value`, shortened to any unambiguous prefix (`-Meth DELETE`).
 */
export const powershellWeb: ToolSpec = {
  names: ['Invoke-RestMethod', 'Invoke-WebRequest', 'invoke-restmethod', 'invoke-webrequest', 'irm', 'iwr'],
  family: 'http',
  locality: 'either',
  abbreviations: true,
  powershellParameters: true,
  options: [
    ...valuedEach('--uri', '--method', '--body', '--infile', '--contenttype', '--headers', '--outfile', '--websession', '--sessionvariable', '--credential',
      '--certificate', '--certificatethumbprint', '--proxy', '--proxycredential', '--timeoutsec', '--maximumredirection', '--maximumretrycount',
      '--retryintervalsec', '--useragent', '--form', '--custommethod', '--transferencoding', '--authentication', '--token', '--httpversion',
      '--responseheadersvariable', '--statuscodevariable', '--connectiontimeoutseconds', '--operationtimeoutseconds', '--sslprotocol', '--erroraction',
      '--errorvariable', '--outvariable', '--warningaction', '--informationaction'),
    ...flagsEach('--usebasicparsing', '--usedefaultcredentials', '--disablekeepalive', '--passthru', '--skipcertificatecheck', '--skipheadervalidation',
      '--skiphttperrorcheck', '--allowunencryptedauthentication', '--allowinsecureredirect', '--preserveauthorizationonredirect', '--resume', '--noproxy',
      '--followrellink', '--verbose', '--debug'),
  ],
};

/**
 * eget (round 27): downloads a project's release asset and unpacks its program; `--to DIR` (or `--to FILE`) is where it
 * lands, under the name the release gives it, so a folder on PATH or `.git/hooks` is filled as `tar -C DIR` fills it.
 */
export const eget: ToolSpec = {
  names: ['eget'],
  family: 'http',
  locality: 'either',
  options: [
    valued('-t', '--tag'), valued('-s', '--system'), valued('-f', '--file'), valued('-a', '--asset'), valued('--sha256'), valued('--verify-sha256'), valued('--to'),
    flag('--source'), flag('--all'), flag('-q', '--quiet'), flag('-x', '--extract-all'), flag('-d', '--download-only'), flag('--upgrade-only'), flag('--pre-release'),
    flag('--rate'), flag('-v', '--version'), flag('-h', '--help'),
  ],
  outputFolders: ['--to'],
};
