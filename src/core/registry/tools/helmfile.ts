import type { GrammarSpec } from '../../shell/grammar';
import { flag, valued } from './options';

/**
 * helmfile's grammar (`helmfile [global flags] <command> [flags]`), read by the infra pack for `sync`,
 * `apply` and `deploy`. Not a registry tool: the verb floor judges the rest of what helmfile does
 * (`destroy`, `delete`), and a registry entry would take helmfile off the floor.
 */
const GLOBAL = [
  valued('-e', '--environment'), valued('-f', '--file'), valued('-n', '--namespace'), valued('-l', '--selector'), valued('--kube-context'),
  valued('--state-values-set'), valued('--state-values-file'), valued('--chart'), valued('-c'), valued('--helm-binary', '-b'), valued('--log-level'),
  flag('-i', '--interactive'), flag('-q', '--quiet'), flag('--debug'), flag('--allow-no-matching-release'), flag('--help', '-h'),
];

export const helmfileGrammar: GrammarSpec = {
  options: GLOBAL,
  commands: {
    'sync|apply|deploy|charts': { options: [...GLOBAL, valued('--args'), valued('--set'), valued('--values'), valued('--concurrency'), flag('--skip-deps'), flag('--skip-diff-on-install'), flag('--wait'), flag('--include-transitive-needs')] },
  },
};
