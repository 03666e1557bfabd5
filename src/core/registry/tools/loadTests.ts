import type { ToolSpec } from '../types';
import { flag, valued } from './options';

/**
 * Load generators and benchmarks (round 8, issue #18): what they aim at is flooded, so the load-test
 * pack (`rules/loadTests.ts`) reads their target — an operand URL (ab, wrk, hey, oha, bombardier,
 * siege), a targets list (vegeta), a host option (locust `--host`, esrally `--target-hosts`,
 * artillery `--target`) — and asks when it is not this machine. Their grammar only; the verb floor
 * reads nothing else of them (FLOOR_WHOLE).
 */

const tool = { family: 'http', locality: 'remote' } as const;

/** ApacheBench: `ab [options] URL`, getopt short options. */
export const ab: ToolSpec = {
  ...tool,
  names: ['ab', 'ab2'],
  options: [
    ...['-A', '-b', '-B', '-c', '-C', '-e', '-E', '-f', '-g', '-H', '-m', '-n', '-p', '-P', '-s', '-t', '-T', '-u', '-v', '-x', '-X', '-y', '-z', '-Z'].map((n) => valued(n)),
    ...['-d', '-h', '-i', '-k', '-l', '-q', '-r', '-S', '-V', '-w'].map((n) => flag(n)),
  ],
};

/** wrk and wrk2: `wrk [-t N -c N -d T -s script -H h -R rate] URL`. */
export const wrk: ToolSpec = {
  ...tool,
  names: ['wrk', 'wrk2'],
  options: [valued('-c', '--connections'), valued('-d', '--duration'), valued('-t', '--threads'), valued('-s', '--script'), valued('-H', '--header'), valued('-R', '--rate'), valued('--timeout'), flag('-L', '--latency'), flag('-U', '--u_latency'), flag('-v', '--version')],
};

/** hey (Go flags, one dash): `hey [-n N -c N -z D -m M …] URL`. */
export const hey: ToolSpec = {
  ...tool,
  names: ['hey'],
  options: [
    ...['-n', '-c', '-q', '-z', '-o', '-m', '-H', '-t', '-A', '-d', '-D', '-T', '-a', '-x', '-cpus'].map((n) => valued(n)),
    flag('-h2'), flag('-disable-compression'), flag('-disable-keepalive'), flag('-disable-redirects'), flag('-host'),
  ],
};

/** oha and bombardier: `oha [-n N -c N -z D …] URL`, `bombardier [-c N -n N -d D …] URL`. */
export const oha: ToolSpec = {
  ...tool,
  names: ['oha', 'bombardier'],
  options: [
    valued('-n', '--requests'), valued('-c', '--connections'), valued('-z'), valued('-d', '--duration'), valued('-q'), valued('-r', '--rate'), valued('-m', '--method'), valued('-H', '--header'),
    valued('-D'), valued('-b', '--body'), valued('-f', '--body-file'), valued('-t', '--timeout'), valued('-T'), valued('-a'), valued('-o', '--output'), valued('-p', '--print'), valued('-l'),
    flag('--no-tui'), flag('--insecure'), flag('-k'), flag('--http2'), flag('--latencies'), flag('--disable-keepalive'),
  ],
};

/** siege: `siege [-c N -r N -t T -f urls.txt …] [URL]`. */
export const siege: ToolSpec = {
  ...tool,
  names: ['siege'],
  options: [valued('-c', '--concurrent'), valued('-r', '--reps'), valued('-t', '--time'), valued('-d', '--delay'), valued('-f', '--file'), valued('-H', '--header'), valued('-A', '--user-agent'), valued('-R', '--rc'), valued('-l', '--log'), valued('-m', '--mark'), flag('-b', '--benchmark'), flag('-i', '--internet'), flag('-g', '--get'), flag('-q', '--quiet'), flag('-v', '--verbose'), flag('-p', '--print')],
};

/** vegeta (Go flags): `vegeta [global] attack [-targets FILE] [-duration D] [-rate R]`, targets on standard input unless `-targets`. */
export const vegeta: ToolSpec = {
  ...tool,
  names: ['vegeta'],
  options: [valued('-cpus'), valued('-profile'), flag('-version')],
  commands: {
    attack: {
      options: [
        ...['-targets', '-duration', '-rate', '-workers', '-max-workers', '-connections', '-max-connections', '-timeout', '-format', '-output', '-header', '-body', '-name', '-redirects', '-root-certs', '-cert', '-key', '-laddr', '-lazy', '-dns-ttl', '-max-body', '-proxy-header', '-resolvers', '-unix-socket', '-session-tickets'].map((n) => valued(n)),
        flag('-http2'), flag('-h2c'), flag('-insecure'), flag('-keepalive'), flag('-chunked'),
      ],
    },
    'report|plot|encode|dump': { effect: 'read' },
  },
};

