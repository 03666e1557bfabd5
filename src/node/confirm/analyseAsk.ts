import { composeVerdict } from '../../core/policy/verdict';
import type { ClassifyOptions, Facts, Verdict } from '../../core/policy/types';
import type { ConfirmAsk } from '../../core/protocol/ipc';
import { commandIn, fetchCredentialFinding, mcpFindings, stringsIn } from './toolFindings';

/**
 * The editor's own judgement of an ask that arrived over the socket. The request carries the action,
 * never the words to show: the verdict, its reasons, targets and the phrase to type all come from
 * here, computed with this window's engine and the agent's environment selectors the request names.
 */

export interface AskAnalysisEngine {
  classify(command: string, facts: Facts, options: ClassifyOptions): Verdict;
  gatherFacts(request: { cwd: string; workspaceRoots: readonly string[]; home: string; env: Readonly<Record<string, string | undefined>> }): Facts | Promise<Facts>;
}

export interface AskAnalysisContext {
  home: string;
  /** This window's guard home (never one the request names). */
  guardHome: string;
  lockdown: boolean;
}

/** Shown when this window finds nothing to confirm but the hook asked: still a decision for a human. */
export const HOOK_ASKED_REASON =
  "This window's own analysis found nothing here that needs confirmation, but the agent's hook asked for it (it may have judged with facts this window cannot see). Confirm only if you expected this action.";

/** The environment the analysis sees: the agent's variable names and selector values, this window's homes. */
export function analysisEnvironment(ask: ConfirmAsk, ctx: AskAnalysisContext): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ask.environment?.names ?? []) env[name] = '';
  for (const [name, value] of Object.entries(ask.environment?.values ?? {})) env[name] = value;
  env.HOME = ctx.home;
  env.BLAST_SHIELD_HOME = ctx.guardHome;
  return env;
}

function parsedInput(input: string): unknown {
  try {
    return JSON.parse(input) as unknown;
  } catch {
    // cut short by the hook's size bound: judge the text as one value
    return { input };
  }
}

export async function analyseAsk(ask: ConfirmAsk, engine: AskAnalysisEngine, ctx: AskAnalysisContext): Promise<Verdict> {
  const action = ask.action;
  const cwd = action.cwd ?? ask.workspaceRoots[0] ?? ctx.home;
  let gathered: Promise<Facts> | undefined;
  const facts = (): Promise<Facts> => (gathered ??= Promise.resolve(engine.gatherFacts({ cwd, workspaceRoots: ask.workspaceRoots, home: ctx.home, env: analysisEnvironment(ask, ctx) })));
  const options = { lockdown: ctx.lockdown };
  let verdict: Verdict;
  switch (action.kind) {
    case 'shell':
      verdict = engine.classify(action.command, await facts(), options);
      break;
    case 'mcp': {
      const input = parsedInput(action.input);
      const strings = stringsIn(input);
      const command = commandIn(strings);
      const fromCommand = command === undefined ? undefined : engine.classify(command, await facts(), options);
      const findings = mcpFindings(action.server, action.tool, input, strings, await facts());
      verdict = fromCommand && fromCommand.decision !== 'allow' ? fromCommand : composeVerdict(findings, options);
      break;
    }
    case 'fetch': {
      const finding = fetchCredentialFinding(action.url);
      verdict = composeVerdict(finding ? [finding] : [], options);
      break;
    }
    case 'read':
    case 'write':
      return { decision: 'deny', production: false, risks: [], reasons: ['Reads and writes are settled by the hook itself and are never confirmed in a dialog.'], targets: [], confirm: null };
  }
  if (verdict.decision === 'allow') return { ...verdict, decision: 'ask', reasons: [HOOK_ASKED_REASON, ...verdict.reasons], confirm: null };
  return verdict;
}
