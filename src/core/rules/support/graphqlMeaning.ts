import type { GraphqlValue } from './graphql';

/**
 * GraphQL mutations that destroy without a delete verb in their name, judged by what they mean on a
 * remote API: a restore or rollback writes an old copy over the live data (`volumeInstanceBackupRestore`),
 * an upsert told to replace drops what it is not given (`variableCollectionUpsert(input: {replace: true})`),
 * and a backup schedule or retention set to nothing stops the backups (`…BackupScheduleUpdate(kinds: [])`).
 * On an API nothing here knows, a mutation that changes what exists (update, set, move, disable…) asks too:
 * its meaning cannot be read from its name. Creating (`createUser`) stays allowed.
 */

const RESTORE_PARTS = new Set(['restore', 'rollback', 'revert', 'overwrite', 'rewind']);
const BACKUP_PARTS = new Set(['backup', 'backups', 'schedule', 'schedules', 'retention', 'snapshot', 'snapshots', 'pitr']);
const CHANGE_PARTS = new Set([
  'update', 'upsert', 'set', 'patch', 'modify', 'edit', 'move', 'merge', 'import', 'sync', 'replace', 'disable', 'archive',
  'cancel', 'revoke', 'detach', 'disconnect', 'unlink', 'transfer', 'rename', 'rotate', 'scale', 'stop', 'pause', 'suspend',
]);

function argsWhere(given: GraphqlValue, test: (key: string, value: GraphqlValue) => boolean, key: string, depth: number, variables: Record<string, unknown>): boolean {
  if (depth > 6) return false;
  const value = resolved(given, variables);
  if (test(key, value)) return true;
  if (value.kind === 'object') return Object.entries(value.fields).some(([k, v]) => argsWhere(v, test, k, depth + 1, variables));
  if (value.kind === 'list') return value.items.some((v) => argsWhere(v, test, key, depth + 1, variables));
  return false;
}

function anyArg(args: Record<string, GraphqlValue>, test: (key: string, value: GraphqlValue) => boolean, variables: Record<string, unknown>): boolean {
  return Object.entries(args).some(([k, v]) => argsWhere(v, test, k, 0, variables));
}

/** A value as given, a variable read from the request's variables (`replace: $replace`). */
function resolved(v: GraphqlValue, variables: Record<string, unknown>): GraphqlValue {
  if (v.kind !== 'variable' || !(v.name in variables)) return v;
  const value = variables[v.name];
  if (Array.isArray(value)) return { kind: 'list', items: value.map((x) => ({ kind: 'scalar' as const, value: String(x) })) };
  if (value === null || typeof value !== 'object') return { kind: 'scalar', value: String(value) };
  return { kind: 'object', fields: Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, x]) => [k, resolved({ kind: 'variable', name: k }, { [k]: x })])) };
}

/** A variable that points the service at its data or holds a credential (`DATABASE_URL`, `STRIPE_SECRET_KEY`). */
const SECRET_NAME = /(^|_)(URL|URI|DSN|HOST|KEY|TOKEN|SECRET|PASSWORD|PASS|CREDENTIALS?)$/i;

const scalar = (v: GraphqlValue): string | undefined => (v.kind === 'scalar' || v.kind === 'string' ? v.value : undefined);

/** Why a mutation field destroys by meaning, or undefined. `knownApi`: the endpoint is a provider this guard knows. */
export function destroyingMeaning(parts: readonly string[], args: Record<string, GraphqlValue>, knownApi: boolean, variables: Record<string, unknown> = {}): string | undefined {
  if (parts.some((p) => RESTORE_PARTS.has(p))) return 'writes an earlier copy over the live data (every later write is lost)';
  if (anyArg(args, (k, v) => /^(replace|replaceall|overwrite|prune|purge|deletemissing|removemissing)$/i.test(k) && scalar(v) === 'true', variables)) {
    return 'replaces the whole set: whatever the request does not list is deleted';
  }
  // `updateRepository(input: {visibility: PUBLIC})`, `updateProject(input: {public: true})`: a private resource opened to everyone.
  if (anyArg(args, (k, v) => (/^visibility$/i.test(k) && /^public$/i.test(scalar(v) ?? '')) || (/^(public|ispublic)$/i.test(k) && scalar(v) === 'true') || (/^(private|isprivate)$/i.test(k) && scalar(v) === 'false'), variables)) {
    return 'makes a private resource public: a safety net is removed — anyone on the internet can read it';
  }
  // `updateBranchProtectionRule(input: {requiresApprovingReviews: false})`, `allowsForcePushes: true`: a protection switched off.
  if (anyArg(args, (k, v) => (/^(requires|required|enforce|restricts|dismisses|isprotected|locked)/i.test(k) && scalar(v) === 'false') || (/^allows(forcepushes|deletions)$/i.test(k) && scalar(v) === 'true'), variables)) {
    return 'switches a protection off: a safety net is removed — what it required or refused no longer holds';
  }
  // `updateRef(input: {force: true})`, `mergeBranch(force: true)`: the change goes over what is there (a branch moved by force drops commits).
  if (anyArg(args, (k, v) => /^force(d|push|update)?$/i.test(k) && scalar(v) === 'true', variables)) {
    return 'forces the change over what is there: a branch moved by force drops the commits it pointed to';
  }
  // `variableUpsert(input: {name: "DATABASE_URL", value: …})`: the live service reads the new value at its next deploy, and the old one is gone.
  if (parts.some((p) => p === 'upsert' || p === 'set') && parts.some((p) => /^(variable|variables|secret|secrets|env|environment|config)$/.test(p)) && anyArg(args, (k, v) => SECRET_NAME.test(k) || (/^(name|key)$/i.test(k) && SECRET_NAME.test(scalar(v) ?? '')), variables)) {
    return 'overwrites a variable or secret the live service reads (the old value is not kept)';
  }
  // Round 8 (issue #18): `archiveRepository` makes it read-only for everyone; `mergePullRequest` merges at once, as the REST merge endpoint does.
  if (parts.includes('archive') && !parts.includes('unarchive')) return 'archives the repository or project: it becomes read-only for everyone (pushes, CI and new issues stop)';
  if (parts.includes('merge') && parts.some((p) => p === 'pull' || p === 'request' || p === 'mr')) return 'merges the pull request into its base branch at once, through the API';
  if (parts.some((p) => BACKUP_PARTS.has(p))) {
    const emptied = anyArg(args, (k, v) => (v.kind === 'list' && v.items.length === 0) || (/(enabled|retention|days|count|frequency|kinds)$/i.test(k) && /^(0|false|null|none|disabled)$/i.test(scalar(v) ?? '')), variables);
    if (emptied) return 'sets its backups to nothing: new data has no backup from then on';
  }
  if (!knownApi && parts.some((p) => CHANGE_PARTS.has(p))) return 'changes existing data on an API whose mutations are not known here';
  return undefined;
}
