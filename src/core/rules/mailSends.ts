import { ownTable } from '../ownTable';
import type { Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { isLoopbackHost } from '../policy/production';
import { freeFormReadings } from '../registry/freeForm';

/**
 * Stop 34 (red team round 19): email that reaches people, sent by a CLI with no rules of its own. A
 * message delivered cannot be called back (the HTTP road to the same services is `support/saasActions.ts`,
 * `aws ses send-email` its registry rule): an SMTP test client told to deliver through a server that is not
 * this machine (`swaks --to customers@acme.com --server smtp.postmarkapp.com`, `sendemail -t … -s …`;
 * with no server swaks delivers to the recipient's own mail exchanger), a delivery service's CLI sending
 * mail (`postmark email raw|template`), or replacing the live templates every later message is built from
 * (`postmark templates push`). Sends to a mail catcher on this machine (`swaks --to test@localhost
 * --server localhost:1025`), a session that stops before the message (`--quit-after RCPT`), and reads
 * (`postmark templates pull`) stay allowed.
 */

interface SmtpClient {
  /** Options naming the recipients. */
  to: readonly string[];
  /** Options naming the server (`host[:port]`). */
  server: readonly string[];
  /** Options that stop the session before a message is sent (`--quit-after RCPT`), with the stages that stop it. */
  quits?: { options: readonly string[]; before: RegExp };
}

const SMTP_CLIENTS: Readonly<Record<string, SmtpClient>> = ownTable({
  swaks: { to: ['-t', '--to'], server: ['-s', '--server'], quits: { options: ['-q', '--quit-after', '--quit'], before: /^(connect|banner|first-helo|first-ehlo|helo|ehlo|tls|xclient|auth|mail|from|rcpt|to)$/i } },
  sendemail: { to: ['-t'], server: ['-s'] },
  sendEmail: { to: ['-t'], server: ['-s'] },
});

/** Recipients on this machine or on a domain reserved for examples reach nobody. */
const NOBODY = /@(localhost|[\w.-]+\.(test|example|invalid|localhost)|example\.(com|org|net))$/i;

function target(name: string, reason: string): Target {
  return { kind: 'resource', name, provider: 'email', remote: true, environment: 'production', environmentReason: reason };
}

function ask(rule: string, reason: string, name: string): Finding[] {
  return [{ rule: `mailSends.${rule}`, risk: 'destructive', severity: 'ask', reason, targets: [target(name, 'mail delivered to people outside this machine')] }];
}

function smtpSend(inv: Invocation, client: SmtpClient): Finding[] {
  const options = freeFormReadings(inv.args).valued.options;
  const values = (names: readonly string[]): string[] => options.filter((o) => names.includes(o.name)).flatMap((o) => o.values);
  if (options.some((o) => /^--?(h|help|version)$/.test(o.name))) return [];
  const quit = client.quits;
  if (quit && values(quit.options).some((v) => quit.before.test(v))) return [];
  const recipients = values(client.to).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  const server = values(client.server)[0];
  const host = server?.replace(/:\d+$/, '');
  if (host !== undefined && isLoopbackHost(host)) return [];
  if (recipients.length > 0 && recipients.every((r) => NOBODY.test(r))) return [];
  const to = recipients.length > 0 ? recipients.slice(0, 3).join(', ') : 'its recipients';
  return ask('smtp-send', `${inv.name} sends an email to ${to} through ${host ?? "the recipient's mail server"}: a delivered message cannot be called back.`, to);
}

/** `postmark email raw|template …`, `postmark templates push DIR`: the CLI's sending and replacing commands. */
function postmark(inv: Invocation): Finding[] {
  const reading = freeFormReadings(inv.args).valued;
  if (reading.options.some((o) => /^--?(h|help|version)$/.test(o.name))) return [];
  const [group = '', verb = ''] = reading.operands.map((w) => w.text);
  if (group === 'email' && /^(raw|template|batch)$/.test(verb)) {
    const to = reading.options.filter((o) => o.name === '--to').flatMap((o) => o.values)[0] ?? 'its recipients';
    return ask('service-send', `\`postmark email ${verb}\` sends an email to ${to} through Postmark: a delivered message cannot be called back.`, to);
  }
  if (group === 'templates' && verb === 'push') {
    return ask('templates-push', '`postmark templates push` replaces the live templates of the Postmark server with the local ones: every later message is built from them, and the versions there now are not kept.', 'Postmark templates');
  }
  return [];
}

export const mailSendsPack: RulePack = {
  id: 'mailSends',
  title: 'Email sent to people, or the live templates replaced, by CLIs without rules of their own',
  checkInvocation(inv: Invocation, _ctx: RuleContext): Finding[] {
    const client = SMTP_CLIENTS[inv.name];
    if (client) return smtpSend(inv, client);
    return inv.name === 'postmark' ? postmark(inv) : [];
  },
  reactsTo: (name) => SMTP_CLIENTS[name] !== undefined || name === 'postmark',
};
