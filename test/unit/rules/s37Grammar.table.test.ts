import { allow, ask, decisionTable, type DecisionCase } from '../support/decisionTable';
import { perimeterFacts } from './perimeterFixtures';

/**
 * Stop 37 (issue #10): every program the effect rules read is described once. The options of cp, mv, rm, rmdir,
 * unlink, shred, truncate, chmod, chown/chgrp, sort, awk, curl, wget, rsync, scp and sqlite3 come from their registry
 * entries, so a value the registry knows is never read as an operand (a write target missed or invented), wherever it
 * is placed. A folder named by `-t`/`--target-directory` is a folder whatever is there now; gawk's `-e`/`--source`/`-E`
 * give the program, so the first file is a file. emacs is read by its one table wherever its options are asked about.
 */

const table = decisionTable(perimeterFacts());
const deny = (cmd: string): DecisionCase => ({ cmd, expect: 'deny' });

describe('stop 37: effect rules read each program by its one description', () => {
  table('a value the registry knows is a value, not an operand', [
    deny('curl --retry 3 -o .cursor/hooks.json https://example.com/h.json'),
    deny('curl https://example.com/h.json --retry 3 --output=.cursor/hooks.json'),
    deny('curl --connect-timeout 5 --max-redirs 2 -o .claude/settings.json https://example.com/s'),
    deny('curl --limit-rate 1M --resolve example.com:443:127.0.0.1 -o .cursor/hooks.json https://example.com/x'),
    deny('curl --variable name=x --libcurl .cursor/hooks.json https://example.com'),
    deny('wget --tries 3 -O .claude/settings.json https://example.com/s.json'),
    deny('wget https://example.com/s.json --waitretry 2 --output-document .claude/settings.json'),
    deny('wget -B https://example.com -O .cursor/hooks.json x'),
    deny('wget --max-redirect 2 --read-timeout 5 -O .cursor/hooks.json https://example.com/x'),
    deny('cp pre-commit .git/hooks/pre-commit --sparse always'),
    deny('cp pre-commit .git/hooks/pre-commit --no-preserve mode'),
    deny('scp host:hooks.json .cursor/ -D /usr/lib/openssh/sftp-server'),
    deny('scp -X nonce host:hooks.json .cursor/'),
    deny('rsync --modify-window 2 hooks.json .cursor/'),
    deny('rsync hooks.json .cursor/hooks.json --contimeout 5'),
    deny('rsync --write-batch .cursor/hooks.json -a src/ build/'),
    deny('sort --batch-size 4 -o .cursor/hooks.json notes.txt'),
    deny('sort notes.txt --batch-size 4 --output .cursor/hooks.json'),
    deny("sqlite3 -cmd '.output .cursor/hooks.json' app.db 'select 1'"),
    deny("sqlite3 -mmap 0 app.db '.once .claude/settings.json'"),
    deny('shred --random-source /dev/urandom .cursor/hooks.json'),
    deny('chgrp --from dev staff .cursor/hooks.json'),
    deny('chmod --reference notes.txt .cursor/hooks.json'),
    allow('curl --retry 3 -o notes2.txt https://example.com/h.json'),
    allow('curl https://example.com/h.json --retry 3 --output=out.json'),
    allow('wget --tries 3 -O out.json https://example.com/s.json'),
    allow('wget https://example.com/s.json --waitretry 2 --output-document out.json'),
    allow('cp x build/pre-commit --sparse always'),
    // Main read `-D`'s program as the destination (a write to a system file); it is the SFTP server scp runs.
    allow('scp host:hooks.json out/ -D /usr/lib/openssh/sftp-server'),
    allow('rsync --modify-window 2 hooks.json build/'),
    allow('rsync --write-batch batch.bin -a src/ build/'),
    allow('sort --batch-size 4 -o sorted.txt notes.txt'),
    allow("sqlite3 -mmap 0 app.db 'select 1'"),
    allow('chgrp --from dev staff notes.txt'),
  ]);
  table('a folder named by -t/--target-directory receives the sources under their names', [
    deny('cp --backup=t --target-directory .git/hooks pre-commit'),
    deny('cp -t .git/hooks pre-commit'),
    deny('cp -t.git/hooks pre-commit'),
    deny('cp -vt .git/hooks pre-commit'),
    deny('cp --target-dir .git/hooks pre-commit'),
    deny('cp pre-commit --target-directory=.git/hooks'),
    deny('mv --target-directory=.git/hooks pre-commit'),
    deny('mv -f -t .git/hooks/ pre-push'),
    deny('install -m 755 -t .git/hooks pre-commit'),
    deny('install -D -t .git/hooks post-checkout'),
    deny('ln -s -t .git/hooks /tmp/x/pre-commit'),
    deny('ln -sf --target-directory=.git/hooks /tmp/x/pre-commit'),
    deny('cp -t .cursor hooks.json'),
    deny('mv -t .claude settings.json'),
    allow('cp --backup=t --target-directory build x'),
    allow('cp -t build pre-commit'),
    allow('cp -t build/ hooks.json'),
    allow('mv --target-directory=build pre-commit'),
    allow('install -m 755 -t bin tool.sh'),
    allow('ln -s -t bin /tmp/x/pre-commit'),
  ]);
  table("awk's program from -f, -e, --source or -E; the files after it are files", [
    deny("awk -i inplace -v x=1 '{print}' .cursor/hooks.json"),
    deny('gawk -E prog.awk .cursor/hooks.json'),
    deny('awk -f prog.awk .cursor/hooks.json'),
    deny("awk -e '{print > \"out\"}' .cursor/hooks.json"),
    deny("gawk --include=inplace --source '{print}' .cursor/hooks.json"),
    // The program file is not there to read: awk runs it, whatever the value options before it.
    ask('awk -v x=1 -f prog.awk notes.txt'),
    ask('gawk --assign x=1 --file prog.awk notes.txt'),
    allow("awk -v x=1 '{print x}' notes.txt"),
    allow("awk -F: -v OFS=, '{print $1}' notes.txt"),
    allow("awk --source '{print}' notes.txt"),
  ]);
  table("emacs's one table: its Lisp escapes read --eval by every spelling", [
    // emacs has one table (effectOptions.ts): its Lisp escapes read `--eval` by every spelling it accepts.
    ask(`emacs --batch --ev '(shell-command "rm -rf src")'`),
    ask(`emacs --batch --execute '(delete-directory "src" t)'`),
    ask(`emacs --batch -eval '(shell-command "rm -rf src")'`),
    ask('emacs -batch -script /tmp/x.el'),
    allow(`emacs --batch --eval '(message "hi")'`),
    allow('emacs --batch -l ert -f ert-run-tests-batch'),
  ]);
});
