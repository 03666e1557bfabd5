import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CHAINED_HOOK_NAME, clineHookFile } from '../../../src/node/hosts/cline/install';
import { installHost } from '../../../src/node/hosts/install';
import { shimPath, type InstallContext } from '../../../src/node/hosts/installCommon';

/**
 * The chained Cline script, run for real by /bin/sh with a stand-in shim: ours decides first, the
 * user's own hook runs only after an allow and then answers; anything else from ours is final.
 */
describe('cline: the chained PreToolUse script (sh)', function () {
  let root: string;
  let ctx: InstallContext;
  let file: string;
  let marker: string;

  before(function () {
    if (process.platform === 'win32') this.skip();
  });

  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bs-cline-')));
    const workspace = path.join(root, 'ws');
    ctx = { scope: 'project', workspace, home: path.join(root, 'home'), guardHome: path.join(root, 'home', '.blast-shield') };
    file = clineHookFile(ctx);
    marker = path.join(root, 'user-hook-ran');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // The user's own hook: records that it ran and what it read, and refuses `npm publish`.
    fs.writeFileSync(
      file,
      `#!/bin/sh\nin=$(cat)\nprintf '%s' "$in" > '${marker}'\ncase "$in" in *publish*) echo '{"cancel":true,"errorMessage":"no publishing"}' ;; *) echo '{"cancel":false,"contextModification":"user hook was here"}' ;; esac\n`,
      { mode: 0o755 },
    );
    // A stand-in for the installed shim: cancels anything mentioning rm, allows the rest, fails on "crash".
    fs.mkdirSync(path.dirname(shimPath(ctx.guardHome)), { recursive: true });
    fs.writeFileSync(
      shimPath(ctx.guardHome),
      `#!/bin/sh\nin=$(cat)\ncase "$in" in *crash*) exit 3 ;; *rm\\ -rf*) echo '{"cancel":true,"errorMessage":"Blast Shield blocked this"}' ;; *) echo '{"cancel":false}' ;; esac\n`,
      { mode: 0o755 },
    );
    assert.equal(installHost('cline', ctx).state, 'intact');
    assert.ok(fs.existsSync(path.join(path.dirname(file), CHAINED_HOOK_NAME)));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const run = (command: string) => {
    const input = JSON.stringify({ clineVersion: 'x', hookName: 'PreToolUse', preToolUse: { toolName: 'execute_command', parameters: { command } } }) + '\n';
    const r = spawnSync(file, [], { input, encoding: 'utf8' });
    return { status: r.status, out: r.stdout, userSaw: fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : undefined, input };
  };

  it('ours allows: the user hook runs on the same input and its answer is Cline\'s', () => {
    const r = run('npm test');
    assert.equal(r.status, 0);
    assert.equal(JSON.parse(r.out).contextModification, 'user hook was here');
    assert.equal(r.userSaw, r.input.replace(/\n$/, ''));
  });

  it('ours allows, the user hook refuses: refused', () => {
    const r = run('npm publish');
    assert.equal(JSON.parse(r.out).cancel, true);
    assert.equal(JSON.parse(r.out).errorMessage, 'no publishing');
  });

  it('ours refuses: refused, and the user hook never runs', () => {
    const r = run('rm -rf data');
    assert.equal(r.status, 0);
    assert.deepEqual(JSON.parse(r.out), { cancel: true, errorMessage: 'Blast Shield blocked this' });
    assert.equal(r.userSaw, undefined);
  });

  it('ours fails without an answer: the script answers a cancel (Cline would run the action), and the user hook never runs', () => {
    const r = run('crash');
    assert.equal(r.status, 0);
    assert.equal(JSON.parse(r.out).cancel, true);
    assert.match(JSON.parse(r.out).errorMessage, /Blast Shield could not run its hook/);
    assert.equal(r.userSaw, undefined);
  });
});

describe('cline: the PreToolUse script (sh) when the guard cannot answer', function () {
  let root: string;
  let ctx: InstallContext;
  before(function () {
    if (process.platform === 'win32') this.skip();
  });
  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bs-cline-')));
    ctx = { scope: 'user', home: path.join(root, 'home'), guardHome: path.join(root, 'home', '.blast-shield') };
    fs.mkdirSync(path.dirname(shimPath(ctx.guardHome)), { recursive: true });
    assert.equal(installHost('cline', ctx).state, 'intact');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const run = () => spawnSync(clineHookFile(ctx), [], { input: '{"hookName":"tool_call"}\n', encoding: 'utf8' });
  const shim = (text: string) => fs.writeFileSync(shimPath(ctx.guardHome), text, { mode: 0o755 });

  const table: [string, () => void, boolean][] = [
    ['the shim is gone', () => fs.rmSync(shimPath(ctx.guardHome), { force: true }), true],
    ['the shim crashes before answering', () => shim('#!/bin/sh\necho boom >&2\nexit 1\n'), true],
    ['the shim prints something that is not JSON', () => shim('#!/bin/sh\necho warming up\n'), true],
    ['the shim answers', () => shim('#!/bin/sh\ncat >/dev/null\necho \'{"cancel":false}\'\n'), false],
  ];
  for (const [name, arrange, cancels] of table) {
    it(`${name} -> ${cancels ? 'a cancel' : 'its answer'}`, () => {
      arrange();
      const r = run();
      assert.equal(r.status, 0);
      assert.equal(JSON.parse(r.stdout).cancel, cancels, r.stdout);
    });
  }
});
