// Where a hook call's time goes, in one process, the way src/cli/launcher.ts starts the CLI: reading
// dist/cli-main.js, compiling it through the code cache the launcher keeps (deserialising it), and
// the rest (module evaluation, the decision, the reply) until exit; garbage collection counted apart.
// Run by bench/startup.bench.mjs as `node startupPhases.cjs <dist dir> <cache file> hook claude`
// with the hook's payload on stdin; prints one JSON line on stderr at exit.
'use strict';
const t0 = performance.now();
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { PerformanceObserver } = require('node:perf_hooks');

const [dist, cacheFile] = process.argv.splice(2, 2);
let gcMs = 0;
let gcCount = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gcMs += e.duration;
    gcCount += 1;
  }
}).observe({ entryTypes: ['gc'] });
// The launcher's own setting (see verifyCacheChecksums): part of the flags V8 keys its caches by.
process.noDeprecation = true;
process.binding('v8').setFlagsFromString('--verify-snapshot-checksum');
process.noDeprecation = false;

const file = path.join(dist, 'cli-main.js');
const source = fs.readFileSync(file, 'latin1');
const t1 = performance.now();
const script = new vm.Script(source, { filename: file, cachedData: fs.readFileSync(cacheFile) });
const t2 = performance.now();
const main = script.runInThisContext();
process.argv.splice(1, 1, path.join(dist, 'cli.js'));
main.call(module.exports, module.exports, require, module, path.join(dist, 'cli.js'), dist);
process.on('exit', () => {
  const t3 = performance.now();
  const row = { bootMs: t0, readMs: t1 - t0, cacheCompileMs: t2 - t1, evaluateAndDecideMs: t3 - t2, gcMs, gcCount, cacheRejected: script.cachedDataRejected };
  fs.writeSync(2, `${JSON.stringify(row)}\n`);
});
