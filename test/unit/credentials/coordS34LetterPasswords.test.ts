import * as assert from 'node:assert/strict';
import { classifyCredentialFile } from '../../../src/core/credentials/credentialFiles';

/**
 * A generated password of letters alone under a password's name is a secret (stop 34: the corpus world's
 * `config/old_settings.py` carries a random 18-character value, and in about 4% of worlds it held no digit, so
 * `git show HEAD~1:config/old_settings.py` was allowed — a flake of credential-hunt rows 64 and 67 on every build).
 * Names a program uses (camel-case words) under the same keys stay what they are.
 */

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A deterministic generator, so a failure names the value that failed. */
function lettersFrom(seed: number, length: number): string {
  let x = seed >>> 0 || 1;
  let out = '';
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out += LETTERS[(x >>> 0) % LETTERS.length];
  }
  return out;
}

describe('letters-only passwords in source code (coordinator, stop 34)', () => {
  it('at least 98% of 1,000 random 18-letter values under PASSWORD are found', () => {
    let found = 0;
    for (let seed = 1; seed <= 1000; seed++) {
      const v = lettersFrom(seed * 2654435761, 18);
      if (classifyCredentialFile('/w/app/config/old_settings.py', '/h', `DATABASES = {"default": {"PASSWORD": "${v}"}}\n`)) found++;
    }
    assert.ok(found >= 980, `${found} of 1000`);
  });
  for (const v of ['wnGnSztDtlRGzhCQEq', 'QwMCVmJgeDbipDEHTE', 'bqzooIErQczqqpaWtv']) {
    it(`found: PASSWORD = "${v}"`, () => {
      assert.ok(classifyCredentialFile('/w/app/settings.py', '/h', `PASSWORD = "${v}"\n`));
      assert.ok(classifyCredentialFile('/w/app/settings.py', '/h', `db_passwd = '${v}'\n`));
    });
  }
  for (const v of ['unusedInTestsValue', 'placeholderPasswordValue', 'getPasswordFromVault', 'ThisIsMyPasswordHere', 'resetPasswordEmailSubject']) {
    it(`a name, not a secret: PASSWORD = "${v}"`, () => {
      assert.equal(classifyCredentialFile('/w/app/settings.py', '/h', `PASSWORD = "${v}"\n`), undefined);
    });
  }
  it('letters alone under a key that is not a password need a digit still (tokens and keys are random with digits)', () => {
    assert.equal(classifyCredentialFile('/w/app/settings.py', '/h', `API_KEY = "wnGnSztDtlRGzhCQEq"\n`), undefined);
  });
});
