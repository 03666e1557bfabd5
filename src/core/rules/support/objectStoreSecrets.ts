import { matchCredentialPath } from '../../credentials/credentialPaths';
import { resolvePath } from '../../paths';
import type { Finding, Invocation, RuleContext } from '../../policy/types';
import { invocationCommand, toolArgs } from '../../registry/commandModel';
import { credentialTarget, infoFor } from './credentialPaths';
import { dump, dumpTarget } from './huntCommon';

/**
 * Object stores and downloads that move a credential file by its name: an object named like one
 * (`s3://…/prod/terraform.tfstate`, `gs://…/prod.env`) printed to the terminal, and a download
 * written over a credential file of this machine (`aws s3 cp s3://x/env .env.production`,
 * `http --download -o config/master.key URL`), and one downloaded under a name no rule knows
 * (`aws s3 cp s3://…/terraform.tfstate /tmp/s`, read next as a plain file). Options are read through each tool's registry entry.
 */

/** One copy: where it comes from (a remote object or URL) and where it lands (`-` is the terminal). */
export interface Transfer {
  source: string;
  dest: string | undefined;
  /** A whole bucket or prefix is copied (`aws s3 sync`, `gsutil cp -r`). */
  folder?: boolean;
}

/** A bucket or prefix whose name says what it keeps is secrets or infrastructure state (`s3://acme-secrets`, `gs://x/tf-state/`). */
const SECRET_FOLDER = /(^|[-_./])(secrets?|credentials?|creds|tf-?state|terraform-?state|private-?keys?|vault)([-_./]|$)/i;

