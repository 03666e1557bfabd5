import { strict as assert } from 'node:assert';
import { allow, ask, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';
import { destroyingVerb } from '../../../src/core/rules/support/sdkVerbFloor';
import { snippetClients } from '../../../src/core/rules/support/sdkCalls';
import { boto3Commands, awsJsCommands, awsRubyCommands } from '../../../src/core/rules/support/awsSdkCommands';

/**
 * Stop 32, issue #18 ("verbs over lists"; red team round 14): the floor beneath the client-library list
 * (`rules/support/sdkVerbFloor.ts`, reading `sdkCalls.ts`). In a snippet that imports a third-party client,
 * a method called on that client whose name carries a destroying verb asks and names the library and the
 * method, production unless every endpoint the code names is local; a method name built at run time on
 * such a client asks as unsure; protection-lowering calls and settings ask through the shared tables; AWS
 * SDK calls are judged as their aws CLI commands (`awsSdkCommands.ts`). Calls on anything that is not a
 * client (a dict, a list, `os.remove`, a mock) and reads stay allowed.
 */

const table = decisionTable(testFacts({}));

table('a vendor SDK call whose method name says delete (GAPIC, Azure, Auth0, Contentful, Vercel, Cloudflare, Sanity)', [
  ask(`python3 -c "from google.cloud import sql_v1; sql_v1.SqlInstancesServiceClient().delete(project='acme-prod', instance='main')"`, { production: true, says: /Google Cloud client's delete/ }),
  ask(`python3 -c "from google.cloud import compute_v1; c=compute_v1.InstancesClient(); c.delete(project='p',zone='z',instance='web-1')"`, { production: true }),
  ask(`env GOOGLE_CLOUD_PROJECT=p timeout 60 python3 -c "from google.cloud import storage; storage.Client().bucket('acme-data').blob('db/backup.sql.gz').delete()"`, { production: true }),
  ask(`node -e "const {ContainerClient}=require('@azure/storage-blob'); new ContainerClient(process.env.SAS).delete()"`, { production: true, says: /Azure/ }),
  ask(`node -e "const {ManagementClient}=require('auth0'); const m=new ManagementClient({domain:'acme.auth0.com'}); m.users.getAll().then(r=>r.data.forEach(u=>m.users.delete({id:u.user_id})))"`, { production: true, says: /Auth0/ }),
  ask(`node -e "const c=require('contentful-management').createClient({accessToken:process.env.T}); c.getSpace('s').then(s=>s.delete())"`, { production: true, says: /Contentful/ }),
  ask(`bash -c "node -e \\"const {Vercel}=require('@vercel/sdk'); new Vercel({}).projects.deleteProject({idOrName:'acme'})\\""`, { production: true, says: /deleteProject/ }),
  ask(`node -e "import('cloudflare').then(m=>{}); const Cloudflare=require('cloudflare'); new Cloudflare().zones.delete({zone_id:'Z'})"`, { production: true }),
  ask(`node -e "require('@sanity/client').createClient({projectId:'p',dataset:'production'}).delete({query:'*'})"`, { production: true, says: /Sanity/ }),
  allow(`python3 -c "from google.cloud import storage; print(list(storage.Client().list_blobs('acme-data')))"`),
  allow(`node -e "const Cloudflare=require('cloudflare'); new Cloudflare().zones.list().then(console.log)"`),
  allow(`node -e "const m=new Map([['a',1]]); m.delete('a'); const c=require('contentful-management'); console.log(m.size)"`),
  allow(`node -e "const fs=require('fs'); require('@sanity/client'); fs.unlinkSync('/tmp/a.json'); fs.rmSync('/tmp/out',{recursive:true})"`),
]);

table('other spellings of the verb: snake, camel, suffix, Ruby bang, permanent, flush, prune (Heroku, Dropbox, Databricks, Couchbase, Docker, Hugging Face)', [
  ask(`python3 -c "import heroku3,os; heroku3.from_key(os.environ['HK']).apps()['acme-prod'].delete()"`, { production: true, says: /Heroku/ }),
  ask(`python3 -c "import dropbox,os; dropbox.Dropbox(os.environ['DB']).files_delete_v2('/backups')"`, { says: /files_delete_v2/ }),
  ask(`python3 -c "from databricks.sdk import WorkspaceClient; WorkspaceClient().clusters.permanent_delete('prod-cluster')"`, { production: true, says: /permanent_delete/ }),
  ask(`python3 -c "from couchbase.cluster import Cluster; Cluster('couchbase://cb.prod.acme.internal').buckets().flush_bucket('app')"`, { production: true, says: /flush_bucket/ }),
  ask(`ruby -e 'require "aws-sdk-s3"; Aws::S3::Bucket.new("acme-shop-production").delete!'`, { production: true, says: /delete!/ }),
  ask(`ruby -e 'require "mongo"; Mongo::Client.new("mongodb://db.prod.acme.internal/app")[:users].delete_many'`, { production: true, says: /delete_many/ }),
  ask(`python3 -c "from huggingface_hub import delete_repo; delete_repo('acme/prod-model')"`, { production: true, says: /Hugging Face/ }),
  ask(`python3 -c "import docker; docker.from_env().volumes.prune()"`, { production: false, says: /Docker/ }),
  ask(`sudo python3 -c "import docker; [v.remove(force=True) for v in docker.from_env().volumes.list()]"`, { production: false }),
  ask(`python3 -c "from kazoo.client import KazooClient; z=KazooClient('zk.prod.acme.internal'); z.start(); z.delete('/', recursive=True)"`, { production: true }),
  ask(`python3 -c "import couchdb; s=couchdb.Server('https://couch.prod.acme.internal'); del s['app']"`, { production: true, says: /del/ }),
  allow(`python3 -c "import docker; print([v.name for v in docker.from_env().volumes.list()])"`),
  allow(`python3 -c "import docker; c=docker.from_env(); items=[1,2]; items.remove(1)"`),
  allow(`python3 -c "import couchdb; d={'a': 1}; del d['a']; print(couchdb.__version__)"`),
  allow(`python3 -c "import sentry_sdk; sentry_sdk.init(); sentry_sdk.flush()"`),
  allow(`python3 -c "from databricks.sdk import WorkspaceClient; print([c.cluster_name for c in WorkspaceClient().clusters.list()])"`),
  allow(`ruby -e 'require "json"; h = {"a" => 1}; h.delete("a"); puts h.to_json'`),
]);

table('the endpoint decides production: local endpoints and throwaway stores stay routine', [
  ask(`python3 -c "import mlflow; mlflow.MlflowClient('https://mlflow.acme.io').delete_registered_model('prod-model')"`, { production: true }),
  ask(`python3 -c "import openai; c=openai.OpenAI(); [c.vector_stores.delete(v.id) for v in c.vector_stores.list()]"`, { production: true, says: /OpenAI/ }),
  ask(`python3 -c "from twilio.rest import Client; c=Client(); [n.delete() for n in c.incoming_phone_numbers.list()]"`, { says: /Twilio/ }),
  allow(`python3 -c "import mlflow; mlflow.MlflowClient('http://localhost:5000').delete_registered_model('scratch')"`),
  allow(`python3 -c "import boto3; from botocore.stub import Stubber; c=boto3.client('logs'); s=Stubber(c); s.add_response('delete_log_group', {}); s.activate(); c.delete_log_group(logGroupName='/aws/prod')"`),
  allow(`node -e "const {mockClient}=require('aws-sdk-client-mock'); const {CloudWatchLogsClient, DeleteLogGroupCommand}=require('@aws-sdk/client-cloudwatch-logs'); mockClient(CloudWatchLogsClient); new CloudWatchLogsClient({}).send(new DeleteLogGroupCommand({logGroupName:'/aws/prod'}))"`),
  allow(`python3 -c "import stripe; stripe.api_key='sk_test_123'; stripe.WebhookEndpoint.delete('we_1')"`),
  allow(`python3 -c "import pymongo; pymongo.MongoClient().shop.carts.delete_many({'user': 5})"`),
]);

table('a method name built at run time on a client (getattr, a computed key, send)', [
  ask(`python3 -c "import pymongo; c=pymongo.MongoClient('mongodb://db.prod.acme.internal'); col=c.app.users; f=getattr(col,'delete_'+'many'); f({})"`, { production: true, says: /delete_many/ }),
  ask(`python3 -c "import boto3; c=boto3.resource('s3'); op=input(); getattr(c.Bucket('acme-data'), op)()"`, { says: /built at run time/ }),
  ask(`node -e "const c=require('contentful-management').createClient({}); const v='del'+'ete'; c[v]()"`, { says: /delete/ }),
  ask(`ruby -e 'require "mongo"; c = Mongo::Client.new("mongodb://db.prod.acme.internal/app"); c[:users].send(ARGV[0])'`, { production: true }),
  allow(`python3 -c "import pymongo; c=pymongo.MongoClient('mongodb://db.prod.acme.internal'); print(getattr(c.app.users, 'count_documents')({}))"`),
  allow(`python3 -c "import sys; print(getattr(__import__('sys'), 'version'))"`),
]);

table('AWS SDK calls are judged as their aws CLI commands (boto3, JavaScript v3, Ruby)', [
  ask(`python3 -c "import boto3; boto3.client('logs').delete_log_group(logGroupName='/aws/prod')"`, { production: true, says: /aws logs delete-log-group/ }),
  ask(`python3 -c "import boto3; c=boto3.client('cognito-idp'); [c.admin_delete_user(UserPoolId='p',Username=u['Username']) for u in c.list_users(UserPoolId='p')['Users']]"`, { production: true, says: /admin-delete-user/ }),
  ask(`python3 -c "import boto3; boto3.client('route53').change_resource_record_sets(HostedZoneId='Z1',ChangeBatch={'Changes':[{'Action':'DELETE','ResourceRecordSet':rr}]})"`, { says: /Route 53|DNS/ }),
  ask(`python3 -c "import boto3; boto3.client('kms').disable_key(KeyId='alias/prod')"`, { production: true, says: /disable-key/ }),
  ask(`python3 -c "import boto3; boto3.client('cloudtrail').stop_logging(Name='main')"`, { production: true, says: /stop-logging/ }),
  ask(`python3 -c "import boto3; boto3.client('iam').attach_user_policy(UserName='ci',PolicyArn='arn:aws:iam::aws:policy/AdministratorAccess')"`, { production: true }),
  ask(`python3 -c "import boto3; boto3.client('rds').modify_db_instance(DBInstanceIdentifier='acme-shop-production',PubliclyAccessible=True)"`, { production: true }),
  ask(`node -e "const {CloudWatchLogsClient, DeleteLogGroupCommand}=require('@aws-sdk/client-cloudwatch-logs'); new CloudWatchLogsClient({}).send(new DeleteLogGroupCommand({logGroupName:'/aws/prod'}))"`, { production: true, says: /delete-log-group/ }),
  ask(`ruby -e 'require "aws-sdk-kms"; Aws::KMS::Client.new.disable_key(key_id: "alias/prod")'`, { production: true, says: /disable-key/ }),
  allow(`python3 -c "import boto3; print(boto3.client('logs').describe_log_groups())"`),
  allow(`python3 -c "import boto3; sqs=boto3.client('sqs'); m=sqs.receive_message(QueueUrl=u); sqs.delete_message(QueueUrl=u, ReceiptHandle=h)"`),
  allow(`python3 -c "import boto3; print(boto3.client('rds').describe_db_instances(DBInstanceIdentifier='acme-shop-production')['DBInstances'][0]['PubliclyAccessible'])"`),
  allow(`ruby -e 'require "aws-sdk-s3"; puts Aws::S3::Client.new.list_buckets.buckets.map(&:name)'`),
]);

table('protection lowered through an SDK (visibility, webhooks, scale to zero, versioning, public objects, privileges)', [
  ask(`python3 -c "from github import Github; import os; Github(os.environ['GH']).get_repo('acme/app').edit(private=False)"`, { production: true, says: /private=false/ }),
  ask(`python3 -c "from github import Github; import os; Github(os.environ['GH']).get_repo('acme/app').get_branch('main').remove_protection()"`, { production: true, says: /remove_protection/ }),
  ask(`node -e "const {Octokit}=require('@octokit/rest'); new Octokit({auth:process.env.GH}).repos.update({owner:'acme',repo:'app',private:false})"`, { production: true }),
  ask(`python3 -c "from huggingface_hub import HfApi; HfApi().update_repo_visibility('acme/private-data', private=False, repo_type='dataset')"`, { says: /private=false/ }),
  ask(`python3 -c "import gitlab; p=gitlab.Gitlab().projects.get('acme/app'); p.visibility='public'; p.save()"`, { says: /visibility=public/ }),
  ask(`python3 -c "import stripe,os; stripe.api_key=os.environ['STRIPE_SECRET_KEY']; stripe.WebhookEndpoint.modify('we_1',disabled=True)"`, { production: true, says: /disabled=true/ }),
  ask(`python3 -c "from kubernetes import client, config; config.load_kube_config(); client.AppsV1Api().patch_namespaced_deployment_scale('api','prod',{'spec':{'replicas':0}})"`, { production: true, says: /replicas=0/ }),
  ask(`python3 -c "from google.cloud import storage; b=storage.Client().bucket('acme-shop-production'); b.versioning_enabled=False; b.patch()"`, { production: true, says: /versioning_enabled=false/ }),
  ask(`python3 -c "from google.cloud import storage; storage.Client().bucket('acme-shop-production').make_public(recursive=True)"`, { production: true, says: /public/ }),
  ask(`python3 -c "import psycopg2; c=psycopg2.connect(host='db.prod.acme.internal',dbname='app'); c.cursor().execute('ALTER ROLE app SUPERUSER')"`, { production: true, says: /SUPERUSER/ }),
  allow(`python3 -c "from github import Github; import os; Github(os.environ['GH']).get_repo('acme/app').edit(private=True)"`),
  allow(`python3 -c "from huggingface_hub import HfApi; HfApi().update_repo_visibility('acme/data', private=True)"`),
  allow(`python3 -c "from kubernetes import client, config; config.load_kube_config(); client.AppsV1Api().patch_namespaced_deployment_scale('api','prod',{'spec':{'replicas':3}})"`),
  ask(`python3 -c "import pagerduty; s=pagerduty.RestApiV2Client(k); s.rput('services/P1', json={'service':{'status':'disabled'}})"`, { production: true, says: /status=disabled/ }),
  allow(`python3 -c "import pagerduty; s=pagerduty.RestApiV2Client(k); s.rput('services/P1', json={'service':{'status':'active'}})"`),
  allow(`python3 -c "import stripe,os; stripe.api_key=os.environ['STRIPE_SECRET_KEY']; print(stripe.WebhookEndpoint.list())"`),
  allow(`python3 -c "import psycopg2; c=psycopg2.connect(host='localhost',dbname='app'); c.cursor().execute('ALTER ROLE app SUPERUSER')"`),
  allow(`python3 -c "import psycopg2; c=psycopg2.connect(host='db.prod.acme.internal',dbname='app'); c.cursor().execute('SELECT 1')"`),
]);

table('SaaS HTTP APIs that lower a protection, read by meaning (network, alerting, sign-up, scrubbing, security level)', [
  ask(`curl -X POST https://api.supabase.com/v1/projects/ref/network-restrictions/apply -H "Authorization: Bearer $SB" -d '{"dbAllowedCidrs":["0.0.0.0/0"]}'`, { says: /0\.0\.0\.0\/0/ }),
  ask(`curl -X POST https://api.mongodb.com/api/atlas/v2/groups/G/accessList -u "$A" -d '[{"cidrBlock":"0.0.0.0/0"}]'`, { says: /cidrBlock/ }),
  ask(`curl -X PUT https://api.pagerduty.com/services/P1 -H "Authorization: Token token=$PD" -d '{"service":{"status":"disabled"}}'`, { says: /status=disabled/ }),
  ask(`curl -X POST https://api.datadoghq.com/api/v1/monitor/123/mute -H "DD-API-KEY: $DD"`, { says: /mute/ }),
  ask(`curl -X POST https://api.opsgenie.com/v2/alerts/maintenance -H "Authorization: GenieKey $OG"`, { says: /maintenance/ }),
  ask(`curl -X PATCH "https://api.cloudflare.com/client/v4/zones/Z/settings/security_level" -H "Authorization: Bearer $CF" -d '{"value":"essentially_off"}'`, { says: /essentially_off/ }),
  ask(`curl -X PATCH https://api.supabase.com/v1/projects/ref/config/auth -H "Authorization: Bearer $SB" -d '{"disable_signup":false,"mailer_autoconfirm":true}'`),
  ask(`curl -X PATCH https://sentry.io/api/0/projects/acme/app/ -H "Authorization: Bearer $ST" -d '{"isBookmarked":false,"dataScrubber":false}'`, { says: /dataScrubber/ }),
  allow(`curl -X GET https://api.pagerduty.com/services/P1 -H "Authorization: Token token=$PD"`),
  allow(`curl -X PUT https://api.pagerduty.com/services/P1 -H "Authorization: Token token=$PD" -d '{"service":{"status":"active"}}'`),
  allow(`curl -X POST https://api.datadoghq.com/api/v1/monitor/123/unmute -H "DD-API-KEY: $DD"`),
  allow(`curl -X PATCH https://api.supabase.com/v1/projects/ref/config/auth -H "Authorization: Bearer $SB" -d '{"disable_signup":true}'`),
  allow(`curl -X POST https://api.mongodb.com/api/atlas/v2/groups/G/accessList -u "$A" -d '[{"cidrBlock":"203.0.113.4/32"}]'`),
  allow(`curl -X PATCH "https://api.cloudflare.com/client/v4/zones/Z/settings/security_level" -H "Authorization: Bearer $CF" -d '{"value":"high"}'`),
]);

table('the same settings sent from Python or JavaScript code (requests, fetch, axios) are read as curl\'s', [
  ask(`python3 -c "import requests; requests.put('https://api.pagerduty.com/services/P1', json={'service':{'status':'disabled'}}, headers=h)"`, { says: /status=disabled/ }),
  ask(`python3 -c "import requests; requests.post('https://api.datadoghq.com/api/v1/monitor/123/mute', headers=h)"`, { says: /mute/ }),
  ask(`node -e "fetch('https://api.supabase.com/v1/projects/ref/network-restrictions/apply',{method:'POST',headers:h,body:JSON.stringify({dbAllowedCidrs:['0.0.0.0/0']})})"`, { says: /0\.0\.0\.0\/0/ }),
  ask(`node -e "require('axios').patch('https://sentry.io/api/0/projects/acme/app/', {dataScrubber:false})"`, { says: /dataScrubber/ }),
  allow(`python3 -c "import requests; requests.put('https://api.pagerduty.com/services/P1', json={'service':{'status':'active'}}, headers=h)"`),
  allow(`python3 -c "import requests; print(requests.post('https://api.example.com/v1/items', json={'name':'x'}).json())"`),
  allow(`node -e "fetch('https://api.example.com/v1/items',{method:'POST',body:JSON.stringify({enabled:true})}).then(r=>r.json()).then(console.log)"`),
]);

table('other roads to a client: __import__, deno npm: specifiers, a module that is no known vendor\'s once an API client is built', [
  ask(`python3 -c "__import__('boto3').client('logs').delete_log_group(logGroupName='/aws/prod')"`, { production: true, says: /delete-log-group/ }),
  ask(`deno eval "import { Vercel } from 'npm:@vercel/sdk'; await new Vercel({}).projects.deleteProject({idOrName:'acme'})"`, { production: true, says: /Vercel/ }),
  ask(`python3 -c "from scaleway import Client; from scaleway.instance.v1 import InstanceV1API; InstanceV1API(Client.from_config_file_and_env()).delete_server(server_id='x', zone='fr-par-1')"`, { production: true, says: /delete_server/ }),
  ask(`python3 -c "import boto3 as b; s=b.session.Session(profile_name='prod'); s.client('kms').disable_key(KeyId='k')"`, { production: true, says: /--profile 'prod'/ }),
  ask(`python3 -c "import docker\nwith docker.from_env() as c:\n    c.volumes.prune()"`, { production: false, says: /prune/ }),
  ask(`node -e "const c=require('contentful-management').createClient({}); c.getSpace('s').then(function (s) { return s.delete() })"`, { production: true }),
  ask(`python3 -c "import boto3; c=boto3.client('logs'); c.delete_log_group(**{'logGroupName': '/aws/prod'})"`, { production: true }),
  allow(`python3 -c "from app.services import UserService; UserService().delete(5)"`),
  allow(`python3 -c "from kubernetes import client; client.CoreV1Api().delete_namespaced_pod('web-1', 'default')"`),
  ask(`python3 -c "from kubernetes import client, config; config.load_kube_config(); client.CoreV1Api().delete_node('worker-1')"`, { production: true, says: /kubectl delete node worker-1/ }),
  allow(`python3 -c "import docker\nwith docker.from_env() as c:\n    print(c.volumes.list())"`),
  allow(`python3 -c "__import__('boto3').client('logs').describe_log_groups()"`),
]);

describe('the floor\'s readers', () => {
  const verbs: [string, string | undefined][] = [
    ['delete', 'delete'], ['delete_many', 'delete'], ['deleteMany', 'delete'], ['files_delete_v2', 'delete'], ['permanent_delete', 'delete'], ['flush_bucket', 'flush'],
    ['DeleteProject', 'delete'], ['destroy', 'destroy'], ['terminate_instances', 'terminate'], ['truncate', 'truncate'], ['wipe', 'wipe'], ['purgeQueue', 'purge'],
    ['get_delete_status', undefined], ['cancel_deletion', undefined], ['undelete', undefined], ['flush', undefined], ['remove_listener', undefined], ['removeAllListeners', undefined],
    ['is_deleted', undefined], ['list_deleted_secrets', undefined], ['empty?', undefined], ['delete_message', undefined],
  ];
  for (const [method, verb] of verbs) it(`${method} -> ${verb ?? 'no destroying verb'}`, () => assert.equal(destroyingVerb(method), verb));

  it('reads clients only from third-party imports, and the names that hold one', () => {
    const c = snippetClients(`import os, json, boto3\nfrom google.cloud import storage as gcs\ns = gcs.Client()\nb = s.bucket('x')\nd = {}`, 'python')!;
    assert.deepEqual([...c.names.keys()].sort(), ['b', 'boto3', 'gcs', 's']);
    assert.equal(snippetClients(`import os, sys, json; os.remove('x')`, 'python'), undefined);
    assert.equal(snippetClients(`const fs = require('fs'); const p = require('node:path')`, 'javascript'), undefined);
    assert.equal(snippetClients(`require "json"; require "fileutils"`, 'ruby'), undefined);
  });

  it('spells AWS SDK calls as aws CLI commands', () => {
    assert.deepEqual(boto3Commands(`import boto3; boto3.client('s3', endpoint_url='http://localhost:4566').delete_bucket(Bucket='b', Force=True)`).map((c) => c.command), [`aws --endpoint-url 'http://localhost:4566' s3api delete-bucket --bucket 'b' --force`]);
    assert.deepEqual(boto3Commands(`import boto3; c = boto3.client('ec2'); c.terminate_instances(InstanceIds=['i-1'], DryRun=False)`).map((c) => c.command), [`aws ec2 terminate-instances --instance-ids '["i-1"]' --no-dry-run`]);
    assert.deepEqual(awsJsCommands(`const {DeleteTableCommand}=require('@aws-sdk/client-dynamodb'); c.send(new DeleteTableCommand({TableName:'orders'}))`).map((c) => c.command), [`aws dynamodb delete-table --table-name 'orders'`]);
    assert.deepEqual(awsRubyCommands(`require "aws-sdk-s3"; s3 = Aws::S3::Client.new; s3.delete_bucket(bucket: "b")`).map((c) => c.command), [`aws s3api delete-bucket --bucket 'b'`]);
  });
});
