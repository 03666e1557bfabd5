import type { Finding, Invocation } from '../../policy/types';
import { parsedArgs, toolNamed } from '../../registry/commandModel';
import { effectGrammar, readEffectArgs, values } from '../../policy/effectOptions';
import { debugTraceExposures } from './debugTraces';

/**
 * Traces that print a credential the agent has not seen (stop 28, red team round 9):
 * - git's HTTP or packet trace with redaction switched off (`GIT_TRACE_REDACT=0` with `GIT_TRACE_CURL`,
 *   `GIT_CURL_VERBOSE`, `GIT_TRACE_PACKET`): the stored credential's `Authorization` header is printed
 *   (git redacts it by default, so the trace alone stays allowed);
 * - curl's verbose output or trace (`-v`, `--trace`, `--trace-ascii`) of a request whose credential
 *   comes from `~/.netrc` or a variable (`--netrc`, `-u "$USER:$PASS"`, `-H "Authorization: Bearer $T"`):
 *   curl prints the request headers it sends, unredacted;
 * - strace or ltrace around a program that handles a credential (`strace -f -e trace=read,write git push`):
 *   the credential helper's answer, the password typed or the token sent appear in the trace
 *   (tracing a process by pid asks elsewhere: otherProcessReads.ts). A trace limited to syscalls that
 *   carry no data (`-e trace=openat,execve`, `-c`) stays allowed.
 */

const FALSY = /^(0|false|no|off)$/i;
const TRUTHY = (v: string | undefined): boolean => v !== undefined && v !== '' && !FALSY.test(v);
const GIT_NETWORK = /^(push|fetch|pull|clone|ls-remote|remote|submodule|archive|lfs|send-pack|fetch-pack|credential)$/;

function finding(rule: string, reason: string, what: string, provider: string): Finding {
  return { rule: `credentials.${rule}`, risk: 'credential-dump', severity: 'ask', reason, targets: [{ kind: 'credential', name: what, provider, remote: false, environment: 'local', environmentReason: 'this machine' }] };
}

function gitTrace(inv: Invocation): Finding[] {
  const env = inv.assignments;
  if (env.GIT_TRACE_REDACT === undefined || !FALSY.test(env.GIT_TRACE_REDACT)) return [];
  const trace = ['GIT_TRACE_CURL', 'GIT_CURL_VERBOSE', 'GIT_TRACE_PACKET', 'GIT_TRACE'].find((v) => TRUTHY(env[v]));
  if (trace === undefined) return [];
  const spec = toolNamed('git');
  const sub = spec ? parsedArgs(inv.args, spec).path[0] : undefined;
  if (sub === undefined || !GIT_NETWORK.test(sub)) return [];
  return [finding('trace-unredacted', `GIT_TRACE_REDACT=0 with ${trace} makes git ${sub} print its HTTP exchange unredacted: the stored credential's Authorization header lands in the output.`, 'git HTTP credential', 'git')];
}

const AUTH_HEADER = /^\s*(authorization|proxy-authorization|cookie|x-api-key|api-key|x-auth-token|private-token|x-vault-token|x-goog-api-key)\s*:/i;

