/**
 * npm's own reading of its command word (npm/cli `lib/utils/cmd-list.js` and `lib/npm.js` `deref`): a
 * camelCase word is read kebab-case, an exact command or alias stands, else any prefix of a command or
 * alias names it (`npm unpub` is unpublish, `npm depr` deprecate, `npm acc` access), then the alias
 * is followed (`npm install-cl` → install-clean → ci). npm refuses a prefix two commands share; one
 * shared only by spellings of the same command (`dist-t`: dist-tag, dist-tags) is read as that command,
 * since judging a command npm may refuse is the safe side.
 */

import { ownTable } from '../../ownTable';

const COMMANDS = [
  'access', 'adduser', 'audit', 'bugs', 'cache', 'ci', 'completion', 'config', 'dedupe', 'deprecate', 'diff', 'dist-tag', 'docs', 'doctor',
  'edit', 'exec', 'explain', 'explore', 'find-dupes', 'fund', 'get', 'help', 'help-search', 'hook', 'init', 'install', 'install-ci-test',
  'install-test', 'link', 'll', 'login', 'logout', 'ls', 'org', 'outdated', 'owner', 'pack', 'ping', 'pkg', 'prefix', 'profile', 'prune',
  'publish', 'query', 'rebuild', 'repo', 'restart', 'root', 'run-script', 'sbom', 'search', 'set', 'shrinkwrap', 'star', 'stars', 'start',
  'stop', 'team', 'test', 'token', 'trust', 'undeprecate', 'uninstall', 'unpublish', 'unstar', 'update', 'version', 'view', 'whoami',
];

const ALIASES: Readonly<Record<string, string>> = ownTable({
  author: 'owner', home: 'docs', issues: 'bugs', info: 'view', show: 'view', find: 'search', add: 'install', unlink: 'uninstall',
  remove: 'uninstall', rm: 'uninstall', r: 'uninstall', un: 'uninstall', rb: 'rebuild', list: 'ls', ln: 'link', create: 'init', i: 'install',
  it: 'install-test', cit: 'install-ci-test', up: 'update', c: 'config', s: 'search', se: 'search', tst: 'test', t: 'test', ddp: 'dedupe',
  v: 'view', run: 'run-script', 'clean-install': 'ci', 'clean-install-test': 'install-ci-test', x: 'exec', why: 'explain', la: 'll',
  verison: 'version', ic: 'ci', innit: 'init', isntall: 'install', 'install-clean': 'ci', 'isntall-clean': 'ci', hlep: 'help',
  'dist-tags': 'dist-tag', upgrade: 'update', udpate: 'update', rum: 'run-script', sit: 'install-ci-test', urn: 'run-script', ogr: 'org',
  'add-user': 'adduser',
});

const EXACT = new Set(COMMANDS);
const ALL = [...COMMANDS, ...Object.keys(ALIASES)];

function follow(word: string): string {
  let out = word;
  for (let hops = 0; hops < 4 && ALIASES[out] !== undefined; hops++) out = ALIASES[out]!;
  return out;
}

/** The command npm runs for the word written, or undefined when npm knows none by it. */
export function npmCommandOf(written: string): string | undefined {
  const word = /[A-Z]/.test(written) ? written.replace(/[A-Z]/g, (m) => '-' + m.toLowerCase()) : written;
  if (EXACT.has(word)) return word;
  if (ALIASES[word] !== undefined) return follow(word);
  if (word === '' || !/^[a-z][a-z-]*$/.test(word)) return undefined;
  const named = new Set(ALL.filter((c) => c.startsWith(word)).map(follow));
  return named.size === 1 ? [...named][0] : undefined;
}
