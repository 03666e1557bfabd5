import { ownTable } from '../ownTable';
import type { Finding, Invocation, RuleContext, RulePack } from '../policy/types';
import { effectGrammar, readEffectArgs, values } from '../policy/effectOptions';
import { parsedArgs, toolArgs, toolNamed } from '../registry/commandModel';
import { lftpUploads } from './support/sentOutReach';
import { servesWebsite, webRootUpload } from './support/servingPlaces';

/**
 * Files deleted or emptied on another machine through a file-transfer protocol's own commands
 * (issue #18, red team round 8): `lftp -e 'rm -r /www; bye' HOST` (and `rmdir`, `mrm`, `mirror
 * --delete`), `smbclient //HOST/share -c 'deltree data'` (`del`, `rm`, `rmdir`), `curl -Q 'DELE f'
 * ftp://HOST/` (FTP `DELE`/`RMD`, SFTP `rm`/`rmdir` quotes), `curl -T /dev/null ftp://HOST/f` (an
 * empty upload over the file). The host's environment comes from its name (unknown is production).
 * Listing, downloading and uploading real files stay allowed, but for a reverse mirror into a document root on a host
 * named production (a deploy, stop 33).
 */

const LFTP = effectGrammar('ecfpuU', ['user', 'port']);
const SMBCLIENT = effectGrammar('cUWpIRsOnmAlDTMEtdi', ['command', 'user', 'workgroup', 'port', 'ip-address', 'name-resolve', 'configfile', 'socket-options', 'netbiosname', 'max-protocol', 'authentication-file', 'log-basename', 'directory', 'tar', 'message', 'debuglevel', 'scope']);

function ask(inv: Invocation, host: string, what: string, how: string, ctx: RuleContext): Finding[] {
  const env = ctx.environmentOf({ values: [host], remote: true, sources: [{ source: `${inv.name} host`, value: host }] });
  return [{
    rule: 'transfer-deletes.remote-files',
    risk: 'destructive',
    severity: 'ask',
    reason: `${how} on ${host}: what it names there is deleted or emptied, and nothing keeps a copy.`,
    targets: [{ kind: 'path', name: `${host}:${what}`, provider: inv.name, remote: true, environment: env.environment, environmentReason: env.reason }],
  }];
}

/** The destroying commands of an lftp or smbclient script (`;`- or newline-separated). */
function destroying(script: string, commands: RegExp): string | undefined {
  for (const raw of script.split(/[;\n]/)) {
    const line = raw.trim();
    if (commands.test(line)) return line.slice(0, 80);
  }
  return undefined;
}

const LFTP_DESTROYS = /^(rm|rmdir|mrm|glob\s+rm|mirror\b.*\s(--delete|-e)\b|mirror\s+(-e|--delete)\b)/;
const SMB_DESTROYS = /^(del|rm|deltree|rmdir|rd)\s/;

/** The host an lftp line works on: its operand, or the script's `open HOST`. */
function lftpHost(inv: Invocation): string {
  const read = readEffectArgs(inv.args, LFTP);
  const script = values(read, 'e', 'c').map((w) => w.text).join('\n');
  const host = read.operands[0]?.text ?? /\bopen\s+(\S+)/.exec(script)?.[1] ?? 'the server (not named)';
  return host.replace(/^\w+:\/\/(?:[^@/]*@)?/, '').replace(/\/.*$/, '');
}

function lftp(inv: Invocation, ctx: RuleContext): Finding[] {
  const read = readEffectArgs(inv.args, LFTP);
  const line = destroying(values(read, 'e', 'c').map((w) => w.text).join('\n'), LFTP_DESTROYS);
  if (line !== undefined) return ask(inv, lftpHost(inv), line, `lftp runs \`${line}\``, ctx);
  // Stop 33 (red team round 16): `mirror -R dist /www` publishes the folder into a document root (support/servingPlaces.ts).
  const upload = lftpUploads(inv).find((u) => u.remote !== undefined && servesWebsite(u.remote));
  if (upload === undefined) return [];
  const host = lftpHost(inv);
  return webRootUpload(inv, host, upload.remote!, ctx.environmentOf({ values: [host], remote: true, sources: [{ source: 'lftp host', value: host }] }));
}

function smbclient(inv: Invocation, ctx: RuleContext): Finding[] {
  const read = readEffectArgs(inv.args, SMBCLIENT);
  const script = values(read, 'c', 'command').map((w) => w.text).join('\n');
  const line = destroying(script, SMB_DESTROYS);
  const share = read.operands.map((w) => w.text).find((t) => /^(\/\/|\\\\)/.test(t));
  if (line === undefined || share === undefined) return [];
  const host = share.replace(/^(\/\/|\\\\)/, '').split(/[/\\]/)[0] ?? share;
  return ask(inv, host, `${line} in ${share}`, `smbclient runs \`${line}\``, ctx);
}

const FTP_URL = /^(s?ftp|ftps|scp):\/\/(?:[^@/]*@)?([^/:]+)(?::\d+)?(\/.*)?$/i;
const QUOTE_DESTROYS = /^[-+*]*\s*(DELE|RMD|XRMD|rm|rmdir|RNFR)\b/i;

function curl(inv: Invocation, ctx: RuleContext): Finding[] {
  const spec = toolNamed('curl');
  if (!spec) return [];
  const a = toolArgs('curl', parsedArgs(inv.args, spec), spec);
  const urls = [...a.parsed.operands.map((w) => w.text), ...a.values('--url')].map((u) => FTP_URL.exec(u)).filter((m): m is RegExpExecArray => m !== null);
  const first = urls[0];
  if (first === undefined) return [];
  const host = first[2]!;
  const quote = a.values('-Q', '--quote').find((q) => QUOTE_DESTROYS.test(q));
  if (quote !== undefined) return ask(inv, host, quote.replace(/^[-+*]+\s*/, ''), `curl sends the ${first[1]!.toUpperCase()} command \`${quote}\``, ctx);
  const upload = a.values('-T', '--upload-file').find((f) => /^\/dev\/(null|zero)$/.test(f));
  if (upload !== undefined && (first[3] ?? '/').replace(/\/+$/, '') !== '') return ask(inv, host, first[3]!, `curl uploads ${upload} over ${first[3]}`, ctx);
  return [];
}

const BY_NAME: Readonly<Record<string, (inv: Invocation, ctx: RuleContext) => Finding[]>> = ownTable({ lftp, smbclient, curl });

export const transferDeletesPack: RulePack = {
  id: 'transfer-deletes',
  title: 'Files deleted or emptied on another machine through FTP, SFTP or SMB commands',
  reactsTo: (name) => BY_NAME[name] !== undefined,
  checkInvocation: (inv, ctx) => (inv.remote ? [] : (BY_NAME[inv.name]?.(inv, ctx) ?? [])),
};