function curlTrace(inv: Invocation): Finding[] {
  const spec = toolNamed('curl');
  if (!spec) return [];
  const parsed = parsedArgs(inv.args, spec);
  const opts = parsed.options;
  const traced = opts.find((o) => o.name === '-v' || o.name === '--verbose' || o.name === '--trace' || o.name === '--trace-ascii');
  if (!traced) return [];
  const from = (o: (typeof opts)[number]): boolean => o.valueWords.some((w) => w.dynamic || /\$|`/.test(w.raw));
  const source = opts.find((o) => o.name === '-n' || o.name === '--netrc' || o.name === '--netrc-file' || o.name === '--netrc-optional')
    ? 'the password ~/.netrc holds for that host'
    : opts.find((o) => (o.name === '-u' || o.name === '--user' || o.name === '--oauth2-bearer') && from(o))
      ? 'the credential the variable holds'
      : opts.find((o) => (o.name === '-H' || o.name === '--header') && o.values.some((v) => AUTH_HEADER.test(v) || v.startsWith('@')) && (from(o) || o.values.some((v) => v.startsWith('@'))))
        ? 'the credential the header carries'
        : undefined;
  if (source === undefined) return [];
  return [finding('trace-unredacted', `curl ${traced.written} prints the request headers it sends, unredacted: ${source} lands in the output as an Authorization header.`, 'HTTP credential', 'curl')];
}

/** HTTPie and xh: `-v` (or `--print` with `H`) prints the request headers, an `Authorization` built from `-a`, `--bearer` or a header item. */
function httpieTrace(inv: Invocation): Finding[] {
  const spec = toolNamed(inv.name);
  if (!spec) return [];
  const parsed = parsedArgs(inv.args, spec);
  const opts = parsed.options;
  const traced = opts.find((o) => o.name === '-v' || o.name === '--verbose' || ((o.name === '-p' || o.name === '--print') && o.values.some((v) => v.includes('H'))));
  if (!traced) return [];
  const dynamic = (w: { dynamic: boolean; raw: string }): boolean => w.dynamic || /\$|`/.test(w.raw);
  const credential = opts.some((o) => (o.name === '-a' || o.name === '--auth' || o.name === '--bearer') && o.valueWords.some(dynamic))
    || parsed.operands.some((w) => /^[\w-]+:(?!\/\/)/.test(w.text) && AUTH_HEADER.test(w.text.replace(/^([\w-]+):/, '$1: ')) && dynamic(w));
  if (!credential) return [];
  return [finding('trace-unredacted', `${inv.name} ${traced.written} prints the request headers it sends, unredacted: the credential the variable holds lands in the output as an Authorization header.`, 'HTTP credential', inv.name)];
}

/** strace's and ltrace's options as their wrappers read them (`-e EXPR`, `-s N`, `-o FILE` …). */
const STRACE = effectGrammar('abeEIoOpPsSUX');
const LTRACE = effectGrammar('aeEilnopsuwx');
/** Syscalls whose buffers strace prints. */
const DATA_CALLS = /^(!|all$|%net|%network$|%desc$|read|write|pread|pwrite|send|recv|%ipc)/;
/** Programs that handle a credential when they run (a push's helper answer, ssh's key, a CLI's token). */
const HANDLES_CREDENTIALS = /^(ssh|scp|sftp|rsync|curl|wget|gh|glab|aws|gcloud|az|kubectl|helm|docker|podman|npm|pnpm|yarn|pass|gpg|gpg2|op|vault|bw|psql|mysql|mongosh|redis-cli|sudo|su|ssh-add|heroku|fly|flyctl|vercel|netlify|doctl|terraform|twine|cargo|gem|git-credential-\S+|git-remote-\S+)$/;

function tracedProgram(inv: Invocation): Finding[] {
  const tracer = inv.via.find((v) => v === 'strace' || v === 'ltrace');
  if (tracer === undefined) return [];
  if (inv.name === 'git') {
    const spec = toolNamed('git');
    const sub = spec ? parsedArgs(inv.args, spec).path[0] : undefined;
    if (sub === undefined || !GIT_NETWORK.test(sub)) return [];
  } else if (!HANDLES_CREDENTIALS.test(inv.name)) return [];
  const words = readEffectArgs(inv.wrapperWords ?? [], tracer === 'strace' ? STRACE : LTRACE);
  // `-c` counts calls and prints no data.
  if (words.options.some((o) => o.name === 'c')) return [];
  if (tracer === 'strace') {
    const exprs = values(words, 'e').map((w) => w.text.replace(/^trace=/, ''));
    const limited = exprs.length > 0 && exprs.every((e) => !/^(read|write)=/.test(e) && (/^(signal|abbrev|verbose|raw|status|quiet|decode-fds|kvm|inject|fault)=/.test(e) || e.split(',').every((c) => c !== '' && !DATA_CALLS.test(c))));
    if (limited) return [];
  }
  return [finding('trace-child-io', `${tracer} runs ${inv.name}${inv.name === 'git' ? ' ' + (inv.args[0]?.text ?? '') : ''} under a trace of its ${tracer === 'strace' ? 'reads and writes' : 'library calls'}: the password, token or helper answer it handles lands in the trace.`, `${inv.name} credentials`, tracer)];
}

export function traceExposures(inv: Invocation): Finding[] {
  if (inv.remote) return [];
  const debug = debugTraceExposures(inv);
  if (debug.length > 0) return debug;
  if (inv.via.length > 0) {
    const traced = tracedProgram(inv);
    if (traced.length > 0) return traced;
  }
  if (inv.name === 'git') return gitTrace(inv);
  if (inv.name === 'curl') return curlTrace(inv);
  if (inv.name === 'http' || inv.name === 'https' || inv.name === 'xh' || inv.name === 'xhs') return httpieTrace(inv);
  return [];
}
