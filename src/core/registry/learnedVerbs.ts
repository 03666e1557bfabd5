import { identifierParts } from '../rules/support/cliArgs';
import { TOOL_ENTRIES } from './tools';
import type { CommandSpec, ToolSpec } from './types';
import type { LearnedRow, VerbClass } from './learnedTable';

export type { VerbClass } from './learnedTable';

/**
 * Stop 39 (issue #18 criteria 1 and 8): the verbs the registry's described tools use, learned from their
 * subcommand trees, as evidence for a CLI nobody described. Each described subcommand says what it does
 * (`effect`, a destructive `rules` row with its verb phrase, a registry act, a package action); each word of its
 * name (split by the shared `identifierParts`: `delete-bucket`, `apps:destroy`, `forceDelete`) counts once per
 * tool for that class. A word is learned only when its evidence is clear ({@link MIN_TOOLS} tools or more,
 * {@link MIN_SHARE} of them one class) and it is not in {@link NOT_LEARNED} (nouns and generic words, read by eye
 * in `test/unit/registry/learnedVerbs.test.ts`, which prints the table).
 *
 * Derived lazily, on first use, never at module load. The floor does not derive it on the hook's path: loading
 * every tool's description and walking it took 150-210 ms cold in the CLI bundle (measured at stop 39), so the
 * floor reads the table this derivation produced, checked in as `learnedTable.ts`; the table test derives it
 * again and fails, printing the new table, when a registry change teaches something else.
 */

export interface WordEvidence {
  word: string;
  /** How many tools use the word in a subcommand of each class (a tool counts once per class). */
  counts: Readonly<Record<VerbClass, number>>;
  /** A few tools per class, for the reason and the printed table. */
  tools: Readonly<Record<VerbClass, readonly string[]>>;
}

export interface LearnedVerb {
  word: string;
  verbClass: VerbClass;
  /** Tools that use it for that class, and how many tools use it at all. */
  tools: number;
  of: number;
  examples: readonly string[];
}

/** Evidence needed: at least this many tools, and this share of them one class. */
export const MIN_TOOLS = 2;
export const MIN_SHARE = 0.8;

const CLASSES: readonly VerbClass[] = ['destroy', 'publish', 'disrupt', 'secret-print', 'read', 'other'];

/**
 * Words the table would learn that are not verbs of their own (nouns of what is acted on) or too generic to decide
 * anything for a tool nobody described; the review of the printed table, one reason each.
 */
export const NOT_LEARNED: Readonly<Record<string, string>> = {
  // Nouns of what is acted on: the verb beside them decides.
  all: 'a quantity: `delete all`, `list all`',
  app: 'a noun', apps: 'a noun', bucket: 'a noun', buckets: 'a noun', branch: 'a noun', cluster: 'a noun', database: 'a noun', db: 'a noun',
  instance: 'a noun', instances: 'a noun', key: 'a noun', keys: 'a noun', project: 'a noun', repo: 'a noun', secret: 'a noun', secrets: 'a noun',
  service: 'a noun', services: 'a noun', site: 'a noun', stack: 'a noun', tag: 'a noun', token: 'a noun', user: 'a noun', volume: 'a noun',
  object: 'a noun', objects: 'a noun', file: 'a noun', files: 'a noun', data: 'a noun', dns: 'a noun', record: 'a noun', records: 'a noun',
  image: 'a noun', images: 'a noun', resource: 'a noun', resources: 'a noun', peer: 'a noun', owner: 'a noun (`npm owner add`)',
  credentials: 'a noun (`get-credentials`): the secret verbs read printing (rules/secretVerbs.ts)', bulk: 'a manner (`bulk-delete`): the verb beside it decides',
  rsync: 'a program name (`rsync` as a subcommand of a wrapper)', not: 'a part of an option-like name (`2fa-not-required`)', required: 'a part of `2fa-not-required`',
  public: 'an adjective (`access public`): the access rules read opening (rules/accessGrants.ts)', release: 'a noun and a verb: the hand lexicon reads `release` (floorDisruptive.ts)',
  // Generic action words: a learned class would be a guess for a tool nobody described.
  run: 'runs what the tool is for: the team line keeps `run` allowed for an unknown CLI',
  apply: 'the hand lexicon reads `apply` with a manifest or a remote target (floorDisruptive.ts)',
  set: 'the hand lexicon reads `set` (floorDisruptive.ts)', update: 'the hand lexicon reads `update` (floorDisruptive.ts)',
  force: 'an option word, not a subcommand of its own', recursive: 'an option word', version: 'prints the version (help)',
};

/** The class a destructive rule's verb phrase says (`deletes`, `publishes into`, `stops`, `prints working credentials for`). */
export function classOfPhrase(phrase: string): VerbClass {
  const p = phrase.toLowerCase();
  if (/^prints\b|^writes into the kubeconfig the credentials/.test(p)) return 'secret-print';
  if (/^(publishes|deploys|builds and deploys|releases|pushes|promotes|replaces the live|makes public|sends)\b/.test(p)) return 'publish';
  if (/^(stops|restarts|reboots|scales to zero|disables|deactivates|turns off|switches off|suspends|drains|fails over|forces a failover|promotes or fails over|throttles|takes .* out|takes the .* off|cuts the timeout|stops forwarding)\b/.test(p)) return 'disrupt';
  if (/^(deletes|destroys|drops|purges|erases|wipes|truncates|overwrites|removes|revokes|terminates|cancels|cuts .*retention|moves away|empties|replaces every|replaces the|resets|rolls back|schedules the deletion|yanks|withdraws)\b/.test(p)) return 'destroy';
  return 'other';
}

