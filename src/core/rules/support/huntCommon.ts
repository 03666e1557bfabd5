import type { Finding, RuleContext, Target, ArgWord } from '../../policy/types';
import { isSecretKeyName } from '../../credentials/secretValues';
import { providerIn } from '../../credentials/contentRules';
import { parsedArgs, toolNamed } from '../../registry/commandModel';

/** Shared by the credential-hunt pack and its helpers: targets, findings and argument readers. */
export function dumpTarget(name: string, ctx: RuleContext, remote = false, values: readonly string[] = []): Target {
  if (!remote) return { kind: 'credential', name, remote: false, environment: 'local', environmentReason: 'this machine' };
  const env = ctx.environmentOf({ values, remote: true });
  return { kind: 'credential', name, remote: true, environment: env.environment, environmentReason: env.reason };
}

export function dump(rule: string, reason: string, target: Target): Finding {
  return { rule: `credentials.${rule}`, risk: 'credential-dump', severity: 'ask', reason, targets: [target] };
}

export const positionals = (args: readonly ArgWord[]): string[] => args.filter((a) => !a.text.startsWith('-')).map((a) => a.text);

/**
 * A described tool's command words as its registry grammar reads them: global options and their
 * values left out, release tracks skipped (`gcloud --project p beta secrets versions access`).
 */
export function registryWords(tool: string, args: readonly ArgWord[], withOptions = false): string[] {
  const spec = toolNamed(tool);
  if (!spec) return positionals(args);
  const parsed = parsedArgs(args, spec);
  return [...parsed.path, ...parsed.operands.map((w) => w.text), ...(withOptions ? parsed.options.map((o) => o.written) : [])];
}
export const hasFlag = (args: readonly ArgWord[], ...flags: string[]): boolean =>
  args.some((a) => flags.some((f) => a.text === f || (f.startsWith('--') && a.text.startsWith(f + '='))));
export const optionValue = (args: readonly ArgWord[], ...flags: string[]): string | undefined => {
  for (let i = 0; i < args.length; i++) {
    const t = (args[i] as ArgWord).text;
    for (const f of flags) {
      if (t === f) return args[i + 1]?.text;
      if (f.startsWith('--') && t.startsWith(f + '=')) return t.slice(f.length + 1);
    }
  }
  return undefined;
};

const DATABASE_CLIENT_PASSWORD = /^(PGPASSWORD|MYSQL_PWD|REDISCLI_AUTH|MYSQL_ROOT_PASSWORD|MONGO_INITDB_ROOT_PASSWORD)$/;

/** Variable names whose values are secrets: `GITHUB_TOKEN`, `DB_PASSWORD`, and connection URLs that carry a password. */
export function isSecretVariableName(name: string): boolean {
  if (isSecretKeyName(name)) return true;
  // The database clients' own password variables (libpq's PGPASSWORD, mysql's MYSQL_PWD, redis-cli's REDISCLI_AUTH).
  if (DATABASE_CLIENT_PASSWORD.test(name)) return true;
  return /^(DATABASE|DB|[A-Z]+_DB|MONGO(DB)?|REDIS|POSTGRES(QL)?|PG|MYSQL|AMQP|RABBITMQ|CLOUDAMQP|SENTRY|SLACK_WEBHOOK|DISCORD_WEBHOOK|WEBHOOK)_?(URL|URI|DSN|CONNECTION(_STRING)?)$/i.test(name);
}

/**
 * Whom a secret variable's value is for: a named service (`GITHUB_TOKEN`: GitHub), a database
 * (`DATABASE_URL`, `DB_PASSWORD`: a database server, never an HTTP host), or the application itself
 * (`RAILS_MASTER_KEY`, `JWT_SECRET`, `SESSION_SECRET`: keys that sign or decrypt, never sent to any
 * host). `undefined` for a name that is no secret (`isSecretVariableName`) or names no owner (`API_TOKEN`).
 */
export type SecretRole = 'service' | 'database' | 'application';
const APPLICATION_SECRET = /^(RAILS_MASTER_KEY|SECRET_KEY_BASE|(DJANGO_|FLASK_|APP_)?SECRET_KEY|(LARAVEL_)?APP_KEY|(JWT|SESSION|COOKIE|NEXTAUTH|AUTH|BETTER_AUTH|CSRF|SIGNING)_SECRET|JWT_(SIGNING_|PRIVATE_)?KEY|SESSION_KEY|(DATA_|FIELD_|COLUMN_)?ENCRYPTION_KEY|(ACTIVE_RECORD_ENCRYPTION_)?PRIMARY_KEY|MASTER_KEY|SIGNING_KEY)$/i;
const DATABASE_SECRET = /^(\w+_)?(DATABASE|DB|MONGO(DB)?|REDIS|POSTGRES(QL)?|PG|MYSQL|MARIADB|AMQP|RABBITMQ|CLOUDAMQP)_?(URL|URI|DSN|CONNECTION(_STRING)?|PASSWORD|PASS|PWD)$|^(PGPASSWORD|MYSQL_PWD|REDISCLI_AUTH|MYSQL_ROOT_PASSWORD|MONGO_INITDB_ROOT_PASSWORD)$/i;
export function secretRoleOf(name: string): SecretRole | undefined {
  if (!isSecretVariableName(name)) return undefined;
  if (providerIn(name)) return 'service';
  if (APPLICATION_SECRET.test(name)) return 'application';
  if (DATABASE_SECRET.test(name)) return 'database';
  return undefined;
}
