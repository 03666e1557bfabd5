import { effectGrammar, has, readEffectArgs, values } from '../../policy/effectOptions';
import type { Finding, Invocation } from '../../policy/types';
import { invocationCommand } from '../../registry/commandModel';
import type { GitProgram } from './gitPrograms';
import { systemShell } from '../perimeter/envInjection';
import { cliConfigPrograms } from './cliConfigPrograms';

/**
 * A CLI's own configuration command that installs a program every later run of the CLI starts (stop
 * 28, red team round 9), beside `toolConfigPrograms.ts` (npm, gh) and git's settings in
 * `gitPrograms.ts`: `aws configure set [profile.NAME.]credential_process CMD` (run for credentials on
 * every aws call and every SDK reading the profile), `aws configure set cli_pager CMD`, `kubectl config
 * set users.NAME.exec.command CMD` and `kubectl config set-credentials NAME --exec-command CMD
 * --exec-arg A` (kubeconfig's exec plugin, run on every kubectl call), `npm|pnpm|yarn config set
 * script-shell CMD` (the shell of every package script). The program is judged as a command line that
 * runs then; one nothing vouches for asks (deferredPack's `judgeProgram`).
 */

/** Credential plugins kubeconfigs name by design (EKS, GKE, AKS, OIDC). */
const KUBE_PLUGINS = /^(aws|aws-iam-authenticator|gke-gcloud-auth-plugin|gcloud|kubelogin|az|doctl|oci|kubectl|kubectl-oidc_login|kubectl-oidc-login|teleport|tsh|pinniped|vault)$/;

/** Credential brokers written as credential_process by design: they hand the keys to the aws CLI, not to the agent. */
const AWS_CREDENTIAL_TOOLS = /^(aws-vault|granted|assume|assumego|saml2aws|aws-sso-util|aws-sso|gimme-aws-creds|aws-okta|aws-google-auth|leapp|aws-runas|awsume|cloudctl|aws_signing_helper|op)$/;

function program(text: string, key: string, where: string, when: string): GitProgram {
  // The key reads like git's (`x.y.z`), so a program nothing vouches for asks even when it cannot be followed.
  return { kind: 'shell', text, key, where, when };
}

