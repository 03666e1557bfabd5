import type { Finding, Invocation } from '../../policy/types';
import { freeFormReadings } from '../../registry/freeForm';
import { outsideHost } from '../support/endpointOverrides';

/**
 * What a tool trusts to run or to talk to, changed without a file the other rules read: Terraform
 * providers (programs every plan and apply runs) taken from a folder the hook cannot read (`terraform
 * init -plugin-dir=/tmp/x`, the same in `TF_CLI_ARGS`/`TF_CLI_ARGS_init`), a provider binary written
 * into `.terraform/providers/` or a plugins folder, the dependency lock file that pins their checksums
 * removed; and docker's context moved to a daemon on another host (`docker context create x --docker
 * host=tcp://…`), where every later docker command runs. Each asks.
 */

const TERRAFORMS: ReadonlySet<string> = new Set(['terraform', 'tofu', 'terragrunt']);
const PROVIDER_PLACE = /(^|\/)(\.terraform\/(providers|plugins)\/|\.terraform\.d\/plugins\/|\.local\/share\/(terraform|opentofu)\/plugins\/)|(^|\/)terraform-provider-[\w-]+(_v[\w.]+)?$/;
const LOCK_FILE = /(^|\/)\.terraform\.lock\.hcl$/;
const WRITERS: ReadonlySet<string> = new Set(['cp', 'mv', 'install', 'ln', 'rsync', 'tee', 'curl', 'wget', 'dd', 'unzip', 'tar']);
const REMOVERS: ReadonlySet<string> = new Set(['rm', 'unlink', 'shred', 'truncate', 'mv', 'trash', 'gio']);
const WRITE_OPS = new Set(['>', '>>', '>|', '&>', '&>>']);

function ask(rule: string, reason: string, target: string): Finding {
  return { rule: `self-protection.${rule}`, risk: 'unanalyzable', severity: 'ask', reason, targets: [{ kind: 'path', name: target, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }] };
}

function terraformPlugins(inv: Invocation): Finding | undefined {
  const fromEnv = Object.entries(inv.assignments).find(([k, v]) => /^TF_CLI_ARGS(_\w+)?$/.test(k) && /-plugin-dir\b/.test(v));
  const option = inv.args.find((a) => /^-{1,2}plugin-dir(=|$)/.test(a.text));
  if (!fromEnv && !option) return undefined;
  const how = fromEnv ? `a plugin-dir option in ${fromEnv[0]}` : 'a plugin-dir option';
  return ask('tool-trust', `${inv.name} with ${how} installs providers from a folder the hook cannot read instead of their registry: providers are programs every later plan and apply runs with the cloud credentials; it needs confirmation.`, how);
}

function terraformFiles(inv: Invocation): Finding | undefined {
  if (!inv.args.some((a) => /terraform/.test(a.raw)) && !inv.redirects.some((r) => /terraform/.test(r.target.raw))) return undefined;
  const targets = [...inv.redirects.filter((r) => WRITE_OPS.has(r.op)).map((r) => r.target), ...(WRITERS.has(inv.name) ? inv.args.slice(-1) : [])];
  const planted = targets.find((w) => PROVIDER_PLACE.test(w.text));
  if (planted) return ask('tool-trust', `${inv.name} writes ${planted.text}, a Terraform provider (a program every later plan and apply runs with the cloud credentials) that the registry's checksums did not vouch for; it needs confirmation.`, planted.text);
  const lock = REMOVERS.has(inv.name) ? inv.args.find((w) => LOCK_FILE.test(w.text)) : inv.redirects.find((r) => WRITE_OPS.has(r.op) && LOCK_FILE.test(r.target.text))?.target;
  if (lock) return ask('tool-trust', `${inv.name} removes or rewrites ${lock.text}, the checksums that pin which provider programs Terraform runs: the next init takes whatever the registry or a mirror serves; it needs confirmation.`, lock.text);
  return undefined;
}

function dockerContext(inv: Invocation): Finding | undefined {
  if (!inv.args.some((a) => a.text === 'context')) return undefined;
  const words = freeFormReadings(inv.args).usual.operands.map((a) => a.text);
  if (words[0] !== 'context') return undefined;
  if (words[1] === 'create' || words[1] === 'update') {
    const host = inv.args.map((a) => /(?:^|,)host=([^,]+)/.exec(a.text)?.[1]).find((h) => h !== undefined);
    const far = host !== undefined ? outsideHost(host.replace(/^(tcp|ssh|unix|npipe):\/\//, 'x://')) : undefined;
    if (host !== undefined && far && !host.startsWith('unix://')) return ask('tool-trust', `docker context ${words[1]} points a context at ${host}, a daemon on another host: docker commands run there, and their targets are judged as if they ran here; it needs confirmation.`, far);
    return undefined;
  }
  // `docker context use NAME` stays allowed: the line state carries the selection to the commands after it.
  return undefined;
}

/** An editor's whole extensions folder (or its settings folder above it), in a home folder. */
const EXTENSIONS_FOLDER = /^(~|\$\{?HOME\}?|\/home\/[^/]+|\/Users\/[^/]+|\/root)\/\.(vscode|vscode-insiders|vscode-oss|vscodium|cursor|windsurf|vscode-server|cursor-server|positron|trae|kiro)(\/extensions)?\/?$/;
const FOLDER_CHANGERS: ReadonlySet<string> = new Set(['rm', 'mv', 'rmdir', 'trash', 'trash-put', 'gio', 'chmod', 'chown', 'chattr', 'shred']);

/** `mv ~/.vscode/extensions ~/.vscode/ext.bak`, `rm -rf ~/.cursor`: every extension of the editor, the guard's whenever it is installed, gone at the next start. */
function extensionsFolder(inv: Invocation): Finding | undefined {
  if (!inv.args.some((a) => /\.(vscode|cursor|windsurf|positron|trae|kiro)/.test(a.raw))) return undefined;
  const operands = freeFormReadings(inv.args).usual.operands;
  const hit = (inv.name === 'mv' ? operands.slice(0, -1) : operands).find((a) => EXTENSIONS_FOLDER.test(a.raw) || EXTENSIONS_FOLDER.test(a.text));
  if (!hit) return undefined;
  return ask('editor-without-guard', `${inv.name} ${hit.raw} takes away the editor's whole extensions folder, with Blast Shield's extension whenever it is installed there: the next window runs without it, so nothing keeps its hooks in place or answers its dialog; it needs confirmation.`, hit.raw);
}

export function toolTrustFindings(inv: Invocation): Finding[] {
  const found = TERRAFORMS.has(inv.name) ? terraformPlugins(inv) : inv.name === 'docker' ? dockerContext(inv) : (FOLDER_CHANGERS.has(inv.name) ? extensionsFolder(inv) : undefined) ?? (WRITERS.has(inv.name) || REMOVERS.has(inv.name) || inv.redirects.length > 0 ? terraformFiles(inv) : undefined);
  return found ? [found] : [];
}
