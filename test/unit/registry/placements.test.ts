import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import { TOOLS } from '../../../src/core/registry/tools';
import type { ToolSpec } from '../../../src/core/registry/types';
import { testFacts } from '../support/policyFixtures';

/**
 * Generated from the registry: for every CLI, a command the guard must stop and a global option with
 * a value, placed before, between and after the subcommand words, separated, glued and abbreviated
 * where the tool accepts it. The verdict never changes with the placement. A tool added to the
 * registry without a row here fails the coverage check below.
 */

interface Row {
  /** Words after the command name; `@` marks where the option may go (before, between, after the path). */
  words: string;
  /** The option's spellings and a value. */
  option: readonly string[];
  value: string;
  /** Package managers with nothing to stop in general say `allow`: no placement may make them ask. */
  decision: 'allow' | 'ask' | 'deny';
  production?: boolean;
}

const ROWS: Readonly<Record<string, Row>> = {
  aws: { words: '@ s3 @ rb @ s3://prod-bucket --force', option: ['--profile'], value: 'prod', decision: 'ask', production: true },
  gcloud: { words: "@ compute @ ssh @ vm1 --command 'rm -rf /data'", option: ['--project'], value: 'prod-proj', decision: 'ask', production: true },
  gsutil: { words: '@ rm -r gs://prod-bucket/data', option: ['-u'], value: 'prod-proj', decision: 'ask', production: true },
  az: { words: "@ vm @ run-command @ invoke -n vm1 --scripts 'rm -rf /data'", option: ['--subscription'], value: 'prod', decision: 'ask', production: true },
  azcopy: { words: '@ remove https://prod.blob.core.windows.net/c --recursive', option: ['--log-level'], value: 'INFO', decision: 'ask' },
  eksctl: { words: '@ scale @ nodegroup @ --name ng --nodes 0', option: ['--profile', '-p'], value: 'prod', decision: 'ask', production: true },
  doctl: { words: '@ compute @ droplet @ delete web-1', option: ['--context'], value: 'prod', decision: 'ask', production: true },
  argocd: { words: '@ app @ sync api --prune', option: ['--server'], value: 'argocd.prod.acme.io', decision: 'ask', production: true },
  railway: { words: '@ volume @ delete', option: ['-e', '--environment'], value: 'production', decision: 'ask', production: true },
  fly: { words: "@ ssh @ console -C 'rm -rf /data'", option: ['-a', '--app'], value: 'prod-app', decision: 'ask', production: true },
  dokku: { words: '@ ps:scale @ acme web=0', option: ['--app'], value: 'acme', decision: 'ask', production: true },
  heroku: { words: "@ run 'rm -rf /app/uploads'", option: ['-a', '--app'], value: 'shop-prod', decision: 'ask', production: true },
  vercel: { words: '@ projects @ rm web', option: ['--scope'], value: 'prod-team', decision: 'ask', production: true },
  netlify: { words: '@ sites:delete @ site-1', option: ['--context'], value: 'production', decision: 'ask', production: true },
  supabase: { words: '@ projects @ delete ref1', option: ['--profile'], value: 'production', decision: 'ask', production: true },
  neonctl: { words: '@ projects @ delete p1', option: ['--project-id'], value: 'prod-db', decision: 'ask', production: true },
  pscale: { words: '@ database @ delete shop', option: ['--org'], value: 'prod-org', decision: 'ask', production: true },
  render: { words: '@ services @ delete srv-1', option: ['-o', '--output'], value: 'json', decision: 'ask' },
  gh: { words: '@ repo @ delete acme/prod-site', option: ['-R', '--repo'], value: 'acme/prod-site', decision: 'ask', production: true },
  glab: { words: '@ repo @ delete acme/prod-site', option: ['-R', '--repo'], value: 'acme/prod-site', decision: 'ask', production: true },
  doppler: { words: '@ secrets @ delete API_KEY', option: ['-c', '--config'], value: 'prd', decision: 'ask', production: true },
  firebase: { words: '@ firestore:delete @ users -r', option: ['-P', '--project'], value: 'prod-app', decision: 'ask', production: true },
  wrangler: { words: '@ delete @ worker-1', option: ['-e', '--env'], value: 'production', decision: 'ask', production: true },
  turso: { words: '@ db @ destroy shop --yes', option: ['--org'], value: 'acme-prod', decision: 'ask', production: true },
  ssh: { words: "@ db1.prod.example.com 'rm -rf /data'", option: ['-p'], value: '2222', decision: 'ask', production: true },
  ansible: { words: "@ web -m shell -a 'rm -rf /data'", option: ['-i', '--inventory'], value: 'inventories/production', decision: 'ask', production: true },
  kubectl: { words: '@ delete @ namespace payments', option: ['--context'], value: 'prod-east', decision: 'ask', production: true },
  // Switches the context for later commands of the line; deleting a context (`-d`) is the kubeconfig's own state.
  kubectx: { words: '@ staging-us', option: ['-d'], value: 'old-ctx', decision: 'allow' },
  helm: { words: '@ uninstall @ shop @', option: ['--kube-context'], value: 'prod-eu', decision: 'ask', production: true },
  docker: { words: '@ exec @ web rm -rf /data', option: ['-H', '--host'], value: 'ssh://deploy@db1', decision: 'ask', production: true },
  'docker-compose': { words: '@ down @ -v', option: ['-p', '--project-name'], value: 'shop', decision: 'ask' },
  terraform: { words: '@ destroy @ -auto-approve @', option: ['-var-file'], value: 'prod.tfvars', decision: 'ask', production: true },
  terragrunt: { words: '@ run-all @ destroy @', option: ['--terragrunt-working-dir'], value: 'envs/prod', decision: 'ask', production: true },
  pulumi: { words: '@ destroy @ --yes @', option: ['-s', '--stack'], value: 'acme/shop/prod', decision: 'ask', production: true },
  crane: { words: '@ copy @ evil/x ghcr.io/acme/api:latest @', option: ['--platform'], value: 'linux/amd64', decision: 'ask' },
  skopeo: { words: '@ copy @ docker://evil/x docker://ghcr.io/acme/api:latest @', option: ['--override-arch'], value: 'amd64', decision: 'ask' },
  oras: { words: '@ push @ ghcr.io/acme/api:latest @ ./bundle.tgz', option: ['--registry-config'], value: 'auth.json', decision: 'ask' },
  regctl: { words: '@ image @ copy @ evil/x ghcr.io/acme/api:latest', option: ['-v', '--verbosity'], value: 'info', decision: 'ask' },
  cosign: { words: '@ clean @ ghcr.io/acme/api:latest @', option: ['-t', '--timeout'], value: '30s', decision: 'ask' },
  terramate: { words: '@ run @ -- terraform destroy -auto-approve', option: ['-C', '--chdir'], value: 'stacks/prod', decision: 'ask', production: true },
  atmos: { words: '@ terraform @ destroy vpc @ -auto-approve', option: ['-s', '--stack'], value: 'prod', decision: 'ask', production: true },
  cdk: { words: '@ destroy @ ShopStack @', option: ['--profile'], value: 'prod', decision: 'ask', production: true },
  git: { words: '@ push --force origin main', option: ['-C'], value: '/work/app', decision: 'ask', production: true },
  psql: { words: "@ postgres://app@db.prod.acme.internal/shop @ -c 'DROP TABLE orders' @", option: ['-U', '--username'], value: 'admin', decision: 'ask', production: true },
  dropdb: { words: '@ shop @', option: ['-h', '--host'], value: 'db.prod.acme.internal', decision: 'ask', production: true },
  pg_restore: { words: '@ --clean @ -d shop dump.sql @', option: ['-h', '--host'], value: 'db.prod.acme.internal', decision: 'ask', production: true },
  mysql: { words: "@ shop @ -e 'DROP TABLE orders' @", option: ['-h', '--host'], value: 'db.prod.acme.internal', decision: 'ask', production: true },
  pg_dropcluster: { words: '@ 15 @ main @', option: ['--stop'], value: '', decision: 'ask' },
  pg_ctl: { words: "@ stop @ -m immediate @", option: ['-D', '--pgdata'], value: '/var/lib/postgresql/15/main', decision: 'ask' },
  pg_ctlcluster: { words: '@ 15 @ main @ stop @', option: ['-m', '--mode'], value: 'fast', decision: 'ask' },
  mysqld: { words: '@ --initialize-insecure @', option: ['--datadir'], value: '/var/lib/mysql', decision: 'ask' },
  initdb: { words: '@ --data-checksums @', option: ['-D', '--pgdata'], value: '/var/lib/postgresql/16/main', decision: 'ask' },
  pg_upgradecluster: { words: '@ 15 @ main @', option: ['-m', '--method'], value: 'upgrade', decision: 'ask' },
  createuser: { words: '@ -s @ evil @', option: ['-h', '--host'], value: 'db.prod.acme.internal', decision: 'ask', production: true },
  dropuser: { words: '@ app @', option: ['-h', '--host'], value: 'db.prod.acme.internal', decision: 'ask', production: true },
  pg_resetwal: { words: '@ -f @ /var/lib/postgresql/data @', option: ['-l', '--next-wal-file'], value: '000000010000000000000002', decision: 'ask' },
  pg_rewind: { words: '@ --source-server=host=db.prod.acme.internal @', option: ['-D', '--target-pgdata'], value: '/var/lib/postgresql/16/main', decision: 'ask' },
  pg_archivecleanup: { words: '@ /var/lib/postgresql/wal_archive @ 000000010000000000000099 @', option: ['-x', '--strip-extension'], value: '.gz', decision: 'ask' },
  'redis-check-aof': { words: '@ --fix @ appendonly.aof @', option: ['--truncate-to-timestamp'], value: '1700000000', decision: 'ask' },
  rabbitmqctl: { words: '@ stop_app @', option: ['-n', '--node'], value: 'rabbit@mq-prod-1', decision: 'ask', production: true },
  mysqladmin: { words: '@ drop @ shop @', option: ['-h', '--host'], value: 'db.prod.acme.internal', decision: 'ask', production: true },
  mongosh: { words: "@ mongodb://db.prod.acme.internal/shop @ --eval 'db.dropDatabase()' @", option: ['-u', '--username'], value: 'admin', decision: 'ask', production: true },
  'redis-cli': { words: '@ -h cache.prod.acme.internal @ FLUSHALL', option: ['-n'], value: '2', decision: 'ask', production: true },
  sqlite3: { words: "@ app.db @ 'DROP TABLE users' @", option: ['-nullvalue'], value: 'NULL', decision: 'ask' },
  sqlcmd: { words: "@ -Q 'DROP TABLE orders' @", option: ['-S', '--server'], value: 'sql.prod.acme.internal', decision: 'ask', production: true },
  'clickhouse-client': { words: "@ -q 'DROP TABLE events' @", option: ['-h', '--host'], value: 'ch.prod.acme.internal', decision: 'ask', production: true },
  cqlsh: { words: "@ cassandra.prod.acme.internal @ -e 'DROP KEYSPACE shop' @", option: ['-u', '--username'], value: 'admin', decision: 'ask', production: true },
  usql: { words: "@ postgres://app@db.prod.acme.internal/shop @ -c 'DROP TABLE orders' @", option: ['-o', '--out'], value: 'out.txt', decision: 'ask', production: true },
  cockroach: { words: "sql @ --url postgres://root@db.prod.acme.internal:26257/shop @ -e 'DROP TABLE orders' @", option: ['-u', '--user'], value: 'root', decision: 'ask', production: true },
  trino: { words: "@ --server https://trino.prod.acme.internal @ --execute 'DROP TABLE orders' @", option: ['--catalog'], value: 'hive', decision: 'ask', production: true },
  snowsql: { words: "@ -a acme-prod @ -q 'DROP TABLE orders' @", option: ['-w', '--warehouse'], value: 'etl', decision: 'ask', production: true },
  beeline: { words: "@ -u jdbc:hive2://hive.prod.acme.internal:10000/shop @ -e 'DROP TABLE orders' @", option: ['-n'], value: 'etl', decision: 'ask', production: true },
  duckdb: { words: "@ app.duckdb @ -c 'DROP TABLE orders' @", option: ['-separator'], value: ',', decision: 'ask' },
  mysqlsh: { words: "@ --uri root@db.prod.acme.internal:3306/shop @ --sql -e 'DROP TABLE orders' @", option: ['-u', '--user'], value: 'root', decision: 'ask', production: true },
  sqlplus: { words: '@ app/x{at}db.prod.acme.internal @ {at}drop.sql @', option: ['-R'], value: '3', decision: 'ask', production: true },
  vsql: { words: "@ -h db.prod.acme.internal @ -c 'DROP TABLE orders' @", option: ['-U', '--username'], value: 'dbadmin', decision: 'ask', production: true },
  'impala-shell': { words: "@ -i impala.prod.acme.internal @ -q 'DROP TABLE orders' @", option: ['-d', '--database'], value: 'shop', decision: 'ask', production: true },
  snow: { words: "sql @ -c prod @ -q 'DROP TABLE orders' @", option: ['--warehouse'], value: 'etl', decision: 'ask', production: true },
  'spark-sql': { words: "@ -e 'DROP TABLE orders' @", option: ['--database'], value: 'shop', decision: 'ask', production: true },
  databricks: { words: "sql execute @ --statement 'DROP TABLE orders' @", option: ['-p', '--profile'], value: 'prod', decision: 'ask', production: true },
  curl: { words: '@ -X DELETE @ https://api.stripe.com/v1/customers/cus_1 @', option: ['-H', '--header'], value: 'Accept:application/json', decision: 'ask', production: true },
  eget: { words: '@ zricethezav/gitleaks --to ~/.local/bin @', option: ['-t', '--tag'], value: 'v8.18.0', decision: 'deny' },
  wget: { words: '@ --method=DELETE @ https://api.stripe.com/v1/customers/cus_1 @', option: ['-U', '--user-agent'], value: 'bot', decision: 'ask', production: true },
  http: { words: '@ DELETE @ https://api.stripe.com/v1/customers/cus_1 @', option: ['-a', '--auth'], value: 'user:pass', decision: 'ask', production: true },
  npm: { words: '@ run @ wipe @', option: ['--loglevel'], value: 'silent', decision: 'ask' },
  pnpm: { words: '@ run @ wipe @', option: ['-C', '--dir'], value: '/work/app', decision: 'ask' },
  yarn: { words: '@ wipe @', option: ['--cwd'], value: '/work/app', decision: 'ask' },
  bun: { words: '@ run @ wipe', option: ['--cwd'], value: '/work/app', decision: 'ask' },
  uv: { words: '@ run @ rm -rf src', option: ['--directory'], value: '/work/app', decision: 'ask' },
  poetry: { words: '@ run rm -rf src', option: ['-C', '--directory'], value: '/work/app', decision: 'ask' },
  pip: { words: '@ install @ -r requirements.txt @', option: ['--timeout'], value: '30', decision: 'allow' },
  pipx: { words: '@ install @ ruff @', option: ['--python'], value: 'python3.12', decision: 'allow' },
  gem: { words: '@ install @ rails @', option: ['--source'], value: 'https://rubygems.org', decision: 'allow' },
  volta: { words: '@ install @ node@20 @', option: ['--env'], value: 'CI=1', decision: 'allow' },
  cargo: { words: '@ build @ --release @', option: ['--manifest-path'], value: 'Cargo.toml', decision: 'allow' },
  go: { words: '@ build @ ./... @', option: ['-o'], value: 'bin/app', decision: 'allow' },
  'systemd-run': { words: '@ rm -rf /work/app/src', option: ['-u', '--unit'], value: 'cleanup', decision: 'ask' },
  tmux: { words: "@ new-session -d 'rm -rf /work/app/src'", option: ['-L'], value: 'work', decision: 'ask' },
  screen: { words: '@ -dm rm -rf /work/app/src', option: ['-S'], value: 'work', decision: 'ask' },
  kitty: { words: "@ {at} @ send-text 'rm -rf /work/app/src\\n'", option: ['--to'], value: 'unix:/tmp/kitty', decision: 'ask' },
  wezterm: { words: "@ cli send-text 'rm -rf /work/app/src'", option: ['--config-file'], value: 'w.lua', decision: 'ask' },
  'Invoke-RestMethod': { words: '@ -Method DELETE @ -Uri https://api.stripe.com/v1/customers/cus_1 @', option: ['-TimeoutSec'], value: '10', decision: 'ask', production: true },
  nc: { words: '@ cache.prod.acme.internal 6379 <<< FLUSHALL', option: ['-w'], value: '3', decision: 'ask', production: true },
  telnet: { words: '@ cache.prod.acme.internal 6379 <<< FLUSHALL', option: ['-l'], value: 'admin', decision: 'ask', production: true },
  awk: { words: `@ 'BEGIN { system("rm -rf /work/app/src") }'`, option: ['-F', '--field-separator'], value: ':', decision: 'ask' },
  deno: { words: `@ eval @ "Deno.removeSync('/work/app/src', { recursive: true })"`, option: ['-q', '--quiet'], value: '', decision: 'ask' },
  rm: { words: '@ src', option: ['-r', '--recursive'], value: '', decision: 'ask' },
  rmdir: { words: '@ src', option: ['-p', '--parents'], value: '', decision: 'allow' },
  chmod: { words: '@ 777 /', option: ['-R', '--recursive'], value: '', decision: 'deny' },
  chown: { words: '@ root /', option: ['-R', '--recursive'], value: '', decision: 'deny' },
  mv: { words: '@ src /dev/null', option: ['-S', '--suffix'], value: '.bak', decision: 'ask' },
  cp: { words: '@ /dev/null src/app.ts', option: ['-S', '--suffix'], value: '.bak', decision: 'ask' },
  shred: { words: '@ notes.txt', option: ['-n', '--iterations'], value: '3', decision: 'ask' },
  truncate: { words: '@ notes.txt', option: ['-s', '--size'], value: '0', decision: 'ask' },
  unlink: { words: '@ notes.txt', option: [], value: '', decision: 'ask' },
  reboot: { words: '@', option: ['-f', '--force'], value: '', decision: 'ask' },
  init: { words: '@ 6 @', option: ['-q'], value: '', decision: 'ask' },
  systemctl: { words: '@ reboot @', option: ['-i', '--ignore-inhibitors'], value: '', decision: 'ask' },
  iptables: { words: '@ -F @ INPUT @', option: ['-t', '--table'], value: 'filter', decision: 'ask' },
  ufw: { words: '@ disable @', option: ['--force'], value: '', decision: 'ask' },
  passwd: { words: '@ -d @ root @', option: ['-q', '--quiet'], value: '', decision: 'ask' },
  crontab: { words: '@ -r @', option: ['-u'], value: 'www-data', decision: 'ask' },
  blkdiscard: { words: '@ /dev/sdb @', option: ['-f', '--force'], value: '', decision: 'deny' },
  sgdisk: { words: '@ --zap-all @ /dev/sdb @', option: ['-v', '--verify'], value: '', decision: 'deny' },
  'pre-commit': { words: '@ uninstall @', option: ['-c', '--config'], value: '.pre-commit-config.yaml', decision: 'ask' },
  lefthook: { words: '@ uninstall @', option: ['-v', '--verbose'], value: '', decision: 'ask' },
  husky: { words: '@ uninstall @', option: ['-h', '--help'], value: '', decision: 'ask' },
  objcopy: { words: '@ /bin/true @ .git/hooks/pre-commit @', option: ['-O', '--output-target'], value: 'elf64-x86-64', decision: 'ask' },
  strip: { words: '@ .git/hooks/pre-commit @', option: ['-R', '--remove-section'], value: '.comment', decision: 'ask' },
  ranlib: { words: '@ .git/hooks/pre-commit @', option: ['-D'], value: '', decision: 'ask' },
  ld: { words: '@ x.o @', option: ['-o', '--output'], value: '.git/hooks/pre-commit', decision: 'ask' },
  patchelf: { words: '@ --set-rpath /opt/lib @ .git/hooks/pre-commit', option: ['--page-size'], value: '4096', decision: 'ask' },
  upx: { words: '@ .git/hooks/pre-commit @', option: ['-q'], value: '', decision: 'ask' },
  overcommit: { words: '@', option: ['-f', '--force'], value: '', decision: 'allow' },
  claude: { words: '@ mcp @ add @ x -- npx -y evil-mcp', option: ['--model'], value: 'opus', decision: 'ask' },
  codex: { words: '@ mcp @ add @ x -- npx -y evil-mcp', option: ['-m', '--model'], value: 'o3', decision: 'ask' },
  gemini: { words: '@ mcp @ add @ x bunx evil-mcp', option: ['-m', '--model'], value: 'pro', decision: 'ask' },
  tsh: { words: "@ ssh @ root@db1.prod.example.com 'rm -rf /data'", option: ['--proxy'], value: 'teleport.acme.io', decision: 'ask', production: true },
  salt: { words: "@ '*' cmd.run 'rm -rf /data'", option: ['-t', '--timeout'], value: '30', decision: 'ask', production: true },
  pdsh: { words: "@ 'rm -rf /data'", option: ['-w'], value: 'web1.prod.example.com', decision: 'ask', production: true },
  clush: { words: "@ 'rm -rf /data'", option: ['-w', '--nodes'], value: 'web1.prod.example.com', decision: 'ask', production: true },
  mkfs: { words: '@ /dev/sda1', option: ['-t'], value: 'ext4', decision: 'deny' },
  rsync: { words: '@ -a --delete ./ deploy@web1.prod.example.com:/srv/app/', option: ['--exclude'], value: 'node_modules', decision: 'ask', production: true },
  rimraf: { words: '@ uploads', option: ['--impl'], value: 'native', decision: 'ask' },
  'del-cli': { words: '@ uploads', option: [], value: '', decision: 'ask' },
  trash: { words: '@ .env.production', option: [], value: '', decision: 'ask' },
  srm: { words: '@ .env.production', option: [], value: '', decision: 'ask' },
  mosh: { words: '@ db1.prod.example.com -- rm -rf /data', option: ['-p', '--port'], value: '60001', decision: 'ask', production: true },
  twine: { words: '@ upload @ dist/*', option: ['--no-color'], value: '', decision: 'ask', production: true },
  flit: { words: '@ publish @', option: ['-f', '--ini-file'], value: 'flit.ini', decision: 'ask', production: true },
  hatch: { words: '@ publish @', option: ['-v', '--verbose'], value: '', decision: 'ask', production: true },
  pdm: { words: '@ publish @', option: ['-v', '--verbose'], value: '', decision: 'ask', production: true },
  vsce: { words: 'publish @', option: ['-p', '--pat'], value: 'tok', decision: 'ask', production: true },
  dotnet: { words: 'nuget push @ acme.1.0.0.nupkg @', option: ['-s', '--source'], value: 'https://api.nuget.org/v3/index.json', decision: 'ask', production: true },
  apt: { words: '@ remove @ openssh-server @', option: ['-o', '--option'], value: 'Debug::NoLocking=1', decision: 'ask' },
  dpkg: { words: '@ -r @ openssh-server', option: ['--root'], value: '/', decision: 'ask' },
  dnf: { words: '@ remove @ openssh-server @', option: ['-c', '--config'], value: '/etc/dnf/dnf.conf', decision: 'ask' },
  rpm: { words: '@ -e @ glibc @', option: ['--root'], value: '/', decision: 'ask' },
  pacman: { words: '@ -R @ openssh @', option: ['-b', '--dbpath'], value: '/var/lib/pacman', decision: 'ask' },
  apk: { words: '@ del @ openssh @', option: ['-p', '--root'], value: '/', decision: 'ask' },
  zypper: { words: '@ rm @ openssh @', option: ['-R', '--root'], value: '/', decision: 'ask' },
  snap: { words: 'remove @ lxd @', option: ['--revision'], value: '42', decision: 'ask' },
  cc: { words: '@ /tmp/x.c @ -o /tmp/x && /tmp/x', option: ['-I'], value: 'include', decision: 'ask' },
  rustc: { words: '@ /tmp/x.rs @ -o /tmp/x && /tmp/x', option: ['--edition'], value: '2021', decision: 'ask' },
  java: { words: '@ /tmp/X.java', option: ['-cp', '--class-path'], value: '.', decision: 'allow' },
  kotlinc: { words: '@ -script /tmp/x.kts @', option: ['-jvm-target'], value: '17', decision: 'allow' },
  swift: { words: '@ build', option: ['-sdk'], value: 'macosx', decision: 'allow' },
  zig: { words: '@ run @ /tmp/x.zig', option: ['--cache-dir'], value: '/tmp/zig-cache', decision: 'allow' },
  crystal: { words: '@ run @ /tmp/x.cr', option: ['--target'], value: 'x86_64-linux-gnu', decision: 'allow' },
  nim: { words: '@ r @ /tmp/x.nim', option: ['--outdir'], value: 'bin', decision: 'allow' },
  runghc: { words: "@ -e 'System.Process.callCommand \"rm -rf /work/app/src\"'", option: ['-i'], value: 'src', decision: 'ask' },
  'scala-cli': { words: '@ run @ /tmp/x.scala', option: ['-S', '--scala'], value: '3', decision: 'allow' },
  np: { words: '@', option: ['--tag'], value: 'next', decision: 'ask', production: true },
  'semantic-release': { words: '@', option: ['-b', '--branches'], value: 'main', decision: 'ask', production: true },
  changeset: { words: '@ publish @', option: ['--otp'], value: '123456', decision: 'ask', production: true },
  goreleaser: { words: '@ release @', option: ['-f', '--config'], value: '.goreleaser.yaml', decision: 'ask', production: true },
  'dotnet-script': { words: '@ /tmp/x.csx', option: ['-c', '--configuration'], value: 'Release', decision: 'allow' },
  yaegi: { words: "@ -e 'os.RemoveAll(\"/work/app/src\")'", option: ['-tags'], value: 'dev', decision: 'ask' },
  kill: { words: '@ -- -1', option: ['-s', '--signal'], value: 'KILL', decision: 'ask' },
  nft: { words: '@ flush ruleset', option: ['-I', '--includepath'], value: '/etc/nftables', decision: 'ask' },
  dockerd: { words: '@ -H tcp://0.0.0.0:2375 @', option: ['--data-root', '-g'], value: '/srv/docker', decision: 'ask' },
  jupyter: { words: "@ lab @ --ip=0.0.0.0 --ServerApp.token='' @", option: ['--port'], value: '8888', decision: 'ask' },
  'jupyter-notebook': { words: "@ --ip 0.0.0.0 @ --NotebookApp.token= @", option: ['--port'], value: '8888', decision: 'ask' },
  ngrok: { words: '@ tcp @ 22 @', option: ['--region'], value: 'eu', decision: 'ask' },
  sort: { words: "@ --compress-program='rm -rf /work/app/src' @ -S 1 notes.txt @", option: ['-t', '--field-separator'], value: ':', decision: 'ask' },
  tcpdump: { words: "@ -w /tmp/c @ -G 1 @ -z 'rm -rf /work/app/src'", option: ['-i'], value: 'lo', decision: 'ask' },
  scp: { words: "@ -S 'rm -rf /work/app/src' @ a b:", option: ['-P'], value: '2222', decision: 'ask' },
  chsh: { words: '@ -s /usr/sbin/nologin @ mallory', option: ['-R', '--root'], value: '/', decision: 'ask' },
  valgrind: { words: "@ --db-command='rm -rf /work/app/src' @ ls", option: ['-q', '--quiet'], value: '', decision: 'ask' },
  vagrant: { words: "@ ssh @ web -c 'rm -rf /srv/data'", option: ['-t', '--tty'], value: '', decision: 'ask' },
  multipass: { words: '@ exec @ vm1 -- rm -rf /srv/data', option: ['-v', '--verbose'], value: '', decision: 'ask' },
  lxc: { words: '@ exec @ web -- rm -rf /srv/data', option: ['--project'], value: 'default', decision: 'ask' },
  limactl: { words: '@ shell @ default rm -rf /srv/data', option: ['--log-level'], value: 'info', decision: 'ask' },
  kamal: { words: "@ app @ exec @ 'rm -rf /rails/storage'", option: ['-d', '--destination'], value: 'production', decision: 'ask', production: true },
  eb: { words: "@ ssh @ shop-prod -c 'rm -rf /var/app'", option: ['--profile'], value: 'prod', decision: 'ask', production: true },
  pssh: { words: "@ 'rm -rf /srv/data'", option: ['-H', '--host'], value: 'web1.prod.example.com', decision: 'ask', production: true },
  autossh: { words: "@ db1.prod.example.com 'rm -rf /data'", option: ['-M'], value: '0', decision: 'ask', production: true },
  distrobox: { words: '@ enter @ dev -- rm -rf /work/app/src', option: ['-n', '--name'], value: 'dev', decision: 'ask' },
  toolbox: { words: '@ run @ rm -rf /work/app/src', option: ['-c', '--container'], value: 'dev', decision: 'ask' },
  usermod: { words: '@ -aG sudo @ mallory', option: ['-c', '--comment'], value: 'Dev', decision: 'ask' },
  gpasswd: { words: '@ -a mallory @ sudo', option: ['-Q', '--root'], value: '/', decision: 'ask' },
  userdel: { words: '@ app', option: ['-R', '--root'], value: '/', decision: 'ask' },
  setenforce: { words: '@ 0', option: [], value: '', decision: 'ask' },
  sshd: { words: '@ -o PermitRootLogin=yes @', option: ['-p'], value: '2222', decision: 'ask' },
  brew: { words: '@ uninstall @ git @', option: ['-q', '--quiet'], value: '', decision: 'ask' },
  ttyd: { words: '@ -W @ bash', option: ['-p', '--port'], value: '7681', decision: 'ask' },
  gotty: { words: '@ -w @ bash', option: ['-p', '--port'], value: '8080', decision: 'ask' },
  tmate: { words: '@ new-session -d', option: ['-S'], value: '/tmp/tmate.sock', decision: 'ask' },
  upterm: { words: '@ host @ -- bash', option: ['--server'], value: 'ssh://uptermd.upterm.dev:22', decision: 'ask' },
  fdisk: { words: '@ /dev/sda @', option: ['-b', '--sector-size'], value: '512', decision: 'ask' },
  sfdisk: { words: '@ /dev/sdb @', option: ['-X', '--label'], value: 'gpt', decision: 'ask' },
  parted: { words: '@ /dev/sdb mklabel gpt', option: ['-a', '--align'], value: 'optimal', decision: 'ask' },
  mdadm: { words: '@ --zero-superblock @ /dev/sdb @', option: ['-c', '--config'], value: '/etc/mdadm.conf', decision: 'ask' },
  mount: { words: '@ -o remount,ro @ / @', option: ['-t', '--types'], value: 'ext4', decision: 'ask' },
  umount: { words: '@ -a @', option: ['-t', '--types'], value: 'ext4', decision: 'ask' },
  sysctl: { words: '@ -w @ kernel.panic=1 @', option: ['-e', '--ignore'], value: '', decision: 'ask' },
  ip: { words: '@ link set eth0 down', option: ['-n', '-netns'], value: 'blue', decision: 'ask' },
  ifconfig: { words: '@ eth0 down', option: ['-v'], value: '', decision: 'ask' },
  nmcli: { words: '@ networking off', option: ['-w', '--wait'], value: '10', decision: 'ask' },
  service: { words: '@ postgresql stop', option: [], value: '', decision: 'ask' },
  pkill: { words: '@ -u alice @', option: ['-t', '--terminal'], value: 'pts/1', decision: 'ask' },
  journalctl: { words: '@ --vacuum-time=1s @', option: ['-D', '--directory'], value: '/var/log/journal', decision: 'ask' },
  auditctl: { words: '@ -D @', option: ['-b'], value: '8192', decision: 'ask' },
  'ssh-copy-id': { words: '@ -i attacker.pub @ localhost', option: ['-p'], value: '2222', decision: 'ask' },
  'code-server': { words: '@ --auth none @ --bind-addr 0.0.0.0:8080 @', option: ['--port'], value: '8080', decision: 'ask' },
  hg: { words: '@ push @ -f', option: ['-R', '--repository'], value: '/work/app', decision: 'ask', production: true },
  jj: { words: '@ abandon @ main', option: ['-R', '--repository'], value: '/work/app', decision: 'ask' },
  svn: { words: '@ rm @ https://svn.example.com/repo/trunk/src -m x', option: ['--username'], value: 'deploy', decision: 'ask', production: true },
  gt: { words: '@ submit @ --force', option: ['--cwd'], value: '/work/app', decision: 'ask', production: true },
  gs: { words: '@ stack @ submit --force', option: ['-C', '--dir'], value: '/work/app', decision: 'ask', production: true },
  spr: { words: '@ update @ --force', option: ['--detail'], value: '', decision: 'ask', production: true },
  ghstack: { words: '@ submit @ --force', option: ['-v', '--verbose'], value: '', decision: 'ask', production: true },
  'git-town': { words: '@ kill @ feature', option: ['-v', '--verbose'], value: '', decision: 'ask', production: true },
  'git-machete': { words: '@ traverse @ --yes', option: ['-v', '--verbose'], value: '', decision: 'ask', production: true },
  'git-branchless': { words: '@ submit @ --force', option: ['-C'], value: '/work/app', decision: 'ask', production: true },
  'git-lfs': { words: '@ migrate @ import --everything', option: ['-I', '--include'], value: '*.png', decision: 'ask' },
  'git-annex': { words: '@ drop --force @ .', option: ['-J', '--jobs'], value: '2', decision: 'ask' },
  'git-delete-branch': { words: '@ main', option: [], value: '', decision: 'ask', production: true },
  hub: { words: '@ delete @ -y acme/prod-site', option: ['-C'], value: '/work/app', decision: 'ask', production: true },
  // Pulls ask only where the work tree holds a protected place (the perimeter's facts); these facts hold none.
  'git-up': { words: '@', option: ['-q', '--quiet'], value: '', decision: 'allow' },
  'git-sync': { words: '@ --force @', option: ['-s', '--soft'], value: '', decision: 'allow' },
  'git-delete-tag': { words: '@ v1.0', option: [], value: '', decision: 'ask', production: true },
  'git-delete-merged-branches': { words: '@', option: [], value: '', decision: 'ask' },
  'git-delete-squashed-branches': { words: '@ main', option: [], value: '', decision: 'ask' },
  'git-clear': { words: '@', option: [], value: '', decision: 'ask' },
  'git-clear-soft': { words: '@', option: [], value: '', decision: 'ask' },
  'git-reset-file': { words: '@ src/app.ts', option: [], value: '', decision: 'ask' },
  'git-undo': { words: '@ 2 @ --hard', option: [], value: '', decision: 'ask' },
  'git-obliterate': { words: '@ notes.txt', option: [], value: '', decision: 'ask', production: true },
  // Round 8 (issue #18): history rewriters by their own names.
  'git-filter-repo': { words: '@ --invert-paths @', option: ['--path'], value: 'src', decision: 'ask', production: true },
  bfg: { words: '@ --delete-files id_dsa.bak @', option: ['-b', '--strip-blobs-bigger-than'], value: '1M', decision: 'ask', production: true },
  // Round 7 (issue #18): fleets, orchestrators and more of the machine.
  sftp: { words: "@ web1.prod.example.com <<< 'rm /var/www/index.html'", option: ['-P'], value: '2222', decision: 'ask', production: true },
  'ansible-playbook': { words: '@ site.yml @', option: ['-i', '--inventory'], value: 'inventories/production', decision: 'ask', production: true },
  'ansible-console': { words: '@ web @', option: ['-i', '--inventory'], value: 'inventories/production', decision: 'ask', production: true },
  knife: { words: "@ ssh @ 'role:db' 'rm -rf /data'", option: ['-s', '--server-url'], value: 'https://chef.prod.example.com', decision: 'ask', production: true },
  mco: { words: "@ shell @ run @ 'rm -rf /data'", option: ['-I', '--identity'], value: 'web1.prod.example.com', decision: 'ask', production: true },
  bolt: { words: "@ command @ run @ 'rm -rf /data'", option: ['-t', '--targets'], value: 'web1.prod.example.com', decision: 'ask', production: true },
  pyinfra: { words: "@ web1.prod.example.com @ server.shell 'rm -rf /data'", option: ['--user'], value: 'deploy', decision: 'ask', production: true },
  nomad: { words: '@ job @ stop api', option: ['-address'], value: 'https://nomad.prod.example.com:4646', decision: 'ask', production: true },
  consul: { words: '@ leave @', option: ['-http-addr'], value: 'https://consul.prod.example.com:8501', decision: 'ask', production: true },
  nvme: { words: '@ format @ /dev/nvme0n1', option: ['-s', '--ses'], value: '1', decision: 'ask' },
  hdparm: { words: '@ --security-erase NULL @ /dev/sda', option: ['--user-master'], value: 'u', decision: 'ask' },
  cryptsetup: { words: '@ luksFormat @ /dev/sda2', option: ['--type'], value: 'luks2', decision: 'ask' },
  zfs: { words: '@ rollback -r @ tank/data{at}yesterday', option: ['-d'], value: '1', decision: 'ask' },
  zpool: { words: '@ labelclear -f @ /dev/sdb', option: ['-o'], value: 'x=y', decision: 'ask' },
  lvreduce: { words: '@ -f @ /dev/vg0/data', option: ['-L', '--size'], value: '-1G', decision: 'ask' },
  resize2fs: { words: '@ /dev/sda1 1M', option: ['-z'], value: '/tmp/undo.e2undo', decision: 'ask' },
  e2fsck: { words: '@ -y @ /dev/sda1', option: ['-b'], value: '32768', decision: 'ask' },
  xfs_repair: { words: '@ -L @ /dev/sda1', option: ['-m'], value: '512', decision: 'ask' },
  badblocks: { words: '@ -w @ /dev/sda', option: ['-b'], value: '4096', decision: 'ask' },
  efibootmgr: { words: '@ -b 0000 @ -B @', option: ['-t', '--timeout'], value: '5', decision: 'ask' },
  'grub-install': { words: '@ /dev/sda @', option: ['--target'], value: 'i386-pc', decision: 'ask' },
  'firewall-cmd': { words: '@ --panic-on @', option: ['--zone'], value: 'public', decision: 'ask' },
  tc: { words: '@ qdisc add dev eth0 root netem loss 100%', option: ['-n', '-netns'], value: 'blue', decision: 'ask' },
  ifdown: { words: '@ eth0 @', option: ['-i', '--interfaces'], value: '/etc/network/interfaces', decision: 'ask' },
  networkctl: { words: '@ down @ eth0', option: ['-v'], value: '', decision: 'ask' },
  swapoff: { words: '@ -a @', option: ['-v', '--verbose'], value: '', decision: 'ask' },
  rmmod: { words: '@ e1000e @', option: ['-f', '--force'], value: '', decision: 'ask' },
  modprobe: { words: '@ -r @ e1000e', option: ['-C', '--config'], value: '/etc/modprobe.d', decision: 'ask' },
  kexec: { words: '@ -e @', option: ['--append'], value: 'quiet', decision: 'ask' },
  chage: { words: '@ -E 0 @ deploy', option: ['-R', '--root'], value: '/', decision: 'ask' },
  groupmod: { words: '@ -n x @ sudo', option: ['-R', '--root'], value: '/', decision: 'ask' },
  chpasswd: { words: '@', option: ['-c', '--crypt-method'], value: 'SHA512', decision: 'ask' },
  'update-alternatives': { words: '@ --set editor /tmp/x @', option: ['--altdir'], value: '/etc/alternatives', decision: 'ask' },
  timedatectl: { words: '@ set-time @ 2000-01-01', option: ['-H', '--host'], value: 'localhost', decision: 'ask' },
  ntpdate: { words: '@ time.evil.example @', option: ['-p'], value: '4', decision: 'ask' },
  hwclock: { words: '@ --set @', option: ['--date'], value: '2000-01-01', decision: 'ask' },
  supervisorctl: { words: '@ stop all', option: ['-c', '--configuration'], value: '/etc/supervisord.conf', decision: 'ask' },
  wsl: { words: '@ --unregister Ubuntu', option: ['-u', '--user'], value: 'root', decision: 'ask' },
  // Round 8 (issue #18): load generators at remote hosts, remote runners.
  ab: { words: '@ -n 1000000 @ https://api.example.com/', option: ['-c'], value: '1000', decision: 'ask', production: true },
  wrk: { words: '@ -d300s @ https://api.example.com/', option: ['-c', '--connections'], value: '400', decision: 'ask', production: true },
  hey: { words: '@ -n 200000 @ https://api.example.com/', option: ['-c'], value: '500', decision: 'ask', production: true },
  oha: { words: '@ -z 10m @ https://api.example.com/', option: ['-c', '--connections'], value: '500', decision: 'ask', production: true },
  siege: { words: '@ -t 10M @ https://api.example.com/', option: ['-c', '--concurrent'], value: '255', decision: 'ask', production: true },
  vegeta: { words: "@ attack -duration=1h <<< 'GET https://api.example.com/'", option: ['-cpus'], value: '4', decision: 'ask', production: true },
  locust: { words: '@ --headless @ -u 1000', option: ['-H', '--host'], value: 'https://api.example.com', decision: 'ask', production: true },
  esrally: { words: '@ race @ --track geonames', option: ['--target-hosts'], value: 'es.prod.internal:9200', decision: 'ask', production: true },
  artillery: { words: '@ quick @ https://api.example.com/', option: ['-n', '--count'], value: '1000', decision: 'ask', production: true },
  // Round 17: data store benchmarks aimed at a remote server.
  memtier_benchmark: { words: '@ -s cache.example.com @ --requests=1000000', option: ['-c', '--clients'], value: '50', decision: 'ask', production: true },
  'redis-benchmark': { words: '@ -h cache.example.com @ -n 1000000', option: ['-c'], value: '50', decision: 'ask', production: true },
  fab: { words: '@ cleanup', option: ['-H', '--hosts'], value: 'prod.example.com', decision: 'ask', production: true },
  mssh: { words: "@ i-0123456789 'rm -rf /data'", option: ['-r', '--region'], value: 'us-east-1', decision: 'ask', production: true },
  mussh: { words: "@ -c 'rm -rf /data'", option: ['-h'], value: 'prod1', decision: 'ask', production: true },
  'chef-client': { words: '@ -o recipe[destroy] @', option: ['-E', '--environment'], value: 'production', decision: 'ask', production: true },
  'jenkins-cli': { words: '@ build destroy-prod', option: ['-s'], value: 'https://jenkins.prod', decision: 'ask', production: true },
};

