import type { ArgWord } from '../../shell/ast';
import { parseCommand, type GrammarSpec } from '../../registry/grammar';

/**
 * Pushes that deploy (stop 32, red team round 15; the team decision of stop 30: deploying to any remote asks). A
 * remote named for a deployment builds and serves what it is sent (Heroku, Dokku, Piku, OpenShift, Gigalixir,
 * Platform.sh, a `production` remote), however it is named on the line: the operand, or `--repo=heroku` (git's
 * spelling of the same, used when no operand is given). A branch named for a deployment (`main:production`,
 * `HEAD:refs/heads/release`, `live`) is what a CI or a platform watches and ships. `git subtree push --prefix dist
 * heroku main` sends a folder's history to such a remote or branch just the same.
 */

export const DEPLOY_REMOTE = /^(heroku|dokku|piku|openshift|gigalixir|platform|upsun|flynn|caprover|aptible|fortrabbit|production|prod|azure|live|deploy|scalingo|clever|pantheon|engineyard)(-[\w-]+)?$/i;

/**
 * A remote written as an address on a platform's git host (`git push https://git.heroku.com/app.git main`,
 * `dokku@host:app`, `ssh://…@ssh.eu.scalingo.com/app.git`, Azure's `….scm.azurewebsites.net`, Pantheon's `drush.in`).
 */
const DEPLOY_HOST = /^(?:[a-z+]+:\/\/)?(?:(?:dokku|piku)@|[^/]*(?:git\.heroku\.com|scalingo\.com|clever-cloud\.com|scm\.azurewebsites\.net|drush\.in|platform\.sh|upsun\.com|gigalixir\.com)(?:[:/]|$))/i;

/** Whether a push to this remote (a name or an address) deploys. */
export const isDeployRemote = (remote: string): boolean => DEPLOY_REMOTE.test(remote) || DEPLOY_HOST.test(remote);

/**
 * Branches a platform or a CI deploys when they move; GitHub Pages serves `gh-pages` as the public site (stop 33, red
 * team round 16: `git push origin HEAD:gh-pages`, `git subtree push --prefix dist origin gh-pages`).
 */
const DEPLOY_BRANCH = /^(refs\/heads\/)?(production|prod|live|deploy|deployment|release|gh-pages)$/i;
/** A destination that is a pattern over branches (`refs/heads/*`, `*`): every branch of that name on the remote, deploy branches among them. */
const EVERY_BRANCH = /^(refs\/heads\/)?\*$|^refs\/\*$/;

/** The branch a refspec writes on the remote (`src:dst`, `+src:dst`, or `src` for the same name); undefined for a deletion. */
function destination(spec: string): string | undefined {
  const [src = '', dst] = spec.replace(/^\+/, '').split(':');
  const branch = dst === undefined ? src : dst;
  return branch === '' ? undefined : branch;
}

/** The first refspec whose destination is a deploy branch. */
export function deployBranchOf(refspecs: readonly string[]): string | undefined {
  const every = refspecs.map(destination).find((b) => b !== undefined && EVERY_BRANCH.test(b));
  if (every !== undefined) return `every branch (${every})`;
  return refspecs.map(destination).find((b) => b !== undefined && DEPLOY_BRANCH.test(b))?.replace(/^refs\/heads\//, '');
}

/**
 * A tag a push writes (stop 33, red team round 17): `--tags` or `--follow-tags`, a refspec under `refs/tags/`, or one
 * named as a version (`v2.0.0`, `1.4.0-rc.1`): tags, which CI runs release and deploy workflows for. A branch
 * (`main`, `feature/x`, `release/1.2`) is not one.
 */
const VERSION_TAG = /^(refs\/tags\/.+|v?\d+(\.\d+)+([-+.][\w.-]+)?)$/i;

export function pushedTag(refspecs: readonly string[], everyTag: boolean): string | undefined {
  if (everyTag) return 'its tags';
  const spec = refspecs.find((s) => { const [src = '', dst] = s.replace(/^\+/, '').split(':'); return VERSION_TAG.test(dst ?? src); });
  return spec === undefined ? undefined : `the tag ${destination(spec)?.replace(/^refs\/tags\//, '') ?? spec}`;
}

/** git subtree's own options (git-subtree(1)); the first operand is its command. */
const SUBTREE: GrammarSpec = {
  unknownLong: 'switch',
  unknownShort: 'switch',
  options: [
    { names: ['-P', '--prefix'], takes: 'one' }, { names: ['-m', '--message'], takes: 'one' }, { names: ['-b', '--branch'], takes: 'one' },
    { names: ['--onto'], takes: 'one' }, { names: ['--annotate'], takes: 'one' }, { names: ['-S', '--gpg-sign'], takes: 'optional' },
  ],
};

export interface SubtreePush {
  remote: string;
  branch: string;
  prefix: string;
}

/** `git subtree push --prefix DIR REMOTE REF` (words after `subtree`): the remote and branch a deploy would reach. */
export function subtreePushTo(words: readonly ArgWord[]): SubtreePush | undefined {
  const parsed = parseCommand(words, SUBTREE);
  const [command, remote, ref] = parsed.operands.map((w) => w.text);
  if (command !== 'push' || remote === undefined) return undefined;
  const prefix = parsed.options.find((o) => o.name === '-P')?.values[0] ?? 'a folder';
  const branch = ref === undefined ? '' : (destination(ref) ?? '');
  return isDeployRemote(remote) || DEPLOY_BRANCH.test(branch) ? { remote, branch: branch.replace(/^refs\/heads\//, ''), prefix } : undefined;
}
