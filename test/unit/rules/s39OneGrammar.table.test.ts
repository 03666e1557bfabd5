import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import { testFacts } from '../support/policyFixtures';

/**
 * Issue #10 criterion 2 (stop 39): the credential-minting CLIs (`rules/support/credentialClis.ts`) read their words by each
 * tool's one description (`optionGrammarOf`: the registry entry, else `CLI_GRAMMARS` in `policy/readerGrammars.ts`), not
 * by a second table of value options per tool; the options a mint depends on (`--raw`, `--show-token`) are named without
 * dashes and found under any spelling the tool's grammar reads. Each family: global options with values before, between
 * and after the subcommand words, glued and separate, beside routine work of the same tool that stays allowed.
 */
interface Row {
  cmd: string;
  decision: 'ask' | 'allow';
}

const families: Record<string, Row[]> = {
  'a registry CLI\'s global option values are not subcommand words: the mint is still read': [
    { cmd: 'aws --profile prod sts get-session-token', decision: 'ask' },
    { cmd: 'aws --region=us-east-1 --output json sts assume-role --role-arn arn:aws:iam::1:role/x --role-session-name s', decision: 'ask' },
    { cmd: 'aws --endpoint-url http://localhost:4566 --profile dev configure export-credentials', decision: 'ask' },
    { cmd: 'kubectl --context prod -n kube-system create token deployer', decision: 'ask' },
    { cmd: 'kubectl -n kube-system --kubeconfig ~/.kube/prod create token deployer --duration 1h', decision: 'ask' },
    { cmd: 'helm --kube-context prod get values shop -n shop', decision: 'ask' },
    { cmd: 'helm -n shop --kube-context=prod get all shop', decision: 'ask' },
    { cmd: 'doctl -t $TOK kubernetes cluster kubeconfig show c1', decision: 'ask' },
    { cmd: 'doctl --context prod k8s c kcfg show c1', decision: 'ask' },
    { cmd: 'gcloud --project prod-proj config config-helper --format=json', decision: 'ask' },
    { cmd: 'gcloud --account ops@acme.io sql generate-login-token', decision: 'ask' },
    { cmd: 'neonctl --config-dir /tmp/neon connection-string', decision: 'ask' },
    { cmd: 'neonctl --project-id p1 cs main', decision: 'ask' },
    { cmd: 'fly -a prod-app tokens create deploy', decision: 'ask' },
    { cmd: 'flyctl --app prod-app tokens create readonly', decision: 'ask' },
    { cmd: 'heroku authorizations:create -d ci', decision: 'ask' },
    { cmd: 'podman --root /tmp/r secret inspect s1 --showsecret', decision: 'ask' },
    // Look-alikes: the same globals in front of a command that only says who you are or lists.
    { cmd: 'aws --profile prod sts get-caller-identity', decision: 'allow' },
    { cmd: 'kubectl --context prod config current-context', decision: 'allow' },
    { cmd: 'helm --kube-context prod list -n shop', decision: 'allow' },
    { cmd: 'neonctl --config-dir /tmp/neon branches list', decision: 'allow' },
    { cmd: 'fly -a prod-app tokens list', decision: 'allow' },
    { cmd: 'doctl -t $TOK kubernetes cluster list', decision: 'allow' },
    { cmd: 'gcloud --project prod-proj config list', decision: 'allow' },
  ],
  'options the registry learnt: nerdctl\'s namespace, git\'s credential helpers\' store': [
    { cmd: 'nerdctl -n k8s.io inspect api', decision: 'ask' },
    { cmd: 'nerdctl --namespace=k8s.io inspect api', decision: 'ask' },
    { cmd: 'git credential-store --file ~/.git-credentials get', decision: 'ask' },
    { cmd: 'git credential-cache --socket /tmp/s get', decision: 'ask' },
    { cmd: 'nerdctl -n k8s.io ps -a', decision: 'allow' },
    { cmd: 'nerdctl --namespace k8s.io images', decision: 'allow' },
    { cmd: 'git credential-store --file ~/.git-credentials erase', decision: 'allow' },
  ],
  'CLIs no registry entry describes, read by their CLI_GRAMMARS table': [
    { cmd: 'vault -address=https://vault.acme.io token create -ttl=1h', decision: 'ask' },
    { cmd: 'vault -namespace admin login -method=userpass username=ops', decision: 'ask' },
    { cmd: 'etcdctl --endpoints https://etcd:2379 get /registry --prefix', decision: 'ask' },
    { cmd: 'etcdctl -w json --endpoints=https://etcd:2379 snapshot save /tmp/snap.db', decision: 'ask' },
    { cmd: 'assume -r eu-west-1 --export prod', decision: 'ask' },
    { cmd: 'assume --region eu-west-1 -x prod', decision: 'ask' },
    { cmd: 'stripe -p acme listen --print-secret', decision: 'ask' },
    { cmd: 'auth0 --tenant acme apps show app1 --reveal-secrets', decision: 'ask' },
    { cmd: 'scw -p prod config dump', decision: 'ask' },
    { cmd: 'scw --profile prod config get secret-key', decision: 'ask' },
    { cmd: 'crictl -r unix:///run/containerd/containerd.sock exec c1 env', decision: 'ask' },
    { cmd: 'civo --region lon1 kubernetes config c1', decision: 'ask' },
    { cmd: 'vultr-cli -o json database get d1', decision: 'ask' },
    { cmd: 'scalingo --app prod-api env', decision: 'ask' },
    { cmd: 'clever --alias prod env', decision: 'ask' },
    { cmd: 'vault -address=https://v status', decision: 'allow' },
    { cmd: 'etcdctl --endpoints x get /registry --prefix --keys-only', decision: 'allow' },
    { cmd: 'assume prod', decision: 'allow' },
    { cmd: 'stripe -p acme listen --forward-to localhost:3000', decision: 'allow' },
    { cmd: 'auth0 --tenant acme apps list', decision: 'allow' },
    { cmd: 'scw -p prod instance server list', decision: 'allow' },
    { cmd: 'crictl -r unix:///run/containerd/containerd.sock ps', decision: 'allow' },
  ],
  'the option a mint depends on, by name under any spelling': [
    { cmd: 'oc whoami --show-token', decision: 'ask' },
    { cmd: 'oc whoami -t', decision: 'ask' },
    { cmd: 'oc -n prod whoami --show-token', decision: 'ask' },
    { cmd: 'kubectl config view --raw', decision: 'ask' },
    { cmd: 'kubectl --context prod config view --flatten', decision: 'ask' },
    { cmd: 'aws-vault --backend file export prod', decision: 'ask' },
    { cmd: 'awsume prod --show-commands', decision: 'ask' },
    { cmd: 'auth0 apps show app1 -r', decision: 'ask' },
    { cmd: 'az acr login -n reg --expose-token', decision: 'ask' },
    { cmd: 'az acr login --name reg -t', decision: 'ask' },
    { cmd: 'az aks get-credentials -g rg -n c1 --file -', decision: 'ask' },
    { cmd: 'az containerapp secret list -g rg -n app --show-values', decision: 'ask' },
    { cmd: 'op --account acme signin --raw', decision: 'ask' },
    { cmd: 'glab auth status --show-token', decision: 'ask' },
    { cmd: 'gh auth refresh -h github.com -s delete_repo', decision: 'ask' },
    { cmd: 'exo dbaas show db1 --uri', decision: 'ask' },
    { cmd: 'podman secret inspect s1 --showsecret', decision: 'ask' },
    { cmd: 'oc whoami', decision: 'allow' },
    { cmd: 'kubectl --context prod config view', decision: 'allow' },
    { cmd: 'awsume prod', decision: 'allow' },
    { cmd: 'az acr login -n reg', decision: 'allow' },
    { cmd: 'podman secret inspect s1', decision: 'allow' },
    { cmd: 'glab auth status', decision: 'allow' },
    { cmd: 'gh auth status -h github.com', decision: 'allow' },
  ],
  'schema-migration CLIs read by their grammar (MIGRATION_GRAMMARS): one dash or two, glued or separate values': [
    { cmd: 'goose -dir db/migrations postgres "postgres://u@db.prod.acme.io/app" reset', decision: 'ask' },
    { cmd: 'goose --dir=db/migrations -table goose_db_version postgres "postgres://u@db.prod.acme.io/app" down-to 0', decision: 'ask' },
    { cmd: 'migrate -path db/migrations -database postgres://u@db.prod.acme.io/app drop -f', decision: 'ask' },
    { cmd: 'migrate --path=db/migrations --database postgres://u@db.prod.acme.io/app down', decision: 'ask' },
    { cmd: 'dbmate -d db/migrations --url postgres://u@db.prod.acme.io/app drop', decision: 'ask' },
    { cmd: 'atlas schema clean -u postgres://u@db.prod.acme.io/app --env prod', decision: 'ask' },
    { cmd: 'sqitch --chdir db revert -t db:pg://db.prod.acme.io/app', decision: 'ask' },
    { cmd: 'liquibase --url=jdbc:postgresql://db.prod.acme.io/app --changelog-file ch.xml dropAll', decision: 'ask' },
    { cmd: 'flyway -url=jdbc:postgresql://db.prod.acme.io/app clean', decision: 'ask' },
    { cmd: 'dotnet ef database drop --connection "Host=db.prod.acme.io;Database=app" -f', decision: 'ask' },
    { cmd: 'phinx rollback -e production -t 0', decision: 'ask' },
    { cmd: 'soda -e production -p migrations migrate down', decision: 'ask' },
    // A `-h` that takes a value is the database host, not the manual (postgrator, sqitch): read right since stop 39.
    { cmd: 'postgrator -h db.prod.acme.io -d app -u u --to 0', decision: 'ask' },
    { cmd: 'npx postgrator -h 10.0.0.5 -t 0', decision: 'ask' },
    { cmd: 'sqitch -h db.prod.acme.io revert', decision: 'ask' },
    { cmd: 'goose -dir db/migrations postgres "postgres://u@db.prod.acme.io/app" status', decision: 'allow' },
    { cmd: 'migrate -source file://db -database=postgres://u@db.prod.acme.io/app version', decision: 'allow' },
    { cmd: 'atlas schema inspect -u postgres://u@db.prod.acme.io/app', decision: 'allow' },
    { cmd: 'liquibase --changelog-file ch.xml --url jdbc:postgresql://db.prod.acme.io/app status', decision: 'allow' },
    { cmd: 'flyway -url=jdbc:postgresql://db.prod.acme.io/app info', decision: 'allow' },
    { cmd: 'dotnet ef migrations list --connection "Host=db.prod.acme.io;Database=app"', decision: 'allow' },
    { cmd: 'postgrator -h', decision: 'allow' },
    { cmd: 'postgrator --help', decision: 'allow' },
    { cmd: 'sqitch -h', decision: 'allow' },
    { cmd: 'goose -h', decision: 'allow' },
  ],
  'publishers and deploy CLIs read by their grammar (CLI_GRAMMARS; cf7/cf8, hf, kaniko by their other names): a value is never the command word or the target': [
    { cmd: 'cf curl /v3/apps/123 -X DELETE', decision: 'ask' },
    { cmd: 'cf7 curl /v3/apps/1/actions/restart -X POST -H "Content-Type: application/json"', decision: 'ask' },
    { cmd: 'cf8 push prod-api', decision: 'ask' },
    { cmd: 'huggingface-cli upload --repo-type model acme/prod-model ./out', decision: 'ask' },
    { cmd: 'hf upload --revision main acme/model ./out', decision: 'ask' },
    { cmd: 'executor --context dir:///workspace --destination ghcr.io/acme/api:prod', decision: 'ask' },
    { cmd: 'kaniko -c . -d ghcr.io/acme/api:latest', decision: 'ask' },
    { cmd: 'conan upload -r conancenter "pkg/*" --confirm', decision: 'ask' },
    { cmd: 'xcrun altool --upload-app -f app.ipa -t ios -u me@acme.io', decision: 'ask' },
    { cmd: 'spin pipeline execute --application shop --name deploy-prod', decision: 'ask' },
    { cmd: 'anaconda -t $T upload dist/pkg.tar.bz2', decision: 'ask' },
    { cmd: 'nuget push pkg.nupkg -Source https://api.nuget.org/v3/index.json -ApiKey $K', decision: 'ask' },
    { cmd: 'eas submit -p ios --profile production', decision: 'ask' },
    { cmd: 'eas update --branch production --message fix', decision: 'ask' },
    { cmd: 'appcenter codepush release-react -a acme/app -d Production', decision: 'ask' },
    { cmd: 'surge -p dist -d acme-prod.surge.sh', decision: 'ask' },
    { cmd: 'gh-pages -d dist -b gh-pages', decision: 'ask' },
    { cmd: 'tkn pipeline start deploy-prod -p env=prod -w name=src,claimName=pvc', decision: 'ask' },
    { cmd: 'argo submit -n ci --from workflowtemplate/release-prod', decision: 'ask' },
    { cmd: 'flux reconcile ks prod-apps -n flux-system', decision: 'ask' },
    { cmd: 'flux --context prod-eu reconcile hr shop', decision: 'ask' },
    { cmd: 'deno publish', decision: 'ask' },
    { cmd: 'cf curl /v3/apps -X GET', decision: 'allow' },
    { cmd: 'cf curl /v2/info', decision: 'allow' },
    { cmd: 'huggingface-cli download acme/model', decision: 'allow' },
    { cmd: 'executor -d localhost:5000/api:dev -c .', decision: 'allow' },
    { cmd: 'conan upload -r local-cache "pkg/*" --dry-run', decision: 'allow' },
    { cmd: 'xcrun altool --validate-app -f app.ipa -t ios', decision: 'allow' },
    { cmd: 'spin pipeline list --application shop', decision: 'allow' },
    { cmd: 'anaconda -t $T whoami', decision: 'allow' },
    { cmd: 'nuget push pkg.nupkg -Source ./local-feed', decision: 'allow' },
    { cmd: 'appcenter apps list', decision: 'allow' },
    { cmd: 'surge list', decision: 'allow' },
    { cmd: 'gh-pages -d dist --no-push', decision: 'allow' },
    { cmd: 'tkn pipeline start unit-tests -p x=1', decision: 'allow' },
    { cmd: 'argo submit -n ci --from workflowtemplate/unit-tests', decision: 'allow' },
    { cmd: 'flux reconcile ks staging -n flux-system', decision: 'allow' },
    { cmd: 'deno publish --dry-run', decision: 'allow' },
  ],
  // Stop 39: a dump's words read by the program's one description (`dumpWords` in rules/credentials.ts), so a global option's
  // value is no longer taken for the command word: the first four were allowed before (`gh --repo acme/x auth token`).
  'commands that print a stored secret, read by the program\'s grammar (registry entry, CLI_GRAMMARS; builtins free-form)': [
    { cmd: 'gh --repo acme/x auth token', decision: 'ask' },
    { cmd: 'doppler -p shop secrets', decision: 'ask' },
    { cmd: 'git -C repo credential fill', decision: 'ask' },
    { cmd: 'flyctl -a x auth token', decision: 'ask' },
    { cmd: 'heroku -a prod-app config', decision: 'ask' },
    { cmd: 'railway variables -s api', decision: 'ask' },
    { cmd: 'vault -address=https://v read secret/prod/db', decision: 'ask' },
    { cmd: 'op --account acme read op://vault/item/password', decision: 'ask' },
    { cmd: 'aws --profile prod secretsmanager get-secret-value --secret-id db', decision: 'ask' },
    { cmd: 'npm run env', decision: 'ask' },
    { cmd: 'declare -p API_TOKEN', decision: 'ask' },
    { cmd: 'printenv AWS_SECRET_ACCESS_KEY', decision: 'ask' },
    { cmd: 'gh auth status', decision: 'allow' },
    { cmd: 'doppler secrets --only-names', decision: 'allow' },
    { cmd: 'railway variables --service api set KEY=1', decision: 'allow' },
    { cmd: 'heroku config:get LOG_LEVEL -a prod-app', decision: 'allow' },
    { cmd: 'vault status', decision: 'allow' },
    { cmd: 'op item list', decision: 'allow' },
    { cmd: 'aws --profile prod secretsmanager list-secrets', decision: 'allow' },
    { cmd: 'npm run build', decision: 'allow' },
    { cmd: 'declare -p HOME', decision: 'allow' },
    { cmd: 'printenv HOME', decision: 'allow' },
  ],
};