/** Every way to write `option value` the tool accepts. */
function spellings(tool: ToolSpec, option: readonly string[], value: string): string[] {
  const out: string[] = [];
  for (const name of option) {
    if (value === '') {
      out.push(name);
      if (name.startsWith('--') && tool.abbreviations) out.push(name.slice(0, -1));
      continue;
    }
    out.push(`${name} ${value}`);
    if (name.startsWith('--')) out.push(`${name}=${value}`);
    else if (name.length === 2) out.push(`${name}${value}`);
    if (name.startsWith('--') && tool.abbreviations && name.length > 5) out.push(`${name.slice(0, -1)} ${value}`);
  }
  return out;
}

/** The row's words with the option at each marked place, and with no option at all (`{at}` is a literal `@`, as in `kitty @ send-text`). */
function placements(words: string, option: string): string[] {
  const parts = words.split('@');
  const out: string[] = [];
  for (let i = 0; i < parts.length - 1; i++) out.push(parts.map((p, k) => (k === i ? p + option + ' ' : p)).join('').replace(/\s+/g, ' ').replace(/\{at\}/g, '@').trim());
  return out;
}

const facts = testFacts({ files: { '/work/app/notes.txt': 'notes\n', '/work/app/src/app.ts': 'x\n', '/work/app/package.json': '{"scripts":{"wipe":"rm -rf src"}}' } });

describe('registry: option placements never change the verdict', () => {
  it('every tool in the registry has a row', () => {
    const missing = TOOLS.filter((t) => !ROWS[t.names[0]!]).map((t) => t.names[0]);
    assert.deepEqual(missing, []);
  });
  for (const tool of TOOLS) {
    const row = ROWS[tool.names[0]!];
    if (!row) continue;
    for (const name of tool.names) {
      const forms = row.option.length === 0 ? [''] : spellings(tool, row.option, row.value);
      for (const form of forms) {
        for (const words of placements(row.words, form)) {
          const cmd = `${name} ${words}`;
          it(cmd, () => {
            const v = classify(cmd, facts, { lockdown: false });
            const shown = JSON.stringify(v, null, 1);
            assert.equal(v.decision, row.decision, shown);
            if (row.production !== undefined) assert.equal(v.production, row.production, shown);
          });
        }
      }
    }
  }
});
