import { ownTable } from '../../ownTable';
import type { Invocation } from '../../policy/types';
import { readingsOf, toolArgs } from '../../registry/commandModel';
import { git } from '../../registry/tools/git';
import type { ToolArgs } from '../../registry/types';

/**
 * Programs git runs on the agent's behalf: settings that name a command (`core.fsmonitor`,
 * `core.pager`, `core.sshCommand`, `diff.external`, filter drivers, `alias.x = !…`,
 * `credential.helper`, `gpg.program`, `core.hooksPath` …), given for one run (`git -c k=v`,
 * `GIT_CONFIG_*`, `GIT_SSH_COMMAND`), written into a config (`git config k v`, a `.git/config` write),
 * and the subcommands that run a command line (`bisect run`, `rebase --exec`, `submodule foreach`,
 * `filter-branch --tree-filter`, `ext::` remotes, `--upload-pack`). Each becomes a program line for
 * payload.ts to judge as if it ran, with where it is set and when git runs it.
 */

export interface GitProgram {
  /** A command line (`shell`), or a folder of hooks (`hooks`). */
  kind: 'shell' | 'hooks' | 'include';
  text: string;
  key: string;
  where: string;
  when: string;
}

const BOOLEAN = /^(true|false|yes|no|on|off|1|0|)$/i;

/** When git runs the program a key names, for people. */
function whenOf(key: string): string | undefined {
  const k = key.toLowerCase();
  if (k === 'core.hookspath') return 'whenever git runs its hooks (commit, checkout, merge, push)';
  if (k === 'include.path' || /^includeif\..+\.path$/.test(k)) return 'whenever git reads its settings (the included file may name programs)';
  if (k === 'init.templatedir') return 'in every repository git creates or clones from then on (its hooks)';
  if (k === 'core.fsmonitor') return 'on every git status, diff or add';
  if (k === 'core.pager' || k.startsWith('pager.')) return 'whenever git pages its output';
  if (k === 'core.editor' || k === 'sequence.editor') return 'whenever git opens an editor';
  if (k === 'core.sshcommand' || k === 'core.gitproxy' || /^remote\..+\.(uploadpack|receivepack)$/.test(k)) return 'on every fetch or push';
  if (k === 'core.askpass' || k === 'credential.helper' || /^credential\..+\.helper$/.test(k)) return 'whenever git needs credentials';
  if (k === 'diff.external' || /^diff\..+\.(textconv|command)$/.test(k) || /^difftool\..+\.cmd$/.test(k)) return 'whenever git shows a diff';
  // `merge.<name>.cmd` is no key git reads, but a tool that reads merge tools by that spelling would run it: judged alike.
  if (/^merge\..+\.(driver|cmd)$/.test(k) || /^mergetool\..+\.cmd$/.test(k)) return 'whenever git merges';
  if (/^filter\..+\.(clean|smudge|process)$/.test(k)) return 'whenever git adds or checks out files that use the filter';
  if (k === 'gpg.program' || /^gpg\..+\.program$/.test(k) || k === 'gpg.ssh.defaultkeycommand') return 'whenever git signs or verifies';
  // Round 9: run on every fetch or push to list the alternates' refs.
  if (k === 'core.alternaterefscommand') return 'on every fetch or push from a repository with alternates';
  if (k === 'uploadpack.packobjectshook') return 'whenever git serves a fetch';
  if (k.startsWith('alias.')) return `when \`git ${key.slice(6)}\` runs`;
  if (/^(web\.browser|browser\..+\.(cmd|path)|man\..+\.(cmd|path))$/.test(k)) return 'when git opens help';
  if (/^sendemail\.(smtpserver|.*cmd)$/.test(k)) return 'when git sends mail';
  if (k === 'interactive.difffilter') return 'whenever git add -p or checkout -p shows a diff';
  if (/^submodule\..+\.update$/.test(k)) return 'on every git submodule update';
  if (k === 'imap.tunnel') return 'when git imap-send runs';
  if (/^protocol\.(ext\.)?allow$/.test(k)) return 'whenever git fetches from an ext:: address, which runs the command in the address';
  return undefined;
}

