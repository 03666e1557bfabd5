import { formatBytes } from '../core/preview/model';
import type { SnapshotManifest } from '../core/snapshot/manifest';
import { guardHome } from '../node/guardHome';
import { effectivePolicyFor } from '../node/policy/policyFiles';
import { restoreSnapshot } from '../node/snapshot/restoreSnapshot';
import { listSnapshots } from '../node/snapshot/snapshotStore';
import { UsageError, type CliIo } from './io';

const HELP = `usage:
  blast-shield restore [--json]        list the snapshots kept before approved destructive actions
  blast-shield restore ID [--force]    bring one back byte for byte
A restore first keeps what it replaces as a snapshot of its own, so it can be undone the same way;
--force restores even when that copy would exceed the limits. Exit 0 on success, 1 when it failed.
`;

function describe(m: SnapshotManifest): string[] {
  const what: string[] = [];
  for (const p of m.parts) {
    if (p.kind === 'files') what.push(`${p.original} (${p.entries.filter((e) => e.type === 'file').length} file(s) copied)`);
    else if (p.kind === 'worktree') what.push(`tracked work in ${p.repo}${p.stash ? ' (uncommitted changes)' : ''}`);
    else if (p.kind === 'refs') what.push(`${p.refs.map((r) => r.name.replace(/^refs\/heads\//, '')).join(', ')} in ${p.repo}`);
    else what.push(`${p.entries.length} stash entr${p.entries.length === 1 ? 'y' : 'ies'} in ${p.repo}`);
  }
  return what;
}

export async function run(args: string[], io: CliIo): Promise<number> {
  let json = false;
  let force = false;
  let id: string | undefined;
  for (const a of args) {
    if (a === '--help' || a === '-h') {
      io.stdout(HELP);
      return 0;
    } else if (a === '--json') json = true;
    else if (a === '--force') force = true;
    else if (a.startsWith('-')) throw new UsageError(`unknown option '${a}'`);
    else if (id === undefined) id = a;
    else throw new UsageError(`one snapshot at a time ('${a}')`);
  }
  const home = guardHome(io.env);
  if (id === undefined) {
    const all = listSnapshots(home);
    if (json) {
      io.stdout(JSON.stringify(all, null, 2) + '\n');
      return 0;
    }
    if (all.length === 0) {
      io.stdout('no snapshots are kept\n');
      return 0;
    }
    for (const m of all) {
      io.stdout(`${m.id}  ${m.createdAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}  kept until ${m.expiresAt.slice(0, 10)}  ${formatBytes(m.bytes)} copied\n`);
      io.stdout(`    ${m.beforeRestoreOf ? `what a restore of ${m.beforeRestoreOf} replaced` : m.action}\n`);
      for (const line of describe(m)) io.stdout(`    - ${line}\n`);
    }
    io.stdout(`restore one with: blast-shield restore ID\n`);
    return 0;
  }
  if (force && json) throw new UsageError('--json lists; it does not restore');
  const policy = effectivePolicyFor(io.cwd, io.env);
  try {
    const result = await restoreSnapshot(id, { guardHome: home, home: io.env.HOME ?? '', limits: policy.snapshotLimits }, { force });
    io.stdout(`restored ${id}:\n`);
    for (const d of result.done) io.stdout(`  - ${d}\n`);
    for (const n of result.notes) io.stdout(`  note: ${n}\n`);
    if (result.before) io.stdout(`what it replaced is kept as ${result.before} (blast-shield restore ${result.before} undoes this restore)\n`);
    return 0;
  } catch (err) {
    io.stderr(`blast-shield restore: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
