// `npm run bench`: runs every bench/*.bench.mjs in name order. Each module exports
// `async function run()` returning rows (plain objects); each bench's rows print as one table.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);

function cell(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) < 10 ? 2 : 1);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function printTable(rows) {
  const columns = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values) => values.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  console.log(line(columns));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(columns.map((c) => cell(row[c]))));
}

const files = fs.readdirSync(here).filter((f) => f.endsWith('.bench.mjs') && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
let failed = false;
for (const file of files) {
  console.log(`\n== ${file.replace(/\.bench\.mjs$/, '')}`);
  const started = Date.now();
  try {
    const mod = await import(pathToFileURL(path.join(here, file)).href);
    const rows = await mod.run();
    printTable(Array.isArray(rows) ? rows : [rows]);
  } catch (err) {
    failed = true;
    console.log(`failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  }
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
process.exitCode = failed ? 1 : 0;
