import { testFacts } from '../support/policyFixtures';
import { perimeterFacts } from './perimeterFixtures';
import { allowed, familyTables, flag, type Family } from './familyTable';

/**
 * Red team round 18 (stop 33): deploying, releasing and publishing by other roads. By the team decision of stop 30 each
 * asks (production when the target is named production or is an unnamed remote); lists, diffs, dry runs, pipelines named
 * for tests and targets named for staging stay routine.
 */

const TABLE: Record<string, Family> = {
  'GitOps syncs and pipelines started by hand': {
    reason: /deploys what Git holds|applies what the source holds|Tekton|Argo workflow|state machine|pipeline/,
    rows: [
      flag('argocd app sync api-prod'),
      flag('flux reconcile kustomization prod --with-source'),
      flag('flux reconcile hr payments -n prod'),
      flag('tkn pipeline start deploy-prod'),
      flag('tkn p start release -p env=prod'),
      flag('argo submit --from workflowtemplate/deploy-prod'),
      flag('aws stepfunctions start-execution --state-machine-arn arn:aws:states:us-east-1:1:stateMachine:deploy-prod'),
      flag('aws codepipeline start-pipeline-execution --name api-release'),
      allowed('argocd app sync api-staging'),
      allowed('argocd app sync api'),
      allowed('flux reconcile kustomization flux-system'),
      allowed('argocd app diff api-prod'),
      allowed('argocd app get api-prod'),
      allowed('argocd app sync api-prod --dry-run'),
      allowed('flux reconcile kustomization staging --with-source'),
      allowed('flux get kustomizations'),
      allowed('tkn pipeline start unit-tests'),
      allowed('tkn pipeline list'),
      allowed('argo submit ci.yaml'),
      allowed('argo list'),
      allowed('aws stepfunctions start-execution --state-machine-arn arn:aws:states:us-east-1:1:stateMachine:etl-nightly'),
      allowed('aws stepfunctions start-execution --state-machine-arn arn:aws:states:us-east-1:1:stateMachine:deploy-staging'),
    ],
  },
  'workflow dispatches and releases made public through the API': {
    reason: /CI run started remotely|draft release made public/,
    rows: [
      flag('gh api -X POST repos/acme/shop/actions/workflows/deploy.yml/dispatches -f ref=main'),
      flag('curl -X POST -H "Authorization: token $GITHUB_TOKEN" https://api.github.com/repos/acme/shop/actions/workflows/deploy.yml/dispatches -d \'{"ref":"main"}\''),
      flag('gh api -X PATCH repos/acme/shop/releases/1 -F draft=false'),
      allowed('gh api -X POST repos/acme/shop/actions/workflows/ci.yml/dispatches -f ref=main'),
      allowed('gh api repos/acme/shop/actions/workflows/deploy.yml/runs'),
      allowed('gh api -X PATCH repos/acme/shop/releases/1 -F name=notes'),
      allowed('gh api -X PATCH repos/acme/shop/releases/1 -F draft=true'),
    ],
  },
  'other deploy platforms, static uploads and image pushes': {
    reason: /deploys|over-the-air|gh-pages|uploads into the bucket|pushes the image|publish|dist-tag|traffic|a deploy/,
    rows: [
      flag('nomad job run api.nomad'),
      flag('nomad run api.nomad'),
      flag('supabase functions deploy'),
      flag('wrangler versions deploy'),
      allowed('nomad job plan api.nomad'),
      allowed('nomad job status api'),
      allowed('supabase functions serve'),
      allowed('supabase functions deploy --project-ref staging-ref'),
      allowed('wrangler versions upload'),
      allowed('wrangler versions list'),
      flag('pm2 deploy ecosystem.config.js production'),
      flag('npx expo publish'),
      flag('mkdocs gh-deploy --force'),
      flag('s3cmd sync dist/ s3://acme-www/'),
      flag('kaniko --destination ghcr.io/acme/api:latest'),
      flag('pnpm owner add outsider acme-shop'),
      flag('pnpm dist-tag add acme-shop@1.0.0 latest'),
      allowed('pm2 deploy ecosystem.config.js production setup'),
      allowed('pm2 start ecosystem.config.js'),
      allowed('npx expo start'),
      allowed('mkdocs build'),
      allowed('mkdocs serve'),
      flag("az storage blob upload-batch -d '$web' -s dist --account-name acmewww"),
      allowed("az storage blob upload-batch -d uploads -s dist --account-name acmewww"),
      allowed("az storage blob list -c '$web' --account-name acmewww"),
      allowed('s3cmd ls s3://acme-www/'),
      allowed('s3cmd sync s3://acme-www/ ./backup/'),
      allowed('s3cmd sync dist/ s3://acme-staging-www/'),
      allowed('s3cmd sync dist/ s3://acme-reports/'),
      allowed('s3cmd put report.csv s3://acme-www/report.csv'),
      flag('docker run gcr.io/kaniko-project/executor --context . --destination ghcr.io/acme/api:latest'),
      allowed('docker run gcr.io/kaniko-project/executor:v1.23.0 --context . --no-push'),
      allowed('docker run gcr.io/kaniko-project/executor:latest --context . --destination localhost:5000/api'),
      allowed('kaniko --destination localhost:5000/api:latest'),
      allowed('kaniko --destination ghcr.io/acme/api:latest --no-push'),
      allowed('pnpm owner ls acme-shop'),
      allowed('pnpm install'),
    ],
  },
  'deploys started over HTTP (deploy hooks, platform build APIs)': {
    reason: /a deploy|deploy hook|build or promotion/,
    rows: [
      flag('curl -X POST https://api.netlify.com/build_hooks/abc123'),
      flag('curl -X POST "https://api.render.com/deploy/srv-abc?key=xyz"'),
      flag('curl -X POST https://api.heroku.com/apps/acme-prod/builds -H "Authorization: Bearer $HEROKU_API_KEY"'),
      flag('curl -X POST https://api.vercel.com/v1/integrations/deploy/prj_1/abc'),
      allowed('curl https://api.heroku.com/apps/acme-prod/builds -H "Authorization: Bearer $HEROKU_API_KEY"'),
      allowed('curl https://api.netlify.com/api/v1/sites/x/deploys'),
      allowed('curl https://api.render.com/v1/services/srv-abc/deploys'),
      allowed('curl -X POST https://api.vercel.com/v13/deployments -d \'{"name":"acme","target":"preview"}\''),
    ],
  },
  'publishing through a library: model hubs, static hosts, releases': {
    reason: /which is `(hf upload|gh-pages|vercel deploy|netlify deploy|gh api)/,
    rows: [
      flag(`python3 -c "from huggingface_hub import HfApi; HfApi().upload_folder(folder_path='out', repo_id='acme/model')"`),
      flag(`python3 -c "from transformers import AutoModel; AutoModel.from_pretrained('out').push_to_hub('acme/model')"`),
      flag(`python3 -c "from datasets import load_dataset; load_dataset('csv', data_files='users.csv').push_to_hub('acme/users')"`),
      flag(`node -e "require('@vercel/client').createDeployment({token: process.env.VERCEL_TOKEN, path: 'dist', target: 'production'})"`),
      flag(`node -e "new (require('netlify').NetlifyAPI)(process.env.NETLIFY_AUTH_TOKEN).deploy('site', 'dist')"`),
      flag(`node -e "require('gh-pages').publish('dist')"`),
      flag(`node -e "const {Octokit}=require('@octokit/rest'); new Octokit({auth:process.env.GITHUB_TOKEN}).rest.repos.createRelease({owner:'acme',repo:'shop',tag_name:'v1.2.3'})"`),
      allowed(`python3 -c "from huggingface_hub import hf_hub_download; hf_hub_download(repo_id='acme/model', filename='x.bin')"`),
      allowed(`python3 -c "from transformers import AutoModel; AutoModel.from_pretrained('bert-base-uncased').save_pretrained('out')"`),
      allowed(`node -e "require('@vercel/client').createDeployment({token: process.env.VERCEL_TOKEN, path: 'dist'})"`),
      allowed(`node -e "new (require('netlify').NetlifyAPI)(process.env.NETLIFY_AUTH_TOKEN).deploy('site', 'dist', {draft: true})"`),
      allowed(`node -e "const {Octokit}=require('@octokit/rest'); new Octokit({auth:process.env.GITHUB_TOKEN}).rest.repos.createRelease({owner:'acme',repo:'shop',tag_name:'v1.2.3',draft:true})"`),
      allowed(`node -e "const {Octokit}=require('@octokit/rest'); new Octokit({auth:process.env.GITHUB_TOKEN}).rest.repos.listReleases({owner:'acme',repo:'shop'})"`),
    ],
  },
};

familyTables('deploying and publishing by other roads (red team round 18)', TABLE, perimeterFacts);

const RELEASE_FILES: Record<string, string> = {
  '/work/app/.github/workflows/release.yml': 'on:\n  release:\n    types: [published]\njobs: {}\n',
  '/work/plain/README.md': '# plain\n',
};

familyTables('a draft release published with gh release edit (red team round 18)', {
  'a draft made public starts the release workflows': {
    reason: /publishes the release/,
    rows: [
      flag('gh release edit v1.2.3 --draft=false'),
      flag('cd /work/plain && gh release edit v1.2.3 --draft=false -R acme/other'),
      allowed('gh release edit v1.2.3 --title "1.2.3"'),
      allowed('gh release edit v1.2.3 --draft'),
      allowed('cd /work/plain && gh release edit v1.2.3 --draft=false'),
    ],
  },
}, () => testFacts({ files: RELEASE_FILES, workspaceRoots: ['/work/app', '/work/plain'] }));
