/**
 * Everything the extension needs only after activation, built as its own bundle (dist/deferred.js)
 * and required on first use through `loadDeferred()`. Activation then parses and evaluates about a
 * seventh of the code; the policy engine, installers, scanners and diff library load when a command,
 * a terminal command or a preview first needs them. This is a load boundary, not a convenience index:
 * list here only what the editor calls.
 */
export { analyze } from '../core/policy/analyze';
export { classify } from '../core/policy/classify';
export { planPreview } from '../core/preview/plan';
export { EDITS_AUTO_APPROVE_SETTING, editEntries, TERMINAL_AUTO_APPROVE_SETTING, TERMINAL_ENTRIES, withManagedEntries, withoutManagedEntries } from '../core/settings/chatAutoApprove';
export { appendAudit, verifyAuditLog } from '../node/audit/auditLog';
export { loadCredentialCache, writeIndexFeed } from '../node/credentials/credentialCache';
export { loadCredentialFacts } from '../node/credentials/credentialFacts';
export { hideCredentialFiles, unhideCredentialFiles } from '../node/credentials/hideFiles';
export { scanWorkspace } from '../node/credentials/workspaceScan';
export { gatherFacts } from '../node/facts';
export { defaultInstallScope, hostStatus, installHost, installShim, uninstallHost } from '../node/hosts/install';
export { hookCommand } from '../node/hosts/installCommon';
export { computePreview } from '../node/preview/computePreview';
export { analyseAsk } from '../node/confirm/analyseAsk';
export { selfTestHost } from '../node/selfTest/selfTest';
export { claudeVersion, onFailureNote } from '../node/hosts/claude/version';
export { applyVersion, assessVersion, hasVersionCheck, hostVersion } from '../node/hosts/hostVersions';
export { keepHooksHealthy } from '../node/hosts/keeper';
export { planSnapshot } from '../core/snapshot/plan';
export { estimateSnapshot, takeSnapshot } from '../node/snapshot/takeSnapshot';
export { listSnapshots, newSnapshotId, pruneSnapshots } from '../node/snapshot/snapshotStore';
export { restoreSnapshot } from '../node/snapshot/restoreSnapshot';
export { planBackup } from '../core/backup/plan';
export { canDump } from '../node/backup/databaseDump';
