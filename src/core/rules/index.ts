import type { RulePack } from '../policy/types';
import { selfProtectionPack } from './selfProtection';
import { credentialsPack } from './credentials';

/**
 * Every rule pack, all on by default. Add a pack by writing `src/core/rules/<id>.ts` exporting a
 * `RulePack` and listing it here; its table-driven tests live in `test/unit/rules/<id>.test.ts`.
 */
export const RULE_PACKS: readonly RulePack[] = [
  selfProtectionPack,
  credentialsPack,
];
