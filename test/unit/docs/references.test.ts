import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Every file the docs or a comment names exists in the repository: README, AGENTS, CHANGELOG and the
 * walkthrough pages in full, and the comments of the code, scripts and test harnesses (unit tests are
 * left out: their strings and comments name the made-up files of their fixtures).
 */
const ROOT = path.resolve(__dirname, '../../..');
const DOCS = /^(README|AGENTS|CHANGELOG)\.md$|^media\/walkthrough\/.*\.md$/;
const CODE = /^(src|scripts|bench|test\/(e2e|integration|support))\/.*\.(ts|mjs|cjs|js|sh)$/;
/** A repository path (src/…, test/…) or a Markdown file name. */
const REFERENCE = /(?<![\w./<-])((?:src|test|scripts|media|bench|docs)\/[\w./-]*\w|[\w./-]*[A-Z][\w-]*\.md)(?![\w<])/g;
/** Paths inside the demo workspace or an example, not in this repository. */
const NOT_OURS = /^(src\/(server|migrate)\.js|docs\/auth\.md|scripts\/fix\.py|src\/components\/hooks\/__tests__)$/;

function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
}

function commentText(source: string): string {
  return source
    .split('\n')
    .filter((line) => /^\s*(\/\/|\/\*|\*|#)/.test(line) || /\s\/\/\s/.test(line))
    .join('\n');
}

function exists(ref: string): boolean {
  const clean = ref.replace(/[.)]+$/, '');
  return fs.existsSync(path.join(ROOT, clean)) || (clean.endsWith('.md') && fs.existsSync(path.join(ROOT, path.basename(clean))));
}

describe('every file a doc or comment names exists', () => {
  const files = trackedFiles().filter((f) => DOCS.test(f) || CODE.test(f));
  it('covers the docs and the code', () => {
    assert.ok(files.includes('README.md') && files.some((f) => f.startsWith('src/')), files.slice(0, 5).join(', '));
  });
  for (const file of files) {
    it(file, () => {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      const searched = DOCS.test(file) ? text : commentText(text);
      const missing = [...searched.matchAll(REFERENCE)].map((m) => m[1]!).filter((ref) => !ref.includes('*') && !NOT_OURS.test(ref) && !exists(ref));
      assert.deepEqual([...new Set(missing)], []);
    });
  }
});
