import type { ArgWord, Finding, Invocation, RuleContext, Target } from '../../policy/types';
import { cliArgs, flagValues, hasFlag, optionsNamed } from '../../registry/args';
import { matchCommandPath, parsedArgs } from '../../registry/commandModel';
import type { CliArgs, CommandRule, HintSource, ToolSpec } from '../../registry/types';

/**
 * The engine behind the cloud and PaaS packs: each CLI is described once in the registry (its
 * grammar, which options name the environment, its destructive command paths), and this module turns
 * an invocation into findings.
 */

/** Values of these options with the spelling they were written with, as environment hints. */
function flagSources(parsed: CliArgs, names: readonly string[]): HintSource[] {
  const out: HintSource[] = [];
  for (const option of optionsNamed(parsed, names)) {
    const eq = option.written.indexOf('=');
    const source = eq > 0 && option.written.startsWith('--') ? option.written.slice(0, eq) : option.written;
    for (const v of option.values) if (v !== '') out.push({ source, value: v });
  }
  return out;
}

/** Values of the options the tool's generic delete rule reads as resource names (AWS: `--table-name`, `--db-instance-identifier`). */
function resourceSources(parsed: CliArgs, spec: ToolSpec): HintSource[] {
  const pattern = spec.generic?.nameFlagPattern;
  if (!pattern) return [];
  const out: HintSource[] = [];
  for (const option of parsed.parsed.options) {
    if (!option.written.startsWith('--') || !pattern.test(option.name)) continue;
    for (const v of option.values.slice(0, 4)) if (v !== '') out.push({ source: option.name, value: v });
    if (out.length >= 8) break;
  }
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

function isHelp(parsed: CliArgs): boolean {
  return hasFlag(parsed, ['--help']) || parsed.positionals[0]?.text === 'help';
}

export function namesFor(rule: CommandRule, parsed: CliArgs, rest: readonly ArgWord[]): string[] {
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
  const parsed = cliArgs(parsedArgs(inv.args, spec), spec, inv.args);
  if (isHelp(parsed)) return [];
  const emulator = spec.local?.(parsed) === true;
  if ((spec.dryRun !== undefined && hasFlag(parsed, spec.dryRun)) || (emulator && spec.emulatorAsks?.(parsed) !== true)) return [];
  const scope = flagSources(parsed, spec.scopeFlags ?? []);
  const environment = uniqueSources([
    ...flagSources(parsed, spec.environmentFlags ?? []),
    ...variableSources(inv, ctx, spec.environmentVariables ?? []),
  ]);
  // Linked-project files are found from the working folder; a computed `cd` makes them unreliable.
  const context = inv.cwdUncertain === true ? [] : (spec.contextHints?.(inv, ctx) ?? []);
  const selectors = spec.environmentVariables ?? [];
  const match = matchCommandPath(spec, parsed);
  const toolText = inv.name;

  // Read-only work names its resource with the same options a delete would (`--db-instance-identifier acme-prod`).
  if (!match) return productionAccess(pack, spec, toolText, parsed, ctx, [...scope, ...resourceSources(parsed, spec)], environment, context);

  const { rule, rest } = match;
  let names = namesFor(rule, parsed, rest);
  if (names.length === 0 && rule.nameFilter === undefined && scope[0] !== undefined) names = [scope[0].value];
  const unnamed = names.length === 0;
  if (unnamed) names = [rule.defaultName ?? `the ${spec.label} ${rule.noun} (not named)`];
  const positionalEnvironment =
    rule.environmentPositional !== undefined ? rest[rule.environmentPositional]?.text : undefined;
  const local = emulator || rule.local?.(parsed) === true;
  const sources = uniqueSources([
    ...environment,
    ...(positionalEnvironment ? [{ source: 'environment', value: positionalEnvironment }] : []),
    ...scope,
    ...context,
  ]);
  const targets: Target[] = names.map((name) => {
    // A remote resource named like a path (a log group `/aws/cloudtrail`, an SSM parameter) is on the provider, not this machine.
    const value = !local && spec.locality === 'remote' ? name.replace(/^\/+/, '') : name;
    const resolved = ctx.environmentOf({ values: [value], sources, selectors, remote: !local });
    return {
      kind: rule.kind,
      name,
      provider: spec.provider,
      remote: !local,
      environment: resolved.environment,
      environmentReason: resolved.reason,
    };
  });
  if (rule.productionOnly === true && targets.every((t) => t.environment === 'non-production' || t.environment === 'local')) return [];
  const note = rule.note?.(parsed) ?? '';
  const where = local ? ' on this machine' : '';
  const object = unnamed ? (names[0] as string) : `the ${spec.label} ${rule.noun} ${joinNames(names)}`;
  const reason = `\`${match.pathText ? `${toolText} ${match.pathText}` : toolText}\` ${rule.verb} ${object}${note}${where}.`;
  return [{ rule: `${pack}.${match.rule.id}`, risk: 'destructive', severity: rule.severity ?? 'ask', reason, targets }];
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
  parsed: CliArgs,
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
