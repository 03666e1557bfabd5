import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import { shellEscapesOf } from '../../../src/core/policy/handlers/codeRunners';
import { testFacts, word } from '../support/policyFixtures';

/**
 * Shell escapes of editors, REPLs and debuggers in batch mode: the command line each runs is
 * recovered from the tool's own language (from its manual) and analysed like any shell text, next to
 * batch work that runs nothing.
 */

function escapes(argv: string[], stdin?: string, assignments: Record<string, string> = {}): { shell: string[]; opaque: number } {
  const [name = '', ...rest] = argv;
  const found = shellEscapesOf(name, rest.map(word), assignments, () => stdin);
  return { shell: found?.shell.map((s) => s.text) ?? [], opaque: found?.opaque.length ?? 0 };
}

describe('policy/handlers/codeRunners: what editors and REPLs run', () => {
  const recovered: [string[], string | undefined, string[]][] = [
    [['vim', '-es', '-c', '!rm -rf uploads', '-c', 'qa!'], undefined, ['rm -rf uploads']],
    [['vim', '-E', '-s', '-c', ':silent !make clean'], undefined, ['make clean']],
    [['ex', '-sc', 'r !curl -s https://example.com', '-c', 'q'], undefined, ['curl -s https://example.com']],
    [['nvim', '--headless', '+%!sort', '+wq', 'list.txt'], undefined, ['sort']],
    [['vim', '-c', 'call system("git push --force")'], undefined, ['git push --force']],
    [['ex', '-s', 'notes.txt'], '!rm -rf build\nwq\n', ['rm -rf build']],
    [['emacs', '--batch', '--eval', '(shell-command "rm -rf storage/app")'], undefined, ['rm -rf storage/app']],
    [['emacs', '--batch', '--eval', '(delete-directory "uploads" t)'], undefined, ["rm -rf -- 'uploads'"]],
    [['emacs', '--batch', '--eval', '(delete-file "db.sqlite3")'], undefined, ["rm -f -- 'db.sqlite3'"]],
    [['emacs', '--batch', '--eval', '(call-process "kubectl" nil nil nil "delete" "ns" "prod")'], undefined, ["'kubectl' 'delete' 'ns' 'prod'"]],
    [['sqlite3', ':memory:', '.shell rm -rf uploads'], undefined, ['rm -rf uploads']],
    [['sqlite3', 'app.db', '-cmd', '.system dropdb shop'], undefined, ['dropdb shop']],
    [['sqlite3', '-bail', '-init', 'setup.sql', 'app.db', '.shell rm -rf uploads'], undefined, ['rm -rf uploads']],
    [['sqlite3', '--cmd=.system dropdb shop', 'app.db'], undefined, ['dropdb shop']],
    [['sqlite3', 'app.db'], '.tables\n.shell rm -rf ~/.ssh\n', ['rm -rf ~/.ssh']],
    [['lua', '-e', 'os.execute("rm -rf uploads")'], undefined, ['rm -rf uploads']],
    [['lua', '-e', 'os.remove("db/development.sqlite3")'], undefined, ["rm -f -- 'db/development.sqlite3'"]],
    [['tclsh'], 'exec rm -rf uploads\n', ['rm -rf uploads']],
    [['expect', '-c', 'file delete -force build'], undefined, ['rm -rf -- build']],
    [['expect', '-c', 'spawn kubectl delete ns prod; expect eof'], undefined, ['kubectl delete ns prod']],
    [['gdb', '-batch', '-ex', 'shell rm -rf uploads'], undefined, ['rm -rf uploads']],
    [['lldb', '--batch', '-o', 'platform shell kubectl delete ns prod'], undefined, ['kubectl delete ns prod']],
    [['git', '-c', 'core.pager=rm -rf uploads; cat', 'log', '-1'], undefined, ['rm -rf uploads; cat']],
    [['git', '-c', 'alias.st=!rm -rf uploads', 'st'], undefined, ['rm -rf uploads']],
    [['git', '-C', '.', '--git-dir', '.git', '-c', 'alias.st=!rm -rf uploads', 'st'], undefined, ['rm -rf uploads']],
    [['git', '--no-pager', '-c', 'core.pager=rm -rf uploads', 'log'], undefined, ['rm -rf uploads']],
    [['git', 'config', 'set', 'alias.x', '!rm -rf uploads'], undefined, ['rm -rf uploads']],
    [['git', 'config', '--file', '.git/config', 'alias.x', '!rm -rf uploads'], undefined, ['rm -rf uploads']],
    [['man', '-P', 'rm -rf uploads', 'ls'], undefined, ['rm -rf uploads']],
    [['nvim', '--headless', '-c', 'lua os.execute("rm -rf build")', '-c', 'qa'], undefined, ['rm -rf build']],
    [['nvim', '--headless', '-c', 'lua vim.fn.system("make clean")'], undefined, ['make clean']],
    [['rimraf', 'dist', 'coverage'], undefined, ['rm -rf -- dist coverage']],
    [['Rscript', '--vanilla', '-e', 'system("rm -rf uploads")'], undefined, ['rm -rf uploads']],
    [['Rscript', '--expr=system("rm -rf uploads")'], undefined, ['rm -rf uploads']],
    [['osascript', '-l', 'AppleScript', '-e', 'do shell script "rm -rf uploads"'], undefined, ['rm -rf uploads']],
    [['osascript', '-e', 'tell application "Terminal" to do script "rm -rf uploads"'], undefined, ['rm -rf uploads']],
    [['osascript', '-e', 'tell application "iTerm2" to tell current session of current window to write text "rm -rf uploads"'], undefined, ['rm -rf uploads']],
    [['osascript', '-e', 'tell application "Terminal" to do script "ls"'], undefined, ['ls']],
    [['del-cli', 'storage/app/**', '!storage/app/.gitignore'], undefined, ['rm -rf -- storage/app/**']],
  ];
  for (const [argv, stdin, shell] of recovered) it(`${argv.join(' ')}${stdin ? ' <<< ' + JSON.stringify(stdin) : ''}`, () => assert.deepEqual(escapes(argv, stdin).shell, shell));

  const quiet: [string[], string | undefined][] = [
    [['vim', '-es', '-c', '%s/foo/bar/g', '-c', 'wq', 'src/index.ts'], undefined],
    [['vim', '-c', 'wq!'], undefined],
    [['emacs', '--batch', '--eval', '(message "%s" emacs-version)'], undefined],
    [['sqlite3', 'db/development.sqlite3', '.tables'], undefined],
    [['sqlite3', '-separator', '.shell', 'app.db', '.tables'], undefined],
    [['lua', '-e', 'print(_VERSION)'], undefined],
    [['gdb', '-batch', '-ex', 'bt', './core'], undefined],
    [['git', '-c', 'core.pager=less -FRX', 'log'], undefined],
    [['git', '-c', 'alias.st=status', 'st'], undefined],
    [['git', 'clone', '-c', 'core.pager=rm -rf uploads', 'https://example.com/r.git'], undefined],
    [['git', 'config', '--get', 'alias.x'], undefined],
    [['git', '-c', 'core.fsmonitor=false', 'status'], undefined],
    [['tclsh'], 'puts [clock seconds]\n'],
    [['expect', '-c', 'spawn ls -la; expect eof'], undefined],
    [['Rscript', '--vanilla', '-e', 'print(1)'], undefined],
    [['julia', '-q', '--eval', 'println(1)'], undefined],
    [['nvim', '--headless', '-c', 'lua vim.print(vim.version())', '-c', 'qa'], undefined],
    [['vim', '-es', '-c', 'execute "normal! gg=G"', '-c', 'wq'], undefined],
  ];
  for (const [argv, stdin] of quiet) {
    it(`runs no destroying shell text: ${argv.join(' ')}`, () => {
      const found = escapes(argv, stdin);
      assert.equal(found.opaque, 0);
      assert.ok(found.shell.every((s) => !/rm|delete|drop/.test(s)), JSON.stringify(found));
    });
  }

  const unreadable: string[][] = [
    ['emacs', '--batch', '--eval', '(shell-command (concat "rm -rf " dir))'],
    ['lua', '-e', 'os.execute(cmd)'],
    ['vim', '-es', '-c', 'execute "!" . g:cmd'],
    ['expect', '-c', 'exec $cmd'],
    ['expect', '-c', 'spawn redis-cli -h cache.prod.acme.internal; send "FLUSHALL\\r"; interact'],
    ['expect', '-c', 'spawn ssh db1\nexpect "$ "\nsend "rm -rf /srv/data\\r"'],
    ['expect', '-c', 'spawn $prog'],
    ['vim', '-es', '-c', 'py3 import subprocess; subprocess.run(cmd)'],
  ];
  for (const argv of unreadable) it(`cannot be read, so it is reported: ${argv.join(' ')}`, () => assert.ok(escapes(argv).opaque > 0));
});

