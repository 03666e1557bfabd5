import type { ToolSpec } from '../types';
import { flag, valued } from './options';

/**
 * RabbitMQ's `rabbitmqctl [-n NODE] [-q] [-t TIMEOUT] [-l] COMMAND [ARGS]`: the node is `rabbit@HOST`
 * (this machine's node without `-n`). Its destroying words (`purge_queue`, `delete_queue`, `reset`) stay
 * with the verb floor (`FLOOR_WHOLE`); `databaseAdmin.ts` reads the node for administration elsewhere.
 */
export const rabbitmqctl: ToolSpec = {
  names: ['rabbitmqctl', 'rabbitmqctl.bat'],
  family: 'database',
  locality: 'either',
  options: [
    valued('-n', '--node'), valued('-t', '--timeout'), valued('-p', '--vhost'), valued('--erlang-cookie'), valued('--formatter'),
    flag('-q', '--quiet'), flag('-s', '--silent'), flag('-l', '--longnames'), flag('--no-table-headers'), flag('--help'), flag('--version'),
  ],
};
