import type { CodeSnippet, Finding, Invocation, RuleContext, RulePack } from '../policy/types';
import { parsedArgs, toolNamed } from '../registry/commandModel';
import { isRequestClient, requestOf } from './support/httpClients';
import { parseRequestUrl, type RequestUrl } from './support/httpTargets';

/**
 * Money that moves: refunds, payouts, transfers, captured or created charges and payments, paid
 * invoices, cancelled subscriptions, sent to a payment provider's API by any HTTP client. The money
 * does not come back by itself, so it asks, and the provider's live system is production. A request
 * made with a test-mode key (by its prefix, `sk_test_`, when written; by its variable's name, never its
 * value, when it comes from the environment) or to the provider's sandbox host is allowed; so are reads.
 * From each provider's API reference: Stripe, PayPal, Square, Adyen, Braintree, Checkout.com, Mollie,
 * Razorpay, Paddle, GoCardless, Wise, Plaid.
 */

interface Provider {
  name: string;
  host: RegExp;
  /** The provider's test or sandbox host: nothing real moves there. */
  sandbox?: RegExp;
  /** A key written in the request that is the test mode's. */
  testKey?: RegExp;
}

const PROVIDERS: readonly Provider[] = [
  { name: 'Stripe', host: /^(api|files)\.stripe\.com$/, testKey: /\b[sr]k_test_/ },
  { name: 'PayPal', host: /^api(-m)?\.(sandbox\.)?paypal\.com$/, sandbox: /\.sandbox\.paypal\.com$/ },
  { name: 'Square', host: /^connect\.squareup(sandbox)?\.com$/, sandbox: /squareupsandbox\.com$/ },
  { name: 'Adyen', host: /(^|\.)adyen(payments)?\.com$/, sandbox: /-test\.adyen\.com$/ },
  { name: 'Braintree', host: /braintree(gateway|-api)\.com$/, sandbox: /sandbox/ },
  { name: 'Checkout.com', host: /^api\.(sandbox\.)?checkout\.com$/, sandbox: /sandbox/, testKey: /\bsk_(sbox|test)_/ },
  { name: 'Mollie', host: /^api\.mollie\.com$/, testKey: /\btest_[A-Za-z0-9]/ },
  { name: 'Razorpay', host: /^api\.razorpay\.com$/, testKey: /\brzp_test_/ },
  { name: 'Paddle', host: /^(sandbox-)?api\.paddle\.com$/, sandbox: /^sandbox-/ },
  { name: 'GoCardless', host: /^api(-sandbox)?\.gocardless\.com$/, sandbox: /-sandbox\./ },
  { name: 'Wise', host: /^api\.(sandbox\.)?transferwise\.(com|tech)$|^api\.wise\.com$/, sandbox: /sandbox/ },
  { name: 'Plaid', host: /^(production|development|sandbox)\.plaid\.com$/, sandbox: /^sandbox\./ },
];

/** Path segments whose POST moves money (create a refund, a payout, a transfer, capture or confirm a payment, pay an invoice). */
const MOVES_ON_POST = /\/(refunds?|payouts?|transfers?|reversals|captures?|capture|confirm|charges|payments|pay|topups|outbound_payments|outbound_transfers|adjustments|disbursements|sale|orders\/[^/]+\/capture|transfer\/create|bank_transfers?)(\/|$)/i;
/** Cancelling a subscription stops what the business is paid: DELETE on it, or POST to its cancel endpoint. */
const CANCELS = /\/subscriptions\/[^/]+(\/cancel)?\/?$/i;
/** GraphQL mutations of Braintree that move money. */
const MONEY_MUTATION = /\bmutation\b[\s\S]*\b(refundTransaction|reverseTransaction|chargePaymentMethod|chargeCreditCard|captureTransaction|partialCaptureTransaction)\b/;

/** Options whose values carry the credential: curl/wget `-u`/`--user`/`--header`, httpie `-a`. */
const CREDENTIAL_OPTIONS = new Set(['-u', '--user', '-H', '--header', '-a', '--auth', '--password', '--http-password', '--oauth2-bearer']);

