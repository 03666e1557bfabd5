import { testFacts } from '../support/policyFixtures';
import { allowed, familyTables, flag, type Family } from './familyTable';

/**
 * Red team round 18 (stop 34, admin area): servers opened to the network from a container or in development mode,
 * administrators that log in from any host, a website's index page and production channels published by other roads,
 * and registry acts on a registry of this machine left to the publishing pack. Each family keeps the routine work
 * next to it allowed.
 */

const TABLE: Record<string, Family> = {
  'a server started in a container with its lock off and its port published': {
    reason: /in a container of .* with its port published/i,
    rows: [
      flag('docker run -d -p 6379:6379 redis --protected-mode no'),
      flag('docker run -d -p 0.0.0.0:2375:2375 docker:dind --host tcp://0.0.0.0:2375'),
      flag('podman run -d --publish 6380:6379 redis:7-alpine redis-server --protected-mode no'),
      flag('docker run -d -P docker:27-dind -H tcp://0.0.0.0:2375'),
      flag('docker run -d --network host mongo --bind_ip_all'),
      flag('docker container run -p 11211:11211 memcached -l 0.0.0.0'),
      allowed('docker run -d -p 127.0.0.1:6379:6379 redis --protected-mode no'),
      allowed('docker run -d redis --protected-mode no'),
      allowed('docker run -d -p 6379:6379 redis'),
      allowed('docker run -d -p 6379:6379 redis --requirepass "$REDIS_PASSWORD" --protected-mode no'),
      allowed('docker run -d -p 27017:27017 mongo --auth --bind_ip_all'),
      allowed('docker run -d -p 2376:2376 docker:dind --host tcp://0.0.0.0:2376 --tlsverify'),
    ],
  },
  'Vault development server off loopback': {
    reason: /Vault's development server/,
    rows: [
      flag('vault server -dev -dev-listen-address=0.0.0.0:8200'),
      flag('vault server -dev -dev-listen-address 10.0.0.5:8200'),
      flag('vault server --dev --dev-listen-address=:8200'),
      allowed('vault server -dev'),
      allowed('vault server -dev -dev-listen-address=127.0.0.1:8201'),
      allowed('vault status'),
    ],
  },
  'an administrator that logs in from any host': {
    reason: /logs in from any host/,
    rows: [
      flag(`mysql -e "CREATE USER 'x'@'%' IDENTIFIED BY 'x'; GRANT ALL ON *.* TO 'x'@'%' WITH GRANT OPTION"`),
      flag(`mysql -uroot -e "GRANT ALL PRIVILEGES ON *.* TO \\\`ops\\\`@'%'"`),
      flag(`mysql -uroot -e "GRANT SUPER ON *.* TO app@'%'"`),
      allowed(`mysql -e "CREATE USER 'x'@'localhost' IDENTIFIED BY 'x'; GRANT ALL ON *.* TO 'x'@'localhost' WITH GRANT OPTION"`),
      allowed(`mysql -e "GRANT ALL ON shop.* TO 'app'@'%'"`),
      allowed(`mysql -e "CREATE USER 'app'@'%' IDENTIFIED BY 'x'"`),
    ],
  },
  'a website bucket\'s index page put by one object': {
    reason: /website bucket/,
    rows: [
      flag('aws s3api put-object --bucket acme-www --key index.html --body dist/index.html'),
      flag('aws s3api put-object --bucket www.acme.com --key docs/index.html --body dist/docs/index.html'),
      flag('aws s3 cp dist/index.html s3://acme-www/'),
      flag('gsutil cp dist/index.html gs://www.acme.com/index.html'),
      allowed('aws s3api put-object --bucket acme-www --key app.js --body dist/app.js'),
      allowed('aws s3api put-object --bucket acme-uploads --key index.html --body dist/index.html'),
      allowed('aws s3api put-object --bucket acme-staging-www --key index.html --body dist/index.html'),
      allowed('aws s3 cp ./dist/app.js s3://acme-static/app.js'),
      allowed('aws s3 cp s3://acme-www/index.html .'),
    ],
  },
  'a Firebase Hosting channel named for production': {
    reason: /channel named for production/,
    rows: [
      flag('firebase hosting:channel:deploy prod'),
      flag('firebase hosting:channel:deploy production --expires 30d'),
      allowed('firebase hosting:channel:deploy pr-12'),
      allowed('firebase hosting:channel:deploy staging'),
      allowed('firebase hosting:channel:list'),
    ],
  },
  'a registry act on a registry of this machine (the publishing pack decides, not the verb floor)': {
    reason: /unpublish/,
    rows: [
      flag('npm unpublish acme-test-pkg@0.0.1'),
      flag('npm unpublish acme-test-pkg@0.0.1 --registry https://registry.npmjs.org'),
      flag('npm unpublish acme-test-pkg@0.0.1 --registry http://npm.acme.io:4873'),
      allowed('npm unpublish acme-test-pkg@0.0.1-local --registry http://localhost:4873'),
      allowed('npm unpublish acme-test-pkg@0.0.1 --registry=http://127.0.0.1:4873/'),
      allowed('npm unpublish acme-test-pkg@0.0.1 --dry-run'),
    ],
  },
  'Tilt taking down what it deployed (routine where its up is)': {
    reason: /takes down what it deployed/,
    rows: [
      flag('tilt down --context prod-eu-west-1'),
      flag('tilt down --context acme-production -f Tiltfile'),
      allowed('tilt down'),
      allowed('tilt down --context kind-dev'),
      allowed('tilt down -f deploy/Tiltfile.dev'),
      allowed('tilt up'),
    ],
  },
};

familyTables('admin roads of red team round 18 (stop 34)', TABLE, () => testFacts({ workspaceRoots: ['/work/app'] }));
