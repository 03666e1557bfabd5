import type { ToolSpec } from '../types';
import { sshForwards } from '../../rules/support/sshTunnels';
import { letters, valuedLetters } from './options';

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
    command: { text: 'operands', skip: 1 },
    label: (a) => `ssh ${a.operand(0) ?? ''}`,
    loginShell: true,
    when: (a) => a.operand(0) !== undefined,
    place: (a) => {
      const machine = (a.operand(0) ?? '').replace(/^[^@]*@/, '');
      return { place: machine, provider: 'ssh', names: [{ source: 'ssh host', value: machine }] };
    },
  },
};
