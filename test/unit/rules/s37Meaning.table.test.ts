import { allow, ask, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Stop 37, by meaning, without the closed world for unknown CLIs (branch s37-closed, not merged): red team round 26 held out
 * (a tool writing its output over a server's live data, a shrinking option, a query naming credential files;
 * rules/support/liveDataWrites.ts, support/optionVerbs.ts) and round 27 (a secret variable's value printed by its name, a
 * connect that prints its connection string; rules/support/connectionStrings.ts). Each family sits next to the look-alikes
 * that stay allowed; the fresh variants were written for this stop (other spellings, other tools, other live folders).
 */

const decide = decisionTable(testFacts({}));

describe('rules: stop 37 by meaning (rounds 26 and 27, without the closed world)', () => {
  decide('round 26: output written over a server\'s live data asks, production when the file is named so; the same work into the project or /tmp and reads stay allowed', [
    ask('qemu-img convert -O qcow2 build/base.img /var/lib/libvirt/images/prod-db.qcow2', { production: true, says: /live data/ }),
    ask('qemu-img convert -O raw base.qcow2 /var/lib/libvirt/images/web.raw', { says: /live data/ }),
    ask('imgtool write firmware.bin /srv/data/store.img', { says: /live data/ }),
    ask('qemu-img convert -f raw -O qcow2 disk.raw /var/lib/libvirt/images/production-api.qcow2', { production: true }),
    ask('qemu-img dd if=build/seed.img of=x bs=1M /var/lib/libvirt/images/db.qcow2'),
    ask('vmdkconv convert new.vmdk /var/lib/vz/images/100/vm-100-disk-0.raw'),
    ask('imgtool flash build/fw.bin /srv/devices/gateway.img'),
    ask('diskimg restore backups/last.img /data/pg/base.img'),
    ask('pgsnap restore snapshot.tar /var/lib/postgresql/16/main'),
    ask('blobtool import dump.bin /var/opt/mssql/data/master.mdf'),
    ask('imgtool copy seed.img /opt/acme/data/store.img'),
    ask('sudo qemu-img convert -O qcow2 out.img /var/lib/libvirt/images/prod-db.qcow2', { production: true }),
    ask('env LC_ALL=C qemu-img convert -O qcow2 out.img /srv/vm/prod-web.qcow2', { production: true }),
    ask('qemu-img convert -O qcow2 build/base.img /var/lib/libvirt/images/prod-db.qcow2 && echo done', { production: true }),
    // the same tools into the project or /tmp, and reads of live data, stay allowed
    allow('qemu-img create -f qcow2 /tmp/test-disk.qcow2 10G'),
    allow('qemu-img info /var/lib/libvirt/images/prod-db.qcow2'),
    allow('qemu-img convert -O qcow2 build/base.img build/out.qcow2'),
    allow('qemu-img resize build/disk.qcow2 +5G'),
    allow('qemu-img check /var/lib/libvirt/images/web.qcow2'),
    allow('qemu-img compare build/a.qcow2 /var/lib/libvirt/images/web.qcow2'),
    allow('qemu-img measure -O qcow2 /var/lib/libvirt/images/web.qcow2'),
    allow('qemu-img convert -O raw /var/lib/libvirt/images/web.qcow2 /tmp/web.raw'),
    allow('imgtool verify firmware.bin /srv/data/store.img'),
    allow('imgtool write firmware.bin out/store.img'),
  ]);

  decide('round 26: a shrinking option destroys what lies past the new size; growing stays allowed', [
    ask('qemu-img resize --shrink /var/lib/libvirt/images/db-staging.qcow2 10G'),
    ask('acmectl resize --shrink vol-1 5G'),
    ask('qemu-img resize --shrink build/disk.qcow2 1G'),
    ask('volctl volume resize data-1 --shrink 20G'),
    ask('acmectl disk set-size --shrink disk-7 8G'),
    ask('fsadm resize --shrink /dev/vg0/data 50G'),
    ask('acmectl storage resize pool-1 --shrink=true'),
    ask('sudo qemu-img resize --shrink /srv/vm/web.qcow2 -5G'),
    ask('acmectl db resize main --shrink --size 5G'),
    ask('nbdkit-resize --shrink image.raw 2G'),
    // growing stays allowed
    allow('acmectl resize vol-1 50G'),
    allow('volctl volume resize data-1 --grow 20G'),
    allow('qemu-img resize --preallocation=off build/disk.qcow2 20G'),
  ]);

  decide('round 26: a query naming credential files asks (a credential dump, production); queries of anything else stay allowed', [
    ask("fleetctl query --labels 'All Hosts' --query \"select * from file where path like '/home/%/.ssh/id_%'\"", { production: true, says: /credential files/ }),
    ask("osqueryi \"select path from file where path like '/root/.aws/%'\""),
    ask("fleetctl query --hosts web-1 --query \"select * from file where path = '/etc/shadow'\""),
    ask("fleetctl query --labels All --query \"select * from file where path like '/home/%/.aws/credentials'\""),
    ask("fleetctl query --query \"select * from file where path like '/Users/%/.ssh/%'\""),
    ask("osqueryi --json \"select * from file where path like '/home/%/.kube/config'\""),
    ask("fleetctl query --query \"select * from authorized_keys join file on file.path like '/home/%/.ssh/id_rsa'\""),
    ask("zquery run --sql \"select path from file where path like '/root/.docker/config.json'\""),
    ask("fleetctl query --query \"select * from file where path like '/home/%/.netrc'\""),
    ask("osqueryi \"select * from file where path like '~/.ssh/id_%'\""),
    ask("fleetctl query --query 'select * from file where path like \"/home/%/.ssh/id_ed25519\"'"),
    ask("osqueryi <<< \"select path from file where path like '/home/%/.ssh/id_%'\""),
    // queries of anything else stay allowed
    allow("fleetctl query --labels 'All Hosts' --query 'select * from os_version'"),
    // a wildcard standing for a whole file name reaches no credential file by its extension alone (round 26's clickhouse row)
    allow(`clickhouse local -q "SELECT count() FROM file('coverage/*.csv')"`),
    allow(`duckdb -c "SELECT * FROM read_csv('reports/*.csv')"`),
    ask(`fleetctl query --query "select * from file where path like '/etc/ssl/private/%.key'"`),
    ask(`acmectl query "select * from file where path like '/root/.aws/%'"`),
    allow("osqueryi \"select * from processes where name = 'nginx'\""),
    allow('fleetctl get hosts'),
  ]);

  decide('round 27: a secret variable\'s value printed by its name, a connection string printed instead of opened; names that hold no secret and listings stay allowed', [
    ask('acmectl env get DATABASE_URL', { says: /DATABASE_URL/ }),
    ask('acmectl db connect --print'),
    ask('acmectl config get STRIPE_SECRET_KEY'),
    ask('acmectl vars show REDIS_URL'),
    ask('acmectl env get JWT_SECRET --app web'),
    ask('acmectl secrets print DB_PASSWORD'),
    ask('acmectl database connect --url'),
    ask('acmectl pg conn --show'),
    ask('acmectl env view GITHUB_TOKEN'),
    ask('acmectl settings get SENTRY_AUTH_TOKEN'),
    ask('acmectl env reveal AWS_SECRET_ACCESS_KEY'),
    ask('acmectl env get-value OPENAI_API_KEY'),
    ask('acmectl --app web env get DATABASE_URL'),
    ask('acmectl mysql connect --dsn'),
    ask('acmectl redis connect --uri'),
    ask('acmectl cluster connect main --connection-string'),
    ask('acmectl db connect prod --print-url'),
    // names that hold no secret, listings and a connect that opens a session stay allowed
    allow('acmectl env get NODE_ENV'),
    allow('acmectl env list'),
    allow('acmectl config get LOG_LEVEL'),
    allow('acmectl env get PORT'),
    allow('acmectl env show APP_NAME'),
    allow('acmectl vars list --app web'),
  ]);
});
