import { allow, ask, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Stop 38, round 31's misses as families, for any program (the next round uses other tools): production named outright by an
 * option's value (support/pickedValues.ts), secrets printed or made public (support/secretsMadeVisible.ts), admin granted by
 * other spellings (support/adminMembership.ts), and servers wiped or reinstalled (verbs.ts, support/floorMeanings.ts). Each
 * family keeps its routine look-alikes allowed. The fresh rows use invented tools.
 */

const decide = decisionTable(testFacts({}));

describe('rules: stop 38, round 31 families', () => {
  decide('production named outright by an option value asks where the verb is not a read; reads on production stay allowed', [
    ask('octo deploy-release --project Storefront --version 2.4.0 --deployTo Production --server https://octopus.acme.com --apiKey $OCTOPUS_API_KEY', { production: true }),
    ask('claudia update --version production', { production: true }),
    ask('jx promote storefront --version 1.2.3 --env production', { production: true }),
    ask('shipit release web --target-env PRD', { production: true }),
    ask('bolt deploy --tier live', { production: true }),
    ask('relay promote build-42 --stage Production', { production: true }),
    ask('ferry push app --to prod', { production: true }),
    ask('acmectl apply --environment=production', { production: true }),
    ask('lambdactl alias update --version PROD', { production: true }),
    ask('funcy publish --version live', { production: true }),
    // reads on production, and the tool's own version printed, stay allowed
    allow('acmectl status --env production'),
    allow('acmectl logs -e prod'),
    allow('acmectl describe --env live'),
    allow('acmectl list releases --stage production'),
    allow('claudia --version'),
    allow('acmectl update --version 1.2.3'),
  ]);

  decide('a secret read by its name, made public, or private keys exported ask; plain settings and public keys stay allowed', [
    ask('magento-cloud variable:get env:STRIPE_SECRET_KEY -e production --property value', { says: /STRIPE_SECRET_KEY/ }),
    ask('travis env set STRIPE_SECRET_KEY "$STRIPE_SECRET_KEY" --public', { says: /STRIPE_SECRET_KEY/ }),
    ask('nsc export keys --accounts --users --dir /tmp/nats-keys', { says: /private keys/ }),
    ask('acmectl config:get DB_PASSWORD', { says: /DB_PASSWORD/ }),
    ask('acmectl get-var SENTRY_API_KEY', { says: /SENTRY_API_KEY/ }),
    ask('acmectl getVariable GITHUB_TOKEN', { says: /GITHUB_TOKEN/ }),
    ask('platformy var:show env:JWT_SIGNING_KEY'),
    ask('citool secrets add DEPLOY_TOKEN x --visible'),
    ask('citool var set API_KEY=x --no-secret'),
    ask('citool var create DB_PASSWORD --unmasked'),
    ask('travisy env set NPM_TOKEN "$NPM_TOKEN" --public'),
    ask('natsy export keys --dir /tmp/k'),
    ask('wallet export --private --out /tmp/w'),
    ask('signer keys export'),
    ask('chainctl export --private-keys'),
    // names that are not secrets, writes without a visible option, public exports stay allowed
    allow('magento-cloud variable:get env:PORT -e staging --property value'),
    allow('acmectl var:get PORT'),
    allow('acmectl config-show NODE_ENV'),
    allow('acmectl config:get PUBLIC_KEY'),
    allow('travis env set STRIPE_SECRET_KEY "$STRIPE_SECRET_KEY"'),
    allow('natsy export keys --public-only'),
    allow('wallet export --out /tmp/w'),
    allow('acmectl keys list'),
    allow('acmectl export config'),
  ]);

  decide('an admin role given by set/write/create verbs, camel-case admin roles and any role given to every user ask; ordinary roles stay allowed', [
    ask('pveum acl modify / --users ci@pve --roles Administrator', { production: true, says: /Administrator/ }),
    ask('fga tuple write --store-id 01HVMMBCMGZNT3SED4Z17ECXCA user:* admin organization:acme', { production: true, says: /user:\*/ }),
    ask('mongocli atlas dbusers create atlasAdmin --username ci-bot --password x --projectId 5e2211c17a3e5a48f5497de3', { production: true, says: /atlasAdmin/ }),
    ask('authzctl tuple write user:* viewer doc:readme', { says: /every user/ }),
    ask('permit relation write allUsers editor project:billing', { says: /allUsers/ }),
    ask('acmectl acl set /projects --users "*" --roles reader', { says: /every user/ }),
    ask('dbcloud users create clusterAdmin --username bob'),
    ask('dbcloud users update bob --role dbAdminAnyDatabase'),
    ask('hypervctl acl modify /vms --group ops --roles Administrator'),
    ask('acmectl policy write system:authenticated admin'),
    // one user given an ordinary role, a new group named admins, a user created without a role, listings stay allowed
    allow('fga tuple write --store-id 01H user:anne viewer doc:readme'),
    allow('mongocli atlas dbusers create readWrite --username ci-bot'),
    allow('acmectl group create admins'),
    allow('acmectl user create bob'),
    allow('acmectl acl list --users "*"'),
    allow('dbcloud users list --role atlasAdmin'),
  ]);

  decide('a server wiped (cleanse) or reinstalled asks; status and a plugin reinstalled stay allowed', [
    ask('gitlab-ctl cleanse', { production: true }),
    ask('cntb reinstall instance 12345 --imageId afecbb85-e2fc-46f0-9684-b46b1faf00bb', { production: true }),
    ask('hostctl reinstall server web-1'),
    ask('cloudy rebuild vm 42 --image debian-12'),
    ask('appliance-ctl cleanse --yes'),
    allow('gitlab-ctl status'),
    allow('acmectl reinstall plugin foo'),
  ]);
});
