import type { CodeEffect } from './sqlScan';

/**
 * MongoDB shell calls that lose data, lock people out or stop writes without a drop or an empty-filter
 * delete (issue #18): an aggregation's `$out` or a mapReduce `out` that replaces a collection, a loop
 * that deletes every document one by one, `renameCollection` with `dropTarget`, every user dropped.
 * Users, passwords and locks, routine on a development server, are `productionWrites.ts`'s.
 */
export function scanMongoQuiet(js: string): CodeEffect[] {
  const out: CodeEffect[] = [];
  if (!/\$out|out\s*:|forEach|dropTarget|dropAllUsers/.test(js)) return out;
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
  if (/\.dropAllUsers\s*\(/.test(js)) out.push({ summary: 'dropAllUsers() (every client signing in is locked out)', object: 'the MongoDB users' });
  return out;
}
