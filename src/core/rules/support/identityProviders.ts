import type { Finding, RuleContext, Target } from '../../policy/types';
import { identifierParts } from './cliArgs';
import type { KindReading } from './floorLoad';

/**
 * Stop 40 (round 34 held out: `okta apps create web`, `okta apps config --app 0oa…`, `leapp session generate ID`): an
 * organisation's identity provider and its short-lived credentials, by meaning, for CLIs nobody described.
 *
 * - An application, client or service principal created in an identity provider is a new way into every system that trusts
 *   it (an OAuth client with its own secret): an access grant, production (the organisation's one directory).
 * - Such an application's configuration or credentials printed shows its client secret.
 * - A session's temporary credentials generated, minted or exported are printed: cloud keys, live until they expire.
 *
 * An identity provider is known by its program's name (a lexicon of providers, or parts `idp`, `sso`, `oidc`, `oauth`,
 * `saml`, `iam`), never by one command. Allowed: listings and reads of names (`okta apps`, `… apps list`, `leapp session
 * list`), a session started or stopped, and applications created on a provider at localhost.
 */

const PROVIDER = /^(okta|auth0|kcadm|keycloak|zitadel|authentik|ak|fusionauth|ory|hydra|kratos|logto|casdoor|descope|clerk|stytch|onelogin|pingone|pingctl|jumpcloud|dex|authelia|supertokens|frontegg|workos|propelauth|kinde|entra|azuread)$/i;
const PROVIDER_PART = /^(idp|sso|oidc|oauth|oauth2|saml|iam|identity|auth)$/i;
const APP_NOUN = /^(apps?|applications?|clients?|oauth-?apps?|oidc-?clients?|service-?principals?|sps?|integrations?|connections?|api-?clients?|m2m)$/i;
const CREATES = /^(create|new|add|register|make)$/i;
const PRINTS_SECRET = /^(config|configuration|credentials?|creds|secrets?|client-?secret|keys?|show-?secret|export)$/i;
const SESSION_NOUN = /^(sessions?|sts|federation|temp-?creds?|temporary-?credentials?)$/i;
const SESSION_MINT = /^(generate|mint|issue|export|get-?credentials|credentials|creds|env)$/i;
const LOCAL = /^(https?:\/\/)?(localhost|127\.\d+\.\d+\.\d+|\[?::1\]?)(:\d+)?(\/|$)/i;

const valueOf = (o: KindReading['options'][number]): string => o.value ?? o.next ?? '';

export function identityChange(tool: string, reading: KindReading, ctx: RuleContext): Finding | undefined {
  const words = reading.positionals.filter((w) => !reading.maybeValues.has(w.index)).slice(0, 3).map((w) => w.text);
  const values = [...reading.options.map(valueOf), ...reading.positionals.map((w) => w.text)];
  if (values.some((v) => LOCAL.test(v))) return undefined;
  const session = words.findIndex((w) => SESSION_NOUN.test(w));
  if (session >= 0 && SESSION_MINT.test(words[session + 1] ?? '')) {
    return found(tool, words.slice(0, session + 2), 'credential-dump', `prints the temporary cloud credentials of a session (access keys live until they expire)`, ctx, 'credential', 'a session of the signed-in account');
  }
  const provider = PROVIDER.test(tool) || identifierParts(tool).some((p) => PROVIDER_PART.test(p) || PROVIDER.test(p));
  const app = words.findIndex((w) => APP_NOUN.test(w));
  if (!provider || app < 0) return undefined;
  const verb = words[app + 1] ?? '';
  if (CREATES.test(verb)) return found(tool, words.slice(0, app + 2), 'destructive', 'creates an application in the organisation\'s identity provider: a new client with its own secret, trusted by every system that signs in through it', ctx, 'service', `the ${tool} organisation`);
  if (PRINTS_SECRET.test(verb)) return found(tool, words.slice(0, app + 2), 'credential-dump', 'prints an identity-provider application\'s configuration with its client secret', ctx, 'credential', `the ${tool} application ${values.find((v) => /^[\w-]{6,}$/.test(v) && !APP_NOUN.test(v) && v !== verb) ?? ''}`.trim());
  return undefined;
}

function found(tool: string, words: readonly string[], risk: 'destructive' | 'credential-dump', what: string, ctx: RuleContext, kind: 'service' | 'credential', name: string): Finding {
  const env = ctx.environmentOf({ values: [], remote: true });
  const target: Target = { kind, name, provider: tool, remote: true, environment: 'production', environmentReason: env.environment === 'production' ? env.reason : 'the organisation\'s identity and cloud accounts (environment not named: treated as production)' };
  return { rule: kind === 'credential' ? 'verbs.secret-read' : 'verbs.identity-grant', risk, severity: 'ask', reason: `\`${[tool, ...words].join(' ')}\` ${what} (${tool} has no rules of its own: judged by its words).`, targets: [target] };
}
