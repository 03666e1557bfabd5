import { ownTable } from '../ownTable';
/**
 * What the verb floor (`src/core/rules/verbs.ts`) needs to know about CLIs the registry does not
 * describe in full: whether what they act on lives on this machine, which of their destroying-looking
 * words are routine there (removing a dependency from a manifest, clearing a build cache), which options
 * make a run dry, and words that destroy for this tool only. A tool not listed is remote: its targets'
 * environment is unknown, and unknown is production.
 *
 * Keep entries to facts from each tool's own documentation; an entry can only make the floor quieter for
 * words that really are routine for that tool, never for the tool as a whole.
 */

export interface VerbTraits {
  /** What it acts on lives on this machine (a local VM, a local vault, a project's dependencies). */
  locality?: 'local' | 'remote';
  /** Destroying-looking words that are routine for this tool (`npm uninstall`, `nx reset`); lower-case. */
  routine?: readonly string[];
  /** Options that make the run dry, beyond the spellings every tool shares (`isSharedDryRun`). */
  dryRun?: readonly string[];
  /** The run is dry unless one of these is given (`kafka-consumer-groups --reset-offsets` plans unless `--execute`). */
  dryUnless?: readonly string[];
  /** `dryUnless` holds only when one of these is given (`--reset-offsets` plans; `--delete` of a group runs at once). */
  dryUnlessWith?: readonly string[];
  /** Words that destroy for this tool though they do not for others (`rclone sync` deletes at the destination). */
  destroying?: readonly string[];
  /** Subcommand words that overwrite what they write to when given one of these options (`bq cp -f`, `bq load --replace`). */
  overwriting?: Readonly<Record<string, readonly string[]>>;
  /** Options naming a live store the tool loads into, replacing documents, mappings or settings there (`elasticdump --output=URL`). */
  loadsInto?: readonly string[];
  /** Everything this tool does is routine local work (build tools whose goals only touch the project). */
  allRoutine?: boolean;
  /**
   * Options or command words after which a run only reads or keeps what is there (kcat's consumer and metadata
   * modes `-C`, `-L`; `ejson encrypt`), or the tool's own name when all it does is read (`stern` tails logs):
   * production work without one asks (rules/verbs.ts).
   */
  reads?: readonly string[];
  /**
   * Stop 38 (round 28): how this tool ships when its words do not say so: command words (`steamcmd +run_app_build` uploads a build
   * to Steam), options (`ghp-import -p` pushes the pages branch), or any run (`tbump 2.4.0` commits, tags and pushes; `dput` uploads),
   * unless one of `unless` keeps it here (`tbump --no-push`).
   */
  ships?: { words?: readonly string[]; options?: readonly string[]; any?: boolean; unless?: readonly string[] };
  /**
   * Stop 39 (round 33): command words after which what the tool sends is debug information or a record for an error
   * tracker, not a release (bugsnag-cli's `upload` kinds: source maps, dSYMs, ProGuard and NDK symbols; support/telemetryRecords.ts).
   */
  telemetry?: readonly string[];
  /** Platforms whose production environment is named like a branch (Platform.sh's and DatoCMS's `main`): the options naming one, and its name. */
  primary?: { options: readonly string[]; name: string; platform: string };
}

/** Removing a dependency is routine and local; what is left (`npm unpublish`) reaches the registry. */
const PACKAGE_MANAGER: VerbTraits = {
  // `dotnet build-server shutdown` stops the toolchain's own build servers.
  routine: ['uninstall', 'remove', 'rm', 'un', 'r', 'prune', 'dedupe', 'clean', 'cleanup', 'clear', 'purge', 'autoremove', 'cache', 'reset', 'unlink', 'del', 'delete', 'gc', 'empty', 'shutdown'],
};

const VERSION_MANAGER: VerbTraits = { locality: 'local', routine: ['uninstall', 'remove', 'rm', 'unalias', 'prune', 'clean', 'unlink', 'reset'] };

const BUILD_TOOL: VerbTraits = { locality: 'local', allRoutine: true };

/**
 * kubectl plugins and OpenShift's `oc adm` (the floor reads kubectl's undescribed first words): CloudNativePG
 * hibernates, fences, restarts or promotes a Postgres cluster; Argo Rollouts undoes, aborts, retries or
 * promotes a rollout; `oc adm drain` evicts a node's pods (round 8, issue #18).
 */
