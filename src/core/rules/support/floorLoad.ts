import type { Finding, Invocation, RuleContext, Target } from '../../policy/types';
import { isLocalUrl, parseRequestUrl } from './httpTargets';
import { bundleInstalled, deviceWrite } from './floorDevices';
import { activeProbe } from './activeProbes';
import { identityChange } from './identityProviders';
import { localLoss } from './localLosses';
import { agentPlanted, hooksFromFile } from './plantedFromFiles';
import { publicUpload } from './publicUploads';
import { iacFromCloud } from './iacFromCloud';
import { protectionLowered } from './floorProtections';
import { networkJoined } from './floorNetworks';
import { daemonConfig } from './daemonConfigs';
import { optionVerb } from './optionVerbs';
import { verbTraitsOf } from '../../registry/verbTraits';
import { everythingAtOnce } from './floorResets';
import { weakenedByValue } from './floorWeakened';
import { runnerAgainstProduction } from './floorRunners';
import { apiReplay } from './apiReplays';
import { unreviewedDeploy } from './unreviewedDeploys';

/**
 * A load test by a generator no rule names (issue #18, red team round 22): `k6 run -e BASE_URL=https://api.acme.com
 * --vus 2000 --duration 30m stress.js`. Load-shaping options (virtual users, concurrency, connections, a request
 * rate) in the hundreds or thousands, aimed at a host that is not this machine, flood what serves there; an
 * unknown host is production. The load-test pack (rules/loadTests.ts) reads the generators it knows by name;
 * this reads the shape of any other. Aimed at localhost, or at a handful of users, it is routine development.
 */

