/**
 * Clients pointed at a configuration file that is not their own default: `kubectl --kubeconfig F`,
 * `KUBECONFIG=F` / `AWS_CONFIG_FILE=F` (for one command or exported), `ssh -F F`, `curl -K F`,
 * `XDG_CONFIG_HOME=D git …`, `NPM_CONFIG_USERCONFIG=F npm …`. Such files name programs the client
 * runs (a kubeconfig's `exec` credential plugin, the AWS CLI's `credential_process`, ssh's
 * `ProxyCommand`/`LocalCommand`) or requests it makes (curl's `data = @file`, `url = …`). The file is
 * read and what it runs is judged as if it ran now; a file the hook cannot read asks. The default
 * files are protected where they are written (rules/perimeter/protectedPaths.ts).
 */

import { ownTable } from '../../ownTable';
import { resolvePath } from '../../paths';
import { parsedArgs, toolArgs, toolNamed } from '../../registry/commandModel';
import { freeFormReadings } from '../../registry/freeForm';
import type { ArgWord } from '../types';
import type { Exec, Walker } from './context';
import { sendEnvFor, sshConfigRemoteCommands, withIncludes } from './sshConfigRemote';

type Kind = 'kube' | 'aws' | 'ssh' | 'curl' | 'git' | 'npm' | 'urls' | 'terraform' | 'wgetrc';

/** Variables naming a client's configuration file (or, for XDG_CONFIG_HOME, the folder of git's). */
const VARIABLES: Readonly<Record<string, Kind>> = ownTable({
  KUBECONFIG: 'kube', AWS_CONFIG_FILE: 'aws', AWS_SHARED_CREDENTIALS_FILE: 'aws', XDG_CONFIG_HOME: 'git', NPM_CONFIG_USERCONFIG: 'npm', npm_config_userconfig: 'npm',
  // Terraform's and OpenTofu's CLI configuration: registry hosts, provider installation, credentials helpers (round 9).
  TF_CLI_CONFIG_FILE: 'terraform', TERRAFORM_CONFIG: 'terraform', TOFU_CLI_CONFIG_FILE: 'terraform',
  // wget's startup file named by a variable (its manual, "Startup File").
  WGETRC: 'wgetrc',
});
/** Options (read through each tool's registry entry) naming a configuration file. */
const OPTIONS: Readonly<Record<string, { names: readonly string[]; kind: Kind }>> = ownTable({
  kubectl: { names: ['--kubeconfig'], kind: 'kube' }, helm: { names: ['--kubeconfig'], kind: 'kube' }, ssh: { names: ['-F'], kind: 'ssh' }, curl: { names: ['-K', '--config'], kind: 'curl' },
  // A list of addresses to fetch, one a line: each is judged as a request of its own.
  wget: { names: ['-i', '--input-file'], kind: 'urls' }, aria2c: { names: ['-i', '--input-file'], kind: 'urls' },
  npm: { names: ['--userconfig', '--globalconfig'], kind: 'npm' },
});
/** The files each client reads anyway. */
const DEFAULTS: Readonly<Record<Kind, readonly string[]>> = {
  kube: ['~/.kube/config'], aws: ['~/.aws/config', '~/.aws/credentials'], ssh: ['~/.ssh/config'], curl: ['~/.curlrc'], git: ['~/.config'], npm: ['~/.npmrc'], urls: [], terraform: ['~/.terraformrc'], wgetrc: ['~/.wgetrc'],
};
/** Credential plugins kubeconfigs name by design (EKS, GKE, AKS, OIDC). */
const KUBE_PLUGINS = /^(aws|aws-iam-authenticator|gke-gcloud-auth-plugin|gcloud|kubelogin|az|doctl|oci|kubectl|kubectl-oidc_login|kubectl-oidc-login|teleport|tsh|pinniped|vault)$/;

const MAX_FILE = 64_000;
const active = new Set<string>();

