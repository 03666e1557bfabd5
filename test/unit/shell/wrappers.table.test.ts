import * as assert from 'node:assert/strict';
import { classify } from '../../../src/core/policy/classify';
import { testFacts } from '../support/policyFixtures';

/**
 * Wrappers read their own options through the one option grammar: wherever and however an option is
 * written (separate, glued, clustered, abbreviated, after `--`), the wrapped command is the same. Each
 * spelling wraps a destroying command (denied) and a harmless look-alike (allowed); an option of the
 * wrapped command stays the command's.
 */

const facts = testFacts();
const decision = (command: string) => classify(command, facts, { lockdown: false }).decision;

/** Wrapper spellings that run the argv written after them. */
const BEFORE_COMMAND: Record<string, string[]> = {
  sudo: ['sudo -u root', 'sudo -uroot', 'sudo --user=root', 'sudo --user root', 'sudo --us root', 'sudo -Eu root', 'sudo -E -u root --', 'sudo -- ', 'sudo -H -n -D /tmp'],
  env: ['env -C /tmp', 'env -C/tmp', 'env --chdir=/tmp', 'env --chd /tmp', 'env -i -u HOME', 'env -iuHOME', 'env -u HOME X=1', 'env -0 --', 'env --unset=HOME'],
  timeout: ['timeout 5', 'timeout -s KILL 5', 'timeout -sKILL 5', 'timeout --signal=KILL 5', 'timeout --sig KILL 5', 'timeout -k 1 --preserve-status 5', 'timeout -- 5', 'timeout --kill 1 5'],
  nice: ['nice', 'nice -n 5', 'nice -n5', 'nice -10', 'nice --adjustment=5', 'nice --adj 5', 'nice -n -5'],
  ionice: ['ionice -c 3', 'ionice -c3 -n 7', 'ionice --class 3', 'ionice --class=3 -t', 'ionice --classd 7 -c3'],
  xargs: ['xargs -0', 'xargs -n 1', 'xargs -n1', 'xargs --max-args 1', 'xargs --max-a 1', 'xargs -0 -P4', 'xargs -r -L 1', 'xargs --replace=X'],
  stdbuf: ['stdbuf -oL', 'stdbuf -o L', 'stdbuf --output=L', 'stdbuf --out L', 'stdbuf -i0 -e L'],
  chroot: ['chroot /', 'chroot --userspec=app:app /', 'chroot --users app /', 'chroot --skip-chdir /'],
  npx: ['npx', 'npx -y', 'npx --yes', 'npx -p foo', 'npx --package=foo', 'npx --pack foo'],
  'uv run': ['uv run', 'uv run --with requests', 'uv --directory /tmp run', 'uv run --with=requests --', 'uv run -p 3.12 --no-project', 'uv tool run --from pkg', 'uvx --from pkg'],
  'poetry run': ['poetry run', 'poetry -C /tmp run', 'poetry --directory=/tmp run --', 'poetry -q run'],
  'gem exec': ['gem exec', 'gem exec -g foo', 'gem exec --gem=foo', 'gem exec --conservative -v 1.0 --'],
  'volta run': ['volta run', 'volta run --node 20', 'volta run --node=20 --npm 10', 'volta run --'],
  'bundle exec': ['bundle exec', 'bundle exec --gemfile=Gemfile'],
  chrt: ['chrt -i 0', 'chrt --idle 0', 'chrt -T 10 -i 0'],
  numactl: ['numactl -N 0', 'numactl --cpunodebind=0', 'numactl -N0 -m 0'],
  doas: ['doas -u root', 'doas -uroot', 'doas -n -u root'],
  sshpass: ['sshpass -p x', 'sshpass -px', 'sshpass -f /tmp/pw', 'sshpass -e', 'sshpass -eSSHPASS -v', 'sshpass -d 3 -P assword'],
  watchexec: ['watchexec -e ts --', 'watchexec -w src -e ts --', 'watchexec --exts=ts --'],
  entr: ['entr', 'entr -r', 'entr -cp'],
  saml2aws: ['saml2aws exec --exec-profile dev --', 'saml2aws exec --exec-profile=dev', 'saml2aws exec -a acme --'],
  'aws-sso': ['aws-sso exec -p dev --', 'aws-sso exec --profile=dev', 'aws-sso exec -A 1234 -R admin --'],
  chamber: ['chamber exec app --', 'chamber exec app worker --', 'chamber exec --pristine app --'],
  'nix develop': ['nix develop -c', 'nix develop .#ci --command', 'nix shell nixpkgs#jq -c', 'nix develop --ignore-environment -k HOME -c'],
  asdf: ['asdf exec'],
  // Round 8: project environment runners.
  devbox: ['devbox run', 'devbox run -c ./env', 'devbox run --env=A=1 --pure', 'devbox run -q --'],
  pixi: ['pixi run', 'pixi run -e prod', 'pixi run --environment=prod --frozen', 'pixi exec', 'pixi exec -s terraform'],
  rye: ['rye run', 'rye run --pyproject ./pyproject.toml'],
  'with-contenv': ['with-contenv'],
  'strace / ltrace': ['strace -f -o /tmp/trace', 'strace -o/tmp/trace -e trace=file', 'ltrace -o /tmp/trace'],
};

