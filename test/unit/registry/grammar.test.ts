import { strict as assert } from 'node:assert';
import { optionValues, parseCommand, readings, type GrammarSpec } from '../../../src/core/registry/grammar';
import { word } from '../support/policyFixtures';

/** The one option grammar, read against descriptions written from each tool's own manual. */

const words = (line: string) => line.split(' ').filter((w) => w !== '').map(word);

const tool: GrammarSpec = {
  options: [
    { names: ['-a', '--app'], takes: 'one' },
    { names: ['-v', '--verbose'] },
    { names: ['-x'] },
    { names: ['--color'], takes: 'optional' },
  ],
  commands: {
    ssh: { commands: { console: { options: [{ names: ['-C', '--command'], takes: 'one' }] } } },
    'apps|app': { commands: { 'destroy|rm': {} } },
  },
};

describe('option grammar', () => {
  const cases: { line: string; path: string; app?: string; operands?: string; unsure?: number }[] = [
    { line: '-a prod ssh console', path: 'ssh console', app: 'prod' },
    { line: '-aprod ssh console', path: 'ssh console', app: 'prod' },
    { line: '-a=prod ssh console', path: 'ssh console', app: 'prod' },
    { line: '--app prod ssh console', path: 'ssh console', app: 'prod' },
    { line: '--app=prod ssh console', path: 'ssh console', app: 'prod' },
    { line: 'ssh -a prod console', path: 'ssh console', app: 'prod' },
    { line: 'ssh console -a prod', path: 'ssh console', app: 'prod' },
    { line: '-vx -a prod apps destroy web', path: 'apps destroy', app: 'prod', operands: 'web' },
    { line: '-xva prod app rm web', path: 'app rm', app: 'prod', operands: 'web' },
    { line: '--color ssh console', path: 'ssh console' },
    { line: '--color=always ssh console', path: 'ssh console' },
    { line: '-- ssh console', path: '', operands: 'ssh console' },
    { line: 'apps -- -a', path: 'apps', operands: '-a' },
    { line: '--weird prod ssh console', path: '', operands: 'prod ssh console', unsure: 1 },
    { line: '--weird=prod ssh console', path: 'ssh console', unsure: 0 },
    { line: 'ssh console --weird x', path: 'ssh console', operands: 'x', unsure: 1 },
  ];
  for (const c of cases) {
    it(c.line, () => {
      const parsed = parseCommand(words(c.line), tool);
      assert.equal(parsed.path.join(' '), c.path);
      if (c.app !== undefined) assert.deepEqual(optionValues(parsed, tool, ['--app']), [c.app]);
      if (c.operands !== undefined) assert.equal(parsed.operands.map((w) => w.text).join(' '), c.operands);
      if (c.unsure !== undefined) assert.equal(parsed.unsure.length, c.unsure);
    });
  }

  it('gives the other reading of an unknown option', () => {
    const both = readings(words('--weird prod ssh console -C x'), tool);
    assert.equal(both.length, 2);
    assert.equal(both[0]!.path.join(' '), '');
    assert.equal(both[1]!.path.join(' '), 'ssh console');
    assert.deepEqual(optionValues(both[1]!, tool, ['-C']), ['x']);
  });

  it('resolves unambiguous long prefixes only where the tool accepts them', () => {
    const spec: GrammarSpec = { abbreviations: true, options: [{ names: ['--delete'] }, { names: ['--dry-run'] }, { names: ['--mirror'] }] };
    assert.equal(parseCommand(words('--del origin x'), spec).options[0]!.name, '--delete');
    assert.equal(parseCommand(words('--mirr origin'), spec).options[0]!.name, '--mirror');
    const ambiguous = parseCommand(words('--d origin'), spec);
    assert.deepEqual(ambiguous.ambiguous, ['--d']);
    assert.equal(ambiguous.options[0]!.known, false);
    assert.deepEqual(parseCommand(words('--dr origin'), spec).options.map((o) => o.name), ['--dry-run']);
    assert.deepEqual(parseCommand(words('--de origin'), { ...spec, abbreviations: false }).options.map((o) => o.known), [false]);
  });

  it('stops at the first operand when options are not interspersed, except trailing ones', () => {
    const spec: GrammarSpec = { interspersed: false, trailingOptions: ['-a'], options: [{ names: ['-a'], takes: 'one' }, { names: ['-r'] }] };
    const parsed = parseCommand(words('-r rm -r /app -a shop'), spec);
    assert.equal(parsed.operands.map((w) => w.text).join(' '), 'rm -r /app');
    assert.deepEqual(optionValues(parsed, spec, ['-a']), ['shop']);
  });

  it('reads a command after -- where the level runs one', () => {
    const spec: GrammarSpec = { commands: { exec: { commandAfterDashDash: true, options: [{ names: ['-c'], takes: 'one' }] } } };
    const parsed = parseCommand(words('exec -c app web-0 -- rm -rf /data'), spec);
    assert.equal(parsed.operands.map((w) => w.text).join(' '), 'web-0');
    assert.equal(parsed.command?.map((w) => w.text).join(' '), 'rm -rf /data');
  });

  it('takes lists, single-dash long options and numeric options as described', () => {
    const aws: GrammarSpec = { unknownLong: 'list' };
    assert.deepEqual(optionValues(parseCommand(words('--instance-ids i-1 i-2 --force'), aws), aws, ['--instance-ids']), ['i-1', 'i-2']);
    const tf: GrammarSpec = { goFlags: true, options: [{ names: ['-chdir'], takes: 'one' }, { names: ['-var-file'], takes: 'one' }] };
    assert.deepEqual(optionValues(parseCommand(words('--chdir=envs/prod -var-file prod.tfvars destroy'), tf), tf, ['-chdir', '-var-file']), ['envs/prod', 'prod.tfvars']);
    assert.equal(parseCommand(words('-20 x'), {}).operands.length, 2);
    assert.equal(parseCommand(words('-20 x'), { numericOptions: true, unknownShort: 'switch' }).operands.length, 1);
  });

  it('keeps global options before the subcommand apart from the subcommand\'s own', () => {
    const spec: GrammarSpec = { globalsBeforeSubcommand: true, options: [{ names: ['-c'], takes: 'one' }], commands: { branch: { options: [{ names: ['-c'] }] } } };
    const parsed = parseCommand(words('-c x=y branch -c old new'), spec);
    assert.equal(parsed.path.join(' '), 'branch');
    assert.equal(parsed.operands.map((w) => w.text).join(' '), 'old new');
  });
});
