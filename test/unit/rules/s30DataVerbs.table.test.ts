import { perimeterFacts } from './perimeterFixtures';
import { allowed, flag, familyTables, type Family } from './familyTable';

/**
 * Stop 30, issue #18 item 1 (red team rounds 11 and 12): the verb floor reads what a command means when
 * no single word is `delete` (`rules/support/floorMeanings.ts`, option spellings in `optionVerbs.ts`,
 * tools' own words in `registry/verbTraits.ts`). Each flagged row sits next to a look-alike that reads,
 * plans, exports or moves forward.
 */

const TABLE: Record<string, Family> = {
  'every migration rolled back, or the schema migrated afresh': {
    reason: /rolls back every migration|drops every table and re-runs every migration/,
    rows: [
      flag('tern migrate --destination 0'),
      flag('yoyo rollback --all --batch'),
      flag('superset db downgrade base'),
      flag('node ace migration:fresh --force'),
      flag('node ace migration:refresh --force'),
      flag('node ace migration:rollback --batch=0 --force'),
      flag('sudo -u app node ace migration:rollback --batch 0'),
      flag('env DATABASE_URL=postgres://db/app timeout 60 tern migrate --destination=0'),
      flag('bash -c "yoyo rollback --all --batch --database postgresql://db/app"'),
      allowed('tern migrate'),
      allowed('tern migrate --destination 12'),
      allowed('tern status'),
      allowed('yoyo apply --batch'),
      allowed('yoyo list'),
      allowed('superset db upgrade'),
      allowed('node ace migration:run --force'),
      allowed('node ace migration:status'),
      allowed('node ace migration:rollback --dry-run --batch=0'),
    ],
  },
  'a server reinstalled from an image': {
    reason: /reinstalls from an image \(erasing the disk of\)/,
    rows: [
      flag('linode-cli linodes rebuild 1 --image linode/debian12 --root_pass $P'),
      flag('vultr-cli instance reinstall id'),
      flag('acmecloud servers rebuild web-1'),
      allowed('linode-cli linodes view 1'),
      allowed('vultr-cli instance get id'),
      allowed('acmecloud images rebuild-index'),
    ],
  },
  'a dump or SQL file loaded over a database': {
    reason: /replaces the database's contents/,
    rows: [
      flag('wp db import empty.sql'),
      flag('craft db/restore empty.sql --interactive=0'),
      flag('replibyte dump restore remote -v latest'),
      flag('wp --path=/var/www db import backup.sql'),
      allowed('wp db export backup.sql'),
      allowed('wp db query "SELECT 1"'),
      allowed('replibyte dump list'),
      allowed('craft db/backup'),
      allowed('wp plugin list'),
    ],
  },
  'an option that picks a destroying mode, or a load rebuilt from scratch': {
    reason: /rebuilds from scratch|mode \(replacing what is there\)|replaces|overwrites|drops|truncates/,
    rows: [
      flag('sling run --tgt-conn PROD --tgt-object public.users --mode full-refresh --src-stream file://empty.csv'),
      flag('python admin5.py stats users --mode=truncate'),
      flag('acmeload --write-disposition WRITE_TRUNCATE --table prod.events data.csv'),
      flag('meltano run tap-x target-postgres --full-refresh'),
      flag('sqlmesh plan prod --auto-apply --restate-model acme.users'),
      flag('psqldef -U postgres acme --enable-drop < schema.sql'),
      flag('skeema push production --allow-unsafe'),
      flag('pgsync users --to-safe --overwrite'),
      allowed('sling run --tgt-conn DEV --tgt-object public.users --mode incremental --src-stream file://rows.csv'),
      allowed('python admin5.py stats users --mode=count'),
      allowed('meltano run tap-x target-postgres'),
      allowed('sqlmesh plan dev'),
      allowed('psqldef -U postgres acme --dry-run < schema.sql'),
      allowed('skeema diff production'),
      allowed('pgsync users --to-safe'),
      allowed('webpack --mode production'),
    ],
  },
  'a clean-up told to keep nothing': {
    reason: /deletes everything, keeping nothing/,
    rows: [
      flag('sentry cleanup --days 0'),
      flag('acmectl events vacuum --older-than 0'),
      allowed('sentry cleanup --days 90'),
      allowed('acmectl events vacuum --older-than 30d'),
    ],
  },
  'command text fed to an admin shell': {
    reason: /which destroys/,
    rows: [
      flag(`hbase shell <<< "disable 'users'; drop 'users'"`),
      flag(`nsupdate <<< $'server ns1.acme.com\\nupdate delete acme.com A\\nsend'`),
      flag(`kadmin -q 'delete_principal -force admin'`),
      flag(`printf "truncate 'events'\\n" | hbase shell -n`),
      allowed(`hbase shell <<< "list; scan 'users', {LIMIT => 5}"`),
      allowed(`nsupdate <<< $'server ns1.acme.com\\nupdate add www.acme.com 300 A 203.0.113.7\\nsend'`),
      allowed(`kadmin -q 'list_principals'`),
      allowed(`mail -s report ops@acme.com <<< "drop the old branch when merged"`),
    ],
  },
  'an s5cmd batch': {
    reason: /batch/,
    rows: [
      flag(`printf 'rm s3://prod/*\\n' | s5cmd run`),
      flag(`s5cmd ls | awk '{print "rb "$3}' | s5cmd run`),
      flag('s5cmd run commands.txt'),
      allowed(`printf 'cp -n s3://prod/a.txt ./a.txt\\n' | s5cmd run`),
      allowed('s5cmd ls s3://prod/'),
    ],
  },
  "a tool's own destroying words": {
    reason: /has no rules of its own/,
    rows: [
      flag('rndc delzone acme.com'),
      flag('salt-key -D -y'),
      flag('ecctl deployment shutdown abc --force'),
      flag('tootctl accounts cull --concurrency 10'),
      flag("discourse remap --regex . ''"),
      flag('pgroll complete'),
      flag('pgloader empty.csv postgresql://db.prod.acme.internal/acme'),
      flag('gitlab-rake gitlab:setup'),
      flag('drush site:install -y'),
      flag("vendor/bin/typo3 database:updateschema '*.remove'"),
      flag('stripe post /v1/accounts/acct_1/reject -d reason=fraud'),
      flag('python admin5.py reinit users'),
      allowed('rndc reload acme.com'),
      allowed('rndc status'),
      allowed('salt-key -L'),
      allowed('ecctl deployment show abc'),
      allowed('tootctl accounts refresh --all --dry-run'),
      allowed('pgroll status'),
      allowed('pgloader --version'),
      allowed('gitlab-rake gitlab:check'),
      allowed('drush status'),
      allowed("vendor/bin/typo3 database:updateschema '*.add'"),
      allowed('stripe get /v1/accounts/acct_1'),
      allowed('python admin5.py stats users'),
    ],
  },
  'code evaluated by iex in the app': {
    reason: /deletes or rewrites records/,
    rows: [
      flag("iex -S mix -e 'Acme.Repo.delete_all(Acme.User)'"),
      flag("iex -e 'Acme.Repo.delete_all(Acme.User)' -S mix"),
      allowed("iex -S mix -e 'IO.inspect(Acme.Repo.aggregate(Acme.User, :count))'"),
    ],
  },
  'a CI workflow started with a destroying input': {
    reason: /input that destroys/,
    rows: [
      flag("gh workflow run maintenance.yml -f cmd='dropdb acme'"),
      flag("gh workflow run ops.yml --raw-field 'script=rm -rf /var/lib/postgresql/data'"),
      flag("gh workflow run ops.yml -f 'sql=DROP TABLE users'"),
      allowed("gh workflow run maintenance.yml -f cmd='vacuumdb acme'"),
      allowed('gh workflow run ci.yml -f ref=main'),
    ],
  },
};

familyTables('rules: stop 30 destroying meanings the verb floor reads (issue #18 item 1)', TABLE, perimeterFacts);
