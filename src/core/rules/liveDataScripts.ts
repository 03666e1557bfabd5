import { EFFECT_RULES, READ_ONLY_COMMANDS } from '../policy/effects';
import { SHELLS } from '../policy/handlers/context';
import { ownHandlerFor } from '../policy/handlers/index';
import { interpreterLanguage } from '../policy/handlers/interpreters';
import type { Finding, Invocation, RuleContext, RulePack } from '../policy/types';
import { toolNamed } from '../registry/commandModel';
import { verbTraitsOf } from '../registry/verbTraits';
import { liveDatabaseFolder } from './support/liveDataWrites';

/**
 * Round 29: a project script, a script run by an interpreter, or a program nothing describes, given the live data folder of a
 * database server as an operand or an option's value (`./scripts/sync-tool --out /var/lib/postgresql/data`, `python3
 * migrate.py /var/lib/mysql`, `node tools/x.js --dir=/var/lib/docker/volumes/db`): what it does there cannot be read
 * from the line, and files changed under a running server are lost or corrupt the store. Asked. A described program keeps its
 * own reading (`ls`, `du -sh`, `cp` judged by its effects); the same script given a project folder stays allowed.
 */

/** Runtimes that run a program file or code with the words after it (the shells and interpreters). */
const RUNTIMES = /^(deno|bun|Rscript|lua|luajit|julia|tclsh|guile|elixir|node|nodejs)$/;

/** The servers themselves, started on their own data folder (`mongod --dbpath /data/db`, `postgres -D …`): the folder's owner at work. */
const SERVERS = /^(postgres|postmaster|mysqld|mysqld_safe|mariadbd|mariadbd-safe|mongod|redis-server|valkey-server|etcd|clickhouse-server|clickhouse|elasticsearch|opensearch|cassandra|influxd|couchdb|neo4j|rabbitmq-server|kafka-server-start(\.sh)?|zookeeper-server-start(\.sh)?|zkServer\.sh|minio|sqlservr|cockroach|arangod|rethinkdb)$/;

function scriptRunner(inv: Invocation): boolean {
  if (SERVERS.test(inv.name)) return false;
  // A program named by its path (`./scripts/sync-tool`, `bin/migrate`, `/opt/app/tool`) is the project's or someone's own.
  if (inv.command.includes('/')) return true;
  if (interpreterLanguage(inv.name) !== undefined || RUNTIMES.test(inv.name) || SHELLS.has(inv.name)) return true;
  // A program nothing describes (no entry, handler, effect rule or floor traits).
  return !READ_ONLY_COMMANDS.has(inv.name) && EFFECT_RULES[inv.name] === undefined && toolNamed(inv.name) === undefined && ownHandlerFor(inv.name) === undefined && Object.keys(verbTraitsOf(inv.name)).length === 0;
}

function check(inv: Invocation, _ctx: RuleContext): Finding[] {
  if (inv.remote) return [];
  let folder: string | undefined;
  for (const word of inv.args) {
    // The value of `--out=/var/lib/mysql` as well as an operand or a separate value.
    const text = word.text.replace(/^--?[A-Za-z][\w.-]*=/, '');
    folder = liveDatabaseFolder(text);
    if (folder !== undefined) break;
  }
  if (folder === undefined || !scriptRunner(inv)) return [];
  const shown = inv.command.includes('/') ? inv.command : inv.name;
  return [{
    rule: 'liveDataScripts.live-data-folder',
    risk: 'destructive',
    severity: 'ask',
    reason: `${shown} is given ${folder}, the live data folder of a database server: what it does there cannot be read from the line, and files changed under a running server lose or corrupt its data.`,
    targets: [{ kind: 'path', name: folder, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'a database server\'s files on this machine' }],
  }];
}

export const liveDataScriptsPack: RulePack = {
  id: 'liveDataScripts',
  title: 'Scripts given a database server\'s live data folder',
  checkInvocation: check,
};