/** The program line a key's value runs, or undefined when the value runs nothing. */
function programOf(key: string, value: string): GitProgram | undefined {
  const when = whenOf(key);
  if (!when) return undefined;
  const k = key.toLowerCase();
  const v = value.trim();
  if (k === 'core.hookspath') return { kind: 'hooks', text: v, key, where: `git's ${key} setting`, when };
  if (k === 'init.templatedir') return { kind: 'hooks', text: v.replace(/\/+$/, '') + '/hooks', key, where: `git's ${key} setting`, when };
  if (k === 'include.path' || /^includeif\..+\.path$/.test(k)) return { kind: 'include', text: v, key, where: `git's ${key} setting`, when };
  if (/^submodule\..+\.update$/.test(k)) return v.startsWith('!') ? { kind: 'shell', text: v.slice(1), key, where: `git's ${key} setting`, when } : undefined;
  // `protocol.ext.allow always`: ext:: remotes run the command they name; the program is whatever a later address says.
  if (/^protocol\.(ext\.)?allow$/.test(k)) return /^(always|user)$/i.test(v) && (k === 'protocol.ext.allow' || /always/i.test(v)) ? { kind: 'shell', text: `ext-transport-${v}`, key, where: `git's ${key} setting`, when } : undefined;
  if (k.startsWith('alias.')) return v.startsWith('!') ? { kind: 'shell', text: v.slice(1), key, where: `the git alias ${key.slice(6)}`, when } : undefined;
  if (BOOLEAN.test(v)) return undefined;
  if (k === 'credential.helper' || /^credential\..+\.helper$/.test(k)) {
    if (v.startsWith('!')) return { kind: 'shell', text: v.slice(1), key, where: `git's ${key} setting`, when };
    // `store` writes every password git uses in plain text (~/.git-credentials): judged by `credentialProgram`.
    if (/^store(\s|$)/.test(v)) return { kind: 'shell', text: v, key, where: `git's ${key} setting`, when };
    // `cache --timeout=3600`, `osxkeychain`, `manager`: git-credential-<name>, a helper of its own.
    if (!v.includes('/')) return undefined;
  }
  return { kind: 'shell', text: v, key, where: `git's ${key} setting`, when };
}

/** `key=value` pairs set for one run by the environment (`GIT_CONFIG_PARAMETERS`, `GIT_CONFIG_KEY_0`…). */
function environmentPairs(assignments: Readonly<Record<string, string>>): [string, string][] {
  const pairs: [string, string][] = [];
  const params = assignments.GIT_CONFIG_PARAMETERS;
  if (params) for (const m of params.matchAll(/'([^'=]+)=([^']*)'|'([^']+)'='([^']*)'/g)) pairs.push([m[1] ?? m[3] ?? '', m[2] ?? m[4] ?? '']);
  for (const [name, key] of Object.entries(assignments)) {
    const n = /^GIT_CONFIG_KEY_(\d+)$/.exec(name);
    if (n) pairs.push([key, assignments[`GIT_CONFIG_VALUE_${n[1]}`] ?? '']);
  }
  return pairs;
}

/** Variables git reads a program from. */
const PROGRAM_VARIABLES: Readonly<Record<string, string>> = ownTable({
  GIT_SSH_COMMAND: 'core.sshCommand',
  GIT_SSH: 'core.sshCommand',
  GIT_PAGER: 'core.pager',
  GIT_EDITOR: 'core.editor',
  GIT_SEQUENCE_EDITOR: 'sequence.editor',
  GIT_EXTERNAL_DIFF: 'diff.external',
  GIT_ASKPASS: 'core.askPass',
  GIT_PROXY_COMMAND: 'core.gitProxy',
  GIT_TEMPLATE_DIR: 'init.templateDir',
});

const PROGRAM_VARIABLE_LIST = Object.entries(PROGRAM_VARIABLES);

/** Programs an invocation's environment makes git run (for git, or anything that runs git). */
export function environmentPrograms(inv: Invocation): GitProgram[] {
  const out: GitProgram[] = [];
  // Most invocations assign nothing: the variables' table is walked only when something is assigned.
  let assigns = false;
  for (const _ in inv.assignments) {
    assigns = true;
    break;
  }
  if (assigns) for (const [name, key] of PROGRAM_VARIABLE_LIST) {
    const value = inv.assignments[name];
    if (value === undefined) continue;
    const p = programOf(key, value);
    if (p) out.push({ ...p, where: `the ${name} variable`, when: `now (${inv.name})` });
  }
  // `export GIT_SSH_COMMAND='…'`: every later git in this shell runs it.
  if (/^(export|declare|typeset|readonly|setenv)$/.test(inv.name)) {
    for (const arg of inv.args) {
      const m = /^([A-Z_]+)=([\s\S]*)$/.exec(arg.text);
      const key = m ? PROGRAM_VARIABLES[m[1]!] : undefined;
      const p = key ? programOf(key, m![2]!) : undefined;
      if (p) out.push({ ...p, where: `the ${m![1]} variable (${inv.name})`, when: 'whenever git runs later in this shell' });
    }
  }
  if (assigns) for (const [key, value] of environmentPairs(inv.assignments)) {
    const p = programOf(key, value);
    if (p) out.push({ ...p, where: `git's ${key} setting (from the environment)`, when: `now (${inv.name})` });
  }
  return out;
}

