import { ownTable } from '../ownTable';
import type { ArgWord, Invocation } from './types';
import type { PathEffect } from './effects';
import { each, effectGrammar, has, readEffectArgs, values } from './effectOptions';

/**
 * Dotfile managers (red team round 7): they install a source state the hook cannot read into the home
 * folder — start-up files, git and tool settings, agent settings — by name only they know (`chezmoi
 * apply`, `chezmoi update`, `chezmoi init --apply`, `yadm checkout|pull|reset|clone`, `stow PKG` into its
 * target, `home-manager switch`, `rcup`/`rcdn`, `dotbot`, `dotdrop install`, `mackup restore`). Each is
 * an `extract` into its destination (home unless an option names another folder), which the perimeter
 * judges like an archive's entries: where start-up files or hook configurations live, it is denied.
 * Dry runs, listings, diffs and builds that activate nothing only read.
 */

type EffectRule = (args: readonly ArgWord[], inv: Invocation) => PathEffect[];

const word = (text: string): ArgWord => ({ text, raw: text, dynamic: false, glob: false });
const home = (): ArgWord => word('~');

const CHEZMOI = effectGrammar('DSckv', ['destination', 'source', 'config', 'working-tree', 'persistent-state', 'cache', 'mode', 'color', 'exclude', 'include', 'output', 'use-builtin-git', 'branch', 'depth', 'one-shot'], {
  switches: [['-n', '--dry-run'], ['-a', '--apply'], ['-R', '--refresh-externals'], ['--force'], ['--init'], ['--purge'], ['--promptDefaults'], ['--recursive'], ['-r']],
});
/** chezmoi verbs that write into the destination (`init` only with `--apply`; `update` pulls then applies). */
const CHEZMOI_WRITES = /^(apply|update|init|upgrade-apply|merge|merge-all|edit|re-add|import|purge|destroy|remove|rm|forget-apply)$/;

/** `chezmoi [opts] apply|update [targets]`, `chezmoi init --apply URL`: the destination (home), or the targets named. */
const chezmoi: EffectRule = (args) => {
  const read = readEffectArgs(args, CHEZMOI);
  const [verb, ...rest] = read.operands;
  // `chezmoi add FILE…`, `chezmoi re-add FILE…`: each file's content is copied into the source state (a git repository a push sends).
  const added = verb && /^(add|re-add)$/.test(verb.text) ? each('read', rest) : [];
  if (verb?.text === 'add') return added;
  if (!verb || has(read, 'n', 'dry-run') || !CHEZMOI_WRITES.test(verb.text)) return [];
  if (verb.text === 'init' && !has(read, 'a', 'apply', 'one-shot')) return [];
  // `edit`, `re-add`, `import` change the source state; `edit --apply` and the rest write home.
  if (/^(edit|re-add|import)$/.test(verb.text) && !has(read, 'a', 'apply')) return added;
  const dest = values(read, 'D', 'destination')[0] ?? home();
  const targets = verb.text === 'apply' || verb.text === 'merge' ? rest : [];
  if (targets.length > 0) return targets.map((w) => ({ kind: 'write' as const, word: w }));
  return [...added, { kind: 'extract', word: dest }];
};

const YADM = effectGrammar('Yw', ['yadm-dir', 'yadm-data', 'yadm-repo', 'yadm-config', 'yadm-encrypt', 'yadm-archive', 'yadm-bootstrap', 'work-tree']);
/** yadm is git with home as its work tree: the git verbs that write the work tree, and `bootstrap`, `decrypt`, `alt`. */
const YADM_WRITES = /^(clone|checkout|switch|restore|pull|merge|rebase|reset|stash|cherry-pick|revert|am|apply|bootstrap|decrypt|alt)$/;

const yadm: EffectRule = (args) => {
  const read = readEffectArgs(args, YADM);
  const verb = read.operands[0]?.text;
  // `yadm add FILE…`: git's add with home as the work tree, each file's content copied into the repository.
  if (verb === 'add') return each('read', read.operands.slice(1));
  if (verb === undefined || !YADM_WRITES.test(verb)) return [];
  if (verb === 'stash' && !/^(pop|apply)$/.test(read.operands[1]?.text ?? '')) return [];
  return [{ kind: 'extract', word: values(read, 'w', 'work-tree')[0] ?? home() }];
};

const STOW = effectGrammar('dt', ['dir', 'target', 'ignore', 'defer', 'override'], { switches: [['-n', '--no', '--simulate'], ['-S', '--stow'], ['-D', '--delete'], ['-R', '--restow'], ['--adopt'], ['--dotfiles'], ['-v', '--verbose'], ['-p', '--compat']] });

/** `stow [-d DIR] [-t TARGET] PKG…`: links land in the target, by default the stow folder's parent. */
const stow: EffectRule = (args) => {
  const read = readEffectArgs(args, STOW);
  if (has(read, 'n', 'no', 'simulate') || read.operands.length === 0) return [];
  const target = values(read, 't', 'target')[0];
  if (target) return [{ kind: 'extract', word: target }];
  const dir = values(read, 'd', 'dir')[0];
  return [{ kind: 'extract', word: dir ? word(`${dir.text.replace(/\/+$/, '')}/..`) : word('..') }];
};

const HOME_MANAGER = effectGrammar('fIAb', ['file', 'flake', 'option', 'cores', 'max-jobs', 'impure', 'override-input', 'show-trace'], { switches: [['-n', '--dry-run'], ['-v', '--verbose']] });

