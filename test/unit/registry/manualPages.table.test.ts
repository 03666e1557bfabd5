import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseManual, plainText } from '../../../scripts/manpages/roff';
import { classifySentence } from '../../../scripts/manpages/classify';
import { manualFacts } from '../../../src/core/registry/manualFacts';
import { allow, ask, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Stop 40 (issue #18 criterion 8, an experiment): descriptions at scale from the tools' own manual pages.
 * The parser (`scripts/manpages/roff.ts`) over two pages written for this test (an invented tool in man(7) and one in
 * mdoc(7) macros, not copied pages); the sentence classifier (`scripts/manpages/classify.ts`), each destroying row
 * next to a look-alike that does not destroy; and the floor (`rules/support/manualFloor.ts`) over entries of the
 * generated table (`registry/manualTable.ts`), each asking row beside the same tool's reading work that stays allowed.
 */

const fixture = (name: string): string => readFileSync(join(__dirname, '../../fixtures/manpages', name), 'utf8');

describe('manual pages: the roff reader (scripts/manpages/roff.ts)', () => {
  const page = parseManual(fixture('tidyq.1'));
  const item = (name: string): string | undefined => page.items.find((i) => i.names.includes(name))?.text;

  it('reads the NAME line: the program and what it does', () => {
    assert.deepEqual(page.programs, ['tidyq']);
    assert.equal(page.summary, 'remove finished jobs from a work queue');
  });
  const rows: [string, string | undefined][] = [
    ['-l', 'List the jobs that would be removed'],
    ['--list', 'List the jobs that would be removed'],
    ['--dry-run', 'Show what would be removed without doing it'],
    ['--keep', 'Do not delete the job logs'],
    ['--ext', 'Write results to files ending in EXT, and overwrite existing files'],
    ['-P', 'Forcibly delete every job in the queue, running or not'],
    ['--purge-all', 'Forcibly delete every job in the queue, running or not'],
    ['-i', 'Prompt before removing each job'],
    ['drain', 'Prompt for jobs to keep and delete all others'],
    ['status', "Print the queue's state"],
  ];
  for (const [name, text] of rows) it(`item ${name}: its first sentence`, () => assert.equal(item(name), text));
  it('a section that is not a list of commands gives no subcommand (SEE ALSO)', () => assert.equal(item('qstat(1)'), undefined));
  it('reads mdoc pages: .Nm/.Nd and .It Fl items', () => {
    const mdoc = parseManual(fixture('mdocq.8'));
    assert.deepEqual([mdoc.programs, mdoc.summary, mdoc.items.map((i) => [i.names.join('/'), i.text])], [['mdocq'], 'erase the contents of a slot', [['-w', 'Wipe the user data partition'], ['-v', 'Print each step']]]);
  });
  it('plain text of roff escapes', () => assert.equal(plainText('\\fB\\-\\-force\\fR overwrite\\(emnow \\(aqx\\(aq'), "--force overwrite-now 'x'"));
});

describe('manual pages: a sentence classified by its verb (scripts/manpages/classify.ts)', () => {
  const rows: [string, string, string | undefined][] = [
    ['prompt user for files to preserve and delete all others', 'destroy', 'delete'],
    ['prompt user for files to preserve, deleting all others', 'destroy', 'delete'],
    ['Read the list, writing the result to stdout', 'read', 'read'],
    ['delete jobs from queues', 'destroy', 'delete'],
    ['erase userdata and cache', 'destroy', 'erase'],
    ['Forcibly delete every job in the queue', 'destroy', 'delete'],
    ['overwrite existing output files', 'overwrite', 'overwrite'],
    ['Removes the source files after compressing', 'destroy', 'remove'],
    ['Wipes the partition table', 'destroy', 'wipe'],
    ['purge old kernels', 'destroy', 'purge'],
    ['Truncate the log to zero length', 'overwrite', 'truncate'],
    // look-alikes
    ['Do not delete the job logs', 'other', undefined],
    ['Prompt before removing each job', 'other', undefined],
    ['Show what would be removed without doing it', 'dry', undefined],
    ['do not actually delete anything', 'dry', undefined],
    ['List the jobs that would be removed', 'read', 'list'],
    ['list the jobs in a queue', 'read', 'list'],
    ['Clear the screen before printing', 'other', undefined],
    ['remove trailing whitespace from each line', 'other', undefined],
    ['remove sections from each line of files', 'other', undefined],
    ['kill processes by name', 'other', undefined],
    ['detach from the controlling terminal', 'other', undefined],
    ['when deleting, follow symbolic links', 'other', undefined],
    ['Delete the cache before starting', 'other', undefined],
  ];
  for (const [sentence, cls, verb] of rows) it(`"${sentence}" -> ${cls}`, () => {
    const got = classifySentence(sentence);
    assert.deepEqual([got.cls, got.verb], [cls, verb]);
  });
});

describe('manual pages: the generated table (registry/manualTable.ts)', () => {
  it('an entry names the package and version its facts came from', () => {
    const facts = manualFacts('memo');
    assert.ok(facts !== undefined && /^memo \S+$/.test(facts.source), facts?.source);
    assert.equal(facts.options.get('-D')?.[0], 'delete');
  });
  it('a program no page described has no entry', () => assert.equal(manualFacts('acmectl'), undefined));
});

const decide = decisionTable(testFacts({}));

describe('rules: stop 40, what an undescribed program\'s own manual says (rules/support/manualFloor.ts)', () => {
  decide('an option, a subcommand or a name line the manual says destroys or overwrites asks, naming the option and the package; the same tool\'s reading work stays allowed', [
    ask('memo -D', { says: /memo's manual page, Debian package memo .*-D\/--delete-all deletes/ }),
    ask('memo --delete-all'),
    ask('memo -d 3'),
    ask('sudo memo -D'),
    ask('memo -D && echo done'),
    ask('dmarcts-report-parser --delete'),
    ask('gcp -f notes.txt backup/notes.txt', { says: /gcp -f` overwrites/ }),
    ask('gcp --force notes.txt backup/notes.txt'),
    ask('kthresher', { says: /its name line says it purges/ }),
    ask('kthresher -v'),
    ask('smpq -d archive.mpq file.txt'),
    // look-alikes
    allow('memo -l'),
    allow('memo --help'),
    allow('memo'),
    allow('kthresher --dry-run'),
    allow('kthresher -s'),
    allow('kthresher --help'),
    allow('gcp notes.txt backup/notes.txt'),
    allow('dmarcts-report-parser -i'),
    allow('smpq -l archive.mpq'),
  ]);
});
