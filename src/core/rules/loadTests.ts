import type { Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { parsedArgs, toolArgs, toolNamed } from '../registry/commandModel';
import type { ToolArgs } from '../registry/types';
import { isLocalUrl, parseRequestUrl } from './support/httpTargets';

/**
 * Load tests and benchmarks aimed at another machine (round 8, issue #18): `ab -n 1000000 -c 1000
 * https://api…`, `wrk -c400 -d300s URL`, `vegeta attack <<< 'GET URL'`, `locust --host URL --headless`,
 * `esrally race --target-hosts es.prod:9200` flood a service (and Rally creates and deletes indices on
 * the cluster). Unknown hosts are production. Aimed at this machine (`localhost`, `127.0.0.1`) they are
 * routine development; a target list the guard cannot read asks.
 */

function hostTarget(host: string, ctx: RuleContext): Target {
  const env = ctx.environmentOf({ values: [host], sources: [{ source: 'host', value: host }], remote: true });
  return { kind: 'url', name: host, remote: true, environment: env.environment, environmentReason: env.reason };
}

/** URLs written in text: a targets list (`GET https://…`), a script, a locustfile's `host = "…"`. */
function urlsIn(text: string): string[] {
  return [...text.matchAll(/\bhttps?:\/\/[^\s'"`<>)]+/g)].map((m) => m[0]);
}

/** The remote hosts among these targets (URLs or `host:port`); undefined when one is computed at run time. */
function remoteHosts(targets: readonly string[]): string[] | undefined {
  const out: string[] = [];
  for (const t of targets) {
    const url = parseRequestUrl(/^[a-z][a-z0-9+.-]*:\/\//i.test(t) ? t : `http://${t}`);
    if (url === undefined || url.dynamicHost) return undefined;
    if (!isLocalUrl(url)) out.push(url.host);
  }
  return [...new Set(out)];
}

function readText(inv: Invocation, ctx: RuleContext, path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  return ctx.facts.readFile(path.startsWith('/') ? path : `${inv.cwd.replace(/\/+$/, '')}/${path}`);
}

/** What standard input carries, when the line says (a here-string, a here-document, `echo … |`). */
function stdinText(inv: Invocation): string | undefined {
  const stdin = inv.stdin;
  if (stdin === undefined) return undefined;
  if (stdin.kind === 'heredoc' || stdin.kind === 'herestring') return stdin.text;
  if (stdin.kind === 'pipe' && /^(echo|printf)$/.test(stdin.from.name)) return stdin.from.args.map((w) => w.text).join(' ');
  return undefined;
}

/** The targets an invocation aims at, or `unread` when they come from somewhere the guard cannot read. */
function targetsOf(inv: Invocation, a: ToolArgs, ctx: RuleContext): string[] | 'unread' {
  const operands = a.parsed.operands.map((w) => w.text);
  switch (inv.name) {
    case 'vegeta': {
      if (a.parsed.path[0] !== 'attack') return [];
      const file = a.value('-targets');
      const text = file !== undefined && file !== 'stdin' ? readText(inv, ctx, file) : stdinText(inv);
      return text === undefined ? 'unread' : urlsIn(text);
    }
    case 'siege': {
      const file = a.value('-f', '--file');
      if (file === undefined) return operands;
      const text = readText(inv, ctx, file);
      return text === undefined ? 'unread' : [...operands, ...urlsIn(text)];
    }
    case 'locust': {
      const host = a.value('-H', '--host');
      if (host !== undefined) return [host];
      const text = readText(inv, ctx, a.value('-f', '--locustfile') ?? 'locustfile.py');
      return text === undefined ? [] : urlsIn(text.split('\n').filter((l) => /^\s*host\s*=/.test(l)).join('\n'));
    }
    case 'esrally':
      // Without --target-hosts Rally provisions a cluster of its own on this machine.
      return a.parsed.path[0] === 'race' || a.parsed.path.length === 0 ? (a.value('--target-hosts') ?? '').split(',').map((h) => h.trim()).filter((h) => h !== '') : [];
    case 'artillery': {
      const verb = a.parsed.path[0];
      if (verb === undefined || !/^(run|quick|run-fargate|run-lambda|run-aci)$/.test(verb)) return [];
      const target = a.value('-t', '--target');
      if (target !== undefined) return [target];
      if (verb === 'quick') return operands;
      const text = readText(inv, ctx, operands[0]);
      return text === undefined ? [] : urlsIn(text.split('\n').filter((l) => /^\s*target\s*:/.test(l)).join('\n'));
    }
    case 'memtier_benchmark':
    case 'memtier-benchmark':
      // Without a server or URI it aims at this machine.
      return [a.value('--uri') ?? '', a.value('-s', '--server') ?? ''].filter((t) => t !== '').slice(0, 1);
    case 'redis-benchmark':
    case 'valkey-benchmark':
    case 'keydb-benchmark':
      return [a.value('-u') ?? '', a.value('-h') ?? ''].filter((t) => t !== '').slice(0, 1);
    default:
      // ab, wrk, hey, oha, bombardier: the URL is the operand.
      return operands.filter((t) => /^(https?:\/\/|[\w.-]+:\d+)/i.test(t));
  }
}

function checkLoadTest(inv: Invocation, ctx: RuleContext): Finding[] {
  if (!LOAD_TEST_TOOLS.includes(inv.name)) return [];
  const spec = toolNamed(inv.name);
  if (!spec) return [];
  const a = toolArgs(inv.name, parsedArgs(inv.args, spec), spec);
  // A store benchmark's `-h` names its host.
  if (a.has(...(STORE_BENCHMARKS.includes(inv.name) ? [] : ['-h']), '--help', '-V', '--version', '-version', '--list', '--test-mode')) return [];
  const targets = targetsOf(inv, a, ctx);
  if (targets === 'unread') {
    return [{ rule: 'load-tests.unread-targets', risk: 'unanalyzable', severity: 'ask', reason: `${inv.name} floods targets the guard cannot read (a list on standard input or in a file): aimed at a live service it is a denial of service.`, targets: [hostTarget('targets not known', ctx)] }];
  }
  const hosts = remoteHosts(targets);
  if (hosts === undefined) {
    return [{ rule: 'load-tests.unread-targets', risk: 'unanalyzable', severity: 'ask', reason: `${inv.name} floods a host chosen at run time: aimed at a live service it is a denial of service.`, targets: [hostTarget(targets.join(', '), ctx)] }];
  }
  if (hosts.length === 0) return [];
  const store = STORE_BENCHMARKS.includes(inv.name);
  const what = inv.name === 'esrally' ? 'Runs a Rally benchmark race against' : store ? 'Runs a benchmark against the data store' : 'Sends a load test at';
  const effect = inv.name === 'esrally' ? 'it creates and deletes benchmark indices there and saturates the cluster' : store ? 'it saturates the server for every application using it, and writes its test keys there (evicting real ones when memory is full)' : 'its users see the slowdown or outage it causes, and rate limits or alarms may trip';
  return [{ rule: 'load-tests.remote-target', risk: 'destructive', severity: 'ask', reason: `${what} ${hosts.join(', ')} (${inv.name}): ${effect}.`, targets: hosts.map((h) => hostTarget(h, ctx)) }];
}

const STORE_BENCHMARKS: readonly string[] = ['memtier_benchmark', 'memtier-benchmark', 'redis-benchmark', 'valkey-benchmark', 'keydb-benchmark'];

export const LOAD_TEST_TOOLS: readonly string[] = ['ab', 'ab2', 'wrk', 'wrk2', 'hey', 'oha', 'bombardier', 'siege', 'vegeta', 'locust', 'esrally', 'artillery', ...STORE_BENCHMARKS];

export const loadTestsPack: RulePack = {
  id: 'load-tests',
  title: 'Load tests and benchmarks aimed at other machines',
  // Dispatch only (no `commands`): the verb floor keeps reading these tools' other words.
  reactsTo: (name) => LOAD_TEST_TOOLS.includes(name),
  checkInvocation: checkLoadTest,
};
