import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import { testFacts } from '../support/policyFixtures';

/**
 * Destruction through a library in an interpreter one-liner (cloud SDKs in Python, Ruby, PHP, Perl and
 * JavaScript; HTTP DELETE from Ruby, PHP and Perl; SQL through Perl's DBI) and PostgREST row endpoints
 * over HTTP. Rows from boto3, aws-sdk-ruby, aws-sdk-php, AWS SDK for JavaScript v3, Net::HTTP, PHP curl,
 * LWP, DBI and the Supabase REST documentation; each next to a read-only look-alike.
 */

const verdict = (command: string) => classify(command, testFacts(), { lockdown: false });

const FLAGGED: Array<[string, RegExp]> = [
  [`python3 -c "import boto3; boto3.resource('s3').Bucket('acme-prod-uploads').objects.all().delete()"`, /through an SDK/],
  [`python3 -c "import boto3; boto3.client('s3').delete_bucket(Bucket='acme-prod-uploads')"`, /delete_bucket/],
  [`python3 -c "import boto3; boto3.client('rds').delete_db_instance(DBInstanceIdentifier='shop-db', SkipFinalSnapshot=True)"`, /delete_db_instance/],
  [`python3 -c "import boto3; boto3.client('ec2').terminate_instances(InstanceIds=['i-0abc'])"`, /terminate_instances/],
  [`ruby -e 'require "aws-sdk-s3"; Aws::S3::Client.new.delete_bucket(bucket: "acme-prod-uploads")'`, /delete_bucket/],
  [`ruby -e 'require "aws-sdk-s3"; Aws::S3::Resource.new.bucket("acme-prod-uploads").objects.batch_delete!'`, /batch_delete!/],
  [`php -r 'require "vendor/autoload.php"; (new Aws\\S3\\S3Client(["region"=>"us-east-1","version"=>"latest"]))->deleteBucket(["Bucket"=>"acme-prod-uploads"]);'`, /deleteBucket/],
  [`node -e "const {S3Client,DeleteBucketCommand}=require('@aws-sdk/client-s3'); new S3Client({}).send(new DeleteBucketCommand({Bucket:'acme-prod-uploads'}))"`, /DeleteBucketCommand/],
  [`perl -MPaws -e 'Paws->service("S3", region => "us-east-1")->DeleteBucket(Bucket => "acme-prod-uploads")'`, /DeleteBucket/],
  [`python3 -c "from google.cloud import storage; storage.Client().bucket('acme-prod-uploads').delete(force=True)"`, /through an SDK/],
  [`ruby -e 'require "net/http"; Net::HTTP.new("api.prod.acme.io",443).tap{|h|h.use_ssl=true}.delete("/v1/users")'`, /HTTP DELETE to api\.prod\.acme\.io\/v1\/users/],
  [`ruby -e 'require "httparty"; HTTParty.delete("https://api.prod.acme.io/v1/users/42")'`, /HTTP DELETE/],
  [`php -r '$c=curl_init("https://api.prod.acme.io/v1/users"); curl_setopt($c, CURLOPT_CUSTOMREQUEST, "DELETE"); curl_exec($c);'`, /HTTP DELETE/],
  [`perl -MLWP::UserAgent -e 'LWP::UserAgent->new->delete("https://api.prod.acme.io/v1/users")'`, /HTTP DELETE/],
  [`perl -MHTTP::Request -e 'print HTTP::Request->new(DELETE => "https://api.prod.acme.io/v1/users")->as_string'`, /HTTP DELETE/],
  [`perl -MDBI -e 'DBI->connect("dbi:Pg:host=db.prod.acme.io")->do("DROP TABLE users")'`, /DROP TABLE users/],
  [`curl -X PATCH "https://abc.supabase.co/rest/v1/users?id=gt.0" -H "apikey: $K" -d '{"email":null}'`, /Overwrites the rows matching id=gt\.0 of the table users/],
  [`curl -X DELETE "https://abc.supabase.co/rest/v1/sessions?created_at=lt.2024-01-01" -H "apikey: $K"`, /Deletes the rows matching created_at=lt\.2024-01-01/],
  [`http PATCH "https://abc.supabase.co/rest/v1/profiles?id=eq.7" apikey:$K plan=free`, /table profiles/],
];

const ALLOWED = [
  `python3 -c "import boto3; print(boto3.client('s3').list_objects_v2(Bucket='acme-prod-uploads'))"`,
  `ruby -e 'require "aws-sdk-s3"; puts Aws::S3::Client.new.list_buckets.buckets.map(&:name)'`,
  `php -r 'require "vendor/autoload.php"; var_dump((new Aws\\S3\\S3Client(["region"=>"us-east-1","version"=>"latest"]))->listBuckets());'`,
  `ruby -e 'require "net/http"; puts Net::HTTP.get(URI("https://api.prod.acme.io/v1/users"))'`,
  `ruby -e 'h = {a: 1}; h.delete(:a); p h'`,
  `perl -MLWP::UserAgent -e 'print LWP::UserAgent->new->get("https://api.prod.acme.io/v1/users")->content'`,
  `perl -MDBI -e 'print DBI->connect("dbi:Pg:host=db.prod.acme.io")->selectrow_array("SELECT count(*) FROM users")'`,
  `curl "https://abc.supabase.co/rest/v1/users?select=id&limit=5" -H "apikey: $K"`,
  `curl -X POST "https://abc.supabase.co/rest/v1/todos" -H "apikey: $K" -d '{"title":"x"}'`,
  `curl -X PATCH "http://localhost:54321/rest/v1/users?id=eq.1" -d '{"name":"x"}'`,
];

describe('API one-liners: SDK and HTTP deletions in interpreter code, PostgREST rows', () => {
  for (const [command, reason] of FLAGGED) {
    it(`${command}: asks, production`, () => {
      const v = verdict(command);
      assert.notEqual(v.decision, 'allow', JSON.stringify(v.reasons));
      assert.equal(v.production, true, JSON.stringify(v.targets));
      assert.ok(v.reasons.some((r) => reason.test(r)), JSON.stringify(v.reasons));
    });
  }
  for (const command of ALLOWED) it(`${command}: allowed`, () => assert.equal(verdict(command).decision, 'allow', JSON.stringify(verdict(command).reasons)));
});