/** Wrapper spellings that run a shell line (`{}` marks where it goes). */
const SHELL_LINE: Record<string, string[]> = {
  su: ["su -c '{}'", "su root -c '{}'", "su - root -c '{}'", "su --command='{}' root", "su --comm '{}' root", "su --session-command '{}' root", "su -l -c '{}'"],
  runuser: ["runuser -l app -c '{}'", "runuser app --command '{}'"],
  script: ["script -qc '{}' /dev/null", "script -q -c '{}' /dev/null", "script /tmp/log -c '{}'", "script --command='{}' /dev/null", "script --comm '{}' /dev/null", "script -a -f /tmp/log -c '{}'"],
  flock: ["flock /tmp/l -c '{}'", "flock -w 5 /tmp/l --command '{}'", "flock -c '{}' /tmp/l", "flock --wait=5 -x /tmp/l -c '{}'", "flock -n /tmp/l --comm '{}'"],
  env: ["env -S '{}'", "env --split-string='{}'", "env -i -S '{}'"],
  npx: ["npx -c '{}'", "npx --call='{}'", "npx -y --call '{}'"],
  sg: ["sg docker -c '{}'", "sg docker '{}'"],
  'nix-shell': ["nix-shell --run '{}'", "nix-shell -p nodejs --run '{}'", "nix-shell --command '{}' shell.nix", "nix-shell --run='{}'"],
  concurrently: ["concurrently '{}'", "concurrently -n a,b 'echo hi' '{}'", "concurrently --kill-others-on-fail '{}'"],
  nodemon: ["nodemon --exec '{}'", "nodemon -x '{}'", "nodemon -w src -e ts --exec '{}'", "nodemon --exec='{}' src"],
  chokidar: ["chokidar 'src/**' -c '{}'", "chokidar 'src/**' --command '{}'", "chokidar -c '{}' 'src/**'"],
  watchexec: ["watchexec '{}'", "watchexec -e ts '{}'"],
  entr: ["entr -s '{}'", "entr -rs '{}'"],
  watch: ["watch '{}'", "watch -n 5 '{}'", "watch -n5 -t '{}'", "watch --interval=5 '{}'", "watch --inter 5 '{}'"],
};

