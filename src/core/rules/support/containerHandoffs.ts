import { environmentOfName } from '../../policy/production';
import { basename, resolvePath } from '../../paths';
import type { CredentialFileInfo, Facts, Finding, Invocation, RuleContext } from '../../policy/types';
import { invocationCommand, toolArgs } from '../../registry/commandModel';
import { containerArgv } from '../../registry/tools/dockerRun';
import { readFinding } from '../credentials';
import { credentialTarget, infoFor } from './credentialPaths';

/**
 * Secrets handed to a container whose code nobody here vouched for: the home folder or a credential
 * store bind-mounted into it (`-v $HOME:/home`), a production environment file (`--env-file
 * .env.production`) or this shell's cloud keys (`-e AWS_SECRET_ACCESS_KEY`) passed in, a folder holding
 * credential files served by a web server image on a published port, and a folder holding credential
 * files copied into a container or pod (`kubectl cp legacy api-0:/tmp`). The engines' options are read
 * through their registry entries. Official images (`nginx`, `postgres`) and the clouds' own CLI images
 * (`amazon/aws-cli` given `~/.aws`) are the documented way to hand them credentials.
 */

const ENGINES = new Set(['docker', 'podman', 'nerdctl']);

/** Images the clouds publish for their own CLIs: handing them that cloud's credentials is their documented use. */
const CLI_IMAGES = /^(amazon\/aws-cli|public\.ecr\.aws\/aws-cli\/aws-cli|google\/cloud-sdk|gcr\.io\/google\.com\/cloudsdktool\/[\w.-]+|mcr\.microsoft\.com\/azure-cli|hashicorp\/(terraform|vault|packer)|opentofu\/opentofu|ghcr\.io\/opentofu\/opentofu|pulumi\/pulumi[\w-]*|bitnami\/kubectl|alpine\/(kubectl|helm)|flyio\/flyctl|localstack\/localstack)$/;

/** Web server images and the folders they serve. */
const WEB_SERVERS = /^(nginx|nginxinc\/[\w-]+|httpd|caddy|lighttpd|[\w.-]+\/lighttpd|halverneus\/static-file-server|pierrezemb\/gostatic|joseluisq\/static-web-server|svenstaro\/miniserve)$/;

/** Variables that are a cloud account's own keys (not an application's settings). */
const CLOUD_KEYS = /^(AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|AZURE_CLIENT_SECRET|ARM_CLIENT_SECRET|GOOGLE_APPLICATION_CREDENTIALS|GOOGLE_CREDENTIALS|DIGITALOCEAN_(ACCESS_)?TOKEN|CLOUDFLARE_API_TOKEN|HCLOUD_TOKEN|GITHUB_TOKEN|GH_TOKEN|NPM_TOKEN|VAULT_TOKEN)$/;

