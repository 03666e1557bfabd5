import { identifierParts } from './cliArgs';

/**
 * What a write request to an API destroys when neither its method nor its path says so (round 7
 * re-attack): a body naming a destroying action (`{"action": "delete", "ids": "*"}`, `{"job":
 * "purge_all"}`), a collection replaced with nothing (`PUT /api/orders` with `[]`), every record of a
 * collection switched off at once (`PATCH /api/users` with `{"active": false}` and no id in the path),
 * a workload scaled to zero through the Kubernetes API, and infrastructure admin endpoints whose last
 * word stops or wipes a machine (Consul's `agent/leave`, a server's `actions/rebuild`, `shutdown`).
 */

/** Body keys that name the operation a request runs. */
const ACTION_KEYS = /^(action|op|operation|command|cmd|job|task|type|do|mode|verb|method)$/i;
const DESTROY_ACTION = new Set(['delete', 'remove', 'purge', 'wipe', 'truncate', 'drop', 'destroy', 'flush', 'reset', 'prune', 'expire', 'clear', 'erase', 'nuke', 'empty', 'evict', 'expunge', 'terminate']);
/** Fields whose value, set this way on a whole collection, switches every record off. */
const OFF_FIELDS = /^(active|enabled|is_active|isActive|status|state|deleted|archived|disabled|suspended|banned)$/;
const OFF_VALUES = /^(false|0|inactive|disabled|deleted|archived|suspended|banned|true)$/i;
/** Last path words of infrastructure admin endpoints that take a machine or a member away (Consul, Nomad, Hetzner, DigitalOcean, Proxmox, Vault). */
const ADMIN_ACTIONS = new Set(['leave', 'force-leave', 'shutdown', 'poweroff', 'power_off', 'halt', 'reboot', 'rebuild', 'reinstall', 'reimage', 'drain', 'evacuate', 'decommission', 'deregister', 'step-down', 'stepdown', 'seal', 'disable']);

function pairs(texts: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const text of texts) {
    for (const m of text.matchAll(/"([\w.-]{1,60})"\s*:\s*("([^"]{0,200})"|true|false|null|-?\d+)/g)) out.push([m[1]!, m[3] ?? m[2]!]);
    for (const part of text.split(/[&\n]/)) {
      const eq = /^\s*([\w.[\]-]{1,60})=([^&]{0,200})$/.exec(part);
      if (eq) out.push([eq[1]!, eq[2]!.trim()]);
    }
  }
  return out.slice(0, 200);
}

/** The last path segment is an id (a number, a UUID, a hash-like token) rather than a collection's name. */
function endsWithId(path: string): boolean {
  const last = path.replace(/[?#].*$/, '').split('/').filter((s) => s !== '').pop() ?? '';
  return /^\d+$|^[0-9a-f]{8}-[0-9a-f-]{27,}$|^[A-Za-z]+_[A-Za-z0-9]{6,}$|^[0-9a-f]{16,}$/i.test(last);
}

export function requestAct(method: string, path: string, texts: readonly string[]): string | undefined {
  const all = pairs(texts);
  const action = all.find(([k, v]) => ACTION_KEYS.test(k.replace(/^.*\./, '')) && identifierParts(v).some((p) => DESTROY_ACTION.has(p)) && !identifierParts(v).some((p) => /^(cache|caches|tmp|temp)$/.test(p)));
  if (action) return `a request whose body asks to ${action[1]} (${action[0]}=${action[1]})${all.some(([, v]) => v === '*') ? ', over every record ("*")' : ''}`;
  const bare = path.replace(/[?#].*$/, '').replace(/\/+$/, '');
  if (method === 'PUT' && texts.some((t) => /^\s*(\[\s*\]|\{\s*"[\w-]+"\s*:\s*\[\s*\]\s*\})\s*$/.test(t)) && !endsWithId(bare)) return `a PUT that replaces the whole collection ${bare} with nothing`;
  if ((method === 'PATCH' || method === 'PUT') && !endsWithId(bare) && /\/[a-z_-]+s$/i.test(bare)) {
    const off = all.find(([k, v]) => OFF_FIELDS.test(k.replace(/^.*\./, '')) && OFF_VALUES.test(v) && (/^(deleted|archived|disabled|suspended|banned)$/.test(k.replace(/^.*\./, '')) ? /^(true|1)$/i.test(v) : !/^(true|1)$/i.test(v)));
    if (off) return `a ${method} to the whole collection ${bare} (no id in the path) that sets ${off[0]}=${off[1]} on every record`;
  }
  if (bare.endsWith('/scale') || /\/(deployments|statefulsets|replicasets)\/[^/]+$/.test(bare)) {
    if (texts.some((t) => /"replicas"\s*:\s*0\b/.test(t))) return 'a scale to zero replicas through the Kubernetes API (the workload stops serving)';
  }
  const last = bare.split('/').pop() ?? '';
  if (method !== 'GET' && ADMIN_ACTIONS.has(last.toLowerCase())) return `an admin action "${last}" (${bare}): the machine, agent or member stops serving or is wiped`;
  return undefined;
}
