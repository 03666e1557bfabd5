/**
 * Every command the extension contributes. A unit test checks this map against package.json
 * (`contributes.commands`), so a command cannot be registered without a palette entry or vice versa.
 */
export const COMMANDS = {
  toggleLockdown: 'blastShield.toggleLockdown',
  installHooks: 'blastShield.installHooks',
  uninstallHooks: 'blastShield.uninstallHooks',
  hideCredentials: 'blastShield.hideCredentials',
  unhideCredentials: 'blastShield.unhideCredentials',
  scanWorkspace: 'blastShield.scanWorkspace',
  showAuditLog: 'blastShield.showAuditLog',
  verifyAuditLog: 'blastShield.verifyAuditLog',
  runSelfTest: 'blastShield.runSelfTest',
  showStatus: 'blastShield.showStatus',
  showLog: 'blastShield.showLog',
  showSampleDialog: 'blastShield.showSampleDialog',
  restoreSnapshot: 'blastShield.restoreSnapshot',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

/** The context key `when` clauses use: true while lockdown is on for this window. */
export const LOCKDOWN_CONTEXT_KEY = 'blastShield.lockdown';
