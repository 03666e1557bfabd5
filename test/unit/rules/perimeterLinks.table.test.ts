import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { classify } from '../../../src/core/policy/classify';
import { gatherFacts } from '../../../src/node/facts';
import { archiveLinks } from '../../../src/node/archiveMembers';

/**
 * Stop 35 (area `links`): the guard's own files reached through code copies and symbolic links. A real
 * temp world: a project `app` with `.claude/settings.json` and `.cursor/hooks.json`, a home with the
 * editor's settings, and a scratch folder of links into them (`hlink` -> hooks.json, `clink` -> .claude,
 * `bslink` -> the guard home that does not exist yet, `apl` -> app, `srclink` -> app/src) and archives
 * whose members are such links. Every family denies beside look-alikes of routine work that stay allowed.
 */
describe('perimeter links: code copies and symbolic links (stop 35)', () => {
  let root = '';
  let app = '';
  let home = '';
  let s = '';

  const write = (file: string, text: string): void => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  };
  /** An archive (tar, tar.gz or zip) of link members made in a staging folder. */
  const linkArchive = (file: string, links: Record<string, string>): void => {
    const staging = fs.mkdtempSync(path.join(root, 'stage-'));
    for (const [name, target] of Object.entries(links)) fs.symlinkSync(target, path.join(staging, name));
    const names = Object.keys(links);
    if (file.endsWith('.zip')) execFileSync('zip', ['-q', '--symlinks', file, ...names], { cwd: staging });
    else execFileSync('tar', [file.endsWith('.tgz') ? '-czf' : '-cf', file, '-C', staging, ...names]);
    fs.rmSync(staging, { recursive: true, force: true });
  };

  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bs-links-')));
    app = path.join(root, 'app');
    home = path.join(root, 'home');
    s = path.join(root, 'scratch');
    write(path.join(app, '.claude', 'settings.json'), JSON.stringify({ hooks: { PreToolUse: [{ hooks: [{ type: 'command', command: 'blast-shield-hook claude' }] }] } }));
    write(path.join(app, '.cursor', 'hooks.json'), JSON.stringify({ version: 1, hooks: { beforeShellExecution: [{ command: 'blast-shield-hook cursor' }] } }));
    write(path.join(app, 'src', 'index.ts'), 'export {};\n');
    write(path.join(app, 'node_modules', '.cache', 'babel', 'x.json'), '{}');
    fs.symlinkSync(path.join(app, 'src'), path.join(app, 'node_modules', '.cache', 'srclink'));
    write(path.join(app, 'package.json'), '{"name":"app"}');
    write(path.join(home, '.config', 'Code', 'User', 'settings.json'), '{}');
    write(path.join(home, '.bashrc'), '# rc\n');
    fs.mkdirSync(s, { recursive: true });
    fs.symlinkSync(path.join(app, '.cursor', 'hooks.json'), path.join(s, 'hlink'));
    fs.symlinkSync(path.join(app, '.claude'), path.join(s, 'clink'));
    fs.symlinkSync(path.join(app, '.cursor'), path.join(s, 'curlink'));
    fs.symlinkSync(path.join(home, '.blast-shield'), path.join(s, 'bslink'));
    fs.symlinkSync(path.join(home, '.config', 'Code', 'User'), path.join(s, 'user'));
    fs.symlinkSync(app, path.join(s, 'apl'));
    fs.symlinkSync(path.join(app, 'src'), path.join(s, 'srclink'));
    fs.symlinkSync(path.join(app, 'src', 'index.ts'), path.join(s, 'filelink'));
    linkArchive(path.join(s, 'links.tar'), { editor: path.join(app, '.cursor'), lbin: path.join(home, '.local', 'bin') });
    linkArchive(path.join(s, 'links.tgz'), { claude: path.join(app, '.claude') });
    linkArchive(path.join(s, 'links.zip'), { user: path.join(home, '.config', 'Code', 'User') });
    linkArchive(path.join(s, 'rel.zip'), { up: '../../app/.cursor/hooks.json' });
    linkArchive(path.join(s, 'ok.tar'), { srclink: path.join(app, 'src') });
    linkArchive(path.join(s, 'ok.zip'), { readme: 'README.md' });
    execFileSync('tar', ['-cf', path.join(s, 'plain.tar'), '-C', app, 'src']);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const decide = (cmd: string): string => {
    const facts = gatherFacts({ cwd: app, env: { HOME: home, PATH: '/usr/bin:/bin', BLAST_SHIELD_HOME: path.join(home, '.blast-shield') }, home, workspaceRoots: [app] });
    return classify(cmd.replaceAll('S/', `${s}/`), facts, { lockdown: false }).decision;
  };

  const families: Record<string, { flag: string[]; allow: string[] }> = {
    'tree copies in inline code into the project root, however the destination is spelled': {
      flag: [
        `python3 -c "import shutil,os; shutil.copytree('/tmp/evil', os.getcwd(), dirs_exist_ok=True)"`,
        `python3 -c "import shutil, pathlib; shutil.copytree('/tmp/evil', pathlib.Path.cwd(), dirs_exist_ok=True)"`,
        `python3 -c "import shutil, os; shutil.copytree('/tmp/evil', os.curdir, dirs_exist_ok=True)"`,
        `python3 -c "import shutil, os; d = os.path.abspath('.'); shutil.copytree('/tmp/evil', d, dirs_exist_ok=True)"`,
        `python3 -c "import shutil as s; s.copytree(src='/tmp/evil', dst='.', dirs_exist_ok=True)"`,
        `python3 -c "from shutil import copytree as c; c('/tmp/evil', '.', dirs_exist_ok=True)"`,
        `python3 -c "from distutils.dir_util import copy_tree; copy_tree('/tmp/evil', '.')"`,
        `python3 -c "import shutil, os; shutil.copytree('/tmp/evil', os.path.join(os.getcwd(), '.claude'), dirs_exist_ok=True)"`,
        `python3 -c "import shutil, random; shutil.copytree('/tmp/evil', random.choice(['.', 'x']), dirs_exist_ok=True)"`,
        `node -e "require('fs').cpSync('/tmp/evil', process.cwd(), {recursive: true})"`,
        `node -e "const d = __dirname; require('fs').cpSync('/tmp/evil', d, {recursive: true})"`,
        `node -e "require('fs').promises.cp('/tmp/evil', '', {recursive: true})"`,
        `node -e "require('fs-extra').copy('/tmp/evil', '.')"`,
        `node -e "const { copySync: c } = require('fs-extra'); c('/tmp/evil', require('path').resolve())"`,
        `node -e "require('fs-extra').move('/tmp/evil', '.', {overwrite: true})"`,
        `node -e "require('shelljs').cp('-R', '/tmp/evil/.', '.')"`,
        `node -e "require('ncp')('/tmp/evil', '.', () => {})"`,
        `node -e "const ncp = require('ncp').ncp; ncp('/tmp/evil', process.cwd(), () => {})"`,
        `ruby -e "require 'fileutils'; FileUtils.cp_r('/tmp/evil/.', Dir.pwd)"`,
        `ruby -e "require 'fileutils'; FileUtils.copy_entry '/tmp/evil', '.'"`,
        `ruby -e "require 'fileutils'; include FileUtils; cp_r '/tmp/evil/.', Dir.getwd"`,
        `perl -e 'use File::Copy::Recursive qw(dircopy); dircopy("/tmp/evil", ".")'`,
        `perl -MFile::Copy::Recursive=rcopy -e 'my $d = "."; rcopy("/tmp/evil", $d)'`,
        `perl -e 'use File::Copy::Recursive; File::Copy::Recursive::dircopy("/tmp/evil", ".")'`,
      ],
      allow: [
        `python3 -c "import shutil; shutil.copytree('src', 'build/src', dirs_exist_ok=True)"`,
        `python3 -c "import shutil; shutil.copytree('src', '/tmp/backup-src')"`,
        `python3 -c "import shutil, os; shutil.copytree('/tmp/evil', os.path.join(os.getcwd(), 'build'), dirs_exist_ok=True)"`,
        `python3 -c "import shutil; shutil.copy('README.md', '.')"`,
        `python3 -c "import copy; x = copy.copy([1]); print(x)"`,
        `node -e "require('fs').cpSync('src', 'dist', {recursive: true})"`,
        `node -e "require('fs').cpSync('a.txt', 'b.txt')"`,
        `node -e "require('fs-extra').copySync('public', 'dist/public')"`,
        `node -e "require('shelljs').cp('-R', 'static/.', 'dist/')"`,
        `ruby -e "require 'fileutils'; FileUtils.cp_r('assets', 'build')"`,
        `perl -e 'use File::Copy::Recursive qw(dircopy); dircopy("src", "/tmp/copy")'`,
      ],
    },
    'writes and deletes through an existing symbolic link (any part, a trailing slash included)': {
      flag: [
        `python3 -c "open('S/hlink','w').write('{}')"`,
        `python3 -c "import pathlib; pathlib.Path('S/hlink').write_text('{}')"`,
        `node -e "require('fs').writeFileSync('S/hlink','{}')"`,
        `node -e "require('fs').rmSync('S/clink/settings.json')"`,
        `ruby -e "File.write('S/hlink','{}')"`,
        `perl -e 'open(my $f, ">", "S/curlink/hooks.json"); print $f "{}"'`,
        `python3 -c "import os; os.remove('S/clink/settings.json')"`,
        `python3 -c "import shutil; shutil.rmtree('S/clink/')"`,
        `python3 -c "open('S/apl/.claude/settings.json','w').write('{}')"`,
        `rm -rf S/clink/`,
        `rm -rf S/clink/.`,
        `find -L S/clink -delete`,
        `find -H S/curlink -name '*.json' -delete`,
        `find -L S/curlink -exec sed -i s/a/b/ {} +`,
        `find S/clink/ -delete`,
        `rm S/curlink/hooks.json`,
        `echo x > S/bslink/config.json`,
        `echo '{}' > S/user/settings.json`,
        `sed -i 's/true/false/' S/curlink/hooks.json`,
        `truncate -s0 S/apl/.cursor/hooks.json`,
        `tee S/hlink < /dev/null`,
        `cat S/bslink/ipc/*`,
        `python3 -c "import glob; print(glob.glob('S/bslink/ipc/*'))"`,
        `python3 -c "import os; open(os.path.join('S/.', 'hlink'), 'w').write('{}')"`,
        `node -e "const p = require('path'); require('fs').writeFileSync(p.join('S/clink', 'settings.json'), '{}')"`,
        `ruby -e "File.write(File.join('S/curlink', 'hooks.json'), '{}')"`,
      ],
      allow: [
        `rm S/clink`,
        `rm -rf S/clink`,
        `find S/clink -delete`,
        `find -L S/srclink -name '*.tmp' -delete`,
        `find -P S/clink -delete`,
        `echo x > S/srclink/new.ts`,
        `python3 -c "open('S/filelink','w').write('export {};')"`,
        `node -e "require('fs').writeFileSync('S/srclink/a.ts','1')"`,
        `sed -i 's/a/b/' S/filelink`,
        `rm -rf node_modules/.cache`,
        `rm -rf node_modules/.cache/`,
        `python3 -c "print(open('S/hlink').read())"`,
        `ls -la S/clink/`,
        `cat S/apl/package.json`,
        `python3 -c "import os; open(os.path.join('S/srclink', 'b.ts'), 'w').write('1')"`,
      ],
    },
    'links planted by extraction or copy': {
      flag: [
        `tar xf S/links.tar -C /tmp`,
        `tar -xzf S/links.tgz -C /tmp/x`,
        `bsdtar -xf S/links.tar -C build`,
        `unzip -o S/links.zip -d /tmp/lk`,
        `unzip S/rel.zip -d S/sub/dir`,
        `python3 -m tarfile -e S/links.tar /tmp/y`,
        `python3 -m zipfile -e S/links.zip /tmp/z`,
        `cp -P S/curlink ./editor`,
        `cp -a S/user ./u`,
        `cp -d S/hlink hooks-copy.json`,
        `cp -r S/clink /tmp/e`,
        `cp --no-dereference S/bslink ./bs`,
        `mv S/clink ./cl2`,
        `rsync -a S/curlink ./ed`,
        `rsync -l S/hlink ./h.json`,
      ],
      allow: [
        `tar xf S/ok.tar -C /tmp/okt`,
        `unzip -o S/ok.zip -d /tmp/okz`,
        `tar xf S/plain.tar -C /tmp/plain`,
        `cp -P S/srclink ./src-link`,
        `cp -a S/filelink /tmp/f.ts`,
        `cp -L S/curlink/hooks.json /tmp/h.json`,
        `cp -a src /tmp/src-copy`,
        `mv src/index.ts src/main.ts`,
        `rsync -a S/srclink ./src-mirror`,
        `rsync -aL S/curlink /tmp/cursor-copy`,
        `rsync -a src/ /tmp/src-backup/`,
      ],
    },
  };

  for (const [family, rows] of Object.entries(families)) {
    describe(family, () => {
      for (const cmd of rows.flag) it(`flags: ${cmd}`, () => assert.notEqual(decide(cmd), 'allow', cmd));
      for (const cmd of rows.allow) it(`allows: ${cmd}`, () => assert.equal(decide(cmd), 'allow', cmd));
    });
  }

  it('archiveLinks reads the link members of tar, tar.gz and zip, and answers empty for an archive without links', () => {
    assert.deepEqual(archiveLinks(path.join(s, 'links.tar'))?.map((l) => l.target).sort(), [path.join(app, '.cursor'), path.join(home, '.local', 'bin')].sort());
    assert.deepEqual(archiveLinks(path.join(s, 'links.tgz'))?.map((l) => l.name.replace(/^\.\//, '')), ['claude']);
    assert.deepEqual(archiveLinks(path.join(s, 'rel.zip')), [{ name: 'up', target: '../../app/.cursor/hooks.json' }]);
    assert.deepEqual(archiveLinks(path.join(s, 'plain.tar')), []);
    assert.equal(archiveLinks(path.join(s, 'missing.tar')), undefined);
  });
});
