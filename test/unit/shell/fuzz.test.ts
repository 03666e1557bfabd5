import { strict as assert } from 'node:assert';
import type { Analysis, Facts } from '../../../src/core/policy/types';
import { parseShell } from '../../../src/core/shell/parser';
import { testFacts } from '../support/policyFixtures';
import { HANG_MS, withinWork } from '../support/boundedWork';
import { analyze, DEFAULT_ANALYZE_LIMITS } from '../../../src/core/policy/analyze';
import { DEFAULT_WORK_LIMIT } from '../../../src/core/policy/workMeter';

/** mulberry32: a small seeded PRNG, so a failure reproduces from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = [
  'rm', '-rf', '/', 'sudo', 'env', 'X=1', 'bash', '-c', 'sh', 'eval', 'echo', 'printf', 'base64', '-d', 'python', 'node',
  '-e', 'find', '-exec', '{}', '\\;', 'xargs', ';', '&&', '||', '|', '&', '(', ')', '{', '}', '$(', '`', '"', "'", '$\'',
  '<<', '<<-', '<<<', 'EOF', '>', '>>', '<', '2>&1', '&>', '\n', '#', '\\', '$X', '${X:-', '$((', '))', 'if', 'then', 'fi',
  'for', 'in', 'do', 'done', 'case', 'esac', ';;', 'while', 'function', '[[', ']]', '!', '*', '?', '[a]', '{a,b}', '~',
  'npm', 'run', 'build', './deploy.sh', 'source', '.', 'powershell', '-Command', 'cd', '..', 'awk', 'time', '<(', '>(',
];

const CORPUS = [
  'ls -la',
  'git push --force origin main',
  'sudo rm -rf /var/lib/data',
  'bash -c "rm -rf /tmp/x && echo done"',
  "echo cm0gLXJmIC8= | base64 -d | sh",
  "printf '\\x72\\x6d -rf /' | sh",
  'python3 -c \'import os; os.system("rm -rf /")\'',
  'node -e "require(\'child_process\').execSync(\'rm -rf /\')"',
  'psql <<EOF\nDROP TABLE users;\nEOF',
  'find . -name "*.log" -exec rm -f {} \\;',
  'for f in $(ls); do rm "$f"; done',
  'case $x in a) rm a;; *) echo b;; esac',
  'curl -X POST https://backboard.railway.app/graphql -H "Authorization: Bearer $T" -d \'{"query":"mutation { volumeDelete(volumeId: \\"v\\") }"}\'',
  'cd sub && npm run build',
  "awk 'BEGIN{system(\"rm -rf /\")}'",
  'powershell -Command "Remove-Item -Recurse -Force C:\\data"',
  'f() { rm -rf "$1"; }; f /tmp',
  'x=$(cat <<EOF\n$(rm -rf y)\nEOF\n)',
];

const FILES: Record<string, string> = {
  '/work/app/deploy.sh': '#!/bin/sh\nrm -rf build\n./deploy.sh\n',
  '/work/app/package.json': JSON.stringify({ scripts: { build: 'npm run build && rm -rf dist' } }),
  // Each script runs the next ten times: 10^8 runs if nothing bounded the walk.
  '/work/fan/package.json': JSON.stringify({
    scripts: Object.fromEntries('abcdefghi'.split('').map((c, i, all) => [c, Array(10).fill(`npm run ${all[i + 1] ?? 'a'}`).join(' && ')])),
  }),
};

function assertWellFormed(analysis: Analysis): void {
  assert.ok(Array.isArray(analysis.invocations));
  assert.ok(Array.isArray(analysis.snippets));
  assert.ok(Array.isArray(analysis.opaque));
  for (const inv of analysis.invocations) {
    assert.equal(typeof inv.name, 'string');
    assert.ok(Array.isArray(inv.args));
  }
}

/** Analyse within the linear work bound (units, not time: speed lives in `npm run bench`) and check the shape. */
function decided(command: string, facts: Facts, limit?: number): Analysis {
  const analysis = withinWork(command, (meter) => analyze(command, facts, DEFAULT_ANALYZE_LIMITS, meter), limit);
  assertWellFormed(analysis);
  return analysis;
}

