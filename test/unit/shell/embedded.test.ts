import { strict as assert } from 'node:assert';
import type { SnippetLanguage } from '../../../src/core/policy/types';
import { DYNAMIC_WORD, findShellOuts, type ShellOut } from '../../../src/core/shell/embedded';

const D = DYNAMIC_WORD;

const table: [SnippetLanguage, string, ShellOut[]][] = [
  // Python
  ['python', 'import os; os.system("rm -rf /")', [{ kind: 'shell', api: 'os.system', text: 'rm -rf /' }]],
  ['python', "os.system('rm -rf ' + path)", [{ kind: 'shell', api: 'os.system', text: `rm -rf ${D}` }]],
  ['python', 'os.popen("ls").read()', [{ kind: 'shell', api: 'os.popen', text: 'ls' }]],
  ['python', 'subprocess.run(["git", "push", "--force"])', [{ kind: 'argv', api: 'subprocess.run', argv: ['git', 'push', '--force'] }]],
  ['python', 'subprocess.run(["rm", "-rf", target])', [{ kind: 'argv', api: 'subprocess.run', argv: ['rm', '-rf', D] }]],
  ['python', "subprocess.call('dropdb app', shell=True)", [{ kind: 'shell', api: 'subprocess.call', text: 'dropdb app' }]],
  ['python', 'subprocess.check_output(["ls"])', [{ kind: 'argv', api: 'subprocess.check_output', argv: ['ls'] }]],
  ['python', 'subprocess.Popen(cmd, shell=True)', [{ kind: 'dynamic', api: 'subprocess.Popen' }]],
  ['python', "os.system(f'rm -rf {d}')", [{ kind: 'shell', api: 'os.system', text: `rm -rf ${D}` }]],
  ['python', 'os.system(r"rm -rf C:\\x")', [{ kind: 'shell', api: 'os.system', text: 'rm -rf C:\\x' }]],
  ['python', 'os.system("""rm -rf /tmp/a""")', [{ kind: 'shell', api: 'os.system', text: 'rm -rf /tmp/a' }]],
  ['python', "os.system('rm ' '-rf x')", [{ kind: 'shell', api: 'os.system', text: 'rm -rf x' }]],
  ['python', 'from subprocess import run\nrun(["rm", "x"])', [{ kind: 'argv', api: 'run', argv: ['rm', 'x'] }]],
  // Module and function aliases are the same calls; concatenated literals are one string.
  ['python', "import subprocess as s; s.call('redis-cli FLUSH'+'ALL', shell=True)", [{ kind: 'shell', api: 'subprocess.call', text: 'redis-cli FLUSHALL' }]],
  ['python', "import os as o\no.system('rm -rf build')", [{ kind: 'shell', api: 'os.system', text: 'rm -rf build' }]],
  ['python', "from subprocess import call as c\nc('dropdb app', shell=True)", [{ kind: 'shell', api: 'call', text: 'dropdb app' }]],
  ['python', 'import subprocess as sp\nsp.run(cmd, shell=True)', [{ kind: 'dynamic', api: 'subprocess.run' }]],
  ['python', "import json as s; s.call('rm -rf x')", []],
  ['python', "import subprocess as s\nprint(s.__doc__)\nsense.call('rm -rf x')", []],
  ['python', 'run(["rm", "x"])', []],
  ['python', '# os.system("rm -rf /")\nprint(1)', []],
  ['python', 'shutil.rmtree("x")', []],
  // JavaScript
  ['javascript', 'require("child_process").execSync("rm -rf /")', [{ kind: 'shell', api: 'execSync', text: 'rm -rf /' }]],
  ['javascript', "const { exec } = require('child_process'); exec('git push -f')", [{ kind: 'shell', api: 'exec', text: 'git push -f' }]],
  ['javascript', "cp.exec(`rm -rf ${dir}`)", [{ kind: 'shell', api: 'exec', text: `rm -rf ${D}` }]],
  ['javascript', "spawnSync('git', ['push', '--force'])", [{ kind: 'argv', api: 'spawnSync', argv: ['git', 'push', '--force'] }]],
  ['javascript', "spawn('ls')", [{ kind: 'shell', api: 'spawn', text: 'ls' }]],
  ['javascript', "execFileSync('rm', ['-rf', dir])", [{ kind: 'argv', api: 'execFileSync', argv: ['rm', '-rf', D] }]],
  ['javascript', 'execSync(command)', [{ kind: 'dynamic', api: 'execSync' }]],
  ['javascript', "/a/.exec('text')", []],
  ['javascript', "db.exec('DROP TABLE x')", []],
  ['javascript', 'await $`rm -rf ${dir}/out`', [{ kind: 'shell', api: '$`...`', text: `rm -rf ${D}/out` }]],
  ['javascript', "Bun.spawnSync(['rm', '-rf', 'x'])", [{ kind: 'argv', api: 'spawnSync', argv: ['rm', '-rf', 'x'] }]],
  ['javascript', "new Deno.Command('rm', { args: ['-rf', 'x'] })", [{ kind: 'argv', api: 'Deno.Command', argv: ['rm', '-rf', 'x'] }]],
  ['javascript', "execa('rm', ['-rf', 'x'])", [{ kind: 'argv', api: 'execa', argv: ['rm', '-rf', 'x'] }]],
  ['javascript', "// execSync('rm -rf /')\nconsole.log(1)", []],
  ['javascript', "execSync('rm -rf a' + suffix)", [{ kind: 'shell', api: 'execSync', text: `rm -rf a${D}` }]],
  // Ruby
  ['ruby', 'system("rm -rf tmp")', [{ kind: 'shell', api: 'system', text: 'rm -rf tmp' }]],
  ['ruby', "system 'rm -rf tmp'", [{ kind: 'shell', api: 'system', text: 'rm -rf tmp' }]],
  ['ruby', "system('rm', '-rf', dir)", [{ kind: 'argv', api: 'system', argv: ['rm', '-rf', D] }]],
  ['ruby', 'out = `rm -rf #{dir}`', [{ kind: 'shell', api: '`...`', text: `rm -rf ${D}` }]],
  ['ruby', '%x(git push -f)', [{ kind: 'shell', api: '%x', text: 'git push -f' }]],
  ['ruby', 'Open3.capture2("dropdb app")', [{ kind: 'shell', api: 'Open3.capture2', text: 'dropdb app' }]],
  ['ruby', 'system("rm -rf #{dir}")', [{ kind: 'shell', api: 'system', text: `rm -rf ${D}` }]],
  // Perl
  ['perl', 'system("rm", "-rf", "x");', [{ kind: 'argv', api: 'system', argv: ['rm', '-rf', 'x'] }]],
  ['perl', 'system "rm -rf $dir";', [{ kind: 'shell', api: 'system', text: `rm -rf ${D}` }]],
  ['perl', "my $x = `rm -rf cache`;", [{ kind: 'shell', api: '`...`', text: 'rm -rf cache' }]],
  ['perl', 'qx{git reset --hard};', [{ kind: 'shell', api: 'qx', text: 'git reset --hard' }]],
  ['perl', "system('rm -rf $x');", [{ kind: 'shell', api: 'system', text: 'rm -rf $x' }]],
  // PHP
  ['php', '<?php shell_exec("rm -rf uploads");', [{ kind: 'shell', api: 'shell_exec', text: 'rm -rf uploads' }]],
  ['php', "exec('git push --force');", [{ kind: 'shell', api: 'exec', text: 'git push --force' }]],
  ['php', 'passthru("dropdb $db");', [{ kind: 'shell', api: 'passthru', text: `dropdb ${D}` }]],
  ['php', '$out = `ls -la`;', [{ kind: 'shell', api: '`...`', text: 'ls -la' }]],
  ['php', '$pdo->exec("DROP TABLE x");', []],
  // Not scanned
  ['sql', "SELECT system('rm')", []],
];

describe('shell-outs in interpreter code', () => {
  for (const [language, code, expected] of table) {
    it(`${language}: ${code.replace(/\n/g, '\\n').slice(0, 70)}`, () => {
      assert.deepEqual(findShellOuts(language, code), expected);
    });
  }

  it('stops at the cap', () => {
    const code = Array.from({ length: 200 }, (_, i) => `os.system("echo ${i}")`).join('\n');
    assert.equal(findShellOuts('python', code, 64).length, 64);
  });
});
