import { perimeterFacts } from './perimeterFixtures';
import { allowed, deny, familyTables, type Family } from './familyTable';

/**
 * Folder trees copied by inline interpreter code over a folder holding agent hook configurations (stop 34, found by
 * the coordinator probing the perimeter): `cp -r /tmp/src/. .` was denied while `shutil.copytree('/tmp/src', '.',
 * dirs_exist_ok=True)`, `FileUtils.cp_r`, `fs.cpSync(…, {recursive: true})` and fs-extra's `copySync` were allowed.
 * Copies into folders that hold no protected place, and single-file copies, stay allowed.
 */

const TABLE: Record<string, Family> = {
  'a tree copied by inline code over the workspace is judged like cp -r': {
    reason: /would reach|hook configuration/,
    rows: [
      deny(`python3 -c "import shutil; shutil.copytree('/tmp/src', '.', dirs_exist_ok=True)"`),
      deny(`python3 -c "import shutil; shutil.copytree('/tmp/src', '/work/app', dirs_exist_ok=True)"`),
      deny(`python3 -c "from distutils.dir_util import copy_tree; copy_tree('/tmp/src', '.')"`),
      deny(`python3 -c "import shutil,sys; shutil.copytree('/tmp/src', sys.argv[1], dirs_exist_ok=True)" .`),
      deny(`python3 - /tmp/src . <<'E'\nimport shutil,sys; shutil.copytree(sys.argv[1], sys.argv[2], dirs_exist_ok=True)\nE`),
      deny(`ruby -e "require 'fileutils'; FileUtils.cp_r('/tmp/src/.', '.')"`),
      deny(`ruby -e "require 'fileutils'; FileUtils.copy_entry('/tmp/src', '.')"`),
      deny(`node -e "require('fs').cpSync('/tmp/src', '.', {recursive: true})"`),
      deny(`node -e "const fs = require('fs'); fs.cpSync('/tmp/src', process.argv[1], { recursive: true })" .`),
      deny(`node -e "import('fs/promises').then((p) => p.cp('/tmp/s', '.', { recursive: true }))"`),
      deny(`node -e "require('fs-extra').copySync('/tmp/src', '.')"`),
      deny(`node -e "const fse = require('fs-extra'); fse.copy('/tmp/src', '/work/app')"`),
      allowed(`python3 -c "import shutil; shutil.copytree('src', 'build/src')"`),
      allowed(`python3 -c "import shutil,sys; shutil.copytree(sys.argv[1], sys.argv[2], dirs_exist_ok=True)" src build/src`),
      allowed(`node -e "require('fs').cpSync('public', 'dist/public', {recursive: true})"`),
      allowed(`node -e "require('fs').cpSync('a.txt', 'b.txt')"`),
      allowed(`python3 -c "import shutil; shutil.copy('/tmp/x.txt', 'notes.txt')"`),
      allowed(`ruby -e "require 'fileutils'; FileUtils.cp_r('assets', 'public/assets')"`),
    ],
  },
};

familyTables('tree copies by inline code (coordinator, stop 34)', TABLE, perimeterFacts);