/** `home-manager [opts] switch` (and `activate`, `init --switch`): the home configuration activated; `build`, `news`, `generations` only read. */
const homeManager: EffectRule = (args) => {
  const read = readEffectArgs(args, HOME_MANAGER);
  const verb = read.operands[0]?.text;
  if (has(read, 'n', 'dry-run')) return [];
  if (verb === 'switch' || verb === 'activate' || (verb === 'init' && args.some((a) => a.text === '--switch'))) return [{ kind: 'extract', word: home() }];
  return [];
};

/** rcm's `rcup` (install) and `rcdn` (remove) change home's dotfiles; `lsrc` lists. */
const rcm: EffectRule = () => [{ kind: 'extract', word: home() }];

const DOTBOT = effectGrammar('cd', ['config-file', 'base-directory', 'plugin', 'plugin-dir', 'only', 'except', 'profile', 'cfg'], { switches: [['-n', '--dry-run', '--dry'], ['-h', '--help'], ['--version'], ['-q', '--quiet'], ['-v', '--verbose']] });

/** `dotbot -c install.conf.yaml` (links into home and runs its config's shell lines), `dotdrop install`, `mackup restore`: by their verb when they have one. */
const byVerb = (verbs: RegExp | undefined): EffectRule => (args) => {
  const read = readEffectArgs(args, DOTBOT);
  const verb = read.operands[0]?.text;
  if (has(read, 'n', 'dry-run', 'h', 'help', 'version') || (verbs !== undefined && (verb === undefined || !verbs.test(verb)))) return [];
  // `dotdrop import FILE…`: each file is copied into the dotfiles folder first.
  const imported = verb === 'import' ? each('read', read.operands.slice(1)) : [];
  return [...imported, { kind: 'extract', word: home() }];
};

/**
 * Managers that link or copy a repository's files over home by verb (round 25): homeshick's and homesick's
 * `link`/`symlink` (with `--force` they replace the files there), dotter's `deploy`, tuckr's `add`/`set`, rotz's
 * `link`/`install`, bombadil's `link`/`install`, comtrya's `apply`, dfm's `install`/`link`/`up`; `list`,
 * `status`, `diff`, `check` and `clone` alone only read or fetch (`track` reads the files it moves into the repository); their removing verbs (`undeploy`, `rm`, `unlink`,
 * `clean`) take links out of home, so they are the same extraction (the verb floor no longer sees these tools).
 */
const LINKERS = effectGrammar('cCdDp', ['config', 'cache-file', 'directory', 'dotfiles', 'profile', 'manifests'], {
  switches: [['-f', '--force'], ['-b', '--batch'], ['-q', '--quiet'], ['-s', '--skip'], ['-v', '--verbose'], ['-y', '--yes'], ['-n', '--dry-run', '--dry', '--pretend', '--noop'], ['-h', '--help'], ['--version']],
});
/** `tracks`: the verb that moves files into the repository (`homeshick track CASTLE FILE…`): each operand's content is read into it. */
const linksByVerb = (verbs: RegExp, tracks?: RegExp): EffectRule => (args) => {
  const read = readEffectArgs(args, LINKERS);
  const verb = read.operands[0]?.text;
  if (verb !== undefined && tracks?.test(verb) === true) return each('read', read.operands.slice(1));
  if (verb === undefined || !verbs.test(verb) || has(read, 'n', 'dry-run', 'dry', 'pretend', 'noop', 'h', 'help', 'version')) return [];
  return [{ kind: 'extract', word: home() }];
};

const VCSH_WRITES = /^(clone|checkout|switch|restore|pull|merge|rebase|reset|stash|cherry-pick|revert|am|apply|upgrade|foreach)$/;

/** vcsh: git repositories whose work tree is home (`vcsh clone URL`, `vcsh REPO pull`, `vcsh pull`), like yadm's. */
const vcsh: EffectRule = (args) => {
  const words = readEffectArgs(args, LINKERS).operands.map((a) => a.text);
  const verb = words.find((w) => VCSH_WRITES.test(w));
  if (verb === undefined || words.indexOf(verb) > 1) return [];
  if (verb === 'stash' && !/^(pop|apply)$/.test(words[words.indexOf(verb) + 1] ?? '')) return [];
  return [{ kind: 'extract', word: home() }];
};

export const DOTFILE_EFFECTS: Readonly<Record<string, EffectRule>> = ownTable({
  chezmoi,
  yadm,
  stow,
  xstow: stow,
  'home-manager': homeManager,
  rcup: rcm,
  rcdn: rcm,
  dotbot: byVerb(undefined),
  dotdrop: byVerb(/^(install|update|import)$/),
  mackup: byVerb(/^(restore|backup|link|uninstall)$/),
  homeshick: linksByVerb(/^(link|symlink)$/, /^track$/),
  homesick: linksByVerb(/^(link|symlink|pull)$/, /^track$/),
  dotter: linksByVerb(/^(deploy|watch|undeploy)$/),
  tuckr: linksByVerb(/^(add|set|push|rm|remove|pop)$/),
  rotz: linksByVerb(/^(link|install|sync|clean|unlink)$/),
  bombadil: linksByVerb(/^(link|install|update|unlink)$/),
  'toml-bombadil': linksByVerb(/^(link|install|update|unlink)$/),
  comtrya: linksByVerb(/^(apply|do)$/),
  dfm: linksByVerb(/^(install|link|up|sync|remove|rm|clean)$/),
  vcsh,
});
