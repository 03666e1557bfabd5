import * as fs from 'node:fs';
import * as path from 'node:path';

type AuditExportModule = typeof import('./auditExport');

let loaded: AuditExportModule | undefined;

/**
 * The exporter lives in its own bundle beside the running one (dist/audit-export.js), with the
 * OpenTelemetry SDK inside it: neither the hook nor the extension's activation loads it. Under tsx
 * (tests, bench from source) the TypeScript module beside this file is loaded instead. The specifier
 * is a variable so esbuild does not inline the exporter into the calling bundle.
 */
export function loadAuditExport(): AuditExportModule {
  if (loaded) return loaded;
  const bundled = path.join(__dirname, 'audit-export.js');
  const specifier = fs.existsSync(bundled) ? bundled : path.join(__dirname, 'auditExport');
  loaded = require(specifier) as AuditExportModule;
  if (typeof loaded.exportPending !== 'function') throw new Error(`no exporter in ${specifier}`);
  return loaded;
}