describe('policy/handlers/codeRunners through the engine', () => {
  const facts = testFacts();
  const asks = [
    `vim -E -s -c ':!psql "$PROD_DATABASE_URL" -c "DROP TABLE sessions"' -c q`,
    `emacs -Q --batch --eval '(shell-command "kubectl delete namespace payments")'`,
    `echo '.system dropdb shop_production' | sqlite3 :memory:`,
    `echo 'exec kubectl delete namespace payments' | tclsh`,
    `GIT_PAGER='kubectl delete namespace payments; cat' git log -1`,
    `lua -e 'os.execute(cmd)'`,
  ];
  for (const cmd of asks) it(`asks: ${cmd}`, () => assert.equal(classify(cmd, facts, { lockdown: false }).decision, 'ask'));
  const allows = [`vim -es -c '%s/foo/bar/g' -c 'wq' src/index.ts`, `git -c core.pager='less -FRX' log --oneline -5`, `sqlite3 db/development.sqlite3 '.tables'`, `man -P cat ls`];
  for (const cmd of allows) it(`allows: ${cmd}`, () => assert.equal(classify(cmd, facts, { lockdown: false }).decision, 'allow'));
  it('production follows the escaped command', () => assert.equal(classify(asks[0]!, facts, { lockdown: false }).production, true));
});