const KUBE_PLUGINS: VerbTraits = { destroying: ['hibernate on', 'fencing on', 'restart', 'promote', 'undo', 'abort', 'retry', 'drain', 'reload', 'maintenance set'] };

export const VERB_TRAITS: Readonly<Record<string, VerbTraits>> = ownTable({
  // Stop 38 (round 28), from each tool's documentation: what ships though no word says so.
  'ghp-import': { ships: { options: ['-p', '--push'] } },
  // not an option list: the switches after which tbump (whose options take no value) does not push.
  tbump: { ships: { any: true, unless: ['--no-push', '--only-patch', '--no-tag-push'] }, dryRun: ['--dry-run'] },
  // Stop 39 (round 31): `web-ext sign` submits the extension to addons.mozilla.org (listed: published to everyone; unlisted: signed there).
  'web-ext': { ships: { words: ['sign'] } },
  // Stop 39 (round 33), from each tool's documentation: postsuper(1) `-d` deletes queued mail (`-d ALL`: every message), exim(8) `-Mrm` removes
  // messages and `-Mg` gives them up; burp(8) `-a D` deletes a backup; Checkmk's `cmk` dumps, lists and checks (`-D`, `-d`, `-L`, `-l`) only read.
  postsuper: { destroying: ['-d'] }, exim: { destroying: ['-Mrm', '-Mg'] }, exim4: { destroying: ['-Mrm', '-Mg'] },
  burp: { destroying: ['-a D'] },
  cmk: { reads: ['-D', '--dump', '-d', '--dump-agent', '-L', '--list-checks', '-l', '--list-hosts', '--list-tag', '-X', '--check-config'] },
  // bugsnag-cli(1): every `upload <kind>` sends symbol or mapping files (js source maps, dsym, android-proguard, android-ndk, dart, unity-android).
  'bugsnag-cli': { telemetry: ['upload'] },
  steamcmd: { ships: { words: ['run_app_build', 'run_app_build_http', 'workshop_build_item'] } },
  dput: { ships: { any: true }, dryRun: ['-s', '--simulate'] },
  dupload: { ships: { any: true }, dryRun: ['-n', '--no'] },
  // dar(1): `-w` overwrites files without warning (on extract, the files already there).
  dar: { locality: 'local', destroying: ['-w', '-wa'] },
  // System programs of this machine whose names carry the verb (`lvremove`, `userdel`): they ask, locally.
  lvremove: { locality: 'local' }, vgremove: { locality: 'local' }, pvremove: { locality: 'local' }, mdremove: { locality: 'local' },
  userdel: { locality: 'local' }, groupdel: { locality: 'local' },

  // Language and system package managers: a dependency removed is put back by installing it again.
  npm: PACKAGE_MANAGER, pnpm: PACKAGE_MANAGER, yarn: PACKAGE_MANAGER, bun: PACKAGE_MANAGER,
  pip: PACKAGE_MANAGER, pip3: PACKAGE_MANAGER, pipx: PACKAGE_MANAGER, uv: PACKAGE_MANAGER, poetry: PACKAGE_MANAGER, pipenv: PACKAGE_MANAGER,
  pdm: PACKAGE_MANAGER, hatch: PACKAGE_MANAGER, conda: PACKAGE_MANAGER, mamba: PACKAGE_MANAGER, micromamba: PACKAGE_MANAGER,
  gem: PACKAGE_MANAGER, bundle: PACKAGE_MANAGER, bundler: PACKAGE_MANAGER, composer: PACKAGE_MANAGER, cargo: PACKAGE_MANAGER,
  go: PACKAGE_MANAGER, dotnet: PACKAGE_MANAGER, nuget: PACKAGE_MANAGER, mix: PACKAGE_MANAGER, dart: PACKAGE_MANAGER, flutter: PACKAGE_MANAGER,
  pub: PACKAGE_MANAGER, pod: PACKAGE_MANAGER, carthage: PACKAGE_MANAGER, deno: PACKAGE_MANAGER, jsr: PACKAGE_MANAGER,
  brew: PACKAGE_MANAGER, port: PACKAGE_MANAGER, apt: PACKAGE_MANAGER, 'apt-get': PACKAGE_MANAGER, dnf: PACKAGE_MANAGER, yum: PACKAGE_MANAGER,
  apk: PACKAGE_MANAGER, pacman: PACKAGE_MANAGER, zypper: PACKAGE_MANAGER, snap: PACKAGE_MANAGER, flatpak: PACKAGE_MANAGER, nix: PACKAGE_MANAGER,
  'nix-env': PACKAGE_MANAGER, choco: PACKAGE_MANAGER, scoop: PACKAGE_MANAGER, winget: PACKAGE_MANAGER, vcpkg: PACKAGE_MANAGER, conan: PACKAGE_MANAGER,
  // Version and toolchain managers.
  nvm: VERSION_MANAGER, fnm: VERSION_MANAGER, volta: VERSION_MANAGER, n: VERSION_MANAGER, pyenv: VERSION_MANAGER, rbenv: VERSION_MANAGER,
  asdf: VERSION_MANAGER, mise: VERSION_MANAGER, rtx: VERSION_MANAGER, sdk: VERSION_MANAGER, rustup: VERSION_MANAGER, goenv: VERSION_MANAGER,
  jenv: VERSION_MANAGER, tfenv: VERSION_MANAGER, corepack: VERSION_MANAGER,
  // Build tools, task runners and monorepo caches: their goals touch the project and its caches only.
  mvn: BUILD_TOOL, mvnw: BUILD_TOOL, gradle: BUILD_TOOL, gradlew: BUILD_TOOL, bazel: BUILD_TOOL, bazelisk: BUILD_TOOL, buck2: BUILD_TOOL,
  sbt: BUILD_TOOL, lein: BUILD_TOOL, cmake: BUILD_TOOL, ninja: BUILD_TOOL, meson: BUILD_TOOL, ccache: BUILD_TOOL, sccache: BUILD_TOOL,
  nx: { locality: 'local', routine: ['reset', 'clear', 'clean'] },
  turbo: { locality: 'local', routine: ['prune', 'clean'] },
  lerna: { locality: 'local', routine: ['clean'] },
  jest: BUILD_TOOL, vitest: BUILD_TOOL, tsc: BUILD_TOOL, vite: BUILD_TOOL, webpack: BUILD_TOOL, next: BUILD_TOOL, nuxt: BUILD_TOOL,
  expo: BUILD_TOOL, 'react-native': BUILD_TOOL, ng: BUILD_TOOL, 'pre-commit': BUILD_TOOL, husky: BUILD_TOOL, lefthook: BUILD_TOOL,
  // Test runners: their words are test names and filters (`pytest -k delete`).
  pytest: BUILD_TOOL, 'py.test': BUILD_TOOL, tox: BUILD_TOOL, nox: BUILD_TOOL, mocha: BUILD_TOOL, jasmine: BUILD_TOOL, karma: BUILD_TOOL,
  phpunit: BUILD_TOOL, rspec: BUILD_TOOL, cucumber: BUILD_TOOL, playwright: BUILD_TOOL, cypress: BUILD_TOOL, ava: BUILD_TOOL, bats: BUILD_TOOL, ctest: BUILD_TOOL,
  // Infrastructure test harnesses (round 22): `molecule destroy`, `kitchen destroy` take down the throwaway instances their own
  // `create`/`converge` made for a test run (Molecule: containers here by default); their `verify`/`test` are test runs.
  molecule: { locality: 'local', routine: ['destroy', 'cleanup', 'reset', 'prune'] }, kitchen: { locality: 'local', routine: ['destroy'] },
  // rabbitmqctl talks to this machine's node unless `-n rabbit@HOST` names another; its user and node commands have their own rules
  // (rules/databaseAdmin.ts, remote nodes ask there); a local broker's password change is development work (round 6 row 301's decision).
  rabbitmqctl: { routine: ['change_password', 'clear_password', 'authenticate_user'] },
  // Process killers of this machine's dev servers (`npx kill-port 3000`): a port number is a local process, not a resource.
  'kill-port': BUILD_TOOL, killport: BUILD_TOOL, fkill: BUILD_TOOL, 'fkill-cli': BUILD_TOOL,
  // Machines and containers on this machine: destroying one asks, but it is not production.
  vagrant: { locality: 'local', routine: ['prune'] },
  multipass: { locality: 'local' },
  lxc: { locality: 'local' },
  lxd: { locality: 'local' },
  incus: { locality: 'local' },
  virsh: { locality: 'local' },
  vboxmanage: { locality: 'local' },
  VBoxManage: { locality: 'local' },
  limactl: { locality: 'local' },
  colima: { locality: 'local' },
  // Stop 38: virtual machines and development environments of this machine (Tart, Parallels, UTM, DDEV): a stop by name stops a VM here.
  tart: { locality: 'local' },
  prlctl: { locality: 'local' },
  utmctl: { locality: 'local' },
  ddev: { locality: 'local' },
  // kind, k3d and minikube clusters are throwaway test clusters in containers or VMs of this machine ("for testing Kubernetes itself,
  // for local development or CI"; minikube: "local Kubernetes, focusing on making it easy to learn and develop"): deleting one is
  // routine; what else they do asks, locally (minikube delete --all --purge also wipes ~/.minikube: still asks).
  minikube: { locality: 'local', routine: ['delete'] },
  kind: { locality: 'local', routine: ['delete'] },
  k3d: { locality: 'local', routine: ['delete'] },
  // Tilt's `down` removes what its `up` (allowed) made from the Tiltfile, and Tilt acts only on local development clusters unless
  // the Tiltfile allows another (`allow_k8s_contexts`, docs.tilt.dev/choosing_clusters): routine. A context named on the line is
  // still judged by its name (`tilt down --context prod-eu-west-1` asks, production).
  tilt: { routine: ['down'] },
  orb: { locality: 'local' },
  orbctl: { locality: 'local' },
  // This machine's own settings, devices, simulators and key stores.
  xcrun: { locality: 'local' },
  // Stopping its own server on this machine is routine (`adb kill-server`).
  adb: { locality: 'local', routine: ['kill-server'] },
  defaults: { locality: 'local' },
  diskutil: { locality: 'local' },
  gpg: { locality: 'local' },
  gpg2: { locality: 'local' },
  keytool: { locality: 'local' },
  security: { locality: 'local' },
  'ssh-keygen': { locality: 'local' },
  'ssh-add': { locality: 'local' },
  // npkill(1): `--delete-all` deletes the `node_modules` folders it finds, which any install brings back; `--target` names other folders to delete.
  npkill: { locality: 'local', routine: ['delete-all'], destroying: ['-t', '--target'] },
  // `pm2 kill` stops the process manager and its apps on this machine: a restart brings them back.
  pm2: { locality: 'local', routine: ['kill'] },
  watchman: { locality: 'local', allRoutine: true },
  ollama: { locality: 'local', routine: ['rm'] },
  supervisorctl: { locality: 'local' },
  // PowerShell's file-system cmdlets act on this machine's paths (names compared in lower case).
  'remove-item': { locality: 'local' },
  'clear-content': { locality: 'local' },
  'clear-item': { locality: 'local' },
  'remove-itemproperty': { locality: 'local' },
  'clear-recyclebin': { locality: 'local' },
  // Password stores kept on this machine.
  bw: { locality: 'local' },
  gopass: { locality: 'local' },
  pass: { locality: 'local' },
  // Manual-page readers: `tldr rm` prints the page of rm.
  tldr: { locality: 'local', allRoutine: true },
  tealdeer: { locality: 'local', allRoutine: true },
  cheat: { locality: 'local', allRoutine: true },
  // LocalStack's wrappers point aws, terraform, CDK and SAM at the emulator on this machine, whose data is test data.
  awslocal: { locality: 'local', allRoutine: true },
  tflocal: { locality: 'local', allRoutine: true },
  cdklocal: { locality: 'local', allRoutine: true },
  samlocal: { locality: 'local', allRoutine: true },
  // Tools whose run is dry by a short option or until told to execute (from their documentation).
  // `copyto`/`moveto` write one named file or object, replacing what is there (rclone.org/commands/rclone_copyto).
  rclone: { dryRun: ['-n', '--dry-run'], destroying: ['sync', 'purge', 'deletefile', 'rmdirs', 'cleanup', 'dedupe', 'move', 'cleanup-hidden', 'copyto', 'moveto'] },
  restic: { dryRun: ['-n', '--dry-run'], destroying: ['forget'], overwriting: { restore: ['--overwrite', '--delete'] } },
  // Restores over what is there (restic, duplicity, pgBackRest's `--delta`/`--force`, Barman's `recover` into a data directory).
  duplicity: { dryRun: ['--dry-run'], overwriting: { restore: ['--force'] } },
  pgbackrest: { overwriting: { restore: ['--delta', '--force'] } },
  barman: { destroying: ['recover', 'restore'] },
  // Swift is two programs: the Swift package manager (`swift package clean`) and OpenStack's object store client (`swift delete --all`).
  swift: { routine: ['clean', 'reset', 'purge-cache', 'unedit'] },
  // `celery control shutdown` stops every worker of the app's broker; `celery purge` empties its queues.
  celery: { destroying: ['shutdown'] },
  // pt-table-sync changes the tables it syncs only with `--execute` (`--print`/`--dry-run` show the statements).
  'pt-table-sync': { destroying: ['pt-table-sync'], dryUnless: ['--execute'] },
  // myloader drops each table before loading it with `--overwrite-tables` (`-o`); elasticdump and mydumper's loader replace what is at the output.
  myloader: { destroying: ['--overwrite-tables', '-o'] },
  elasticdump: { loadsInto: ['--output'] },
  // Strapi's `transfer` and `import` delete the destination's data before writing; `--force` skips the prompt (docs.strapi.io data-management).
  strapi: { overwriting: { transfer: ['--force', '-f'], import: ['--force'] } },
  multielasticdump: { loadsInto: ['--output'] },
  borg: { dryRun: ['-n', '--dry-run'], destroying: ['compact'] },
  kopia: { destroying: ['expire'] },
  // kcat (github.com/edenhill/kcat): `-C` consumes, `-L` lists metadata, `-Q` queries offsets; `-P` produces. stern only tails pod logs.
  kcat: { reads: ['-C', '-L', '-Q'] }, kafkacat: { reads: ['-C', '-L', '-Q'] }, stern: { reads: ['stern'] },
  // PostgreSQL's pg_controldata and pg_waldump only print what a data folder holds (round 31: `pg_controldata /var/lib/postgresql/16/main`).
  pg_controldata: { locality: 'local', reads: ['pg_controldata'] }, pg_waldump: { locality: 'local', reads: ['pg_waldump'] },
  // kustomize renders manifests and edits the project's kustomization; `ejson encrypt` seals a secrets file in place (decrypt gives it back).
  kustomize: { locality: 'local' }, ejson: { reads: ['encrypt'] },
  // Platform.sh (docs.platform.sh: "the production environment is your default branch", `main`), its Upsun CLI, and DatoCMS
  // (the primary environment, `main`, is what the site serves): work named for `main` is production work.
  platform: { primary: { options: ['-e', '--environment'], name: 'main', platform: 'Platform.sh' } },
  upsun: { primary: { options: ['-e', '--environment'], name: 'main', platform: 'Upsun' } },
  datocms: { primary: { options: ['--destination', '--environment'], name: 'main', platform: 'DatoCMS' } },
  // Stop 39 (round 31): the nuke tools (ekristen/aws-nuke, azure-nuke, gcp-nuke) only list what they would remove unless given `--no-dry-run`.
  'aws-nuke': { dryUnless: ['--no-dry-run'] }, 'azure-nuke': { dryUnless: ['--no-dry-run'] }, 'gcp-nuke': { dryUnless: ['--no-dry-run'] },
  // sqlboiler generates model code from a schema it reads; `--wipe` deletes its output folder before generating (a folder here).
  sqlboiler: { locality: 'local', routine: ['wipe'] },
  'kafka-consumer-groups': { dryUnless: ['--execute'], dryUnlessWith: ['--reset-offsets'] },
  'kafka-consumer-groups.sh': { dryUnless: ['--execute'], dryUnlessWith: ['--reset-offsets'] },
  // Redpanda: `rpk topic trim-prefix` deletes the records before an offset; `rpk group seek` moves a group's offsets (consumers skip or replay what lies between).
  rpk: { destroying: ['trim-prefix', 'seek'] },
  'kafka-reassign-partitions': { dryUnless: ['--execute'] },
  'kafka-reassign-partitions.sh': { dryUnless: ['--execute'] },
  mc: { destroying: ['mirror-remove', 'ilm import'], overwriting: { mirror: ['--remove'] } },
  // Round 7 (issue #18), from each tool's documentation: outages and replaced configuration without a delete verb.
  // s3cmd setlifecycle/expire replace a bucket's expiry rules; hcloud rebuilds or powers off a server (its disk is
  // replaced from the image); MongoDB Atlas pauses a cluster; Velero pauses a backup schedule; CloudNativePG's
  // plugin hibernates or fences a Postgres cluster; cli53 purges a zone's records; dnscontrol push writes the zone.
  s3cmd: { destroying: ['setlifecycle', 'expire'] },
  hcloud: { destroying: ['rebuild', 'poweroff', 'shutdown', 'reset'] },
  atlas: { destroying: ['pause'] },
  kubectl: KUBE_PLUGINS, oc: KUBE_PLUGINS, k: KUBE_PLUGINS,
  // Round 8 (issue #18): Talos upgrades or reboots the node's OS (a bad image bricks it); Flux stops reconciling from Git;
  // Velero's restore over existing objects (`--existing-resource-policy update`) writes the backup's copy over live resources.
  talosctl: { destroying: ['upgrade', 'upgrade-k8s', 'reboot', 'shutdown', 'rollback'] },
  flux: { destroying: ['suspend'] },
  velero: { destroying: ['pause'], overwriting: { restore: ['--existing-resource-policy'] } },
  cli53: { destroying: ['rrpurge'] },
  // Stop 30 (red team round 11, issue #18), from each tool's documentation: BIND's `rndc delzone` deletes a zone; `salt-key -D` deletes
  // every minion key; Elastic Cloud's `deployment shutdown` deletes the deployment's clusters; `discourse remap` rewrites every post;
  // pgroll's `complete` drops the old schema's columns; pgsync `--overwrite` replaces rows; pgloader creates the target's tables
  // afresh (`include drop` is its default from a database); `gitlab-rake gitlab:setup` and `drush site:install` drop the database;
  // typo3's `database:updateschema '*.remove'` drops what the schema no longer lists.
  rndc: { destroying: ['delzone'] },
  'salt-key': { destroying: ['-D', '--delete-all'] },
  ecctl: { destroying: ['deployment shutdown'] },
  discourse: { destroying: ['remap'] },
  pgroll: { destroying: ['complete'] },
  pgsync: { destroying: ['--overwrite'] },
  pgloader: { destroying: ['pgloader'] },
  // dbt's `--full-refresh` is read by the frameworks pack (a development target stays allowed).
  dbt: { routine: ['full-refresh'] },
  'gitlab-rake': { destroying: ['gitlab:setup'] },
  drush: { destroying: ['site:install', 'site-install', 'si'] },
  typo3: { destroying: ['*.remove', '*.drop'] },
  // Magento's `setup:rollback` restores code, media or the database from a backup over the live store; `setup:uninstall` drops its database.
  magento: { destroying: ['setup:rollback', 'setup:uninstall'] },
  dnscontrol: { destroying: ['push'] },
  flarectl: { destroying: ['dns update'] },
  // octodns-sync only plans until `--doit`; with it, records the config no longer lists are deleted from the provider.
  'octodns-sync': { destroying: ['octodns-sync'], dryUnless: ['--doit'] },
  // Cassandra (cassandra.apache.org/doc/latest/cassandra/managing/tools/nodetool): snapshots cleared, a node removed or drained, backups or hints stopped.
  nodetool: { destroying: ['clearsnapshot', 'removenode', 'assassinate', 'drain', 'disablebackup', 'truncatehints', 'disablehandoff', 'stopdaemon', 'resetlocalschema'] },
  // etcd and Consul: the key history compacted away, a snapshot restored over the store.
  etcdctl: { destroying: ['compact', 'compaction', 'snapshot restore'] },
  etcdutl: { destroying: ['snapshot restore'] },
  consul: { destroying: ['snapshot restore'] },
  // Online schema changes only check and print until `--execute` (github.com/github/gh-ost, Percona Toolkit).
  'gh-ost': { dryUnless: ['--execute'] },
  'pt-online-schema-change': { dryUnless: ['--execute'] },
  // WAL-G's `delete` only lists what it would delete until `--confirm` is given.
  'wal-g': { dryUnless: ['--confirm'] },
  // BigQuery (cloud.google.com/bigquery/docs/reference/bq-cli-reference): a copy, load or query over an existing table replaces its rows.
  bq: { dryRun: ['--dry_run'], overwriting: { cp: ['-f', '--force', '--noappend_table'], load: ['--replace'], query: ['--replace'], mk: ['-f', '--force'] } },
  // Round 5 (issue #18): a release uploaded to PyPI cannot be replaced under the same version; a sealed Vault serves no secret until unsealed by hand.
  twine: { destroying: ['upload'] },
  vault: { destroying: ['seal', 'step-down'] },
  // Twilio: a text message or a phone call reaches a person and cannot be called back.
  twilio: { destroying: ['api:core:messages:create', 'api:core:calls:create'] },
  // Money that moves does not come back by itself: refunds, charges, payouts and transfers, by command or by API path.
  // Round 7 re-attack: a voided or uncollectible invoice, a cancelled payment or subscription, a finalised invoice cannot be taken back (Stripe API reference).
  stripe: { destroying: ['refunds create', 'charges create', 'charges capture', 'payouts create', 'transfers create', 'payment_intents confirm', 'payment_intents capture', 'invoices void', 'invoices mark_uncollectible', 'invoices finalize_invoice', 'invoices pay', 'credit_notes void', 'payment_intents cancel', 'setup_intents cancel', 'subscriptions cancel', 'subscription_schedules cancel', 'subscription_schedules release', 'quotes cancel', 'quotes accept', 'payouts cancel', 'topups cancel', '/refunds', '/charges', '/payouts', '/transfers', '/confirm', '/capture', '/void', '/mark_uncollectible', '/finalize', '/pay', '/cancel', '/release', '/accept', '/reject'] },
  // Stop 40 (round 34): Firebird's nbackup(1) `-R`/`-RESTORE DB FILE…` writes a backup chain over the database file it names first (`-B` only reads it).
  nbackup: { destroying: ['-R', '-RESTORE'] },
  // arkade's `install APP` installs a Helm chart into whatever cluster the current kubeconfig points at (`arkade get TOOL` downloads a CLI here).
  arkade: { ships: { words: ['install'] } },
});

