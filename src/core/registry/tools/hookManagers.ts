import type { ToolSpec } from '../types';
import { flag, flagsEach, valued } from './options';

/**
 * Programs that install a team's git hooks (a secret scanner, linters, tests before a push) into the
 * repository: their `uninstall` takes those hooks out of the repository's hooks folder. The rules are
 * the commit-hooks pack's (`rules/commitHooks.ts`).
 */

const hooks = { family: 'git', locality: 'local', abbreviations: false } as const;

/** pre-commit (pre-commit.com): `pre-commit uninstall [-t HOOK_TYPE]`. */
export const preCommit: ToolSpec = {
  ...hooks,
  names: ['pre-commit', 'prek'],
  options: [valued('--color'), valued('-c', '--config'), flag('-h', '--help'), flag('-V', '--version')],
  commands: {
    uninstall: { options: [valued('-t', '--hook-type')] },
    // `install -f` overwrites the hook that is there instead of keeping it as `.legacy` (rules/support/hookManagerInstalls.ts).
    install: { options: [flag('-f', '--overwrite'), valued('-t', '--hook-type'), flag('--install-hooks'), flag('--allow-missing-config')] },
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
    install: { options: [flag('-f', '--force'), flag('--reset-hooks-path')] },
    'run|add|version|dump|validate|check-install|self-update': {},
  },
};

/** husky before v9: `husky uninstall` unsets core.hooksPath, so none of `.husky/` runs. */
export const husky: ToolSpec = {
  ...hooks,
  names: ['husky'],
  options: [flag('-h', '--help'), flag('-v', '--version')],
  commands: { uninstall: {}, 'install|init|add|set': {} },
};
