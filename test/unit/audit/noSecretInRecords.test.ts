import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { HOST_IDS, IPC_PROTOCOL_VERSION, type HostId } from '../../../src/core/protocol/ipc';
import { createRealEngine } from '../../../src/hook/realEngine';
import { runHook } from '../../../src/hook/runHook';
import { loadCredentialCacheSync } from '../../../src/node/credentials/credentialCache';
import { GUARD_PATHS } from '../../../src/node/guardHome';
import { abstractEndpoint, writeDiscoveryRecord } from '../../../src/node/ipc/discovery';
import { fake, randomChars } from '../credentials/fakeSecrets';
import { fixtureText, inProcessEditor, makeTempHome, type TempHome } from '../hosts/support';

/**
 * Secrets planted in a workspace's credential files (assembled at run time) and then used by an agent
 * in every shape a command can take. No output may carry a value: the hook's stdout and stderr for
 * every host, the audit log, the bytes of the request to the editor, and `check` in text, JSON and
 * JSON lines.
 */

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

/** The shell tool fixture of each host, with its command replaced (also inside JSON-encoded strings). */
function shellPayload(host: HostId, t: TempHome, command: string): string {
  const name = { claude: 'Bash.git-status', cursor: 'beforeShellExecution.git-status', vscode: 'run_in_terminal.git-status', copilot: 'bash.git-status', cline: 'execute_command.git-status', gemini: 'run_shell_command.git-status', codex: 'Bash.git-status', windsurf: 'pre_run_command.git-status', 'vscode-agent': 'bash.git-status' }[host];
  const swap = (v: unknown): unknown => {
    if (v === 'git status') return command;
    if (typeof v === 'string' && v.startsWith('{') && v.includes('git status')) return JSON.stringify(swap(JSON.parse(v)));
    if (Array.isArray(v)) return v.map(swap);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, swap(x)]));
    return v;
  };
  const payload = JSON.stringify(swap(JSON.parse(fixtureText(host, name, t.home))));
  assert.ok(payload.includes(JSON.stringify(command).slice(1, -1)) || payload.includes(JSON.stringify(JSON.stringify(command)).slice(1, -1)), `${host}: the command was placed`);
  return payload;
}