function repository(image: string): string {
  const bare = image.split('@')[0]!;
  const tag = bare.lastIndexOf(':');
  const name = tag > bare.lastIndexOf('/') ? bare.slice(0, tag) : bare;
  return name.replace(/^(docker\.io\/|index\.docker\.io\/)/, '').replace(/^library\//, '');
}

/** An official library image (`node`, `postgres`): no namespace. */
const isOfficial = (repo: string): boolean => !repo.includes('/');

function hostFolder(spec: string, cwd: string, facts: Facts): { host: string; inside: string } | undefined {
  const bind = /(?:^|,)(?:src|source)=([^,]+)/.exec(spec);
  const [host, inside] = bind ? [bind[1], /(?:^|,)(?:dst|destination|target)=([^,]+)/.exec(spec)?.[1]] : spec.split(':');
  if (!host || !inside || !/^[/~.$]/.test(host)) return undefined;
  const expanded = host.replace(/^(\$HOME|\$\{HOME\}|~)(?=\/|$)/, facts.home).replace(/^(\$PWD|\$\{PWD\}|\$\(pwd\))(?=\/|$)/, cwd);
  if (/[$`]/.test(expanded)) return undefined;
  return { host: resolvePath(cwd, expanded, facts.home).replace(/\/+$/, '') || '/', inside };
}

/** Credential files a host path holds: the file itself, or the first few in the folder. */
function credentialsAt(path: string, facts: Facts): CredentialFileInfo[] {
  const info = infoFor(path, facts);
  if (info) return [info];
  if (!facts.credentials || facts.fileStatus?.(path) !== 'directory') return [];
  return facts.credentials.filesUnder(path).slice(0, 4);
}

/** Images whose default command is a shell (`docker run -it alpine`): nothing after the image opens one. */
const SHELL_IMAGES = /^(alpine|busybox|ubuntu|debian|fedora|centos|rockylinux|almalinux|amazonlinux|archlinux|opensuse\/[\w.-]+|oraclelinux|photon|clearlinux)$/;
const SHELLS = /^(\S*\/)?(sh|bash|zsh|dash|ash|ksh|mksh|fish)$/;

/** The container's command is a shell given nothing to run (`alpine sh`, `bash -l`, `ubuntu` alone): what is typed there next is not seen here. */
function bareShell(argv: readonly { text: string }[], repo: string): boolean {
  if (argv.length === 0) return SHELL_IMAGES.test(repo);
  return SHELLS.test(argv[0]!.text) && argv.slice(1).every((w) => /^-(l|i|il|li|-login|-interactive)$/.test(w.text));
}

/** Services started with a production environment file (`docker compose --env-file .env.production up -d`): their images get every secret in it. */
function composeHandoffs(inv: Invocation, a: ReturnType<typeof toolArgs>, verb: string | undefined, ctx: RuleContext): Finding[] {
  if (!verb || !/^(up|run|create|start|restart|watch)$/.test(verb)) return [];
  const cwd = inv.cwd || ctx.facts.cwd;
  for (const file of a.values('--env-file')) {
    const info = infoFor(resolvePath(cwd, file, ctx.facts.home), ctx.facts);
    if (info && environmentOfName(basename(file)) === 'production') return [{ ...readFinding('hands over', info, `${inv.name} compose ${verb} (as the environment of every service it starts, whatever their images run)`), rule: 'credentials.container-handoff' }];
  }
  return [];
}

function runHandoffs(inv: Invocation, ctx: RuleContext): Finding[] {
  const command = invocationCommand(inv);
  if (!command) return [];
  const { tool, parsed } = command;
  const verb = parsed.path[parsed.path.length - 1];
  if (parsed.path[0] === 'compose') return composeHandoffs(inv, toolArgs(inv.name, parsed, tool), verb, ctx);
  if (verb !== 'run' && verb !== 'create') return [];
  const a = toolArgs(inv.name, parsed, tool);
  const image = a.operand(0);
  if (image === undefined) return [];
  const repo = repository(image);
  const vouched = isOfficial(repo) || CLI_IMAGES.test(repo);
  const facts = ctx.facts;
  const cwd = inv.cwd || facts.cwd;
  const where = `${inv.name} ${verb} ${image.slice(0, 60)}`;
  const out: Finding[] = [];
  const mounts = a.values('-v', '--volume', '--mount').map((s) => hostFolder(s, cwd, facts)).filter((m) => m !== undefined);
  const home = facts.home.replace(/\/+$/, '');
  for (const m of mounts) {
    // The whole home folder, or a folder above it: every credential store of this account.
    if (!vouched && home !== '' && (m.host === home || home.startsWith(m.host === '/' ? '/' : m.host + '/'))) {
      out.push({ rule: 'credentials.container-handoff', risk: 'credential-read', severity: 'ask', reason: `${where} mounts ${m.host === home ? 'the home folder' : m.host} into the container: its code can read every credential store there (~/.ssh, ~/.aws, tokens).`, targets: [{ kind: 'credential', name: m.host === home ? '~' : m.host, remote: false, environment: 'local', environmentReason: 'this machine' }] });
      continue;
    }
    const files = vouched ? [] : credentialsAt(m.host, facts);
    if (files[0]) out.push({ ...readFinding('hands over', files[0], `${where} (a bind mount into an image nobody here vouched for)`), rule: 'credentials.container-handoff' });
    // A web server image publishing a folder that holds credential files.
    if (WEB_SERVERS.test(repo) && a.has('-p', '--publish', '-P', '--publish-all', '--network', '--net')) {
      const served = credentialsAt(m.host, facts);
      if (served[0]) out.push({ rule: 'credentials.sent-out', risk: 'credential-read', severity: 'ask', reason: `${where} serves ${m.host} on a published port, with ${served[0].path} (${served[0].label}) in it.`, targets: served.map(credentialTarget) });
    }
  }
  for (const file of vouched ? [] : a.values('--env-file')) {
    const info = infoFor(resolvePath(cwd, file, facts.home), facts);
    if (info && environmentOfName(basename(file)) === 'production') out.push({ ...readFinding('hands over', info, `${where} (as its environment, to an image nobody here vouched for)`), rule: 'credentials.container-handoff' });
  }
  // An image vouched for still runs what it is told: a bare shell given this machine's credentials runs, past
  // this guard, whatever is typed there next, with the keys at hand to reach any host (round 18).
  if (vouched && out.length === 0 && bareShell(containerArgv(a), repo)) out.push(...shellHandoffs(a, mounts, where, cwd, facts));
  if (!CLI_IMAGES.test(repo)) {
    const passed = a.values('-e', '--env').map((e) => e.split('=')[0] ?? '').filter((name) => CLOUD_KEYS.test(name));
    if (passed[0]) {
      out.push({ rule: 'credentials.container-handoff', risk: 'credential-read', severity: 'ask', reason: `${where} passes $${passed[0]}${passed.length > 1 ? ` and ${passed.length - 1} more cloud key${passed.length > 2 ? 's' : ''}` : ''} into a container whose image is not that cloud's own CLI.`, targets: [{ kind: 'credential', name: `$${passed[0]}`, remote: false, environment: 'local', environmentReason: 'a secret of this machine' }] });
    }
  }
  return out;
}

/** What a vouched image's bare shell is handed: a folder holding credential files, the home folder, a production environment file. */
function shellHandoffs(a: ReturnType<typeof toolArgs>, mounts: readonly { host: string }[], where: string, cwd: string, facts: Facts): Finding[] {
  const home = facts.home.replace(/\/+$/, '');
  const mounted = mounts.map((m) => ({ m, files: credentialsAt(m.host, facts) })).find((x) => x.files.length > 0 || (home !== '' && (x.m.host === home || home.startsWith(x.m.host === '/' ? '/' : x.m.host + '/'))));
  const envFile = a.values('--env-file').map((f) => ({ f, info: infoFor(resolvePath(cwd, f, facts.home), facts) })).find((x) => x.info !== undefined && environmentOfName(basename(x.f)) === 'production');
  const given = mounted ? (mounted.files[0] ? `${mounted.files[0].path} (${mounted.files[0].label})` : mounted.m.host) : envFile?.f;
  if (given === undefined) return [];
  return [{
    rule: 'credentials.container-handoff',
    risk: 'credential-read',
    severity: 'ask',
    reason: `${where} hands ${given} to a shell in the container: whatever is typed there next runs past this guard, with those credentials at hand to reach any host.`,
    targets: [{ kind: 'credential', name: given, remote: true, environment: 'unknown', environmentReason: 'handed to a container shell whose next commands nothing here sees' }],
  }];
}

/** `kubectl cp legacy api-0:/tmp/legacy`, `docker cp config web:/app`: a folder holding credential files copied into a pod or container. */
function folderCopiesIn(inv: Invocation, ctx: RuleContext): Finding[] {
  const command = invocationCommand(inv);
  if (!command || command.parsed.path[command.parsed.path.length - 1] !== 'cp') return [];
  const [src, dest] = command.parsed.operands.map((w) => w.text);
  if (!src || !dest || !/^[\w./-]+:/.test(dest) || /^[\w./-]+:/.test(src)) return [];
  const facts = ctx.facts;
  const path = resolvePath(inv.cwd || facts.cwd, src.replace(/^(\$HOME|~)(?=\/|$)/, facts.home), facts.home);
  if (facts.fileStatus?.(path) !== 'directory') return [];
  const files = credentialsAt(path, facts);
  const place = dest.slice(0, dest.indexOf(':'));
  return files[0] ? [{ ...readFinding('copies', files[0], `${inv.name} cp of ${src} (into ${inv.name === 'kubectl' || inv.name === 'oc' ? 'pod' : 'container'} ${place})`), rule: 'credentials.read' }] : [];
}

export function checkContainerHandoffs(inv: Invocation, ctx: RuleContext): Finding[] {
  if (ENGINES.has(inv.name)) return [...runHandoffs(inv, ctx), ...folderCopiesIn(inv, ctx)];
  if (inv.name === 'kubectl' || inv.name === 'oc') return folderCopiesIn(inv, ctx);
  return [];
}
