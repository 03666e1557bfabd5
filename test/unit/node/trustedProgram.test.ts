import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { trustedProgram, untrustedReason, type TrustCheck } from '../../../src/node/trustedProgram';
import { gitRun } from '../../../src/node/gitPathState';

/** A disk described by owner and mode per path; symlinks by their target. */
function disk(entries: Record<string, { uid: number; mode: number; dir?: boolean; link?: string }>): TrustCheck {
  return {
    realpath: (p) => {
      const e = entries[p];
      if (!e) throw new Error('ENOENT');
      return e.link ?? p;
    },
    stat: (p) => {
      const e = entries[p];
      if (!e) throw new Error('ENOENT');
      return { uid: e.uid, mode: e.mode, isFile: () => !e.dir, isDirectory: () => e.dir === true };
    },
  };
}

const SYSTEM = { '/': { uid: 0, mode: 0o755, dir: true }, '/usr': { uid: 0, mode: 0o755, dir: true }, '/usr/bin': { uid: 0, mode: 0o755, dir: true } };

describe('node/trustedProgram: programs the hook runs come from folders only root can write', () => {
  it('a root-owned program in a root-owned folder is trusted', () => {
    const check = disk({ ...SYSTEM, '/usr/bin/git': { uid: 0, mode: 0o755 } });
    assert.equal(trustedProgram('git', { platform: 'linux', check, dirs: ['/usr/bin'] }), '/usr/bin/git');
  });

  it('refuses a program the user owns, one others may write, one in a folder others may write, and a symlink out to them', () => {
    const userHome = { '/home': { uid: 0, mode: 0o755, dir: true }, '/home/dev': { uid: 1000, mode: 0o755, dir: true }, '/home/dev/bin': { uid: 1000, mode: 0o755, dir: true }, '/home/dev/bin/git': { uid: 1000, mode: 0o755 } };
    const cases: Record<string, TrustCheck> = {
      'owned by the user': disk({ ...SYSTEM, '/usr/bin/git': { uid: 1000, mode: 0o755 } }),
      'group-writable': disk({ ...SYSTEM, '/usr/bin/git': { uid: 0, mode: 0o775 } }),
      'in a world-writable folder': disk({ ...SYSTEM, '/usr/bin': { uid: 0, mode: 0o1777, dir: true }, '/usr/bin/git': { uid: 0, mode: 0o755 } }),
      'a symlink into the home folder': disk({ ...SYSTEM, ...userHome, '/usr/bin/git': { uid: 0, mode: 0o777, link: '/home/dev/bin/git' } }),
      'not executable': disk({ ...SYSTEM, '/usr/bin/git': { uid: 0, mode: 0o644 } }),
      missing: disk({ ...SYSTEM }),
    };
    for (const [why, check] of Object.entries(cases)) {
      assert.equal(trustedProgram('git', { platform: 'linux', check, dirs: ['/usr/bin'] }), undefined, why);
      assert.ok(untrustedReason('/usr/bin/git', check), why);
    }
  });

  it('never takes a name that is a path or an option', () => {
    for (const name of ['../git', '/tmp/git', '-c', '']) assert.equal(trustedProgram(name, { platform: 'linux', dirs: ['/usr/bin'] }), undefined, name);
  });

  it('a git written into a temp folder (as an agent would, then put first on PATH) is not used', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-fakegit-'));
    try {
      fs.writeFileSync(path.join(dir, 'git'), '#!/bin/sh\necho fake\n', { mode: 0o755 });
      assert.equal(trustedProgram('git', { platform: 'linux', dirs: [dir] }), undefined);
      const saved = process.env.PATH;
      process.env.PATH = `${dir}:${saved ?? ''}`;
      try {
        const run = gitRun(dir, ['--version']);
        // The system's git answers (or nothing does); never the planted one.
        assert.ok(!/fake/.test(run.stdout?.toString('utf8') ?? ''));
      } finally {
        process.env.PATH = saved;
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds the system git on this machine when there is one', function () {
    if (process.platform === 'win32' || !fs.existsSync('/usr/bin/git')) this.skip();
    assert.equal(trustedProgram('git'), '/usr/bin/git');
  });
});
