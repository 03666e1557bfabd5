import { effectGrammar, has, readEffectArgs } from '../../policy/effectOptions';
import type { Finding, Invocation } from '../../policy/types';
import type { GitProgram } from './gitPrograms';

/**
 * Programs other CLIs keep for later (issue #18, red team round 8): `gh alias set NAME '!cmd'` (or
 * `--shell`) runs the line whenever `gh NAME` runs; `gh config set editor|pager|browser CMD` whenever
 * gh opens one. Each becomes a program line the deferred pack judges as if it ran. Extensions and
 * plugins installed from a repository or an index (`gh extension install owner/gh-x`, `kubectl krew
 * install x`) are code that runs whenever their command does, read by nobody: they ask, except the
 * forge's own and a few of the most used.
 */

/** gh's and husky's valued options (`-h HOST`, `-R REPO`, `--pin REF`): the rest are switches, and the operands are the words. */
const GH = effectGrammar('hRp', ['hostname', 'host', 'repo', 'pin']);
const operandsOf = (inv: Invocation): string[] => readEffectArgs(inv.args, GH).operands.map((w) => w.text);

export function cliPrograms(inv: Invocation): GitProgram[] {
  // `husky add|set .husky/pre-commit 'cmd'` (husky 4–8): the command is written into that hook.
  if (inv.name === 'husky') {
    const [verb, file, command] = operandsOf(inv);
    if ((verb !== 'add' && verb !== 'set') || file === undefined || command === undefined) return [];
    const hook = file.replace(/^.*\//, '');
    return [{ kind: 'shell', text: command, key: `husky ${file}`, where: `the husky hook ${file}`, when: `when git runs its ${hook} hook` }];
  }
  if (inv.name !== 'gh') return [];
  const read = readEffectArgs(inv.args, GH);
  const [group, verb, ...operands] = read.operands.map((w) => w.text);
  if (group === 'alias' && verb === 'set' && operands.length >= 2) {
    const [name, expansion] = operands as [string, string];
    const shell = expansion.startsWith('!') || has(read, 'shell', 's');
    if (!shell) return [];
    return [{ kind: 'shell', text: expansion.replace(/^!/, ''), key: `gh alias ${name}`, where: `the gh alias ${name}`, when: `whenever \`gh ${name}\` runs` }];
  }
  if (group === 'config' && verb === 'set' && operands.length >= 2 && /^(editor|pager|browser)$/.test(operands[0]!)) {
    return [{ kind: 'shell', text: operands[1]!, key: `gh config ${operands[0]}`, where: `gh's ${operands[0]} setting`, when: `whenever gh opens its ${operands[0]}` }];
  }
  return [];
}

/** Extensions of the forge's own organisations, and the most used krew plugins (read-only views of the cluster). */
const VOUCHED_GH = /^(github|cli)\//i;
const VOUCHED_KREW = new Set(['krew', 'ctx', 'ns', 'neat', 'tree', 'stern', 'konfig', 'images', 'access-matrix', 'who-can', 'resource-capacity', 'df-pv', 'tail', 'get-all', 'lineage']);

/** `gh extension install owner/gh-x`, `kubectl krew install x`: code installed now, run whenever its command runs. */
/** The programs whose plugins installedPlugin reads (their operands are read for no other name). */
const PLUGIN_INSTALLERS: ReadonlySet<string> = new Set(['gh', 'kubectl', 'oc', 'kubectl-krew', 'krew']);

export function installedPlugin(inv: Invocation): Finding[] {
  if (!PLUGIN_INSTALLERS.has(inv.name)) return [];
  const ws = operandsOf(inv);
  let what: string | undefined;
  let how = '';
  if (inv.name === 'gh' && /^(extension|extensions|ext)$/.test(ws[0] ?? '') && ws[1] === 'install' && ws[2] !== undefined && ws[2] !== '.' && !VOUCHED_GH.test(ws[2])) {
    what = ws[2];
    how = `gh extension install (it runs whenever \`gh ${ws[2].replace(/^.*\/(gh-)?/, '')}\` runs)`;
  } else if ((inv.name === 'kubectl' || inv.name === 'oc') && ws[0] === 'krew' && ws[1] === 'install') {
    what = ws.slice(2).find((p) => !VOUCHED_KREW.has(p.replace(/^.*\//, '')));
    how = `kubectl krew install (it runs whenever \`kubectl ${what?.replace(/^.*\//, '') ?? ''}\` runs, with the cluster credentials)`;
  } else if ((inv.name === 'kubectl-krew' || inv.name === 'krew') && ws[0] === 'install') {
    what = ws.slice(1).find((p) => !VOUCHED_KREW.has(p.replace(/^.*\//, '')));
    how = 'krew install';
  }
  if (what === undefined) return [];
  return [{
    rule: 'deferred.plugin-install',
    risk: 'unanalyzable',
    severity: 'ask',
    reason: `Installs ${what} as a plugin (${how}): its code comes from that repository or index, nobody here has read it, and it runs later with this machine's access.`,
    targets: [{ kind: 'resource', name: what, provider: inv.name, remote: false, environment: 'local', environmentReason: 'this machine' }],
  }];
}
