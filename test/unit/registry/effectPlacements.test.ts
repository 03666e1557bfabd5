import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import { EFFECT_GRAMMARS, grammarOf, REGISTRY_DESCRIBED, SEARCH_GRAMMARS } from '../../../src/core/policy/effectOptions';
import { READER_GRAMMARS } from '../../../src/core/policy/readerGrammars';
import { perimeterFacts, show } from '../rules/perimeterFixtures';
import { placements, spellings } from '../support/optionPlacements';

/**
 * Issue #10 criterion 4 for the programs the path-effect rules read (`policy/effectOptions.ts`: their own tables and
 * the registry entries in `REGISTRY_DESCRIBED`): for each, a command whose verdict hangs on what it writes or reads, and
 * an option placed before, between and after the operands, separated, glued and abbreviated where the program accepts
 * it. The verdict never changes with the placement. A program the effect rules describe without a row here fails the
 * coverage check.
 */

interface Row {
  /** Words after the program name; `@` marks where the option may go. */
  words: string;
  /** The option's spellings (none: the row only checks the words) and a value ('' for a switch). */
  option: readonly string[];
  value: string;
  decision: 'allow' | 'ask' | 'deny';
}

const ROWS: Readonly<Record<string, Row>> = {
  cp: { words: '@ hooks.json @ .cursor/hooks.json @', option: ['-S', '--suffix'], value: '.orig', decision: 'deny' },
  mv: { words: '@ hooks.json @ .cursor/hooks.json @', option: ['-S', '--suffix'], value: '.orig', decision: 'deny' },
  install: { words: '@ hooks.json @ .cursor/hooks.json @', option: ['-m', '--mode'], value: '644', decision: 'deny' },
  ln: { words: '@ -sf /tmp/h.json @ .cursor/hooks.json @', option: ['-S', '--suffix'], value: '.orig', decision: 'deny' },
  rm: { words: '@ .cursor/hooks.json @', option: ['-f', '--force'], value: '', decision: 'deny' },
  rmdir: { words: '@ .cursor @', option: ['-p', '--parents'], value: '', decision: 'deny' },
  unlink: { words: '@ .cursor/hooks.json @', option: ['--version'], value: '', decision: 'deny' },
  shred: { words: '@ .cursor/hooks.json @', option: ['-n', '--iterations'], value: '3', decision: 'deny' },
  truncate: { words: '@ .cursor/hooks.json @', option: ['-s', '--size'], value: '0', decision: 'deny' },
  chmod: { words: '@ 000 @ .cursor/hooks.json @', option: ['--reference'], value: 'notes.txt', decision: 'deny' },
  chown: { words: '@ nobody @ .cursor/hooks.json @', option: ['--from'], value: 'dev', decision: 'deny' },
  chgrp: { words: '@ nobody @ .cursor/hooks.json @', option: ['--reference'], value: 'notes.txt', decision: 'deny' },
  touch: { words: '@ .cursor/hooks.json @', option: ['-d', '--date'], value: '2020-01-01', decision: 'deny' },
  fallocate: { words: '@ -p @ .cursor/hooks.json @', option: ['-l', '--length'], value: '10', decision: 'deny' },
  mkdir: { words: '@ .cursor/hooks.json @', option: ['-m', '--mode'], value: '700', decision: 'deny' },
  chattr: { words: '@ +i @ .cursor/hooks.json @', option: ['-v'], value: '1', decision: 'deny' },
  setfacl: { words: '@ .cursor/hooks.json @', option: ['-m', '--modify'], value: 'u:nobody:rw', decision: 'deny' },
  tee: { words: '@ .cursor/hooks.json @', option: ['-a', '--append'], value: '', decision: 'deny' },
  sponge: { words: '@ .cursor/hooks.json @', option: ['-a'], value: '', decision: 'deny' },
  sort: { words: '@ notes.txt @', option: ['-o', '--output'], value: '.cursor/hooks.json', decision: 'deny' },
  uniq: { words: '@ notes.txt @ .cursor/hooks.json @', option: ['-f', '--skip-fields'], value: '1', decision: 'deny' },
  split: { words: '@ notes.txt @ .cursor/hooks.json @', option: ['-a', '--suffix-length'], value: '1', decision: 'deny' },
  csplit: { words: '@ notes.txt @ 2 @', option: ['-f', '--prefix'], value: '.cursor/hooks.json', decision: 'deny' },
  sed: { words: "@ -i 's/a/b/' @ .cursor/hooks.json @", option: ['-l', '--line-length'], value: '80', decision: 'deny' },
  perl: { words: "@ -pi -e 's/a/b/' @ .cursor/hooks.json", option: ['-I'], value: 'lib', decision: 'deny' },
  sd: { words: '@ a b @ .cursor/hooks.json @', option: ['-n', '--max-replacements'], value: '1', decision: 'deny' },
  hcledit: { words: '@ attribute set a b -u @', option: ['-f', '--file'], value: '.cursor/hooks.json', decision: 'deny' },
  ruby: { words: "@ -pi -e 'x' @ .cursor/hooks.json", option: ['-r'], value: 'json', decision: 'deny' },
  awk: { words: "@ -i inplace '{print}' .cursor/hooks.json", option: ['-v', '--assign'], value: 'x=1', decision: 'deny' },
  dd: { words: '@ if=/dev/zero of=.cursor/hooks.json count=1 @', option: [], value: '', decision: 'deny' },
  tar: { words: '@ -xf /tmp/a.tar @ .cursor/hooks.json @', option: ['-C', '--directory'], value: '.', decision: 'deny' },
  unzip: { words: '@ -o /tmp/a.zip @ .cursor/hooks.json @', option: ['-d'], value: '.', decision: 'deny' },
  zip: { words: '@ -r out.zip @ .', option: ['-b'], value: '/tmp', decision: 'allow' },
  pax: { words: '@ -r @', option: ['-f'], value: '/tmp/a.pax', decision: 'deny' },
  patch: { words: '@ .cursor/hooks.json @ fix.patch @', option: ['-F', '--fuzz'], value: '2', decision: 'deny' },
  rsync: { words: '@ hooks.json @ .cursor/ @', option: ['--timeout'], value: '5', decision: 'deny' },
  scp: { words: '@ host:hooks.json @ .cursor/', option: ['-P'], value: '2222', decision: 'deny' },
  curl: { words: '@ -o .cursor/hooks.json @ https://example.com/h.json @', option: ['-A', '--user-agent'], value: 'bot', decision: 'deny' },
  wget: { words: '@ https://example.com/h.json @', option: ['-O', '--output-document'], value: '.cursor/hooks.json', decision: 'deny' },
  sqlite3: { words: "@ app.db @ '.output .cursor/hooks.json' @", option: ['-separator'], value: ',', decision: 'deny' },
  find: { words: '@ .cursor -name hooks.json -delete', option: ['-L'], value: '', decision: 'deny' },
  xxd: { words: '@ notes.txt @ .cursor/hooks.json @', option: ['-c'], value: '16', decision: 'deny' },
  gzip: { words: '@ .cursor/hooks.json @', option: ['-S', '--suffix'], value: '.z', decision: 'deny' },
  emacs: { words: "@ --batch .cursor/hooks.json @ --eval '(save-buffer)' @", option: ['-l', '--load'], value: 'x.el', decision: 'deny' },
  grep: { words: '@ -rn password @ .env @', option: ['-m', '--max-count'], value: '1', decision: 'ask' },
  rg: { words: '@ password @ .env @', option: ['-g', '--glob'], value: '*', decision: 'ask' },
  // Stop 38: vim's one table, the search tools' and the readers' (`policy/readerGrammars.ts`).
  vim: { words: '@ .cursor/hooks.json @', option: ['-T'], value: 'dumb', decision: 'deny' },
  ugrep: { words: '@ -rn password @ .env @', option: ['-m', '--max-count'], value: '1', decision: 'ask' },
  ag: { words: '@ password @ .env @', option: ['-m', '--max-count'], value: '1', decision: 'ask' },
  sift: { words: '@ password @ .env @', option: ['-x', '--ext'], value: 'env', decision: 'ask' },
};

