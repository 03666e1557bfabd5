import { RULE_PACKS } from '../rules/index';
import { analyze, DEFAULT_ANALYZE_LIMITS, REMOTE_CWD } from './analyze';
import { EFFECT_RULES, READ_ONLY_COMMANDS } from './effectRules';
import { effectsOf } from './effects';
import { memoizedFacts } from './memoFacts';
import { passesGate } from './packGates';
import { fetchedTarget, opaqueProductionTargets } from './opaqueTargets';
import { environmentOf } from './production';
import { decisionWorkLimit, workMeter, type WorkMeter } from './workMeter';
import type { Analysis, ClassifyOptions, CodeSnippet, Facts, Finding, Invocation, RemoteContext, RuleContext, RulePack, Verdict } from './types';
import { composeVerdict } from './verdict';
import { laterEnvironment, scheduledBy } from '../rules/deferred/laterEnvironment';
import { asksForHelp, isDryRun } from '../registry/commandModel';
import { mentionAsWritten } from '../rules/perimeter/mentions';
import { DENY_SUFFIX, perimeterFinding } from '../rules/perimeter/perimeterFinding';
import { perimeterView } from '../rules/perimeter/protectedPaths';

/**
 * The engine's front door: a command line and the facts about the machine in, one verdict out.
 * Shell analysis finds every command that will run; each invocation visits only the packs that
 * listed its name (plus the packs that watch everything); snippets visit every pack with a snippet
 * check; whatever could not be analysed asks. Never throws and never allows on an internal error.
 */

interface PackIndex {
  byCommand: Map<string, RulePack[]>;
  everyInvocation: RulePack[];
  /** Per command name: the packs that list it and the every-invocation packs that react to it, in registry order (worked out once). */
  merged: Map<string, readonly RulePack[]>;
  snippetPacks: RulePack[];
  analysisPacks: RulePack[];
}

const indexes = new WeakMap<readonly RulePack[], PackIndex>();

function indexOf(packs: readonly RulePack[]): PackIndex {
  const cached = indexes.get(packs);
  if (cached) return cached;
  const byCommand = new Map<string, RulePack[]>();
  const everyInvocation: RulePack[] = [];
  for (const pack of packs) {
    if (!pack.checkInvocation) continue;
    if (!pack.commands) {
      everyInvocation.push(pack);
      continue;
    }
    for (const name of pack.commands) {
      const list = byCommand.get(name);
      if (list) list.push(pack);
      else byCommand.set(name, [pack]);
    }
  }
  const index: PackIndex = { byCommand, everyInvocation, merged: new Map(), snippetPacks: packs.filter((p) => p.checkSnippet), analysisPacks: packs.filter((p) => p.checkAnalysis) };
  indexes.set(packs, index);
  return index;
}

interface Budgets {
  work: WorkMeter;
  rescan: WorkMeter;
}

function contextFor(facts: Facts, inv: Pick<Invocation, 'assignments'>, budgets: Budgets | undefined): RuleContext {
  const ctx: RuleContext = { facts, environmentOf: (hints) => environmentOf(hints, facts, { assignments: inv.assignments }) };
  if (budgets) {
    ctx.work = budgets.work;
    ctx.rescan = budgets.rescan;
  }
  return ctx;
}

/** Re-reading budget: enough for ordinary commands' substitutions, proportional to the command. */
const RESCAN_UNITS_PER_CHARACTER = 16;
const RESCAN_BASE_UNITS = 1 << 16;

/**
 * Units the packs cost per invocation and per argument word (paths classified, names matched,
 * provenance looked up): calibrated so that the whole budget is spent in about 50 ms. Recalibrated
 * 2026-12-04 (×3): the packs had grown to about 15 ns per unit while the walker spends about 2 ns, so
 * a 16 KiB or 500-deep input spent 50–90 ms in the packs before the budget ran out.
 */