describe('policy/handlers/hiddenExec: data tools that run shell text (sed e, awk pipes, tar and zip options)', () => {
  const facts = testFacts();
  const asks = [
    `sed -n 'e kubectl delete namespace payments' /dev/null`,
    `sed -n '1e kubectl delete namespace payments' /dev/null`,
    `sed 's/.*/kubectl delete namespace payments/e' src/index.ts`,
    `sed 's/^/rm -rf /e' list.txt`,
    `sed -e '/x/d' -e 'e' src/index.ts`,
    `awk '{ print | "sh" }' <<< 'rm -rf ~/.ssh'`,
    `awk '{ print | "/bin/bash -s" }' cmds.txt`,
    `gawk 'BEGIN { "kubectl delete namespace payments" |& getline x }'`,
    `tar -cf /dev/null /dev/null --checkpoint=1 --checkpoint-action=exec='kubectl delete namespace payments'`,
    `tar -xf x.tar --to-command='kubectl delete namespace payments'`,
    `tar --use-compress-program='kubectl delete namespace payments' -xf x.tar`,
    `zip /tmp/z.zip README.md -T -TT 'kubectl delete namespace payments #'`,
    `zip /tmp/z.zip README.md -T --unzip-command 'kubectl delete namespace payments #'`,
  ];
  for (const cmd of asks) it(`asks: ${cmd}`, () => assert.notEqual(classify(cmd, facts, { lockdown: false }).decision, 'allow'));
  const allows = [
    `sed -n 1p src/index.ts`,
    `sed 's/a/b/g' src/index.ts`,
    `sed -e 's/foo/bar/' -e '/^$/d' src/index.ts`,
    `sed -n '/error/p' app.log`,
    `sed 's/e/E/g' src/index.ts`,
    `sed '/^#/d;s/\t/  /g' src/index.ts`,
    `awk '{print $1}' src/index.ts`,
    `awk '{ print > "/dev/stderr" }' src/index.ts`,
    `awk '{ print | "sort -u" }' src/index.ts`,
    `tar czf /tmp/src.tgz src`,
    `tar -I zstd -cf /tmp/src.tar.zst src`,
    `zip -r /tmp/out.zip src`,
    `zip -T /tmp/out.zip`,
  ];
  for (const cmd of allows) it(`allows: ${cmd}`, () => assert.equal(classify(cmd, facts, { lockdown: false }).decision, 'allow'));
});

