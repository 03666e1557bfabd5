import { strict as assert } from 'node:assert';
import { filesPack, classifyPath } from '../../../src/core/rules/files';
import type { CodeSnippet, Finding, Invocation } from '../../../src/core/policy/types';
import { invocation, plainContext, testFacts, word } from '../support/policyFixtures';
import { commandText } from '../support/commandText';
import { runPack } from '../support/packRun';

type Expect = 'none' | 'ask' | 'deny';

/** The pack's findings through the engine's real path: the invocation as the command line it stands for. */
function run(inv: Invocation, facts = testFacts()): Finding[] {
  return runPack(filesPack, commandText(inv), facts).findings;
}

function worst(findings: Finding[]): Expect {
  if (findings.some((f) => f.severity === 'deny')) return 'deny';
  if (findings.some((f) => f.severity === 'ask')) return 'ask';
  return 'none';
}

const existing = testFacts({ files: { '/work/app/notes.txt': 'hello', '/work/app/src/index.ts': 'x', '/work/app/data.json': '{}' } });

const cases: Array<[string[], Expect, string?]> = [
  // recursive deletes
  [['rm', '-rf', '/'], 'deny', 'files.rm-catastrophic'],
  [['rm', '-rf', '--no-preserve-root', '/'], 'deny', 'files.rm-catastrophic'],
  [['rm', '-rf', '/*'], 'deny', 'files.rm-catastrophic'],
  [['rm', '-rf', '~'], 'deny', 'files.rm-catastrophic'],
  [['rm', '-rf', '~/'], 'deny', 'files.rm-catastrophic'],
  [['rm', '-rf', '~/*'], 'deny', 'files.rm-catastrophic'],
  [['rm', '-rf', '$HOME'], 'deny', 'files.rm-catastrophic'],
  [['rm', '-rf', '${HOME}/'], 'deny', 'files.rm-catastrophic'],
  [['rm', '-rf', '/home/dev'], 'deny', 'files.rm-catastrophic'],
  [['rm', '-rf', '/home'], 'deny', 'files.rm-catastrophic'],
  [['rm', '-rf', '/etc'], 'deny', 'files.rm-catastrophic'],
  [['rm', '-rf', '/usr'], 'deny', 'files.rm-catastrophic'],
  [['rm', '-rf', '/var/lib'], 'deny', 'files.rm-catastrophic'],
  [['rm', '-r', '/'], 'deny', 'files.rm-catastrophic'],
  [['rm', '-R', '/boot'], 'deny', 'files.rm-catastrophic'],
  [['rm', '--recursive', '--force', '/opt'], 'deny', 'files.rm-catastrophic'],
  [['rm', '-rf', '../../..'], 'deny', 'files.rm-catastrophic'],
  [['rm', '-rf', '.'], 'ask', 'files.rm-recursive'],
  [['rm', '-rf', '/work/app'], 'ask', 'files.rm-recursive'],
  [['rm', '-rf', '*'], 'ask', 'files.rm-recursive'],
  [['rm', '-rf', './*'], 'ask', 'files.rm-recursive'],
  [['rm', '-rf', '..'], 'ask', 'files.rm-recursive'],
  [['rm', '-rf', '.git'], 'ask', 'files.rm-recursive'],
  [['rm', '-rf', '.git/refs'], 'ask', 'files.rm-recursive'],
  [['rm', '-r', 'src'], 'ask', 'files.rm-recursive'],
  [['rm', '-R', 'docs'], 'ask', 'files.rm-recursive'],
  [['rm', '-rf', 'src/components'], 'ask', 'files.rm-recursive'],
  [['rm', '-rf', '~/projects'], 'ask', 'files.rm-recursive'],
  [['rm', '-rf', '/var/www/html'], 'ask', 'files.rm-recursive'],
  [['rm', '-rf', '$DIR'], 'ask', 'files.rm-recursive'],
  [['rm', '-rf', '$(pwd)'], 'ask', 'files.rm-recursive'],
  [['rm', '-rf', '/tmp'], 'ask', 'files.rm-recursive'],
  [['rm', '-rf', '/tmp/$X'], 'ask', 'files.rm-recursive'],
  [['rm', '-rf', 'node_modules', 'src'], 'ask', 'files.rm-recursive'],
  [['rm', '-rf', '/opt/other/node_modules'], 'ask', 'files.rm-recursive'],
  [['rm', '-fr', 'lib'], 'ask', 'files.rm-recursive'],
  [['rm', '-r', '-f', 'app'], 'ask', 'files.rm-recursive'],
  // routine cleanup passes
  [['rm', '-rf', 'node_modules', 'dist', 'build', '.next', 'coverage'], 'none'],
  [['rm', '-rf', './node_modules'], 'none'],
  [['rm', '-rf', 'packages/web/node_modules'], 'none'],
  [['rm', '-rf', 'dist/*'], 'none'],
  [['rm', '-rf', '/work/app/.turbo'], 'none'],
  [['rm', '-rf', '__pycache__', '.pytest_cache'], 'none'],
  [['rm', '-rf', 'target'], 'none'],
  [['rm', '-rf', '/tmp/build-123'], 'none'],
  [['rm', '-rf', '/tmp/test-$RANDOM'], 'none'],
  [['rm', '-rf', '$TMPDIR/foo'], 'none'],
  [['rm', '-rf', '/var/tmp/cache'], 'none'],
  [['rm', '-f', 'notes.txt'], 'none'],
  [['rm', 'src/old.ts'], 'none'],
  [['rm', '-f', '/tmp/*.json'], 'none'],
  [['rm', '-rf', '/tmp/*'], 'ask', 'files.rm-recursive'],
  [['rm', '-rf', '/tmp/test-*'], 'none'],
  [['rm', '-f', 'dist/*.js'], 'none'],
  [['rmdir', 'empty'], 'none'],
  // non-recursive but broad
  [['rm', '-f', 'docs/*.md'], 'ask', 'files.rm-glob'],
  [['rm', '*.ts'], 'ask', 'files.rm-glob'],
  [['rm', '-f', 'src/**/*.test.ts'], 'ask', 'files.rm-glob'],
  [['rm', '-f', '~/*'], 'deny', 'files.rm-catastrophic'],
  [['rm', '.git/index'], 'ask', 'files.rm-file'],
  [['rm', '-f', '$FILE'], 'ask', 'files.rm-file'],
  // wipes
  [['shred', '-u', 'secrets.txt'], 'ask', 'files.shred'],
  [['shred', '/dev/sda'], 'deny', 'files.shred-device'],
  [['unlink', 'data.json'], 'ask', 'files.unlink'],
  [['unlink', '/tmp/sock'], 'none'],
  [['truncate', '-s', '0', 'app.db'], 'ask', 'files.truncate'],
  [['truncate', '--size=0', 'src/index.ts'], 'ask', 'files.truncate'],
  [['dd', 'if=/dev/zero', 'of=/dev/sda', 'bs=1M'], 'deny', 'files.dd-device'],
  [['dd', 'if=image.iso', 'of=/dev/nvme0n1'], 'deny', 'files.dd-device'],
  [['dd', 'if=/dev/urandom', 'of=/dev/mmcblk0'], 'deny', 'files.dd-device'],
  [['dd', 'if=/dev/zero', 'of=test.img', 'bs=1M', 'count=10'], 'none'],
  [['dd', 'if=x', 'of=/dev/null'], 'none'],
  [['mkfs.ext4', '/dev/sdb1'], 'deny', 'files.format-device'],
  [['mkfs', '-t', 'xfs', '/dev/nvme1n1'], 'deny', 'files.format-device'],
  [['wipefs', '-a', '/dev/sdc'], 'deny', 'files.format-device'],
  [['mkfs.ext4', 'disk.img'], 'ask', 'files.format'],
  [['chmod', '-R', '777', '/'], 'deny', 'files.chmod-recursive'],
  [['chown', '-R', 'nobody', '~'], 'deny', 'files.chown-recursive'],
  [['chmod', '-R', '000', '/etc'], 'deny', 'files.chmod-recursive'],
  [['chmod', '-R', '755', '.'], 'ask', 'files.chmod-recursive'],
  [['chown', '--recursive', 'me:me', '/var/www'], 'ask', 'files.chown-recursive'],
  [['chmod', '-R', '+x', 'scripts'], 'none'],
  [['chmod', '+x', 'deploy.sh'], 'none'],
  [['chmod', '600', '/etc/passwd'], 'none'],
  [['mv', 'src', '/dev/null'], 'ask', 'files.mv-dev-null'],
  [['mv', 'notes.txt', 'archive/notes.txt'], 'none'],
  [['cp', '/dev/null', 'notes.txt'], 'ask', 'files.truncate'],
  [['cp', 'a.txt', 'b.txt'], 'none'],
  // find
  [['find', '.', '-name', '*.log', '-delete'], 'none'],
  [['find', '.', '-type', 'd', '-name', '__pycache__', '-exec', 'rm', '-rf', '{}', '+'], 'none'],
  [['find', '.', '-name', '*.pyc', '-delete'], 'none'],
  [['find', '/tmp/build', '-delete'], 'none'],
  [['find', 'node_modules', '-delete'], 'none'],
  [['find', '.', '-name', '*.ts', '-delete'], 'ask', 'files.find-delete'],
  [['find', '.', '-delete'], 'ask', 'files.find-delete'],
  [['find', 'src', '-type', 'f', '-exec', 'rm', '{}', ';'], 'ask', 'files.find-delete'],
  [['find', '.', '-name', '*.md', '-exec', '/bin/rm', '-f', '{}', '+'], 'ask', 'files.find-delete'],
  [['find', '/var/log', '-name', '*.log', '-delete'], 'ask', 'files.find-delete'],
  [['find', '/', '-name', '*.log', '-delete'], 'deny', 'files.find-delete-catastrophic'],
  [['find', '~', '-type', 'f', '-delete'], 'deny', 'files.find-delete-catastrophic'],
  [['find', '.', '-name', '*.log'], 'none'],
  // Through the engine, find runs `shred {}` on every file it finds: that asks (the pack alone saw no path).
  [['find', '-L', '.', '-name', '*.tmp', '-exec', 'shred', '{}', ';'], 'ask'],
  [['find', '.', '-name', '*.tmp', '-exec', 'unlink', '{}', ';', '-o', '-name', '*.c', '-delete'], 'ask', 'files.find-delete'],
  // unrelated
  [['ls', '-la'], 'none'],
  [['grep', 'rm -rf', 'docs/'], 'none'],
  [['echo', 'rm -rf /'], 'none'],
];

