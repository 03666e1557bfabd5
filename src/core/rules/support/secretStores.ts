import { ownTable } from '../../ownTable';
import { isSecretKeyName } from '../../credentials/secretValues';
import { basename, resolvePath } from '../../paths';
import type { ArgWord, Facts, Finding, Invocation, RuleContext } from '../../policy/types';
import { dump, dumpTarget, hasFlag, optionValue, positionals, registryWords } from './huntCommon';
import { composeConfigOfTemplates } from './composeTemplates';
import { jqPrintsOnlyKeys } from './printsNoContent';

// ---------------------------------------------------------------------------------------------
// Tools that print what they keep: secret stores, infrastructure state, process environments

const NON_SECRET_OUTPUT = /^(id|title|name|names|label|labels|url|urls|uri|type|kind|created|updated|version|vault|tags?|category|folder|path|region|arn|status)$/i;

const JSON_FILTERS = new Set(['jq', 'yq', 'gojq', 'jaq']);

/** Does a JSON filter keep only fields that are not secrets (`jq -r ".[].name"`)? */
function narrowedToNonSecrets(filterInv: Invocation): boolean {
  const filter = filterInv.args.find((a) => !a.text.startsWith('-'))?.text ?? '';
  const fields = [...filter.matchAll(/\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] ?? '');
  return fields.length > 0 && fields.every((f) => NON_SECRET_OUTPUT.test(f)) && !/password|secret|token|totp|notes|fields|value/i.test(filter);
}

interface StoreDump {
  what: string;
  /** Names that say the environment (a stack, a vault, `--env prod`): the store is elsewhere. */
  names?: string[];
}

function terraformDump(args: readonly ArgWord[]): StoreDump | undefined {
  const p = positionals(args);
  if (p[0] === 'output' && (hasFlag(args, '-json', '--json', '-raw', '--raw') || (p[1] !== undefined && isSecretKeyName(p[1])))) return { what: 'Terraform outputs (sensitive values in plain text)', names: ['terraform'] };
  if (p[0] === 'show' && hasFlag(args, '-json', '--json')) return { what: 'the Terraform state (sensitive values in plain text)', names: ['terraform'] };
  if (p[0] === 'state' && p[1] === 'pull') return { what: 'the Terraform state', names: ['terraform'] };
  return undefined;
}

