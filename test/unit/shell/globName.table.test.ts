import { strict as assert } from 'node:assert';
import { analyze } from '../../../src/core/policy/analyze';
import { globNameMatches } from '../../../src/core/policy/globName';
import { testFacts } from '../support/policyFixtures';

/**
 * A command word the shell expands as a pattern runs whatever file it matches: it is judged as each
 * known program it could name, and asks when it names none or too many. Quoted or escaped patterns
 * are literal names; patterns in arguments (`ls *.txt`) are data.
 */
interface Row {
  cmd: string;
  /** Names that must be among the invocations. */
  has?: string[];
  /** Names that must not appear. */
  absent?: string[];
  /** The command asks as a program the guard cannot name. */
  opaque?: boolean;
}

const ROWS: Row[] = [
  // Character classes, `?`, `*`, negated classes, in the name and after a folder.
  { cmd: '/bin/r[m] -rf storage', has: ['rm'] },
  { cmd: 'r[m] -rf storage', has: ['rm'] },
  { cmd: '/usr/bin/ba[s]h -c "rm -rf build"', has: ['bash', 'rm'] },
  { cmd: "/usr/bin/ba?h -c 'redis-cli -h cache.prod FLUSHALL'", has: ['redis-cli'] },
  { cmd: '/bin/r? -rf ~', has: ['rm'] },
  { cmd: '/bin/[!a]m -rf ~', has: ['rm'] },
  { cmd: '/bin/[^a]m -rf ~', has: ['rm'] },
  { cmd: '/bin/[q-s]m -rf ~', has: ['rm'] },
  { cmd: 'dropd? app', has: ['dropdb'] },
  { cmd: 'ter*form destroy -auto-approve', has: ['terraform'] },
  { cmd: 'kubect[l] delete ns prod', has: ['kubectl'] },
  { cmd: 'gi? push --force', has: ['git'] },
  { cmd: 'pytho[n]3 -c "import shutil; shutil.rmtree(\'x\')"', has: ['python3'] },
  { cmd: 'x=r?; /bin/$x -rf ~', has: ['rm'] },
  // Through wrappers that run their operands.
  { cmd: 'env /bin/r? -rf x', has: ['rm'] },
  { cmd: 'sudo /bin/r[m] -rf /var/lib/app', has: ['rm'] },
  { cmd: 'echo storage | xargs /bin/r[m] -rf', has: ['rm'] },
  { cmd: 'timeout 5 /usr/bin/ba?h -c "rm -rf x"', has: ['rm'] },
  // Names the guard cannot resolve, or that match too much, ask.
  { cmd: '/opt/tools/zz?q --wipe', opaque: true },
  { cmd: '/bin/* -rf ~', opaque: true },
  { cmd: './scripts/b*.sh', opaque: true },
  // Quoted or escaped: a literal name, no pattern.
  { cmd: "'/bin/r[m]' -rf x", has: ['r[m]'], absent: ['rm'] },
  { cmd: '"/bin/r?" -rf x', has: ['r?'], absent: ['rm'] },
  { cmd: '/bin/r\\[m\\] -rf x', has: ['r[m]'], absent: ['rm'] },
  { cmd: '/bin/r\\? -rf x', has: ['r?'], absent: ['rm'] },
  // Look-alikes: patterns in arguments are data.
  { cmd: 'ls *.txt', has: ['ls'], absent: ['rm'] },
  { cmd: 'cat src/[a-z]*.ts', has: ['cat'] },
  { cmd: 'rm -f build/*.o', has: ['rm'] },
  { cmd: '[ -f package.json ] && echo yes', has: ['echo'] },
];

describe('a command name that is a shell pattern', () => {
  const facts = testFacts({ files: {} });
  for (const row of ROWS) {
    it(row.cmd, () => {
      const analysis = analyze(row.cmd, facts);
      const names = analysis.invocations.map((i) => i.name);
      const detail = JSON.stringify({ names, opaque: analysis.opaque.map((o) => o.reason) });
      for (const name of row.has ?? []) assert.ok(names.includes(name), `missing ${name}: ${detail}`);
      for (const name of row.absent ?? []) assert.ok(!names.includes(name), `unexpected ${name}: ${detail}`);
      const patternAsk = analysis.opaque.some((o) => /name is a pattern/.test(o.reason));
      assert.equal(patternAsk, row.opaque === true, detail);
    });
  }

  it('matches the names the engine knows', () => {
    assert.ok(globNameMatches('/usr/bin/ba[s]h').includes('bash'));
    assert.deepEqual(globNameMatches('/bin/rm'), []);
    assert.ok(globNameMatches('*').length > 100);
  });
});
