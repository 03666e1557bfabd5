import { hasFlag } from '../args';
import type { ToolSpec } from '../types';
import { flag, valued } from './options';

/**
 * Programs that rewrite every commit of a repository outside git's own command set (issue #18, red
 * team round 8): `git-filter-repo` run by its own name (`git filter-repo` is the git pack's), and
 * the BFG Repo-Cleaner (`bfg`, or `java -jar bfg.jar`, which the java handler hands to this entry).
 * What they drop from history is gone once the rewrite is pushed with force and the old objects
 * are pruned. `git-filter-repo --analyze` and `--dry-run` only report; `bfg` with no operation only
 * prints its usage.
 */

const HELP = { options: ['-h', '--help', '--version'], word: 'first' as const };

export const gitFilterRepo: ToolSpec = {
  names: ['git-filter-repo'],
  family: 'vcs',
  locality: 'either',
  provider: 'git',
  label: 'git filter-repo',
  options: [
    valued('--path'), valued('--path-glob'), valued('--path-regex'), valued('--path-rename'), valued('--paths-from-file'), valued('--replace-text'), valued('--replace-message'),
    valued('--strip-blobs-bigger-than'), valued('--strip-blobs-with-ids'), valued('--subdirectory-filter'), valued('--to-subdirectory-filter'), valued('--source'), valued('--target'),
    valued('--mailmap'), valued('--refs'), valued('--commit-callback'), valued('--blob-callback'), valued('--name-callback'), valued('--email-callback'), valued('--message-callback'), valued('--filename-callback'), valued('--refname-callback'),
    flag('--invert-paths'), flag('--analyze'), flag('--dry-run'), flag('--force'), flag('-f'), flag('--partial'), flag('--quiet'), flag('--use-base-name'), flag('--prune-empty'), flag('--sensitive-data-removal'),
  ],
  help: HELP,
  dryRun: ['--analyze', '--dry-run'],
  rules: [{ id: 'git-filter-repo', path: [], kind: 'repository', noun: 'history', verb: 'rewrites every commit of', defaultName: 'the repository history', namePositionals: 'none', note: () => ': the old commits are replaced, and pushing the result needs a force push' }],
};

/** The BFG's operations: without one it prints its usage. */
const BFG_OPERATIONS = ['-b', '--strip-blobs-bigger-than', '-B', '--strip-biggest-blobs', '-bi', '--strip-blobs-with-ids', '-D', '--delete-files', '--delete-folders', '-rt', '--replace-text', '--convert-to-git-lfs', '-fi', '--filter-content-including', '-fe', '--filter-content-excluding'];

export const bfg: ToolSpec = {
  names: ['bfg'],
  family: 'vcs',
  locality: 'either',
  provider: 'git',
  label: 'BFG Repo-Cleaner',
  options: [
    valued('-b', '--strip-blobs-bigger-than'), valued('-B', '--strip-biggest-blobs'), valued('-bi', '--strip-blobs-with-ids'), valued('-D', '--delete-files'), valued('--delete-folders'), valued('-rt', '--replace-text'),
    valued('--convert-to-git-lfs'), valued('-fi', '--filter-content-including'), valued('-fe', '--filter-content-excluding'), valued('-fs', '--filter-content-size-threshold'), valued('-p', '--protect-blobs-from'),
    valued('--massive-non-file-objects-sized-up-to'), flag('--no-blob-protection'), flag('--private'), flag('--strict-object-checking'),
  ],
  help: HELP,
  rules: [{ id: 'bfg-rewrite', path: [], kind: 'repository', noun: 'history', verb: 'rewrites every commit of', defaultName: 'the repository history', namePositionals: 'none', when: (a) => hasFlag(a, BFG_OPERATIONS), note: () => ' to strip what it names: the old commits are replaced, and pushing the result needs a force push' }],
};
