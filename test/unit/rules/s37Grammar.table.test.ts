import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import { perimeterFacts, show } from './perimeterFixtures';

/**
 * Stop 37 (issue #10): every program the effect rules read is described once. The options of cp, mv, rm, rmdir,
 * unlink, shred, truncate, chmod, chown/chgrp, sort, awk, curl, wget, rsync, scp and sqlite3 come from their registry
 * entries, so a value the registry knows is never read as an operand (a write target missed or invented), wherever it
 * is placed. A folder named by `-t`/`--target-directory` is a folder whatever is there now; gawk's `-e`/`--source`/`-E`
 * give the program, so the first file is a file. emacs is read by its one table wherever its options are asked about.
 */

const DENIED: Readonly<Record<string, readonly string[]>> = {
  'a value the registry knows is a value, not an operand': [
    'curl --retry 3 -o .cursor/hooks.json https://example.com/h.json',
    'curl https://example.com/h.json --retry 3 --output=.cursor/hooks.json',
    'curl --connect-timeout 5 --max-redirs 2 -o .claude/settings.json https://example.com/s',
    'curl --limit-rate 1M --resolve example.com:443:127.0.0.1 -o .cursor/hooks.json https://example.com/x',
    'curl --variable name=x --libcurl .cursor/hooks.json https://example.com',
    'wget --tries 3 -O .claude/settings.json https://example.com/s.json',
    'wget https://example.com/s.json --waitretry 2 --output-document .claude/settings.json',
    'wget -B https://example.com -O .cursor/hooks.json x',
    'wget --max-redirect 2 --read-timeout 5 -O .cursor/hooks.json https://example.com/x',
    'cp pre-commit .git/hooks/pre-commit --sparse always',
    'cp pre-commit .git/hooks/pre-commit --no-preserve mode',
    'scp host:hooks.json .cursor/ -D /usr/lib/openssh/sftp-server',
    'scp -X nonce host:hooks.json .cursor/',
    'rsync --modify-window 2 hooks.json .cursor/',
    'rsync hooks.json .cursor/hooks.json --contimeout 5',
    'rsync --write-batch .cursor/hooks.json -a src/ build/',
    'sort --batch-size 4 -o .cursor/hooks.json notes.txt',
    'sort notes.txt --batch-size 4 --output .cursor/hooks.json',
    "sqlite3 -cmd '.output .cursor/hooks.json' app.db 'select 1'",
    "sqlite3 -mmap 0 app.db '.once .claude/settings.json'",
    'shred --random-source /dev/urandom .cursor/hooks.json',
    'chgrp --from dev staff .cursor/hooks.json',
    'chmod --reference notes.txt .cursor/hooks.json',
  ],
  'a folder named by -t/--target-directory receives the sources under their names': [
    'cp --backup=t --target-directory .git/hooks pre-commit',
    'cp -t .git/hooks pre-commit',
    'cp -t.git/hooks pre-commit',
    'cp -vt .git/hooks pre-commit',
    'cp --target-dir .git/hooks pre-commit',
    'cp pre-commit --target-directory=.git/hooks',
    'mv --target-directory=.git/hooks pre-commit',
    'mv -f -t .git/hooks/ pre-push',
    'install -m 755 -t .git/hooks pre-commit',
    'install -D -t .git/hooks post-checkout',
    'ln -s -t .git/hooks /tmp/x/pre-commit',
    'ln -sf --target-directory=.git/hooks /tmp/x/pre-commit',
    'cp -t .cursor hooks.json',
    'mv -t .claude settings.json',
  ],
  "awk's program from -f, -e, --source or -E; the files after it are files": [
    "awk -i inplace -v x=1 '{print}' .cursor/hooks.json",
    'gawk -E prog.awk .cursor/hooks.json',
    'awk -f prog.awk .cursor/hooks.json',
    "awk -e '{print > \"out\"}' .cursor/hooks.json",
    "gawk --include=inplace --source '{print}' .cursor/hooks.json",
  ],
};

const ASKED: readonly string[] = [
  // The program file is not there to read: awk runs it, whatever the value options before it.
  'awk -v x=1 -f prog.awk notes.txt',
  'gawk --assign x=1 --file prog.awk notes.txt',
  // emacs has one table (effectOptions.ts): its Lisp escapes read `--eval` by every spelling it accepts.
  `emacs --batch --ev '(shell-command "rm -rf src")'`,
  `emacs --batch --execute '(delete-directory "src" t)'`,
  `emacs --batch -eval '(shell-command "rm -rf src")'`,
  'emacs -batch -script /tmp/x.el',
];

const ALLOWED: readonly string[] = [
  'curl --retry 3 -o notes2.txt https://example.com/h.json',
  'curl https://example.com/h.json --retry 3 --output=out.json',
  'wget --tries 3 -O out.json https://example.com/s.json',
  'wget https://example.com/s.json --waitretry 2 --output-document out.json',
  'cp --backup=t --target-directory build x',
  'cp -t build pre-commit',
  'cp -t build/ hooks.json',
  'mv --target-directory=build pre-commit',
  'install -m 755 -t bin tool.sh',
  'ln -s -t bin /tmp/x/pre-commit',
  'cp x build/pre-commit --sparse always',
  // Main read `-D`'s program as the destination (a write to a system file); it is the SFTP server scp runs.
  'scp host:hooks.json out/ -D /usr/lib/openssh/sftp-server',
  'rsync --modify-window 2 hooks.json build/',
  'rsync --write-batch batch.bin -a src/ build/',
  'sort --batch-size 4 -o sorted.txt notes.txt',
  "sqlite3 -mmap 0 app.db 'select 1'",
  'chgrp --from dev staff notes.txt',
  "awk -v x=1 '{print x}' notes.txt",
  "awk -F: -v OFS=, '{print $1}' notes.txt",
  "awk --source '{print}' notes.txt",
  `emacs --batch --eval '(message "hi")'`,
  'emacs --batch -l ert -f ert-run-tests-batch',
];

describe('stop 37: effect rules read each program by its one description', () => {
  const facts = perimeterFacts();
  for (const [family, commands] of Object.entries(DENIED)) {
    describe(family, () => {
      for (const command of commands) {
        it(`denies: ${command}`, () => {
          const v = classify(command, facts, { lockdown: false });
          assert.equal(v.decision, 'deny', show(v));
        });
      }
    });
  }
  for (const command of ASKED) {
    it(`asks: ${command}`, () => {
      const v = classify(command, facts, { lockdown: false });
      assert.equal(v.decision, 'ask', show(v));
    });
  }
  for (const command of ALLOWED) {
    it(`allows: ${command}`, () => {
      const v = classify(command, facts, { lockdown: false });
      assert.equal(v.decision, 'allow', show(v));
    });
  }
});