/** The readers' rows: a credential file read whatever the option's place (`READER_GRAMMARS`). */
const READER_ROWS: Readonly<Record<string, Row>> = {
  xargs: { words: '@ cat .env', option: ['-n', '--max-args'], value: '1', decision: 'ask' },
  head: { words: '@ .env @', option: ['-n', '--lines'], value: '5', decision: 'ask' },
  tail: { words: '@ .env @', option: ['-n', '--lines'], value: '5', decision: 'ask' },
  od: { words: '@ .env @', option: ['-A', '--address-radix'], value: 'x', decision: 'ask' },
  hexdump: { words: '@ .env @', option: ['-n', '--length'], value: '64', decision: 'ask' },
  strings: { words: '@ .env @', option: ['-n', '--bytes'], value: '8', decision: 'ask' },
  cut: { words: '@ .env @', option: ['-c', '--characters'], value: '1-400', decision: 'ask' },
  paste: { words: '@ .env @', option: ['-d', '--delimiters'], value: ',', decision: 'ask' },
  iconv: { words: '@ .env @', option: ['-f', '--from-code'], value: 'utf-8', decision: 'ask' },
  jq: { words: '@ . @ .env @', option: ['--indent'], value: '2', decision: 'ask' },
  gpg: { words: '@ -c @ .env @', option: ['-o', '--output'], value: '/tmp/x.gpg', decision: 'ask' },
  age: { words: '@ -p @ .env @', option: ['-o', '--output'], value: '/tmp/x.age', decision: 'ask' },
  openssl: { words: 'enc -aes256 @ -in .env @', option: ['-out'], value: '/tmp/x.enc', decision: 'ask' },
  expand: { words: '@ .env @', option: ['-t', '--tabs'], value: '4', decision: 'ask' },
  pr: { words: '@ .env @', option: ['-h', '--header'], value: 'title', decision: 'ask' },
  look: { words: '@ KEY @ .env @', option: ['-t', '--terminate'], value: '=', decision: 'ask' },
  cmp: { words: '@ -l .env notes.txt @', option: ['-n', '--bytes'], value: '10', decision: 'ask' },
  fmt: { words: '@ .env @', option: ['-w', '--width'], value: '80', decision: 'ask' },
  join: { words: '@ .env @ notes.txt @', option: ['-t'], value: '=', decision: 'ask' },
  shuf: { words: '@ .env @', option: ['-n', '--head-count'], value: '3', decision: 'ask' },
  m4: { words: '@ .env @', option: ['-D', '--define'], value: 'X=1', decision: 'ask' },
  cpp: { words: '@ -P @ .env @', option: ['-I'], value: 'inc', decision: 'ask' },
  base32: { words: '@ .env @', option: ['-w', '--wrap'], value: '0', decision: 'ask' },
  hexyl: { words: '@ .env @', option: ['-n', '--length'], value: '64', decision: 'ask' },
  highlight: { words: '@ .env @', option: ['-S', '--syntax'], value: 'sh', decision: 'ask' },
  pygmentize: { words: '@ .env @', option: ['-l'], value: 'bash', decision: 'ask' },
  glow: { words: '@ .env @', option: ['-w', '--width'], value: '80', decision: 'ask' },
  groff: { words: '@ .env @', option: ['-T'], value: 'utf8', decision: 'ask' },
  nroff: { words: '@ .env @', option: ['-T'], value: 'utf8', decision: 'ask' },
};



describe('effect grammars: option placements never change the verdict', () => {
  const facts = perimeterFacts();
  const programs = [...new Set([...REGISTRY_DESCRIBED, ...Object.keys(EFFECT_GRAMMARS), ...Object.keys(SEARCH_GRAMMARS)])];
  it('every program the effect and search rules describe has a row', () => {
    assert.deepEqual(programs.filter((name) => ROWS[name] === undefined), []);
  });
  it('every program only readers read has a row', () => {
    assert.deepEqual(Object.keys(READER_GRAMMARS).filter((name) => READER_ROWS[name] === undefined), []);
  });
  for (const name of [...programs, ...Object.keys(READER_GRAMMARS)]) {
    const row = ROWS[name] ?? READER_ROWS[name];
    if (!row) continue;
    const grammar = SEARCH_GRAMMARS[name] ?? READER_GRAMMARS[name] ?? grammarOf(name);
    const forms = row.option.length === 0 ? [''] : spellings(grammar, row.option, row.value);
    for (const form of forms) {
      for (const words of placements(row.words, form)) {
        const command = `${name} ${words}`;
        it(command, () => {
          const v = classify(command, facts, { lockdown: false });
          assert.equal(v.decision, row.decision, show(v));
        });
      }
    }
  }
});
