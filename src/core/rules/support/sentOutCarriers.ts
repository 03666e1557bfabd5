import type { ArgWord, Invocation } from '../../policy/types';
import { freeFormReadings } from '../../registry/freeForm';
import { positionals, registryWords } from './huntCommon';

/**
 * Programs that carry what they are given to a host without a URL in their words (round 12): cloud CLIs
 * whose message, value or data options go to the cloud's API (`aws sqs send-message --message-body`,
 * `gcloud pubsub topics publish --message`, `az storage blob upload --data`, `aws s3 cp -` fed a
 * here-string), forge CLIs whose fields become an issue or a gist (`gh api -f body=…`), mailers (the
 * recipients' domains), `openssl s_client -connect`, syslog and SNMP senders, message-queue clients and
 * notifiers. Looked up by program name only; `secretsSentOut` judges each secret by whom it is for.
 *
 * What stays where it belongs is left out: a secret store's own write (`aws secretsmanager`,
 * `gcloud secrets`, `az keyvault`, `gh secret set`, an SSM `SecureString`), a password option that sets the
 * service's own password (`--master-user-password`, `--admin-password`), sign-ins and local settings.
 */

export interface Carried {
  /** Hosts the words go to. */
  hosts: string[];
  /** The words (as written) and stdin text that go there. */
  texts: string[];
}

/**
 * Options whose value is the password of the resource being made, or the environment and parameters of an
 * application being deployed (`--set-env-vars DATABASE_URL=…`, `--environment Variables={…}`,
 * `--parameter-overrides DbPassword=…`): the secret goes where it is used.
 */
const OWN_SECRET_OPTION = /^--?([a-z-]*-)?(password|passwd|secret-string|secret-binary|auth-token|secret-value|environment|env-vars|env-vars-file|env|settings|secrets|parameter-overrides|parameters|template-parameters|build-env-vars)(=|$)/i;

/** A cloud CLI's groups that keep or encrypt a secret (its place), sign in, or set local settings. */
const KEEPERS: Record<string, RegExp> = {
  aws: /^(configure|secretsmanager|kms|sts|sso|login|ecr|codeartifact)$/,
  gcloud: /^(secrets|kms|auth|config|init)$/,
  az: /^(keyvault|login|logout|account|config|acr)$/,
  gh: /^(secret|auth|config|alias|extension)$/,
  glab: /^(auth|config|alias|variable)$/,
};

const CLOUD_HOSTS: Record<string, string> = { aws: 'amazonaws.com', gcloud: 'cloud.google.com', az: 'management.azure.com', gh: 'api.github.com', glab: 'gitlab.com' };

const HOST = /^(?:[a-z]+:)?(?:[^@\s/'"$]+@)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}|\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?$/i;
const MAILERS = new Set(['mail', 'mailx', 'bsd-mailx', 's-nail', 'nail', 'mutt', 'neomutt', 'sendmail', 'msmtp', 'ssmtp', 'mailsend-go']);

function stdinText(inv: Invocation): string[] {
  return inv.stdin?.kind === 'herestring' || inv.stdin?.kind === 'heredoc' ? [inv.stdin.text] : [];
}

/** Words minus the values of options that set a resource's own password. */
function carriedWords(args: readonly ArgWord[]): string[] {
  const left = new Set<ArgWord>();
  for (const o of freeFormReadings(args).valued.options) {
    if (!OWN_SECRET_OPTION.test(o.written)) continue;
    left.add(args[o.index]!);
    for (const w of o.valueWords) left.add(w);
  }
  return args.filter((a) => !left.has(a)).map((a) => a.raw);
}

function cloudCarried(inv: Invocation): Carried | undefined {
  const words = registryWords(inv.name, inv.args);
  if (KEEPERS[inv.name]!.test(words[0] ?? '')) return undefined;
  // `aws ssm put-parameter --type SecureString`: kept encrypted, as a secret store keeps it.
  if (inv.name === 'aws' && words[0] === 'ssm' && inv.args.some((a) => /^(--type=)?SecureString$/.test(a.text))) return undefined;
  return { hosts: [CLOUD_HOSTS[inv.name]!], texts: [...carriedWords(inv.args), ...stdinText(inv)] };
}

/** The value of the first of `names` (`-n host`, `--server=host`). */
function optionHost(args: readonly ArgWord[], names: readonly string[]): string | undefined {
  for (const o of freeFormReadings(args).valued.options) {
    const host = names.includes(o.written) && o.values[0] !== undefined ? HOST.exec(o.values[0])?.[1] : undefined;
    if (host) return host.toLowerCase();
  }
  return undefined;
}

function hostsCarried(inv: Invocation, hosts: (string | undefined)[]): Carried | undefined {
  const known = hosts.filter((h): h is string => h !== undefined);
  return known.length === 0 ? undefined : { hosts: known, texts: [...inv.args.map((a) => a.raw), ...stdinText(inv)] };
}

export function carriedOut(inv: Invocation): Carried | undefined {
  const name = inv.name;
  if (Object.hasOwn(CLOUD_HOSTS, name)) return cloudCarried(inv);
  if (MAILERS.has(name)) return hostsCarried(inv, positionals(inv.args).filter((p) => p.includes('@')).map((p) => /@([a-z0-9.-]+\.[a-z]{2,})>?$/i.exec(p)?.[1]?.toLowerCase()));
  switch (name) {
    case 'openssl':
      return inv.args[0]?.text === 's_client' ? hostsCarried(inv, [optionHost(inv.args, ['-connect', '-host'])]) : undefined;
    case 'logger':
      return hostsCarried(inv, [optionHost(inv.args, ['-n', '--server'])]);
    case 'snmptrap':
    case 'snmpinform':
      return hostsCarried(inv, [positionals(inv.args).map((p) => HOST.exec(p)?.[1]).find((h) => h !== undefined)?.toLowerCase()]);
    case 'kafka-console-producer':
    case 'kafka-console-producer.sh':
      return hostsCarried(inv, [optionHost(inv.args, ['--bootstrap-server', '--broker-list'])]);
    case 'telegram-send':
      return hostsCarried(inv, ['api.telegram.org']);
    default:
      return undefined;
  }
}
