import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { scanWorkspace } from '../node/credentials/workspaceScan';
import { UsageError, type CliIo } from './io';

const HELP = `usage: blast-shield scan [--json] [DIR]

Find credential files under DIR (default: the current folder) by path and by content.
Skips node_modules, .git, build output, binaries, files over 1 MiB and symlinks leaving DIR.
Never prints a secret value.

  --json   print {"files": [{"path", "kind", "reasons"}]} instead of a readable list
`;

export async function run(args: string[], io: CliIo): Promise<number> {
  let json = false;
  let dir: string | undefined;
  for (const arg of args) {
    if (arg === '--json') json = true;
    else if (arg === '--help' || arg === '-h') {
      io.stdout(HELP);
      return 0;
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}'`);
    else if (dir === undefined) dir = arg;
    else throw new UsageError('only one folder can be scanned at a time');
  }
  const root = path.resolve(io.cwd, dir ?? '.');
  let isDir = false;
  try {
    isDir = fs.statSync(root).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new UsageError(`'${dir ?? '.'}' is not a folder`);
  const home = io.env.HOME ?? os.homedir();
  const result = await scanWorkspace(root, { home });
  if (!result.secretlintUsed) io.stderr('blast-shield scan: secretlint.js was not found beside the CLI; known token formats were not checked (path and key-name rules only).\n');
  if (json) {
    const files = result.files.map((f) => ({ path: f.path, kind: f.kind, reasons: f.reasons }));
    io.stdout(JSON.stringify({ files, ...(result.truncated ? { truncated: true } : {}) }) + '\n');
    return 0;
  }
  if (result.files.length === 0) {
    io.stdout(`No credential files found in ${root} (${result.stats.walked} files checked).\n`);
    return 0;
  }
  io.stdout(`${result.files.length} credential file${result.files.length === 1 ? '' : 's'} in ${root}:\n`);
  for (const f of result.files) io.stdout(`  ${f.path}  — ${f.label} (${f.kind}): ${f.reasons.join('; ')}\n`);
  if (result.truncated) io.stdout('The scan stopped at its size limit; some files were not checked.\n');
  return 0;
}
