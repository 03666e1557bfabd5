/**
 * A generic API passthrough of a CLI without rules (stop 29, red team round 7): `caprover api --path
 * /user/apps/appDefinitions/delete --method POST`, `tool api --url /v1/projects/p1 -X DELETE`. The
 * CLI's own verbs say nothing; the request does: a DELETE method, or an API path whose last action
 * destroys (as `stripe post /v1/…/cancel` is read by the verb floor). GET requests and read paths stay
 * allowed.
 */

/** Subcommands that send a raw request to the tool's API. */
const PASSTHROUGH = /^(api|rest|request|call|raw|http|curl)$/i;
const PATH_OPTION = /^--?(path|url|uri|endpoint|route|p)$/;
/** An option that names the request's method (`--method POST`, curl's `-X DELETE`). */
export const METHOD_OPTION = /^--?(method|request|m|x|X)$/;

interface Option {
  name: string;
  value?: string;
  next?: string;
}

/** `destroying(word)`: the verb floor's reading of one path segment. */
export function apiPathVerb(positionals: readonly { text: string }[], options: readonly Option[], destroying: (segment: string) => string | undefined): { verb: string; path: string } | undefined {
  if (!PASSTHROUGH.test(positionals[0]?.text ?? '')) return undefined;
  const valueOf = (re: RegExp): string | undefined => {
    const o = options.find((x) => re.test(x.name));
    return o?.value ?? o?.next;
  };
  const path = valueOf(PATH_OPTION) ?? positionals.slice(1, 3).find((w) => w.text.includes('/'))?.text;
  if (path === undefined) return undefined;
  const method = (valueOf(METHOD_OPTION) ?? positionals.slice(1, 3).find((w) => /^(get|post|put|patch|delete)$/i.test(w.text))?.text ?? 'GET').toUpperCase();
  if (method === 'DELETE') return { verb: 'delete', path };
  if (method === 'GET' || method === 'HEAD') return undefined;
  const segments = path.replace(/^[a-z]+:\/\/[^/]+/i, '').split(/[/?#]/).filter((x) => x !== '' && !/^v\d+$/.test(x));
  const last = segments[segments.length - 1];
  const verb = last !== undefined ? destroying(last) : undefined;
  return verb !== undefined ? { verb, path } : undefined;
}
