/**
 * Enough of make to know what `make <target>` runs: the recipe lines of the target and of the
 * prerequisites it depends on, with make's own `$(...)` references turned into shell that parses to
 * the same commands (`$(MAKE)` -> make, `$(shell cmd)` -> `$(cmd)`, a variable defined in the
 * Makefile -> its value, anything else -> a dynamic word). Pattern rules, includes and conditionals
 * are not modelled; each recipe line is judged as written.
 */

export interface Recipe {
  target: string;
  /** Each line runs in its own shell. */
  lines: string[];
}

interface Rule {
  prerequisites: string[];
  lines: string[];
}

interface Parsed {
  rules: Map<string, Rule>;
  variables: Map<string, string>;
  defaultGoal?: string;
}

const MAX_RECIPES = 64;

function parseMakefile(text: string): Parsed {
  const rules = new Map<string, Rule>();
  const variables = new Map<string, string>();
  let defaultGoal: string | undefined;
  const lines = text.replace(/\\\r?\n/g, ' ').split('\n');
  let current: Rule[] = [];
  for (const raw of lines) {
    if (raw.startsWith('\t')) {
      const line = raw.slice(1).trim();
      if (line !== '' && !line.startsWith('#')) for (const rule of current) rule.lines.push(line);
      continue;
    }
    const line = raw.replace(/\r$/, '');
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const assignment = /^(?:export\s+|override\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(?:\?|:|::|\+|!)?=(.*)$/.exec(trimmed);
    if (assignment) {
      const [, name, value] = assignment as unknown as [string, string, string];
      variables.set(name, value.trim());
      current = [];
      continue;
    }
    const colon = findRuleColon(trimmed);
    if (colon < 0) {
      current = [];
      continue;
    }
    const targets = trimmed.slice(0, colon).trim().split(/\s+/).filter((t) => t !== '');
    let rest = trimmed.slice(colon + 1);
    if (rest.startsWith(':')) rest = rest.slice(1);
    const semicolon = rest.indexOf(';');
    const inline = semicolon >= 0 ? rest.slice(semicolon + 1).trim() : '';
    const prerequisites = (semicolon >= 0 ? rest.slice(0, semicolon) : rest).split('|').join(' ').trim().split(/\s+/).filter((p) => p !== '');
    current = [];
    for (const target of targets) {
      if (target.includes('%')) continue;
      let rule = rules.get(target);
      if (!rule) {
        rule = { prerequisites: [], lines: [] };
        rules.set(target, rule);
      }
      rule.prerequisites.push(...prerequisites);
      if (inline !== '') rule.lines.push(inline);
      current.push(rule);
      if (defaultGoal === undefined && !target.startsWith('.')) defaultGoal = target;
    }
  }
  const parsed: Parsed = { rules, variables };
  if (defaultGoal !== undefined) parsed.defaultGoal = defaultGoal;
  return parsed;
}

/** The `:` that separates targets from prerequisites, ignoring `:=` and colons inside `$(...)`. */
function findRuleColon(line: string): number {
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '(' || c === '{') depth++;
    else if (c === ')' || c === '}') depth = Math.max(0, depth - 1);
    else if (c === ':' && depth === 0) return line[i + 1] === '=' ? -1 : i;
    else if (c === '=' && depth === 0) return -1;
  }
  return -1;
}

/** Make's references rewritten as shell. */
/** Variables every environment holds, which make passes into its own: `$(HOME)` is the home folder. */
const ENVIRONMENT_NAMES = /^(HOME|USER|LOGNAME|PWD|OLDPWD|SHELL|TMPDIR|TMP|TEMP|PATH|HOSTNAME|XDG_[A-Z_]+)$/;

function expand(line: string, variables: ReadonlyMap<string, string>, depth = 0): string {
  let out = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c !== '$') {
      out += c;
      continue;
    }
    const next = line[i + 1];
    if (next === '$') {
      out += '$';
      i++;
      continue;
    }
    if (next === '(' || next === '{') {
      const close = next === '(' ? ')' : '}';
      let level = 0;
      let j = i + 1;
      for (; j < line.length; j++) {
        if (line[j] === next) level++;
        else if (line[j] === close && --level === 0) break;
      }
      const inner = line.slice(i + 2, j);
      i = j;
      if (inner === 'MAKE') out += 'make';
      else if (inner.startsWith('shell ')) out += '$(' + expand(inner.slice(6), variables, depth + 1) + ')';
      else if (variables.has(inner) && depth < 4) out += expand(variables.get(inner)!, variables, depth + 1);
      // A name the Makefile does not define is the environment's (`$(HOME)`, round 8): the shell's variable of that name.
      else if (ENVIRONMENT_NAMES.test(inner)) out += '${' + inner + '}';
      else out += '${MAKE_VALUE}';
      continue;
    }
    // `$@`, `$<`, `$^`, `$*`: automatic variables, known only when make runs.
    out += '${MAKE_VALUE}';
    if (next !== undefined) i++;
  }
  return out;
}

/** Recipe prefixes: `@` silent, `-` ignore errors, `+` always run. */
function stripPrefixes(line: string): string {
  let i = 0;
  while (i < line.length && (line[i] === '@' || line[i] === '-' || line[i] === '+' || line[i] === ' ' || line[i] === '\t')) i++;
  return line.slice(i);
}

/**
 * The recipes `make` runs for `goals` (the default goal when empty), prerequisites first.
 * Undefined when no goal has a rule (make would fail or do nothing we can see).
 */
export function makeRecipes(text: string, goals: readonly string[], overrides?: ReadonlyMap<string, string>): Recipe[] | undefined {
  const parsed = parseMakefile(text);
  // Variables given on make's command line (`make CC='…' build`) win over the makefile's own.
  for (const [name, value] of overrides ?? []) parsed.variables.set(name, value);
  const wanted = goals.length > 0 ? goals : parsed.defaultGoal !== undefined ? [parsed.defaultGoal] : [];
  const recipes: Recipe[] = [];
  const visited = new Set<string>();
  const visit = (target: string, depth: number): void => {
    if (visited.has(target) || depth > 16 || recipes.length >= MAX_RECIPES) return;
    visited.add(target);
    const rule = parsed.rules.get(target);
    if (!rule) return;
    for (const prerequisite of rule.prerequisites) visit(prerequisite, depth + 1);
    const lines = rule.lines.map((line) => stripPrefixes(expand(line, parsed.variables))).filter((line) => line !== '');
    if (lines.length > 0) recipes.push({ target, lines });
  };
  for (const goal of wanted) visit(goal, 0);
  if (!wanted.some((goal) => parsed.rules.has(goal))) return undefined;
  return recipes;
}
