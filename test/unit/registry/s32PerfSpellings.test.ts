import { strict as assert } from 'node:assert';
import { optionsMatching, optionValues, parseCommand, spellingsOf, type GrammarNode, type GrammarSpec } from '../../../src/core/registry/grammar';
import { TOOL_ENTRIES } from '../../../src/core/registry/tools';

/**
 * The spelling index of a grammar level (`spellingsOf`, registry/grammar.ts): built once per level, it
 * must answer what a scan of the level's options in table order answers (the first option listing the
 * spelling names it), for every level of every registry entry and every spelling written there.
 */

/** The scan the index replaces, written out independently. */
function scanned(node: GrammarNode, spelling: string): string | undefined {
  for (const option of node.options ?? []) if (option.names.includes(spelling)) return option.names[0];
  return undefined;
}

function levels(node: GrammarNode, seen = new Set<GrammarNode>()): GrammarNode[] {
  if (seen.has(node)) return [];
  seen.add(node);
  const out = [node];
  for (const child of Object.values(node.commands ?? {})) out.push(...levels(child, seen));
  return out;
}

const word = (text: string) => ({ text, raw: text, dynamic: false, glob: false });

describe('grammar spelling index (s32 perf)', () => {
  it('answers as the in-order scan for every level and spelling of every registry entry', () => {
    let checked = 0;
    for (const entry of TOOL_ENTRIES) {
      for (const node of levels(entry.spec())) {
        const index = spellingsOf(node);
        const spellings = new Set((node.options ?? []).flatMap((o) => o.names));
        for (const spelling of spellings) {
          assert.equal(index.get(spelling), scanned(node, spelling), `${entry.names[0]}: ${spelling}`);
          checked++;
        }
        assert.equal(index.size, spellings.size, `${entry.names[0]}: the index holds exactly the level's spellings`);
        for (const absent of ['--no-such-option-s32', '-\u00e9', '']) assert.equal(index.get(absent), undefined);
      }
    }
    assert.ok(checked > 1000, `only ${checked} spellings checked`);
  });

  it('a spelling two options list answers to the first one in table order; the same level object answers the same index', () => {
    const node: GrammarNode = { options: [{ names: ['--alpha', '-a'] }, { names: ['--again', '-a'], takes: 'one' }, { names: ['--again'] }] };
    assert.equal(spellingsOf(node).get('-a'), '--alpha');
    assert.equal(spellingsOf(node).get('--again'), '--again');
    assert.equal(spellingsOf(node), spellingsOf(node));
  });

  // Option questions through the index, innermost level first, a subcommand's spelling over its parent's.
  const SPEC: GrammarSpec = {
    options: [{ names: ['--app', '-a'], takes: 'one' }, { names: ['--verbose', '-v'] }],
    commands: { deploy: { options: [{ names: ['--tag', '-a'], takes: 'one' }] } },
  };
  const ROWS: { args: string[]; asked: string[]; values: string[] }[] = [
    { args: ['-a', 'web', 'status'], asked: ['--app'], values: ['web'] },
    { args: ['--app', 'web'], asked: ['-a'], values: ['web'] },
    { args: ['deploy', '-a', 'v2'], asked: ['--tag'], values: ['v2'] },
    { args: ['deploy', '-a', 'v2'], asked: ['--app'], values: [] },
    { args: ['deploy', '--app', 'web'], asked: ['--app'], values: ['web'] },
    { args: ['-v'], asked: ['--app'], values: [] },
  ];
  for (const row of ROWS) {
    it(`${row.args.join(' ')}: ${row.asked.join(',')} → [${row.values.join(',')}]`, () => {
      const parsed = parseCommand(row.args.map(word), SPEC);
      assert.deepEqual(optionValues(parsed, SPEC, row.asked), row.values);
      assert.equal(optionsMatching(parsed, SPEC, row.asked).length, row.values.length);
    });
  }
});
