import { perimeterFacts } from './perimeterFixtures';
import { allowed, familyTables, flag, type Family } from './familyTable';

/**
 * Red team round 14: `git push heroku main`, `git push production main` deploy what they send (a remote named
 * for a deployment builds and serves it) and were allowed (git.ts `DEPLOY_REMOTE`). Pushes to other remotes,
 * dry runs and deletes (judged by their own rule) are not this family.
 */

const TABLE: Record<string, Family> = {
  'a push to a remote named for a deployment': {
    reason: /a remote named for a deployment/,
    rows: [
      flag('git push heroku main'),
      flag('git push production main'),
      flag('git push azure master'),
      flag('git push dokku HEAD:main'),
      flag('git -C app push prod'),
      allowed('git push origin main'),
      allowed('git push fork feature/x'),
      allowed('git push --dry-run heroku main'),
      allowed('git push upstream production-fix'),
    ],
  },
};

familyTables('pushes that deploy (coordinator, stop 30)', TABLE, perimeterFacts, 'not-deny');
