import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runInstall, runStatus } from '../../../src/cli/install';
import type { CliIo } from '../../../src/cli/io';
import { installHost } from '../../../src/node/hosts/install';
import { onFailureNote, parseClaudeVersion } from '../../../src/node/hosts/claude/version';
import { makeTempHome, type TempHome } from './support';

/** Claude Code before 2.1.295 ignores onFailure "block": status says so, from `claude --version`. */
describe('Claude Code version and onFailure "block"', () => {
  const notes: Array<[string | undefined, RegExp | undefined]> = [
    [undefined, undefined], // not installed: nothing to say
    ['2.1.295 (Claude Code)', undefined],
    ['2.1.300 (Claude Code)', undefined],
    ['2.2.0', undefined],
    ['3.0.1 (Claude Code)', undefined],
    ['2.1.294 (Claude Code)', /Claude Code 2\.1\.294 ignores onFailure "block" \(needs 2\.1\.295\+\)/],
    ['2.0.999', /2\.0\.999 ignores/],
    ['1.9.400 (Claude Code)', /1\.9\.400 ignores/],
    ['garbled', /could not read the Claude Code version/],
  ];
  for (const [output, expected] of notes) {
    it(`${JSON.stringify(output)} -> ${expected ? 'a warning' : 'nothing'}`, () => {
      const note = onFailureNote(output);
      if (expected) assert.match(note ?? '', expected);
      else assert.equal(note, undefined);
    });
  }

  it('reads the first x.y.z in the output', () => {
    assert.deepEqual(parseClaudeVersion('claude 2.1.301 (Claude Code)\n'), [2, 1, 301]);
    assert.equal(parseClaudeVersion('no digits'), undefined);
  });

  describe('blast-shield status and install (a stand-in `claude` on PATH)', () => {
    let t: TempHome;
    let bin: string;
    const io = (): CliIo & { out: string[] } => {
      const out: string[] = [];
      return { out, stdout: (s) => out.push(s), stderr: (s) => out.push(s), readStdin: async () => '', env: { ...t.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` }, cwd: '/' };
    };
    const fakeClaude = (version: string): void => {
      fs.writeFileSync(path.join(bin, 'claude'), `#!/bin/sh\necho '${version} (Claude Code)'\n`, { mode: 0o755 });
    };
    beforeEach(function () {
      if (process.platform === 'win32') this.skip();
      t = makeTempHome();
      bin = path.join(t.home, 'bin');
      fs.mkdirSync(bin);
    });
    afterEach(() => t.cleanup());

    it('warns when the installed Claude Code is too old, and only when our entries are installed', async () => {
      fakeClaude('2.1.200');
      const none = io();
      await runStatus(['claude'], none);
      assert.doesNotMatch(none.out.join(''), /warning/, 'nothing installed: no warning');
      installHost('claude', { scope: 'user', home: t.home, guardHome: t.guardHome });
      const old = io();
      await runStatus(['claude'], old);
      assert.match(old.out.join(''), /claude: warning: Claude Code 2\.1\.200 ignores onFailure "block"/);
      fakeClaude('2.1.295');
      const current = io();
      await runStatus(['claude'], current);
      assert.doesNotMatch(current.out.join(''), /warning/);
    });

    it('install says it too', async function () {
      fakeClaude('2.0.5');
      const out = io();
      const argv1 = process.argv[1];
      // install copies the CLI it runs from: point it at the built one when present.
      const cli = path.resolve(__dirname, '../../../dist/cli.js');
      if (!fs.existsSync(cli)) this.skip();
      process.argv[1] = cli;
      try {
        await runInstall(['claude', '--user'], out);
      } finally {
        process.argv[1] = argv1;
      }
      assert.match(out.out.join(''), /claude: warning: Claude Code 2\.0\.5 ignores/);
    });
  });
});
