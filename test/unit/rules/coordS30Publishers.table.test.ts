import { perimeterFacts } from './perimeterFixtures';
import { allowed, familyTables, flag, type Family } from './familyTable';

/**
 * Red team round 14: publishing and deploying by commands without rules (ko, Jib,
 * `mix hex.publish`, snapcraft, `cf push`, Kamal) was allowed; by the team's decision of stop 30, publishing
 * or deploying to a remote asks (buildPublishing.ts `otherPublish`). Local, draft and dry runs stay routine.
 */

const TABLE: Record<string, Family> = {
  'publishing or deploying by their own words': {
    reason: /publishes|pushes|deploys|uploads/,
    rows: [
      flag('ko build --push ./cmd/app'),
      flag('KO_DOCKER_REPO=ghcr.io/acme ko apply -f config/'),
      flag('jib build'),
      flag('mix hex.publish --yes'),
      flag('snapcraft upload --release=stable app.snap'),
      flag('cf push acme-prod'),
      flag('kamal deploy'),
      flag('sudo -E kamal redeploy'),
      allowed('ko build --local ./cmd/app'),
      allowed('jib build --target=docker://app'),
      allowed('mix hex.publish --dry-run'),
      allowed('snapcraft pack'),
      allowed('cf apps'),
      allowed('kamal app logs'),
    ],
  },
  'their other subcommands stay on the verb floor': {
    reason: /deletes/,
    rows: [flag('cf delete acme-api'), flag('cf delete-service acme-db'), allowed('cf apps')],
  },
};

familyTables('publishing and deploying by other commands (coordinator, stop 30)', TABLE, perimeterFacts);
