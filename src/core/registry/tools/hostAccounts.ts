import type { ToolSpec } from '../types';
import { flag, flagsEach, valued, valuedEach } from './options';

/**
 * Accounts and host security switches, read by `rules/hostSecurity.ts`: `usermod -aG sudo USER`,
 * `gpasswd -a USER sudo` (privilege granted), `userdel`/`deluser` (an account removed), `setenforce 0`
 * (SELinux off), and `sshd -o PermitRootLogin=yes` (a second ssh server with root logins open).
 */

const host = { family: 'files', locality: 'local' } as const;

export const usermod: ToolSpec = {
  ...host,
  names: ['usermod'],
  options: [
    valued('-G', '--groups'), valued('-g', '--gid'), valued('-c', '--comment'), valued('-d', '--home'), valued('-e', '--expiredate'), valued('-f', '--inactive'),
    valued('-l', '--login'), valued('-p', '--password'), valued('-R', '--root'), valued('-P', '--prefix'), valued('-s', '--shell'), valued('-u', '--uid'),
    valued('-Z', '--selinux-user'), flag('-a', '--append'), flag('-r', '--remove'), flag('-L', '--lock'), flag('-U', '--unlock'), flag('-m', '--move-home'), flag('-o', '--non-unique'), flag('-h', '--help'),
  ],
};

export const gpasswd: ToolSpec = {
  ...host,
  names: ['gpasswd'],
  options: [valued('-a', '--add'), valued('-d', '--delete'), valued('-M', '--members'), valued('-A', '--administrators'), valued('-Q', '--root'), flag('-r', '--remove-password'), flag('-R', '--restrict'), flag('-h', '--help')],
};

export const userdel: ToolSpec = {
  ...host,
  names: ['userdel', 'deluser'],
  options: [valued('-R', '--root'), valued('-P', '--prefix'), valued('--conf'), flag('-r', '--remove', '--remove-home'), flag('-f', '--force'), flag('-Z', '--selinux-user'), ...flagsEach('--remove-all-files', '--system', '--quiet', '--help'), valued('--backup-to'), flag('--backup')],
};

/** `chsh -s /usr/sbin/nologin USER`: the login shell, which a lockout sets to one that refuses. */
export const chsh: ToolSpec = {
  ...host,
  names: ['chsh'],
  options: [valued('-s', '--shell'), valued('-R', '--root'), flag('-l', '--list-shells'), flag('-h', '--help'), flag('-u', '--help-usage'), flag('-v', '--version')],
};

export const setenforce: ToolSpec = { ...host, names: ['setenforce'], options: [flag('-h', '--help')] };

export const sshd: ToolSpec = {
  ...host,
  names: ['sshd'],
  options: [...valuedEach('-o', '-p', '-f', '-h', '-b', '-C', '-c', '-E', '-g', '-k', '-u'), flag('-t'), flag('-T'), flag('-D'), flag('-d'), flag('-e'), flag('-i'), flag('-q'), flag('-4'), flag('-6'), flag('-G'), flag('-V')],
};

/** macOS `xattr [-lrsvx] [-c | -d ATTR | -p ATTR | -w ATTR VALUE] FILE…`: its letters are switches, the attribute the first operand (stop 40). */
export const xattr: ToolSpec = { ...host, names: ['xattr'], unknownShort: 'switch', options: [flag('-d'), flag('-c'), flag('-l'), flag('-p'), flag('-w'), flag('-r'), flag('-s'), flag('-v'), flag('-x'), flag('-h', '--help')] };
