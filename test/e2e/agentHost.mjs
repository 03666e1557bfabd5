// A stand-in for an agent host (Claude Code, Cursor …): it runs one hook command with its own stdin,
// stdout and stderr and exits with the hook's code. The hook verifies that the editor window it asks
// was not started by the agent (neither below it in the process tree nor younger than it), so the test
// runner, which started code-server, cannot be the hook's parent: an agent host started after the
// editor is, as in real use.
import { spawn } from 'node:child_process';

const spec = JSON.parse(process.env.BLAST_SHIELD_E2E_HOOK || '{}');
delete process.env.BLAST_SHIELD_E2E_HOOK;
const child = spec.shell
  ? spawn('/bin/sh', ['-c', spec.shell], { stdio: 'inherit', env: process.env })
  : spawn(spec.argv[0], spec.argv.slice(1), { stdio: 'inherit', env: process.env });
child.on('error', (e) => {
  process.stderr.write(`agent host stand-in: ${e.message}\n`);
  process.exit(127);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
