import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import { destructiveLineCommands, destructiveStatement } from '../../../src/core/rules/support/storeProtocols';
import { testFacts } from '../support/policyFixtures';

/**
 * Destructive text over any wire: raw sockets, data stores' HTTP APIs, store clients and programs
 * that open sockets, each from the store's protocol documentation, next to reads over the same wire.
 */

interface Row {
  cmd: string;
  production?: boolean;
  reason?: RegExp;
}

function verdictOf(cmd: string) {
  return classify(cmd, testFacts(), { lockdown: false });
}

describe('rules/wire: destroying commands sent to data stores', () => {
  const destroying: Row[] = [
    { cmd: "printf 'FLUSHALL\\r\\n' | nc cache.prod.acme.internal 6379", production: true, reason: /sends FLUSHALL to Redis at cache.prod.acme.internal:6379/ },
    { cmd: "printf '*1\\r\\n$8\\r\\nFLUSHALL\\r\\n' | nc -q1 10.0.2.15 6379", production: true },
    { cmd: "printf 'DEL session:1234 session:1235\\r\\nQUIT\\r\\n' | socat - TCP:redis-prod.acme.internal:6379", production: true, reason: /DEL session:1234/ },
    { cmd: "(printf 'AUTH %s\\r\\nFLUSHDB\\r\\n' \"$REDIS_PASSWORD\"; sleep 1) | openssl s_client -quiet -connect redis-prod.acme.io:6380", production: true },
    { cmd: '{ echo "flush_all"; sleep 1; } | telnet memcached-prod.acme.internal 11211', production: true, reason: /memcached/ },
    { cmd: "exec 3<>/dev/tcp/redis-prod.acme.internal/6379; printf 'FLUSHALL\\r\\n' >&3; head -c 5 <&3", production: true, reason: /bash \/dev\/tcp/ },
    { cmd: "printf 'UNLINK cart:1 cart:2\\r\\n' | ncat --ssl cache.prod.acme.internal 6380", production: true },
    { cmd: "nc cache.internal 6379 <<< 'FLUSHDB'", production: true },
    { cmd: "echo 'delete user:42' | nc mc.internal 11211", production: true },
    { cmd: "printf 'DROP TABLE users;\\n' | nc db.internal 5432", production: true },
    { cmd: "node -e \"require('net').connect(6379, 'redis-prod.acme.internal').end('FLUSHALL\\r\\n')\"", production: true },
    { cmd: 'redis-cli -h cache.prod.acme.internal DEL session:1', production: true, reason: /DEL session:1/ },
    { cmd: 'redis-cli -u redis://cache.staging.acme.internal:6379 UNLINK cart:1', production: false },
    { cmd: "curl -X POST \"localhost:9200/orders/_delete_by_query\" -H 'Content-Type: application/json' -d '{\"query\":{\"match_all\":{}}}'", production: false },
    { cmd: "curl 'http://ch-prod-1.acme.internal:8123/' --data-binary 'DROP TABLE analytics.events'", production: true, reason: /ClickHouse/ },
    { cmd: "curl -XPOST 'http://influx.acme.internal:8086/query' --data-urlencode 'q=DROP DATABASE telegraf'", production: true, reason: /DROP DATABASE telegraf/ },
    { cmd: "curl 'http://solr.acme.internal:8983/solr/products/update?commit=true' -H 'Content-Type: text/xml' --data-binary '<delete><query>*:*</query></delete>'", production: true, reason: /Solr/ },
    { cmd: "curl 'http://ch.internal:8123/?query=TRUNCATE+TABLE+events'", production: true },
    { cmd: "curl -X POST http://etcd-0.acme.internal:2379/v3/kv/deleterange -d '{\"key\":\"L2NvbmZpZw==\",\"range_end\":\"AA==\"}'", production: true, reason: /DeleteRange/ },
    { cmd: "curl http://neo4j.acme.internal:7474/db/neo4j/tx/commit -H 'Content-Type: application/json' -d '{\"statements\":[{\"statement\":\"MATCH (n) DETACH DELETE n\"}]}'", production: true },
  ];

  const reading: string[] = [
    "printf 'PING\\r\\n' | nc -q1 redis-prod.acme.internal 6379",
    "printf 'INFO keyspace\\r\\n' | nc -q1 redis-prod.acme.internal 6379",
    'echo stats | nc -q1 memcached.acme.internal 11211',
    'echo ruok | nc zk-prod-1 2181',
    "echo 'get user:42' | nc mc.internal 11211",
    'nc -zv db.prod.acme.internal 5432',
    'openssl s_client -connect api.acme.io:443 -servername api.acme.io </dev/null',
    'redis-cli -h cache.prod.acme.internal GET session:1',
    'redis-cli DBSIZE',
    'curl -s localhost:9200/_cluster/health?pretty',
    "curl -X POST localhost:9200/orders/_search -d '{\"query\":{\"match_all\":{}}}'",
    "curl 'http://ch-prod-1.acme.internal:8123/?query=SELECT%20count()%20FROM%20analytics.events'",
    "curl -G 'http://influx.acme.internal:8086/query' --data-urlencode 'q=SHOW DATABASES'",
    "curl http://neo4j.acme.internal:7474/db/neo4j/tx/commit -d '{\"statements\":[{\"statement\":\"MATCH (n) RETURN count(n)\"}]}'",
    "curl -X POST http://etcd-0.acme.internal:2379/v3/kv/range -d '{\"key\":\"L2NvbmZpZw==\"}'",
    // Red team round 17: a port where a store speaks only its binary protocol (4000 is TiDB's, and Phoenix's and
    // Apollo's dev servers) does not make an HTTP request a store API; one local resource deleted stays allowed.
    'curl -X DELETE http://localhost:4000/posts/1',
    'curl -X DELETE http://127.0.0.1:5432/api/items/3',
  ];

  for (const row of destroying) {
    it(`asks: ${row.cmd.slice(0, 110)}`, () => {
      const verdict = verdictOf(row.cmd);
      const shown = JSON.stringify(verdict, null, 1);
      assert.equal(verdict.decision, 'ask', shown);
      if (row.production !== undefined) assert.equal(verdict.production, row.production, shown);
      if (row.reason) assert.ok(verdict.reasons.some((r) => row.reason!.test(r)), shown);
    });
  }
  for (const cmd of reading) it(`allows: ${cmd.slice(0, 110)}`, () => assert.equal(verdictOf(cmd).decision, 'allow', JSON.stringify(verdictOf(cmd))));
});

