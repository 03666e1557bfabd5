// Entry point the extension host calls (extensionTestsPath): runs mocha inside the real editor and
// ends with the plain line CI reads: "integration: N passed, N failed, N skipped".
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');

function run() {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: 'spec' });
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const runner = mocha.run((failures) => {
      console.log(`integration: ${passed} passed, ${failed} failed, ${skipped} skipped`);
      if (failures > 0) reject(new Error(`${failures} integration tests failed`));
      else resolve();
    });
    runner.on('pass', () => { passed++; });
    runner.on('fail', () => { failed++; });
    runner.on('pending', () => { skipped++; });
  });
}

module.exports = { run };