describe('no secret in any record: planted credentials in 31 command shapes (glued and affixed ones too), every output grepped', function () {
  this.timeout(120000);
  let t: TempHome;
  let token: string;
  let password: string;
  let stripe: string;
  let github: string;
  let secrets: string[];
  let commands: string[];
  let requests: string[];
  let server: net.Server;

  before(() => {
    t = makeTempHome();
    token = fake.uuid();
    password = randomChars(20);
    stripe = fake.stripeKey();
    github = fake.githubToken();
    secrets = [token, password, stripe, github];
    fs.mkdirSync(path.join(t.workspace, 'legacy'), { recursive: true });
    fs.mkdirSync(path.join(t.workspace, '.git'), { recursive: true });
    fs.writeFileSync(path.join(t.workspace, 'legacy', 'config_backup.json'), JSON.stringify({ railway: { apiToken: token } }, null, 2));
    fs.writeFileSync(path.join(t.workspace, '.env.production'), `DATABASE_URL=${fake.postgresUrl(password)}\nSTRIPE_SECRET_KEY=${stripe}\nGITHUB_TOKEN=${github}\n`);
    fs.mkdirSync(t.guardHome, { recursive: true, mode: 0o700 });
    const index = loadCredentialCacheSync(t.workspace, { home: t.home, cacheDir: GUARD_PATHS.cacheDir(t.guardHome), secretlint: false });
    assert.ok(Object.keys(index.files).length >= 2, 'the planted credential files are indexed');
    const T = token;
    const P = password;
    const K = stripe;
    commands = [
      `echo ${T}`,
      `git status # ${T}`,
      `echo "${T}`, // unparseable: an unterminated quote
      `curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer ${T}" -d '{"query":"mutation { volumeDelete(volumeId: \\"3f1c\\") }"}'`,
      `curl -H "X-Api-Key: ${K}" https://api.example.com/v1/charges`,
      `RAILWAY_TOKEN=${T} railway down`,
      `env DEPLOY_SECRET=${T} ./deploy.sh`,
      `psql ${fake.postgresUrl(P)} -c "DROP TABLE orders"`,
      `cat <<EOF > notes.txt\nthe token is ${T}\nEOF`,
      `curl -d '{"token":"${T}","amount":1}' https://api.example.com/charge`,
      `printf '%s' ${T} | base64`,
      `export STRIPE_KEY=${K}`,
      `mysql -uroot -p${P} -e 'drop database shop'`,
      `wget "https://api.example.com/export?access_token=${T}"`,
      `node -e "fetch('https://api.example.com', { headers: { authorization: '${T}' } })"`,
      `python3 -c "print('${T}')"`,
      `bash -c 'echo ${T} > /tmp/t'`,
      `ssh db1 "echo ${P}"`,
      `docker run -e STRIPE=${K} alpine env`,
      `git commit -m "rotate ${T}"`,
      `rm -rf data # ${T}`,
      `kubectl create secret generic rw --from-literal=token=${T}`,
      `echo ${github} | gh auth login --with-token`,
      `curl -u admin:${P} https://db.prod.example.com/admin/drop`,
      `aws s3 rm s3://prod-bucket --recursive # ${K}`,
      // Glued or affixed: no whole word equals the value.
      `echo "the password is ${P}."`,
      `echo ${P}!`,
      `echo x${P}`,
      `printf '%s\\n' -${P}-`,
      `export OLD_TOKEN=${T}_old`,
      `psql postgres://app:${P}z@db.prod.example.com/app -c "DROP TABLE orders"`,
    ];
    assert.ok(commands.length >= 20);
  });
  after(() => {
    server?.close();
    t.cleanup();
  });

  const leaks = (label: string, text: string): void => {
    for (const s of secrets) assert.ok(!text.includes(s), `${label} carries a planted secret (${s.slice(0, 4)}…)`);
  };

  it('the hook of every host: stdout, stderr, the audit log and the request bytes sent to the editor', async () => {
    requests = [];
    const endpoint = abstractEndpoint('bs-secrets-test-', randomChars(100).toLowerCase());
    server = net.createServer((s) => {
      let buf = '';
      s.on('data', (d) => {
        buf += d.toString('utf8');
        const nl = buf.indexOf('\n');
        if (nl < 0) return;
        requests.push(buf.slice(0, nl));
        const id = (JSON.parse(buf.slice(0, nl)) as { id: string }).id;
        s.end(JSON.stringify({ type: 'decision', id, decision: 'deny', reason: 'not now', actionDigest: '0'.repeat(64) }) + '\n');
      });
    });
    await new Promise<void>((r) => server.listen(endpoint, () => r()));
    writeDiscoveryRecord(t.guardHome, { version: IPC_PROTOCOL_VERSION, pid: process.pid, appName: 'test', workspaceFolders: [t.workspace], endpoint, token: 'x', createdAt: new Date().toISOString() });
    const engine = createRealEngine(t.env);
    let asked = 0;
    for (const host of HOST_IDS) {
      for (const command of commands) {
        const before = requests.length;
        const r = await runHook(host, shellPayload(host, t, command), t.env, { engine, verifier: inProcessEditor });
        leaks(`${host} stdout for ${JSON.stringify(command.slice(0, 30))}`, r.stdout);
        leaks(`${host} stderr for ${JSON.stringify(command.slice(0, 30))}`, r.stderr ?? '');
        asked += requests.length - before;
      }
    }
    // Tool calls that are not shell commands: an MCP input, a file write, a fetched URL (Claude Code).
    const claude = JSON.parse(fixtureText('claude', 'Bash.git-status', t.home)) as Record<string, unknown>;
    const tools: Array<[string, unknown]> = [
      ['mcp__railway__volume_delete', { volumeId: 'vol-1', apiToken: token }],
      ['mcp__shell__run', { command: `curl -H "Authorization: Bearer ${token}" https://backboard.railway.app/graphql/v2 -d 'mutation { volumeDelete }'` }],
      ['Write', { file_path: path.join(t.workspace, 'src', 'config.ts'), content: `export const key = '${stripe}';\n` }],
      ['WebFetch', { url: `https://api.example.com/?token=${token}`, prompt: 'read it' }],
    ];
    for (const [tool, input] of tools) {
      const r = await runHook('claude', JSON.stringify({ ...claude, tool_name: tool, tool_input: input }), t.env, { engine, verifier: inProcessEditor });
      leaks(`claude ${tool} stdout`, r.stdout);
      leaks(`claude ${tool} stderr`, r.stderr ?? '');
    }
    assert.ok(asked >= 10, `asks reached the editor (${asked})`);
    for (const bytes of requests) leaks('a request to the editor', bytes);
    leaks('the audit log', fs.readFileSync(path.join(t.guardHome, 'audit.jsonl'), 'utf8'));
    leaks('the audit failures', fs.existsSync(path.join(t.guardHome, 'audit.failures')) ? fs.readFileSync(path.join(t.guardHome, 'audit.failures'), 'utf8') : '');
    // The editor can still say where a value came from: known values travel as their salted hash.
    assert.ok(requests.some((r) => /\[REDACTED:[A-Za-z0-9_-]{22}\]/.test(r)), 'a known value is sent as its index hash');
  });

  it('check: text, JSON and JSON lines', function () {
    if (!fs.existsSync(CLI)) this.skip();
    const env = { ...process.env, ...t.env };
    delete env.NODE_OPTIONS;
    for (const command of commands) {
      for (const mode of [[], ['--json']]) {
        const r = spawnSync(process.execPath, [CLI, 'check', ...mode, '--', command], { cwd: t.workspace, env, encoding: 'utf8' });
        leaks(`check ${mode.join(' ')} for ${JSON.stringify(command.slice(0, 30))}`, r.stdout + r.stderr);
      }
    }
    const lines = commands.map((command) => JSON.stringify({ command, cwd: t.workspace })).join('\n') + '\n';
    const r = spawnSync(process.execPath, [CLI, 'check', '--jsonl'], { cwd: t.workspace, env, input: lines, encoding: 'utf8' });
    assert.equal(r.stdout.trim().split('\n').length, commands.length);
    leaks('check --jsonl', r.stdout + r.stderr);
  });

  it('the hook as a real process, for every host', function () {
    if (!fs.existsSync(CLI)) this.skip();
    const env = { ...process.env, ...t.env };
    delete env.NODE_OPTIONS;
    for (const host of HOST_IDS) {
      for (const command of [commands[0] as string, commands[1] as string, commands[2] as string, commands[7] as string]) {
        const r = spawnSync(process.execPath, [CLI, 'hook', host], { cwd: t.workspace, env, input: shellPayload(host, t, command), encoding: 'utf8', timeout: 60000 });
        leaks(`${host} hook process`, r.stdout + r.stderr);
      }
    }
    leaks('the audit log', fs.readFileSync(path.join(t.guardHome, 'audit.jsonl'), 'utf8'));
  });
});
