import type { SourceChange } from './packageSources';

/**
 * More files that say where later installs, builds and uploads go (red team round 18), read as the settings
 * `packageSources.ts` judges: pip's requirement files (`--index-url`, `--extra-index-url`, `--find-links`,
 * `--trusted-host` lines), twine's `.pypirc` (`repository =`: where an upload, with its token, goes), Maven's
 * `settings.xml` (a mirror's, a repository's or a proxy's address), conda's `.condarc` (channels, the channel
 * alias, proxies, `ssl_verify`), and a Go module's `replace` lines (a module swapped for another module's code).
 * Each gives the key and the address; whether the address is vouched for is decided by the caller.
 */

const REQUIREMENTS = /(^|\/)(requirements|constraints)([\w.-]*)?\.(txt|in)$/i;
const REQUIREMENT_OPTION = /^\s*(-i|--index-url|--extra-index-url|-f|--find-links|--trusted-host)(?:\s*=\s*|\s+)(\S+)/gm;

/** `replace old [v] => new [v]` of go.mod, one at a time or in a `replace ( … )` block. */
const GO_REPLACE = /^\s*(?:replace\s+)?([\w.~/-]+)(?:\s+v[\w.+-]+)?\s+=>\s+([\w.~/-]+)(?:\s+v[\w.+-]+)?\s*$/gm;

/** The `host/owner` a module path belongs to (`github.com/acme/lib/v2` → `github.com/acme`), or its host. */
export function moduleOwner(path: string): string {
  const parts = path.split('/');
  return /^(github\.com|gitlab\.com|bitbucket\.org|codeberg\.org|gopkg\.in)$/i.test(parts[0] ?? '') ? parts.slice(0, 2).join('/').toLowerCase() : (parts[0] ?? '').toLowerCase();
}

/** A Go module `from` replaced by `to`: a local folder, the same owner's module or a version pin is not another project's code. */
export function goReplacement(from: string, to: string): SourceChange | undefined {
  const target = to.replace(/@[\w.+-]+$/, '');
  const source = from.replace(/@[\w.+-]+$/, '');
  if (/^(\.{1,2}(\/|$)|\/|~)/.test(target) || target === source || moduleOwner(target) === moduleOwner(source)) return undefined;
  return { kind: 'replaced', key: `replace ${source}`, module: target, owner: moduleOwner(target) };
}

/** `<tag>…</tag>` values inside each `<block>` of an XML text. */
function xmlValues(text: string, block: string, tag: string): string[] {
  const out: string[] = [];
  for (const b of text.matchAll(new RegExp(`<${block}\\b[^>]*>([\\s\\S]*?)</${block}>`, 'g'))) {
    for (const v of b[1]!.matchAll(new RegExp(`<${tag}>\\s*([^<\\s]+)\\s*</${tag}>`, 'g'))) out.push(v[1]!);
  }
  return out;
}

/** conda's `.condarc` keys (YAML): channel lists, `channel_alias`, `default_channels`, `proxy_servers`, `ssl_verify`. */
function condarcPairs(text: string): [string, string][] {
  const out: [string, string][] = [];
  let list = '';
  for (const line of text.split('\n')) {
    const key = /^(\w+)\s*:\s*(.*?)\s*$/.exec(line);
    if (key) {
      list = key[2] === '' ? key[1]! : '';
      if (key[2] !== '') out.push([`conda.${key[1]}`, key[2]!]);
      continue;
    }
    const item = /^\s+(?:-\s*|(\w+)\s*:\s*)(\S+)\s*$/.exec(line);
    if (item && list !== '') out.push([`conda.${list}${item[1] ? `.${item[1]}` : ''}`, item[2]!]);
  }
  return out;
}

/** Key and value pairs (for `sourceChange`) and direct changes a text written into `path` makes, for the files above. */
export function moreSourceSettings(path: string, text: string): { pairs: [string, string][]; changes: SourceChange[] } {
  const l = path.toLowerCase();
  const name = l.slice(l.lastIndexOf('/') + 1);
  if (REQUIREMENTS.test(l)) {
    return { pairs: [...text.matchAll(REQUIREMENT_OPTION)].map((m): [string, string] => [m[1]!.replace(/^-i$/, '--index-url').replace(/^-f$/, '--find-links').replace(/^--/, ''), m[2]!]), changes: [] };
  }
  if (name === '.pypirc') {
    const pairs: [string, string][] = [];
    for (const m of text.matchAll(/^\s*repository\s*[=:]\s*(\S+)\s*$/gm)) pairs.push(['pypirc.repository', m[1]!]);
    return { pairs, changes: [] };
  }
  if (name === 'settings.xml' || name === 'pom.xml') {
    const urls = [...xmlValues(text, 'mirror', 'url'), ...xmlValues(text, 'repository', 'url'), ...xmlValues(text, 'pluginRepository', 'url')];
    const proxies = xmlValues(text, 'proxy', 'host').map((h) => `http://${h}`);
    return { pairs: [...urls.map((u): [string, string] => ['maven.repository', u]), ...proxies.map((p): [string, string] => ['maven.proxy', p])], changes: [] };
  }
  if (name === '.condarc' || name === 'condarc') return { pairs: condarcPairs(text), changes: [] };
  if (name === 'go.mod') {
    return { pairs: [], changes: [...text.matchAll(GO_REPLACE)].map((m) => goReplacement(m[1]!, m[2]!)).filter((c): c is SourceChange => c !== undefined) };
  }
  return { pairs: [], changes: [] };
}
