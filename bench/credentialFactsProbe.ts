// Bundled by scan.bench.mjs and run in its own process, the way the hook runs (synchronously, without
// secretlint): the first credential question in a fresh workspace (it builds the index), then, with
// the index in place, each kind of question in a fresh facts object (as every hook call has): a file,
// a value already in the index, a value in no file (the whole index is verified), a search of one
// folder and of the whole workspace, and the same with an editor's feed vouching for the index.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheFileFor, writeIndexFeed } from '../src/node/credentials/credentialCache';
import { lazyCredentialFacts } from '../src/node/credentials/credentialFacts';
import { HOOK_BUILD_MS } from '../src/node/credentials/backgroundIndex';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

function main(): void {
  const [tree, home, knownFile, knownValueFile] = process.argv.slice(2) as [string, string, string, string];
  const knownValue = fs.readFileSync(knownValueFile, 'utf8');
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-probe-cache-'));
  const opts = { workspaceRoots: [tree], home, cacheDir, secretlint: false };
  const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;
  const time = (question: (f: ReturnType<typeof lazyCredentialFacts>) => unknown, runs = 7): number => {
    const out: number[] = [];
    for (let i = 0; i < runs; i++) {
      const facts = lazyCredentialFacts(opts);
      const t = process.hrtime.bigint();
      question(facts);
      out.push(ms(t));
    }
    return +median(out).toFixed(2);
  };
  try {
    const unknown = 'a7' + 'x'.repeat(30) + 'Q9';
    // As the hook asks its first question in a fresh workspace: a walk of HOOK_BUILD_MS at most.
    let t = process.hrtime.bigint();
    lazyCredentialFacts({ ...opts, buildTimeMs: HOOK_BUILD_MS, background: () => undefined }).originOf(unknown);
    const hookFirstMs = Math.round(ms(t));
    t = process.hrtime.bigint();
    const first = lazyCredentialFacts(opts);
    first.originOf(unknown);
    const firstQuestionMs = Math.round(ms(t));
    const row: Record<string, number> = { first_question_fresh_workspace_ms: firstQuestionMs, first_question_hook_bounded_ms: hookFirstMs };
    const sub = path.join(tree, 'apps', 'pkg-1');
    const questions = {
      file_ms: (f: ReturnType<typeof lazyCredentialFacts>) => f.fileInfo(path.join(tree, knownFile)),
      value_in_index_ms: (f: ReturnType<typeof lazyCredentialFacts>) => f.originOf(knownValue),
      value_in_no_file_ms: (f: ReturnType<typeof lazyCredentialFacts>) => f.originOf(unknown),
      search_one_package_ms: (f: ReturnType<typeof lazyCredentialFacts>) => f.filesUnder(sub),
      search_workspace_ms: (f: ReturnType<typeof lazyCredentialFacts>) => f.filesUnder(tree),
    };
    for (const [name, q] of Object.entries(questions)) row[name] = time(q);
    const index = JSON.parse(fs.readFileSync(cacheFileFor(cacheDir, fs.realpathSync(tree)), 'utf8')) as { scannedAt: number };
    writeIndexFeed(cacheDir, tree, { state: 'current', scannedAt: index.scannedAt });
    row.editor_vouches_value_in_no_file_ms = time(questions.value_in_no_file_ms);
    row.editor_vouches_search_workspace_ms = time(questions.search_workspace_ms);
    t = process.hrtime.bigint();
    row.index_kb = Math.round(fs.readdirSync(cacheDir).reduce((n, f) => n + fs.statSync(path.join(cacheDir, f)).size, 0) / 1024);
    process.stdout.write(JSON.stringify(row));
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
}

main();
