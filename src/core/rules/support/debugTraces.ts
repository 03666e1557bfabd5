import type { CodeSnippet, Finding, Invocation } from '../../policy/types';
import { parsedArgs, toolNamed } from '../../registry/commandModel';
import { freeFormReadings } from '../../registry/freeForm';

/**
 * Debug and trace modes that print a credential the agent has not seen (red team round 10), beside
 * traceExposures.ts:
 * - `aws --debug` logs every request botocore signs, the session token header among them, and where it
 *   found the keys; `gcloud --log-http` logs the OAuth access token it sends;
 * - `TF_LOG=trace|debug` (and `TF_LOG_PROVIDER`) on terraform, OpenTofu and Terragrunt: providers log
 *   their HTTP exchanges with the provider's credentials;
 * - `wget -d` prints the request headers it sends: an `Authorization` or cookie from an option, a
 *   variable or a cookie file lands in the output; `curl --libcurl FILE` writes the request as C
 *   source, the user and password or header included;
 * - TLS plaintext taken before it is encrypted or the session keys written out: `SSLKEYLOGFILE`
 *   set for the next programs (curl, git, node, browsers write their TLS keys there), `node
 *   --tls-keylog`, bpftrace probes on libssl's `SSL_read`/`SSL_write`, `sslsniff`, `ecapture`;
 * - Python's `http.client` debug level (`HTTPConnection.debuglevel = 1`) in code that sends a header
 *   from the environment;
 * - configuration listers that print every stored value, credentials of private sources included:
 *   `bundle config` (no setting named, `list`, `get`), `composer config --list` and the getters of
 *   its auth keys.
 * A debug mode with no credential to print (`wget -d URL`, `TF_LOG=info`) stays allowed.
 */

function finding(rule: string, reason: string, what: string, provider: string): Finding {
  return { rule: `credentials.${rule}`, risk: 'credential-dump', severity: 'ask', reason, targets: [{ kind: 'credential', name: what, provider, remote: false, environment: 'local', environmentReason: 'this machine' }] };
}

const DYNAMIC = (raw: string): boolean => /\$|`/.test(raw);
const AUTH_HEADER = /^\s*(authorization|proxy-authorization|cookie|x-api-key|api-key|x-auth-token|private-token|x-vault-token|x-goog-api-key)\s*:/i;

function awsDebug(inv: Invocation): Finding[] {
  if (!inv.args.some((a) => a.text === '--debug')) return [];
  return [finding('trace-unredacted', 'aws --debug logs every request it signs, the session token header and where it found the keys among them: the credentials land in the output.', 'AWS credentials', 'aws')];
}

function gcloudLogHttp(inv: Invocation): Finding[] {
  if (!inv.args.some((a) => a.text === '--log-http' || a.text === '--log-http=true')) return [];
  return [finding('trace-unredacted', 'gcloud --log-http logs the HTTP requests it sends, the OAuth access token in their Authorization header: the token lands in the output.', 'Google Cloud access token', 'gcloud')];
}

const TERRAFORMS = /^(terraform|tofu|terragrunt|terraform-\d[\w.]*)$/;

function terraformLog(inv: Invocation): Finding[] {
  const level = ['TF_LOG', 'TF_LOG_PROVIDER', 'TG_LOG', 'TERRAGRUNT_LOG_LEVEL'].map((v) => [v, inv.assignments[v]] as const).find(([, v]) => v !== undefined && /^(trace|debug|json)$/i.test(v.trim()));
  if (!level) return [];
  return [finding('trace-unredacted', `${level[0]}=${level[1]} makes ${inv.name} log the providers' HTTP exchanges, their credentials and tokens among them: they land in the output.`, 'provider credentials', inv.name)];
}

function wgetDebug(inv: Invocation): Finding[] {
  const { valued, usual } = freeFormReadings(inv.args);
  const debug = [...usual.options, ...valued.options].some((o) => o.name === '-d' || o.name === '--debug' || /^-[a-zA-Z]*d[a-zA-Z]*$/.test(o.name));
  if (!debug) return [];
  const words = inv.args.map((a) => a);
  const credential = words.some((w, i) => {
    const t = w.text;
    const next = words[i + 1];
    if (/^--(load-cookies|http-password|password|ftp-password|proxy-password|user|http-user)(=|$)/.test(t)) return true;
    if (t.startsWith('--header=')) return AUTH_HEADER.test(t.slice(9)) && (DYNAMIC(w.raw) || /:\s*\S{8,}/.test(t.slice(9)));
    if (t === '--header' && next) return AUTH_HEADER.test(next.text);
    return false;
  });
  if (!credential) return [];
  return [finding('trace-unredacted', 'wget -d prints the request headers it sends, unredacted: the credential or cookies it is given land in the output.', 'HTTP credential', 'wget')];
}

function curlLibcurl(inv: Invocation): Finding[] {
  const spec = toolNamed('curl');
  if (!spec) return [];
  const opts = parsedArgs(inv.args, spec).options;
  if (!opts.some((o) => o.name === '--libcurl')) return [];
  const credential = opts.some((o) => (['-u', '--user', '--oauth2-bearer', '--proxy-user', '-b', '--cookie', '-n', '--netrc', '--netrc-file', '--aws-sigv4'].includes(o.name)) || ((o.name === '-H' || o.name === '--header') && o.values.some((v) => AUTH_HEADER.test(v))));
  if (!credential) return [];
  return [finding('trace-unredacted', 'curl --libcurl writes the request as C source, the user, password, token or cookie it sends written out in it.', 'HTTP credential', 'curl')];
}