/** Locust: `locust -f locustfile.py --host URL [--headless -u N -r N]`. */
export const locust: ToolSpec = {
  ...tool,
  names: ['locust'],
  options: [
    valued('-f', '--locustfile'), valued('-H', '--host'), valued('-u', '--users'), valued('-r', '--spawn-rate'), valued('-t', '--run-time'), valued('--web-host'), valued('--web-port', '-P'),
    valued('--csv'), valued('--html'), valued('--config'), valued('-T', '--tags'), valued('-E', '--exclude-tags'), valued('--loglevel', '-L'), valued('--logfile'), valued('--processes'),
    valued('--master-host'), valued('--master-port'), valued('--expect-workers'),
    flag('--headless'), flag('--autostart'), flag('--master'), flag('--worker'), flag('--only-summary'), flag('--list', '-l'), flag('-V', '--version'), flag('-h', '--help'),
  ],
};

/** Elasticsearch Rally: `esrally race --track T --target-hosts h:9200 [--pipeline benchmark-only]`. */
export const esrally: ToolSpec = {
  ...tool,
  names: ['esrally'],
  options: [
    valued('--track'), valued('--track-path'), valued('--track-repository'), valued('--target-hosts'), valued('--pipeline'), valued('--distribution-version'), valued('--challenge'),
    valued('--car'), valued('--client-options'), valued('--race-id'), valued('--user-tags'), valued('--track-params'), valued('--report-file'), valued('--report-format'),
    valued('--on-error'), valued('--load-worker-coordinator-hosts'), valued('--revision'), valued('--kill-running-processes'),
    flag('--test-mode'), flag('--offline'), flag('--quiet'), flag('--skip-update'), flag('--preserve-install'),
  ],
  commands: { 'list|info|compare|download|create-track|generate': { effect: 'read' }, race: {} },
};

/** Artillery: `artillery run --target URL script.yml`, `artillery quick URL`. */
export const artillery: ToolSpec = {
  ...tool,
  names: ['artillery'],
  options: [valued('-t', '--target'), valued('-e', '--environment'), valued('-o', '--output'), valued('-c', '--config'), valued('-v', '--variables'), valued('-n', '--count'), valued('-r', '--rate'), valued('--overrides'), valued('--dotenv'), valued('-k'), flag('-q', '--quiet'), flag('--insecure')],
  commands: { 'run|quick|run-fargate|run-lambda|run-aci': {}, 'report|version|dino': { effect: 'read' } },
};

/**
 * Data store benchmarks (round 17): `memtier_benchmark -s HOST` (Redis and Memcached), `redis-benchmark -h HOST`
 * (valkey's and KeyDB's twins). They flood the server and write their test keys into it; without a host they
 * aim at this machine. Note `-h` is the host here, not help.
 */
export const memtierBenchmark: ToolSpec = {
  ...tool,
  names: ['memtier_benchmark', 'memtier-benchmark'],
  options: [
    valued('-s', '--server'), valued('-p', '--port'), valued('-S', '--unix-socket'), valued('--uri'), valued('-a', '--authenticate'), valued('-P', '--protocol'),
    valued('-n', '--requests'), valued('-c', '--clients'), valued('-t', '--threads'), valued('--test-time'), valued('-d', '--data-size'), valued('--ratio'), valued('--key-pattern'),
    valued('--key-prefix'), valued('--key-minimum'), valued('--key-maximum'), valued('-x', '--run-count'), valued('--pipeline'), valued('--select-db'), valued('-o', '--out-file'),
    valued('--json-out-file'), valued('--rate-limiting'), valued('--command'), valued('--tls-cert'), valued('--tls-key'), valued('--cacert'),
    flag('--hide-histogram'), flag('--cluster-mode'), flag('--tls'), flag('--tls-skip-verify'), flag('--debug'), flag('--reconnect-on-error'), flag('-D'),
  ],
};

export const redisBenchmark: ToolSpec = {
  ...tool,
  names: ['redis-benchmark', 'valkey-benchmark', 'keydb-benchmark'],
  options: [
    valued('-h'), valued('-p'), valued('-s'), valued('-a'), valued('-u'), valued('--user'), valued('-c'), valued('-n'), valued('-d'), valued('--dbnum'), valued('-k'),
    valued('-r'), valued('-P'), valued('-t'), valued('--threads'), valued('--precision'), valued('--cacert'), valued('--cert'), valued('--key'), valued('--sni'),
    flag('-q'), flag('--csv'), flag('-l'), flag('-I'), flag('-e'), flag('--cluster'), flag('--tls'), flag('--insecure'), flag('--help'), flag('--version'),
  ],
};