/** Options that say how much load: virtual users, concurrency, connections, a request or arrival rate. */
const LOAD_OPTION = /^--?(vus|virtual-users|users|concurrency|concurrent|connections|rate|rps|qps|requests-per-second|arrival-rate|spawn-rate|hatch-rate|clients|max-vus|threads|c)$/i;
/** Stop 39 (round 33: `jmeter -n -t plan.jmx -Jhost=shop.acme.com -Jusers=2000`): load and target given as properties (`-Jusers=2000`, `-e VUS=500`). */
const LOAD_PROPERTY = /(?:^|[-_.]|^-[A-Z])(vus|users|virtual-?users|threads|concurrency|connections|clients|rate|rps)=(\d+)$/i;
const HOST_PROPERTY = /(?:^|[-_.]|^-[A-Z])(host|hostname|server|target|base-?url|url|domain)=([a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?(?:\/\S*)?)$/i;
/** Below this many users or requests per second it is a smoke test. */
const LOAD_FLOOR = 50;

interface Reading {
  options: readonly { name: string; value?: string; next?: string }[];
}

export function floorLoad(tool: string, reading: Reading, values: readonly string[], ctx: RuleContext): Finding | undefined {
  const written = reading.options.map((o) => ({ o, text: o.value !== undefined ? `${o.name}=${o.value}` : o.next !== undefined && /=/.test(o.next) ? o.next : o.name }));
  const load = reading.options.find((o) => LOAD_OPTION.test(o.name) && Number(/^(\d+)/.exec(o.value ?? o.next ?? '')?.[1] ?? 0) >= LOAD_FLOOR) ?? written.find((w) => Number(LOAD_PROPERTY.exec(w.text)?.[2] ?? 0) >= LOAD_FLOOR)?.o;
  if (load === undefined) return undefined;
  // URLs anywhere in the values, including `-e BASE_URL=https://…`, and hosts given as properties (`-Jhost=shop.acme.com`).
  const byProperty = written.map((w) => HOST_PROPERTY.exec(w.text)?.[2]).filter((h): h is string => h !== undefined).map((h) => `https://${h}`);
  const hosts = [...values, ...byProperty].flatMap((v) => [...v.matchAll(/\bhttps?:\/\/[^\s'"`<>),]+/g)].map((m) => parseRequestUrl(m[0]))).filter((u) => u !== undefined && !isLocalUrl(u)).map((u) => u!.host);
  const host = hosts[0];
  if (host === undefined) return undefined;
  const env = ctx.environmentOf({ values: [host], sources: [{ source: 'host', value: host }], remote: true });
  if (env.environment === 'non-production' || env.environment === 'local') return undefined;
  const target: Target = { kind: 'url', name: host, provider: tool, remote: true, environment: 'production', environmentReason: env.environment === 'production' ? env.reason : `${host}: environment unknown (treated as production)` };
  return {
    rule: 'verbs.load-test',
    risk: 'destructive',
    severity: 'ask',
    reason: `\`${tool} ${load.name} ${load.value ?? load.next ?? ''}\` aims load at ${host}: what serves there may slow down or fall over for its users (${tool} has no rules of its own: judged by its options).`,
    targets: [target],
  };
}

/** What the floor's option-read kinds see of a command: its words, its options, and which words may be option values. */
export interface KindReading extends Reading {
  positionals: readonly { text: string; index: number }[];
  maybeValues: ReadonlySet<number>;
}

/**
 * Stop 36 (round 26): the floor's option-read kinds: a load test, firmware written to a device (support/floorDevices.ts),
 * a private network joined with a key (support/floorNetworks.ts), a protection lowered by an option (support/floorProtections.ts; not where the command's own values name a local or
 * development target: `--auth none` on a server bound to loopback for a test), a configuration file that runs commands
 * or sends credential files out (support/daemonConfigs.ts).
 */
export function floorOptionKinds(inv: Invocation, reading: KindReading, values: readonly string[], ctx: RuleContext, hints: readonly string[]): Finding | undefined {
  const tool = inv.name;
  // An option the floor already reads as a destroying verb (`--enable-drop`, `--allow-unsafe`) is its own finding, later.
  // The option's reading first: the environment is looked up only for a command that lowers a protection.
  const lowered = (): Finding | undefined => ((found) => (found === undefined || optionVerb(reading, verbTraitsOf(tool)) !== undefined || /^(non-production|local)$/.test(ctx.environmentOf({ values: hints.filter((v) => !/^(0\.0\.0\.0|::|\*)(:\d+)?$/.test(v)), remote: true }).environment) ? undefined : found))(protectionLowered(tool, reading) ?? weakenedByValue(tool, reading));
  // Stop 40 (round 34): an OS update bundle installed, an active probe at a remote site, an identity provider's app or a session's keys,
  // local files and saved passwords lost, a login agent planted from a file, experiment data or a public upload sent to a hosted service;
  // infrastructure code generated from a live cloud account (read, marked production).
  return floorLoad(tool, reading, values, ctx) ?? deviceWrite(tool, reading) ?? bundleInstalled(tool, reading) ?? activeProbe(tool, reading, ctx) ?? identityChange(tool, reading, ctx) ?? localLoss(inv, reading, ctx) ?? agentPlanted(inv, reading, ctx) ?? hooksFromFile(inv, reading, ctx) ?? publicUpload(tool, reading, ctx) ?? iacFromCloud(tool, reading, ctx) ?? networkJoined(tool, reading) ?? lowered() ?? everythingAtOnce(tool, reading) ?? daemonConfig(inv, reading, ctx) ?? runnerAgainstProduction(tool, reading, ctx) ?? apiReplay(tool, reading, ctx);
}

/** A build or test tool's run is routine, unless it runs a writing spec against production (support/floorRunners.ts). */
export function routineRunner(tool: string, reading: KindReading, ctx: RuleContext): Finding[] {
  const found = runnerAgainstProduction(tool, reading, ctx);
  if (found) return [found];
  // Stop 39 (round 33: `npx ng deploy`): a build tool's own deploy or publish command ships what it built (a folder is written `deploy/`).
  const first = reading.positionals[0]?.text ?? '';
  if (!/^(deploy|deploy:[\w-]+|publish)$/i.test(first)) return [];
  return unreviewedDeploy({ tool, path: reading.positionals.filter((w) => !reading.maybeValues.has(w.index)).map((w) => w.text), options: reading.options, hints: reading.options.map((o) => o.value ?? o.next ?? '').filter((v) => v !== '' && !/^(\/|~)/.test(v)) }, ctx);
}