/**
 * Dry-run options every tool shares, in any spelling, case and separators (`--dry-run`, `--dryRun`,
 * `--dry_run`, `--what-if`, `-WhatIf`, `--simulate`, `--noop`, a listing such as `--list-dead`); a value of `none` or `false`
 * (`--dry-run=none`) is not dry, which the callers check.
 */
export function isSharedDryRun(option: string): boolean {
  // Stop 38 (round 28: `guix gc --list-dead`): a listing of what the run would take (`--list-dead`, `--print-only`) runs nothing.
  return /^(dryrun|whatif|simulate|noop|(list|print|show)(only|dead|live|roots|failures|candidates|unused|stale|orphans|orphaned|garbage|unreachable))$/.test(option.replace(/^-+/, '').replace(/[-_]/g, '').toLowerCase());
}

/**
 * Registry tools whose own rules cover only the subcommands they describe: the floor also judges their
 * subcommands the registry does not describe (kubectl plugins such as `kubectl cnpg destroy`, helm
 * plugins such as `helm secrets decrypt`).
 */
export const FLOOR_BENEATH: ReadonlySet<string> = new Set(['kubectl', 'oc', 'k', 'helm', 'vagrant', 'multipass', 'lxc', 'incus', 'limactl', 'kamal', 'eb', 'distrobox', 'toolbox', 'swift', 'knife', 'mco', 'choria', 'bolt', 'dokku', 'cockroach', 'databricks', 'snow', 'hub']);

export function verbTraitsOf(name: string): VerbTraits {
  const bare = name.replace(/\.(sh|py|exe|cmd|bat)$/, '');
  return VERB_TRAITS[name] ?? VERB_TRAITS[bare] ?? VERB_TRAITS[bare.toLowerCase()] ?? {};
}
