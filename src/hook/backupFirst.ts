/**
 * "Back up first", in the hook: the human allowed and asked for a dump, so before the host is told
 * "allow" the affected tables are dumped with the connection the statement itself would use (the
 * command as the agent wrote it, and the agent's PG and MySQL variables), which only this process has.
 * Loaded on that path only. A dump that fails means the statement does not run.
 */
import { planBackup } from '../core/backup/plan';
import { analyze } from '../core/policy/analyze';
import { dumpBeforeStatement, type DumpResult } from '../node/backup/databaseDump';
import { gatherFacts } from '../node/facts';

export type BackupOutcome = { ok: true; dumps: DumpResult[] } | { ok: false; why: string };

export async function backUpFirst(command: string, context: { cwd: string; workspaceRoots: readonly string[]; home: string; env: Readonly<Record<string, string | undefined>>; guardHome: string; id: string; deadline: number }): Promise<BackupOutcome> {
  const facts = gatherFacts({ cwd: context.cwd, workspaceRoots: context.workspaceRoots, env: context.env, home: context.home });
  const planned = planBackup(analyze(command, facts).invocations, (p) => facts.readFile(p), context.home);
  if (!planned.ok) return { ok: false, why: planned.why };
  if (planned.plans.length === 0) return { ok: false, why: 'the command destroys no table this machine can dump' };
  const timeoutMs = Math.max(1000, context.deadline - Date.now() - 2000);
  try {
    return { ok: true, dumps: await dumpBeforeStatement(planned.plans, { guardHome: context.guardHome, env: context.env, id: context.id, timeoutMs }) };
  } catch (err) {
    return { ok: false, why: err instanceof Error ? err.message : String(err) };
  }
}
