/**
 * Managed entries in VS Code's own agent settings, a second layer beside the hooks:
 * `chat.tools.terminal.autoApprove` entries set to `false` force Copilot to ask before the flagged
 * command families, and `chat.tools.edits.autoApprove` entries set to `false` make it show a diff
 * before editing credential files and the guard's own files. Only keys we added are ever removed; a
 * key the user set themselves is left alone and reported.
 */
import { PATH_RULES } from '../credentials/credentialPaths';
import { MANAGED_IGNORE_FILES } from '../rules/selfProtection';

export const TERMINAL_AUTO_APPROVE_SETTING = 'chat.tools.terminal.autoApprove';
export const EDITS_AUTO_APPROVE_SETTING = 'chat.tools.edits.autoApprove';

/** Command families the policy engine flags, as Copilot auto-approve keys (prefix or /regex/). */
export const TERMINAL_ENTRIES: readonly string[] = [
  'rm',
  'rmdir',
  'shred',
  'dd',
  'mkfs',
  'truncate',
  'env',
  'printenv',
  'set',
  '/^git\\s+(reset|clean|push|checkout|restore|rebase|filter-branch|filter-repo|stash\\s+(drop|clear)|branch\\s+-[dD])\\b/',
  '/^(psql|mysql|mariadb|sqlite3|mongosh|mongo|redis-cli|sqlcmd|cockroach)\\b/',
  '/^(railway|heroku|fly|flyctl|vercel|netlify|render|supabase|firebase|aws|gcloud|gsutil|az|doctl|kubectl|helm|terraform|tofu|pulumi|cdk|serverless|sls|wrangler)\\b/',
  '/^(curl|wget|http|https|xh)\\b/',
  '/\\.(env|pem|key|p12|tfvars|tfstate|kubeconfig)\\b/',
  '/\\b(credentials?|secrets?|tokens?)\\b/i',
];

/** Credential file globs (from the credential path rules) and the guard's own files. */
export function editEntries(): string[] {
  const out: string[] = [];
  const add = (glob: string) => {
    if (!out.includes(glob)) out.push(glob);
  };
  for (const rule of PATH_RULES) add(`**/${rule.pattern}`);
  for (const f of MANAGED_IGNORE_FILES) add(`**/${f}`);
  for (const g of ['**/.cursor/hooks.json', '**/.claude/settings*.json', '**/.github/hooks/**', '**/.clinerules/hooks/**', '**/.vscode/settings.json', '**/.blast-shield.json', '**/.blast-shield/**']) add(g);
  return out;
}

export type AutoApproveMap = Record<string, unknown>;

export interface ManagedResult {
  next: AutoApproveMap;
  /** Keys this extension now owns (previously owned ones that are still ours, plus new ones). */
  managed: string[];
  /** Keys the user set to something other than false: left alone. */
  conflicts: string[];
  changed: boolean;
}

/** Add our `false` entries, keeping every user key. */
export function withManagedEntries(current: AutoApproveMap | undefined, wanted: readonly string[], previouslyManaged: readonly string[]): ManagedResult {
  const next: AutoApproveMap = { ...current };
  const managed: string[] = [];
  const conflicts: string[] = [];
  let changed = false;
  for (const key of wanted) {
    if (!(key in next)) {
      next[key] = false;
      managed.push(key);
      changed = true;
    } else if (previouslyManaged.includes(key)) {
      managed.push(key);
      if (next[key] !== false) conflicts.push(key);
    } else if (next[key] !== false) {
      conflicts.push(key);
    }
  }
  // Keys we used to manage but no longer want go away, unless the user changed them.
  for (const key of previouslyManaged) {
    if (!wanted.includes(key) && next[key] === false) {
      delete next[key];
      changed = true;
    }
  }
  return { next, managed, conflicts, changed };
}

/** Remove the keys we added, where they still hold our `false`. */
export function withoutManagedEntries(current: AutoApproveMap | undefined, managed: readonly string[]): { next: AutoApproveMap; changed: boolean } {
  const next: AutoApproveMap = { ...current };
  let changed = false;
  for (const key of managed) {
    if (next[key] === false) {
      delete next[key];
      changed = true;
    }
  }
  return { next, changed };
}