const PACK_COST = 3;
const UNITS_PER_INVOCATION = PACK_COST * 10_000;
/** A command no pack names and no table describes goes through the verb floor and every generic reading in full. */
const UNITS_PER_UNDESCRIBED_COMMAND = PACK_COST * 12_000;
const UNITS_PER_WORD = PACK_COST * 2_000;
/** A word of a command that changes the paths it takes (`rm`, `cp`, `chmod`): several packs judge each path in turn, and look below folders. */
const UNITS_PER_PATH_WORD = PACK_COST * 8_000;
/**
 * A word of a command that takes paths but changes none (`ls`, `cat`, `grep`, `mkdir -p`, `touch`, `git add`): the
 * packs match the name and resolve it once, never look below it. Measured 2026-12-04 (CPU, loaded machine, 800
 * words, fresh facts): `ls` 29–36 µs, `grep` 31–43 µs, `mkdir -p` 11–18 µs, `git add` 14–18 µs a word with the facts
 * it asks, against `rm` 70–133 µs; priced (with the facts, at most 6 ns a unit) no cheaper than `kubectl`'s or
 * `aws`'s words today, so 800 routine paths fit in one decision and a budget spent on them stays within its time.
 */
const UNITS_PER_NAMED_PATH_WORD = PACK_COST * 700;
const UNITS_PER_CHARACTER = PACK_COST * 16;

/**
 * The perimeter's share of an invocation's units (its packs judge every invocation first, classify's first
 * pass), measured 2026-12-04 over padding, path lists and the classifier mix: about a third to a half of the packs'
 * time; the other packs spend the rest in the second pass.
 */
const GUARD_SHARE = 0.4;
const GUARD_UNITS_PER_SNIPPET = Math.round(GUARD_SHARE * UNITS_PER_INVOCATION);

/** What one invocation costs the packs, or `share` of it. */
function unitsFor(inv: Invocation, index: PackIndex, share: number): number {
  const takesPaths = READ_ONLY_COMMANDS.has(inv.name) || EFFECT_RULES[inv.name] !== undefined;
  const undescribed = !takesPaths && !index.byCommand.has(inv.name);
  const perWord = takesPaths ? pathWordUnits(inv) : UNITS_PER_WORD;
  const units = UNITS_PER_INVOCATION + (undescribed ? UNITS_PER_UNDESCRIBED_COMMAND : 0) + perWord * inv.args.length + UNITS_PER_CHARACTER * rawLength(inv);
  return Math.ceil(share * units);
}

/** What a word of a command that takes paths costs, by what the command does to its paths: the full price only when it changes some (`git add`, `git commit`: none). */
function pathWordUnits(inv: Invocation): number {
  try {
    return effectsOf(inv).every((e) => e.kind === 'read' || e.kind === 'create') ? UNITS_PER_NAMED_PATH_WORD : UNITS_PER_PATH_WORD;
  } catch {
    return UNITS_PER_PATH_WORD;
  }
}

function rawLength(inv: Invocation): number {
  let length = 0;
  for (const arg of inv.args) length += arg.raw.length;
  return length;
}

/** The finding an analysis that ran out of budget adds: what was not looked at cannot be allowed. */
const OUT_OF_BUDGET: Finding = {
  rule: 'analysis.budget',
  risk: 'unanalyzable',
  severity: 'ask',
  reason: 'Cannot be checked before it runs: the command needs more work to analyse than one decision may take.',
  targets: [],
};

/**
 * What an analysis that ran out of budget did not judge may be the part that names Blast Shield's own files
 * (`touch src/{0..49}{a,b}{c,d}; rm -rf ~/.blast-shield`, 200 × `true &&` in front): padding must not turn the
 * perimeter's deny into an ask. The text is searched for a protected place the way the perimeter searches code it
 * cannot read (every spelling up to 64 KiB, the text as written beyond); naming one denies.
 */
function unjudgedNamesGuard(text: string | undefined, facts: Facts): Finding[] {
  if (text === undefined || text.length > MAX_SCANNED_TEXT) return [];
  const named = mentionAsWritten(text, perimeterView(facts));
  return named === undefined ? [] : [perimeterFinding('unjudged-names-guard', `The command is too large to check in full before it runs, and it names ${named}; ${DENY_SUFFIX}.`, named)];
}

/** Text over this is asked at once (the input limit): not searched. */
const MAX_SCANNED_TEXT = 1 << 20;

/**
 * A command run through `ssh host`, `heroku run`, `fly ssh console` or `kubectl exec` acts on that
 * machine, not this one: the packs judged it as if local, so its local targets (a path, a local
 * database) become targets on the remote place, whose environment comes from the host, app, context
 * or namespace names. None of them naming one means "environment unknown", which a destructive
 * finding turns into production.
 */
