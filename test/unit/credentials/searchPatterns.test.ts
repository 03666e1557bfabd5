import { strict as assert } from 'node:assert';
import { isHunt, searchMatchesText, searchPatternsOf } from '../../../src/core/credentials/searchPatterns';

const words = (...texts: string[]) => texts.map((text) => ({ text, dynamic: /\$/.test(text) }));

describe('search patterns: what a search prints', () => {
  const text = 'production:\n  secret_key_base: 0123abcd\nrailway:\n  token: 4f1c\n';
  const rows: Array<[string, string[], { hunt: boolean; matches: boolean }]> = [
    ['grep', ['-rn', 'TODO', 'src/'], { hunt: false, matches: false }],
    ['grep', ['-ri', 'RAILWAY', '.'], { hunt: false, matches: true }],
    ['grep', ['-r', '', 'config/'], { hunt: false, matches: true }],
    ['grep', ['-r', '-e', 'foo', '-e', 'token:', '.'], { hunt: true, matches: true }],
    ['grep', ['-rE', '(api[_-]?key|secret)', '.'], { hunt: true, matches: true }],
    ['grep', ['-r', 'a\\|railway', '.'], { hunt: false, matches: true }],
    ['grep', ['-r', 'rail(way)', '.'], { hunt: false, matches: false }],
    ['grep', ['-rv', 'useState', '.'], { hunt: true, matches: true }],
    ['grep', ['-r', '-f', 'patterns.txt', '.'], { hunt: true, matches: true }],
    ['grep', ['-rF', 'key_base:', '.'], { hunt: false, matches: true }],
    ['grep', ['-r', '[[:digit:]]\\{4\\}abcd', '.'], { hunt: false, matches: true }],
    ['rg', ['useState'], { hunt: false, matches: false }],
    ['rg', ['-i', 'PRODUCTION'], { hunt: false, matches: true }],
    ['rg', ['--files'], { hunt: false, matches: false }],
    ['rg', ['-uuu', 'AKIA[0-9A-Z]{16}'], { hunt: true, matches: false }],
    ['rg', ['(?i)railway'], { hunt: false, matches: true }],
    ['rg', ['(a)\\1'], { hunt: false, matches: true }],
    ['rg', ['-e', '$PATTERN'], { hunt: true, matches: true }],
    ['ag', ['describe\\(', 'test/'], { hunt: false, matches: false }],
    ['git-grep', ['-n', 'fetchUser'], { hunt: false, matches: false }],
    // "author" is not a credential word; "authorization" (a header) is.
    ['grep', ['-ri', 'author', '.'], { hunt: false, matches: false }],
    ['grep', ['-i', 'curl.*authorization', '.'], { hunt: true, matches: false }],
    ['grep', ['-ri', 'Authorisation', '.'], { hunt: true, matches: false }],
  ];
  for (const [tool, args, expected] of rows) {
    it(`${tool} ${args.join(' ')}`, () => {
      const search = searchPatternsOf(tool, words(...args));
      assert.equal(isHunt(search), expected.hunt, JSON.stringify(search));
      assert.equal(searchMatchesText(search, text), expected.matches, JSON.stringify(search));
    });
  }
});
