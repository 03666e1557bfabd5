import { ask, allow, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Stop 34 (red team round 19, a corpus of tools nobody wrote rules for): unknown is not safe. A command the
 * guard resolves to production, of a tool (or a subcommand) it does not describe, asks unless its words
 * clearly only read; migration tools' forward work on a production named by a config file, an env file
 * or a target operand asks; `main` is production where a platform says so; and the round's other families.
 * Each family keeps its routine look-alikes allowed.
 */
const table = decisionTable(testFacts({ files: { '/work/app/.env': 'DATABASE_URL=postgres://postgres:postgres@localhost:5432/acme_dev\n' } }));

table('an undescribed tool reaching production asks unless its words only read (verbs.production-unread)', [
  ask('pgcli -h db.prod.acme.internal -U app -d app', { production: true, says: /nothing in `pgcli` says it only reads/ }),
  ask('vacuumdb --full --all -h db.prod.acme.internal -U postgres', { production: true }),
  ask('mosquitto_pub -h mqtt.prod.acme.internal -u ops -t devices/all/cmd -m reboot -r', { production: true }),
  ask('packer build -force -var env=production images/web.pkr.hcl', { production: true, says: /`packer build` reaches production/ }),
  ask('surreal import --conn https://db.prod.acme.internal --ns app --db app dump.surql', { production: true }),
  ask('alembic -n production stamp head', { production: true, says: /alembic stamp head/ }),
  ask('acmectl exec prod -- systemctl restart api', { production: true }),
  allow('pgcli -h localhost -U postgres acme_dev'),
  allow('acmectl exec prod -- ls /var/log', { production: true }),
  ask('kafka-console-producer.sh --bootstrap-server kafka.prod.acme.internal:9092 --topic events', { production: true }),
  allow('memcstat --servers=cache.prod.acme.internal', { production: true }),
  allow("mosquitto_sub -h mqtt.prod.acme.internal -t 'devices/#' -C 5", { production: true }),
  allow('kafka-console-consumer.sh --bootstrap-server kafka.prod.acme.internal:9092 --topic events --max-messages 5', { production: true }),
  allow('dig api.prod.acme.com'),
  allow('pg_isready -h db.prod.acme.internal'),
  allow('helmfile -e production template'),
  allow('kafka-topics.sh --bootstrap-server kafka-prod-1:9092 --list', { production: true }),
  allow('kafka-configs.sh --bootstrap-server kafka.prod.acme.internal:9092 --describe --entity-type topics', { production: true }),
  allow('kcat -b kafka.prod.acme.internal:9092 -t events -C -c 10 -e', { production: true }),
  allow('tiup cluster display prod-cluster', { production: true }),
  allow('chalice url --stage prod', { production: true }),
  allow('snow sql -q "SELECT CURRENT_VERSION()" -c prod', { production: true }),
  allow('zappa status production', { production: true }),
  allow('stern api -n production --since 15m'),
  allow('kustomize build k8s/overlays/production'),
  allow('NODE_ENV=production npm run-script build'),
  allow('elasticdump --input=https://es.dev.acme.internal:9200/customers --output=/tmp/customers.json --type=data'),
]);

table('migration tools: production named by a config file, an env file or a target asks for anything but a read', [
  ask('flyway -configFiles=conf/production.conf migrate', { production: true, says: /-configFiles conf\/production\.conf/ }),
  ask('flyway -environment=production repair', { production: true, says: /`flyway repair` changes the schema or migration history/ }),
  ask('liquibase update --defaults-file=liquibase.production.properties', { production: true }),
  ask('dbmate --env-file .env.production up', { production: true }),
  ask('sqitch deploy production', { production: true }),
  ask('migrate -path migrations -database "$DATABASE_URL" force 6', { production: false, says: /records version 6 as applied and clean/ }),
  allow('flyway -configFiles=conf/production.conf info', { production: true }),
  allow('liquibase update-sql --defaults-file=liquibase.production.properties', { production: true }),
  allow('sqitch status production', { production: true }),
  allow('dbmate --env-file .env.development up'),
  allow('flyway -url=jdbc:postgresql://localhost:5432/app_dev migrate'),
  allow('migrate -path migrations -database "$DATABASE_URL" up'),
]);

table("a framework CLI's --url names its database ($PROD_DATABASE_URL is production)", [
  ask('prisma db execute --file prisma/cleanup.sql --url "$PROD_DATABASE_URL"', { production: true }),
  ask('sequelize db:seed:all --url "$PROD_DATABASE_URL"', { production: true, says: /references \$PROD_DATABASE_URL/ }),
  ask('npx sequelize-cli db:migrate --url "$PROD_DATABASE_URL"', { production: true }),
  allow('sequelize db:seed:all --url postgres://postgres@localhost:5432/acme_dev'),
  allow('sequelize db:migrate'),
]);

table("`main` is production where the platform says so (Platform.sh, Upsun, DatoCMS)", [
  ask('platform redeploy -e main -y', { production: true, says: /-e main is Platform\.sh's production environment/ }),
  ask('upsun redeploy --environment main', { production: true }),
  ask('datocms migrations:run --destination=main --force', { production: true, says: /DatoCMS's production environment/ }),
  allow('platform redeploy -e feature-login -y'),
  allow('datocms migrations:run --destination=feature-login'),
  allow('datocms environments:list'),
  allow('git push origin main'),
]);

table('round 19 families by meaning: one-step rollbacks, every failed job requeued, CMS schema pushes, directory writes', [
  ask('directus database migrate:down', { says: /rolls back the latest migrations/ }),
  ask('rq requeue --all --queue failed --url "$REDIS_URL"', { says: /runs again every failed job/ }),
  ask('storyblok push-components components.json --space 112233', { production: true }),
  ask('ldapmodify -x -H ldaps://ldap.acme.internal -D cn=admin,dc=acme,dc=com -W -f /tmp/grant-admin.ldif', { says: /changes entries .* from \/tmp\/grant-admin\.ldif/ }),
  ask('ldapadd -x -H ldap://ldap.acme.internal -D cn=admin,dc=acme,dc=com -W -f users.ldif'),
  allow('directus database migrate:latest'),
  allow('rq requeue 6f2b1c --queue failed'),
  allow('storyblok pull-components --space 112233'),
  allow("ldapsearch -x -H ldap://ldap.acme.internal -b 'ou=people,dc=acme,dc=com' '(uid=jdoe)' cn mail"),
  allow('ldapmodify -x -H ldap://localhost -D cn=admin,dc=example,dc=org -w admin -f seed.ldif'),
]);
