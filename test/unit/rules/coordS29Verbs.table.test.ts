import { perimeterFacts } from './perimeterFixtures';
import { allowed, familyTables, flag, type Family } from './familyTable';

/**
 * Red team round 11, destroying verbs the floor did not see: the words after a project script run by
 * its interpreter (`node ace db:wipe --force`), Hadoop's one-dash `-rm`/`-rmr`/`-rmdir`, and OpenLDAP's
 * `ldapdelete`. Routine runs of the same programs stay allowed.
 */

const TABLE: Record<string, Family> = {
  'a project script with words of its own is a CLI': {
    reason: /has no rules of its own: judged by its verb/,
    rows: [
      flag('node ace db:wipe --force'),
      flag('python tools/admin.py drop-tables --all'),
      flag('python3 ./ops.py purge-queue orders'),
      flag('ruby bin/ops delete-tenant acme'),
      flag('php bin/tool.php cache:clear-all users --delete-all'),
      flag('sudo -u deploy node ace db:wipe --force'),
      allowed('node ace serve --watch'),
      allowed('node ace make:model User'),
      allowed('node server.js --port 3000'),
      allowed('python scripts/train.py --epochs 3'),
      allowed('node scripts/build.js --clean'),
      allowed(`node -e 'console.log(process.argv)' delete`),
      allowed('python3 -m pytest -k delete'),
    ],
  },
  "Hadoop's one-dash deletes": {
    reason: /deletes/,
    rows: [
      flag('hdfs dfs -rm -r -skipTrash /data'),
      flag('hadoop fs -rm -r /warehouse'),
      flag('hdfs dfs -rmr /tmp/x'),
      flag('hdfs dfs -rmdir /empty'),
      allowed('hdfs dfs -ls /'),
      allowed('hadoop fs -cat /data/part-0000'),
      allowed('docker run --rm alpine ls'),
    ],
  },
  'directory entries removed by ldapdelete': {
    reason: /ldapdelete/,
    rows: [
      flag(`ldapdelete -r -x -D cn=admin 'dc=acme,dc=com'`),
      flag(`ldapdelete -H ldap://ldap.acme.com -x 'uid=jo,ou=people,dc=acme,dc=com'`),
      allowed('ldapsearch -x -b dc=acme,dc=com'),
      allowed('ldapwhoami -x'),
    ],
  },
};

familyTables('rules/verbs: red team round 11 (script CLIs, one-dash deletes, glued names)', TABLE, perimeterFacts, 'allow');
