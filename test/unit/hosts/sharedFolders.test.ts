import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { HostId } from '../../../src/core/protocol/ipc';
import { installHost, uninstallHost } from '../../../src/node/hosts/install';
import type { InstallContext } from '../../../src/node/hosts/installCommon';

/** Every path under `root`, sorted: the tree a user would see. */
function tree(root: string): string[] {
  const out: string[] = [];
  const visit = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const rel = path.relative(root, path.join(dir, e.name));
      out.push(e.isDirectory() ? rel + '/' : rel);
      if (e.isDirectory()) visit(path.join(dir, e.name));
    }
  };
  visit(root);
  return out.sort();
}

describe('hosts: folders shared by two hosts are removed by whichever uninstall comes last', () => {
  // VS Code and Copilot CLI both keep their project file in .github/hooks/.
  const orders: { what: string; install: HostId[]; uninstall: HostId[] }[] = [
    { what: 'same order', install: ['copilot', 'vscode'], uninstall: ['copilot', 'vscode'] },
    { what: 'reverse order', install: ['copilot', 'vscode'], uninstall: ['vscode', 'copilot'] },
    { what: 'all hosts, install order', install: ['cursor', 'claude', 'vscode', 'copilot', 'cline'], uninstall: ['cursor', 'claude', 'vscode', 'copilot', 'cline'] },
  ];
  for (const { what, install, uninstall } of orders) {
    it(`${what}: the workspace tree after install + uninstall equals the tree before`, () => {
      const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bs-shared-')));
      const workspace = path.join(base, 'ws');
      fs.mkdirSync(path.join(workspace, 'src'), { recursive: true });
      fs.writeFileSync(path.join(workspace, 'src', 'index.ts'), 'export {};\n');
      const ctx: InstallContext = { scope: 'project', workspace, home: path.join(base, 'home'), guardHome: path.join(base, 'guard') };
      try {
        const before = tree(workspace);
        for (const host of install) installHost(host, ctx);
        assert.ok(fs.existsSync(path.join(workspace, '.github', 'hooks')));
        for (const host of uninstall) uninstallHost(host, ctx);
        assert.deepEqual(tree(workspace), before);
      } finally {
        fs.rmSync(base, { recursive: true, force: true });
      }
    });
  }

  it('a folder the user had before stays', () => {
    const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bs-shared-')));
    const workspace = path.join(base, 'ws');
    fs.mkdirSync(path.join(workspace, '.github'), { recursive: true });
    const ctx: InstallContext = { scope: 'project', workspace, home: path.join(base, 'home'), guardHome: path.join(base, 'guard') };
    try {
      installHost('copilot', ctx);
      installHost('vscode', ctx);
      uninstallHost('copilot', ctx);
      uninstallHost('vscode', ctx);
      assert.deepEqual(tree(workspace), ['.github/']);
    } finally {
      fs.rmSync(base, { recursive: true, force: true });
    }
  });
});
