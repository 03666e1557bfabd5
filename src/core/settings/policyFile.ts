/**
 * Team policy files: `.blast-shield.json` committed at a repository's root, and the machine-wide
 * managed policy an administrator installs (paths in node/policy/policyFiles.ts). Both use one JSON
 * shape, read here into the same keys as the editor settings, so `mergeSettings` merges them by the
 * same "may only tighten" rule:
 *
 * {
 *   "production": { "names": [], "hosts": [], "resourceIds": [], "accounts": [] },
 *   "protectedPaths": [],
 *   "lockdown": true,
 *   "dialog": { "timeoutSeconds": 60 },
 *   "hosts": { "required": ["claude", "cursor"] },
 *   "rules": [{ "match": "terraform apply*", "decision": "ask", "reason": "…" }],
 *   "terminalWatch": true, "chatAutoApprove": true, "hideCredentialsOnStartup": true,
 *   "snapshots": { "enabled": true, "maxMegabytes": 256, "maxTotalMegabytes": 2048, "keepDays": 7 },
 *   "databaseBackup": { "offer": true },
 *   "audit": { "export": { "otlpEndpoints": ["http://collector:4318/v1/logs"], "syslogTargets": ["udp://logs:514"] } }
 * }
 *
 * Accounts (cloud account and project ids) are production resource ids. A key the file does not
 * know is reported, never guessed at; a file that does not parse contributes nothing and says why.
 */
import { POLICY_ONLY_KEYS, SETTING_KEYS, type RawLayer } from './types';

export interface ParsedPolicyFile {
  values: RawLayer;
  /** What in the file was not understood, in words a human reads. */
  problems: string[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

type Reader = (value: unknown, put: (key: string, v: unknown) => void, problem: (text: string) => void, where: string) => void;

const list = (key: string): Reader => (value, put, problem, where) => {
  if (Array.isArray(value)) put(key, value);
  else problem(`${where} should be a list of strings`);
};
const flag = (key: string): Reader => (value, put, problem, where) => {
  if (typeof value === 'boolean') put(key, value);
  else problem(`${where} should be true or false`);
};
const number = (key: string): Reader => (value, put, problem, where) => {
  if (typeof value === 'number' && Number.isFinite(value)) put(key, value);
  else problem(`${where} should be a number`);
};
const object = (fields: Record<string, Reader>): Reader => (value, put, problem, where) => {
  if (!isRecord(value)) {
    problem(`${where} should be an object`);
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    const reader = fields[k];
    if (reader) reader(v, put, problem, `${where}.${k}`);
    else problem(`${where}.${k} is not a policy key (ignored)`);
  }
};

const K = SETTING_KEYS;

const SHAPE = object({
  $schema: () => undefined,
  production: object({
    names: list(K.productionNames),
    hosts: list(K.productionHosts),
    resourceIds: list(K.productionResourceIds),
    accounts: list('production.accounts'),
  }),
  protectedPaths: list(K.protectedPaths),
  lockdown: flag(K.lockdownDefault),
  dialog: object({ timeoutSeconds: number(K.dialogTimeoutSeconds) }),
  hosts: object({ required: list(POLICY_ONLY_KEYS.requiredHosts) }),
  rules: (value, put, problem, where) => {
    if (!Array.isArray(value)) problem(`${where} should be a list of { match, decision, reason }`);
    else {
      value.forEach((r, i) => {
        if (!isRecord(r) || typeof r.match !== 'string' || (r.decision !== 'ask' && r.decision !== 'deny')) problem(`${where}[${i}] needs a "match" text and a "decision" of "ask" or "deny" (ignored)`);
      });
      put(K.extraRules, value);
    }
  },
  terminalWatch: flag(K.terminalWatch),
  chatAutoApprove: flag(K.manageChatAutoApprove),
  hideCredentialsOnStartup: flag(K.hideCredentialsOnStartup),
  snapshots: object({
    enabled: flag(K.snapshotsEnabled),
    maxMegabytes: number(K.snapshotsMaxMegabytes),
    maxTotalMegabytes: number(K.snapshotsMaxTotalMegabytes),
    keepDays: number(K.snapshotsKeepDays),
  }),
  databaseBackup: object({ offer: flag(K.offerDatabaseBackup) }),
  audit: object({ export: object({ otlpEndpoints: list(K.otlpEndpoints), syslogTargets: list(K.syslogTargets) }) }),
});

/** Read a policy file's text. Never throws. */
export function parsePolicyFile(text: string): ParsedPolicyFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { values: {}, problems: [`not valid JSON (${err instanceof Error ? err.message : String(err)}); nothing in it applies`] };
  }
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  SHAPE(json, (k, v) => (values[k] = v), (p) => problems.push(p), 'policy');
  // Account and project ids are matched like resource ids (a substring of an ARN, a project flag ...).
  const accounts = values['production.accounts'];
  if (accounts !== undefined) {
    values[K.productionResourceIds] = [...(Array.isArray(values[K.productionResourceIds]) ? (values[K.productionResourceIds] as unknown[]) : []), ...(accounts as unknown[])];
    delete values['production.accounts'];
  }
  return { values, problems: problems.map((p) => p.replace(/^policy\./, '')) };
}
