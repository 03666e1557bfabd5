// A stand-in for an open editor window during the hook bench: the real startIpcServer (socket and
// discovery record) in its own process, so a hook that contacted it would be answered, not stalled
// by the bench's own synchronous spawns. Prints "ready" once listening; exits on SIGTERM.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const [guardHomeDir, workspace] = process.argv.slice(2);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { startIpcServer } = await tsImport(path.join(root, 'src/node/ipc/server.ts'), import.meta.url);
let contacts = 0;
const server = await startIpcServer({
  onConfirm: async () => (contacts++, { decision: 'allow', reason: 'bench' }),
  onEvent: () => contacts++,
  // Pings are the minimal-client reference row's, not the hook's.
  onPing: () => ({ lockdown: false }),
  appName: 'bench editor',
  workspaceFolders: [workspace],
  home: guardHomeDir,
  rememberDecisionMs: 0,
});
process.stdout.write('ready\n');
process.on('SIGTERM', async () => {
  await server.dispose();
  process.stdout.write(`contacts ${contacts}\n`);
  process.exit(0);
});
