import type { ArgWord, Finding, Invocation, RuleContext, Target, TargetKind } from '../policy/types';
import { flagValues, parseArgs, type ArgGrammar, type ParsedArgs } from './cliArgs';

/**
 * The engine behind the cloud and PaaS packs: each CLI is described by a `ToolSpec` (its grammar,
 * which flags name the environment, and a table of destructive command paths), and this module turns
 * an invocation into findings. The tables stay declarative; the matching lives here once.
 */

/** One segment of a command path: 'delete', 'volume|volumes' (alternatives), '*' (any word), or a pattern. */
export type PathSegment = string | RegExp;

export interface CommandRule {
  /** Rule id within the pack, e.g. 'railway-volume-delete'. */
  id: string;
  path: readonly PathSegment[];
  kind: TargetKind;
  /** What the target is, for the reason: 'volume', 'S3 bucket', 'Postgres database'. */
  noun: string;
  /** Present tense, for the reason: 'deletes', 'destroys', 'resets'. */
  verb: string;
  /** Flags whose values name the target (all values of every listed flag); tried before positionals. */
  nameFlags?: readonly string[];
  /** Positionals after the path that name the target; default all of them. */
  namePositionals?: 'all' | 'first' | 'last' | 'none' | 'joined';
  /** Computes the names when flags and positionals are not enough (bucket + key). */
  names?: (parsed: ParsedArgs, rest: readonly ArgWord[]) => string[];
  /** Keep only names matching this (e.g. s3:// URLs), searched in every positional after the path. */
  nameFilter?: RegExp;
  /** Used when nothing names the target. */
  defaultName?: string;
  /** The rule applies only when this holds. */
  when?: (parsed: ParsedArgs) => boolean;
  /** A clause appended to the reason, e.g. ' without a final snapshot'. */
  note?: (parsed: ParsedArgs) => string | undefined;
  /** The target lives on this machine (a local emulator, a local dev database). */
  local?: (parsed: ParsedArgs) => boolean;
  /** Positional (after the path) that names an environment, e.g. `vercel env rm KEY production`. */
  environmentPositional?: number;
  severity?: 'ask' | 'deny';
}

/** Catches destructive subcommands the table does not list: `<group...> <verb> <names...>`. */
export interface GenericRule {
  id: string;
  verbs: RegExp;
  /** Highest positional index the verb may sit at (0 = the first word after the tool). */
  maxDepth: number;
  /** Leading words that mark commands acting only on this machine's CLI state (auth, alias, ...). */
  exclude?: readonly string[];
  nameFlags?: readonly string[];
  /** Flags matching this name the target, in the order given (AWS: --table-name, --instance-ids). */
  nameFlagPattern?: RegExp;
  /** Kind and noun from the command words up to and including the verb. */
  describe?: (words: readonly string[]) => { kind: TargetKind; noun: string };
}

export interface ToolSpec {
  /** Invocation names that run this CLI. */
  names: readonly string[];
  provider: string;
  /** The provider's name as a reader knows it: 'Railway', 'AWS'. */
  label: string;
  grammar: ArgGrammar;
  /** Split `apps:destroy`-style first words into path segments (heroku, netlify, firebase). */
  colonCommands?: boolean;
  /** Words skipped at the start of the path (release tracks: gcloud beta/alpha). */
  skipLeading?: readonly string[];
  /** Flags whose values say which environment, account or project the command reaches. */
  environmentFlags: readonly string[];
  /** Environment variables (assignments or known selectors) that say the same. */
  environmentVariables?: readonly string[];
  /** Flags naming the app/project/service in scope; also the fallback target name. */
  scopeFlags?: readonly string[];
  /** Kind of the scope target for production-access findings. */
  scopeKind?: TargetKind;
  rules: readonly CommandRule[];
  generic?: GenericRule;
  /**
   * The whole invocation targets a local emulator (--endpoint-url http://localhost:4566, --local):
   * routine development, reported as nothing.
   */
  local?: (parsed: ParsedArgs) => boolean;
  /** The invocation does nothing (dry run). */
  inert?: (parsed: ParsedArgs) => boolean;
  /** Extra environment hints from workspace files the CLI itself reads (fly.toml, linked projects). */
  contextHints?: (inv: Invocation, ctx: RuleContext) => HintSource[];
}