export function configSetterPrograms(inv: Invocation): GitProgram[] {
  if (inv.name === 'husky') return huskyHooksPath(inv);
  if (inv.name === 'claude' || inv.name === 'claude-code' || inv.name === 'go') return cliConfigPrograms(inv);
  if (inv.name !== 'aws' && inv.name !== 'kubectl' && inv.name !== 'oc' && inv.name !== 'npm' && inv.name !== 'pnpm' && inv.name !== 'yarn') return [];
  const command = invocationCommand(inv);
  if (!command) return [];
  const { path, operands } = command.parsed;
  const words = [...path, ...operands.map((w) => w.text)];
  if (inv.name === 'aws') {
    if (words[0] !== 'configure' || words[1] !== 'set' || words.length < 4) return [];
    const key = words[2]!;
    const value = words.slice(3).join(' ');
    const m = /^(?:(?:profile\.)?([\w.-]+?)\.)?(credential_process|cli_pager)$/i.exec(key);
    if (!m || value.trim() === '') return [];
    if (AWS_CREDENTIAL_TOOLS.test(value.trim().split(/\s+/)[0]!.replace(/^.*\//, ''))) return [];
    const profile = m[1] ?? 'default';
    return m[2]!.toLowerCase() === 'cli_pager'
      ? [program(value, `aws.${profile}.cli_pager`, `the AWS CLI's cli_pager setting (profile ${profile})`, 'whenever the aws CLI pages its output')]
      : [program(value, `aws.${profile}.credential_process`, `the AWS credential_process of profile ${profile}`, 'whenever the aws CLI or an AWS SDK needs credentials for that profile (it is handed them)')];
  }
  if (inv.name === 'kubectl' || inv.name === 'oc') {
    if (words[0] !== 'config') return [];
    if (words[1] === 'set' && words.length >= 4 && /^users\.[^.]+(\.[^.]+)*\.exec\.command$/.test(words[2]!)) {
      const value = words.slice(3).join(' ');
      if (KUBE_PLUGINS.test(value.trim().split(/\s+/)[0]!.replace(/^.*\//, ''))) return [];
      return [program(value, `kubeconfig.${words[2]!}`, `the kubeconfig exec plugin of ${words[2]!.split('.')[1]}`, 'on every kubectl (and client library) call as that user')];
    }
    if (words[1] === 'set-credentials') {
      const a = command.parsed.options;
      // The legacy gcp auth provider runs `cmd-path` (with `cmd-args`) for a token on every call (`--auth-provider-arg=cmd-path=/tmp/x`).
      const providerArgs = a.filter((o) => o.name === '--auth-provider-arg').flatMap((o) => o.values.flatMap((v) => v.split(',')));
      const cmdPath = providerArgs.find((v) => v.startsWith('cmd-path='))?.slice(9);
      if (cmdPath !== undefined && cmdPath !== '' && !KUBE_PLUGINS.test(cmdPath.replace(/^.*\//, ''))) {
        const cmdArgs = providerArgs.find((v) => v.startsWith('cmd-args='))?.slice(9) ?? '';
        return [program(`${cmdPath} ${cmdArgs}`.trim(), `kubeconfig.users.${words[2] ?? 'x'}.auth-provider`, `the kubeconfig auth provider command of ${words[2] ?? 'the user'}`, 'on every kubectl (and client library) call as that user')];
      }
      const exec = a.filter((o) => o.name === '--exec-command').flatMap((o) => o.values).pop();
      if (exec === undefined || KUBE_PLUGINS.test(exec.replace(/^.*\//, ''))) return [];
      const args = a.filter((o) => o.name === '--exec-arg').flatMap((o) => o.values.flatMap((v) => v.split(',')));
      const line = [exec, ...args].map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ');
      return [program(line, `kubeconfig.users.${words[2] ?? 'x'}.exec`, `the kubeconfig exec plugin of ${words[2] ?? 'the user'}`, 'on every kubectl (and client library) call as that user')];
    }
    return [];
  }
  // npm, pnpm, yarn: `config set script-shell CMD` (or `script-shell=CMD`).
  const at = words[0] === 'config' || words[0] === 'c' ? 1 : 0;
  if (words[at] !== 'set') return [];
  const first = words[at + 1] ?? '';
  // `script-shell=CMD`: the setting's own KEY=VALUE form, not an option reader.
  const eq = first.indexOf('=');
  const key = eq > 0 ? first.slice(0, eq) : first;
  const value = eq > 0 ? first.slice(eq + 1) : words.slice(at + 2).join(' ');
  if (!/^(script-shell|scriptShell|shell-emulator)$/i.test(key) || value.trim() === '' || /^(true|false)$/.test(value) || systemShell(value)) return [];
  return [program(value, `${inv.name}.script-shell`, `${inv.name}'s script-shell setting`, `whenever ${inv.name} runs a package script (npm test, every install's lifecycle scripts)`)];
}

/**
 * `husky install DIR` (husky 4–8) and `husky DIR` (9, which uses `DIR/_`) set core.hooksPath: a folder
 * outside the project (`/tmp/h`, `~/h`, `../h`) is judged as `git config core.hooksPath` is; the
 * project's own `.husky` is the usual case and its hooks are judged where they are written.
 */
function huskyHooksPath(inv: Invocation): GitProgram[] {
  const command = invocationCommand(inv);
  if (!command) return [];
  const [verb, dir] = [...command.parsed.path, ...command.parsed.operands.map((w) => w.text)];
  const folder = verb === 'install' ? dir : verb !== undefined && verb !== 'init' && verb !== 'uninstall' && verb !== 'add' && verb !== 'set' ? verb : undefined;
  if (folder === undefined || !/^(\/|~|\.\.(\/|$))/.test(folder)) return [];
  return [{ kind: 'hooks', text: verb === 'install' ? folder : `${folder.replace(/\/$/, '')}/_`, key: 'core.hooksPath', where: `husky's core.hooksPath setting (${folder})`, when: 'whenever git runs its hooks (commit, checkout, merge, push)' }];
}

/** Plugin managers' valued options (`--source URL`, `--version V`, `--alias A` …): the rest are switches, and the operands are the words. */
const PLUGIN_GRAMMAR = effectGrammar('', ['source', 's', 'version', 'name', 'n', 'alias', 'index', 'output', 'o', 'query', 'subscription', 'cwd']);
/** Yarn's own plugins (yarnpkg/berry), imported by name. */
const VOUCHED_YARN = /^(@yarnpkg\/plugin-)?(typescript|workspace-tools|interactive-tools|version|exec|stage|constraints)$/;
/** helm plugins most used, from their own repositories. */
const VOUCHED_HELM = /^https:\/\/github\.com\/(databus23\/helm-diff|jkroepke\/helm-secrets|helm-unittest\/helm-unittest|chartmuseum\/helm-push|aslafy-z\/helm-git|quintush\/helm-unittest)(\.git)?\/?$/i;

/**
 * Plugins fetched from an address nobody vouches for, run by every later use of the tool (round 9,
 * beside `gh extension install` and krew in cliPrograms.ts): `helm plugin install URL|DIR` (its hooks
 * run at install and its command on every `helm NAME`), `asdf plugin add NAME URL` and `mise plugins
 * install NAME URL` (their scripts run on every version switch), `az extension add --source URL|FILE`,
 * `docker plugin install --grant-all-permissions` (a privileged plugin started by the daemon), `yarn plugin
 * import PATH|URL` (stop 36: loaded into every later yarn run). From the
 * tool's own index (`asdf plugin add nodejs`, `az extension add --name x`) stays allowed.
 */
export function pluginSources(inv: Invocation): Finding[] {
  if (!/^(helm|asdf|mise|rtx|az|docker|yarn)$/.test(inv.name)) return [];
  const read = readEffectArgs(inv.args, PLUGIN_GRAMMAR);
  const w = read.operands.map((o) => o.text);
  let what: string | undefined;
  let how = '';
  if (inv.name === 'helm' && w[0] === 'plugin' && w[1] === 'install' && w[2] !== undefined && !VOUCHED_HELM.test(w[2])) {
    what = w[2];
    how = 'helm plugin install (its install hook runs now, its command on every `helm` call that names it, with the cluster credentials)';
  } else if (inv.name === 'asdf' && w[0] === 'plugin' && (w[1] === 'add' || w[1] === 'install') && w[3] !== undefined) {
    what = w[3];
    how = `asdf plugin add ${w[2]} (its scripts run whenever asdf installs or switches ${w[2]})`;
  } else if ((inv.name === 'mise' || inv.name === 'rtx') && /^(plugins?|p)$/.test(w[0] ?? '') && /^(install|i|add|a)$/.test(w[1] ?? '') && w[3] !== undefined) {
    what = w[3];
    how = `mise plugins install ${w[2]} (its scripts run whenever mise installs or switches ${w[2]})`;
  } else if (inv.name === 'az' && w[0] === 'extension' && w[1] === 'add') {
    what = values(read, 'source', 's')[0]?.text;
    how = 'az extension add --source (its code runs on every `az` call of that group, with the Azure sign-in)';
  } else if (inv.name === 'yarn' && w[0] === 'plugin' && w[1] === 'import') {
    // `yarn plugin import NAME|PATH|URL` (or `from sources NAME`): Yarn's own plugins by name come from its repository.
    const named = w[2] === 'from' && w[3] === 'sources' ? w[4] : w[2];
    if (named !== undefined && !VOUCHED_YARN.test(named)) {
      what = named;
      how = 'yarn plugin import (Yarn loads it into every later `yarn` run in this project, install scripts and all)';
    } else if (named === undefined) {
      what = 'a plugin named at run time';
      how = 'yarn plugin import';
    }
  } else if (inv.name === 'docker' && w[0] === 'plugin' && w[1] === 'install' && has(read, 'grant-all-permissions') && w[2] !== undefined) {
    what = w[2];
    how = 'docker plugin install --grant-all-permissions (the daemon starts it with every privilege it asked for)';
  }
  if (what === undefined) return [];
  return [{
    rule: 'deferred.plugin-install',
    risk: 'unanalyzable',
    severity: 'ask',
    reason: `Installs ${what} as a plugin (${how}): its code comes from that address, nobody here has read it, and it runs later with this machine's access.`,
    targets: [{ kind: 'resource', name: what, provider: inv.name, remote: false, environment: 'local', environmentReason: 'this machine' }],
  }];
}
