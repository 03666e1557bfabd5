// A generated workspace with the shape of a real JS/Python monorepo, for the scan and credential
// benches: apps and packages (src/components/hooks/__tests__ ...), Python services (packages with
// __init__.py, nested modules), vendored third-party code (deep, narrow trees) and docs, with about
// three files per folder (≥ 15,000 folders for 50,000 files), plus dependency folders the walk skips
// (node_modules, .venv, vendor). One file in 500 is a credential file of one of four shapes. Fake
// secrets are assembled at run time from pieces; nothing key-shaped is written in this file.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

function randomToken(n, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789') {
  const bytes = crypto.randomBytes(n);
  let s = '';
  for (const b of bytes) s += alphabet[b % alphabet.length];
  return s;
}

/** A small deterministic generator, so every run builds the same shape. */
function seeded(seed) {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

const JS_DIRS = ['components', 'hooks', 'utils', 'lib', 'api', 'features', 'pages', 'routes', 'store', 'services', 'types', '__tests__', 'fixtures', 'icons', 'forms', 'layout', 'widgets', 'helpers'];
const PY_DIRS = ['models', 'views', 'handlers', 'schemas', 'migrations', 'tasks', 'tests', 'utils', 'clients', 'adapters', 'core', 'domain', 'repositories', 'serializers', 'management', 'commands'];
const VENDOR_DIRS = ['src', 'main', 'include', 'impl', 'detail', 'internal', 'platform', 'common', 'test', 'util', 'codec', 'io'];
const JS_FILES = ['index.ts', 'types.ts', 'utils.ts', 'Button.tsx', 'Card.tsx', 'styles.css', 'use-thing.ts', 'api.ts', 'README.md', 'constants.ts', 'x.test.ts', 'package.json'];
const PY_FILES = ['__init__.py', 'models.py', 'views.py', 'handlers.py', 'schemas.py', 'tasks.py', 'test_models.py', 'conftest.py', 'utils.py', 'settings.py'];
const VENDOR_FILES = ['LICENSE', 'parser.c', 'parser.h', 'codec.c', 'io.h', 'util.c', 'README', 'CMakeLists.txt', 'config.h'];

const TEMPLATES = {
  ts: (i) => `import { helper${i} } from './helper${i}';\n\nexport function run${i}(input: string): string {\n  const tokens = input.split(' ');\n  return tokens.map((t) => helper${i}(t)).join(' ');\n}\n`,
  tsx: (i) => `export function Widget${i}(props: { label: string }) {\n  return <div className="w-${i}">{props.label}</div>;\n}\n`,
  css: (i) => `.card-${i} { display: flex; padding: ${i % 20}px; color: #333; }\n`,
  md: (i) => `# Module ${i}\n\nThis page explains how the token refresh works. Set API_KEY in your environment.\n`,
  json: (i) => `{\n  "name": "pkg-${i}",\n  "version": "1.0.${i}",\n  "dependencies": { "left-pad": "^1.3.0" }\n}\n`,
  py: (i) => `def handler_${i}(event, context):\n    user_id = event["user_id"]\n    return {"status": 200, "id": user_id}\n`,
  c: (i) => `#include "io.h"\nint codec_${i}(const char *in, char *out) { return in[0] ? ${i} : 0; }\n`,
  h: (i) => `#pragma once\nint codec_${i}(const char *in, char *out);\n`,
  other: (i) => `line ${i}\n`,
};

function contentFor(name, i) {
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : 'other';
  const body = (TEMPLATES[ext] ?? TEMPLATES.other)(i);
  // One file in ten carries a long hex run (a commit hash in a comment), as real code does.
  return i % 10 === 3 ? `${body}\n// upstream commit ${crypto.createHash('sha1').update(String(i)).digest('hex')}\n` : body;
}

/** The four shapes of planted credential file (name, content), by index. */
function credentialFile(n, i) {
  switch (n % 4) {
    case 0:
      return ['.env', `STRIPE_KEY=${'sk_' + 'live_' + randomToken(24)}\nDEBUG=1\n`];
    case 1:
      return [`config_backup_${i}.json`, JSON.stringify({ railway: { token: crypto.randomUUID() } }, null, 2)];
    case 2:
      return [`settings_${i}.yaml`, `database:\n  url: ${'postgres' + '://app:' + randomToken(16) + '@db.internal:5432/app'}\n`];
    default:
      return [`deploy_${i}.key`, `-----BEGIN ${'PRIVATE'} KEY-----\n${randomToken(64)}\n-----END ${'PRIVATE'} KEY-----\n`];
  }
}

/**
 * Build the tree under `root`. Returns its shape: files written (walked ones), folders the walk
 * enters, deepest level, and the credential files planted.
 */
export function generateMonorepo(root, { files: fileCount = 50_000, folders: folderTarget = 16_000, seed = 42 } = {}) {
  const rand = seeded(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  // Top-level areas: [folder, share of the folders, names for sub-folders, names for files, area fan-out]
  const areas = [
    ['apps', 0.2, JS_DIRS, JS_FILES, 10],
    ['packages', 0.35, JS_DIRS, JS_FILES, 70],
    ['services', 0.25, PY_DIRS, PY_FILES, 18],
    ['third_party', 0.15, VENDOR_DIRS, VENDOR_FILES, 25],
    ['docs', 0.05, ['guides', 'api', 'reference', 'images', 'adr'], ['index.md', 'intro.md', 'setup.md', 'faq.md'], 6],
  ];
  const dirs = []; // { rel, fileNames }
  const taken = new Set();
  for (const [area, share, subNames, fileNames, fanOut] of areas) {
    const budget = Math.round(folderTarget * share);
    const queue = [];
    for (let k = 0; k < fanOut; k++) {
      const rel = `${area}/${area === 'services' ? 'svc' : area === 'third_party' ? 'lib' : area === 'docs' ? 'part' : 'pkg'}-${k}`;
      queue.push({ rel, depth: 1 });
      dirs.push({ rel, fileNames });
    }
    let made = fanOut;
    // Breadth-first with a random fan-out, deeper and narrower for vendored code.
    while (made < budget && queue.length > 0) {
      const { rel, depth } = queue.shift();
      const children = area === 'third_party' ? 1 + Math.floor(rand() * 2) : Math.floor(rand() * 5);
      for (let c = 0; c < children && made < budget; c++) {
        const childRel = `${rel}/${pick(subNames)}${rand() < 0.5 ? '' : `-${c}`}`;
        if (taken.has(childRel)) continue;
        taken.add(childRel);
        queue.push({ rel: childRel, depth: depth + 1 });
        dirs.push({ rel: childRel, fileNames });
        made++;
      }
      if (queue.length === 0 && made < budget) queue.push({ rel: `${area}/extra-${made}`, depth: 1 });
    }
  }
  const unique = dirs;
  for (const d of unique) fs.mkdirSync(path.join(root, d.rel), { recursive: true });
  let written = 0;
  let credentials = 0;
  let maxDepth = 0;
  for (let i = 0; i < fileCount; i++) {
    const d = unique[i < unique.length ? i : Math.floor(rand() * unique.length)];
    maxDepth = Math.max(maxDepth, d.rel.split('/').length);
    if (i % 500 === 250) {
      credentials++;
      const [name, text] = credentialFile(credentials, i);
      fs.writeFileSync(path.join(root, d.rel, name), text);
      written++;
      continue;
    }
    const base = pick(d.fileNames);
    const name = `${base.replace(/(\.[a-z]+)$/, `-${i}$1`)}`;
    fs.writeFileSync(path.join(root, d.rel, name.includes('.') ? name : `${base}-${i}`), contentFor(base, i));
    written++;
  }
  for (const [rel, text] of [
    ['package.json', JSON.stringify({ name: 'monorepo', private: true, workspaces: ['apps/*', 'packages/*'] }, null, 2)],
    ['pnpm-workspace.yaml', "packages:\n  - 'apps/*'\n  - 'packages/*'\n"],
    ['README.md', '# monorepo\n'],
    ['.gitignore', 'node_modules\n.venv\ndist\n'],
  ]) {
    fs.writeFileSync(path.join(root, rel), text);
    written++;
  }
  // Dependency folders the walk skips: present, as in a real checkout, but never indexed.
  for (let k = 0; k < 200; k++) {
    const dir = path.join(root, 'node_modules', `dep-${k}`, 'lib');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'index.js'), 'module.exports = 1;\n');
  }
  for (const skipped of ['.venv/lib/python3.12/site-packages/requests', 'vendor/github.com/pkg/errors']) {
    fs.mkdirSync(path.join(root, skipped), { recursive: true });
    fs.writeFileSync(path.join(root, skipped, '__init__.py'), '');
  }
  return { files: written, folders: unique.length + 1, maxDepth, credentials };
}
