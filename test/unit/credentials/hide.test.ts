import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runHide, runUnhide } from '../../../src/cli/hide';
import type { CliIo } from '../../../src/cli/io';
import { AGENT_IGNORE_FILES, MANAGED_BEGIN } from '../../../src/core/credentials/ignoreBlocks';
import { hideCredentialFiles, hideStateFile, unhideCredentialFiles } from '../../../src/node/credentials/hideFiles';
import { fake, makeWorkspace, removeTree } from './fakeSecrets';

function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) {
        out[path.relative(root, abs) + '/'] = '';
        visit(abs);
      } else out[path.relative(root, abs)] = fs.readFileSync(abs, 'latin1');
    }
  };
  visit(root);
  return out;
}

describe('credentials: hide / unhide on disk', function () {
  this.timeout(30_000);
  let root: string;
  let home: string;
  let cacheDir: string;

  beforeEach(() => {
    root = makeWorkspace({
      '.env': `A=${fake.apiToken()}\n`,
      'legacy/config_backup.json': JSON.stringify({ railway: { token: fake.uuid() } }),
      'src/index.ts': 'export {};\n',
      '.cursorignore': '# my own\nnode_modules/\n!important.log',
      '.geminiignore': 'dist\r\n',
      '.aiexclude': '',
      '.claude/settings.json': '{\n  // shared settings\n  "permissions": { "allow": ["Bash(npm test)"] }\n}\n',
    });
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-home-'));
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-cache-'));
  });
  afterEach(() => {
    for (const d of [root, home, cacheDir]) removeTree(d);
  });

  it('hide writes every ignore file and Claude rules; rerun changes nothing; unhide restores byte for byte', async () => {
    const before = snapshot(root);
    const first = await hideCredentialFiles(root, { home, cacheDir });
    assert.deepEqual(first.paths, ['.env', 'legacy/config_backup.json']);
    for (const name of AGENT_IGNORE_FILES) {
      const p = path.join(root, name);
      if (name === '.aiexclude') {
        assert.equal(fs.readFileSync(p, 'utf8'), '', 'an empty .aiexclude already excludes everything and stays');
        continue;
      }
      const text = fs.readFileSync(p, 'utf8');
      assert.ok(text.startsWith(MANAGED_BEGIN), name);
      assert.ok(text.includes('/legacy/config_backup.json\n') && text.includes('/.env\n'), name);
    }
    assert.ok(fs.readFileSync(path.join(root, '.cursorignore'), 'utf8').endsWith('# my own\nnode_modules/\n!important.log'));
    const local = JSON.parse(fs.readFileSync(path.join(root, '.claude', 'settings.local.json'), 'utf8'));
    assert.deepEqual(local.permissions.deny, ['Read(./.env)', 'Read(./legacy/config_backup.json)']);
    assert.equal(fs.readFileSync(path.join(root, '.claude', 'settings.json'), 'utf8'), before['.claude/settings.json'], 'shared settings untouched by default');

    const afterFirst = snapshot(root);
    const second = await hideCredentialFiles(root, { home, cacheDir });
    assert.deepEqual(second.written, []);
    assert.deepEqual(second.created, []);
    assert.deepEqual(snapshot(root), afterFirst);

    unhideCredentialFiles(root, { cacheDir });
    assert.deepEqual(snapshot(root), before);
    assert.equal(fs.existsSync(hideStateFile(cacheDir, root)), false);
  });

  it('--shared writes into .claude/settings.json keeping its comments; unhide restores it', async () => {
    const before = snapshot(root);
    await hideCredentialFiles(root, { home, cacheDir, sharedClaudeSettings: true });
    const shared = fs.readFileSync(path.join(root, '.claude', 'settings.json'), 'utf8');
    assert.ok(shared.includes('// shared settings') && shared.includes('"Read(./.env)"') && shared.includes('Bash(npm test)'));
    assert.equal(fs.existsSync(path.join(root, '.claude', 'settings.local.json')), false);
    unhideCredentialFiles(root, { cacheDir });
    assert.deepEqual(snapshot(root), before);
  });

  it('a new credential file updates the block; the user editing their lines in between is kept', async () => {
    await hideCredentialFiles(root, { home, cacheDir });
    fs.appendFileSync(path.join(root, '.cursorignore'), '\ncoverage/\n');
    fs.writeFileSync(path.join(root, 'prod.tfvars'), 'x = 1\n');
    const t = new Date(Date.now() + 5000);
    fs.utimesSync(root, t, t);
    await hideCredentialFiles(root, { home, cacheDir });
    const text = fs.readFileSync(path.join(root, '.cursorignore'), 'utf8');
    assert.ok(text.includes('/prod.tfvars\n'));
    assert.ok(text.endsWith('!important.log\ncoverage/\n'));
    unhideCredentialFiles(root, { cacheDir });
    assert.equal(fs.readFileSync(path.join(root, '.cursorignore'), 'utf8'), '# my own\nnode_modules/\n!important.log\ncoverage/\n');
  });

  it('without a state file, unhide infers that a file holding only our block was ours', async () => {
    await hideCredentialFiles(root, { home, cacheDir });
    fs.rmSync(hideStateFile(cacheDir, root));
    unhideCredentialFiles(root, { cacheDir });
    assert.equal(fs.existsSync(path.join(root, '.clineignore')), false);
    assert.equal(fs.readFileSync(path.join(root, '.cursorignore'), 'utf8'), '# my own\nnode_modules/\n!important.log');
  });

  it('files and folders hide created are removed by unhide', async () => {
    const bare = makeWorkspace({ '.env': 'A=1\n' });
    try {
      const before = snapshot(bare);
      await hideCredentialFiles(bare, { home, cacheDir });
      assert.ok(fs.existsSync(path.join(bare, '.claude', 'settings.local.json')));
      assert.ok(fs.existsSync(path.join(bare, '.aiexclude')), 'a new .aiexclude lists the files');
      unhideCredentialFiles(bare, { cacheDir });
      assert.deepEqual(snapshot(bare), before);
    } finally {
      removeTree(bare);
    }
  });

  it('a workspace with no credential files gets no files', async () => {
    const clean = makeWorkspace({ 'src/index.ts': 'export {};\n' });
    try {
      await hideCredentialFiles(clean, { home, cacheDir });
      assert.deepEqual(Object.keys(snapshot(clean)).sort(), ['src/', 'src/index.ts']);
    } finally {
      removeTree(clean);
    }
  });

  it('the CLI subcommands', async () => {
    const out: string[] = [];
    const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => out.push(t), readStdin: async () => '', env: { HOME: home, BLAST_SHIELD_HOME: path.join(cacheDir, 'guard') }, cwd: root };
    const before = snapshot(root);
    assert.equal(await runHide([], io), 0);
    assert.match(out.join(''), /2 credential files hidden/);
    assert.ok(fs.existsSync(path.join(root, '.rooignore')));
    assert.equal(await runUnhide(['.'], io), 0);
    assert.deepEqual(snapshot(root), before);
  });
});