function onRemote(finding: Finding, remote: RemoteContext, facts: Facts, inv: Invocation): Finding {
  if (finding.targets.every((t) => t.remote)) return finding;
  const names = [...remote.names];
  if (remote.provider === 'kubernetes' && !names.some((n) => n.source === '--context') && facts.kubeContext) names.unshift({ source: 'kube context', value: facts.kubeContext });
  const resolved = environmentOf({ values: [], sources: names, remote: true }, facts, { assignments: inv.assignments });
  const here = (text: string): string => text.split(REMOTE_CWD + '/').join('').split(REMOTE_CWD).join('.');
  return {
    ...finding,
    reason: `${here(finding.reason).replace(/\.$/, '')} (on ${remote.place}).`,
    targets: finding.targets.map((t) =>
      t.remote ? t : { ...t, name: `${remote.place}:${here(t.name)}`, provider: remote.provider, remote: true, environment: resolved.environment, environmentReason: resolved.reason },
    ),
  };
}

function packFailure(pack: RulePack, error: unknown): Finding {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    rule: `${pack.id}.internal-error`,
    risk: 'unanalyzable',
    severity: 'ask',
    reason: `The ${pack.id} rules failed on this command (${detail.slice(0, 120)}), so it needs confirmation.`,
    targets: [],
  };
}

/** Names whose pack lists are remembered at most (names come from the command: a long one may hold many). */
const MAX_REMEMBERED_NAMES = 4096;

/**
 * Packs for one invocation, in registry order, each once: those that list its name, and those that
 * see every invocation unless their `reactsTo` says the name gives them nothing. Worked out once per name.
 */
function packsFor(index: PackIndex, packs: readonly RulePack[], name: string): readonly RulePack[] {
  let merged = index.merged.get(name);
  if (merged) return merged;
  const named = index.byCommand.get(name);
  merged = packs.filter((p) => named?.includes(p) || (index.everyInvocation.includes(p) && (!p.reactsTo || reacts(p, name))));
  if (index.merged.size >= MAX_REMEMBERED_NAMES) index.merged.clear();
  index.merged.set(name, merged);
  return merged;
}

/** A pack whose dispatch test fails is called anyway: its own check then answers (with its internal-error finding if it throws). */
function reacts(pack: RulePack, name: string): boolean {
  try {
    return pack.reactsTo!(name);
  } catch {
    return true;
  }
}

function findingKey(f: Finding): string {
  return `${f.rule}\0${f.severity}\0${f.reason}\0${f.targets.map((t) => `${t.kind}:${t.name}`).join(',')}`;
}

/**
 * What a dry run or a request for the manual of a described tool cannot do: destroy, change production,
 * take a protection away. What it still prints (a secret `kubectl create secret … --dry-run -o yaml`
 * renders) and what other packs see in it are judged as ever.
 */
const SIMULATED_AWAY: ReadonlySet<Finding['risk']> = new Set(['destructive', 'catastrophic', 'protection-removal']);

/** Whether `pack` is judged in this pass: the perimeter's packs first (`guard`), the others after. */
function inPass(pack: RulePack, guard: boolean): boolean {
  return (pack.guardsPerimeter === true) === guard;
}

/**
 * One pass's findings for one invocation, by pack in registry order: the perimeter's packs (`guard`), or
 * the others with the perimeter's findings from `early` where they stand.
 */
function invocationFindings(inv: Invocation, facts: Facts, packs: readonly RulePack[], index: PackIndex, budgets: Budgets | undefined, guard: boolean, early?: Early): Map<RulePack, Finding[]> {
  const out = new Map<RulePack, Finding[]>();
  const ctx = contextFor(facts, inv, budgets);
  const named = index.byCommand.get(inv.name);
  const scheduler = scheduledBy(inv);
  // Whether the invocation only simulates or asks for help only shapes findings: worked out once, when
  // the first pack finds something (most invocations find nothing).
  let simulated: boolean | undefined;
  for (const pack of packsFor(index, packs, inv.name)) {
    if (!inPass(pack, guard)) {
      const found = early?.get(pack);
      if (found) out.set(pack, found);
      continue;
    }
    if (pack.gate && !passesGate(pack.gate, inv)) continue;
    try {
      const judged = pack.checkInvocation?.(inv, ctx) ?? [];
      if (judged.length === 0) continue;
      simulated ??= isDryRun(inv) || asksForHelp(inv);
      const found = simulated && named?.includes(pack) === true ? judged.filter((f) => !SIMULATED_AWAY.has(f.risk)) : judged;
      const placed = scheduler !== undefined ? found.map((f) => laterEnvironment(f, { when: `when ${scheduler.split(' ')[0]} runs it later` })) : found;
      out.set(pack, inv.remote ? placed.map((f) => onRemote(f, inv.remote!, facts, inv)) : placed);
    } catch (error) {
      out.set(pack, [packFailure(pack, error)]);
    }
  }
  return out;
}