describe('files pack', () => {
  for (const [argv, expected, rule] of cases) {
    it(`${argv.join(' ')} -> ${expected}${rule ? ` (${rule})` : ''}`, () => {
      const findings = run(invocation(argv), existing);
      assert.equal(worst(findings), expected, JSON.stringify(findings));
      if (rule) assert.ok(findings.some((f) => f.rule === rule), `expected ${rule}, got ${findings.map((f) => f.rule).join(',')}`);
    });
  }

  it('names the path in the target and keeps it local', () => {
    const [f] = run(invocation(['rm', '-rf', 'src']));
    assert.equal(f?.targets[0]?.name, 'src');
    assert.equal(f?.targets[0]?.remote, false);
    assert.equal(f?.targets[0]?.environment, 'local');
  });

  it('asks when rm deletes names from standard input (xargs)', () => {
    const findings = runPack(filesPack, 'git ls-files --others | xargs rm -f').findings;
    assert.equal(findings[0]?.rule, 'files.rm-from-input', JSON.stringify(findings));
  });

  it('leaves find -exec placeholders to the find rule', () => {
    const findings = runPack(filesPack, "find . -name '*.log' -exec rm -rf {} ';'").findings;
    assert.ok(findings.every((f) => f.targets.every((t) => !t.name.includes('{}'))), JSON.stringify(findings));
  });

  describe('truncating redirects', () => {
    const redirect = (name: string, args: string[], path: string, op: '>' | '>>' = '>'): Invocation =>
      invocation([name, ...args], { redirects: [{ op, target: word(path) }] });
    const rcases: Array<[Invocation, Expect, string]> = [
      [redirect(':', [], 'notes.txt'), 'ask', ': > existing file'],
      [redirect('', [], 'src/index.ts'), 'ask', '> existing file'],
      [redirect('true', [], 'data.json'), 'ask', 'true > existing file'],
      [redirect('cat', ['/dev/null'], 'notes.txt'), 'ask', 'cat /dev/null > existing file'],
      [redirect(':', [], 'new-file.txt'), 'none', ': > a new file in a known folder'],
      [redirect(':', [], '/tmp/x.log'), 'none', 'scratch'],
      [redirect(':', [], 'notes.txt', '>>'), 'none', 'append'],
      [redirect('echo', ['DROP TABLE x'], 'notes.txt'), 'none', 'echo text > file'],
      [redirect('echo', ['hi'], '/dev/sda'), 'deny', 'redirect onto a disk'],
      [redirect('cat', ['image.iso'], '/dev/sdb'), 'deny', 'cat onto a disk'],
      [redirect('ls', [], '/dev/null'), 'none', 'to /dev/null'],
    ];
    for (const [inv, expected, label] of rcases) {
      it(`${label} -> ${expected}`, () => {
        const facts = testFacts({ files: { '/work/app/notes.txt': 'n', '/work/app/src/index.ts': 'x', '/work/app/data.json': '{}' } });
        assert.equal(worst(run(inv, facts)), expected);
      });
    }
  });

  describe('code that deletes', () => {
    const snippet = (language: CodeSnippet['language'], text: string): CodeSnippet => {
      const runner = invocation([language === 'javascript' ? 'node' : language, '-e', text]);
      return { language, text, runner, origin: { kind: 'command' } };
    };
    const scases: Array<[CodeSnippet['language'], string, Expect]> = [
      ['python', "import shutil; shutil.rmtree('src')", 'ask'],
      ['python', "import shutil; shutil.rmtree('/')", 'deny'],
      ['python', "import shutil; shutil.rmtree('build')", 'none'],
      ['python', "import os; os.remove('notes.txt')", 'ask'],
      ['python', 'import os; os.unlink(path)', 'ask'],
      ['python', "from pathlib import Path; Path('x').unlink()", 'ask'],
      ['python', "import os; os.system('rm -rf src')", 'ask'],
      ['python', "print('hello')", 'none'],
      ['javascript', "require('fs').rmSync('src', { recursive: true, force: true })", 'ask'],
      ['javascript', "require('fs').rmSync('dist', { recursive: true })", 'none'],
      ['javascript', "fs.unlinkSync('package.json')", 'ask'],
      ['javascript', "const rimraf = require('rimraf'); rimraf.sync('lib')", 'ask'],
      ['javascript', "fs.promises.rm(process.argv[2], { recursive: true })", 'ask'],
      ['javascript', "require('child_process').execSync('rm -rf ~/work')", 'ask'],
      ['javascript', "console.log(require('fs').readFileSync('package.json', 'utf8'))", 'none'],
      ['perl', "unlink 'notes.txt'", 'ask'],
      ['perl', "use File::Path; rmtree('src')", 'ask'],
      ['ruby', "require 'fileutils'; FileUtils.rm_rf('app')", 'ask'],
      ['ruby', "File.delete('Gemfile.lock')", 'ask'],
      ['ruby', "FileUtils.rm_rf('tmp')", 'none'],
      ['php', "unlink('index.php');", 'ask'],
      ['sql', 'DELETE FROM users', 'none'],
      ['javascript', "const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'x-'));\nrun(dir);\nfs.rmSync(dir, { recursive: true, force: true });", 'none'],
      ['javascript', "const work = await mkdtemp(join(tmpdir(), 'e2e-'));\nawait fs.promises.rm(path.join(work, 'out'), { recursive: true });", 'none'],
      ['python', 'with tempfile.TemporaryDirectory() as tmp:\n    shutil.rmtree(tmp)', 'none'],
      ['ruby', 'Dir.mktmpdir do |d|\n  FileUtils.rm_rf(d)\nend', 'none'],
      ['javascript', "const target = process.argv[2];\nfs.rmSync(target, { recursive: true });", 'ask'],
      ['javascript', "const tmp = os.tmpdir();\nfs.rmSync(process.env.HOME, { recursive: true });", 'ask'],
    ];
    for (const [language, text, expected] of scases) {
      it(`${language}: ${text} -> ${expected}`, () => {
        const findings = filesPack.checkSnippet?.(snippet(language, text), plainContext()) ?? [];
        assert.equal(worst(findings), expected, JSON.stringify(findings));
      });
    }
  });

  describe('classifyPath', () => {
    const facts = testFacts();
    const pcases: Array<[string, string]> = [
      ['/', 'catastrophic'],
      ['~', 'catastrophic'],
      ['node_modules', 'routine'],
      ['src', 'other'],
      ['.', 'workspace'],
      ['/tmp/x', 'scratch'],
      ['.git', 'git'],
      ['$X', 'dynamic'],
    ];
    for (const [p, cls] of pcases) {
      it(`${p} is ${cls}`, () => assert.equal(classifyPath(word(p), '/work/app', facts).class, cls));
    }

    // A home folder under /tmp (CI runners, containers, test fixtures) is still the home folder.
    const tmpHome = testFacts({ home: '/tmp/ci/home' });
    const homeCases: Array<[string, string]> = [
      ['~/.aws', 'other'],
      ['/tmp/ci/home/.ssh', 'other'],
      ['$HOME/$X', 'dynamic'],
      ['/tmp/ci/home', 'catastrophic'],
      ['/tmp/ci/build', 'scratch'],
      ['/tmp/x', 'scratch'],
    ];
    for (const [p, cls] of homeCases) {
      it(`${p} is ${cls} when HOME is /tmp/ci/home`, () => assert.equal(classifyPath(word(p), '/work/app', tmpHome).class, cls));
    }
    it('rm -rf ~/.aws asks when HOME is under /tmp', () => assert.equal(worst(run(invocation(['rm', '-rf', '~/.aws']), tmpHome)), 'ask'));
  });
});
