import type { ArgWord } from '../../shell/ast';
import { flagValues } from '../args';
import { destroyingJobName } from '../namedJobs';
import type { CommandRule, ToolArgs, ToolSpec } from '../types';
import { flag, valued } from './options';

/**
 * Lesser-known ways to run work on other machines (round 8, issue #18): Fabric tasks on hosts, mussh's
 * command on a list of hosts, a Chef run-list converged with recipes from the Chef server, Jenkins jobs
 * started from its CLI. What runs is either a command line the walker judges there, or code the guard
 * does not read (a fabfile task, a recipe, a job's steps): that asks, with the hosts as the place.
 */

const hostPlace = (tool: string, hosts: readonly string[], source: string) => ({
  place: hosts.length > 0 ? hosts.join(',') : `the hosts of ${tool}`,
  provider: 'ssh',
  names: hosts.map((value) => ({ source, value: value.replace(/^[^@]*@/, '').replace(/:\d+$/, '') })),
});

/** Fabric 2/3: `fab [-H h1,h2] task [task options] [-- remote command]`; tasks come from the fabfile. */
export const fab: ToolSpec = {
  names: ['fab'],
  family: 'remote',
  locality: 'remote',
  unknownLong: 'switch',
  options: [
    valued('-H', '--hosts'), valued('-i', '--identity'), valued('-S', '--ssh-config'), valued('-t', '--connect-timeout'), valued('-T', '--command-timeout'), valued('-r', '--search-root'),
    valued('-c', '--collection'), valued('-f', '--config'), valued('-D', '--list-depth'), valued('-F', '--list-format'), valued('-x', '--hide'),
    { names: ['-l', '--list'], takes: 'optional' }, { names: ['-h', '--help'], takes: 'optional' }, flag('-V', '--version'), flag('-d', '--debug'), flag('-e', '--echo'), flag('-w', '--warn-only'),
    flag('-p', '--pty'), flag('--dry'), flag('--prompt-for-login-password'), flag('--prompt-for-passphrase'), flag('--prompt-for-sudo-password'), flag('--complete'),
  ],
  commandAfterDashDash: true,
  dryRun: ['--dry'],
  effect: 'exec',
  runsElsewhere: {
    command: { text: 'computed', of: (a) => a.parsed.command ?? [] },
    when: (a) => a.values('-H', '--hosts').length > 0 && !a.has('-l', '--list', '-h', '--help', '-V', '--version', '--dry'),
    unread: (a) => (a.parsed.operands.length > 0 ? `fab runs the task ${a.parsed.operands.map((w) => w.text).join(' ')} from the fabfile on ${a.values('-H', '--hosts').join(',')}; the guard does not read task code` : undefined),
    label: (a) => `fab -H ${a.values('-H', '--hosts').join(',')}`,
    place: (a) => hostPlace('fab', a.values('-H', '--hosts').flatMap((h) => h.split(',')), 'fab hosts'),
  },
};

/** mussh: `mussh -h host1 host2 … -c 'command'` (or `-C script`, `-H hostfile`); `-h` takes every word up to the next option: its first here, the rest as operands. */
export const mussh: ToolSpec = {
  names: ['mussh'],
  family: 'remote',
  locality: 'remote',
  options: [
    valued('-h'), valued('-H'), valued('-c'), valued('-C'), valued('-l'), valued('-L'), valued('-s'), valued('-t'), valued('-i'), valued('-o'), valued('-m'), valued('-J'),
    flag('-d'), flag('-v'), flag('-q'), flag('-b'), flag('-B'), flag('-u'), flag('-U'), flag('-P'), flag('-a'), flag('-A'), flag('-V'), flag('--help'),
  ],
  effect: 'exec',
  runsElsewhere: {
    command: { text: 'option', option: '-c' },
    script: (a) => a.valueWord('-C'),
    when: (a) => a.values('-c').length > 0 || a.values('-C').length > 0,
    label: (a) => `mussh ${[...a.values('-h'), ...a.parsed.operands.map((w) => w.text)].join(' ')}`.trim(),
    place: (a) => hostPlace('mussh', [...a.values('-h'), ...a.parsed.operands.map((w) => w.text), ...a.values('-H')], 'mussh hosts'),
  },
};

/** EC2 Instance Connect's `mssh [user@]INSTANCE [command…]`: ssh to an instance by id (ec2instanceconnectcli). */
export const mssh: ToolSpec = {
  names: ['mssh'],
  family: 'remote',
  locality: 'remote',
  interspersed: false,
  options: [valued('-r', '--region'), valued('-p', '--profile'), valued('-z', '--zone'), valued('-u'), valued('-t'), valued('-j', '-J'), valued('-i'), valued('-o'), valued('-l'), valued('-P'), flag('-d', '--debug'), flag('-h', '--help')],
  effect: 'exec',
  runsElsewhere: {
    command: { text: 'operands', skip: 1 },
    loginShell: true,
    label: (a) => `mssh ${a.operand(0) ?? ''}`.trim(),
    place: (a) => hostPlace('mssh', [a.operand(0) ?? 'an instance'], 'EC2 instance'),
  },
};

