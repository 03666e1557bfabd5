import type { Finding, Invocation, RuleContext } from '../../policy/types';

/**
 * The sub-checks a pack that sees every invocation runs in turn (`credentialReach.ts`'s list), called
 * only when the invocation's program name is one a sub-check reacts to. Each sub-check says so next to
 * itself, the way packs do (`RulePack.reactsTo`):
 *
 *   function checkGitLineHistory(inv, ctx) { if (inv.name !== 'git' …) return []; … }
 *   checkGitLineHistory.reactsTo = (name: string): boolean => name === 'git';
 *
 * `reactsTo(name)` must be true for every name the sub-check could find something in (or throw on);
 * a sub-check without it always runs, never skips. The list keeps its order, so findings come out as
 * before. Which sub-checks a name gets is worked out once per name (`test/unit/rules/s34PerfSubChecks.test.ts`
 * proves over every corpus command that what a name skips finds nothing).
 */
export type SubCheck = ((inv: Invocation, ctx: RuleContext) => Finding[]) & { reactsTo?: (name: string) => boolean };

/** Names remembered per list; past this (a long-lived decision server seeing many names) lists are worked out each time. */
const MAX_NAMES = 2048;

let enabled = true;

/** Tests only: with the index off every sub-check runs, so a test can compare the findings both ways. */
export function setSubCheckIndex(on: boolean): void {
  enabled = on;
}

export interface SubCheckList {
  /** Every finding of the sub-checks that react to `inv.name`, in the list's order. */
  run(inv: Invocation, ctx: RuleContext): Finding[];
  /** The sub-checks `name` runs (tests). */
  checksFor(name: string): readonly SubCheck[];
  readonly checks: readonly SubCheck[];
}

/** A pack's list of sub-checks. `checks` is read when first run, so imported functions need not be initialised yet. */
export function subCheckList(checks: () => readonly SubCheck[]): SubCheckList {
  let all: readonly SubCheck[] | undefined;
  const byName = new Map<string, readonly SubCheck[]>();
  const list = (): readonly SubCheck[] => (all ??= checks());
  const checksFor = (name: string): readonly SubCheck[] => {
    if (!enabled) return list();
    const known = byName.get(name);
    if (known) return known;
    const picked = list().filter((c) => c.reactsTo === undefined || c.reactsTo(name));
    if (byName.size < MAX_NAMES) byName.set(name, picked);
    return picked;
  };
  return {
    get checks() {
      return list();
    },
    checksFor,
    run(inv, ctx) {
      const out: Finding[] = [];
      for (const check of checksFor(inv.name)) {
        const found = check(inv, ctx);
        for (const f of found) out.push(f);
      }
      return out;
    },
  };
}