/** Is the request made with the provider's test mode: a test key written, or a variable whose name says test or sandbox? */
function testMode(inv: Invocation, provider: Provider): boolean {
  const tool = toolNamed(inv.name);
  const words = tool ? parsedArgs(inv.args, tool).options.filter((o) => CREDENTIAL_OPTIONS.has(o.name)).flatMap((o) => o.valueWords) : inv.args;
  const texts = [...words, ...inv.args.filter((w) => /authorization|bearer/i.test(w.text))].map((w) => w.raw);
  if (texts.length === 0) return false;
  return texts.every((t) => (provider.testKey?.test(t) ?? false) || /\$\{?[A-Za-z_]*(TEST|SANDBOX|SBOX)[A-Za-z0-9_]*/i.test(t));
}

function movement(url: RequestUrl, method: string, bodies: readonly { text?: string }[]): string | undefined {
  if (method === 'DELETE' && CANCELS.test(url.path)) return 'cancels a subscription';
  if (method !== 'POST' && method !== 'PUT' && method !== 'PATCH') return undefined;
  if (CANCELS.test(url.path) && /\/cancel\/?$/i.test(url.path)) return 'cancels a subscription';
  // The last money segment says what: `/v2/payments/captures/2GG/refund` refunds.
  const segments = url.path.split('/').filter((p) => p !== '');
  for (let i = segments.length - 1; i >= 0; i--) {
    const m = MOVES_ON_POST.exec('/' + segments[i]! + '/');
    if (m) return `moves money (${m[1]!.toLowerCase()})`;
  }
  const m = MOVES_ON_POST.exec(url.path);
  if (m) return `moves money (${m[1]!.toLowerCase()})`;
  if (/graphql/i.test(url.path) && bodies.some((b) => b.text !== undefined && MONEY_MUTATION.test(b.text))) return 'moves money (a GraphQL payment mutation)';
  return undefined;
}

function moneyRequest(inv: Invocation, ctx: RuleContext): Finding[] {
  const request = requestOf(inv, ctx);
  if (!request || request.unixSocket) return [];
  const method = request.methodOverride ?? request.method;
  for (const text of request.urls) {
    const url = parseRequestUrl(text);
    if (!url || url.dynamicHost) continue;
    const provider = PROVIDERS.find((p) => p.host.test(url.host));
    if (!provider || provider.sandbox?.test(url.host)) continue;
    const what = movement(url, method, request.bodies);
    if (what === undefined || testMode(inv, provider)) continue;
    const env = ctx.environmentOf({ values: [url.host], remote: true, sources: [{ source: 'payment API', value: url.host }] });
    return [{
      rule: 'money.movement',
      risk: 'destructive',
      severity: 'ask',
      reason: `${method} ${url.display} ${what} through ${provider.name}'s live API; money that has moved does not come back by itself.`,
      targets: [{ kind: 'resource', name: url.display, provider: provider.name, remote: true, environment: env.environment, environmentReason: env.reason }],
    }];
  }
  return [];
}

/**
 * The providers' SDKs in code (`stripe.Refund.create(…)`, `stripe.refunds.create(…)`, PayPal's and
 * Square's `refundsApi`/`payoutsApi`): the same acts by method name. A test key written in the code, or
 * read from a variable named for test mode, makes it test mode.
 */
const SDK_MOVES = /\b(?:stripe\.)?(?:Refund|Payout|Transfer|Topup)\.create\s*\(|\b(?:refunds|payouts|transfers|topups)\.create\s*\(|\b(?:PaymentIntent|paymentIntents|Charge|charges)\.(?:capture|confirm)\s*\(|\b(?:Charge|charges)\.create\s*\(|\b(?:Subscription|subscriptions)\.(?:cancel|delete|del)\s*\(|\b(?:Invoice|invoices)\.pay\s*\(|\b(?:refundsApi|payoutsApi|paymentsApi)\.(?:refundPayment|createPayout|createPayment|completePayment)\s*\(/;
const SDK_PROVIDER = /\bstripe\b|\bpaypal|\bsquare(up)?\b|\bbraintree\b|\badyen\b/i;
const SDK_TEST = /\b[sr]k_test_|(?:process\.env\.|os\.environ(?:\.get)?\s*[[(]\s*['"]|getenv\s*\(\s*['"]|ENV\s*\[\s*['"])[A-Z0-9_]*(?:TEST|SANDBOX)[A-Z0-9_]*/;

function moneySnippet(snippet: CodeSnippet, ctx: RuleContext): Finding[] {
  const text = snippet.text;
  if (text.length > 200_000 || !SDK_PROVIDER.test(text) || SDK_TEST.test(text)) return [];
  const m = SDK_MOVES.exec(text);
  if (!m) return [];
  const env = ctx.environmentOf({ values: [], remote: true });
  const where = snippet.origin.kind === 'script' ? `The script ${snippet.origin.path}` : `${snippet.runner.name} code`;
  return [{
    rule: 'money.sdk',
    risk: 'destructive',
    severity: 'ask',
    reason: `${where} moves money through a payment provider's SDK (${m[0].replace(/\s*\($/, '')}); money that has moved does not come back by itself.`,
    targets: [{ kind: 'resource', name: m[0].replace(/\s*\($/, ''), provider: 'payment provider', remote: true, environment: env.environment, environmentReason: env.reason }],
  }];
}

export const moneyMovementPack: RulePack = {
  id: 'money',
  title: "Moving money through a payment provider's API",
  checkInvocation: moneyRequest,
  checkSnippet: moneySnippet,
  reactsTo: isRequestClient,
};