describe('wrappers: options wherever they are written', () => {
  for (const [wrapper, prefixes] of Object.entries(BEFORE_COMMAND)) {
    describe(wrapper, () => {
      for (const prefix of prefixes) {
        it(`${prefix} rm -rf / is denied; ${prefix} ls -la is allowed`, () => {
          assert.equal(decision(`${prefix} rm -rf /`), 'deny');
          assert.equal(decision(`${prefix} ls -la`), 'allow');
        });
      }
    });
  }
  for (const [wrapper, forms] of Object.entries(SHELL_LINE)) {
    describe(`${wrapper} (a shell line)`, () => {
      for (const form of forms) {
        it(`${form.replace('{}', 'rm -rf /')} is denied; ${form.replace('{}', 'ls -la')} is allowed`, () => {
          assert.equal(decision(form.replace('{}', 'rm -rf /')), 'deny');
          assert.equal(decision(form.replace('{}', 'ls -la')), 'allow');
        });
      }
    });
  }

  describe("an option after the wrapped command is the command's", () => {
    const rows: [string, string][] = [
      ['sudo rm -rf / -u root', 'deny'],
      ['nice rm -n 5 -rf /', 'deny'],
      ['timeout 5 psql -h db.prod.acme.io -s KILL -c "DROP TABLE users"', 'ask'],
      ['flock /tmp/l psql -h db.prod.acme.io -c "DROP TABLE users"', 'ask'],
      ['env -u X ls -C /', 'allow'],
      ['sudo ls -u root', 'allow'],
      ['xargs -n 1 ls -P 4', 'allow'],
    ];
    for (const [command, expected] of rows) {
      it(`${command}: ${expected}`, () => assert.ok(expected === 'ask' ? decision(command) !== 'allow' : decision(command) === expected));
    }
  });

  describe('modes that run nothing, and look-alikes', () => {
    for (const command of ['sudo -l', 'sudo --list', 'sudo -k', 'sudo -V', 'command -v rm', 'ionice -p 123', 'ionice --pid=123', 'su root', 'busybox --list', 'uv pip list', 'uv tool list', 'poetry show', 'gem list', 'volta list', 'chrt -p 123', 'chrt --pid 123', 'taskset --pid 1234', 'saml2aws login', 'aws-sso list', 'chamber list app', 'nix develop', 'nix-shell -p nodejs', 'concurrently --help', 'asdf list', 'devbox run test', 'pixi run pytest', 'pixi list', 'rye run pytest', 'devbox shell']) {
      it(`${command} is allowed`, () => assert.equal(decision(command), 'allow'));
    }
  });

  describe('what a multiplexer types or starts, however its options are written', () => {
    for (const command of ["screen -X stuff 'rm -rf /^M'", "screen -S sess -X stuff 'rm -rf /^M'", "screen -r sess -p 0 -X stuff 'rm -rf /^M'", "screen -X -S sess stuff 'rm -rf /'",
      "tmux new-session -c /tmp -d 'rm -rf /'", "tmux new-session -d -c /tmp 'rm -rf /'", 'tmux new -s x -c /tmp rm -rf /', "tmux new-session -dc/tmp 'rm -rf /'"]) {
      it(`${command} is denied`, () => assert.equal(decision(command), 'deny'));
    }
    for (const command of ["screen -S stuff -X stuff 'ls^M'", 'screen -S stuff -X quit', 'screen -ls', "tmux new-session -c /tmp -d 'npm run dev'", 'tmux new -s stuff -c /tmp']) {
      it(`${command} is allowed`, () => assert.equal(decision(command), 'allow'));
    }
  });

  describe('compiled code the hook cannot read is judged as an unknown program of that name', () => {
    for (const command of ['cargo run -- rm -rf /', 'cargo run --release --bin foo -- --delete-all', 'cargo r --bin=foo -- --delete-all', 'go run ./cmd/tool --delete-all', 'go run -race main.go --delete-all']) {
      it(`${command} is not allowed`, () => assert.notEqual(decision(command), 'allow'));
    }
    for (const command of ['cargo run', 'cargo run --release -- --port 8080', 'cargo run --bin server', 'go run .', 'go run ./cmd/server --port 8080', 'go run -race main.go', 'cargo build --release', 'go build ./...']) {
      it(`${command} is allowed`, () => assert.equal(decision(command), 'allow'));
    }
  });
});
