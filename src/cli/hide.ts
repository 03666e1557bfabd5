import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { guardHome, GUARD_PATHS } from '../node/guardHome';
import { hideCredentialFiles, unhideCredentialFiles, type HideSummary } from '../node/credentials/hideFiles';
import { UsageError, type CliIo } from './io';

const HIDE_HELP = `usage: blast-shield hide [--shared] [DIR]

Scan DIR (default: the current folder) for credential files and list them in a managed block at the
top of .cursorignore, .aiexclude, .geminiignore, .clineignore, .rooignore, .codeiumignore and
.aiderignore, and as Claude Code permissions.deny Read(...) rules in .claude/settings.local.json.
Your own lines are kept; running it again changes nothing; 'blast-shield unhide' undoes it.

  --shared   write the Claude Code rules into .claude/settings.json (shared with the team)
`;

const UNHIDE_HELP = `usage: blast-shield unhide [DIR]

Remove what 'blast-shield hide' wrote in DIR: each file goes back byte for byte, and files hide
created are deleted.
`;

function parse(args: string[], help: string, io: CliIo, allowShared: boolean): { dir: string; shared: boolean } | undefined {
  let dir: string | undefined;
  let shared = false;
  for (const a of args) {
    if (a === '--help' || a === '-h') {
      io.stdout(help);
      return undefined;
    }
    if (a === '--shared' && allowShared) shared = true;
    else if (a.startsWith('-')) throw new UsageError(`unknown option '${a}'`);
    else if (dir === undefined) dir = a;
    else throw new UsageError('only one folder at a time');
  }
  const abs = path.resolve(io.cwd, dir ?? '.');
  let ok = false;
  try {
    ok = fs.statSync(abs).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) throw new UsageError(`'${dir ?? '.'}' is not a folder`);
  return { dir: abs, shared };
}

function report(io: CliIo, s: HideSummary): void {
  if (s.created.length > 0) io.stdout(`created: ${s.created.join(', ')}\n`);
  if (s.written.length > 0) io.stdout(`updated: ${s.written.join(', ')}\n`);
  if (s.removed.length > 0) io.stdout(`removed: ${s.removed.join(', ')}\n`);
  if (s.created.length + s.written.length + s.removed.length === 0) io.stdout('nothing to change\n');
}

export async function runHide(args: string[], io: CliIo): Promise<number> {
  const opts = parse(args, HIDE_HELP, io, true);
  if (!opts) return 0;
  const summary = await hideCredentialFiles(opts.dir, {
    home: io.env.HOME ?? os.homedir(),
    cacheDir: GUARD_PATHS.cacheDir(guardHome(io.env)),
    sharedClaudeSettings: opts.shared,
  });
  io.stdout(`${summary.paths.length} credential file${summary.paths.length === 1 ? '' : 's'} hidden from agents' file tools.\n`);
  report(io, summary);
  return 0;
}

export async function runUnhide(args: string[], io: CliIo): Promise<number> {
  const opts = parse(args, UNHIDE_HELP, io, false);
  if (!opts) return 0;
  report(io, unhideCredentialFiles(opts.dir, { cacheDir: GUARD_PATHS.cacheDir(guardHome(io.env)) }));
  return 0;
}
