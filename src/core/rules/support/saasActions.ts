/**
 * Requests to SaaS APIs that act on people or money in a way no later request takes back (issue #18,
 * round 7): an email campaign, an SMS or a push notification sent to an audience, a transactional
 * message sent, a connected payments account rejected. The phrase names the act and why it cannot be
 * undone; judged for POSTs (a DELETE is the HTTP pack's own).
 */

interface Act {
  host: RegExp;
  path: RegExp;
  does: string;
}

const MESSAGE = 'a message that cannot be called back once it is delivered';

const ACTS: readonly Act[] = [
  // Email campaigns and transactional mail.
  { host: /(^|\.)api\.mailchimp\.com$/, path: /\/campaigns\/[^/]+\/actions\/(send|schedule|test)$/, does: `an email campaign send to every subscriber of its audience (${MESSAGE})` },
  { host: /(^|\.)api\.mailchimp\.com$/, path: /\/customer-journeys\/journeys\/[^/]+\/steps\/[^/]+\/actions\/trigger$|\/automations\/[^/]+\/actions\/start-all-emails$/, does: `an automation that emails its whole audience (${MESSAGE})` },
  { host: /^api\.sendgrid\.com$/, path: /\/marketing\/singlesends\/[^/]+\/schedule$|\/campaigns\/[^/]+\/schedules(\/now)?$/, does: `an email campaign send to every contact of its lists (${MESSAGE})` },
  { host: /^api\.sendgrid\.com$/, path: /\/mail\/send$/, does: `an email send (${MESSAGE})` },
  { host: /^api\.(eu\.)?mailgun\.net$/, path: /\/messages$/, does: `an email send (${MESSAGE})` },
  { host: /^api\.postmarkapp\.com$/, path: /^\/email(\/batch|\/withTemplate|\/batchWithTemplates)?$/, does: `an email send (${MESSAGE})` },
  { host: /^api\.(brevo|sendinblue)\.com$/, path: /\/emailCampaigns\/[^/]+\/sendNow$|\/smsCampaigns\/[^/]+\/sendNow$|\/smtp\/email$/, does: `a campaign or email send (${MESSAGE})` },
  // Round 17: transactional and bulk email APIs (each provider's API reference: Resend, MailerSend, SparkPost, Mailjet, Loops).
  { host: /^api\.resend\.com$/, path: /^\/emails(\/batch)?$|^\/broadcasts\/[^/]+\/send$/, does: `an email send (${MESSAGE})` },
  { host: /^api\.mailersend\.com$/, path: /^\/v1\/(email|bulk-email)$/, does: `an email send (${MESSAGE})` },
  { host: /^api\.(eu\.)?sparkpost\.com$/, path: /^\/api\/v1\/transmissions$/, does: `an email send (${MESSAGE})` },
  { host: /^api\.mailjet\.com$/, path: /^\/v3(\.1)?\/send$/, does: `an email send (${MESSAGE})` },
  { host: /^app\.loops\.so$/, path: /^\/api\/v1\/transactional$/, does: `an email send (${MESSAGE})` },
  { host: /^a\.klaviyo\.com$/, path: /\/campaign-send-jobs\/?$/, does: `an email campaign send to its audience (${MESSAGE})` },
  { host: /^(api|track)\.customer\.io$/, path: /\/campaigns\/[^/]+\/triggers$|\/send\/(email|push|sms)$/, does: `a broadcast to its audience (${MESSAGE})` },
  // SMS, calls and push notifications.
  { host: /^api\.twilio\.com$/, path: /\/Accounts\/[^/]+\/(Messages|Calls)\.json$/, does: `an SMS or call (${MESSAGE})` },
  { host: /^rest\.nexmo\.com$/, path: /^\/sms\/json$/, does: `an SMS (${MESSAGE})` },
  { host: /^notify\.twilio\.com$/, path: /\/Services\/[^/]+\/Notifications$/, does: `a notification to every binding of the service (${MESSAGE})` },
  { host: /^(api\.)?onesignal\.com$/, path: /\/notifications$/, does: `a push notification to its segments (${MESSAGE})` },
  { host: /^fcm\.googleapis\.com$/, path: /\/messages:send$|\/fcm\/send$/, does: `a push notification (${MESSAGE})` },
  { host: /^api\.intercom\.io$/, path: /^\/messages$/, does: `a message to users (${MESSAGE})` },
  // Round 8 (issue #18): a CI pipeline or job started through its API runs with the project's secrets and deploy keys, unread here.
  { host: /^circleci\.com$/, path: /^\/api\/v2\/project\/.+\/pipeline(\/run)?$/, does: 'a CircleCI pipeline start (its jobs run with the project secrets, and its deploy jobs act on the live service)' },
  { host: /^api\.buildkite\.com$/, path: /\/organizations\/[^/]+\/pipelines\/[^/]+\/builds$/, does: 'a Buildkite build start (its steps run with the pipeline secrets, and its deploy steps act on the live service)' },
  { host: /^api\.travis-ci\.(com|org)$/, path: /^\/repo\/[^/]+\/requests$/, does: 'a Travis CI build start (its jobs run with the repository secrets)' },
  { host: /./, path: /^(\/[\w.-]+)?(\/job\/[^/]+)*\/job\/[^/]*(deploy|release|prod|destroy|teardown|wipe|purge|drop|terraform|rollback)[^/]*\/(build|buildWithParameters)$/i, does: 'a Jenkins job start, whose name says it deploys or destroys (its steps run on the agents with the job credentials)' },
  // Analytics and log data deleted for good (stop 30, red team round 11): Segment regulations, Axiom trim, Mixpanel and Amplitude deletions.
  { host: /^(api\.segment\.io|(platform\.|api\.)?segmentapis\.com)$/, path: /\/regulations$/, does: 'a Segment regulation that deletes or suppresses the matching users\' data in every destination (deletions are not undone)' },
  { host: /^(api\.|cloud\.)?axiom\.co$/, path: /\/datasets\/[^/]+\/trim$/, does: 'an Axiom trim that deletes every event of the dataset older than the duration given' },
  { host: /(^|\.)mixpanel\.com$/, path: /\/data-deletions\//, does: 'a Mixpanel data deletion (the events are deleted for good)' },
  { host: /(^|\.)amplitude\.com$/, path: /\/deletions\/users$/, does: 'an Amplitude user data deletion (the events are deleted for good)' },
  // Payments accounts.
  // Invoices, payments and subscriptions closed for good (Stripe API reference: void, mark_uncollectible, cancel).
  { host: /^api\.stripe\.com$/, path: /\/(invoices|credit_notes)\/[^/]+\/(void|mark_uncollectible)$/, does: 'an invoice voided or marked uncollectible (Stripe cannot reopen it: a new invoice has to be issued)' },
  { host: /^api\.stripe\.com$/, path: /\/(payment_intents|setup_intents|subscriptions|subscription_schedules|quotes|payouts|topups)\/[^/]+\/(cancel|release)$/, does: 'a payment, subscription or payout cancelled (a cancelled object cannot be resumed)' },
  { host: /^api\.stripe\.com$/, path: /\/accounts\/[^/]+\/reject$/, does: 'a rejection of the connected account (it can no longer take payments or receive payouts, and Stripe does not reopen it)' },
];

/** What a request's irreversible act is, if the API and path are one listed here. */
export function saasAct(method: string, host: string, path: string): string | undefined {
  if (method.toUpperCase() !== 'POST') return undefined;
  const p = path.replace(/\/+$/, '');
  return ACTS.find((a) => a.host.test(host) && a.path.test(p))?.does;
}
