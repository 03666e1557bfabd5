import { redactSecrets } from '../../core/audit/redact';
import type { Facts, Finding } from '../../core/policy/types';
import { isObject } from '../hosts/action';
import { mcpToolFindings } from '../../core/rules/mcp';

/**
 * Findings for tool calls that are not shell commands (MCP tools, web fetches), shared by the hook's
 * local decision and the editor's own analysis of an ask, so both judge the same call the same way.
 */

/** Strings anywhere in an MCP tool input, with the key that holds each, bounded. */
export function stringsIn(v: unknown, out: { key: string; value: string }[] = [], key = '', depth = 0): { key: string; value: string }[] {
  if (out.length > 200 || depth > 8) return out;
  if (typeof v === 'string') out.push({ key, value: v });
  else if (Array.isArray(v)) for (const x of v) stringsIn(x, out, key, depth + 1);
  else if (isObject(v)) for (const [k, x] of Object.entries(v)) stringsIn(x, out, k, depth + 1);
  return out;
}

/** A shell command carried in an MCP tool input (`command`, `cmd`, `script`, `commandLine`). */
export function commandIn(strings: readonly { key: string; value: string }[]): string | undefined {
  return strings.find((s) => ['command', 'cmd', 'script', 'commandLine'].includes(s.key))?.value;
}

const DESTRUCTIVE_WORDS = /(delete|destroy|drop|remove|reset|purge|truncate|wipe|erase|terminate|teardown|force[-_]?push|rollback|revoke)/i;
const MUTATION = /\bmutation\b[\s\S]*?\b\w*(delete|destroy|drop|remove|reset|purge)\w*/i;

function productionHit(target: string, strings: readonly { key: string; value: string }[], facts: Facts): string | undefined {
  const declared = [...facts.production.names, ...facts.production.hosts, ...facts.production.resourceIds];
  for (const d of declared) {
    if (!d) continue;
    if (target.includes(d) || strings.some((s) => s.value === d || s.value.includes(d))) return d;
  }
  return undefined;
}

/** Does the tool's name or a GraphQL body in its input delete, destroy or reset something? */
export function mcpLooksDestructive(tool: string, strings: readonly { key: string; value: string }[]): boolean {
  return DESTRUCTIVE_WORDS.test(tool) || strings.some((s) => MUTATION.test(s.value));
}

/**
 * An MCP tool whose name (or GraphQL body) deletes, destroys or resets something: its target's
 * environment is unknown, and therefore production, unless declared.
 */
export function mcpDestructiveFinding(server: string, tool: string, strings: readonly { key: string; value: string }[], facts: Facts): Finding | undefined {
  if (!mcpLooksDestructive(tool, strings)) return undefined;
  const mutation = strings.find((s) => MUTATION.test(s.value));
  const idArg = strings.find((s) => /(^|_)(id|name|uuid)$|Id$|Name$/.test(s.key) && s.value.length <= 120);
  const targetName = redactSecrets(idArg?.value ?? `${server}/${tool}`);
  const production = productionHit(targetName, strings, facts);
  return {
    rule: 'mcp.destructive-tool',
    risk: 'destructive',
    severity: 'ask',
    reason: mutation ? `The MCP tool ${server}/${tool} sends a GraphQL mutation that deletes or resets something.` : `The MCP tool ${server}/${tool} deletes, destroys or resets something.`,
    targets: [
      {
        kind: 'resource',
        name: targetName,
        provider: server,
        remote: true,
        environment: production ? 'production' : 'unknown',
        environmentReason: production ? `${production} is declared production` : 'the MCP call names no environment',
      },
    ],
  };
}

/**
 * Every finding for an MCP call's input: the SQL it carries (read like any SQL client's) and a tool
 * named for deleting (core/rules/mcp.ts), else the name and GraphQL reading above.
 */
export function mcpFindings(server: string, tool: string, input: unknown, strings: readonly { key: string; value: string }[], facts: Facts): Finding[] {
  const judged = mcpToolFindings(server, tool, input, facts);
  if (judged.some((f) => f.severity !== 'info')) return judged;
  const named = mcpDestructiveFinding(server, tool, strings, facts);
  return named ? [...judged, named] : judged;
}

/** A URL to fetch that carries what looks like a credential. */
export function fetchCredentialFinding(url: string): Finding | undefined {
  const redacted = redactSecrets(url);
  if (redacted === url && !redacted.includes('[REDACTED]')) return undefined;
  return {
    rule: 'fetch.credential-in-url',
    risk: 'credential-use',
    severity: 'ask',
    reason: 'The URL the agent wants to fetch carries what looks like a credential.',
    targets: [{ kind: 'url', name: redacted.slice(0, 200), remote: true, environment: 'unknown', environmentReason: 'a remote URL' }],
  };
}