/** Programs that capture TLS plaintext or keys on this machine. */
const TLS_CAPTURE = /^(sslsniff|sslsniff-bpfcc|ecapture|sslkeylog|ssldump)$/;

function tlsCapture(inv: Invocation): Finding[] {
  const out: Finding[] = [];
  const keylog = inv.assignments.SSLKEYLOGFILE;
  const exported = (inv.name === 'export' || inv.name === 'declare' || inv.name === 'typeset' || inv.name === 'setenv' || inv.name === 'set') && inv.args.some((a) => /^SSLKEYLOGFILE(=|$)/.test(a.text));
  if ((keylog !== undefined && keylog !== '' && keylog !== '/dev/null') || exported) {
    out.push(finding('tls-keys-captured', `SSLKEYLOGFILE makes ${exported ? 'every program the line starts next' : inv.name} write its TLS session keys to a file: traffic recorded with them decrypts, the credentials it carries included.`, 'TLS session keys', exported ? inv.name : 'SSLKEYLOGFILE'));
  }
  if ((inv.name === 'node' || inv.name === 'nodejs') && inv.args.some((a) => /^--tls-keylog(=|$)/.test(a.text))) {
    out.push(finding('tls-keys-captured', 'node --tls-keylog writes its TLS session keys to a file: traffic recorded with them decrypts, the credentials it carries included.', 'TLS session keys', 'node'));
  }
  if (TLS_CAPTURE.test(inv.name)) out.push(finding('tls-plaintext', `${inv.name} captures TLS traffic before it is encrypted (or its keys): every token and password sent over HTTPS on this machine lands in its output.`, 'TLS plaintext', inv.name));
  if (/^(bpftrace|bpftrace-\w+)$/.test(inv.name) && inv.args.some((a) => /u(ret)?probe:[^:]*(libssl|libgnutls|libnss|boringssl|libcrypto)[^:]*:/i.test(a.text) || /u(ret)?probe:[^\s{]*:(SSL_(read|write)|gnutls_record_(send|recv)|PR_(Read|Write))/i.test(a.text))) {
    out.push(finding('tls-plaintext', `${inv.name} probes the TLS library's read and write calls: every token and password sent over HTTPS on this machine lands in its output.`, 'TLS plaintext', inv.name));
  }
  return out;
}

function configListers(inv: Invocation): Finding[] {
  const words = freeFormReadings(inv.args).usual.operands.map((a) => a.text);
  if (inv.name === 'bundle' || inv.name === 'bundler') {
    // `bundle config get path` prints one ordinary setting; a source's credential is keyed by its host (`gems.example.com`, `BUNDLE_GEMS__EXAMPLE__COM`).
    // `bundle config build.x --use-system-libraries` sets a value that looks like an option: three words set, two print.
    const hostKey = (key: string | undefined): boolean => key !== undefined && (/__|\./.test(key) || /^BUNDLE_/i.test(key));
    if (words[0] !== 'config' || !(words.length === 1 || words[1] === 'list' || (words[1] === 'get' && hostKey(words[2])) || (words.length === 2 && inv.args.length === 2 && hostKey(words[1])))) return [];
    return [finding('dump', `${inv.name} config prints every Bundler setting with its value, the credentials of private gem sources (BUNDLE_<HOST>) among them.`, 'gem source credentials', inv.name)];
  }
  if (inv.name === 'composer') {
    if (words[0] !== 'config') return [];
    const list = inv.args.some((a) => a.text === '--list' || a.text === '-l');
    const authKey = words.length === 2 && /^(http-basic|github-oauth|gitlab-oauth|gitlab-token|bitbucket-oauth|bearer|forgejo-token)(\.|$)/.test(words[1]!);
    if (!list && !authKey) return [];
    return [finding('dump', `composer config ${list ? '--list' : words[1]} prints ${list ? 'every setting with its value, the tokens and passwords of auth.json among them' : 'a stored token or password'}.`, 'Composer auth tokens', 'composer')];
  }
  return [];
}

export function debugTraceExposures(inv: Invocation): Finding[] {
  const out = tlsCapture(inv);
  if (inv.name === 'aws') out.push(...awsDebug(inv));
  else if (inv.name === 'gcloud') out.push(...gcloudLogHttp(inv));
  else if (TERRAFORMS.test(inv.name)) out.push(...terraformLog(inv));
  else if (inv.name === 'wget' || inv.name === 'wget2') out.push(...wgetDebug(inv));
  else if (inv.name === 'curl') out.push(...curlLibcurl(inv));
  else if (inv.name === 'bundle' || inv.name === 'bundler' || inv.name === 'composer') out.push(...configListers(inv));
  return out;
}

/** Python's HTTP debug output (`HTTPConnection.debuglevel = 1`, `set_debuglevel(1)`) in code that sends a header from the environment. */
export function snippetDebugTraces(snippet: CodeSnippet): Finding[] {
  if (snippet.language !== 'python') return [];
  const text = snippet.text;
  if (!/debuglevel\s*=\s*[1-9]|set_debuglevel\s*\(\s*[1-9]/.test(text)) return [];
  if (!/os\.environ|os\.getenv|Authorization|Bearer|token|password/i.test(text)) return [];
  return [finding('trace-unredacted', `The python code run by ${snippet.runner.name} turns on http.client's debug output, which prints the request headers it sends: the credential in them lands in the output.`, 'HTTP credential', snippet.runner.name)];
}
