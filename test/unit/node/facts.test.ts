import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gatherFacts, readTextFile, currentKubeContext, loadProductionMap } from '../../../src/node/facts';

describe('gatherFacts', () => {
  let dir: string;
  let home: string;
  let guard: string;
  let ws: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-facts-'));
    home = path.join(dir, 'home');
    guard = path.join(dir, 'guard');
    ws = path.join(dir, 'ws');
    fs.mkdirSync(path.join(home, '.kube'), { recursive: true });
    fs.mkdirSync(guard, { recursive: true });
    fs.mkdirSync(path.join(ws, '.git'), { recursive: true });
    fs.mkdirSync(path.join(ws, 'src'), { recursive: true });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const env = (extra: Record<string, string> = {}) => ({ BLAST_SHIELD_HOME: guard, HOME: home, ...extra });

  it('keeps only names of the environment, and values of allowlisted selectors', () => {
    const secret = 'sk_' + 'live_' + Math.random().toString(36).slice(2);
    const facts = gatherFacts({ cwd: ws, env: env({ STRIPE_KEY: secret, NODE_ENV: 'production', AWS_PROFILE: 'acme-prod' }), home });
    assert.ok(facts.envNames.includes('STRIPE_KEY'));
    assert.deepEqual(facts.envSelectors, { NODE_ENV: 'production', AWS_PROFILE: 'acme-prod' });
    assert.ok(!JSON.stringify({ ...facts, production: facts.production }).includes(secret));
  });

  it('tells two names of one file apart from two files by device and inode (hard links, stop 36)', () => {
    const hooks = path.join(ws, '.cursor', 'hooks.json');
    fs.mkdirSync(path.dirname(hooks));
    fs.writeFileSync(hooks, '{}');
    const other = path.join(dir, 'hl');
    fs.linkSync(hooks, other);
    fs.writeFileSync(path.join(ws, 'src', 'a.ts'), 'x');
    const facts = gatherFacts({ cwd: ws, env: env(), home });
    const a = facts.fileIdentity!(other);
    const b = facts.fileIdentity!(hooks);
    assert.ok(a && a.kind === 'file' && b && b.kind === 'file');
    assert.equal(a.links, 2);
    assert.deepEqual([a.device, a.inode], [b.device, b.inode]);
    const plain = facts.fileIdentity!(path.join(ws, 'src', 'a.ts'));
    assert.ok(plain && plain.kind === 'file' && plain.links === 1 && plain.inode !== a.inode);
    assert.deepEqual(facts.fileIdentity!(path.join(ws, 'nothing')), { kind: 'missing' });
    assert.equal(facts.fileIdentity!(path.join(ws, 'src'))?.kind, 'directory');
  });

  it('finds the enclosing repository as the workspace root', () => {
    const facts = gatherFacts({ cwd: path.join(ws, 'src'), env: env(), home });
    assert.deepEqual(facts.workspaceRoots, [ws]);
    assert.deepEqual(gatherFacts({ cwd: ws, env: env(), home, workspaceRoots: ['/x'] }).workspaceRoots, ['/x']);
  });

  it('reads small text files and refuses binary, large, relative, device and /proc paths', () => {
    fs.writeFileSync(path.join(ws, 'a.sql'), 'DROP TABLE x;');
    fs.writeFileSync(path.join(ws, 'bin.dat'), Buffer.from([1, 0, 2]));
    fs.writeFileSync(path.join(ws, 'big.txt'), Buffer.alloc(1024 * 1024 + 1, 97));
    fs.symlinkSync('/proc/self/environ', path.join(ws, 'env-link'));
    const facts = gatherFacts({ cwd: ws, env: env(), home });
    assert.equal(facts.readFile(path.join(ws, 'a.sql')), 'DROP TABLE x;');
    assert.equal(facts.readFile(path.join(ws, 'bin.dat')), undefined);
    assert.equal(facts.readFile(path.join(ws, 'big.txt')), undefined);
    assert.equal(facts.readFile('a.sql'), undefined);
    assert.equal(facts.readFile('/dev/zero'), undefined);
    assert.equal(facts.readFile('/proc/self/environ'), undefined);
    assert.equal(facts.readFile(path.join(ws, 'env-link')), undefined);
    assert.equal(facts.readFile(path.join(ws, 'missing')), undefined);
    assert.equal(facts.readFile(ws), undefined);
    assert.equal(readTextFile(path.join(ws, 'a.sql')), 'DROP TABLE x;');
  });

  it('lists directories and returns undefined for non-directories', () => {
    const facts = gatherFacts({ cwd: ws, env: env(), home });
    assert.deepEqual([...(facts.listDir(ws) ?? [])].sort(), ['.git', 'src']);
    assert.equal(facts.listDir(path.join(ws, 'nope')), undefined);
    assert.equal(facts.listDir('/proc'), undefined);
  });

  it('reads the kube context lazily from KUBECONFIG or ~/.kube/config', () => {
    fs.writeFileSync(path.join(home, '.kube', 'config'), 'apiVersion: v1\ncurrent-context: "prod-east"\nkind: Config\n');
    const facts = gatherFacts({ cwd: ws, env: env(), home });
    assert.equal(facts.kubeContext, 'prod-east');
    const other = path.join(dir, 'kc');
    fs.writeFileSync(other, 'current-context: kind-dev\n');
    assert.equal(currentKubeContext({ KUBECONFIG: `${path.join(dir, 'none')}${path.delimiter}${other}` }, home), 'kind-dev');
    assert.equal(currentKubeContext({}, path.join(dir, 'nohome')), undefined);
  });

  it('merges the production map from the settings mirror and the workspace map file', () => {
    fs.writeFileSync(path.join(guard, 'settings.json'), JSON.stringify({
      version: 1,
      workspaces: { [ws]: { lockdown: false, protectedPaths: [], production: { names: ['shop-api'], hosts: ['db.acme.io'], resourceIds: [] } } },
    }));
    fs.writeFileSync(path.join(ws, '.blast-shield.json'), JSON.stringify({ production: { names: ['billing'], hosts: [], resourceIds: ['3f1c0a9e'] } }));
    const facts = gatherFacts({ cwd: ws, env: env(), home });
    assert.deepEqual(facts.production, { names: ['shop-api', 'billing'], hosts: ['db.acme.io'], resourceIds: ['3f1c0a9e'] });
  });

  it('accepts a hand-written production block and ignores malformed files', () => {
    fs.writeFileSync(path.join(guard, 'settings.json'), JSON.stringify({ production: { names: ['x'], hosts: 'nope' } }));
    fs.writeFileSync(path.join(ws, '.blast-shield.json'), '{ not json');
    assert.deepEqual(loadProductionMap(guard, [ws]), { names: ['x'], hosts: [], resourceIds: [] });
  });

  it('does no file I/O until asked: files written after gathering are still seen', () => {
    const facts = gatherFacts({ cwd: ws, env: env(), home, workspaceRoots: [ws] });
    fs.writeFileSync(path.join(home, '.kube', 'config'), 'current-context: late-prod\n');
    fs.writeFileSync(path.join(ws, '.blast-shield.json'), JSON.stringify({ production: { names: ['late'], hosts: [], resourceIds: [] } }));
    assert.equal(facts.kubeContext, 'late-prod');
    assert.deepEqual(facts.production.names, ['late']);
  });
});
