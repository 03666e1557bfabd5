import { resolvePath } from '../../paths';
import { effectsOf, READ_ONLY_COMMANDS } from '../../policy/effects';
import { grammarOf, readEffectArgs } from '../../policy/effectOptions';
import { interpreterReading } from '../../policy/handlers/interpreters';
import { invocationCommand } from '../../registry/commandModel';
import { freeFormReadings } from '../../registry/freeForm';
import type { Analysis, Finding, Invocation, RuleContext } from '../../policy/types';
import { mentionIn, mentionsWindowTokens } from './mentions';
import { DENY_SUFFIX, perimeterFinding } from './perimeterFinding';
import { exists, perimeterView, protectionOf } from './protectedPaths';
import { unreadFinding } from './reach';
import { pathShadowFindings } from './pathShadow';

/**
 * Code planted, then run by a program the agent is trusted to run: a test file, `conftest.py` or a
 * program under `node_modules/` written in a line that then runs `npm test`, `pytest` or `make`, and
 * package scripts rewritten by a filter whose output replaces `package.json`. The test runner runs
 * what was written without the hook reading it. What the line writes there is judged: text that names
 * a protected place is denied, and so is a write of text the hook cannot see in a line whose other
 * words name one (`jq '.scripts.test="rm -rf .cursor"' package.json > /tmp/p && mv /tmp/p package.json`);
 * a file of unknown text planted where the runner that follows loads it is code the hook never read.
 */

type Place = 'tests' | 'packages' | 'manifest';