function quote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `args: ["-c", "x"]` or a block list under `args:`: the words, unquoted. */
function yamlList(text: string): string[] {
  const flow = /^\s*\[([\s\S]*)\]\s*$/.exec(text);
  const items = flow ? flow[1]!.match(/"(?:[^"\\]|\\.)*"|'[^']*'|[^,\s][^,]*/g) ?? [] : [...text.matchAll(/^\s*-\s*(.+)$/gm)].map((m) => m[1]!);
  return items.map((i) => i.trim().replace(/^"([\s\S]*)"$/, (_m, s: string) => s.replace(/\\"/g, '"')).replace(/^'([\s\S]*)'$/, '$1'));
}

/** The text of the `{…}` starting at `open`, quotes respected (to the end when unbalanced). */
function balancedBraces(text: string, open: number): string {
  let depth = 0;
  let quoteChar: string | undefined;
  for (let i = open; i < text.length && i < open + MAX_FILE; i++) {
    const c = text[i]!;
    if (quoteChar !== undefined) {
      if (c === '\\') i++;
      else if (c === quoteChar) quoteChar = undefined;
    } else if (c === '"' || c === "'") quoteChar = c;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return text.slice(open, i + 1);
  }
  return text.slice(open);
}

/** The command lines a configuration file makes its client run, or requests it makes (as a curl line). */
function programsIn(kind: Kind, text: string, _name: string, args: readonly ArgWord[]): string[] {
  const out: string[] = [];
  if (kind === 'kube') {
    for (const m of text.matchAll(/^(\s*)exec:\s*\n((?:\1\s+.*\n?)*)/gm)) {
      const block = m[2]!;
      const command = /^\s*command:\s*["']?([^"'\n]+?)["']?\s*$/m.exec(block)?.[1];
      if (!command) continue;
      const argsInline = /^\s*args:\s*(\[.*\])\s*$/m.exec(block)?.[1];
      const argsBlock = /^(\s*)args:\s*\n((?:\1\s*-.*\n?)*)/m.exec(block)?.[2];
      const args = argsInline ? yamlList(argsInline) : argsBlock ? yamlList(argsBlock) : [];
      // A plugin asked for a token hands it to kubectl, not to the agent.
      if (KUBE_PLUGINS.test(command.split('/').pop() ?? '') && (args.length === 0 || args.some((a) => /^(get-token|token|get-credentials|config-helper)$/.test(a)))) continue;
      out.push([command, ...args].map(quote).join(' '));
    }
    // Flow style and JSON (`user: {exec: {command: sh, args: ["-c", "…"]}}`, `"exec": {"command": …}`).
    for (const m of text.matchAll(/["']?exec["']?\s*:\s*\{/g)) {
      const block = balancedBraces(text, m.index! + m[0].length - 1);
      const command = /["']?command["']?\s*:\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^,}\s]+)/.exec(block)?.[1]?.replace(/^["']|["']$/g, '');
      if (!command) continue;
      const argsFlow = /["']?args["']?\s*:\s*(\[[^\]]*\])/.exec(block)?.[1];
      const args = argsFlow ? yamlList(argsFlow) : [];
      if (KUBE_PLUGINS.test(command.split('/').pop() ?? '') && (args.length === 0 || args.some((a) => /^(get-token|token|get-credentials|config-helper)$/.test(a)))) continue;
      out.push([command, ...args].map(quote).join(' '));
    }
  } else if (kind === 'aws') {
    for (const m of text.matchAll(/^\s*credential_process\s*=\s*(.+)$/gm)) out.push(m[1]!);
  } else if (kind === 'ssh') {
    for (const m of text.matchAll(/^\s*(?:ProxyCommand|LocalCommand|KnownHostsCommand)\s*(?:=|\s)\s*(.+)$/gim)) if (!/^none$/i.test(m[1]!.trim())) out.push(m[1]!.replace(/%[%hnprCdiklLTu]/g, 'x'));
    for (const m of text.matchAll(/^\s*Match\s+(?:\S+\s+)*?exec\s+("[^"]*"|\S+)/gim)) out.push(m[1]!.replace(/^"|"$/g, '').replace(/%[%hnprCdiklLTu]/g, 'x'));
  } else if (kind === 'urls') {
    for (const line of text.split('\n').slice(0, 64)) if (/^\s*[a-z][\w+.-]*:\/\/\S+/i.test(line)) out.push(['curl', line.trim().split(/\s+/)[0] as string].map(quote).join(' '));
  } else if (kind === 'curl') {
    const words: string[] = [];
    for (const line of text.split('\n')) {
      // A long option without its dashes (`data = @f`), or a short one as written (`-d @f`, curl's manual: "-K, --config").
      const short = /^\s*(-[A-Za-z0-9#:])\s*("(?:[^"\\]|\\.)*"|\S+)?\s*$/.exec(line);
      const m = short ?? /^\s*(?:--)?([A-Za-z][\w-]*)\s*(?:[=:]\s*|\s+)?("(?:[^"\\]|\\.)*"|\S+)?\s*$/.exec(line);
      if (!m || line.trim().startsWith('#')) continue;
      words.push(short ? m[1]! : `--${m[1]!}`);
      if (m[2] !== undefined) words.push(m[2].replace(/^"|"$/g, ''));
    }
    // What the file adds joins the command line's own words (its URL, `--variable %NAME` the file expands).
    if (words.length > 0) out.push(['curl', ...ownWords(args, /^(-K|--config)$/), ...words].map(quote).join(' '));
  } else if (kind === 'wgetrc') {
    // Each `name = value` line is the wgetrc command `-e` runs (wget's manual, "Wgetrc Commands").
    const commands = text.split('\n').filter((l) => /^\s*[A-Za-z_-]+\s*=/.test(l)).slice(0, 64).flatMap((l) => ['-e', l.trim()]);
    if (commands.length > 0) out.push(['wget', ...commands, ...ownWords(args, /^--config$/)].map(quote).join(' '));
  }
  if (kind === 'ssh') {
    // `SendEnv NAME` for this host: the line as an ssh option (judged by what it sends and to whom).
    const tool = _name === 'ssh' ? toolNamed('ssh') : undefined;
    const host = tool ? toolArgs('ssh', parsedArgs(args, tool), tool).operand(0) : undefined;
    const sent = host === undefined ? [] : sendEnvFor(text, host.replace(/^ssh:\/\//, '').replace(/^[^@]*@/, '').replace(/:\d+$/, ''));
    if (sent.length > 0 && host !== undefined) out.push(['ssh', '-o', `SendEnv=${sent.join(',')}`, host].map(quote).join(' '));
  }
  return out;
}

/** The invocation's words without the option naming the file (`-K F`, `--config=F`), read by the free-form grammar. */
function ownWords(args: readonly ArgWord[], option: RegExp): string[] {
  const left = new Set<number>();
  for (const o of freeFormReadings(args).valued.options) {
    if (!option.test(o.name) && !option.test(o.written)) continue;
    left.add(o.index);
    for (const w of o.valueWords) left.add(args.indexOf(w));
  }
  return args.filter((_a, i) => !left.has(i)).map((a) => a.text);
}

/** git's settings that run programs, and npm's that load code or fetch elsewhere: such a file is not judged line by line here, it asks. */
const GIT_OR_NPM_PROGRAMS = /^\s*(fsmonitor|hookspath|pager|editor|sshcommand|askpass|gitproxy|external|helper|program|textconv|clean|smudge|process|driver|cmd|packobjectshook|path|node-options|script-shell|onload-script|registry|prefix|.*insteadof)\s*=|^\s*\w+\s*=\s*!/im;

/** Terraform CLI configuration blocks that send tokens or fetch provider code elsewhere. */
const TERRAFORM_REDIRECTS = /^\s*(host|provider_installation|credentials_helper)\b/m;

function pointers(name: string, args: ArgWord[], exec: Exec): { kind: Kind; word: ArgWord | string; how: string }[] {
  const out: { kind: Kind; word: ArgWord | string; how: string }[] = [];
  for (const [variable, value] of Object.entries(exec.assignments)) {
    const kind = VARIABLES[variable];
    if (kind) out.push({ kind, word: value, how: `${variable}=` });
  }
  if (name === 'export' || name === 'declare' || name === 'typeset') {
    for (const a of args) {
      const m = /^([A-Za-z_]\w*)=([\s\S]*)$/.exec(a.text);
      const kind = m ? VARIABLES[m[1]!] : undefined;
      if (kind) out.push({ kind, word: a.dynamic ? { ...a, text: m![2]! } : m![2]!, how: `${name} ${m![1]}=` });
    }
  }
  // curl reads `.curlrc` from CURL_HOME, then HOME; wget `.wgetrc` from HOME (their manuals).
  const home = name === 'curl' ? exec.assignments.CURL_HOME ?? exec.assignments.HOME : name === 'wget' || name === 'wget2' ? exec.assignments.HOME : undefined;
  if (home !== undefined && home !== '') out.push({ kind: name === 'curl' ? 'curl' : 'wgetrc', word: `${home.replace(/\/+$/, '')}/${name === 'curl' ? '.curlrc' : '.wgetrc'}`, how: `${exec.assignments.CURL_HOME !== undefined && name === 'curl' ? 'CURL_HOME' : 'HOME'}=` });
  if (name === 'wget' || name === 'wget2') {
    for (const o of freeFormReadings(args).valued.options) {
      const word = o.valueWords[0];
      if (o.name === '--config' && word !== undefined && o.values[0] !== undefined) out.push({ kind: 'wgetrc', word: { ...word, text: o.values[0] }, how: `${name} --config` });
    }
  }
  const option = OPTIONS[name];
  const spec = option ? toolNamed(name) : undefined;
  if (option && spec) for (const v of toolArgs(name, parsedArgs(args, spec), spec).values(...option.names)) out.push({ kind: option.kind, word: v, how: `${name} ${option.names[0]}` });
  return out;
}

/** Judge the configuration files an invocation points its client at. */
export function clientConfigPointers(w: Walker, name: string, args: ArgWord[], exec: Exec): void {
  for (const p of pointers(name, args, exec)) {
    const text = typeof p.word === 'string' ? p.word : p.word.text;
    const dynamic = typeof p.word !== 'string' && p.word.dynamic ? true : /\$|`/.test(text);
    const home = w.facts.home;
    const files = dynamic ? [] : text.split(p.kind === 'kube' ? ':' : /\n/).filter((f) => f !== '').map((f) => resolvePath(exec.cwd, f, home));
    const defaults = DEFAULTS[p.kind].map((d) => resolvePath(exec.cwd, d, home));
    if (!dynamic && files.every((f) => defaults.includes(f))) continue;
    if (dynamic) {
      w.addOpaque(`${p.how} points ${name} at a configuration named at run time, whose settings may run programs`, w.viaOf(exec));
      continue;
    }
    for (const file of files) {
      if (defaults.includes(file)) continue;
      const path = p.kind === 'git' ? file + '/git/config' : file;
      const content = w.readFile(path, w.viaOf(exec));
      if (content === undefined) {
        w.addOpaque(`${p.how} points ${name} at ${path}, a configuration the hook cannot read now, whose settings may run programs`, w.viaOf(exec));
        continue;
      }
      const body = p.kind === 'ssh' ? withIncludes(w, exec, content.slice(0, MAX_FILE), path) : content.slice(0, MAX_FILE);
      if (p.kind === 'terraform') {
        if (TERRAFORM_REDIRECTS.test(body)) w.addOpaque(`${p.how} points ${name} at ${path}, a CLI configuration that moves registry hosts, installs providers from elsewhere or hands tokens to a helper program`, w.viaOf(exec));
        continue;
      }
      if (p.kind === 'git' || p.kind === 'npm') {
        if (GIT_OR_NPM_PROGRAMS.test(body)) w.addOpaque(`${p.how} points ${name} at ${path}, a configuration whose settings run programs or fetch from elsewhere`, w.viaOf(exec));
        continue;
      }
      // The programs run with the same environment: a file being judged is not judged again inside itself.
      if (active.has(path)) continue;
      active.add(path);
      try {
        for (const line of programsIn(p.kind, body, name, args)) w.analyzeText(line, w.childScope(exec, `${p.how} ${path}`));
        if (p.kind === 'ssh') sshConfigRemoteCommands(w, name, args, exec, body, path);
      } finally {
        active.delete(path);
      }
    }
  }
}
