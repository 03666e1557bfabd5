import { MANUAL_DATA } from './manualTable';

/**
 * Stop 40 (issue #18 criterion 8): what Debian's manual pages say a program does, as `scripts/manpages/build.ts`
 * classified it (`manualTable.ts`, data only). The table is one JSON string parsed on the first look-up, so a hook
 * that never meets a program nothing else describes pays only for loading the string.
 */

export interface ManualFacts {
  /** The package and version the facts came from (`jdupes 1.21.3-1`). */
  source: string;
  /** The verb of the name line when it destroys or overwrites (`qdel - delete jobs from queues`: delete). */
  nameVerb?: string;
  /** Options whose description destroys or overwrites: each spelling -> [verb, every spelling of the option]. */
  options: ReadonlyMap<string, readonly [string, string]>;
  /** Subcommands whose description destroys or overwrites -> verb. */
  subcommands: ReadonlyMap<string, string>;
  /** A destroying program's options that only read, print help or make the run dry. */
  reading: ReadonlySet<string>;
}

interface Row { s: string; n?: string; o?: Record<string, string>; c?: Record<string, string>; r?: string[] }

let table: Record<string, Row> | undefined;
const facts = new Map<string, ManualFacts | undefined>();

/** The manual's facts about a program, or undefined when no page read says it destroys anything. */
export function manualFacts(program: string): ManualFacts | undefined {
  if (facts.has(program)) return facts.get(program);
  table ??= JSON.parse(MANUAL_DATA) as Record<string, Row>;
  const row = Object.prototype.hasOwnProperty.call(table, program) ? table[program] : undefined;
  const found = row === undefined ? undefined : {
    source: row.s,
    nameVerb: row.n,
    options: new Map(Object.entries(row.o ?? {}).flatMap(([spellings, verb]) => spellings.split('|').map((s) => [s, [verb, spellings.split('|').join('/')]] as const))),
    subcommands: new Map(Object.entries(row.c ?? {})),
    reading: new Set(row.r ?? []),
  };
  facts.set(program, found);
  return found;
}
