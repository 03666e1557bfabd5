import { perimeterFacts } from './perimeterFixtures';
import { allowed, familyTables, flag, type Family } from './familyTable';

/**
 * Red team round 17's false positives (stop 33): dry runs of two CLIs were judged as the real thing, and a
 * local web server on port 4000 was read as TiDB's SQL port. The real commands next to them keep asking.
 */

const TABLE: Record<string, Family> = {
  'dry runs of firebase deploy and azcopy change nothing': {
    reason: /deploys|deletes/,
    rows: [
      allowed('firebase deploy --only hosting --dry-run'),
      allowed("azcopy sync ./dist 'https://acme.blob.core.windows.net/$web' --delete-destination=true --dry-run"),
      allowed('azcopy remove https://acme.blob.core.windows.net/site/old --recursive --dry-run'),
      flag('firebase deploy --only hosting'),
      flag('firebase deploy --only hosting --dry-run=false'),
      flag("azcopy sync ./dist 'https://acme.blob.core.windows.net/$web' --delete-destination=true"),
      flag('azcopy remove https://acme.blob.core.windows.net/site/old --recursive'),
    ],
  },
  'an HTTP request to a port where a store speaks only its binary protocol is not that store': {
    reason: /DELETE|DROP|sends/,
    rows: [
      allowed('curl -X DELETE http://localhost:4000/posts/1'),
      allowed('curl -X DELETE localhost:3306/api/items/3'),
      flag('curl -X DELETE http://localhost:9200/logs-2026'),
      flag("curl 'http://localhost:8123/?query=DROP%20TABLE%20events' -X POST"),
    ],
  },
};

familyTables('round 17 false positives (coordinator, stop 33)', TABLE, perimeterFacts);
