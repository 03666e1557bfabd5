import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseManual, plainText, subcommandName } from '../../../scripts/manpages/roff';
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
  const tags: [string, string | undefined][] = [
    ['erase PARTITION', 'erase'],
    ['tidyq erase <partition>', 'erase'],
    ['remove-older-than time [--force] url', 'remove-older-than'],
    ['set JAIL delignoreip IP', 'set'],
    ['--force', undefined],
    ['Delete', undefined],
  ];
  for (const [tag, word] of tags) it(`subcommand tag "${tag}" -> ${word}`, () => assert.equal(subcommandName(tag, ['tidyq']), word));
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
  decide('an option the manual says destroys or overwrites asks, naming the option and the package; the same tool\'s reading work stays allowed', [
    ask('memo -D', { says: /memo's manual page, Debian package memo .*-D\/--delete-all deletes/ }),
    ask('memo --delete-all'),
    ask('memo -d 3'),
    ask('fdupes -rdN ./photos', { says: /fdupes -\w*d\w*` deletes/ }), // the duplicates rule (localLosses.ts) speaks first since the merge
    ask('fdupes --delete --noprompt ./photos'),
    ask('jdupes -r -d -N ./scans'),
    ask('sudo fdupes -d ./photos'),
    ask('nice -n 10 memo --delete-done'),
    ask('timeout 30 memo -R'),
    ask("bash -c 'memo -D'"),
    ask('(cd /tmp && memo -D)'),
    ask('env LANG=C memo -D'),
    ask('memo -D && echo done'),
    ask('tmpreaper -f 7d /srv/uploads'),
    ask('bleachbit -w'),
    ask('bleachbit --overwrite firefox.passwords'),
    ask('fastboot -w', { says: /erases/ }), // the devices rule (floorDevices.ts) speaks first since the merge
    ask('fastboot -w flashall'),
    ask('gcp -f notes.txt backup/notes.txt', { says: /gcp -f` overwrites/ }),
    ask('gcp --force notes.txt backup/notes.txt'),
    ask('smpq -d archive.mpq file.txt'),
    ask('dmarcts-report-parser --delete'),
    // look-alikes: the same tools reading, helping, copying, or cleaning only caches and temporary folders
    allow('memo -l'),
    allow('memo --help'),
    allow('memo'),
    allow('fdupes -r ./photos'),
    allow('jdupes -r ./scans'),
    allow('fdupes --help'),
    allow('bleachbit --list-cleaners'),
    allow('bleachbit -p firefox.passwords'),
    allow('fastboot devices'),
    allow('gcp notes.txt backup/notes.txt'),
    allow('dmarcts-report-parser -i'),
    allow('smpq -l archive.mpq'),
    allow('jdupes -r -d -N ~/.cache/pip'),
    allow('tmpreaper 24h /var/tmp/build'),
    allow('tmpreaper --test 7d /srv/uploads'),
  ]);

  decide('a program whose manual\'s name line destroys asks unless a reading, help or dry-run option is used', [
    ask('qdel 1234', { says: /qdel's manual page, Debian package slurm-wlm-torque .*its name line says it deletes/ }),
    ask('sudo qdel 42'),
    ask('qdel -W force 77'),
    ask('mdel a:/notes.txt'),
    ask('mdeltree a:/old'),
    ask('e2rm disk.img:/etc/motd'),
    ask('recdel -t Book books.rec'),
    ask('amqp-delete-queue -q orders'),
    ask('rdiff-backup-delete /backups/etc'),
    ask('tpm2_nvundefine 0x1500016'),
    ask('wimdelete backup.wim 2'),
    ask('dirvish-expire --vault web'),
    ask('kthresher', { says: /its name line says it purges/ }),
    ask('kthresher -v'),
    // look-alikes
    allow('qdel --help'),
    allow('recdel --help'),
    allow('kthresher -d'),
    allow('kthresher --dry-run'),
    allow('kthresher -s'),
    allow('mdir a:'),
  ]);

  decide('a subcommand the manual says destroys asks where the floor\'s own words do not already know it; the same tool\'s other commands stay allowed', [
    ask('arj d backup.arj notes.txt', { says: /arj's manual page/ }),
    ask('sudo arj d backup.arj notes.txt'),
    ask('arj dc backup.arj old/notes.txt'),
    ask('arj k backup.arj'),
    ask('copyq removetab notes'),
    ask('nfacct flush'),
    ask('fastboot erase userdata'),
    ask('duplicity remove-older-than 30D file:///backups'),
    ask('barman delete pg main 20261201T000000'),
    ask('prosodyctl deluser alice@example.org'),
    // look-alikes
    allow('arj l backup.arj'),
    allow('arj a backup.arj notes.txt'),
    allow('arj x backup.arj'),
    allow('copyq tab'),
    allow('nfacct list'),
    allow('ccbuild distclean'),
    allow('prosodyctl adduser alice@example.org'),
    allow('barman list-backup pg'),
  ]);
});
