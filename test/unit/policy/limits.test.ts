import * as assert from 'node:assert/strict';
import { classify } from '../../../src/core/policy/classify';
import { MAX_WRAPPER_HOPS } from '../../../src/core/policy/analyze';
import { testFacts } from '../support/policyFixtures';

/**
 * Limits never answer allow: a command the analysis stopped reading (too many wrappers, too deep, too
 * long, too many words for xargs) asks, and lockdown turns that into deny. Where shells disagree on
 * what a line means, every plausible reading is judged and the most dangerous one counts.
 */

const facts = testFacts();
const verdict = (command: string, lockdown = false) => classify(command, facts, { lockdown });

describe('policy: limits never answer allow', () => {
  const wrappers: Record<string, string> = { env: 'env ', sudo: 'sudo ', timeout: 'timeout 5 ', nice: 'nice -n 1 ', xargs: 'xargs ', mixed: '' };
  for (const [name, word] of Object.entries(wrappers)) {
    for (const count of [MAX_WRAPPER_HOPS + 1, 40, 200]) {
      const prefix = name === 'mixed' ? Array.from({ length: count }, (_, i) => ['env ', 'sudo ', 'timeout 5 ', 'nice ', 'nohup '][i % 5]).join('') : word.repeat(count);
      for (const tail of ['rm -rf /', 'ls']) {
        it(`${count} × ${name} then ${tail}: asks, and denies in lockdown`, () => {
          const v = verdict(prefix + tail);
          assert.notEqual(v.decision, 'allow', JSON.stringify(v.reasons));
          if (tail === 'ls') assert.equal(v.decision, 'ask');
          assert.equal(verdict(prefix + tail, true).decision, 'deny');
        });
      }
    }
  }

  it(`${MAX_WRAPPER_HOPS} wrappers are still read through`, () => {
    assert.equal(verdict('env '.repeat(MAX_WRAPPER_HOPS - 1) + 'rm -rf /').decision, 'deny');
    assert.equal(verdict('env '.repeat(MAX_WRAPPER_HOPS - 1) + 'ls').decision, 'allow');
  });

  const nested = (depth: number, inner: string): string => {
    let text = inner;
    for (let i = 0; i < depth; i++) text = `bash -c ${JSON.stringify(text)}`;
    return text;
  };
  it('nesting past the depth budget asks (deny in lockdown), even for a harmless command', () => {
    assert.equal(verdict(nested(12, 'ls')).decision, 'ask');
    assert.equal(verdict(nested(12, 'ls'), true).decision, 'deny');
  });

  it('text past the size budget asks', () => {
    assert.equal(verdict('echo ' + 'a'.repeat((1 << 20) + 10)).decision, 'ask');
  });

  it('xargs fed more words than are read asks', () => {
    const words = Array.from({ length: 300 }, (_, i) => `f${i}`).join(' ');
    assert.equal(verdict(`echo ${words} | xargs rm`).decision, 'ask');
  });

  describe('every kind of wrapper and nesting past its limit asks (deny in lockdown)', () => {
    const repeat = (word: string, n: number): string => word.repeat(n);
    const parens = (n: number, inner: string): string => '('.repeat(n) + inner + ')'.repeat(n);
    const spacedParens = (n: number, inner: string): string => '( '.repeat(n) + inner + ' )'.repeat(n);
    const substitutions = (n: number, inner: string): string => {
      let text = inner;
      for (let i = 0; i < n; i++) text = `echo "$(${text})"`;
      return text;
    };
    const evals = (n: number, inner: string): string => {
      let text = inner;
      for (let i = 0; i < n; i++) text = `eval ${JSON.stringify(text)}`;
      return text;
    };
    const groups = (n: number, inner: string): string => '{ '.repeat(n) + inner + '; }'.repeat(n);
    const cases: Record<string, (inner: string) => string> = {
      'stdbuf × 40': (inner) => repeat('stdbuf -o0 ', 40) + inner,
      'doas × 40': (inner) => repeat('doas ', 40) + inner,
      'command × 40': (inner) => repeat('command ', 40) + inner,
      'exec × 40': (inner) => repeat('exec ', 40) + inner,
      'ionice × 40': (inner) => repeat('ionice -c3 ', 40) + inner,
      'chrt × 40': (inner) => repeat('chrt -i 0 ', 40) + inner,
      'taskset × 40': (inner) => repeat('taskset -c 0 ', 40) + inner,
      'firejail × 40': (inner) => repeat('firejail --quiet ', 40) + inner,
      'flock × 40': (inner) => repeat('flock /tmp/l ', 40) + inner,
      'nested parentheses × 300 (dash: subshells, bash: arithmetic)': (inner) => parens(300, inner),
      'spaced subshells × 300': (inner) => spacedParens(300, inner),
      'brace groups × 300': (inner) => groups(300, inner),
      'command substitutions × 120': (inner) => substitutions(120, inner),
      'eval × 12': (inner) => evals(12, inner),
    };
    for (const [name, build] of Object.entries(cases)) {
      for (const inner of ['ls', 'rm -rf /']) {
        it(`${name} then ${inner}: never allowed, denied in lockdown`, () => {
          const v = verdict(build(inner));
          assert.notEqual(v.decision, 'allow', JSON.stringify(v.reasons));
          assert.equal(verdict(build(inner), true).decision, 'deny');
        });
      }
    }
  });

  describe('wrappers the analysis reads through', () => {
    const wrapped = [
      'chrt -i 0 rm -rf /', 'chrt --idle 0 rm -rf /', 'taskset -c 0 rm -rf /', 'taskset 0x1 rm -rf /', 'numactl -N 0 rm -rf /', 'numactl --cpunodebind=0 rm -rf /',
      'firejail --noprofile rm -rf /', 'systemd-run --user -p MemoryMax=1G rm -rf /', 'systemd-run --scope --unit x rm -rf /', 'fakeroot rm -rf /', 'nsenter -t 1 -m rm -rf /',
      'unshare -r rm -rf /', 'dbus-run-session -- rm -rf /', 'xvfb-run -a rm -rf /', 'valgrind --leak-check=full rm -rf /', 'dumb-init rm -rf /', 'tini -- rm -rf /',
      'ssh-agent rm -rf /', 'prlimit --nofile=1024 rm -rf /', 'cgexec -g cpu:low rm -rf /', "sg docker -c 'rm -rf /'", 'sg docker rm -rf /', 'setpriv --reuid=1000 rm -rf /',
      'chronic rm -rf /', 'chronic -ev rm -rf /', "sops exec-env secrets.enc.yaml 'rm -rf /'", "sops exec-file --no-fifo secrets.enc.json 'rm -rf / {}'",
      'runuser -u app -- rm -rf /', 'runuser -u app rm -rf /', "runuser -l app -c 'rm -rf /'", "script -qc 'rm -rf /' /dev/null", "script -q -c 'rm -rf /' /dev/null",
      "script /tmp/log -c 'rm -rf /'", "script --command='rm -rf /' /dev/null", "flock /tmp/l -c 'rm -rf /'", "flock -w 5 /tmp/l --command 'rm -rf /'",
      'envdir ./env rm -rf /', 'chpst -u app rm -rf /', "faketime '2020-01-01' rm -rf /",
    ];
    for (const command of wrapped) it(`${command}: the wrapped rm is judged`, () => assert.equal(verdict(command).decision, 'deny'));
    for (const command of ['chrt -p 123', 'taskset -p 1234', 'numactl --hardware', 'firejail --list', 'chrt -i 0 ls', 'taskset -c 0 ls', 'systemd-run --user ls',
      'chronic make test', "sops exec-env secrets.enc.yaml 'npm test'", 'sops -d secrets.enc.yaml > /dev/null', 'runuser -u app -- ls', "script -qc 'ls' /dev/null",
      "flock /tmp/l -c 'ls'", 'flock -n /tmp/l make build', 'envdir ./env ls']) {
      it(`${command}: stays allowed`, () => assert.notEqual(verdict(command).decision, 'deny'));
    }
    // A `-c` after flock's command belongs to the command, not to flock.
    for (const command of ['flock /tmp/l psql -h db.prod.acme.io -c "DROP TABLE users"', 'flock -x /tmp/l mysql -h db.prod.acme.io -e "DROP TABLE users"', 'timeout 60 flock /tmp/l psql "$DATABASE_URL" -c "TRUNCATE users"']) {
      it(`${command}: the wrapped client's statement is judged`, () => assert.notEqual(verdict(command).decision, 'allow'));
    }
  });

  describe('dialects: every reading counts', () => {
    // zsh expands `=rm` to rm's path (EQUALS); bash has no command of that name: zsh's reading is the dangerous one.
    for (const command of ['=rm -rf ~', 'zsh -c "=rm -rf ~"', '=sudo =rm -rf /', "sh -c \"$'\\x72\\x6d' -rf ~\"", "sh -c 'rm -rf {/,x}'", "bash -c 'rm -rf {~,/tmp/x}'"]) {
      it(`${command} is judged by its most dangerous reading`, () => assert.equal(verdict(command).decision, 'deny'));
    }
    it('=ls and $((1+2)) stay allowed', () => {
      assert.equal(verdict('=ls -la').decision, 'allow');
      assert.equal(verdict('echo $((1 + 2))').decision, 'allow');
    });
    const cases = ['sh -c "((rm -rf ~))"', 'dash -c "((rm -rf ~))"', 'bash -c "((rm -rf ~))"', '((rm -rf ~))', 'sh -c "((rm -rf / ))"', 'busybox sh -c "((rm -rf ~))"', 'echo x | sh -c "((rm -rf ~))"'];
    for (const command of cases) {
      it(`${command} is judged as dash runs it (nested subshells)`, () => assert.equal(verdict(command).decision, 'deny'));
    }
    for (const command of ['echo $((1 + 2))', 'for ((i = 0; i < 3; i++)); do echo $i; done', '(( x = 1 + 2 ))', 'if ((1 > 0)); then echo y; fi']) {
      it(`${command} stays allowed in both readings`, () => assert.equal(verdict(command).decision, 'allow'));
    }
  });

  describe('danger behind bulk: what a size or work limit cut is never allowed', () => {
    const rows: Array<[string, string]> = [
      ['python3 -c with 30,000 statements, then shutil.rmtree', `python3 -c "${'print(1); '.repeat(30_000)}import shutil; shutil.rmtree('/')"`],
      ['node -e with 60,000 statements, then rmSync', `node -e "${'console.log(1);'.repeat(60_000)}require('fs').rmSync('/', {recursive: true})"`],
      ['rm with 40,000 operands, then /', 'rm -rf ' + 'a '.repeat(40_000) + '/'],
      ['a 900 KB word, then rm', 'echo ' + 'a'.repeat(900_000) + '; rm -rf /'],
      ['3,000 case patterns, then rm', 'case x in ' + Array.from({ length: 3000 }, (_, i) => `p${i}) ls;;`).join(' ') + ' *) rm -rf /;; esac'],
      ['3,000 heredocs, then rm', Array.from({ length: 3000 }, () => 'cat <<E\nx\nE').join('\n') + '\nrm -rf /'],
      ['5,000 statements, then rm', 'ls; '.repeat(5000) + 'rm -rf /'],
      ['500 functions calling one another, then rm', Array.from({ length: 500 }, (_, i) => `f${i}() { f${i + 1}; }`).join('; ') + '; f500() { rm -rf /; }; f0'],
    ];
    for (const [name, command] of rows) {
      it(`${name}: never allowed, denied in lockdown`, () => {
        const v = verdict(command);
        assert.notEqual(v.decision, 'allow', JSON.stringify(v.reasons).slice(0, 300));
        assert.equal(verdict(command, true).decision, 'deny');
      });
    }
    // Look-alikes the limits leave alone: bulk that is read to the end still decides by what it holds.
    for (const command of ['ls ' + '>/dev/null '.repeat(2000), 'a=1 '.repeat(2000) + 'ls', `python3 -c "${'print(1); '.repeat(300)}"`]) {
      it(`${command.slice(0, 40)}… (read to the end): allowed`, () => assert.equal(verdict(command).decision, 'allow'));
    }
    for (const command of ['ls ' + '>/dev/null '.repeat(5000) + '> ~/.bashrc', 'a=1 '.repeat(5000) + 'rm -rf /']) {
      it(`${command.slice(0, 40)}… ${command.slice(-12)} (read to the end): denied`, () => assert.equal(verdict(command).decision, 'deny'));
    }
  });
});