describe('credential CLIs read by each tool\'s one description (s39 tenten)', () => {
  const facts = testFacts();
  // A program run with production secrets: the file named is the one the interpreter runs, read by the interpreter's grammar
  // (node, python) or registry entry (bun, deno), never an option's value (`node --title x FILE`); inline code names none.
  const programRuns: ReadonlyArray<[string, string | undefined]> = [
    ['infisical run --env=prod -- node --title x scripts/x.js', 'node runs scripts/x.js'],
    ['node --env-file=.env.production scripts/x.js', 'node runs scripts/x.js'],
    ['node --env-file .env.production --stack-size 900 scripts/x.js', 'node runs scripts/x.js'],
    ['infisical run --env=prod -- node -r dotenv/config app.js', 'node runs app.js'],
    ['infisical run --env=prod -- python3 -W ignore app.py', 'python3 runs app.py'],
    ['infisical run --env=prod -- python3 -X dev -W ignore app.py', 'python3 runs app.py'],
    ['doppler run -c prd -- bun run app.ts', 'bun runs app.ts'],
    ['doppler run -c prd -- deno run --allow-env app.ts', 'deno runs app.ts'],
    ['doppler run -c prd -- ruby -I lib app.rb', 'ruby runs app.rb'],
    ['doppler run -c prd -- bash deploy.sh', 'bash runs deploy.sh'],
    ['doppler run -c dev -- node app.js', undefined],
    ['infisical run --env=prod -- node -e "console.log(1)"', undefined],
    ['python3 -W ignore -X dev x.py', undefined],
  ];
  for (const [cmd, names] of programRuns) {
    it(`${names ?? 'no program file named'}: ${cmd}`, () => {
      const v = classify(cmd, facts, { lockdown: false });
      const runs = v.reasons.filter((r) => / runs \S+ with the production/.test(r));
      if (names === undefined) assert.deepEqual(runs, [], JSON.stringify(v.reasons));
      else assert.ok(runs.some((r) => r.startsWith(names + ' ')), JSON.stringify(v.reasons));
    });
  }
  for (const [family, rows] of Object.entries(families)) {
    describe(family, () => {
      for (const row of rows) {
        it(`${row.decision}: ${row.cmd}`, () => {
          const v = classify(row.cmd, facts, { lockdown: false });
          assert.equal(v.decision, row.decision, JSON.stringify(v, null, 1));
        });
      }
    });
  }
});