/** The class a described subcommand node has, from what it says about itself; undefined when it says nothing. */
function classOfNode(node: CommandSpec): VerbClass | undefined {
  // A registry act changes what everyone who installs reads (a version published, a tag moved, an owner added); one whose words destroy is a destroy.
  if (node.registryAct !== undefined) return classOfPhrase(node.registryAct.does) === 'destroy' ? 'destroy' : 'publish';
  if (node.package === 'publish') return 'publish';
  switch (node.effect) {
    case 'delete': return 'destroy';
    case 'read': return 'read';
    case 'mutate': case 'exec': return 'other';
    default: return undefined;
  }
}

/** The literal words of a path segment (`delete|rm`), none for a wildcard or a pattern. */
function segmentWords(segment: string | RegExp): string[] {
  return typeof segment === 'string' && segment !== '*' ? segment.split('|') : [];
}

/** Every (word, class) one tool's description says, each pair once. */
function toolPairs(spec: ToolSpec): Set<string> {
  const pairs = new Set<string>();
  const add = (name: string, cls: VerbClass): void => {
    for (const part of identifierParts(name)) if (/^[a-z][a-z0-9]*$/.test(part) && part.length > 1) pairs.add(`${part}\u0000${cls}`);
  };
  const walk = (node: CommandSpec): void => {
    for (const [key, sub] of Object.entries(node.commands ?? {})) {
      const cls = classOfNode(sub);
      if (cls !== undefined) for (const word of key.split('|')) add(word, cls);
      walk(sub);
    }
  };
  walk(spec);
  // A destructive rule's last literal word is the verb its phrase describes (`pg:reset`, `apps destroy`).
  for (const rule of spec.rules ?? []) {
    const last = [...rule.path].reverse().find((s) => segmentWords(s).length > 0);
    if (last !== undefined) for (const word of segmentWords(last)) for (const part of word.split(':')) add(part, classOfPhrase(rule.verb));
  }
  // The generic rule's verbs, when its pattern is a plain list of words (`/^(delete|rm|remove)$/`): every one destroys for this tool.
  const listed = spec.generic !== undefined ? /^\^\(([a-z|:-]+)\)\$$/.exec(spec.generic.verbs.source)?.[1] : undefined;
  for (const word of listed?.split('|') ?? []) add(word, 'destroy');
  return pairs;
}

let evidence: ReadonlyMap<string, WordEvidence> | undefined;

/** Has the table been derived yet (tests: importing this module must not derive it)? */
export function derived(): boolean {
  return evidence !== undefined;
}

/** The evidence of every word, derived on first use from every described tool. */
export function wordEvidence(): ReadonlyMap<string, WordEvidence> {
  if (evidence !== undefined) return evidence;
  const table = new Map<string, { counts: Record<VerbClass, number>; tools: Record<VerbClass, string[]> }>();
  // A tool described as a copy of another (`nerdctl` spreads `docker`: the same command tree) is one witness, not two.
  const trees = new Set<object>();
  for (const entry of TOOL_ENTRIES) {
    const spec = entry.spec();
    if (spec.commands !== undefined && trees.has(spec.commands)) continue;
    if (spec.commands !== undefined) trees.add(spec.commands);
    for (const pair of toolPairs(spec)) {
      const [word, cls] = pair.split('\u0000') as [string, VerbClass];
      const row = table.get(word) ?? { counts: { destroy: 0, publish: 0, disrupt: 0, 'secret-print': 0, read: 0, other: 0 }, tools: { destroy: [], publish: [], disrupt: [], 'secret-print': [], read: [], other: [] } };
      row.counts[cls]++;
      if (row.tools[cls].length < 4) row.tools[cls].push(spec.names[0]!);
      table.set(word, row);
    }
  }
  evidence = new Map([...table].map(([word, row]) => [word, { word, counts: row.counts, tools: row.tools }]));
  return evidence;
}

/** The word's learned class when the evidence is clear, whatever the review says (for the printed table). */
export function clearClass(e: WordEvidence): LearnedVerb | undefined {
  const of = CLASSES.reduce((n, c) => n + e.counts[c], 0);
  for (const cls of CLASSES) {
    const n = e.counts[cls];
    if (n >= MIN_TOOLS && n / of >= MIN_SHARE) return { word: e.word, verbClass: cls, tools: n, of, examples: e.tools[cls] };
  }
  return undefined;
}

/** The table the floor reads (`learnedTable.ts`), as derived now: every clear word the review kept whose class the floor uses. */
export function derivedTable(): Record<string, LearnedRow> {
  const rows = [...wordEvidence().values()].map((e) => clearClass(e)).filter((l): l is LearnedVerb => l !== undefined && l.verbClass !== 'other' && !Object.prototype.hasOwnProperty.call(NOT_LEARNED, l.word));
  return Object.fromEntries(rows.sort((a, b) => (a.word < b.word ? -1 : 1)).map((l) => [l.word, [l.verbClass, l.tools, l.of, l.examples.join(', ')]]));
}