function placeOf(path: string): Place | undefined {
  const l = path.toLowerCase();
  if (/\/node_modules\//.test(l)) return 'packages';
  if (l.endsWith('/package.json')) return 'manifest';
  const name = l.slice(l.lastIndexOf('/') + 1);
  if (/^(conftest\.py|pytest\.ini|tox\.ini|setup\.cfg|noxfile\.py|\.mocharc(\.\w+)?|(jest|vitest|vite|playwright|karma|ava)\.config\.\w+|\.?babelrc(\.\w+)?|tsconfig(\.\w+)?\.json)$/.test(name)) return 'tests';
  if (/\.(test|spec)\.[cm]?[jt]sx?$|^test_.*\.py$|_test\.(py|go)$|_spec\.rb$/.test(name)) return 'tests';
  if (/\/(test|tests|__tests__|spec|specs)\//.test(l)) return 'tests';
  return undefined;
}

const TEST_SCRIPTS = /^(t|test|tst|run|run-script|rum|urn|start|exec|x|dlx|cit|install-test|it)$/;

/** A program that runs the project's tests, scripts or packages: it loads what was planted. */
function runsProjectCode(inv: Invocation): boolean {
  // The first command word: a registry tool's subcommand (its global options skipped), else the first operand.
  const described = invocationCommand(inv)?.parsed;
  const first = described ? (described.path[0] ?? described.operands[0]?.text) : freeFormReadings(inv.args).usual.operands[0]?.text;
  switch (inv.name) {
    case 'npm':
    case 'yarn':
    case 'pnpm':
    case 'bun':
      return first === undefined ? inv.name === 'yarn' : TEST_SCRIPTS.test(first) || (inv.name !== 'npm' && !/^(add|remove|install|i|info|view|list|ls|outdated|why|audit|config|login|logout|publish|pack|version|help|init|create)$/.test(first));
    case 'npx':
    case 'bunx':
    case 'pnpx':
    case 'pytest':
    case 'py.test':
    case 'tox':
    case 'nox':
    case 'jest':
    case 'vitest':
    case 'mocha':
    case 'ava':
    case 'tap':
    case 'karma':
    case 'playwright':
    case 'make':
    case 'rake':
    case 'just':
    case 'task':
      return true;
    case 'python':
    case 'python3':
      return /^(pytest|unittest|nose2?|tox)$/.test(interpreterReading(inv.name, inv.args)?.options.find((o) => o.name === '-m')?.values[0] ?? '');
    case 'go':
    case 'cargo':
    case 'deno':
    case 'dotnet':
      return first === 'test' || first === 'run';
    case 'node':
      return interpreterReading(inv.name, inv.args)?.options.some((o) => o.name === '--test') ?? false;
    case 'bundle':
      return first === 'exec';
    default:
      return false;
  }
}

/** What an echo/printf/cat-heredoc invocation writes, when it is fixed text. */
function printedText(inv: Invocation): string | undefined {
  if (inv.args.some((a) => a.dynamic)) return undefined;
  if (inv.name === 'echo' || inv.name === 'printf') return inv.args.filter((a) => !/^-[neE]+$/.test(a.text)).map((a) => a.text.replace(/\\n/g, '\n')).join(' ');
  if ((inv.name === 'cat' || inv.name === 'tee') && (inv.stdin?.kind === 'heredoc' || inv.stdin?.kind === 'herestring')) return inv.stdin.text;
  return undefined;
}

interface Planted {
  index: number;
  path: string;
  place: Place;
  text: string | undefined;
  writer: string;
}

function plantedBy(inv: Invocation, index: number, cwd: string, home: string): Planted[] {
  const out: Planted[] = [];
  const text = printedText(inv);
  const add = (text0: string | undefined, target: string): void => {
    const path = resolvePath(cwd, target, home);
    const place = placeOf(path);
    if (place) out.push({ index, path, place, text: text0, writer: inv.name });
  };
  for (const r of inv.redirects) if (/^(>|>>|>\||&>|&>>)$/.test(r.op) && !r.target.dynamic && (r.fd === undefined || r.fd === 1)) add(text, r.target.text);
  if (inv.name === 'tee') for (const a of readEffectArgs(inv.args, grammarOf('tee')).operands) if (!a.dynamic) add(text, a.text);
  if (READ_ONLY_COMMANDS.has(inv.name) || inv.name === 'git') return out;
  for (const e of effectsOf(inv)) {
    if (e.word.dynamic || !/^(write|create|extract|link)$/.test(e.kind)) continue;
    if (e.into) for (const source of e.into) add(undefined, e.word.text.replace(/\/?$/, '/') + source.text.slice(source.text.lastIndexOf('/') + 1));
    add(undefined, e.word.text);
  }
  return out;
}

export function plantedCodeFindings(analysis: Analysis, ctx: RuleContext): Finding[] {
  const facts = ctx.facts;
  // A program planted where PATH finds it first is code planted for every runner that follows.
  const shadowed = pathShadowFindings(analysis, facts);
  if (shadowed.length > 0) return shadowed;
  const invs = analysis.invocations.filter((i) => !i.remote);
  if (invs.length < 1) return [];
  const view = perimeterView(facts);
  const planted = invs.flatMap((inv, index) => plantedBy(inv, index, inv.cwd || facts.cwd, facts.home));
  if (planted.length === 0) return [];
  // Words of the line that name a protected place other than as a path a reader is given.
  const lineMention = (): string | undefined => {
    for (const inv of invs) {
      for (const a of inv.args) {
        // Any program's option-shaped word is passed over here (a mention search, not an option reader).
        if (a.text.startsWith('-') && !a.text.includes(' ')) continue;
        const abs = resolvePath(inv.cwd || facts.cwd, a.text, facts.home);
        if (!/\s/.test(a.text) && protectionOf(abs, view) && exists(facts, abs)) continue;
        const named = mentionsWindowTokens(a.text, view) ? "Blast Shield's window tokens" : mentionIn(a.text, view);
        if (named) return named;
      }
      if (inv.stdin?.kind === 'heredoc' || inv.stdin?.kind === 'herestring') {
        const named = mentionIn(inv.stdin.text, view);
        if (named) return named;
      }
    }
    return undefined;
  };
  const out: Finding[] = [];
  for (const p of planted) {
    const runner = invs.slice(p.index + 1).find(runsProjectCode);
    if (p.place === 'tests' && !runner) continue;
    const when = runner ? `, and ${runner.name} runs it in the same line` : ', where the project\'s scripts run it';
    const where = p.path.slice(p.path.lastIndexOf('/') + 1);
    const named = p.text !== undefined ? (mentionsWindowTokens(p.text, view) ? "Blast Shield's window tokens" : mentionIn(p.text, view)) : lineMention();
    if (named) {
      out.push(perimeterFinding('planted-code', `${p.writer} writes code naming ${named} into ${where}${when}; ${DENY_SUFFIX}.`, where));
      return out;
    }
    if (p.text === undefined && runner && p.place !== 'manifest') {
      out.push(unreadFinding('planted-code', `${p.writer} writes into ${where} text the hook cannot read, and ${runner.name} runs it in the same line`, where, facts, view));
      return out;
    }
  }
  return out;
}
