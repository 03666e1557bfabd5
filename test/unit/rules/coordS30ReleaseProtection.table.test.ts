import { perimeterFacts } from './perimeterFixtures';
import { allowed, familyTables, flag, type Family } from './familyTable';

/**
 * Red team round 14: a live release's protection switched off by a chart value (`helm upgrade prod ./chart
 * --set auth.enabled=false`, `tls`, `networkPolicy`, `rbac`, `audit`) was allowed; only persistence was read
 * (protectionLowering.ts `releaseProtectionOff`). A fresh install keeps the chart's defaults; other values,
 * and a protection switched on, stay routine.
 */

const TABLE: Record<string, Family> = {
  'a protection of a live release switched off by a value': {
    reason: /a safety net is removed/,
    rows: [
      flag('helm upgrade api ./chart --set auth.enabled=false'),
      flag('helm upgrade api ./chart --set tls.enabled=false'),
      flag('helm upgrade api ./chart --set networkPolicy.enabled=false'),
      flag('helm upgrade api ./chart --set rbac.create=false'),
      flag('helm upgrade api ./chart --set audit.enabled=off'),
      flag('helm upgrade --install api ./chart --set redis.auth.enabled=false,image.tag=v2'),
      flag('timeout 60 helm upgrade api ./chart --set-string tls.enabled=false'),
      allowed('helm upgrade api ./chart --set metrics.enabled=false'),
      allowed('helm upgrade api ./chart --set auth.enabled=true'),
      allowed('helm upgrade api ./chart --set image.tag=v2'),
      allowed('helm install api ./chart --set auth.enabled=false'),
      allowed('helm template api ./chart --set tls.enabled=false'),
    ],
  },
};

// The fixture's kube context is production, so every helm upgrade asks there: a look-alike must not be given this family's reason.
familyTables('release protections switched off by a value (coordinator, stop 30)', TABLE, perimeterFacts, 'not-deny');