/** chef-client: converges this node with recipes from the Chef server; `-o` replaces the run-list; `-W` (`--why-run`) only reports. */
export const chefClient: ToolSpec = {
  names: ['chef-client', 'chef-solo', 'cinc-client', 'cinc-solo'],
  family: 'remote',
  locality: 'remote',
  unknownLong: 'switch',
  options: [
    valued('-o', '--override-runlist'), valued('-r', '--runlist'), valued('-c', '--config'), valued('-j', '--json-attributes'), valued('-E', '--environment'), valued('-S', '--server'),
    valued('-N', '--node-name'), valued('-l', '--log_level'), valued('-L', '--logfile'), valued('-i', '--interval'), valued('-s', '--splay'), valued('-k', '--client_key'), valued('-K', '--validation_key'),
    valued('--chef-zero-port'), valued('--named-run-list'), valued('--recipe-url'),
    flag('-W', '--why-run'), flag('-z', '--local-mode'), flag('-d', '--daemonize'), flag('-F', '--format'), flag('--once'), flag('-v', '--version'), flag('-h', '--help'), flag('--skip-cookbook-sync'),
  ],
  dryRun: ['-W', '--why-run'],
  effect: 'exec',
  runsElsewhere: {
    command: { text: 'computed', of: (): ArgWord[] => [] },
    when: (a) => !a.has('-W', '--why-run', '-v', '--version', '-h', '--help'),
    unread: (a) => `${a.name} converges this node with ${a.value('-o', '--override-runlist', '-r', '--runlist') !== undefined ? `the run-list ${a.value('-o', '--override-runlist', '-r', '--runlist')}` : 'its run-list'}; the guard does not read the recipes (--why-run shows what would change)`,
    label: (a) => a.name,
    place: (a: ToolArgs) => ({ place: `Chef node ${a.value('-N', '--node-name') ?? '(this machine)'}`, provider: 'chef', names: [...(a.value('-E', '--environment') !== undefined ? [{ source: 'Chef environment', value: a.value('-E', '--environment')! }] : []), ...(a.value('-S', '--server') !== undefined ? [{ source: 'Chef server', value: a.value('-S', '--server')! }] : [])] }),
  },
};

/** A job whose name says it deploys, releases or changes infrastructure. */
const DEPLOYING = /deploy|release|publish|prod|destroy|teardown|migrat|rollback|terraform|apply|infra|provision/i;

const JENKINS_RULES: readonly CommandRule[] = [
  { id: 'jenkins-build-deploying', path: ['build'], kind: 'project', noun: 'job', verb: 'starts', namePositionals: 'first', when: (p) => { const job = p.positionals[1]?.text ?? ''; return destroyingJobName(job) !== undefined || DEPLOYING.test(job); }, note: (p) => `, whose name says it ${destroyingJobName(p.positionals[1]?.text ?? '') !== undefined ? 'destroys' : 'deploys or changes infrastructure'}${flagValues(p, ['-p']).length > 0 ? ` (${flagValues(p, ['-p']).join(', ')})` : ''}: its steps run on the Jenkins agents with the job's credentials, unread by the guard` },
  { id: 'jenkins-shutdown', path: [/^(shutdown|safe-shutdown|restart|safe-restart|quiet-down|clear-queue|reload-configuration)$/], kind: 'service', noun: 'server', verb: 'stops or restarts', namePositionals: 'none', defaultName: 'the Jenkins server', note: () => ': running and queued builds are lost' },
  { id: 'jenkins-disable', path: [/^(disable-job|disable-plugin|offline-node|disconnect-node|delete-builds|delete-job|delete-node|delete-view|delete-credentials|delete-credentials-domain)$/], kind: 'project', noun: 'job or node', verb: 'disables or deletes', namePositionals: 'first' },
];

/** The Jenkins CLI: `jenkins-cli [-s URL] [-auth …] command [args]` (also `java -jar jenkins-cli.jar …`). */
export const jenkinsCli: ToolSpec = {
  names: ['jenkins-cli'],
  family: 'cloud',
  locality: 'remote',
  provider: 'jenkins',
  label: 'Jenkins',
  interspersed: false,
  options: [valued('-s'), valued('-auth'), valued('-i'), valued('-p'), valued('-logger'), valued('-user'), flag('-http'), flag('-ssh'), flag('-webSocket'), flag('-noCertificateCheck'), flag('-noKeyAuth'), flag('-strictHostKey')],
  commands: {
    build: { interspersed: true, options: [valued('-p'), flag('-s'), flag('-f'), flag('-v'), flag('-w'), flag('-c')] },
  },
  environmentFlags: ['-s'],
  environmentVariables: ['JENKINS_URL'],
  scopeKind: 'project',
  rules: JENKINS_RULES,
};
