/**
 * The verb floor's exceptions (verbs.ts): commands that are programs of their own kind, whose operands are
 * data, files or commands, never subcommands.
 */

export const NOT_A_CLI: ReadonlySet<string> = new Set([
  'sh', 'bash', 'zsh', 'dash', 'ksh', 'fish', 'sudo', 'doas', 'env', 'nohup', 'time', 'timeout', 'nice', 'ionice', 'xargs', 'exec',
  'command', 'builtin', 'eval', 'source', '.', 'trap', 'find', 'make', 'gmake', 'tmux', 'screen', 'watch', 'stdbuf', 'flock', 'strace',
  'sed', 'awk', 'gawk', 'mawk', 'nawk', 'sort', 'uniq', 'tee', 'touch', 'mkdir', 'ln', 'install', 'tar', 'zip', 'unzip', 'gzip', 'gunzip',
  'python', 'python3', 'node', 'deno', 'ruby', 'perl', 'php', 'lua', 'tclsh', 'npx', 'pnpx', 'bunx', 'kill', 'pkill', 'killall', 'read',
  'export', 'unset', 'local', 'declare', 'typeset', 'readonly', 'let', 'shift', 'return', 'exit', 'break', 'continue', 'wait', 'git',
  'rsync', 'scp', 'sftp', 'ssh', 'curl', 'wget', 'openssl', 'nc', 'ncat', 'netcat', 'socat', 'telnet', 'crontab', 'at', 'systemd-run',
  'chmod', 'chown', 'chgrp', 'cp', 'mv', 'rm', 'dd', 'vim', 'vi', 'nvim', 'ex', 'emacs', 'nano', 'code', 'cursor', 'open', 'xdg-open',
  'rimraf', 'del-cli', 'tput', 'stty', 'yes', 'seq', 'base64', 'xxd', 'iconv', 'patch', 'diff3', 'mktemp', 'trash', 'trash-put', 'launchctl', 'systemctl', 'service',
]);
