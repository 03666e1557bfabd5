import type { Finding } from '../../policy/types';

/**
 * Git attributes that hand files to a driver program (red team round 7): `* filter=x` makes git run the
 * `filter.x.clean`/`smudge` (or `process`) program on every add and checkout, `diff=x` the diff
 * driver's `textconv`/`command` on every diff and log, `merge=x` the merge driver's `driver` on every
 * merge. The program itself is named in git's settings, where it may already be or be put later; an
 * attribute naming a driver that is neither built into git nor a well-known one (Git LFS) makes
 * whatever that setting says run on the repository's files, so writing it asks. `text`, `eol`,
 * `binary`, `linguist-*`, `-diff`, `diff=python` (a built-in hunk-header style), `merge=union` and
 * LFS's own line stay allowed.
 */

/** Drivers git has built in (diff hunk-header styles, merge drivers) or that a well-known tool installs (Git LFS). */
const KNOWN_DRIVERS = /^(lfs|union|text|binary|ours|ada|bash|bibtex|cpp|csharp|css|dts|elixir|fortran|fountain|golang|html|java|kotlin|markdown|matlab|objc|pascal|perl|php|python|ruby|rust|scheme|tex|astextplain)$/i;
const DRIVER = /(?:^|\s)(filter|diff|merge)=([^\s]+)/g;
const ATTRIBUTE_FILES = /(^|\/)(\.gitattributes|\.git\/info\/attributes|\.config\/git\/attributes)$/;

/** `before`: the file's text now; its lines were there already and are not the write's. */
export function attributeDriverWrites(path: string, text: string | undefined, writer: string, before: string | undefined): Finding[] {
  if (!ATTRIBUTE_FILES.test(path) || text === undefined) return [];
  const had = new Set((before ?? '').split('\n'));
  for (const line of text.split('\n').slice(0, 400)) {
    if (line.trim().startsWith('#') || had.has(line)) continue;
    for (const m of line.matchAll(DRIVER)) {
      const [, kind, name] = m as unknown as [string, string, string];
      if (KNOWN_DRIVERS.test(name)) continue;
      const file = path.split('/').slice(-2).join('/');
      return [{ rule: 'deferred.attribute-driver', risk: 'unanalyzable', severity: 'ask', reason: `${writer} makes ${file} send files through the ${kind} driver ${name}: git runs whatever program its settings name for ${kind}.${name} on every ${kind === 'filter' ? 'add and checkout' : kind === 'diff' ? 'diff and log' : 'merge'}, which the hook cannot see then; it needs confirmation.`, targets: [{ kind: 'path', name: file, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }] }];
    }
  }
  return [];
}
