import type { PathRule } from './credentialPaths';

/**
 * Credential places beyond the CLIs' token stores of `credentialPaths.ts`: coding agents' own logins,
 * desktop keyrings and password stores, the system's and a container's secrets, and project files
 * that hold a secret by their name alone. Each pattern is a documented default location.
 */
/** A key, token or header in an MCP configuration (a value or a reference to one). */
const MCP_SECRET = /token|secret|api[_-]?key|password|authorization|bearer/i;

export const PLACE_RULES: readonly PathRule[] = [
  // Coding agents' sign-ins (their OAuth or API tokens).
  { pattern: '.claude/.credentials.json', kind: 'agent-token', label: 'the Claude Code sign-in token', home: true },
  { pattern: '.codex/auth.json', kind: 'agent-token', label: 'the Codex sign-in token', home: true },
  { pattern: '.config/openai/auth.json', kind: 'agent-token', label: 'the OpenAI sign-in token', home: true },
  { pattern: '.config/github-copilot/{hosts,apps}.json', kind: 'agent-token', label: 'the GitHub Copilot token', home: true },
  { pattern: '.gemini/oauth_creds.json', kind: 'agent-token', label: 'the Gemini CLI sign-in token', home: true },
  { pattern: '.qwen/oauth_creds.json', kind: 'agent-token', label: 'the Qwen Code sign-in token', home: true },
  { pattern: '.local/share/opencode/auth.json', kind: 'agent-token', label: 'the opencode provider keys', home: true },
  // MCP client configurations: each server's environment and headers carry its API keys and tokens.
  { pattern: '{.cursor,.vscode,.windsurf,.roo,.kiro/settings,.amazonq,.codeium/windsurf}/{mcp,mcp_config}.json', kind: 'mcp-config', label: "an MCP client configuration (its servers' keys)", needsAuthLine: MCP_SECRET },
  // A project's `.mcp.json` is shared through the repository and names its keys by variable: not listed.
  { pattern: '{claude_desktop_config.json,cline_mcp_settings.json,mcp_settings.json}', kind: 'mcp-config', label: "an MCP client configuration (its servers' keys)", needsAuthLine: MCP_SECRET },
  // Developer tools' API keys kept in the home folder.
  { pattern: '.wakatime.cfg', kind: 'tool-token', label: 'the WakaTime API key', home: true },
  { pattern: '{.cache/huggingface,.huggingface}/token', kind: 'tool-token', label: 'the Hugging Face token', home: true },
  { pattern: '.circleci/cli.yml', kind: 'tool-token', label: 'the CircleCI token', home: true, needsAuthLine: /token:\s*\S/ },
  // Desktop keyrings and password stores (encrypted, but their files are the secret's whole store).
  { pattern: '.local/share/keyrings/*', kind: 'keyring', label: 'a desktop keyring', home: true },
  { pattern: '.local/share/kwalletd/*', kind: 'keyring', label: 'a desktop keyring', home: true },
  { pattern: 'Library/Keychains/**', kind: 'keyring', label: 'a macOS keychain', home: true },
  { pattern: '.password-store/**/*.gpg', kind: 'password-store', label: 'a pass password entry', home: true },
  { pattern: '*.{kdbx,kdb}', kind: 'password-store', label: 'a KeePass password database' },
  // The system's and a container's secrets (absolute places).
  { pattern: 'etc/{shadow,gshadow,shadow-,gshadow-,master.passwd}', kind: 'password-hashes', label: 'the system password hashes', anySuffix: true },
  { pattern: 'etc/ssh/ssh_host_*_key', kind: 'ssh-key', label: 'an SSH host private key' },
  { pattern: 'run/secrets/**', kind: 'container-secret', label: 'a mounted container secret', anySuffix: true },
  { pattern: 'var/run/secrets/**', kind: 'container-secret', label: 'a mounted container secret (a Kubernetes service-account token)', anySuffix: true },
  { pattern: 'etc/secrets/**', kind: 'container-secret', label: 'a mounted secret', anySuffix: true },
  // Project files that hold a secret by their name.
  { pattern: '{key,*-key,*_key}.json', kind: 'credentials-json', label: 'a key file' },
  // Bare `secrets` is a folder or a CLI's subcommand word, and `secret.yaml` a manifest to seal: neither counts.
  { pattern: '{.secrets,.secret}{,.txt,.json,.yml,.yaml,.toml,.ini,.conf,.env}', kind: 'app-secrets', label: 'a secrets file', anySuffix: true },
  { pattern: 'secrets.{txt,json,toml,ini,conf,env}', kind: 'app-secrets', label: 'a secrets file', anySuffix: true },
  { pattern: 'local.settings.json', kind: 'app-secrets', label: 'Azure Functions local settings (connection strings)' },
  { pattern: 'appsettings.*.json', kind: 'app-secrets', label: 'ASP.NET settings for one environment (connection strings)', needsAuthLine: /password|pwd=|secret|apikey|api_key|token|accountkey/i },
];

/** A superset of the base names PLACE_RULES can match, tested before the rules are compiled. */
export const MAYBE_PLACE_NAME = /\.kdbx?$|^(key|.*[-_]key)\.json$|^(mcp|mcp_config|mcp_settings|cline_mcp_settings|claude_desktop_config)\.json$|^\.?secrets?(\.\w+)?$|^local\.settings\.json$|^appsettings\..+\.json$/i;
/** A superset of the absolute paths PLACE_RULES can match outside the home folder. */
export const MAYBE_PLACE_PATH = /\/etc\/(g?shadow-?|master\.passwd|ssh\/ssh_host_|secrets\/)|\/run\/secrets\//;
