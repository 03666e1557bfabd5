import { strict as assert } from 'node:assert';
import {
  AGENT_IGNORE_FILES,
  MANAGED_BEGIN,
  MANAGED_END,
  claudeReadRule,
  ignoreLineFor,
  withClaudeDenyRules,
  withIgnoreBlock,
  withoutClaudeDenyRules,
  withoutIgnoreBlock,
} from '../../../src/core/credentials/ignoreBlocks';

const PATHS = ['.env', 'legacy/config_backup.json', 'infra/prod.tfvars'];

describe('credentials: ignore-file managed blocks', () => {
  const userFiles: Record<string, string | undefined> = {
    'absent': undefined,
    'one line, trailing newline': 'node_modules/\n',
    'no trailing newline': 'dist\n# build output\n*.log',
    'comments, blanks and negations': '# mine\n\n*.secret\n!keep.secret\n\n',
    'CRLF line endings': 'build/\r\ncoverage/\r\n',
    'empty file': '',
  };

  for (const file of AGENT_IGNORE_FILES) {
    for (const [what, existing] of Object.entries(userFiles)) {
      if (file === '.aiexclude' && existing === '') continue;
      it(`${file}, ${what}: add then remove restores the bytes`, () => {
        const added = withIgnoreBlock(existing, PATHS, file);
        assert.ok(added !== undefined);
        assert.ok(added.includes(MANAGED_BEGIN) && added.includes(MANAGED_END));
        for (const p of PATHS) assert.ok(added.includes('/' + p + '\n'), p);
        if (existing !== undefined) assert.ok(added.endsWith(existing), 'user lines kept after the block');
        assert.equal(withIgnoreBlock(added, PATHS, file), added, 'idempotent');
        assert.equal(withoutIgnoreBlock(added), existing ?? '');
      });
    }
  }

  it('an existing block is replaced in place with the new list', () => {
    const first = withIgnoreBlock('a\n', ['.env'], '.cursorignore') as string;
    const moved = 'top\n' + first;
    const second = withIgnoreBlock(moved, ['.env', 'x.pem'], '.cursorignore') as string;
    assert.ok(second.startsWith('top\n' + MANAGED_BEGIN));
    assert.ok(second.includes('/x.pem\n'));
    assert.equal(withoutIgnoreBlock(second), 'top\na\n');
  });

  it('no paths: nothing is created, and an existing block is removed', () => {
    assert.equal(withIgnoreBlock(undefined, [], '.cursorignore'), undefined);
    const withBlock = withIgnoreBlock('x\n', ['.env'], '.cursorignore') as string;
    assert.equal(withIgnoreBlock(withBlock, [], '.cursorignore'), 'x\n');
  });

  it('an empty .aiexclude (which excludes everything) is left alone', () => {
    assert.equal(withIgnoreBlock('', PATHS, '.aiexclude'), undefined);
    assert.equal(withIgnoreBlock('\n', PATHS, '.aiexclude'), undefined);
  });

  it('a new .aiexclude never consists of the block without entries', () => {
    assert.equal(withIgnoreBlock(undefined, [], '.aiexclude'), undefined);
  });

  it('lines are anchored and escaped', () => {
    assert.equal(ignoreLineFor('.env'), '/.env');
    assert.equal(ignoreLineFor('a/#b'), '/a/\\#b');
    assert.equal(ignoreLineFor('!x[1]*.key'), '/\\!x\\[1\\]\\*.key');
    assert.equal(ignoreLineFor('trailing '), '/trailing\\ ');
  });
});

describe('credentials: Claude Code deny rules', () => {
  const rules = PATHS.map(claudeReadRule);
  const settings: Record<string, string | undefined> = {
    'no file': undefined,
    'empty object': '{}\n',
    'other keys and comments': '{\n  // my model\n  "model": "opus",\n  "env": { "A": "1" }\n}\n',
    'existing deny rules': '{\n    "permissions": {\n        "allow": ["Bash(npm test)"],\n        "deny": ["Read(./secrets/**)"]\n    }\n}',
    'tabs': '{\n\t"permissions": {\n\t\t"deny": []\n\t}\n}\n',
    'already has one of ours': '{ "permissions": { "deny": ["Read(./.env)"] } }\n',
  };
  for (const [what, existing] of Object.entries(settings)) {
    it(`${what}: add then remove restores the bytes`, () => {
      const added = withClaudeDenyRules(existing, rules);
      for (const r of rules) assert.ok(added.text.includes(JSON.stringify(r)), r);
      if (existing?.includes('// my model')) assert.ok(added.text.includes('// my model') && added.text.includes('"model": "opus"'));
      const again = withClaudeDenyRules(added.text, rules);
      assert.equal(again.text, added.text, 'idempotent');
      assert.deepEqual(again.added, []);
      if (what === 'already has one of ours') assert.ok(!added.added.includes('Read(./.env)'), "the user's rule is not ours");
      const removed = withoutClaudeDenyRules(added.text, added.added, { unchanged: true, inverse: added.inverse, created: existing === undefined });
      assert.equal(removed, existing);
    });
  }

  it('Read rules escape gitignore wildcards, so they name exactly the file', () => {
    assert.equal(claudeReadRule('.env'), 'Read(./.env)');
    assert.equal(claudeReadRule('legacy/config_backup.json'), 'Read(./legacy/config_backup.json)');
    assert.equal(claudeReadRule('keys/creds[1].json'), 'Read(./keys/creds\\[1\\].json)');
    assert.equal(claudeReadRule('a*b?.pem'), 'Read(./a\\*b\\?.pem)');
    assert.equal(claudeReadRule('!important.key'), 'Read(./\\!important.key)');
  });

  it('after the user edits the file, only our rules are removed structurally', () => {
    const added = withClaudeDenyRules('{\n  "model": "opus"\n}\n', rules);
    const edited = added.text.replace('"opus"', '"sonnet"');
    const removed = withoutClaudeDenyRules(edited, added.added, { unchanged: false, inverse: added.inverse, created: false }) as string;
    assert.ok(removed.includes('"sonnet"'));
    for (const r of rules) assert.ok(!removed.includes(r));
    assert.deepEqual(JSON.parse(removed).permissions.deny, []);
  });

  it('a file we created with only our rules is deleted on removal even after reformatting', () => {
    const added = withClaudeDenyRules(undefined, rules);
    const reformatted = JSON.stringify(JSON.parse(added.text));
    assert.equal(withoutClaudeDenyRules(reformatted, added.added, { unchanged: false, inverse: added.inverse, created: true }), undefined);
  });
});
