import { strict as assert } from 'node:assert';
import { reshapedParameter } from '../../../src/core/shell/parameterOps';

/** Stop 32 (red team round 14): parameter expansions that reshape a known value, as bash computes them. */
const CASES: ReadonlyArray<[raw: string, value: string, expected: string | undefined]> = [
  ['${F/x/n}', '.exv', '.env'],
  ['${F//x/n}', '.exv.xprod', '.env.nprod'],
  ['${F/#XX/}', 'XX.env', '.env'],
  ['${F/%.bak/}', '.env.bak', '.env'],
  ['${F/%x/}', 'xab', 'xab'],
  ['${F/*./.}', 'junk.env', '.env'],
  ['${F/[vw]/n}', '.ewv', '.env'],
  ['${F/x}', 'a.exnv', 'a.env'],
  ['${F:0:-2}', '.envXX', '.env'],
  ['${F:1}', 'X.env', '.env'],
  ['${F: -4}', 'abc.env', '.env'],
  ['${F:0:4}', '.envXX', '.env'],
  ['${F:9}', '.env', ''],
  ['${F^^}', 'abc', 'ABC'],
  ['${F,,}', '.ENV', '.env'],
  ['${F^}', 'abc', 'Abc'],
  ['${F,}', 'ABC', 'aBC'],
  ['${F/$Z/n}', '.exv', undefined],
];

describe('s32 parameter operations', () => {
  for (const [raw, value, expected] of CASES) {
    it(`${raw} of ${JSON.stringify(value)} is ${JSON.stringify(expected)}`, () => {
      const op = reshapedParameter(raw);
      assert.ok(op, 'recognised');
      assert.equal(op.name, 'F');
      assert.equal(op.apply(value), expected);
    });
  }
  it('fills a known variable into the pattern', () => {
    assert.equal(reshapedParameter('${F/$X/n}', (n) => (n === 'X' ? 'x' : undefined))?.apply('.exv'), '.env');
  });
  for (const raw of ['${F:-x}', '${F:=x}', '${F%x}', '${#F}', '$F', '${F}']) {
    it(`${raw} is left to the other readers`, () => assert.equal(reshapedParameter(raw), undefined));
  }
});