/** A value that may say which environment, with where it came from ('--profile', 'fly.toml app'). */
export interface HintSource {
  source: string;
  value: string;
}

const KIND_WORDS: Readonly<Record<string, TargetKind>> = {
  app: 'app', apps: 'app', site: 'app', sites: 'app',
  project: 'project', projects: 'project',
  volume: 'volume', volumes: 'volume', vol: 'volume', disk: 'volume', disks: 'volume',
  service: 'service', services: 'service', function: 'service', functions: 'service',
  environment: 'environment', environments: 'environment', env: 'credential', configs: 'environment',
  database: 'database', databases: 'database', db: 'database', dbs: 'database', sql: 'database',
  pg: 'database', postgres: 'database', mpg: 'database', d1: 'database', firestore: 'database',
  cluster: 'cluster', clusters: 'cluster', kubernetes: 'cluster',
  bucket: 'bucket', buckets: 'bucket', r2: 'bucket', storage: 'bucket',
  repo: 'repository', repos: 'repository', repository: 'repository', repositories: 'repository', registry: 'repository',
  branch: 'branch', branches: 'branch',
  secret: 'credential', secrets: 'credential', variable: 'credential', variables: 'credential', vars: 'credential',
  config: 'credential', keys: 'credential', key: 'credential',
  namespace: 'namespace', namespaces: 'namespace',
  table: 'table', tables: 'table',
  stack: 'stack', stacks: 'stack',
};

/** The kind named by the nearest command word before the verb, else 'resource'. */
export function kindFromWords(words: readonly string[]): TargetKind {
  for (let i = words.length - 1; i >= 0; i--) {
    const kind = KIND_WORDS[(words[i] as string).toLowerCase()];
    if (kind) return kind;
  }
  return 'resource';
}

function segmentMatches(segment: PathSegment, word: string): boolean {
  if (typeof segment !== 'string') return segment.test(word);
  if (segment === '*') return true;
  return segment.split('|').includes(word);
}

function commandWords(spec: ToolSpec, positionals: readonly ArgWord[]): { words: string[]; consumed: number[] } {
  // `consumed[i]` = how many positionals words[0..i] came from, to find the names after the path.
  const words: string[] = [];
  const consumed: number[] = [];
  let start = 0;
  while (start < positionals.length && spec.skipLeading?.includes((positionals[start] as ArgWord).text)) start++;
  for (let i = start; i < positionals.length; i++) {
    const text = (positionals[i] as ArgWord).text;
    if (spec.colonCommands === true && i === start && text.includes(':')) {
      for (const part of text.split(':')) {
        words.push(part);
        consumed.push(i + 1);
      }
    } else {
      words.push(text);
      consumed.push(i + 1);
    }
  }
  return { words, consumed };
}

interface Match {
  ruleId: string;
  rule: CommandRule;
  /** Positionals after the command path. */
  rest: ArgWord[];
  pathText: string;
}

/** The command path as written (`pg:reset`, `beta run services delete`). */
function pathText(parsed: ParsedArgs, used: number): string {
  return parsed.positionals.slice(0, used).map((w) => w.text).join(' ');
}

function matchRule(spec: ToolSpec, parsed: ParsedArgs): Match | undefined {
  const { words, consumed } = commandWords(spec, parsed.positionals);
  for (const rule of spec.rules) {
    if (words.length < rule.path.length) continue;
    if (!rule.path.every((seg, i) => segmentMatches(seg, words[i] as string))) continue;
    if (rule.when && !rule.when(parsed)) continue;
    const used = rule.path.length === 0 ? 0 : (consumed[rule.path.length - 1] as number);
    return { ruleId: rule.id, rule, rest: parsed.positionals.slice(used), pathText: pathText(parsed, used) };
  }
  const generic = spec.generic;
  if (!generic) return undefined;
  if (generic.exclude?.includes(words[0] ?? '')) return undefined;
  const limit = Math.min(words.length - 1, generic.maxDepth);
  for (let i = 0; i <= limit; i++) {
    const word = words[i] as string;
    if (!generic.verbs.test(word)) continue;
    const groups = words.slice(0, i);
    const described = generic.describe?.(words.slice(0, i + 1)) ?? {
      kind: kindFromWords(groups),
      noun: groups.length > 0 ? singular(groups[groups.length - 1] as string) : 'resource',
    };
    const pattern = generic.nameFlagPattern;
    const patternFlags = pattern ? [...parsed.flags.keys()].filter((f) => pattern.test(f)) : [];
    const nameFlags = [...(generic.nameFlags ?? []), ...patternFlags.slice(0, 1)];
    const rule: CommandRule = {
      id: generic.id,
      path: words.slice(0, i + 1),
      kind: described.kind,
      noun: described.noun,
      verb: verbPhrase(word),
      nameFlags,
    };
    return { ruleId: generic.id, rule, rest: parsed.positionals.slice(consumed[i] as number), pathText: pathText(parsed, consumed[i] as number) };
  }
  return undefined;
}

