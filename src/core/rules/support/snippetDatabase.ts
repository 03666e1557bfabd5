import type { CodeSnippet, RuleContext, Target } from '../../policy/types';
import { hostOf, isLocalHost } from '../../policy/production';
import { memoryOnlyStore } from './memoryStores';
import { clientHostInCode } from './productionWrites';

/**
 * The database interpreter code works on, for the packs that read ORM calls in code (the migration pack's
 * schema drops, the ORM one-liners): the one a connection URL in the code names, or the program's
 * configured database, whose environment is unknown. An in-memory database exists only for the program's
 * own run: undefined.
 */
export function snippetDatabase(snippet: CodeSnippet, ctx: RuleContext): { name: string; target: Target } | undefined {
  if (memoryOnlyStore(snippet.text)) return undefined;
  const url = /\b((?:postgres(?:ql)?|mysql|mariadb|mssql|sqlite|mongodb(?:\+srv)?)(?:\+\w+)?:\/\/[^\s'"`]*)/i.exec(snippet.text)?.[1];
  // A host the code names without a URL: `psycopg2.connect(host='db…')`, a DSN's `host=db… dbname=shop` (GORM, libpq).
  const host = url !== undefined ? hostOf(url) : (clientHostInCode(snippet.text) ?? /["'\x60][^"'\x60]*?\bhost=([\w.-]+)/.exec(snippet.text.slice(0, 100_000))?.[1]);
  const local = (url !== undefined && /^sqlite/i.test(url)) || (host !== undefined && isLocalHost(host));
  const inv = snippet.runner;
  const remote = inv.remote !== undefined || !local;
  const env = ctx.environmentOf({ values: url !== undefined ? [url] : host !== undefined ? [host] : [], sources: inv.remote ? [...inv.remote.names] : [], remote });
  const name = host !== undefined && host !== '' ? `the database on ${host}` : (url ?? 'the database the program connects to');
  return { name, target: { kind: 'database', name, provider: 'orm', remote, environment: env.environment, environmentReason: env.reason } };
}
