import type { ToolSpec } from '../types';
import { sshForwards } from '../../rules/support/sshTunnels';
import { flag, flagsEach, letters, valued, valuedEach, valuedLetters } from './options';
import { remoteCommandIn, withRemoteCommands } from './sshRemoteCommand';
import type { ArgWord } from '../../shell/ast';
import type { ToolArgs } from '../types';

/** The remote commands ssh's `-o` values set. */
function optionRemoteCommands(a: ToolArgs): { text: string; from: ArgWord }[] {
  const out: { text: string; from: ArgWord }[] = [];
  for (const option of a.parsed.options) {
    if (option.name !== '-o') continue;
    option.valueWords.forEach((from, n) => {
      const text = remoteCommandIn(option.values[n] ?? from.text);
      if (text !== undefined) out.push({ text, from });
    });
  }
  return out;
}

/**
 * OpenSSH's client: `ssh [options] destination [command…]`. Options end at the destination; the
 * words after it are one command line the remote shell runs. Without one, the remote login shell
 * runs what standard input carries.
 */
export const ssh: ToolSpec = {
  names: ['ssh'],
  family: 'remote',
  locality: 'remote',
  interspersed: false,
  options: [...valuedLetters('BbcDEeFIiJLlmOoPpQRSWw'), ...letters('46AaCfGgKkMNnqsTtVvXxYy')],
  effect: 'exec',
  // `-L PORT:HOST:HOSTPORT`: later commands of the line that reach localhost:PORT reach HOST.
  selects: sshForwards,
  runsElsewhere: {
    // `ssh host -- env`: OpenSSH reads options again after the destination, so a `--` there ends them and is not sent.
    // `-o RemoteCommand=…` runs its line there when none follows the destination (analysed with it when both are given: ssh refuses).
    command: { text: 'computed', of: (a) => withRemoteCommands(a.parsed.operands.slice(1).filter((w, i) => !(i === 0 && w.text === '--')), optionRemoteCommands(a)) },
    label: (a) => `ssh ${a.operand(0) ?? ''}`,
    loginShell: true,
    when: (a) => a.operand(0) !== undefined,
    place: (a) => {
      const machine = (a.operand(0) ?? '').replace(/^[^@]*@/, '');
      return { place: machine, provider: 'ssh', names: [{ source: 'ssh host', value: machine }] };
    },
  },
};

/**
 * mosh: `mosh [options] host [--] [command…]` (from its manual); the command after the host runs
 * there through the login shell, like ssh's. `--ssh` names the program that opens the connection.
 */
export const mosh: ToolSpec = {
  names: ['mosh'],
  family: 'remote',
  locality: 'remote',
  interspersed: false,
  options: [valued('-p', '--port'), valued('-a', '-n'), ...valuedEach('--client', '--server', '--ssh', '--predict', '--family', '--bind-server', '--experimental-remote-ip'),
    flag('-4'), flag('-6'), ...flagsEach('--no-init', '--no-ssh-pty', '--local', '--help', '--version')],
  effect: 'exec',
  runsElsewhere: {
    command: { text: 'computed', of: (a) => a.parsed.operands.slice(1).filter((w, i) => !(i === 0 && w.text === '--')) },
    label: (a) => `mosh ${a.operand(0) ?? ''}`,
    when: (a) => a.operand(0) !== undefined,
    place: (a) => {
      const machine = (a.operand(0) ?? '').replace(/^[^@]*@/, '');
      return { place: machine, provider: 'ssh', names: [{ source: 'mosh host', value: machine }] };
    },
  },
};

/**
 * OpenSSH's sftp: `sftp [options] destination`. Its commands (`rm`, `rmdir`, `rename`, `put`, `chmod`)
 * come from standard input or a batch file (`-b FILE`) and act on the remote machine's files; read as
 * the shell lines they resemble, there (issue #18, round 7: `sftp prod <<< 'rm /var/www/index.html'`).
 */
export const sftp: ToolSpec = {
  names: ['sftp'],
  family: 'remote',
  locality: 'remote',
  interspersed: false,
  options: [...valuedLetters('BbcDFiJloPRSs'), ...letters('46AaCfNpqrv')],
  programOptions: ['-S', '-D'],
  effect: 'exec',
  runsElsewhere: {
    command: { text: 'computed', of: () => [] },
    script: (a) => (a.value('-b') !== undefined && a.value('-b') !== '-' ? a.valueWord('-b') : undefined),
    label: (a) => `sftp ${a.operand(0) ?? ''}`,
    loginShell: true,
    when: (a) => a.operand(0) !== undefined,
    place: (a) => {
      const machine = (a.operand(0) ?? '').replace(/^sftp:\/\//, '').replace(/^[^@]*@/, '').replace(/[:/].*$/, '');
      return { place: machine, provider: 'ssh', names: [{ source: 'sftp host', value: machine }] };
    },
  },
};
