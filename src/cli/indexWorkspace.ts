import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildKeptIndex, buildLockFor } from '../node/credentials/backgroundIndex';
import { GUARD_PATHS, guardHome } from '../node/guardHome';
import { UsageError, type CliIo } from './io';

const HELP = `usage: blast-shield index DIR

Build and keep the credential index of the workspace folder DIR in the guard folder (the hook starts
this in the background the first time it needs an index it does not have; the editor keeps it
current while it is open). Prints how many credential files it found, never a value.
`;

export async function run(args: string[], io: CliIo): Promise<number> {
  let dir: string | undefined;
  for (const arg of args) {
    if (arg === '--help' || arg === '-h') {
      io.stdout(HELP);
      return 0;
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}'`);
    else if (dir === undefined) dir = arg;
    else throw new UsageError('one folder at a time');
  }
  if (dir === undefined) throw new UsageError('name the workspace folder to index');
  let root: string;
  try {
    root = fs.realpathSync(path.resolve(io.cwd, dir));
    if (!fs.statSync(root).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new UsageError(`'${dir}' is not a folder`);
  }
  const cacheDir = GUARD_PATHS.cacheDir(guardHome(io.env));
  // The lock is the one the hook took for this workspace (its name comes from the folder, not from an argument).
  const lock = buildLockFor(cacheDir, root);
  try {
    const { files, complete } = buildKeptIndex(root, io.env.HOME ?? '', cacheDir);
    io.stdout(`${files} credential file(s) indexed in ${root}${complete ? '' : ' (the walk stopped at its limits: questions it did not reach are answered conservatively)'}\n`);
    return 0;
  } finally {
    fs.rmSync(lock, { force: true });
  }
}