/** One pass's findings for a snippet or for the whole analysis (`check` calls one pack), as for an invocation. */
function passFindings(list: readonly RulePack[], guard: boolean, early: Early, check: (pack: RulePack) => Finding[] | undefined): Map<RulePack, Finding[]> {
  const out = new Map<RulePack, Finding[]>();
  for (const pack of list) {
    if (!inPass(pack, guard)) {
      const found = early?.get(pack);
      if (found) out.set(pack, found);
      continue;
    }
    try {
      const found = check(pack) ?? [];
      if (found.length > 0) out.set(pack, found);
    } catch (error) {
      out.set(pack, [packFailure(pack, error)]);
    }
  }
  return out;
}

function snippetFindings(snippet: CodeSnippet, facts: Facts, index: PackIndex, budgets: Budgets | undefined, guard: boolean, early?: Early): Map<RulePack, Finding[]> {
  const ctx = contextFor(facts, snippet.runner, budgets);
  return passFindings(index.snippetPacks, guard, early, (pack) => pack.checkSnippet?.(snippet, ctx));
}

function analysisFindings(analysis: Analysis, facts: Facts, index: PackIndex, budgets: Budgets | undefined, guard: boolean, early?: Early): Map<RulePack, Finding[]> {
  const ctx = contextFor(facts, { assignments: {} }, budgets);
  return passFindings(index.analysisPacks, guard, early, (pack) => pack.checkAnalysis?.(analysis, ctx));
}

/**
 * Invocations without those the same as an earlier one in every respect (`true; true; …`): the packs are
 * pure functions of the invocation and the decision's memoised facts, so a repeat finds nothing new.
 * Compared in full only when the command name repeats.
 */
function withoutRepeats(invocations: readonly Invocation[]): Invocation[] {
  const texts = new Set<string>();
  let keys: Set<string> | undefined;
  const out: Invocation[] = [];
  for (const inv of invocations) {
    // A piped stdin carries its producer (and its producer's): a key would grow with the pipeline.
    if (inv.stdin?.kind === 'pipe' || inv.args.length > MAX_KEYED_WORDS) {
      out.push(inv);
      continue;
    }
    if (!texts.has(inv.command)) {
      texts.add(inv.command);
      keys?.add(keyOf(inv));
      out.push(inv);
      continue;
    }
    keys ??= new Set(out.filter((o) => o.stdin?.kind !== 'pipe' && o.args.length <= MAX_KEYED_WORDS).map(keyOf));
    const key = keyOf(inv);
    if (key !== '' && keys.has(key)) continue;
    keys.add(key);
    out.push(inv);
  }
  return out;
}

/** Everything an invocation holds, as text; '' (never equal to another) when it cannot be written out. */
function keyOf(inv: Invocation): string {
  try {
    return JSON.stringify(inv);
  } catch {
    return '';
  }
}

/** Invocations with more words are judged every time (a key would cost as much as it saves). */
const MAX_KEYED_WORDS = 64;

/** The perimeter's findings for one invocation or snippet, by pack, judged before the other packs spend. */
type Early = Map<RulePack, Finding[]> | undefined;