const STORE_DUMPS: Readonly<Record<string, (args: readonly ArgWord[]) => StoreDump | undefined>> = ownTable({
  terraform: terraformDump,
  tofu: terraformDump,
  terragrunt: terraformDump,
  pulumi: (a) => {
    const p = positionals(a);
    if (p[0] === 'stack' && p[1] === 'output' && hasFlag(a, '--show-secrets')) return { what: 'the Pulumi stack outputs with secrets', names: [optionValue(a, '--stack', '-s') ?? ''] };
    if (p[0] === 'config' && (p[1] === 'get' ? isSecretKeyName(p[2] ?? '') : hasFlag(a, '--show-secrets'))) return { what: `the Pulumi config ${p[1] === 'get' ? `value ${p[2]}` : 'secrets'}`, names: [optionValue(a, '--stack', '-s') ?? ''] };
    if (p[0] === 'stack' && p[1] === 'export' && hasFlag(a, '--show-secrets')) return { what: 'the Pulumi stack state with secrets', names: [optionValue(a, '--stack', '-s') ?? ''] };
    return undefined;
  },
  esc: (a) => {
    const p = positionals(a);
    if (p[0] === 'env' && (p[1] === 'open' || (p[1] === 'get' && hasFlag(a, '--show-secrets')) || p[1] === 'run')) return p[1] === 'run' ? undefined : { what: `the Pulumi ESC environment ${p[2] ?? ''}`.trim(), names: [p[2] ?? ''] };
    return undefined;
  },
  infisical: (a) => {
    const p = positionals(a);
    const env = optionValue(a, '--env', '-e') ?? '';
    if (p[0] === 'export' || (p[0] === 'secrets' && (p[1] === undefined || p[1] === 'get'))) return { what: `the Infisical secrets${env ? ` of ${env}` : ''}`, names: [env] };
    return undefined;
  },
  sops: (a) => (hasFlag(a, '-d', '--decrypt') || positionals(a)[0] === 'decrypt' ? { what: `the sops-encrypted file ${positionals(a).filter((x) => x !== 'decrypt')[0] ?? ''} decrypted`.trim() } : undefined),
  'ansible-vault': (a) => (['view', 'decrypt'].includes(positionals(a)[0] ?? '') && !(positionals(a)[0] === 'decrypt' && !hasFlag(a, '--output')) ? { what: `the Ansible vault ${positionals(a)[1] ?? ''}`.trim() } : positionals(a)[0] === 'view' ? { what: `the Ansible vault ${positionals(a)[1] ?? ''}`.trim() } : undefined),
  pass: (a) => {
    const p = positionals(a);
    if (p.length === 0 || ['ls', 'list', 'find', 'search', 'init', 'insert', 'edit', 'generate', 'rm', 'mv', 'cp', 'git', 'help', 'version'].includes(p[0] ?? '')) return undefined;
    return { what: `the password-store entry ${p[0] === 'show' ? (p[1] ?? '') : p[0]}`.trim() };
  },
  gopass: (a) => {
    const p = positionals(a);
    if (['show', 'cat', 'otp'].includes(p[0] ?? '') || (p.length === 1 && !['ls', 'list', 'find', 'search', 'sync', 'help', 'version', 'config', 'setup', 'init', 'mounts', 'recipients', 'audit', 'fsck'].includes(p[0] ?? ''))) return { what: `the gopass entry ${p[0] === 'show' || p[0] === 'cat' || p[0] === 'otp' ? (p[1] ?? '') : p[0]}`.trim() };
    return undefined;
  },
  bw: (a) => {
    const p = positionals(a);
    // A hosted vault (names: the store is elsewhere, production unless the words name another environment).
    if (p[0] === 'get' && ['password', 'totp', 'notes', 'item', 'attachment', 'exposed', 'send'].includes(p[1] ?? '')) return { what: `the Bitwarden ${p[1]} of ${p[2] ?? 'an item'}`, names: [] };
    if (p[0] === 'list' && p[1] === 'items') return { what: 'Bitwarden items with their passwords', names: [] };
    if (p[0] === 'export') return { what: 'the Bitwarden vault', names: [] };
    return undefined;
  },
  op: (a) => {
    const p = positionals(a);
    if (p[0] === 'inject') return { what: '1Password secrets rendered into a template' };
    if (p[0] === 'item' && p[1] === 'get' && hasFlag(a, '--reveal')) return undefined;
    return undefined;
  },
  'secret-tool': (a) => (['lookup', 'search'].includes(positionals(a)[0] ?? '') && (positionals(a)[0] === 'lookup' || hasFlag(a, '--unlock') || hasFlag(a, '--all')) ? { what: 'a secret from the desktop keyring' } : undefined),
  'keepassxc-cli': (a) => (['show', 'clip', 'export'].includes(positionals(a)[0] ?? '') && (positionals(a)[0] !== 'show' || hasFlag(a, '-s', '--show-protected', '-a', '--attributes')) ? { what: 'a KeePassXC entry' } : undefined),
  // Python's keyring CLI: `keyring get SERVICE USER` prints the stored password.
  keyring: (a) => (positionals(a)[0] === 'get' ? { what: 'a password from the system keyring' } : undefined),
  lpass: (a) => (positionals(a)[0] === 'show' || positionals(a)[0] === 'export' ? { what: 'a LastPass entry', names: [] } : undefined),
  chamber: (a) => (['read', 'export', 'exec'].includes(positionals(a)[0] ?? '') && positionals(a)[0] !== 'exec' ? { what: `the chamber secrets of ${positionals(a)[1] ?? 'a service'}`, names: [positionals(a)[1] ?? ''] } : undefined),
  'docker-credential-desktop': (a) => (positionals(a)[0] === 'get' || positionals(a)[0] === 'list' ? { what: 'Docker registry credentials' } : undefined),
  kubectl: (a) => {
    const p = positionals(a.filter((_x, i) => !['-o', '--output', '--context', '-n', '--namespace'].includes(a[i - 1]?.text ?? '')));
    if (p[0] === 'config' && p[1] === 'view' && hasFlag(a, '--raw', '--flatten')) return { what: 'the kubeconfig with its tokens and keys' };
    return undefined;
  },
  docker: (a) => {
    const p = positionals(a.filter((_x, i) => !['-f', '--format', '--file', '-p', '--project-name', '--env-file', '--profile'].includes(a[i - 1]?.text ?? '')));
    // `docker image inspect --format '{{json .Config.Env}}'`: the variables the image was built with (build secrets among them).
    if ((p[0] === 'inspect' || ((p[0] === 'container' || p[0] === 'image') && p[1] === 'inspect')) ) {
      const format = optionValue(a, '--format', '-f');
      // A template that names Env, or prints an object holding it (`.Config`, `json .`), not `.Config.Image`.
      if (format === undefined || /Env|\.Config(?![.\w])|\{\{-?\s*(json\s+)?\.\s*-?\}\}/.test(format)) return { what: 'the container environment (its secrets)' };
    }
    // `compose convert` is config's older name; `stack config` renders a stack's files the same way.
    if ((p[0] === 'compose' && /^(config|convert)$/.test(p[1] ?? '') || p[0] === 'stack' && p[1] === 'config') && !hasFlag(a, '--services', '--volumes', '--profiles', '--images', '--hash', '-q', '--quiet', '--networks')) return { what: 'the Compose configuration with the environment files interpolated' };
    return undefined;
  },
  'docker-compose': (a) => (/^(config|convert)$/.test(positionals(a)[0] ?? '') && !hasFlag(a, '--services', '--volumes', '--profiles', '--images', '--hash', '-q', '--quiet') ? { what: 'the Compose configuration with the environment files interpolated' } : undefined),
  ps: (a) => (processEnvironmentShown(a) ? { what: 'the environment of running processes' } : undefined),
  rails: railsDump,
  'bin/rails': railsDump,
  trufflehog: (a) => (positionals(a).length > 0 && !['--help', '--version'].some((f) => hasFlag(a, f)) ? { what: 'every secret a scanner finds, in plain text' } : undefined),
  gitleaks: (a) => (['detect', 'git', 'dir', 'directory', 'protect', 'stdin'].includes(positionals(a)[0] ?? '') && !hasFlag(a, '--redact') ? { what: 'every secret a scanner finds, in plain text' } : undefined),
  'detect-secrets': (a) => (positionals(a)[0] === 'scan' ? { what: 'every secret a scanner finds' } : undefined),
  // Other scanners that print what they find: GitGuardian's also uploads the files to its service.
  ggshield: (a) => (positionals(a)[0] === 'secret' && positionals(a)[1] === 'scan' ? { what: 'every secret the scanner finds (the files go to GitGuardian to be scanned)' } : undefined),
  noseyparker: (a) => (['scan', 'report'].includes(positionals(a)[0] ?? '') ? { what: 'every secret a scanner finds, in plain text' } : undefined),
  kingfisher: (a) => (positionals(a)[0] === 'scan' ? { what: 'every secret a scanner finds, in plain text' } : undefined),
  'git-secrets': (a) => (a.some((w) => w.text.startsWith('--scan')) ? { what: 'every line git-secrets flags, in plain text' } : undefined),
  git: (a) => (positionals(a)[0] === 'secrets' && a.some((w) => w.text.startsWith('--scan')) ? { what: 'every line git-secrets flags, in plain text' } : undefined),
});

