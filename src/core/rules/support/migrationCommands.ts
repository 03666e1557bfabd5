import { ownTable } from '../../ownTable';

/**
 * Which commands of a migration tool only read (`rules/migrationTools.ts`, moved here at stop 39 to keep it under the
 * size limit), and the migration namespaces of tools that do more than migrate.
 */

const lower = (w: string | undefined): string => (w ?? '').toLowerCase();
const squash = (w: string | undefined): string => lower(w).replace(/[-_]/g, '');

/** A migration tool's command that only reads or prints (`info`, `status`, `history`, liquibase's `update-sql`). */
export function readsOnly(word: string): boolean {
  return /^(info|status|validate|history|version|log|verify|plan|show|diff|check|list|ls|help|describe|current|heads|lint|inspect|dump|print|pending|changelog-sync-sql)$/.test(lower(word)) || /^(status|history|diff|validate|list|show)[-:]/.test(lower(word)) || squash(word).endsWith('sql') || /^[-_]?h(elp)?$/.test(word);
}

/** The last part of a namespaced command reads or writes only files here (`doctrine:migrations:status`, `…:up-to-date`, `…:generate`). */
export function namespacedRead(word: string): boolean {
  const last = lower(word).split(':').pop() ?? '';
  return word.includes(':') && (readsOnly(last) || /^(latest|current|up-to-date|generate|dump-schema|validate-schema)$/.test(last));
}

/** The migration commands of the tools (`rules/migrationTools.ts`) that do more than migrate: anything but a read there changes the production schema. */
export const OWN_COMMANDS: Readonly<Record<string, RegExp>> = ownTable({
  console: /^doctrine:(migrations|schema|database|fixtures|mongodb:schema):/,
  dotnet: /^ef$/,
  flask: /^db$/,
  hasura: /^migrate$/,
  payload: /^migrate(:|$)/,
});