/** Every finding of every pack for an analysis (deduplicated), plus one "ask" per opaque part. */
export function findingsOf(analysis: Analysis, facts: Facts, packs: readonly RulePack[] = RULE_PACKS, budgets?: Budgets): Finding[] {
  const work = budgets?.work;
  const index = indexOf(packs);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const add = (list: readonly Finding[]): void => {
    for (const f of list) {
      const key = findingKey(f);
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push(f);
    }
  };
  const addAll = (byPack: Early): void => {
    for (const list of byPack?.values() ?? []) add(list);
  };
  const judged = withoutRepeats(analysis.invocations);
  // First the perimeter, for every invocation, snippet and the analysis: what may deny is judged before the
  // other packs spend, so padding that exhausts the budget (400 × `true;` in front) cannot turn a deny into an ask.
  const early: Early[] = [];
  for (const inv of judged) {
    if (work && !work.spend(unitsFor(inv, index, GUARD_SHARE))) break;
    early.push(invocationFindings(inv, facts, packs, index, budgets, true));
  }
  const earlySnippets: Early[] = [];
  if (early.length === judged.length) {
    for (const snippet of analysis.snippets) {
      if (work && !work.spend(GUARD_UNITS_PER_SNIPPET + snippet.text.length)) break;
      earlySnippets.push(snippetFindings(snippet, facts, index, budgets, true));
    }
  }
  const earlyAnalysis = !work?.exhausted ? analysisFindings(analysis, facts, index, budgets, true) : undefined;
  // Then every pack, in registry order (the perimeter's findings where it stands), while budget remains; the
  // perimeter's findings for what the rest of the budget does not reach still count.
  let i = 0;
  for (; i < early.length; i++) {
    const inv = judged[i]!;
    if (work && !work.spend(unitsFor(inv, index, 1 - GUARD_SHARE))) break;
    addAll(invocationFindings(inv, facts, packs, index, budgets, false, early[i]));
  }
  for (; i < early.length; i++) addAll(early[i]);
  let s = 0;
  if (i === judged.length) {
    for (; s < earlySnippets.length; s++) {
      const snippet = analysis.snippets[s]!;
      if (work && !work.spend(UNITS_PER_INVOCATION - GUARD_UNITS_PER_SNIPPET)) break;
      addAll(snippetFindings(snippet, facts, index, budgets, false, earlySnippets[s]));
    }
  }
  for (; s < earlySnippets.length; s++) addAll(earlySnippets[s]);
  addAll(!work?.exhausted ? analysisFindings(analysis, facts, index, budgets, false, earlyAnalysis) : earlyAnalysis);
  if (work?.exhausted) add([OUT_OF_BUDGET, ...unjudgedNamesGuard(analysis.text, facts)]);
  const hinted = analysis.opaque.length > 0 ? opaqueProductionTargets(analysis, facts) : [];
  for (const o of analysis.opaque) {
    const via = o.via.length > 0 ? ` (via ${o.via.join(' → ')})` : '';
    const elsewhere = o.fetchedFrom !== undefined ? [fetchedTarget(o.fetchedFrom, facts)] : o.remote || o.via.length > 0 ? opaqueProductionTargets(analysis, facts, o, hinted) : hinted;
    add([{ rule: 'analysis.opaque', risk: 'unanalyzable', severity: 'ask', reason: `Cannot be checked before it runs: ${o.reason}${via}.`, targets: elsewhere.length > 0 ? elsewhere : hinted }]);
  }
  return findings;
}

/** The verdict for an already analysed command. */
export function classifyAnalysis(analysis: Analysis, facts: Facts, options: ClassifyOptions, packs: readonly RulePack[] = RULE_PACKS, budgets?: Budgets): Verdict {
  return composeVerdict(findingsOf(analysis, facts, packs, budgets), options);
}

/**
 * Classify one shell command. An internal error becomes "ask" (deny in lockdown), never "allow".
 * The decision's work is bounded by `work` (a fresh budget unless given); facts are looked up once
 * per path.
 */
export function classify(command: string, facts: Facts, options: ClassifyOptions, work: WorkMeter = workMeter(decisionWorkLimit(command))): Verdict {
  try {
    const once = memoizedFacts(facts, work);
    const rescan = workMeter(RESCAN_UNITS_PER_CHARACTER * command.length + RESCAN_BASE_UNITS);
    return classifyAnalysis(analyze(command, once, DEFAULT_ANALYZE_LIMITS, work), once, options, RULE_PACKS, { work, rescan });
  } catch (error) {
    // Built by hand: whatever failed above must not be needed to fail closed.
    const detail = error instanceof Error ? error.message : String(error);
    const lockdown = options?.lockdown === true;
    return {
      decision: lockdown ? 'deny' : 'ask',
      production: false,
      risks: ['unanalyzable'],
      reasons: [`Blast Shield could not analyse this command (internal error: ${detail.slice(0, 160)}), so it needs confirmation.`],
      targets: [],
      confirm: lockdown ? null : 'allow once',
    };
  }
}
