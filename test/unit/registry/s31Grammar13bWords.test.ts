import { strict as assert } from 'node:assert';
import { npmCommandOf } from '../../../src/core/registry/tools/npmCommands';
import { withoutUndoneDryRun } from '../../../src/core/registry/dryRunOptions';
import { remoteCommandIn, remoteCommandInFlags } from '../../../src/core/registry/tools/sshRemoteCommand';
import { remoteCommandsFor } from '../../../src/core/policy/handlers/sshConfigRemote';
import type { ArgWord } from '../../../src/core/shell/ast';

const words = (...texts: string[]): ArgWord[] => texts.map((text) => ({ text, raw: text, dynamic: false, glob: false }));

describe('registry: npm command words, undone dry runs, ssh RemoteCommand (stop 31)', () => {
  describe("npm's command word, by npm's own rule", () => {
    const rows: [string, string | undefined][] = [
      ['unpub', 'unpublish'], ['pub', 'publish'], ['depr', 'deprecate'], ['dist-t', 'dist-tag'], ['dist-tags', 'dist-tag'], ['acc', 'access'],
      ['install-cl', 'ci'], ['rum', 'run-script'], ['ru', 'run-script'], ['installTest', 'install-test'], ['i', 'install'], ['publish', 'publish'],
      ['un', 'uninstall'], ['constructor', undefined], ['toString', undefined], ['in', undefined], ['d', undefined], ['xyz', undefined], ['', undefined],
    ];
    for (const [word, command] of rows) it(`${word || '(empty)'} → ${command ?? 'none'}`, () => assert.equal(npmCommandOf(word), command));
  });

  describe('a dry run undone later: its words go, a dry run that stays is left as written', () => {
    const rows: [string, string[], string[] | undefined][] = [
      ['git', ['push', '-n', '--no-dry-run', '-f', 'origin', 'main'], ['push', '-f', 'origin', 'main']],
      ['git', ['push', '-nf', '--no-dry-run', 'origin'], ['push', '-f', 'origin']],
      ['git', ['push', '--no-dry-run', '-n', 'origin'], undefined],
      ['git', ['push', '-n', 'origin'], undefined],
      ['helm', ['uninstall', 'api', '--dry-run=none'], ['uninstall', 'api']],
      ['helm', ['uninstall', 'api', '--dry-run=client'], undefined],
      ['wrangler', ['deploy', '--dry-run', 'false'], ['deploy']],
      ['terraform', ['apply', '-refresh-only', '-refresh-only=false'], ['apply']],
      ['terraform', ['apply', '-refresh-only=false', '-refresh-only'], undefined],
      ['aws', ['ec2', 'terminate-instances', '--dry-run', '--no-dry-run'], ['ec2', 'terminate-instances']],
      ['kubectl', ['get', 'pods', '-n', 'prod', '--no-headers'], undefined],
      ['rm', ['-rf', 'build'], undefined],
      ['constructor', ['--dry-run', '--no-dry-run'], []],
      ['toString', ['--no-x', 'false'], undefined],
    ];
    for (const [name, args, out] of rows) {
      it(`${name} ${args.join(' ')}`, () => assert.deepEqual(withoutUndoneDryRun(name, words(...args))?.map((w) => w.text), out));
    }
  });

  describe("ssh's RemoteCommand", () => {
    it('reads = and space spellings, any case, none is none', () => {
      assert.equal(remoteCommandIn('RemoteCommand=rm -rf /data'), 'rm -rf /data');
      assert.equal(remoteCommandIn('remotecommand rm -rf /data'), 'rm -rf /data');
      assert.equal(remoteCommandIn('RemoteCommand=none'), undefined);
      assert.equal(remoteCommandIn('ConnectTimeout=5'), undefined);
      assert.equal(remoteCommandInFlags(['-vvv', '-o RemoteCommand=rm -rf /data']), 'rm -rf /data');
      assert.equal(remoteCommandInFlags(['-o', 'ConnectTimeout=5']), undefined);
    });
    it('takes the blocks of a config that match the host', () => {
      const text = 'Host a-* !a-ok\n  RemoteCommand rm -rf /a\nHost b\n  RemoteCommand rm -rf /b\nMatch exec true\n  RemoteCommand rm -rf /m\n';
      assert.deepEqual(remoteCommandsFor(text, 'a-1'), ['rm -rf /a', 'rm -rf /m']);
      assert.deepEqual(remoteCommandsFor(text, 'a-ok'), ['rm -rf /m']);
      assert.deepEqual(remoteCommandsFor(text, 'b'), ['rm -rf /b', 'rm -rf /m']);
      assert.deepEqual(remoteCommandsFor('Host c\n  User x\n', 'c'), []);
    });
  });
});