function folderLabel(source: string): string | undefined {
  const where = source.replace(/^[a-z0-9]+:\/\//i, '').replace(/[?#].*$/, '');
  return SECRET_FOLDER.test(where) ? 'secrets or infrastructure state' : undefined;
}

const STDOUT = new Set(['-', '/dev/stdout', '/dev/fd/1', '/proc/self/fd/1']);
export const REMOTE = /^(s3|gs|az|https?|r2|b2):\/\//i;

/** The copies an object-store or download command makes, read through each tool's registry entry. */
export function transfersOf(inv: Invocation): Transfer[] {
  const command = invocationCommand(inv);
  if (!command) return [];
  const { tool, parsed } = command;
  const a = toolArgs(inv.name, parsed, tool);
  const ops = parsed.operands.map((w) => w.text);
  switch (tool.names[0]) {
    case 'aws':
      if (parsed.path[0] === 's3' && (ops[0] === 'cp' || ops[0] === 'mv')) return [{ source: ops[1] ?? '', dest: ops[2], ...(a.has('--recursive') || inv.args.some((w) => w.text === '--recursive') ? { folder: true } : {}) }];
      if (parsed.path[0] === 's3' && ops[0] === 'sync') return [{ source: ops[1] ?? '', dest: ops[2], folder: true }];
      if (parsed.path[0] === 's3api' && parsed.path[1] === 'get-object') {
        // aws reads list values after `--key`, so the outfile may be read as the key's second value.
        const key = a.values('--key');
        return [{ source: `s3://${a.value('--bucket') ?? ''}/${key[0] ?? ''}`, dest: ops[ops.length - 1] ?? key[key.length - 1] }];
      }
      return [];
    case 'gsutil':
      if (ops[0] === 'cp' || ops[0] === 'mv') return [{ source: ops[1] ?? '', dest: ops[ops.length - 1], folder: inv.args.some((w) => /^-[a-zA-Z]*[rR]/.test(w.text)) }];
      if (ops[0] === 'rsync') return [{ source: ops[1] ?? '', dest: ops[2], folder: true }];
      if (ops[0] === 'cat') return ops.slice(1).map((source) => ({ source, dest: '-' }));
      return [];
    case 'gcloud':
      if (ops[0] !== 'storage') return [];
      if (ops[1] === 'cp' || ops[1] === 'mv') return [{ source: ops[2] ?? '', dest: ops[ops.length - 1], folder: inv.args.some((w) => /^(-[a-zA-Z]*[rR]|--recursive)$/.test(w.text)) }];
      if (ops[1] === 'rsync') return [{ source: ops[2] ?? '', dest: ops[3], folder: true }];
      if (ops[1] === 'cat') return ops.slice(2).map((source) => ({ source, dest: '-' }));
      return [];
    case 'az':
      // `az storage blob download -c CONTAINER -n NAME -f FILE` (`-f` is the file here, whatever az's global table calls it).
      // Round 27: `az storage blob download-batch -s CONTAINER -d FOLDER`: every blob of the container (or of a pattern).
      if (ops[0] === 'storage' && ops[1] === 'blob' && ops[2] === 'download-batch') return [{ source: `az://${a.value('--account-name') ? `${a.value('--account-name')}/` : ''}${a.value('--source', '-s') ?? ''}`, dest: a.value('--destination', '-d'), folder: true }];
      if (ops[0] === 'storage' && ops[1] === 'blob' && ops[2] === 'download') return [{ source: `az://${a.value('--container-name', '-c') ?? ''}/${a.value('--name', '-n') ?? ''}`, dest: a.value('--file', '--template-file') }];
      return [];
    case 'azcopy':
      // Round 27: `azcopy copy|sync https://ACCOUNT.blob.core.windows.net/CONTAINER ./dump --recursive`.
      if ((ops[0] === 'copy' || ops[0] === 'cp' || ops[0] === 'sync') && ops.length >= 3) return [{ source: ops[1]!, dest: ops[2], folder: ops[0] === 'sync' || inv.args.some((w) => /^--recursive(=true)?$/.test(w.text)) }];
      return [];
    case 'http': {
      // HTTPie writes the body to `-o FILE` (with or without `--download`).
      const url = ops.find((o) => /^(https?:\/\/|:\d|[\w.-]+\.[a-z]{2,}(\/|$))/i.test(o)) ?? '';
      const output = a.value('--output', '-o');
      return output === undefined ? [] : [{ source: url, dest: output }];
    }
    default:
      return [];
  }
}

/** What a remote object's name says it holds (`prod/terraform.tfstate`: Terraform state), or undefined. */
function objectLabel(source: string): string | undefined {
  const key = source.replace(/^[a-z0-9]+:\/\/[^/]*/i, '').replace(/[?#].*$/, '');
  if (!key || key.endsWith('/')) return undefined;
  return matchCredentialPath('/object' + (key.startsWith('/') ? key : '/' + key), '/nonexistent-home')?.label;
}

/** A credential file that is there now (overwritten by the download: judged as an overwrite below). */
function info0(abs: string, facts: RuleContext['facts']): boolean {
  return facts.fileStatus?.(abs) === 'file' && infoFor(abs, facts) !== undefined;
}

export function checkObjectStoreSecrets(inv: Invocation, ctx: RuleContext): Finding[] {
  const facts = ctx.facts;
  const cwd = inv.cwd || facts.cwd;
  for (const { source, dest, folder } of transfersOf(inv)) {
    if (!REMOTE.test(source) && inv.name !== 'http' && inv.name !== 'https' && inv.name !== 'xh' && inv.name !== 'xhs') continue;
    const label = folder ? folderLabel(source) : objectLabel(source);
    if (label && dest !== undefined && STDOUT.has(dest)) {
      return [dump('object-store-print', `${inv.name} prints ${source}, which by its name holds ${label}.`, dumpTarget(source, ctx, true, [source]))];
    }
    if (dest === undefined || STDOUT.has(dest) || REMOTE.test(dest)) continue;
    const abs = resolvePath(cwd, dest, facts.home);
    // `aws s3 cp s3://…/terraform.tfstate /tmp/s && cat /tmp/s`: the download lands under a name no rule
    // knows, so the read that follows would pass; as a rename to such a name does, it asks here.
    const landing = facts.fileStatus?.(abs) === 'directory' || dest.endsWith('/') ? `${abs.replace(/\/+$/, '')}/${source.slice(source.lastIndexOf('/') + 1)}` : abs;
    if (label && !folder && REMOTE.test(source) && !matchCredentialPath(landing, facts.home)) {
      return [dump('object-store-download', `${inv.name} downloads ${source}, which by its name holds ${label}, to ${dest}, a name the guard does not know as a credential file.`, dumpTarget(source, ctx, true, [source]))];
    }
    // `aws s3 cp s3://…/prod/terraform.tfstate .`, `aws s3 sync s3://acme-secrets ./x`: the remote
    // secrets (or the state holding every resource's passwords) are brought onto this machine, where
    // the agent can read them next: a read of the store, whatever name the copy lands under.
    if (label && REMOTE.test(source) && !(info0(abs, facts))) {
      return [dump('object-store-download', `${inv.name} downloads ${source}, which by its name holds ${label}, into ${dest} on this machine.`, dumpTarget(source, ctx, true, [source]))];
    }
    // Only a file that is there now is overwritten (a new `backup.tfstate` loses nothing).
    const info = facts.fileStatus?.(abs) === 'file' ? infoFor(abs, facts) : undefined;
    if (info) {
      return [{
        rule: 'credentials.overwrite',
        risk: 'credential-read',
        severity: 'ask',
        reason: `${inv.name} writes a download over ${info.path}, which holds ${info.label}: the credential is replaced by whatever ${source || 'the server'} sends.`,
        targets: [credentialTarget(info)],
      }];
    }
  }
  return [];
}

export const OBJECT_STORE_TOOLS: readonly string[] = ['aws', 'gsutil', 'gcloud', 'az', 'azcopy', 'http', 'https', 'xh', 'xhs'];
