import type { Finding, Invocation, RuleContext, RulePack } from '../policy/types';
import { grammarOf, has, readEffectArgs } from '../policy/effectOptions';
import { servesWebsite, webRootUpload } from './support/servingPlaces';

/**
 * A file copied onto another machine into a place that runs it or lets someone in (`scp x
 * web1:/etc/cron.d/x`, `rsync key.pub host:.ssh/authorized_keys`): the copy is code that machine runs
 * later, or a login, and the guard cannot read it there. It asks, and the host's environment comes
 * from its name (unknown is production). Copies into other folders (a release to `/srv/app`, `/tmp`)
 * stay allowed.
 */

const RUNS_OR_ADMITS = /^(\/etc\/|\/usr\/|\/bin\/|\/sbin\/|\/lib(32|64)?\/|\/boot\/|\/root\/|\/var\/spool\/cron|\/var\/lib\/systemd|\/opt\/[^/]+\/bin\/)|(^|\/)(\.ssh(\/|$)|\.bashrc$|\.bash_profile$|\.profile$|\.zshrc$|\.zprofile$|\.config\/(systemd|autostart)\/|\.config\/fish\/|\.pam_environment$|\.forward$)/;

/** `user@host:path`, `host:path`, `scp://host/path`; `./a:b` and `/a:b` are local. */
function remoteDestination(text: string): { host: string; path: string } | undefined {
  const url = /^s(?:cp|ftp):\/\/(?:[^@/]*@)?([^/:]+)(?::\d+)?\/?(.*)$/.exec(text);
  if (url) return { host: url[1]!, path: url[2] ?? '' };
  if (text.startsWith('/') || text.startsWith('.')) return undefined;
  const m = /^(?:[^@/:]+@)?(\[[^\]]+\]|[^/:]+):(.*)$/.exec(text);
  return m ? { host: m[1]!, path: m[2]! } : undefined;
}

function remoteCopy(inv: Invocation, ctx: RuleContext): Finding[] {
  const read = readEffectArgs(inv.args, grammarOf(inv.name));
  const dest = read.operands[read.operands.length - 1];
  if (!dest || read.operands.length < 2 || dest.dynamic) return [];
  const where = remoteDestination(dest.text);
  if (!where) return [];
  const path = where.path.replace(/^~\//, '');
  // `scp /dev/null deploy@prod:/var/lib/app/data.db` (round 8): the remote file is replaced by nothing.
  const empty = read.operands.slice(0, -1).find((w) => /^\/dev\/(null|zero)$/.test(w.text));
  if (empty !== undefined && path !== '' && !path.endsWith('/')) {
    const env = ctx.environmentOf({ values: [where.host], remote: true, sources: [{ source: `${inv.name} destination`, value: where.host }] });
    return [{ rule: 'remote-writes.emptied', risk: 'destructive', severity: 'ask', reason: `${inv.name} copies ${empty.text} over ${where.path} on ${where.host}: what the file held is replaced by nothing.`, targets: [{ kind: 'path', name: `${where.host}:${where.path}`, provider: 'ssh', remote: true, environment: env.environment, environmentReason: env.reason }] }];
  }
  const env = ctx.environmentOf({ values: [where.host], remote: true, sources: [{ source: `${inv.name} destination`, value: where.host }] });
  // A folder (`scp -r`, `rsync -a`) into a document root; one file copied there is left alone, as a copy into a bucket is.
  const folder = (inv.name === 'scp' ? has(read, 'r') : has(read, 'r', 'a', 'recursive', 'archive')) && !has(read, 'n', 'dry-run');
  if (!RUNS_OR_ADMITS.test(path)) return folder && servesWebsite(path) ? webRootUpload(inv, where.host, where.path, env) : [];
  return [{
    rule: 'remote-writes.runs-or-admits',
    risk: 'destructive',
    severity: 'ask',
    reason: `${inv.name} copies a file into ${where.path || 'the home folder'} on ${where.host}, a place that machine runs or logs in by; what it holds cannot be read here.`,
    targets: [{ kind: 'path', name: `${where.host}:${where.path}`, provider: 'ssh', remote: true, environment: env.environment, environmentReason: env.reason }],
  }];
}

export const remoteWritesPack: RulePack = {
  id: 'remote-writes',
  title: 'Copies onto another machine into places it runs or serves',
  commands: ['scp', 'rsync'],
  checkInvocation: remoteCopy,
};