function mutate(text: string, random: () => number): string {
  const chars = [...text];
  const edits = 1 + Math.floor(random() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * (chars.length + 1));
    const kind = random();
    if (kind < 0.35) chars.splice(at, 0, TOKENS[Math.floor(random() * TOKENS.length)]!);
    else if (kind < 0.6) chars.splice(at, 1);
    else if (kind < 0.8 && chars.length > 1) {
      const other = Math.floor(random() * chars.length);
      const tmp = chars[at % chars.length]!;
      chars[at % chars.length] = chars[other]!;
      chars[other] = tmp;
    } else chars.splice(at, 0, ['"', "'", '`', '(', ')', '{', '}', '$(', '\\'][Math.floor(random() * 9)]!);
  }
  return chars.join('');
}

describe('analyze never throws and decides within bounded work (fuzz)', function () {
  // Whole-suite liveness on a busy CI machine; the per-command work bounds are the real assertions.
  this.timeout(10 * HANG_MS);
  const facts = testFacts({ files: FILES });

  it('random token soup (2,000 inputs)', () => {
    const random = prng(0x5eed);
    for (let i = 0; i < 2000; i++) {
      const count = 1 + Math.floor(random() * 40);
      const words: string[] = [];
      for (let k = 0; k < count; k++) words.push(TOKENS[Math.floor(random() * TOKENS.length)]!);
      const command = words.join(random() < 0.5 ? ' ' : '');
      decided(command, facts);
    }
  });

  it('mutated real commands (2,000 inputs)', () => {
    const random = prng(0xc0ffee);
    for (let i = 0; i < 2000; i++) decided(mutate(CORPUS[i % CORPUS.length]!, random), facts);
  });

  it('random bytes, including control and non-ASCII characters (500 inputs)', () => {
    const random = prng(42);
    for (let i = 0; i < 500; i++) {
      let command = '';
      const length = Math.floor(random() * 200);
      for (let k = 0; k < length; k++) command += String.fromCharCode(Math.floor(random() * 0x3000));
      decided(command, facts);
    }
  });

  const pathological: [string, string][] = [
    ['10k nested subshells', '( '.repeat(10_000) + 'rm x' + ' )'.repeat(10_000)],
    ['10k nested substitutions', '$('.repeat(10_000) + 'rm x' + ')'.repeat(10_000)],
    ['10k unbalanced parens', '('.repeat(10_000)],
    ['10k nested groups', '{ '.repeat(10_000)],
    ['10k nested ifs', 'if true; then '.repeat(10_000)],
    ['10k ${ opens', '${x:-'.repeat(10_000)],
    ['10k quote opens', '"$('.repeat(10_000)],
    ['nested backticks', '`echo \\`'.repeat(2_000)],
    ['brace bomb', '{a,b}'.repeat(200)],
    ['many heredocs', 'cat <<EOF\n'.repeat(20_000)],
    ['deep bash -c', 'bash -c "'.repeat(200) + 'rm x' + '"'.repeat(200)],
    ['recursive script', './deploy.sh'],
    ['recursive npm script', 'npm run build'],
    ['fan-out of npm scripts', 'cd /work/fan && npm run a'],
  ];
  for (const [label, command] of pathological) {
    // The default budget, as the hook runs it: the walk is cut short where it runs out.
    it(`survives ${label}`, () => void decided(command, facts, DEFAULT_WORK_LIMIT));
  }

  it('deep nesting that cannot be analysed is opaque, never silently empty', () => {
    const analysis = analyze('( '.repeat(10_000) + 'rm -rf /' + ' )'.repeat(10_000), facts);
    assert.ok(analysis.opaque.length > 0);
  });

  const megabyte: [string, () => string][] = [
    ['a 1 MB list of commands', () => 'echo a; '.repeat(131_072)],
    ['a 1 MB single word', () => 'x'.repeat(1 << 20)],
    ['a 1 MB unterminated double quote', () => 'echo "' + 'a'.repeat((1 << 20) - 6)],
    ['a 1 MB heredoc', () => 'psql <<EOF\n' + 'DELETE FROM t;\n'.repeat(69_000) + 'EOF'],
    ['a 1 MB run of quotes', () => '"'.repeat(1 << 20)],
    ['a 1 MB run of backticks', () => '`'.repeat(1 << 20)],
  ];
  for (const [label, build] of megabyte) {
    it(`decides ${label} within the default budget`, () => {
      const command = build();
      decided(command, facts, DEFAULT_WORK_LIMIT);
    });
  }

  it('the parser alone never throws on the mutated corpus', () => {
    const random = prng(7);
    for (let i = 0; i < 1000; i++) {
      const result = parseShell(mutate(CORPUS[i % CORPUS.length]!, random));
      assert.ok(Array.isArray(result.errors));
    }
  });
});
