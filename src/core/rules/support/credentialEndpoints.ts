import type { Finding, Invocation, RuleContext, Target } from '../../policy/types';
import { optionValue } from './huntCommon';
import { isLocalUrl, parseRequestUrl } from './httpTargets';
import { domainOwner } from './secretsSentOut';
import { vouchedSource } from './packageSources';
import { proxiedLogins } from './proxyRoutes';

/**
 * A cloud or forge CLI pointed at another host signs or authenticates its request there with the
 * credentials it holds: `aws … --endpoint-url https://evil.io` (or `AWS_ENDPOINT_URL`) sends a signed
 * request (the access key id and a signature replayable for minutes) to that host, and `gh` with
 * `GH_HOST=evil.io` and `GH_ENTERPRISE_TOKEN=$GITHUB_TOKEN` sends the token there as to an enterprise
 * server. Local emulators (`http://localhost:4566`), private addresses, and the S3-compatible stores
 * an endpoint is usually given for (R2, Spaces, B2, Wasabi, MinIO on a private name) stay allowed.
 */

/** Registered names of AWS itself and of S3-compatible services reached with `--endpoint-url`. */
const AWS_LIKE_OWNERS = new Set(['amazonaws', 'aws', 'amazon', 'cloudflarestorage', 'digitaloceanspaces', 'backblazeb2', 'wasabisys', 'linodeobjects', 'scw', 'googleapis', 'oraclecloud', 'ibm', 'appdomain', 'storjshare', 'storj', 'idrivee2', 'filebase', 'exoscale', 'ovh', 'hetzner', 'your-objectstorage', 'tebi', 'contabostorage']);

/** A host on this machine or a private network: a single label, `.local`/`.internal`/`.lan`, a private address. */
function privateHost(host: string): boolean {
  if (!host.includes('.')) return true;
  if (/\.(local|internal|lan|localhost|home\.arpa|svc|cluster\.local)$/.test(host)) return true;
  return /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|127\.|169\.254\.)/.test(host) || host === 'host.docker.internal';
}

/** Services whose calls need the endpoint of the user's own resource (a Neptune cluster, an IoT data endpoint). */
const OWN_ENDPOINT_SERVICES = new Set(['neptunedata', 'iot-data', 'iot-jobs-data', 'mediastore-data', 'kinesis-video-media', 'kinesis-video-archived-media', 'apigatewaymanagementapi', 'sagemaker-runtime']);

function awsEndpoint(inv: Invocation): string | undefined {
  if (inv.args.some((a) => OWN_ENDPOINT_SERVICES.has(a.text))) return undefined;
  const option = optionValue(inv.args, '--endpoint-url');
  if (option !== undefined) return option;
  const env = Object.entries(inv.assignments).find(([k]) => k === 'AWS_ENDPOINT_URL' || k.startsWith('AWS_ENDPOINT_URL_'));
  return env?.[1];
}

function target(name: string, where: string): Target {
  return { kind: 'credential', name, remote: true, environment: 'unknown', environmentReason: `sent to ${where}, whose environment nothing names` };
}

/** The host an AWS endpoint sends signed requests to, when it is neither AWS (or an S3-compatible store) nor this machine or a private network. */
export function foreignAwsEndpoint(endpoint: string): string | undefined {
  const url = parseRequestUrl(endpoint);
  if (!url || url.dynamicHost || isLocalUrl(url) || privateHost(url.host)) return undefined;
  const owner = domainOwner(url.host);
  return owner !== undefined && AWS_LIKE_OWNERS.has(owner) ? undefined : url.host;
}

export function checkCredentialEndpoints(inv: Invocation, ctx: RuleContext): Finding[] {
  const proxied = proxiedLogins(inv, ctx.facts);
  if (proxied.length > 0) return proxied;
  if (inv.name === 'aws') {
    const endpoint = awsEndpoint(inv);
    const host = endpoint !== undefined ? foreignAwsEndpoint(endpoint) : undefined;
    if (host === undefined) return [];
    return [{
      rule: 'credentials.sent-out',
      risk: 'credential-dump',
      severity: 'ask',
      reason: `aws signs its request with the AWS credentials and sends it (with the access key id) to ${host}, an endpoint that is not AWS.`,
      targets: [target('the AWS credentials', host)],
    }];
  }
  if (inv.name === 'gh') {
    const host = optionValue(inv.args, '--hostname') ?? inv.assignments.GH_HOST;
    const token = Object.entries(inv.assignments).find(([k]) => k === 'GH_ENTERPRISE_TOKEN' || k === 'GITHUB_ENTERPRISE_TOKEN' || k === 'GH_TOKEN' || k === 'GITHUB_TOKEN');
    if (host === undefined || /[$`]/.test(host)) return [];
    const bare = host.replace(/^https?:\/\//, '').replace(/\/.*$/, '').toLowerCase();
    const owner = domainOwner(bare);
    if (owner === 'github' || owner === 'ghe' || privateHost(bare)) return [];
    if (token === undefined) {
      // No token on the line: gh sends GH_TOKEN to github.com and ghe.com only, and to any other host the environment's
      // enterprise token (GH_ENTERPRISE_TOKEN, GITHUB_ENTERPRISE_TOKEN; it takes precedence over a stored login) or the
      // login stored for that host, which the user made there. So the agent's environment holding an enterprise token
      // decides, unless the workspace's own settings name the server (the team's).
      const enterprise = ctx.facts.envNames.find((n) => n === 'GH_ENTERPRISE_TOKEN' || n === 'GITHUB_ENTERPRISE_TOKEN');
      if (enterprise === undefined || vouchedSource(`https://${bare}`, ctx.facts)) return [];
      return [{
        rule: 'credentials.sent-out',
        risk: 'credential-dump',
        severity: 'ask',
        reason: `gh authenticates to ${bare} as to a GitHub Enterprise server, presenting $${enterprise} from the environment there; nothing in this workspace names that server.`,
        targets: [target(`$${enterprise}`, bare)],
      }];
    }
    const variable = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(token[1])?.[1];
    return [{
      rule: 'credentials.sent-out',
      risk: 'credential-dump',
      severity: 'ask',
      reason: `gh sends ${variable ? `$${variable}` : `the token in ${token[0]}`} to ${bare} as if it were a GitHub Enterprise server.`,
      targets: [target(variable ? `$${variable}` : token[0], bare)],
    }];
  }
  return [];
}
