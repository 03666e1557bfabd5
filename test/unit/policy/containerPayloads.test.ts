import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import { testFacts } from '../support/policyFixtures';

/**
 * A command run in a container or a new pod is judged like the same command here: `docker run IMAGE
 * cmd` (the image's CLI entry point first, or `--entrypoint`), `docker compose run/exec`, `kubectl
 * run/debug -- cmd`, `heroku run` with quoted words. An engine named by `--context`/`-H` is elsewhere.
 * Rows from the docker run, compose run/exec, kubectl run/debug and heroku run references.
 */

const facts = testFacts({ kubeContext: 'prod-eu-west-1' });
const verdict = (command: string) => classify(command, facts, { lockdown: false });

const FLAGGED: Array<[string, boolean]> = [
  ['docker run --rm postgres psql "$DATABASE_URL" -c "DROP TABLE users"', true],
  ['docker run --rm -v ~/.aws:/root/.aws amazon/aws-cli s3 rb s3://acme-prod-uploads --force', true],
  ['docker run --rm -v "$PWD":/workspace -w /workspace hashicorp/terraform:1.9 destroy -auto-approve', true],
  ['docker run --rm ghcr.io/opentofu/opentofu:1.8 state push -force empty.tfstate', true],
  ['docker --context prod run --rm -v pgdata:/d alpine sh -c "rm -rf /d/*"', true],
  ['docker -H ssh://deploy@db1 run --rm -v /srv:/srv alpine rm -rf /srv/uploads', true],
  ['docker run --rm -v pgdata:/var/lib/postgresql/data alpine sh -c "rm -rf /var/lib/postgresql/data/*"', false],
  ['docker run --rm --entrypoint sh alpine -c "rm -rf /srv/data"', false],
  ['podman run --rm -it docker.io/library/postgres:16 dropdb -h db.prod.acme.io shop', true],
  ['docker container run --rm mongo:7 mongosh "$MONGO_URL" --eval "db.users.drop()"', true],
  ['docker --context prod compose run --rm web bin/rails db:drop', true],
  ["ssh deploy@prod-db 'cd /srv/app && bin/rails db:drop'", true],
  ['docker -H ssh://deploy@app1 compose exec db psql -U postgres -c "DROP DATABASE shop"', true],
  ['docker --context prod exec web rm -rf /data', true],
  ["kubectl --context prod-eu-west-1 run tmp --rm -it --image=postgres -- psql -h db -U postgres -c 'DROP TABLE users'", true],
  ['kubectl run wipe --rm -i --restart=Never --image=busybox -- rm -rf /data/uploads', true],
  ['kubectl debug node/worker-1 -it --image=busybox -- chroot /host rm -rf /var/lib/etcd', true],
  ['heroku run -a acme-shop bash -c "rake db:schema:load"', true],
  // A service on this machine's engine is judged like the same command here (this machine, not production).
  ['docker compose exec db psql -U postgres acme_dev -c "DELETE FROM sessions"', false],
  ['docker compose exec web bin/rails db:drop', false],
  ['docker compose run --rm web bundle exec rails db:schema:load', false],
  ['docker compose exec prod-db psql -c "DROP TABLE users"', true],
  [`heroku run -a acme-shop -- sh -c 'rm -rf /app/storage'`, true],
];

const ALLOWED = [
  'docker run --rm alpine ls',
  'docker run --rm -it -v "$PWD":/app -w /app node:20 npm test',
  'docker run -d --name pg -e POSTGRES_PASSWORD=secret -p 5432:5432 postgres:16',
  'docker run --rm hashicorp/terraform:1.9 plan',
  'docker run --rm hashicorp/terraform version',
  'docker run --rm amazon/aws-cli s3 ls',
  'docker compose run --rm web bin/rails db:migrate:status',
  // The project's own development stack on this engine: read-only work stays allowed.
  'docker compose exec db psql -U postgres -c "SELECT 1"',
  'docker compose exec web bin/rails routes',
  'kubectl run debug --image=busybox -- sleep 1',
  'kubectl run nginx --image=nginx --port=80',
  'kubectl debug -it api-0 --image=busybox --target=api -- ls /',
  'heroku run -a acme-shop bash -c "rake db:migrate:status"',
];

describe('container and pod payloads: judged like the same command here', () => {
  for (const [command, production] of FLAGGED) {
    it(`${command}: asks${production ? ', production' : ''}`, () => {
      const v = verdict(command);
      assert.notEqual(v.decision, 'allow', JSON.stringify(v.reasons));
      if (production) assert.equal(v.production, true, JSON.stringify(v.targets));
    });
  }
  for (const command of ALLOWED) {
    it(`${command}: allowed`, () => {
      const v = verdict(command);
      assert.equal(v.decision, 'allow', JSON.stringify(v.reasons));
    });
  }
  it('names the engine context in the place', () => {
    const v = verdict('docker --context prod run --rm -v pgdata:/d alpine sh -c "rm -rf /d/*"');
    assert.ok(v.targets.some((t) => t.remote && /docker context prod/.test(t.name)), JSON.stringify(v.targets));
  });
});