function railsDump(args: readonly ArgWord[]): StoreDump | undefined {
  const p = positionals(args);
  if (/^credentials:(show|edit)$|^encrypted:(show|edit)$/.test(p[0] ?? '')) return { what: 'the Rails encrypted credentials' };
  if (p[0] === 'secrets:show') return { what: 'the Rails secrets' };
  if ((p[0] === 'runner' || p[0] === 'r') && /secret_key_base|credentials|secrets|master_key|ENV\[/.test(p.slice(1).join(' '))) return { what: 'Rails secrets (printed by a runner script)' };
  return undefined;
}

/** Stores that list whole items: piped into a JSON filter, the filter's stage judges what is printed. */
const LISTED_BY_ITEM = new Set(['bw', 'op', 'lpass']);

export function checkStoreDumps(inv: Invocation, ctx: RuleContext): Finding[] {
  // `bw list items | jq -r '.[].login.password'`: judged at the filter, which sees both.
  if (JSON_FILTERS.has(inv.name) && inv.stdin?.kind === 'pipe' && LISTED_BY_ITEM.has(inv.stdin.from.name)) {
    return narrowedToNonSecrets(inv) ? [] : checkStoreDumps({ ...inv.stdin.from, pipedInto: undefined }, ctx);
  }
  if (LISTED_BY_ITEM.has(inv.name) && inv.pipedInto !== undefined && JSON_FILTERS.has(inv.pipedInto)) return [];
  const name = inv.name.startsWith('docker-credential-') ? 'docker-credential-desktop' : inv.name;
  const judge = STORE_DUMPS[name];
  const found = judge?.(inv.args);
  // `terraform output -json | jq keys`: only the names of what it prints reach the screen.
  if (!found || jqPrintsOnlyKeys(inv)) return [];
  if ((name === 'docker' || name === 'docker-compose') && composeConfigOfTemplates(inv, ctx)) return [];
  if (name === 'rails' && /credentials:edit/.test(inv.args.map((a) => a.text).join(' '))) {
    // An editor session: only an EDITOR that prints (cat, less) shows the file without a human at the keyboard.
    const editor = inv.assignments.EDITOR ?? inv.assignments.VISUAL;
    if (editor === undefined || !/^(cat|less|more|head|tail|tee|bat|strings)\b/.test(basename(editor.split(/\s+/)[0] ?? ''))) return [];
  }
  const names = (found.names ?? []).filter((n) => n !== '');
  const remote = found.names !== undefined;
  const shown = [inv.name, ...inv.args.slice(0, 3).map((a) => a.text)].join(' ').slice(0, 60);
  return [dump('store-dump', `${shown} prints ${found.what}.`, dumpTarget(found.what, ctx, remote, [...names, ...inv.args.map((a) => a.text)]))];
}

/** Secret managers whose reads the credentials pack already asks about: which environment they reach. */
/** The programs remoteSecretRead knows a secret-reading subcommand of (the others' words are not read). */
const SECRET_READERS: ReadonlySet<string> = new Set(['vault', 'aws', 'az', 'gcloud', 'doppler', 'kubectl', 'oc', 'terraform', 'tofu']);

function remoteSecretRead(inv: Invocation): boolean {
  if (!SECRET_READERS.has(inv.name)) return false;
  const p = inv.name === 'gcloud' || inv.name === 'az' ? registryWords(inv.name, inv.args) : positionals(inv.args);
  switch (inv.name) {
    case 'vault':
      return p[0] === 'read' || (p[0] === 'kv' && p[1] === 'get');
    case 'aws':
      return (p[0] === 'secretsmanager' && /^(batch-)?get-secret-value$/.test(p[1] ?? '')) || (p[0] === 'ssm' && /^get-parameters?(-by-path|-history)?$/.test(p[1] ?? '') && hasFlag(inv.args, '--with-decryption'));
    case 'az':
      return p[0] === 'keyvault' && p[1] === 'secret' && (p[2] === 'show' || p[2] === 'download');
    case 'gcloud':
      return p[0] === 'secrets' && p[1] === 'versions' && p[2] === 'access';
    case 'doppler':
      return p[0] === 'secrets';
    // `kubectl get secret db -n prod -o yaml`, `kubectl get --raw /api/v1/namespaces/prod/secrets/db`.
    case 'kubectl':
    case 'oc':
      return p[0] === 'get' && p.slice(1).some((w) => /^secrets?(\/|$)|\/secrets(\/|$)/.test(w));
    case 'terraform':
    case 'tofu':
      return ['output', 'show', 'state'].includes(p[0] ?? '');
    default:
      return false;
  }
}

/** Names in a Terraform folder's backend block (`key = "prod/terraform.tfstate"`) that may say its environment. */
function terraformBackendNames(inv: Invocation, facts: Facts): string[] {
  const chdir = inv.args.find((a) => a.text.startsWith('-chdir='))?.text.slice(7);
  const dir = chdir ? resolvePath(inv.cwd || facts.cwd, chdir, facts.home) : inv.cwd || facts.cwd;
  const out = [basename(dir)];
  for (const name of (facts.listDir(dir) ?? []).filter((n) => n.endsWith('.tf')).slice(0, 16)) {
    const text = facts.readFile(`${dir}/${name}`) ?? '';
    const backend = /backend\s+"[^"]+"\s*\{([^}]*)\}/.exec(text)?.[1] ?? '';
    for (const m of backend.matchAll(/\b(key|bucket|prefix|workspace|name|organization)\s*=\s*"([^"]+)"/g)) out.push(m[2] ?? '');
  }
  return out;
}

