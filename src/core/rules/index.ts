import type { RulePack } from '../policy/types';
import { perimeterPack } from './perimeter/perimeterPack';
import { credentialsPack } from './credentials';
import { credentialHuntPack } from './credentialHunt';
import { credentialReachPack } from './credentialReach';
import { credentialRoutesPack } from './credentialRoutes';
import { filesPack } from './files';
import { gitPack } from './git';
import { databasePack } from './database';
import { containersPack } from './containers';
import { infraPack, helmfilePack } from './infra';
import { cloudPack } from './cloud';
import { paasPack } from './paas';
import { otherVcsPack } from './otherVcs';
import { checksRemovedPack } from './checksRemoved';
import { httpPack } from './httpRequests';
import { unsureOptionsPack } from './support/unsureOptions';
import { guardRestorePack } from './guardRestore';
import { platformSqlPack } from './platformSql';
import { frameworksPack } from './frameworks';
import { mcpPack } from './mcp';
import { changeBatchesPack } from './changeBatches';
import { cloudRequestsPack } from './cloudRequests';
import { localDataPack } from './localData';
import { clobberPack } from './clobber';
import { cloudExportsPack, dataSentOutPack, wholeStoreCopiesPack } from './dataSentOut';
import { platformDatabaseCopiesPack } from './platformDatabaseCopies';
import { mailSendsPack } from './mailSends';
import { productionSecretRunsPack } from './productionSecretRuns';
import { liveDataScriptsPack } from './liveDataScripts';
import { kubeChangesPack } from './kubeChanges';
import { sdkSnippetsPack } from './sdkSnippets';
import { ormOneLinersPack } from './ormOneLiners';
import { restTablesPack } from './restTables';
import { envArgsPack } from './envArgs';
import { indirectCallsPack } from './indirectCalls';
import { verbFloorPack } from './verbs';
import { programRegistrationPack } from './programRegistration';
import { safetyNetPack } from './safetyNet';
import { releaseProtectionPack } from './releaseProtection';
import { accessGrantsPack } from './accessGrants';
import { trustAddedPack } from './trustAdded';
import { physicalDevicesPack } from './physicalDevices';
import { wirePack } from './wire';
import { inspectorPack } from './inspector';
import { deferredPack } from './deferred/deferredPack';
import { MIGRATION_TOOL_NAMES, migrationToolsPack } from './migrationTools';
import { dataStoresPack } from './dataStores';
import { databaseAdminPack } from './databaseAdmin';
import { dataClusterAdminPack } from './dataClusterAdmin';
import { hostDamagePack } from './hostDamage';
import { hostOutagePack } from './hostOutage';
import { systemFilesPack } from './systemFiles';
import { gitRepoDamagePack } from './gitRepoDamage';
import { archiveOverwritePack } from './archiveOverwrite';
import { githubAdminPack } from './githubAdmin';
import { exposurePack } from './exposure';
import { hostSecurityPack } from './hostSecurity';
import { guardsLoweredPack } from './guardsLowered';
import { commitHooksPack } from './commitHooks';
import { sourceRedirectsPack } from './sourceRedirects';
import { publishingPack } from './publishing';
import { systemPackagesPack } from './systemPackages';
import { moneyMovementPack } from './moneyMovement';
import { remoteWritesPack } from './remoteWrites';
import { containerEscapePack } from './containerEscape';
import { downloadedCodePack } from './downloadedCode';
import { transferDeletesPack } from './transferDeletes';
import { containerShellsPack } from './containerShells';
import { loadTestsPack } from './loadTests';
import { uploadDestinationsPack } from './uploadDestinations';
import { credentialCarriersPack } from './credentialCarriers';
import { remoteLoginShellsPack } from './remoteLoginShells';

/**
 * Every rule pack, all on by default. Add a pack by writing `src/core/rules/<id>.ts` exporting a
 * `RulePack` and listing it here; its table-driven tests live in `test/unit/rules/<id>.test.ts`.
 */
const SPECIFIC_PACKS: readonly RulePack[] = [
  perimeterPack,
  credentialsPack,
  credentialHuntPack,
  credentialReachPack,
  credentialRoutesPack,
  filesPack,
  gitPack,
  databasePack,
  databaseAdminPack,
  dataClusterAdminPack,
  platformSqlPack,
  frameworksPack,
  migrationToolsPack,
  dataStoresPack,
  mcpPack,
  changeBatchesPack,
  cloudRequestsPack,
  localDataPack,
  clobberPack,
  dataSentOutPack,
  wholeStoreCopiesPack,
  cloudExportsPack,
  platformDatabaseCopiesPack,
  mailSendsPack,
  productionSecretRunsPack,
  liveDataScriptsPack,
  envArgsPack,
  indirectCallsPack,
  containersPack,
  kubeChangesPack,
  containerShellsPack,
  loadTestsPack,
  infraPack,
  helmfilePack,
  cloudPack,
  paasPack,
  otherVcsPack,
  checksRemovedPack,
  httpPack,
  sdkSnippetsPack,
  ormOneLinersPack,
  restTablesPack,
  unsureOptionsPack,
  guardRestorePack,
  safetyNetPack,
  releaseProtectionPack,
  commitHooksPack,
  sourceRedirectsPack,
  accessGrantsPack,
  trustAddedPack,
  physicalDevicesPack,
  wirePack,
  inspectorPack,
  deferredPack,
  hostDamagePack,
  hostOutagePack,
  systemFilesPack,
  gitRepoDamagePack,
  archiveOverwritePack,
  githubAdminPack,
  exposurePack,
  hostSecurityPack,
  guardsLoweredPack,
  publishingPack,
  systemPackagesPack,
  moneyMovementPack,
  remoteWritesPack,
  containerEscapePack,
  downloadedCodePack,
  transferDeletesPack,
  uploadDestinationsPack,
  credentialCarriersPack,
  remoteLoginShellsPack,
];

/** The verb floor judges what no specific pack names (`src/core/rules/verbs.ts`). */
const SPECIFIC_NAMES: ReadonlySet<string> = new Set([...SPECIFIC_PACKS.flatMap((p) => p.commands ?? []), ...MIGRATION_TOOL_NAMES]);
export const RULE_PACKS: readonly RulePack[] = [...SPECIFIC_PACKS, verbFloorPack(SPECIFIC_NAMES), programRegistrationPack(SPECIFIC_NAMES)];