describe('rules/support/storeProtocols: the destroying words of each protocol', () => {
  const statements: [string, boolean][] = [
    ['DROP KEYSPACE metrics;', true],
    ['TRUNCATE shop.carts', true],
    ['ALTER TABLE analytics.events DELETE WHERE tenant_id = 42', true],
    ['MATCH (n) DETACH DELETE n', true],
    ['DELETE FROM accounts WHERE closed = true', true],
    ['DROP MEASUREMENT cpu', true],
    ['SELECT * FROM accounts', false],
    ['delete the old importer', false],
    ['truncate the log file before the release', false],
    ['drop me a line', false],
    ['MATCH (n) RETURN count(n)', false],
  ];
  for (const [text, destroys] of statements) it(`${destroys ? 'destroys' : 'reads'}: ${text}`, () => assert.equal(destructiveStatement(text) !== undefined, destroys));

  const lines: [string, string[]][] = [
    ['FLUSHALL\r\n', ['FLUSHALL']],
    ['*1\r\n$8\r\nFLUSHALL\r\n', ['FLUSHALL']],
    ['AUTH x\r\nDEL a b\r\nQUIT\r\n', ['DEL a b']],
    ['script flush\r\n', ['script flush']],
    ['flush_all\r\n', ['flush_all']],
    ['GET a\r\nPING\r\n', []],
    ['delete\r\n', []],
  ];
  for (const [payload, found] of lines) it(`line protocol: ${JSON.stringify(payload)}`, () => assert.deepEqual(destructiveLineCommands(payload), found));
});
