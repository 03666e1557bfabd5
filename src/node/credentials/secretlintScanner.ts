import { lintSource } from '@secretlint/core';
import { creator as recommendedPreset } from '@secretlint/secretlint-rule-preset-recommend';
import type { ContentHit } from '../../core/credentials/contentRules';

/**
 * Known token formats through secretlint's recommended preset. This module is its own bundle
 * (dist/secretlint.js) and is loaded only when a content scan needs it, never on the hook's path.
 */

const PROVIDER_OF_RULE: Record<string, { kind: string; label: string }> = {
  '1password': { kind: '1password-token', label: 'the 1Password token' },
  anthropic: { kind: 'anthropic-api-key', label: 'the Anthropic API key' },
  aws: { kind: 'aws-credentials', label: 'an AWS key' },
  basicauth: { kind: 'basic-auth', label: 'a password in a URL' },
  cloudflare: { kind: 'cloudflare-token', label: 'the Cloudflare token' },
  'database-connection-string': { kind: 'database-url', label: 'a database password' },
  databricks: { kind: 'databricks-token', label: 'the Databricks token' },
  docker: { kind: 'docker-config', label: 'Docker registry credentials' },
  figma: { kind: 'figma-token', label: 'the Figma token' },
  gcp: { kind: 'gcp-service-account', label: 'a Google service account key' },
  github: { kind: 'github-token', label: 'the GitHub token' },
  gitlab: { kind: 'gitlab-token', label: 'the GitLab token' },
  grafana: { kind: 'grafana-token', label: 'the Grafana token' },
  groq: { kind: 'groq-api-key', label: 'the Groq API key' },
  'hashicorp-vault': { kind: 'vault-token', label: 'the Vault token' },
  huggingface: { kind: 'huggingface-token', label: 'the Hugging Face token' },
  linear: { kind: 'linear-api-key', label: 'the Linear API key' },
  notion: { kind: 'notion-token', label: 'the Notion token' },
  npm: { kind: 'npm-token', label: 'the npm token' },
  openai: { kind: 'openai-api-key', label: 'the OpenAI API key' },
  privatekey: { kind: 'private-key', label: 'a private key' },
  sendgrid: { kind: 'sendgrid-api-key', label: 'the SendGrid API key' },
  shopify: { kind: 'shopify-token', label: 'the Shopify token' },
  slack: { kind: 'slack-token', label: 'the Slack token' },
  stripe: { kind: 'stripe-api-key', label: 'the Stripe API key' },
  tailscale: { kind: 'tailscale-key', label: 'the Tailscale key' },
  vercel: { kind: 'vercel-token', label: 'the Vercel token' },
};

function describeRule(ruleId: string): { kind: string; label: string } {
  const short = ruleId.replace(/^@secretlint\/secretlint-rule-/, '');
  return PROVIDER_OF_RULE[short] ?? { kind: short, label: `a ${short} secret` };
}

const CONFIG = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommendedPreset }] };

/** Run the recommended preset over one file's text. Hits carry values for hashing only. */
export async function scanWithSecretlint(filePath: string, content: string): Promise<ContentHit[]> {
  const dot = filePath.lastIndexOf('.');
  const result = await lintSource({
    source: { filePath, content, contentType: 'text', ext: dot > filePath.lastIndexOf('/') ? filePath.slice(dot) : '' },
    options: { config: CONFIG, maskSecrets: false },
  });
  return result.messages.map((m) => {
    const { kind, label } = describeRule(m.ruleId);
    return { kind, label, reason: `${label} (secretlint ${m.messageId})`, value: content.slice(m.range[0], m.range[1]) };
  });
}

export type SecretlintScan = typeof scanWithSecretlint;

/** Between files in a batch: blank lines so line-anchored patterns cannot join two files. */
const BATCH_SEPARATOR = '\n\n\n';

/**
 * Lint many small files in one secretlint pass (its set-up costs more than the matching for a small
 * file): contents are joined, and each message is given back to the file its range starts in.
 * Callers keep files that need their own pass (see needsOwnLint in workspaceScan.ts) out of batches.
 */
export async function scanManyWithSecretlint(files: readonly { filePath: string; content: string }[]): Promise<ContentHit[][]> {
  const starts: number[] = [];
  let joined = '';
  for (const f of files) {
    starts.push(joined.length);
    joined += f.content + BATCH_SEPARATOR;
  }
  const out: ContentHit[][] = files.map(() => []);
  if (files.length === 0) return out;
  const first = files[0] as { filePath: string };
  const result = await lintSource({
    source: { filePath: first.filePath, content: joined, contentType: 'text', ext: '' },
    options: { config: CONFIG, maskSecrets: false, noPhysicFilePath: true },
  });
  for (const m of result.messages) {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= m.range[0]) lo = mid;
      else hi = mid - 1;
    }
    const { kind, label } = describeRule(m.ruleId);
    out[lo]?.push({ kind, label, reason: `${label} (secretlint ${m.messageId})`, value: joined.slice(m.range[0], m.range[1]) });
  }
  return out;
}

export interface SecretlintModule {
  scanWithSecretlint: typeof scanWithSecretlint;
  scanManyWithSecretlint: typeof scanManyWithSecretlint;
}