const SECTIONLESS: Readonly<Record<string, string>> = ownTable({
  fsmonitor: 'core.fsmonitor', hookspath: 'core.hooksPath', pager: 'core.pager', editor: 'core.editor', sshcommand: 'core.sshCommand', askpass: 'core.askPass',
  gitproxy: 'core.gitProxy', external: 'diff.external', helper: 'credential.helper', program: 'gpg.program', packobjectshook: 'uploadpack.packObjectsHook', path: 'include.path',
});

/** Settings in the text of a git config file (`[core]\n\tfsmonitor = /tmp/x`). */
export function configFilePrograms(text: string, where: string): GitProgram[] {
  const out: GitProgram[] = [];
  let section = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const header = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"([^"]*)")?\s*\]\s*(.*)$/.exec(line);
    let body = line;
    if (header) {
      section = header[2] !== undefined ? `${header[1]}.${header[2]}` : header[1]!;
      body = header[3] ?? '';
    }
    const kv = /^([A-Za-z][A-Za-z0-9-]*)\s*(?:=\s*(.*))?$/.exec(body);
    if (!kv) continue;
    const value = (kv[2] ?? 'true').replace(/^"(.*)"$/, '$1').replace(/\\"/g, '"');
    // A fragment appended without a section joins whatever section ends the file: read it as the section that gives it a meaning.
    const key = section ? `${section}.${kv[1]}` : (SECTIONLESS[kv[1]!.toLowerCase()] ?? '');
    if (!key) continue;
    const p = programOf(key, value);
    if (p) out.push({ ...p, where: `${p.where} in ${where}` });
  }
  return out;
}

/** `git config` modes that read or remove rather than set. */
const CONFIG_READS = ['--get', '--get-all', '--get-regexp', '--get-urlmatch', '-l', '--unset', '--unset-all', '--remove-section', '--rename-section', '--show-origin', '--show-scope', '--name-only', '-e'];
const CONFIG_READ_WORDS = new Set(['get', 'list', 'unset', 'remove-section', 'rename-section', 'edit']);

/** `git config [scope] key value`, `git config set key value`, `--add`/`--replace-all`: the key and value set. */
function configSet(a: ToolArgs): { key: string; value: string; scope: string } | undefined {
  if (a.has(...CONFIG_READS)) return undefined;
  const operands = a.parsed.operands.map((w) => w.text);
  if (CONFIG_READ_WORDS.has(operands[0] ?? '')) return undefined;
  if (operands[0] === 'set') operands.shift();
  const scope = a.value('-f') ?? ['--global', '--system', '--local', '--worktree'].find((s) => a.has(s))?.slice(2) ?? 'repository';
  const [key, value] = operands;
  return key !== undefined && value !== undefined ? { key, value, scope } : undefined;
}

/** A word quoted for a shell line when it holds anything but plain characters. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Programs one `git` invocation sets or runs, in every reading of its words. */
export function gitPrograms(inv: Invocation): GitProgram[] {
  const out: GitProgram[] = environmentPrograms(inv);
  if (inv.name !== 'git') return out;
  const seen = new Set(out.map((p) => `${p.key}\0${p.text}`));
  for (const parsed of readingsOf(inv.args, git)) {
    for (const p of readingPrograms(inv, toolArgs('git', parsed, git))) {
      const id = `${p.key}\0${p.text}`;
      if (!seen.has(id)) out.push(p);
      seen.add(id);
    }
  }
  return out;
}

