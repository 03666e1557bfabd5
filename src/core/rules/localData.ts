import { ownTable } from '../ownTable';
import type { ArgWord, CodeSnippet, Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { basename, resolvePath } from '../paths';
import { cliArgs, hasFlag } from '../registry/args';
import { parsedArgs, toolNamed } from '../registry/commandModel';
import type { ToolSpec } from '../registry/types';
import { classifyPath, filesPack } from './files';


/**
 * Data git cannot bring back, and deletes that travel by other roads:
 * - deleting files a repository never tracks — environment files (`.env`, `.env.production`), local
 *   databases (`*.sqlite3`, `*.db`), Rails' `master.key`, credential files — is not routine cleanup,
 *   even one file at a time;
 * - rimraf, del-cli and trash-cli (often through npx / pnpm dlx / bunx) delete like `rm -rf`, judged
 *   by the files pack with the same routine build folders;
 * - `rsync --delete*` makes the destination an exact copy of the source: on another host that host's
 *   files go (its environment resolved from the host name; unknown is production), here a source
 *   folder's files go unless the destination is scratch or a build output.
 */

const ENV_FILE = /^\.env(\.[\w.-]+)?$/;
const ENV_TEMPLATE = /\.(example|sample|template|dist|defaults?)$/;
const LOCAL_DATABASE = /\.(sqlite3?|db|sqlite-wal|sqlite-shm|duckdb|mdb|realm)$/;
const KEY_FILES = new Set(['master.key', 'credentials.yml.enc', 'production.key', 'storage.yml']);
/**
 * Where frameworks keep what users uploaded or the app generated for them (Laravel's `storage/app`,
 * Django's and Rails' `media`/`public/system`, WordPress's `wp-content/uploads`, any `uploads/`): kept
 * out of git by design, so a deleted file there is gone for its owner.
 */
const USER_DATA = /(^|\/)(storage\/app|wp-content\/uploads|public\/system|public\/uploads|uploads|media)\/(?!(.*\/)?(cache|tmp|temp|\.gitignore|\.gitkeep)(\/|$))./;

function word(text: string, glob = false): ArgWord {
  return { text, raw: text, dynamic: /[$`]/.test(text), glob };
}

/**
 * A test suite's database (Rails' `db/test.sqlite3`, `test.db`, `app_test.sqlite3`), which the suite
 * recreates on its next run, or one in a scratch folder (`/tmp/test.db`): its data is nobody's.
 */
function throwawayDatabase(name: string, abs: string, workspaces: readonly string[]): boolean {
  // A workspace may itself live in a scratch folder: its databases are its own.
  const scratch = /^\/(tmp|var\/tmp|private\/tmp|dev\/shm)\//.test(abs) && !workspaces.some((w) => abs.startsWith(w.endsWith('/') ? w : w + '/'));
  return /^(test|tests|testing|spec)([._-]|$)|[._-](test|tests|testing|spec)\./i.test(name) || scratch;
}

/** Why git cannot restore this path, or undefined when it is not such a file. */
export function untrackedKind(text: string, inv: Invocation, ctx: RuleContext): string | undefined {
  if (/[$`]/.test(text)) return undefined;
  const name = basename(text.replace(/\/+$/, ''));
  if (name.includes('node_modules')) return undefined;
  if ((ENV_FILE.test(name) || /^\.env[.*]/.test(name)) && !ENV_TEMPLATE.test(name)) return 'an environment file (git does not track it, so nothing brings it back)';
  const abs = resolvePath(resolvePath(ctx.facts.cwd, inv.cwd, ctx.facts.home), text, ctx.facts.home);
  if (LOCAL_DATABASE.test(name) || /\.sqlite3?\*?$/.test(name)) return throwawayDatabase(name, abs, ctx.facts.workspaceRoots) ? undefined : 'a local database (its data is in no commit)';
  if (KEY_FILES.has(name)) return 'a key file git does not track';
  if (USER_DATA.test(text)) return 'a file of the data users stored in the app (kept out of git, so nothing brings it back)';
  const info = ctx.facts.credentials?.fileInfo(abs);
  return info ? `${info.label} (a credential file git does not track)` : undefined;
}

function untrackedFindings(paths: readonly ArgWord[], inv: Invocation, ctx: RuleContext, verb: string): Finding[] {
  const out: Finding[] = [];
  for (const p of paths) {
    const kind = untrackedKind(p.text, inv, ctx);
    if (!kind) continue;
    const env = ctx.environmentOf({ values: [p.text], remote: false });
    const target: Target = { kind: 'path', name: p.text, provider: 'filesystem', remote: false, environment: env.environment, environmentReason: env.reason };
    out.push({ rule: 'local-data.untracked-delete', risk: 'destructive', severity: 'ask', reason: `${verb} ${p.text}, ${kind}.`, targets: [target] });
    if (out.length >= 5) break;
  }
  return out;
}

function parse(spec: ToolSpec, inv: Invocation) {
  return cliArgs(parsedArgs(inv.args, spec), spec, inv.args);
}

/** rimraf / del-cli / trash: the files pack's judgement of the same `rm -rf`, plus untracked data. */
function deleters(spec: ToolSpec, inv: Invocation, ctx: RuleContext): Finding[] {
  const args = parse(spec, inv);
  if (spec.dryRun !== undefined && hasFlag(args, spec.dryRun)) return [];
  const globbing = spec.names[0] === 'del-cli' || hasFlag(args, ['--glob']);
  const paths = args.positionals.filter((w) => !w.text.startsWith('!')).map((w) => (globbing ? word(w.text, /[*?[{]/.test(w.text)) : w));
  if (paths.length === 0) return [];
  // rimraf and del-cli reach the files pack as the `rm -rf` they are (policy/handlers/codeRunners.ts); `del` and trash are judged here the same way.
  const asRm: Invocation = { ...inv, name: 'rm', command: 'rm', args: [word('-r'), word('-f'), word('--'), ...paths], redirects: [] };
  const judged = inv.name !== 'rimraf' && inv.name !== 'del-cli' ? (filesPack.checkInvocation?.(asRm, ctx) ?? []).map((f) => ({ ...f, reason: f.reason.replace(/^Recursively deletes/, `${inv.name} deletes`) })) : [];
  return [...judged, ...untrackedFindings(paths, inv, ctx, `${inv.name} deletes`)];
}

const REMOTE_DESTINATION = /^(?:rsync:\/\/|(?:[\w.-]+@)?[\w.-]+:(?!\/\/))/;

function rsync(spec: ToolSpec, inv: Invocation, ctx: RuleContext): Finding[] {
  const args = parse(spec, inv);
  const deleting = hasFlag(args, ['--delete', '--del', '--delete-before', '--delete-during', '--delete-delay', '--delete-after', '--delete-excluded']);
  const removesSources = hasFlag(args, ['--remove-source-files']);
  if ((!deleting && !removesSources) || hasFlag(args, spec.dryRun ?? [])) return [];
  const operands = args.positionals;
  if (operands.length < 2) return [];
  const destination = operands[operands.length - 1] as ArgWord;
  const sources = operands.slice(0, -1).map((w) => w.text).join(', ');
  const findings: Finding[] = [];
  if (deleting) {
    const remote = REMOTE_DESTINATION.exec(destination.text);
    if (remote && !/^[A-Za-z]:[\\/]/.test(destination.text)) {
      const host = destination.text.replace(/^rsync:\/\//, '').replace(/^[\w.-]+@/, '').split(/[:/]/)[0] ?? destination.text;
      let env = ctx.environmentOf({ values: [], sources: [{ source: 'host', value: host }], remote: true });
      // rsync reaches another machine even at a `.local` name: never "this machine".
      if (env.environment === 'local') env = { environment: 'unknown', reason: `${host} is another machine` };
      findings.push({
        rule: 'local-data.rsync-delete-remote',
        risk: 'destructive',
        severity: 'ask',
        reason: `rsync --delete makes ${destination.text} an exact copy of ${sources}, deleting every file there that ${sources} lacks.`,
        targets: [{ kind: 'path', name: destination.text, provider: 'ssh', remote: true, environment: env.environment, environmentReason: env.reason }],
      });
    } else {
      const p = classifyPath(destination, inv.cwd, ctx.facts);
      if (p.class !== 'scratch' && p.class !== 'routine') {
        const env = ctx.environmentOf({ values: [p.display], remote: false });
        findings.push({
          rule: 'local-data.rsync-delete',
          risk: p.class === 'catastrophic' ? 'catastrophic' : 'destructive',
          severity: p.class === 'catastrophic' ? 'deny' : 'ask',
          reason: `rsync --delete makes ${p.display} an exact copy of ${sources}, deleting every file in it that ${sources} lacks.`,
          targets: [{ kind: 'path', name: p.display, provider: 'filesystem', remote: false, environment: env.environment, environmentReason: env.reason }],
        });
      }
    }
  }
  if (removesSources) {
    // Once copied, the destination holds the only copy: on another machine, that machine's environment is what is at stake.
    const remote = REMOTE_DESTINATION.test(destination.text) && !/^[A-Za-z]:[\\/]/.test(destination.text);
    const host = destination.text.replace(/^rsync:\/\//, '').replace(/^[\w.-]+@/, '').split(/[:/]/)[0] ?? destination.text;
    const env = remote ? ctx.environmentOf({ values: [], sources: [{ source: 'host', value: host }], remote: true }) : undefined;
    const targets: Target[] = env ? [{ kind: 'path', name: destination.text, provider: 'ssh', remote: true, environment: env.environment === 'local' ? 'unknown' : env.environment, environmentReason: env.reason }] : [];
    findings.push({ rule: 'local-data.rsync-remove-sources', risk: 'destructive', severity: 'ask', reason: `rsync --remove-source-files deletes ${sources} once copied${remote ? `, leaving the only copy on ${host}` : ''}.`, targets });
  }
  return findings;
}

/** rm / unlink of single files that git cannot restore (the files pack leaves single files alone). */
function singleFiles(spec: ToolSpec, inv: Invocation, ctx: RuleContext): Finding[] {
  const args = parse(spec, inv);
  return untrackedFindings(args.positionals, inv, ctx, 'Deletes');
}

/**
 * `mv .git elsewhere`: the folder is the repository itself (every commit not pushed, the stash, local
 * branches and the reflog); what is left is a folder of files with no history.
 */
function moveRepository(spec: ToolSpec, inv: Invocation, ctx: RuleContext): Finding[] {
  const args = parse(spec, inv);
  const targetDirectory = hasFlag(args, ['-t', '--target-directory']);
  const sources = targetDirectory ? args.positionals : args.positionals.slice(0, -1);
  const moved = sources.filter((w) => !w.dynamic && basename(w.text.replace(/\/+$/, '')) === '.git');
  return moved.map((w) => {
    const env = ctx.environmentOf({ values: [w.text], remote: false });
    const target: Target = { kind: 'path', name: w.text, provider: 'git', remote: false, environment: env.environment, environmentReason: env.reason };
    return { rule: 'local-data.move-repository', risk: 'destructive', severity: 'ask', reason: `Moves the repository ${w.text} away: the project is left without its history, local branches, stash and unpushed commits.`, targets: [target] };
  });
}

/**
 * Code that empties a file by opening it for writing and writing nothing or something else:
 * Python `open('db/x.sqlite3', 'w')`, `Path('…').write_text('')`, Node `fs.writeFileSync('…', '')`,
 * `fs.truncateSync('…')`, Ruby `File.write('…', '')`. Judged only for files git cannot restore.
 */
/** Each pattern's path is its second group. */
const EMPTYING_CALLS: readonly RegExp[] = [
  /\bopen\(\s*(['"])([^'"]+)\1\s*,\s*(['"])w[b+]?\3/g,
  /\bPath\(\s*(['"])([^'"]+)\1\s*\)\s*\.\s*write_(?:text|bytes)\(/g,
  /\b(?:fs\.)?(?:writeFileSync|truncateSync|writeFile|truncate)\(\s*(['"`])([^'"`]+)\1/g,
  /\bFile\.(?:write|truncate)\(\s*(['"])([^'"]+)\1/g,
  // Perl `truncate "f", 0` and `open(my $fh, '>', 'f')`; PHP `file_put_contents("f", …)`, `fopen("f", "w")`;
  // Deno `Deno.writeTextFile('f', …)`, Bun `Bun.write('f', …)`.
  /\btruncate\s*\(?\s*(['"])([^'"]+)\1\s*,/g,
  /\bopen\s*\(?\s*(?:my\s+)?[$\w]+\s*,\s*['"]>['"]\s*,\s*(['"])([^'"]+)\1/g,
  // Perl's two-argument `open F, ">f"` (round 8): the mode is glued to the name.
  /\bopen\s*\(?\s*(?:my\s+)?[$\w]+\s*,\s*(['"])>(?!>)\s*([^'"&|]+)\1/g,
  /\b(?:file_put_contents|Deno\.(?:writeTextFile|writeFile|truncate)(?:Sync)?|Bun\.write)\s*\(\s*(['"`])([^'"`]+)\1/g,
  /\bfopen\(\s*(['"])([^'"]+)\1\s*,\s*(['"])w[b+]?\3/g,
];

/**
 * Code that puts another file in a file's place: Python `os.replace(a, b)`, `os.rename`, `shutil.copyfile`,
 * `shutil.copy`, `shutil.move`; Node `fs.renameSync(a, b)`, `fs.copyFileSync`, `fs.cpSync`; Ruby
 * `FileUtils.cp`/`mv`, `File.rename`; PHP `rename`/`copy`. What the destination held is gone.
 */
const REPLACING_CALLS =
  /\b(?:os\.(?:replace|rename)|shutil\.(?:copyfile|copy2?|move)|(?:fs\.|fsp\.|promises\.)?(?:renameSync|copyFileSync|cpSync|rename|copyFile)|FileUtils\.(?:cp|mv|copy|move|copy_file)|File\.rename|Deno\.(?:rename|copyFile)(?:Sync)?|rename|copy)\s*\(\s*(['"`])[^'"`]*\1\s*,\s*(['"`])([^'"`]+)\2/g;

/** The files a Python, JavaScript, Ruby, Perl or PHP snippet opens for writing from the start or puts another file in the place of (the clobber pack asks about uncommitted ones too). */
export function emptiedBySnippet(snippet: CodeSnippet): ArgWord[] {
  if (!['python', 'javascript', 'ruby', 'perl', 'php'].includes(snippet.language)) return [];
  const paths: ArgWord[] = [];
  for (const re of EMPTYING_CALLS) for (const m of snippet.text.matchAll(re)) if (paths.length < 20) paths.push(word(m[2] ?? ''));
  for (const m of snippet.text.matchAll(REPLACING_CALLS)) if (paths.length < 20) paths.push(word(m[3] ?? ''));
  return paths;
}

/** Whether the file is there to lose (a copy or rename to a new name loses nothing); unknown counts as there. */
function present(text: string, inv: Invocation, ctx: RuleContext): boolean {
  const abs = resolvePath(resolvePath(ctx.facts.cwd, inv.cwd, ctx.facts.home), text, ctx.facts.home);
  if (ctx.facts.readFile(abs) !== undefined) return true;
  const slash = abs.lastIndexOf('/');
  const listing = ctx.facts.listDir(abs.slice(0, Math.max(1, slash)));
  return listing === undefined || listing.includes(basename(abs));
}

function checkSnippet(snippet: CodeSnippet, ctx: RuleContext): Finding[] {
  const paths = emptiedBySnippet(snippet).filter((w) => present(w.text, snippet.runner, ctx));
  return paths.length === 0 ? [] : untrackedFindings(paths, snippet.runner, ctx, `${snippet.runner.name} code overwrites`);
}

const BY_NAME: Record<string, (spec: ToolSpec, inv: Invocation, ctx: RuleContext) => Finding[]> = ownTable({
  rsync,
  rimraf: deleters,
  'del-cli': deleters,
  del: deleters,
  trash: deleters,
  'trash-cli': deleters,
  'trash-put': deleters,
  srm: deleters,
  wipe: deleters,
  // `gio trash PATH…` and `gio remove PATH…` are judged like trash-put (gio itself stays unknown, so its reads keep their judgement).
  gio: (spec, inv, ctx) => (/^(trash|remove|rm)$/.test(inv.args[0]?.text ?? '') && !inv.args.some((a) => /^--(empty|list|restore)$/.test(a.text)) ? deleters(spec, { ...inv, args: inv.args.slice(1) }, ctx) : []),
  rm: singleFiles,
  mv: moveRepository,
  unlink: singleFiles,
  shred: singleFiles,
});

export const localDataPack: RulePack = {
  id: 'local-data',
  title: 'Data git cannot restore (env files, local databases, keys), rimraf/del-cli/trash, rsync --delete',
  commands: Object.keys(BY_NAME),
  checkInvocation(inv: Invocation, ctx: RuleContext): Finding[] {
    const spec = toolNamed(inv.name === 'gio' ? 'trash-put' : inv.name);
    const check = BY_NAME[inv.name];
    return spec && check ? check(spec, inv, ctx) : [];
  },
  checkSnippet,
};