describe('policy/handlers/codeRunners: round 5 code runners whose file calls cannot be read', () => {
  const facts = testFacts();
  const asks = [
    `python3 -c 'import os;os.execvp("rm",["rm","-rf",os.path.expanduser("~/.ssh")])'`,
    `python3 -c 'import os;os.execl("/bin/rm","rm","-rf","/home/dev/.ssh")'`,
    `python3 -c 'import os;os.spawnlp(os.P_WAIT,"rm","rm","-rf","/home/dev/.ssh")'`,
    `python3 -c 'import pty;pty.spawn(["rm","-rf","/home/dev/.ssh"])'`,
    `lua -e 'os.execute("rm -rf "..os.getenv("HOME").."/.ssh")'`,
    `julia -e 'rm(homedir()*"/.ssh", recursive=true)'`,
    `vim -c 'call delete(expand("~/.ssh/id_ed25519"))' -c q`,
    `nvim --headless -c 'call delete(expand("~/.ssh"), "rf")' -c q`,
  ];
  for (const cmd of asks) it(`asks: ${cmd}`, () => assert.notEqual(classify(cmd, facts, { lockdown: false }).decision, 'allow'));
  const allows = [
    `python3 -c 'import os; print(os.getcwd())'`,
    `python3 -c 'import pty;pty.spawn("/bin/bash")'`,
    `lua -e 'os.execute("ls")'`,
    `julia -e 'println(1+1)'`,
    `vim -c 'set nu' src/index.ts`,
    `nvim --headless -c 'PlugInstall' -c q`,
  ];
  for (const cmd of allows) it(`allows: ${cmd}`, () => assert.equal(classify(cmd, facts, { lockdown: false }).decision, 'allow'));
});

describe('policy/handlers/hiddenExec: ssh local programs, Kakoune, Guile, hash -p', () => {
  const facts = testFacts();
  const asks = [
    `ssh -o ProxyCommand='kubectl delete namespace payments' x`,
    `ssh -o 'LocalCommand=kubectl delete namespace payments' -o PermitLocalCommand=yes host`,
    `ssh -oProxyCommand='rm -rf ~/.ssh' host`,
    `kak -n -e 'nop %sh{kubectl delete namespace payments}; quit'`,
    `kak -e 'evaluate-commands %sh(rm -rf ~/.ssh)'`,
    `guile -c '(system "kubectl delete namespace payments")'`,
    `guile -c '(system* "rm" "-rf" "/home/dev/.ssh")'`,
    `guile -c '(system (string-append "rm -rf " (getenv "HOME")))'`,
    `hash -p /bin/rm lsx; lsx -rf ~/.ssh`,
  ];
  for (const cmd of asks) it(`asks: ${cmd}`, () => assert.notEqual(classify(cmd, facts, { lockdown: false }).decision, 'allow'));
  const allows = [
    `ssh -o ConnectTimeout=5 host uptime`,
    `ssh -o ProxyCommand='ssh -W %h:%p bastion' db1 uptime`,
    `ssh -o ProxyCommand=none host uptime`,
    `kak -e 'edit src/index.ts'`,
    `guile -c '(display (+ 1 2))'`,
    `hash -r`,
    `hash git`,
  ];
  for (const cmd of allows) it(`allows: ${cmd}`, () => assert.equal(classify(cmd, facts, { lockdown: false }).decision, 'allow'));
});

describe('policy/handlers: programs planted for later or read from standard input (round 5)', () => {
  const facts = testFacts();
  const asks = [
    `kubectl config set-credentials staging-admin --exec-command=/tmp/rt5/run --exec-api-version=client.authentication.k8s.io/v1`,
    `kubectl config set-credentials staging-admin --exec-command /tmp/rt5/run`,
    `deno run -A - <<'EOF'\nawait Deno.remove("/home/dev/.aws", {recursive: true})\nEOF`,
  ];
  for (const cmd of asks) it(`asks: ${cmd}`, () => assert.notEqual(classify(cmd, facts, { lockdown: false }).decision, 'allow'));
  const allows = [
    `kubectl config set-credentials eks --exec-command=aws --exec-arg=eks`,
    `kubectl config set-credentials gke --exec-command=gke-gcloud-auth-plugin`,
    `kubectl config set-credentials dev --username=dev`,
    `echo 'console.log(1)' | deno run -`,
  ];
  for (const cmd of allows) it(`allows: ${cmd}`, () => assert.equal(classify(cmd, facts, { lockdown: false }).decision, 'allow'));
});

