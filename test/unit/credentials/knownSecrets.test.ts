import { strict as assert } from 'node:assert';
import { redactWithKnown, type KnownSecrets } from '../../../src/node/credentials/knownSecrets';
import { randomChars } from './fakeSecrets';

describe('redaction of known values keeps where a connection URL points', () => {
  const password = randomChars(20);
  const url = `postgres://shop:${password}@db.prod.example.com:5432/shop`;
  const token = randomChars(32);
  // Salted hashes as the index writes them: 22 URL-safe characters.
  const urlHash = 'U'.repeat(21) + '1';
  const tokenHash = 'T'.repeat(21) + '2';
  const known: KnownSecrets = { hashOf: (v) => (v === url ? urlHash : v === token ? tokenHash : undefined) };

  it('a known URL value loses its password only: the host still says production to the editor', () => {
    const text = redactWithKnown(`psql "${url}" -c 'DROP TABLE orders;'`, known, 'marked');
    assert.equal(text, `psql "postgres://shop:[REDACTED:${urlHash}]@db.prod.example.com:5432/shop" -c 'DROP TABLE orders;'`, 'the marker survives, so the editor still names the origin');
    assert.ok(!text.includes(password));
  });

  it('printed text hides it the same way', () => {
    assert.equal(redactWithKnown(`psql ${url}`, known, 'plain'), 'psql postgres://shop:[REDACTED]@db.prod.example.com:5432/shop');
  });

  it('any other known value is hidden whole', () => {
    const text = redactWithKnown(`curl -H "Authorization: Bearer ${token}" https://api.example.com`, known, 'marked');
    assert.ok(text.includes(`[REDACTED:${tokenHash}]`) && !text.includes(token), text);
  });
});

describe('redaction finds a known value glued to other characters', () => {
  const password = randomChars(22);
  const hash = 'G'.repeat(21) + '3';
  const known: KnownSecrets = { hashOf: (v) => (v === password ? hash : undefined), lengths: () => [password.length] };
  const P = password;

  const shapes: Array<[string, string]> = [
    ['a full stop ending a sentence', `echo "the password is ${P}."`],
    ['an exclamation mark', `echo ${P}!`],
    ['a letter before it', `echo x${P}`],
    ['dashes on both sides', `printf '%s\\n' -${P}-`],
    ['an underscore suffix', `export OLD=${P}_old`],
    ['a plus and a tilde', `echo +${P}~`],
    ['inside a longer word of letters', `echo abc${P}xyz`],
    ['a URL password with a glued letter', `curl https://admin:${P}z@db.prod.example.com/`],
    ['after a # comment', `git status #${P}.`],
  ];
  for (const [label, command] of shapes) {
    it(label, () => {
      const out = redactWithKnown(command, known, 'plain');
      assert.ok(!out.includes(P), out);
      assert.ok(out.includes('[REDACTED]'), out);
    });
  }

  it('look-alikes of other values stay as they are', () => {
    const other = randomChars(22);
    for (const command of [`echo ${other}.`, `echo x${other}`, 'git commit -m "release 2026-12-02 build 4411"']) {
      assert.equal(redactWithKnown(command, known, 'plain'), command);
    }
  });

  it('words past the search budget are hidden whole, never let through', () => {
    // One word far longer than the budget allows to search: hidden whole.
    const long = `${randomChars(30000)}${P}`;
    const out = redactWithKnown(`echo ${long}`, known, 'plain');
    assert.ok(!out.includes(P));
    assert.equal(out, 'echo [REDACTED]');
  });
});