/** An information finding that places a secret read in its environment (`secret/prod/db` is production; an SSM path `/prod/db` by its segments, not as a local path). */
export function checkSecretEnvironment(inv: Invocation, ctx: RuleContext): Finding[] {
  if (!remoteSecretRead(inv)) return [];
  const values = [...inv.args.flatMap((a) => /\/namespaces\/([^/]+)\//.exec(a.text)?.[1] ?? []), ...inv.args.flatMap((a) => (inv.name === 'aws' && a.text.startsWith('/') ? a.text.split('/').filter(Boolean) : [a.text])), ...(inv.name === 'terraform' || inv.name === 'tofu' ? terraformBackendNames(inv, ctx.facts) : [])];
  const env = ctx.environmentOf({ values, remote: true });
  if (env.environment !== 'production') return [];
  return [{
    rule: 'credentials.secret-environment',
    risk: 'production-access',
    severity: 'info',
    reason: `${inv.name} reads secrets or state of a production environment (${env.reason}).`,
    targets: [{ kind: 'credential', name: `${inv.name} ${positionals(inv.args).slice(0, 2).join(' ')}`.trim(), remote: true, environment: env.environment, environmentReason: env.reason }],
  }];
}

/** `ps e`, `ps eww`, `ps auxe`, `ps -E`: the environment of every process beside its command line. */
export function processEnvironmentShown(args: readonly ArgWord[]): boolean {
  // BSD-style option words (`ps auxe`, `ps eww`) with `e` show each process's environment; a value of a
  // selecting or formatting option (`-C node`, `-o pid,args`, `--sort user`) is not an option word.
  return args.some((a, i) => {
    if (a.text === '-E') return true;
    if (i > 0 && PS_VALUE_OPTION.test(args[i - 1]!.text)) return false;
    return /^[a-zA-Z]+$/.test(a.text) && a.text.includes('e');
  });
}

/** ps options (procps) whose value is the next word. */
const PS_VALUE_OPTION = /^(-[CGgOopqstUu]|--(?:cols|columns|context|format|group|Group|lines|pid|ppid|quick-pid|rows|sid|sort|tty|user|User|width))$/;
