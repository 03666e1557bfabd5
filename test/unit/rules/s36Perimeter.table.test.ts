import { allow, ask, decisionTable } from '../support/decisionTable';
import { repoWorld } from '../support/repoWorld';

const deny = (cmd: string, extra: { says?: RegExp } = {}) => ({ cmd, expect: 'deny' as const, ...extra });

/**
 * The perimeter against round 24's families (stop 36, area `perimA`): tools whose known effect is
 * installing git hooks (hook managers' set-up, packages whose install script writes `.git/hooks`),
 * other writers of a hook file (binutils' output operands, files named inside SQL text), secret
 * scanners' configuration neutralised, runtimes and scanners shadowed on PATH by installers and tree
 * copies, yarn plugins, `.envrc` PATH changes and crontab tables from standard input. One table per
 * family, each with routine look-alikes that stay allowed.
 */
describe('perimeter, round 24 families (s36 perimA)', function () {
  this.timeout(120_000);
  const world = repoWorld('bs-s36perimA-', {
    'app/.git/hooks/pre-commit': '#!/bin/sh\ngitleaks protect --staged --redact\n',
    'app/package.json': '{"name":"app","scripts":{"test":"vitest run"}}\n',
    'app/src/index.ts': 'export const x = 1;\n',
  });
  const table = decisionTable(world.facts);
  after(() => world.remove());

  table('a hook manager whose set-up takes the place of the hooks git runs now', [
    ask('npx husky init', { says: /core\.hooksPath.*gitleaks/ }),
    ask('husky init'),
    ask('pnpm dlx husky init'),
    ask('bunx husky init'),
    ask('npx husky'),
    ask('husky install .config/husky'),
    ask('lefthook install -f', { says: /overwrites the git hook \.git\/hooks\/pre-commit/ }),
    ask('lefthook install --force'),
    ask('npx lefthook install -f'),
    ask('lefthook add -f pre-commit'),
    ask('overcommit --install'),
    ask('overcommit -i --force'),
    ask('pre-commit install -f'),
    ask('pre-commit install --overwrite -t pre-commit'),
    allow('lefthook install'),
    allow('lefthook run pre-commit'),
    allow('pre-commit install'),
    allow('pre-commit install -t pre-push'),
    allow('pre-commit run --all-files'),
    allow('overcommit --run'),
    allow('husky --help'),
  ]);

  table('a package whose install script writes over the hooks git runs now', [
    ask('npm i -D simple-git-hooks', { says: /install script.*gitleaks/ }),
    ask('npm i -D pre-commit'),
    ask('npm i -D husky@4'),
    ask('npm install --save-dev husky@^4.3.8'),
    ask('pnpm add -D husky@~4.2.0'),
    ask('yarn add --dev yorkie'),
    ask('yarn add -D ghooks'),
    ask('npm i --save-dev git-hooks'),
    ask('npm install pre-git@3 --save-dev'),
    ask('npm install eslint precommit-hook'),
    ask('pnpm add -D husky@3'),
    allow('npm i -D eslint'),
    allow('npm i -D husky'),
    allow('npm i -D husky@9'),
    allow('npm i -D husky@latest'),
    allow('npm i -D lint-staged'),
    allow('npm i -D pre-commit --ignore-scripts'),
    allow('npm ls simple-git-hooks'),
    // pre-push writes only a pre-push hook, and this repository has none: nothing is lost.
    allow('npm i -D pre-push'),
    // bun runs no dependency's install script unless the project trusts it.
    allow('bun add -d simple-git-hooks'),
  ]);

  table('another writer of a hook file: object-file tools and files named inside SQL text', [
    deny('objcopy /bin/true .git/hooks/pre-commit', { says: /gitleaks/ }),
    deny('llvm-objcopy -O elf64-x86-64 /bin/true .git/hooks/pre-commit'),
    deny('objcopy .git/hooks/pre-commit'),
    deny('strip .git/hooks/pre-commit'),
    deny('strip -o .git/hooks/pre-commit /bin/true'),
    deny('ld -o .git/hooks/pre-commit stub.o'),
    deny('as --64 -o .git/hooks/pre-commit stub.s'),
    deny('patchelf --set-interpreter /lib64/ld-linux-x86-64.so.2 .git/hooks/pre-commit'),
    deny('upx -q -o .git/hooks/pre-commit /bin/true'),
    deny(`duckdb -c "COPY (SELECT 'exit 0') TO '.git/hooks/pre-commit' (HEADER false)"`),
    deny(`duckdb :memory: ".output .git/hooks/pre-commit" "select 'exit 0'"`),
    deny(`psql -c "\\o .git/hooks/pre-commit" -c "select 'exit 0'"`),
    deny(`psql -c "select 'exit 0' \\g .git/hooks/pre-commit"`),
    deny(`psql -c "\\copy (select 'exit 0') to '.git/hooks/pre-commit'"`),
    deny(`psql -o .git/hooks/pre-commit -c "select 'exit 0'"`),
    deny(`sqlite3 x.db "VACUUM INTO '.git/hooks/pre-commit'"`),
    deny(`usql -c "\\o .git/hooks/pre-commit" postgres://localhost/app`),
    deny(`mysql --tee=.git/hooks/pre-commit -e "select 1"`),
    allow('objcopy -O binary build/app.elf build/app.bin'),
    allow('strip build/app'),
    allow('ld -o build/app build/main.o'),
    allow(`psql -c "\\o /tmp/report.txt" -c "select count(*) from users"`),
    allow(`psql -c "\\copy (select 1) to stdout"`),
    allow(`duckdb -c "COPY (SELECT 42) TO 'build/out.csv'"`),
    allow(`psql -c "select 'exit 0'"`),
  ]);
});
