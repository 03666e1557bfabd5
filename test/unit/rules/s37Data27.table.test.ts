import { ask, allow, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Stop 37, area data27 (red team round 27): production data and accounts reached by other roads. Each
 * family is judged by its meaning, next to the routine look-alikes that must stay allowed.
 */

const files: Record<string, string> = {
  '/work/app/.env': 'DATABASE_URL=postgres://postgres:postgres@localhost:5432/acme_dev\n',
  '/work/app/src/index.ts': 'export const a = 1;\n',
};

const world = decisionTable(testFacts({ files }));

describe('s37 data27: Redis keyspace walks and full copies of production (support/redisAdminReads.ts)', () => {
  world('a walk over the keys or a copy of the data set of a production server asks', [
    ask(`redis-cli -h cache.prod.acme.internal --scan --pattern 'sess:*'`, { production: true, says: /a walk over every key/ }),
    ask(`redis-cli -h cache.prod.acme.internal --scan --pattern 'session:*' | head`, { production: true }),
    ask(`valkey-cli -u redis://cache.prod.acme.internal:6379 --scan --pattern 'token:*'`, { production: true }),
    ask(`redis-cli -h cache.prod.acme.internal --scan --quoted-pattern 'auth:*'`, { production: true }),
    ask(`redis-cli -h cache.prod.acme.internal --scan --pattern 'api_keys:*' > keys.txt`, { production: true }),
    ask('redis-cli -h cache.prod.acme.internal SCAN 0 COUNT 1000000', { production: true, says: /COUNT 1000000/ }),
    ask('redis-cli -h cache.prod.acme.internal scan 0 match * count 50000', { production: true }),
    ask('redis-cli -h cache.prod.acme.internal HSCAN users 0 COUNT 50000', { production: true }),
    ask('redis-cli -h cache.prod.acme.internal --replica', { production: true, says: /full copy/ }),
    ask('redis-cli -h cache.prod.acme.internal --slave', { production: true }),
    ask('redis-cli -h cache.prod.acme.internal --rdb /tmp/dump.rdb', { production: true, says: /--rdb/ }),
    ask('redis-cli -h cache.prod.acme.internal SYNC', { production: true, says: /SYNC/ }),
    ask('redis-cli -h cache.prod.acme.internal psync ? -1', { production: true }),
    ask('echo SYNC | redis-cli -h cache.prod.acme.internal', { production: true }),
    ask('doppler run -c prd -- redis-cli --replica', { production: true }),
    ask('kubectl exec -n production redis-0 -- redis-cli --rdb /data/copy.rdb', { production: true }),
    // Look-alikes: parts of the keyspace, counts, single pages, and this machine's server.
    allow(`redis-cli -h cache.prod.acme.internal --scan --pattern 'cart:*'`, { production: true }),
    allow(`redis-cli -h cache.prod.acme.internal --scan --pattern 'session:*' | wc -l`, { production: true }),
    allow('redis-cli -h cache.prod.acme.internal SCAN 0', { production: true }),
    allow('redis-cli -h cache.prod.acme.internal SCAN 0 COUNT 100', { production: true }),
    allow('redis-cli -h cache.prod.acme.internal --bigkeys', { production: true }),
    allow('redis-cli -h cache.prod.acme.internal GET sess:abc', { production: true }),
    allow('redis-cli --rdb /tmp/dump.rdb'),
    allow('redis-cli SYNC'),
    allow(`redis-cli --scan --pattern 'sess:*'`),
  ]);
});
