/** The real node-layer modules behind `GuardServices`. */
import * as os from 'node:os';
import { appendAudit, auditLogPath, verifyAuditLog } from '../node/audit/auditLog';
import { scanWorkspace } from '../node/credentials/workspaceScan';
import { guardHome } from '../node/guardHome';
import type { GuardServices } from './guardServices';

class NotInThisBuild extends Error {
  constructor(what: string) {
    super(`${what} is not available in this build of Blast Shield.`);
  }
}

export function createGuardServices(env: Readonly<Record<string, string | undefined>> = process.env): GuardServices {
  const home = guardHome(env);
  const userHome = os.homedir();
  return {
    guardHome: home,
    userHome,
    hooks: {
      install: async () => {
        throw new NotInThisBuild('Installing hooks');
      },
      uninstall: async () => {
        throw new NotInThisBuild('Uninstalling hooks');
      },
      status: async (host) => ({ host, installed: false, intact: false, files: [], detail: 'status not available in this build' }),
    },
    hiding: {
      hide: async () => {
        throw new NotInThisBuild('Hiding credentials');
      },
      unhide: async () => {
        throw new NotInThisBuild('Unhiding credentials');
      },
    },
    scanner: {
      scan: async (root) => {
        const result = await scanWorkspace(root, { home: userHome });
        return { files: result.files.map((f) => ({ path: f.path, kind: f.kind, label: f.label, reasons: f.reasons })), truncated: result.truncated };
      },
    },
    policy: {
      gatherFacts: () => {
        throw new NotInThisBuild('The policy engine');
      },
      classify: () => {
        throw new NotInThisBuild('The policy engine');
      },
    },
    audit: {
      append: (record) => void appendAudit(home, record),
      verify: () => verifyAuditLog(home),
      file: () => auditLogPath(home),
    },
  };
}
