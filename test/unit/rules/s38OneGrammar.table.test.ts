import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { classify } from '../../../src/core/policy/classify';
import type { Facts } from '../../../src/core/policy/types';
import { lazyCredentialFacts } from '../../../src/node/credentials/credentialFacts';
import { gatherFacts } from '../../../src/node/facts';
import { fake, randomChars } from '../credentials/fakeSecrets';

/**
 * Issue #10 criterion 2 (stop 38): the credential readers, the search-pattern reader, the whole-file readers, the
 * snapshot planner and vim's two tables read each program's options through its one description (`optionGrammarOf`:
 * the registry entry, else its effect, search or reader table). Where a second table disagreed with the program, a
 * value was taken for a file or a file for a value: `grep -E PAT .env.production` was allowed because grep's table was
 * ripgrep's (`-E ENCODING`). Each family: options before, between and after the operands, glued and separate, in
 * clusters, long and abbreviated, beside routine work that stays allowed. Reasons name the file, never a value.
 */
describe('one description per program: readers read options by the program\'s grammar (s38 tenten)', () => {
  let root: string;
  let home: string;
  let app: string;
  const secrets: string[] = [];

  const write = (base: string, rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(base, rel)), { recursive: true });
    fs.writeFileSync(path.join(base, rel), text);
  };

  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bs-s38-grammar-')));
    home = path.join(root, 'home');
    app = path.join(root, 'app');
    const s = { aws: randomChars(40), stripe: fake.stripeKey(), db: fake.password() };
    secrets.push(...Object.values(s));
    write(home, '.aws/credentials', `[default]\naws_secret_access_key = ${s.aws}\n`);
    write(app, '.gitignore', 'node_modules/\n.env\n.env.*\n!.env.example\nlogs/\n');
    write(app, '.env', `NODE_ENV=development\nSTRIPE_SECRET_KEY=${s.stripe}\n`);
    write(app, '.env.production', `DATABASE_URL=${fake.postgresUrl(s.db)}\n`);
    write(app, '.env.example', 'STRIPE_SECRET_KEY=\n');
    write(app, 'package.json', '{"name": "shop", "scripts": {"test": "vitest"}}\n');
    write(app, 'README.md', '# shop\nTODO: docs\n');
    write(app, 'src/index.ts', '// TODO: split\nexport const x = 1;\n');
    write(app, 'logs/app.log', 'started\n');
    fs.mkdirSync(path.join(app, '.git'));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  function facts(): Facts {
    const credentials = lazyCredentialFacts({ workspaceRoots: [app], home, cacheDir: path.join(root, 'no-guard'), secretlint: false, persist: false });
    return gatherFacts({ cwd: app, env: { HOME: home, PATH: '/usr/bin:/bin' }, home, workspaceRoots: [app], credentials });
  }

  interface Row {
    cmd: string;
    /** A word the reason must contain (the file it names). */
    names?: string;
  }

  const families: Record<string, { ask: Row[]; allow: Row[] }> = {
    // grep's table was a union with ripgrep's: `-E` (extended regexp) and `-T` (initial tab) took the pattern as their value.
    "grep's own options: switches are not values, values are not files": {
      ask: [
        { cmd: "grep -E 'KEY|URL' .env.production", names: '.env.production' },
        { cmd: 'grep -E URL .env.production', names: '.env.production' },
        { cmd: 'grep -T URL .env.production', names: '.env.production' },
        { cmd: 'grep -nE URL .env.production', names: '.env.production' },
        { cmd: 'grep -E -n URL .env.production', names: '.env.production' },
        { cmd: 'grep URL -E .env.production', names: '.env.production' },
        { cmd: 'grep --extended-regexp URL .env.production', names: '.env.production' },
        { cmd: 'grep --extended URL .env.production', names: '.env.production' },
        { cmd: 'egrep -E URL .env.production', names: '.env.production' },
        { cmd: 'zgrep -E URL .env.production', names: '.env.production' },
        { cmd: 'grep -E -- URL .env.production', names: '.env.production' },
        { cmd: 'grep -m1 -E URL .env.production', names: '.env.production' },
        { cmd: 'grep -A 2 -E URL .env.production', names: '.env.production' },
        { cmd: 'grep -rne DATABASE .', names: '.env.production' },
      ],
      allow: [
        { cmd: 'grep -E TODO src/index.ts' },
        { cmd: "grep -E 'x|y' README.md" },
        { cmd: 'grep -T TODO README.md' },
        { cmd: 'grep -rE TODO src' },
        { cmd: 'grep -m1 -E TODO README.md' },
      ],
    },
    'filters, dumpers and converters: option values are not files, the file still is': {
      ask: [
        { cmd: 'head -n 5 .env.production', names: '.env.production' },
        { cmd: 'head -c100 .env.production', names: '.env.production' },
        { cmd: 'head --lines 3 -- .env.production', names: '.env.production' },
        { cmd: 'head .env.production -n 2', names: '.env.production' },
        { cmd: 'tail -s 2 -n 3 .env.production', names: '.env.production' },
        { cmd: 'od -An -c .env.production', names: '.env.production' },
        { cmd: 'od -w16 -c .env.production', names: '.env.production' },
        { cmd: 'strings -n 8 .env.production', names: '.env.production' },
        { cmd: 'iconv -f utf-8 -t ascii .env.production', names: '.env.production' },
        { cmd: 'expand -t 4 .env.production', names: '.env.production' },
        { cmd: 'pr -h title .env.production', names: '.env.production' },
        { cmd: 'fmt -w 80 .env.production', names: '.env.production' },
        { cmd: 'shuf -n 3 .env.production', names: '.env.production' },
        { cmd: 'hexdump -n 64 -C .env.production', names: '.env.production' },
        { cmd: 'gzip -c -S .x .env.production', names: '.env.production' },
        { cmd: 'zcat -f .env.production', names: '.env.production' },
        { cmd: 'cmp -l .env.production .env.example', names: '.env.production' },
        { cmd: "perl -ne 'print' .env.production", names: '.env.production' },
        { cmd: "awk -F= '{print $2}' .env.production", names: '.env.production' },
      ],
      allow: [
        { cmd: 'head -n 5 README.md' },
        { cmd: 'od -c README.md' },
        { cmd: 'jq --arg k v . package.json' },
        { cmd: 'gzip -c README.md' },
        { cmd: 'tail -f logs/app.log' },
        { cmd: 'strings -n 8 README.md' },
      ],
    },
    'vim described once: every name, its files and its in-place wipes': {
      ask: [
        { cmd: "vim -c 'set ro' .env.production", names: '.env.production' },
        { cmd: 'vi -S .env.production', names: '.env.production' },
        { cmd: 'view .env.production', names: '.env.production' },
        { cmd: 'vim -T dumb .env.production', names: '.env.production' },
        { cmd: 'vim -i NONE .env.production', names: '.env.production' },
        { cmd: "nvim --cmd 'set ro' .env.production", names: '.env.production' },
        { cmd: 'gvim -U NONE .env.production', names: '.env.production' },
        { cmd: "vim -es -c '%d' -c wq src/index.ts" },
        { cmd: "ex -sc '%d|x' README.md" },
        { cmd: "nvim -es '+%d' '+wq' README.md" },
        { cmd: "vim -es -i NONE -c '%d' -c wq README.md" },
        { cmd: "vim -T dumb -es -c '%d' -c wq README.md" },
      ],
      allow: [
        { cmd: "vim -c 'set ro' README.md" },
        { cmd: 'vim -T dumb README.md' },
        { cmd: 'nvim src/index.ts' },
        { cmd: "vim -es -c '%s/TODO/DONE/' -c wq README.md" },
      ],
    },
  };

  for (const [family, rows] of Object.entries(families)) {
    describe(family, () => {
      for (const row of rows.ask) {
        it(`asks: ${row.cmd}`, () => {
          const v = classify(row.cmd, facts(), { lockdown: false });
          const shown = v.reasons.join(' | ');
          assert.equal(v.decision, 'ask', shown);
          if (row.names) assert.ok(shown.includes(row.names), `reason should name ${row.names}: ${shown}`);
          for (const s of secrets) assert.ok(!JSON.stringify(v).includes(s.trim().slice(0, 24)), 'never a value');
        });
      }
      for (const row of rows.allow) {
        it(`allows: ${row.cmd}`, () => {
          const v = classify(row.cmd, facts(), { lockdown: false });
          assert.equal(v.decision, 'allow', v.reasons.join(' | '));
        });
      }
    });
  }
});