function readingPrograms(inv: Invocation, a: ToolArgs): GitProgram[] {
  const out: GitProgram[] = [];
  for (const option of a.parsed.options.filter((o) => o.depth === 0)) {
    for (const value of option.values) {
      if (option.name === '-c') {
        const at = value.indexOf('=');
        const p = at > 0 ? programOf(value.slice(0, at), value.slice(at + 1)) : undefined;
        if (p) out.push({ ...p, where: `git's ${p.key} setting (git -c)`, when: 'now, in this git command' });
      } else if (option.name === '--config-env') {
        const key = value.split('=')[0] ?? '';
        if (whenOf(key)) out.push({ kind: 'shell', text: `$${value.split('=')[1] ?? ''}`, key, where: `git's ${key} setting (--config-env)`, when: 'now, in this git command' });
      } else if (option.name === '--exec-path' && value !== '') {
        out.push({ kind: 'hooks', text: value, key: '--exec-path', where: "git's program folder (--exec-path)", when: 'now, for every git subcommand' });
      }
    }
  }
  const sub = a.parsed.path[0];
  const subIndex = a.parsed.pathIndexes[0];
  const texts = subIndex === undefined ? [] : inv.args.slice(subIndex + 1).map((w) => w.text);
  const operands = a.parsed.operands.map((w) => w.text);
  const now = (text: string, what: string): void => {
    out.push({ kind: 'shell', text, key: `git ${sub}`, where: what, when: 'now' });
  };
  switch (sub) {
    case 'config': {
      const set = configSet(a);
      const p = set ? programOf(set.key, set.value) : undefined;
      if (p && set) out.push({ ...p, where: `${p.where} (${set.scope} config)` });
      break;
    }
    case 'bisect':
      // bisect runs its words as a program and arguments (not a shell line): each stays one word.
      if (a.parsed.path[1] === 'run' && operands.length > 0) now(operands.map(shellWord).join(' '), 'git bisect run');
      break;
    case 'rebase':
      for (const command of a.values('-x')) now(command, 'git rebase --exec');
      break;
    case 'submodule':
      if (a.parsed.path[1] === 'foreach' && operands.length > 0) now(operands.join(' '), 'git submodule foreach');
      break;
    case 'filter-branch':
      for (const option of a.parsed.options) {
        if (!/^--(tree|index|env|parent|msg|commit|tag-name)-filter$/.test(option.name)) continue;
        for (const value of option.values) now(value, `git filter-branch ${option.name}`);
      }
      break;
    case 'grep':
      for (const pager of a.values('-O', '--open-files-in-pager')) if (pager !== '') now(pager, 'git grep --open-files-in-pager');
      break;
    case 'difftool':
    case 'mergetool': {
      const command = a.value('-x');
      if (command) now(command, `git ${sub}`);
      break;
    }
    case 'init':
      out.push(...templateHooks(a, sub));
      break;
    case 'fetch':
    case 'pull':
    case 'push':
    case 'clone':
    case 'ls-remote':
    case 'archive': {
      if (sub === 'clone') out.push(...templateHooks(a, sub));
      for (const pack of a.values('--upload-pack', '--receive-pack', '--exec')) if (!/^git-(upload|receive)-pack$/.test(pack)) now(pack, `git ${sub} --upload-pack`);
      for (const t of texts) if (t.startsWith('ext::')) now(t.slice(5).replace(/%s/g, 'git-upload-pack').replace(/%S/g, 'git-upload-pack'), `the ext:: remote of git ${sub}`);
      break;
    }
    case 'remote':
      for (const t of texts) if (t.startsWith('ext::')) out.push({ kind: 'shell', text: t.slice(5), key: 'remote', where: 'an ext:: remote', when: 'on every fetch or push' });
      break;
    default:
      break;
  }
  return out;
}

/** `git init|clone --template=DIR` (the new repository's hooks are copied from DIR/hooks), `git clone -c KEY=VALUE` (settings of the new repository). */
function templateHooks(a: ToolArgs, sub: string): GitProgram[] {
  const out: GitProgram[] = [];
  for (const dir of a.values('--template')) {
    if (dir !== '') out.push({ kind: 'hooks', text: dir.replace(/\/+$/, '') + '/hooks', key: `git ${sub} --template`, where: `the hooks of the template folder ${dir} (git ${sub} --template)`, when: 'in the new repository, on its checkout and every commit from then on' });
  }
  for (const setting of sub === 'clone' ? a.values('-c', '--config') : []) {
    // not an option reader: the option's value is a `KEY=VALUE` setting.
    const at = setting.indexOf('=');
    const p = at > 0 ? programOf(setting.slice(0, at), setting.slice(at + 1)) : undefined;
    if (p) out.push({ ...p, where: `${p.where} (git clone --config)` });
  }
  return out;
}

/** Names of git's hooks (githooks(5)), for telling a hook file from other files. */
export const GIT_HOOK_NAMES: ReadonlySet<string> = new Set([
  'applypatch-msg', 'pre-applypatch', 'post-applypatch', 'pre-commit', 'pre-merge-commit', 'prepare-commit-msg', 'commit-msg', 'post-commit',
  'pre-rebase', 'post-checkout', 'post-merge', 'pre-push', 'pre-receive', 'update', 'proc-receive', 'post-receive', 'post-update',
  'reference-transaction', 'push-to-checkout', 'pre-auto-gc', 'post-rewrite', 'sendemail-validate', 'fsmonitor-watchman', 'p4-changelist',
  'p4-prepare-changelist', 'p4-post-changelist', 'p4-pre-submit', 'post-index-change',
]);
