import { ownTable } from '../../ownTable';
import type { Invocation } from '../../policy/types';
import { freeFormReadings } from '../../registry/freeForm';
import { registryWords } from './huntCommon';

/**
 * A secret published on its own service: a gist, an issue, a comment or a release note holds it where
 * others read it (`gh gist create --public - <<< "$GITHUB_TOKEN"`, `curl -d "$GITHUB_TOKEN"
 * https://api.github.com/gists`). The host is the token's own, so the send check would let it pass; what the
 * request does there is to publish. A token in a header (how the API is meant to be called) is not this.
 */

/** Forge CLI commands whose words become content others read. */
const FORGE_PUBLISHES: Readonly<Record<string, RegExp>> = ownTable({
  gh: /^(gist (create|new|edit)|issue (create|new|comment|edit)|pr (create|new|comment|edit|review)|release (create|new|edit)|discussion)\b/,
  glab: /^(snippet (create|new)|issue (create|new|note|update)|mr (create|new|note|update)|release (create|new))\b/,
});

/** API paths that publish what is sent (GitHub and GitLab REST). */
const PUBLISHING_PATH = /^https?:\/\/(?:api\.github\.com|[^/]*gitlab\.com\/api\/v4)\/(?:gists\b|snippets\b|repos\/[^?#]*\/(?:issues|comments|pulls|releases)\b|projects\/[^?#]*\/(?:issues|notes|snippets|merge_requests)\b)/i;

/** Options whose value is a header or a credential (how a token is meant to reach an API), not the request's content. */
const CREDENTIAL_OPTIONS = new Set(['-H', '--header', '-u', '--user', '--oauth2-bearer', '-A', '--user-agent', '--proxy-user']);

/** Where `inv` publishes, and the texts it publishes; undefined when it publishes nothing. */
export function publishedOnService(inv: Invocation): { where: string; texts: string[] } | undefined {
  const forge = FORGE_PUBLISHES[inv.name];
  if (forge) {
    const words = registryWords(inv.name, inv.args).join(' ');
    if (!forge.test(words)) return undefined;
    const stdin = inv.stdin?.kind === 'herestring' || inv.stdin?.kind === 'heredoc' ? [inv.stdin.text] : [];
    return { where: `a ${words.split(' ').slice(0, 2).join(' ')} on ${inv.name === 'gh' ? 'GitHub' : 'GitLab'}, where others read it`, texts: [...inv.args.map((a) => a.raw), ...stdin] };
  }
  if (inv.name !== 'curl' && inv.name !== 'http' && inv.name !== 'https' && inv.name !== 'xh') return undefined;
  const url = inv.args.find((a) => PUBLISHING_PATH.test(a.text));
  if (!url) return undefined;
  const skip = new Set<number>();
  for (const o of freeFormReadings(inv.args).valued.options) {
    if (!CREDENTIAL_OPTIONS.has(o.written) && !CREDENTIAL_OPTIONS.has(o.name)) continue;
    skip.add(o.index);
    for (const w of o.valueWords) skip.add(inv.args.indexOf(w));
  }
  return { where: `${url.text.replace(/[?#].*$/, '')}, which publishes it`, texts: inv.args.filter((a, i) => !skip.has(i) && a !== url && !/^(?:[A-Za-z-]+):/.test(a.text)).map((a) => a.raw) };
}