/** 'volumes' -> 'volume', 'policies' -> 'policy'; leaves 'tigris', 'status', 'access' alone. */
export function singular(word: string): string {
  if (word.endsWith('ies')) return word.slice(0, -3) + 'y';
  if (/(ses|xes)$/.test(word)) return word.slice(0, -2);
  if (/[^siu]s$/.test(word)) return word.slice(0, -1);
  return word;
}

/** 'delete' -> 'deletes', 'rm' -> 'deletes', 'terminate-instances' -> 'terminates'. */
export function verbPhrase(word: string): string {
  const head = (word.toLowerCase().split(/[-:_]/)[0] ?? word).replace(/^batch$/, 'delete');
  switch (head) {
    case 'rm':
    case 'del':
    case 'rb':
      return 'deletes';
    case 'destroy':
      return 'destroys';
    case 'unset':
      return 'unsets';
    case 'down':
      return 'takes down';
    default:
      return head.endsWith('e') ? head + 's' : head.endsWith('h') ? head + 'es' : head + 's';
  }
}

function flagSources(parsed: ParsedArgs, names: readonly string[]): HintSource[] {
  const out: HintSource[] = [];
  for (const n of names) for (const v of parsed.flags.get(n) ?? []) if (v !== '') out.push({ source: n, value: v });
  return out;
}

function variableSources(inv: Invocation, ctx: RuleContext, names: readonly string[]): HintSource[] {
  const out: HintSource[] = [];
  for (const n of names) {
    const v = inv.assignments[n] ?? ctx.facts.envSelectors[n];
    if (v !== undefined && v !== '') out.push({ source: n, value: v });
  }
  return out;
}

function uniqueSources(sources: readonly HintSource[]): HintSource[] {
  const seen = new Set<string>();
  return sources.filter((s) => {
    if (s.value.length === 0 || seen.has(s.value)) return false;
    seen.add(s.value);
    return true;
  });
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.filter((v) => v.length > 0))];
}

function isHelp(parsed: ParsedArgs): boolean {
  return parsed.flags.has('--help') || parsed.positionals[0]?.text === 'help';
}

export function namesFor(rule: CommandRule, parsed: ParsedArgs, rest: readonly ArgWord[]): string[] {
  if (rule.names) return unique(rule.names(parsed, rest));
  if (rule.nameFilter) {
    const filter = rule.nameFilter;
    return rest.map((w) => w.text).filter((t) => filter.test(t));
  }
  const fromFlags = flagValues(parsed, rule.nameFlags ?? []);
  if (fromFlags.length > 0) return unique(fromFlags);
  const envIndex = rule.environmentPositional;
  const candidates = rest.filter((_, i) => i !== envIndex).map((w) => w.text);
  switch (rule.namePositionals ?? 'all') {
    case 'none':
      return [];
    case 'first':
      return candidates.slice(0, 1);
    case 'last':
      return candidates.slice(-1);
    case 'joined':
      return candidates.length > 0 ? [candidates.join('/')] : [];
    default:
      return unique(candidates);
  }
}

