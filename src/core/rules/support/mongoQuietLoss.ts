import type { CodeEffect } from './sqlScan';

/**
 * MongoDB shell calls that lose data, lock people out or stop writes without a drop or an empty-filter
 * delete (issue #18): an aggregation's `$out` or a mapReduce `out` that replaces a collection, a loop
 * that deletes every document one by one, `renameCollection` with `dropTarget`, every user dropped.
 * Users, passwords and locks, routine on a development server, are `productionWrites.ts`'s.
 */
const ALL_ID = String.raw`['"]?_id['"]?\s*:\s*\{\s*['"]?\$(?:exists['"]?\s*:\s*(?:true|1)|ne['"]?\s*:\s*null|gte?['"]?\s*:\s*(?:MinKey(?:\(\))?|\{\s*['"]?\$minKey['"]?\s*:\s*1\s*\})|nin['"]?\s*:\s*\[\s*\])\s*\}`;
const ALWAYS = String.raw`['"]?\$(?:where['"]?\s*:\s*(?:['"]\s*(?:return\s+)?true;?\s*['"]|function\s*\(\s*\)\s*\{\s*return\s+true;?\s*\})|expr['"]?\s*:\s*true)`;
const EVERY_DOCUMENT = new RegExp(String.raw`(?:db\.)?(?:getCollection\(\s*['"]([^'"]+)['"]\s*\)|([A-Za-z_]\w*))\.(deleteMany|remove|updateMany|replaceMany)\s*\(\s*\{\s*(?:${ALL_ID}|${ALWAYS})\s*\}`, 'g');

export function scanMongoQuiet(js: string): CodeEffect[] {
  const out: CodeEffect[] = [];
  if (!/\$out|out\s*:|forEach|dropTarget|dropAllUsers|_id|\$where|\$expr/.test(js)) return out;
  // A filter every document passes: `{_id: {$exists: true}}`, `{_id: {$ne: null}}`, `{_id: {$gte: MinKey()}}`, `{$where: 'true'}`.
  for (const m of js.matchAll(EVERY_DOCUMENT)) {
    const coll = m[1] ?? m[2] ?? 'collection';
    out.push({ summary: `${coll}.${m[3] ?? ''}(<a filter every document passes>)`, object: `every document in ${coll}`, collection: coll });
    if (out.length >= 5) break;
  }
  const outStage = /['"]?\$out['"]?\s*:\s*(?:['"]([^'"]+)['"]|\{[^}]*\bcoll\s*:\s*['"]([^'"]+)['"])/.exec(js);
  if (outStage) {
    const coll = outStage[1] ?? outStage[2] ?? 'collection';
    out.push({ summary: `an aggregation with $out: "${coll}" (the collection ${coll} is replaced by the result)`, object: `collection ${coll}`, collection: coll });
  }
  const mapReduce = /\.mapReduce\s*\([\s\S]*?\bout\s*:\s*(?:['"]([^'"]+)['"]|\{\s*['"]?replace['"]?\s*:\s*['"]([^'"]+)['"])/.exec(js);
  if (mapReduce) {
    const coll = mapReduce[1] ?? mapReduce[2] ?? 'collection';
    out.push({ summary: `mapReduce with out: "${coll}" (the collection ${coll} is replaced by the result)`, object: `collection ${coll}`, collection: coll });
  }
  const loop = /(?:db\.)?([A-Za-z_]\w*)\.find\s*\(\s*(?:\{\s*\})?\s*\)(?:\.\w+\([^)]*\))*\.forEach\s*\([\s\S]*?\.(deleteOne|deleteMany|remove|findOneAndDelete|drop)\s*\(/.exec(js);
  if (loop) out.push({ summary: `${loop[1]}.find().forEach(… ${loop[2]} …) (every document is deleted one by one)`, object: `every document in ${loop[1]}`, collection: loop[1] });
  const rename = /renameCollection['"]?\s*[:(][\s\S]*?\bto\s*:\s*['"]([^'"]+)['"][\s\S]*?dropTarget['"]?\s*:\s*(true|1)\b/.exec(js) ?? /\.renameCollection\s*\(\s*['"]([^'"]+)['"]\s*,\s*(true)\s*\)/.exec(js);
  if (rename) out.push({ summary: `renameCollection with dropTarget (the collection ${rename[1]} is dropped first)`, object: `collection ${rename[1]}` });
  if (/\.dropAllUsers\s*\(/.test(js)) out.push({ summary: 'dropAllUsers() (every client signing in is locked out)', object: 'the MongoDB users', administration: true });
  return out;
}
