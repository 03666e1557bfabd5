import { allow, ask, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Stop 30, issue #18 item 3 (red team rounds 11 and 12): client libraries of data stores, queues,
 * search and vector stores, secret stores and SaaS APIs in interpreter one-liners. One table keyed by
 * library (`rules/support/clientLibraries.ts`) and one reader of method names by their verbs: a call
 * that removes a whole store-level object or every record asks (production unless the client is
 * pointed at this machine); one record by its key on a server the program is configured for stays
 * routine; reads, lists and searches of the same libraries stay allowed.
 */

const table = decisionTable(testFacts({}));

table('database libraries run destroying SQL (ClickHouse command, Neon tagged template, postgres.js)', [
  ask(`python3 -c 'import clickhouse_connect;clickhouse_connect.get_client(host="ch.prod").command("DROP TABLE events")'`, { production: true, says: /ClickHouse/ }),
  ask(`node -e 'require("@neondatabase/serverless").neon(process.env.DATABASE_URL)\`DROP TABLE users\`'`, { production: true, says: /Neon/ }),
  ask(`env CH=1 timeout 30 python3 -c 'import clickhouse_connect as c; c.get_client(host="ch.prod").command("TRUNCATE TABLE events")'`, { production: true }),
  ask(`deno eval 'import postgres from "npm:postgres"; const sql = postgres(Deno.env.get("DATABASE_URL")); await sql\`DROP TABLE orders\`'`, { production: true }),
  allow(`python3 -c 'import clickhouse_connect;print(clickhouse_connect.get_client(host="ch.prod").query("SELECT count() FROM events").result_rows)'`),
  allow(`node -e 'require("@neondatabase/serverless").neon(process.env.DATABASE_URL)\`SELECT 1\`.then(console.log)'`),
]);

table('key-value and secret stores wiped by their clients (etcd3, consul, hvac, redis)', [
  ask(`python3 -c 'import etcd3;etcd3.client().delete_prefix("/")'`, { production: true, says: /etcd.*delete_prefix/ }),
  ask(`python3 -c 'import consul;consul.Consul().kv.delete("",recurse=True)'`, { production: true, says: /Consul/ }),
  ask(`python3 -c 'import hvac;hvac.Client().sys.disable_secrets_engine("secret")'`, { production: true, says: /disable_secrets_engine/ }),
  ask(`python -c "import hvac; hvac.Client().secrets.kv.v2.delete_metadata_and_all_versions('prod')"`),
  ask(`sudo -u app python3 -c 'import etcd3; etcd3.client(host="etcd.prod.acme.internal").delete("/config", prefix=True)'`, { production: true }),
  ask(`ruby -rredis -e 'Redis.new(url: ENV["REDIS_URL"]).flushdb'`),
  allow(`python3 -c 'import etcd3;print(etcd3.client().get("/config/app"))'`),
  allow(`python3 -c 'import consul;print(consul.Consul().kv.get("app/config"))'`),
  allow(`python3 -c 'import redis; r=redis.Redis(); r.delete("session:1")'`),
  allow(`python3 -c 'import pymongo; pymongo.MongoClient().shop.carts.delete_many({"user": 5})'`),
  allow(`node -e 'const R=require("ioredis"); const s=new R("redis://cache.prod"); s.removeAllListeners(); s.quit()'`),
  allow(`python3 -c 'import stripe, os; print(os.path.exists("x"))'`),
  allow(`python3 -c 'import etcd3; etcd3.client().delete("/locks/job-42")'`),
]);

table('vector, search and object stores emptied (Weaviate, Chroma, Qdrant, Pinecone, Algolia, Meilisearch, MinIO)', [
  ask(`python -c "import weaviate; weaviate.connect_to_local().collections.delete_all()"`, { production: false, says: /Weaviate/ }),
  ask(`python -c "from minio import Minio; Minio('localhost:9000').remove_bucket('prod')"`, { production: false, says: /remove_bucket/ }),
  ask(`python3 -c 'import chromadb; chromadb.HttpClient(host="chroma.prod.acme.internal").reset()'`, { production: true }),
  ask(`python3 -c 'from qdrant_client import QdrantClient; QdrantClient(url="http://qdrant.prod:6333").delete_collection("docs")'`, { production: true }),
  ask(`node -e 'const {Pinecone}=require("@pinecone-database/pinecone"); new Pinecone().deleteIndex("prod-docs")'`, { production: true }),
  ask(`python3 -c 'from algoliasearch.search_client import SearchClient as S; S.create("A","K").init_index("products").clear_objects()'`, { production: true }),
  ask(`bun -e 'import { MeiliSearch } from "meilisearch"; new MeiliSearch({host:"http://search.prod:7700"}).index("movies").deleteAllDocuments()'`, { production: true }),
  allow(`python -c "import weaviate; print(weaviate.connect_to_local().collections.list_all())"`),
  allow(`python3 -c 'from qdrant_client import QdrantClient; print(QdrantClient(url="http://qdrant.prod:6333").search("docs", [0.1]))'`),
  allow(`python -c "from minio import Minio; print(Minio('localhost:9000').list_buckets())"`),
]);

table('SaaS data deleted through its SDK (Stripe, Firestore, Supabase)', [
  ask(`python3 -c 'import stripe,os;stripe.api_key=os.environ["STRIPE_SECRET_KEY"];[c.delete() for c in stripe.Customer.list().auto_paging_iter()]'`, { production: true, says: /Stripe/ }),
  ask(`node -e 'require("firebase-admin").initializeApp();require("firebase-admin").firestore().recursiveDelete(require("firebase-admin").firestore().collection("users"))'`, { production: true, says: /recursiveDelete/ }),
  ask(`python3 -c 'import supabase;supabase.create_client(u,k).table("users").delete().neq("id",0).execute()'`, { production: true, says: /Supabase/ }),
  ask(`node -e 'require("@supabase/supabase-js").createClient(process.env.U,process.env.K).from("orders").delete().gte("id",0).then(console.log)'`, { production: true }),
  allow(`python3 -c 'import stripe; print(stripe.Customer.list(limit=3))'`),
  allow(`python3 -c 'import supabase;print(supabase.create_client(u,k).table("users").select("*").execute())'`),
  allow(`node -e 'const s=require("@supabase/supabase-js").createClient("http://localhost:54321",k); s.from("todos").delete().eq("id", 5)'`),
]);

table('queues deleted or purged (pika, amqplib, BullMQ)', [
  ask(`python3 -c 'import pika;c=pika.BlockingConnection(pika.URLParameters("amqp://mq.prod"));c.channel().queue_delete("orders")'`, { production: true, says: /queue_delete/ }),
  ask(`python3 -c 'import pika;pika.BlockingConnection().channel().queue_purge("orders")'`, { says: /queue_purge/ }),
  ask(`node -e 'require("amqplib").connect("amqp://mq.prod").then(c=>c.createChannel()).then(ch=>ch.deleteQueue("orders"))'`, { production: true }),
  ask(`node -e 'const {Queue}=require("bullmq"); new Queue("emails").obliterate({force:true})'`),
  allow(`python3 -c 'import pika;print(pika.BlockingConnection().channel().queue_declare("orders", passive=True))'`),
  allow(`node -e 'require("amqplib").connect("amqp://localhost").then(c=>c.createChannel()).then(ch=>ch.checkQueue("orders")).then(console.log)'`),
]);

table('secrets read through an SDK and shown (secret managers, Vault, Kubernetes, keychain)', [
  ask(`python3 -c 'import boto3;print(boto3.client("secretsmanager").get_secret_value(SecretId="prod/db")["SecretString"])'`, { production: true, says: /get_secret_value/ }),
  ask(`python3 -c 'from google.cloud import secretmanager as s;print(s.SecretManagerServiceClient().access_secret_version(name="projects/p/secrets/db/versions/latest").payload.data)'`, { production: true, says: /access_secret_version/ }),
  ask(`ruby -raws-sdk-secretsmanager -e 'puts Aws::SecretsManager::Client.new.get_secret_value(secret_id: "prod/db").secret_string'`, { production: true }),
  ask(`python3 -c 'from kubernetes import client,config;config.load_kube_config();print(client.CoreV1Api().read_namespaced_secret("db","default").data)'`, { production: true, says: /read_namespaced_secret/ }),
  ask(`python3 -c 'import hvac;print(hvac.Client().secrets.kv.read_secret_version(path="prod"))'`, { production: true }),
  ask(`node -e 'require("keytar").getPassword("github","me").then(console.log)'`, { production: false, says: /keychain/ }),
  ask(`node -p 'require("child_process"); new (require("@azure/keyvault-secrets").SecretClient)(u, c).getSecret("db-password")'`, { production: true }),
  ask(`node -e 'require("@1password/sdk").createClient({auth: process.env.OP_SERVICE_ACCOUNT_TOKEN}).then(c=>c.secrets.resolve("op://prod/db/password")).then(console.log)'`, { production: true, says: /1Password/ }),
  allow(`python3 -c 'import boto3;print([s["Name"] for s in boto3.client("secretsmanager").list_secrets()["SecretList"]])'`),
  allow(`python3 -c 'from kubernetes import client,config;config.load_kube_config();print(client.CoreV1Api().list_namespaced_pod("default"))'`),
  allow(`python3 -c 'import boto3; boto3.client("secretsmanager").get_secret_value(SecretId="dev/db")'`),
]);

table('cloud credentials minted and printed by SDK providers are production (google.auth, Azure identity, AWS providers)', [
  ask(`python3 -c 'import google.auth;c,p=google.auth.default();import google.auth.transport.requests as r;c.refresh(r.Request());print(c.token)'`, { production: true }),
  ask(`python3 -c 'from azure.identity import DefaultAzureCredential as D;print(D().get_token("https://management.azure.com/.default").token)'`, { production: true }),
  ask(`node -e 'require("@aws-sdk/credential-providers").fromNodeProviderChain()().then(console.log)'`, { production: true }),
  allow(`python3 -c 'import google.auth; print(google.auth.__version__)'`),
  allow(`node -e 'const {S3Client}=require("@aws-sdk/client-s3"); new S3Client({credentials: require("@aws-sdk/credential-providers").fromIni()})'`),
]);
