import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { classify } from '../../../src/core/policy/classify';
import { gatherFacts } from '../../../src/node/facts';
import { installHost, installShim, uninstallHost } from '../../../src/node/hosts/install';
import { readInstallRegistry, installRegistryPath } from '../../../src/node/hosts/installRegistry';
import { gatherPerimeterFacts } from '../../../src/node/perimeterFacts';

/** The perimeter's facts from a real disk: the install registry, symlink aliases, start-up files from the environment. */
describe('perimeter facts and the install registry', () => {
  let root: string;
  let home: string;
  let guard: string;
  let workspace: string;
  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bs-perimeter-')));
    home = path.join(root, 'home');
    workspace = path.join(root, 'ws');
    fs.mkdirSync(path.join(root, 'data', 'guard'), { recursive: true });
    fs.mkdirSync(home);
    fs.mkdirSync(workspace);
    guard = path.join(home, '.blast-shield');
    fs.symlinkSync(path.join(root, 'data', 'guard'), guard);
    const dist = path.join(root, 'dist');
    fs.mkdirSync(dist);
    fs.writeFileSync(path.join(dist, 'cli.js'), '// launcher\n');
    fs.writeFileSync(path.join(dist, 'cli-main.js'), '// bundle\n');
    installShim({ guardHome: guard, nodePath: process.execPath, cliBundle: path.join(dist, 'cli.js') });
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('install and uninstall keep the registry; a damaged registry reads as empty', () => {
    installHost('cursor', { scope: 'project', workspace, home, guardHome: guard });
    installHost('claude', { scope: 'user', home, guardHome: guard });
    const records = readInstallRegistry(guard);
    assert.deepEqual(records.map((r) => [r.host, r.scope, r.file]), [
      ['cursor', 'project', path.join(workspace, '.cursor', 'hooks.json')],
      ['claude', 'user', path.join(home, '.claude', 'settings.json')],
    ]);
    assert.equal(records[0]!.workspace, workspace);
    uninstallHost('cursor', { scope: 'project', workspace, home, guardHome: guard });
    assert.deepEqual(readInstallRegistry(guard).map((r) => r.host), ['claude']);
    fs.writeFileSync(installRegistryPath(guard), '{ not json');
    assert.deepEqual(readInstallRegistry(guard), []);
  });

  it('carries installed configs, the real path of a symlinked guard home and start-up files named by the environment', () => {
    installHost('cursor', { scope: 'project', workspace, home, guardHome: guard });
    const facts = gatherPerimeterFacts({ guardHome: guard, home, workspaceRoots: [workspace], env: { BASH_ENV: '/etc/bash_env_extra', ZDOTDIR: path.join(root, 'zdot') } });
    assert.ok(facts.installedConfigs.includes(path.join(workspace, '.cursor', 'hooks.json')));
    assert.ok(facts.aliases.some((a) => a.real === path.join(root, 'data', 'guard') && a.path === guard));
    assert.ok(facts.startupFiles.includes('/etc/bash_env_extra'));
    assert.ok(facts.startupFiles.includes(path.join(root, 'zdot', '.zshenv')));
  });

  it('files the start-up files source are start-up files too, two levels deep; a path built from other variables is not followed', () => {
    fs.mkdirSync(path.join(home, 'dotfiles'), { recursive: true });
    fs.writeFileSync(path.join(home, '.bashrc'), [
      '# source /nowhere/commented',
      '[ -f ~/.fzf.bash ] && source ~/.fzf.bash',
      '. "$HOME/dotfiles/aliases.sh"',
      'for rc in ~/.bashrc.d/*; do [ -f "$rc" ] && . "$rc"; done',
      "alias x='ls . foo'",
      '. "$SOMEWHERE/x.sh"',
      '',
    ].join('\n'));
    fs.writeFileSync(path.join(home, 'dotfiles', 'aliases.sh'), 'source ./more.sh\n');
    const facts = gatherPerimeterFacts({ guardHome: guard, home, workspaceRoots: [workspace], env: {} });
    for (const expected of ['.fzf.bash', 'dotfiles/aliases.sh', 'dotfiles/more.sh', '.bashrc.d']) assert.ok(facts.startupFiles.includes(path.join(home, expected)), `${expected}: ${JSON.stringify(facts.startupFiles)}`);
    assert.ok(!facts.startupFiles.some((f) => f.includes('nowhere') || f.endsWith('/foo') || f.includes('SOMEWHERE')), JSON.stringify(facts.startupFiles));
    const all = gatherFacts({ cwd: workspace, workspaceRoots: [workspace], env: { HOME: home, BLAST_SHIELD_HOME: guard }, home });
    assert.equal(classify(`echo 'export X=1' >> ${path.join(home, 'dotfiles', 'aliases.sh')}`, all, { lockdown: false }).decision, 'deny');
    assert.equal(classify(`echo x >> ${path.join(home, 'dotfiles', 'notes.txt')}`, all, { lockdown: false }).decision, 'allow');
  });

  it('deleting the guard home through its real path is denied; the default facts carry the perimeter', () => {
    const facts = gatherFacts({ cwd: workspace, workspaceRoots: [workspace], env: { HOME: home, BLAST_SHIELD_HOME: guard }, home });
    for (const command of [`rm -rf ${path.join(root, 'data', 'guard')}`, `rm -rf ${path.join(root, 'data')}`, `echo x > ${path.join(root, 'zdot', '.zshenv')}`]) {
      const v = classify(command, command.includes('zdot') ? gatherFacts({ cwd: workspace, workspaceRoots: [workspace], env: { HOME: home, BLAST_SHIELD_HOME: guard, ZDOTDIR: path.join(root, 'zdot') }, home }) : facts, { lockdown: false });
      assert.equal(v.decision, 'deny', `${command}: ${JSON.stringify(v.reasons)}`);
    }
  });
});
