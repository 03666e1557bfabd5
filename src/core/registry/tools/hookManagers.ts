import type { ToolSpec } from '../types';
import { flag, flagsEach, valued } from './options';

/**
 * Programs that install a team's git hooks (a secret scanner, linters, tests before a push) into the
 * repository: their `uninstall` takes those hooks out of the repository's hooks folder, and their
 * set-up (`installsHooks`) puts their own in place of the hooks git runs now. The rules are the
 * commit-hooks pack's (`rules/commitHooks.ts`, `rules/support/hookManagerInstalls.ts`).
 */

const hooks = { family: 'git', locality: 'local', abbreviations: false } as const;

/** pre-commit (pre-commit.com): `pre-commit uninstall [-t HOOK_TYPE]`. */
export const preCommit: ToolSpec = {
  ...hooks,
  names: ['pre-commit', 'prek'],
  options: [valued('--color'), valued('-c', '--config'), flag('-h', '--help'), flag('-V', '--version')],
  commands: {
    uninstall: { options: [valued('-t', '--hook-type')] },
    // `install -f` overwrites the hook that is there instead of keeping it as `.legacy` (which it still runs).
    install: {
      options: [flag('-f', '--overwrite'), valued('-t', '--hook-type'), flag('--install-hooks'), flag('--allow-missing-config')],
      installsHooks: [{ way: 'overwrite', when: ['-f', '--overwrite'], types: ['-t', '--hook-type'], own: /pre-commit|pre_commit|prek/i }],
    },
    'install-hooks|run|autoupdate|clean|gc|init-templatedir|migrate-config|sample-config|try-repo|validate-config|validate-manifest|hook-impl': {},
  },
};

/** lefthook: `lefthook uninstall [--force] [--keep-configuration]`. */
export const lefthook: ToolSpec = {
  ...hooks,
  names: ['lefthook'],
  options: [flag('-v', '--verbose'), flag('-h', '--help'), valued('--colors'), flag('--no-colors')],
  commands: {
    uninstall: { options: [...flagsEach('--force', '--keep-configuration', '--remove-configuration'), flag('-f'), flag('-c'), flag('-k')] },
    // Round 27: lefthook moves a hook it finds aside as `<hook>.old` and does not run it (its maintainers: backed-up hooks are
    // not meant to be controlled, evilmartians/lefthook#248), so a plain install takes the hook out as `-f` does;
    // `--reset-hooks-path` unsets core.hooksPath first.
    install: {
      options: [flag('-f', '--force'), flag('--reset-hooks-path')],
      // It refuses while core.hooksPath is set, unless forced (evilmartians/lefthook#1487).
      installsHooks: [{ way: 'unset-hooks-path', when: ['--reset-hooks-path'], own: /lefthook/i }, { way: 'overwrite', own: /lefthook/i, refusesHooksPath: ['-f', '--force', '--reset-hooks-path'] }],
    },
    add: { options: [flag('-d', '--dirs'), flag('-f', '--force')], installsHooks: [{ way: 'overwrite', when: ['-f', '--force'], own: /lefthook/i }] },
    'run|version|dump|validate|check-install|self-update': {},
  },
};

/**
 * husky: `husky [DIR]` (v9), `husky install [DIR]` (v4–8) and `husky init` (v9: also writes `.husky/pre-commit`
 * and the `prepare` script) each point core.hooksPath at husky's folder; `husky uninstall` unsets it.
 */
const HUSKY_HOOKS = [{ way: 'hooks-path', own: /husky/i }] as const;
export const husky: ToolSpec = {
  ...hooks,
  names: ['husky'],
  options: [flag('-h', '--help'), flag('-v', '--version')],
  installsHooks: HUSKY_HOOKS,
  commands: { uninstall: {}, 'install|init': { installsHooks: HUSKY_HOOKS }, 'add|set': {} },
};

/**
 * overcommit (Ruby): `overcommit --install` replaces every hook in `.git/hooks` with its own runner (the
 * hooks it finds are kept aside, never run), `--uninstall` takes its hooks out, `--sign`/`--run` work with them.
 */
export const overcommit: ToolSpec = {
  ...hooks,
  names: ['overcommit'],
  options: [flag('-i', '--install'), flag('-u', '--uninstall'), flag('-f', '--force'), flag('-r', '--run'), { names: ['-s', '--sign'], takes: 'optional' }, flag('-t', '--template-dir'), flag('-l', '--list-hooks'), flag('-h', '--help'), flag('-v', '--version'), flag('--diff')],
  installsHooks: [{ way: 'overwrite', when: ['-i', '--install'], own: /overcommit/i }],
};