function joinNames(names: readonly string[]): string {
  if (names.length <= 3) return names.join(', ');
  return `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

/** Findings for one invocation of a CLI described by `spec`; `pack` prefixes rule ids. */
export function checkCli(pack: string, spec: ToolSpec, inv: Invocation, ctx: RuleContext): Finding[] {
  const parsed = parseArgs(inv.args, spec.grammar);
  if (isHelp(parsed)) return [];
  if (spec.inert?.(parsed) === true || spec.local?.(parsed) === true) return [];
  const scope = flagSources(parsed, spec.scopeFlags ?? []);
  const environment = uniqueSources([
    ...flagSources(parsed, spec.environmentFlags),
    ...variableSources(inv, ctx, spec.environmentVariables ?? []),
  ]);
  // Linked-project files are found from the working folder; a computed `cd` makes them unreliable.
  const context = inv.cwdUncertain === true ? [] : (spec.contextHints?.(inv, ctx) ?? []);
  const selectors = spec.environmentVariables ?? [];
  const match = matchRule(spec, parsed);
  const toolText = inv.name;

  if (!match) return productionAccess(pack, spec, toolText, parsed, ctx, scope, environment, context);

  const { rule, rest } = match;
  let names = namesFor(rule, parsed, rest);
  if (names.length === 0 && rule.nameFilter === undefined && scope[0] !== undefined) names = [scope[0].value];
  const unnamed = names.length === 0;
  if (unnamed) names = [rule.defaultName ?? `the ${spec.label} ${rule.noun} (not named)`];
  const positionalEnvironment =
    rule.environmentPositional !== undefined ? rest[rule.environmentPositional]?.text : undefined;
  const local = rule.local?.(parsed) === true;
  const sources = uniqueSources([
    ...environment,
    ...(positionalEnvironment ? [{ source: 'environment', value: positionalEnvironment }] : []),
    ...scope,
    ...context,
  ]);
  const targets: Target[] = names.map((name) => {
    const resolved = ctx.environmentOf({ values: [name], sources, selectors, remote: !local });
    return {
      kind: rule.kind,
      name,
      provider: spec.provider,
      remote: !local,
      environment: resolved.environment,
      environmentReason: resolved.reason,
    };
  });
  const note = rule.note?.(parsed) ?? '';
  const where = local ? ' on this machine' : '';
  const object = unnamed ? (names[0] as string) : `the ${spec.label} ${rule.noun} ${joinNames(names)}`;
  const reason = `\`${toolText} ${match.pathText}\` ${rule.verb} ${object}${note}${where}.`;
  return [{ rule: `${pack}.${match.ruleId}`, risk: 'destructive', severity: rule.severity ?? 'ask', reason, targets }];
}

/**
 * A cheap test that the resolver could answer 'production' for read-only work: a production-map entry
 * exists or a value carries a production word. Read-only commands are most commands, and resolution
 * is not free.
 */
export function mayBeProduction(ctx: RuleContext, values: readonly string[]): boolean {
  const map = ctx.facts.production;
  if (map.names.length > 0 || map.hosts.length > 0 || map.resourceIds.length > 0) return values.length > 0;
  return values.some((v) => /pro?d|live/i.test(v));
}

function productionAccess(
  pack: string,
  spec: ToolSpec,
  toolText: string,
  parsed: ParsedArgs,
  ctx: RuleContext,
  scope: readonly HintSource[],
  environment: readonly HintSource[],
  context: readonly HintSource[],
): Finding[] {
  const sources = uniqueSources([...environment, ...scope, ...context]);
  if (!mayBeProduction(ctx, sources.map((s) => s.value))) return [];
  const resolved = ctx.environmentOf({ values: [], sources, selectors: spec.environmentVariables ?? [], remote: true });
  if (resolved.environment !== 'production') return [];
  const named = scope[0] ?? context[0];
  const target: Target = {
    kind: named !== undefined ? (spec.scopeKind ?? 'project') : 'environment',
    name: named?.value ?? environment[0]?.value ?? spec.label,
    provider: spec.provider,
    remote: true,
    environment: resolved.environment,
    environmentReason: resolved.reason,
  };
  const shown = [toolText, ...parsed.positionals.slice(0, 2).map((w) => w.text)].join(' ');
  return [
    {
      rule: `${pack}.production-access`,
      risk: 'production-access',
      severity: 'info',
      reason: `\`${shown}\` reaches ${spec.label} production (${resolved.reason}).`,
      targets: [target],
    },
  ];
}
