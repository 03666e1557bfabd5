/**
 * Stop 39 (red team round 33, issue #18 criterion 1: `neocities push dist`, `w3 up dist/`, `coscmd upload -r dist/ /`,
 * `ncftpput -R -m -u deploy ftp.acme.com /public_html dist/*`): a site's build output sent by a CLI nobody describes is
 * a deploy. A push, upload, `up`, publish or sync whose operand is the project's build folder (`dist`, `build`, `public`,
 * `_site`, `out`, `storybook-static`, `.output/public`), or an uploading program (its name ends in `put` or `upload`:
 * `ncftpput`, `wput`) given one, replaces what the live site serves, with nothing reviewed first. The stops 35/36 line
 * stands: a plain push or upload with no build folder named (`acmecms push`, `dvc push -r storage`) stays allowed.
 *
 * Allowed look-alikes: a copy of the build into another folder here (`… upload dist/ ./mirror`, `file://`), the build
 * itself (`… build dist`), and a push or upload of a data or source folder (`dvc push data/`, `… upload src/`).
 */

/** The build output folders of web projects and site generators. */
const BUILD_FOLDER = /^(\.\/)?(dist|build|public|_site|out|www|site|storybook-static|\.output\/public|\.vercel\/output|_build\/html|html|export)(\/(\*|\.)?)?$/i;
/** Words that send files somewhere. */
const SENDS = /^(push|upload|up|publish|sync|put|mirror|ship|release|upload-dir|push-dir|deploy-dir)$/i;
/** Programs whose name is an upload (`ncftpput`, `wput`, `ftp-upload`). */
const UPLOADER = /^[a-z][a-z0-9-]*(put|upload|uploader)$/;
/** A destination that stays on this machine. */
const HERE = /^(\.{1,2}\/|~\/|file:)|^\/tmp(\/|$)/;

export interface SiteWords {
  tool: string;
  path: readonly string[];
  options: readonly { name: string; value?: string; next?: string }[];
}

/** The sending word (or the program) and the build folder it sends, or undefined. */
export function builtSiteSent(w: SiteWords): { at: number; verb: string; shown: string } | undefined {
  const at = w.path.slice(0, 3).findIndex((p) => SENDS.test(p));
  const byName = UPLOADER.test(w.tool) && !/^(input|output)$/.test(w.tool);
  if (at < 0 && !byName) return undefined;
  const after = w.path.slice(at + 1);
  // The folder may be read as an option's value (`upload -r dist/ /`: `-r` is a switch).
  const sent = [...after, ...w.options.filter((o) => o.value === undefined && o.next !== undefined).map((o) => o.next!)];
  const folder = sent.findIndex((p) => BUILD_FOLDER.test(p));
  if (folder < 0) return undefined;
  // A destination here (`upload dist/ ./mirror`, `--to file:///srv`) copies the build, it does not publish it.
  const rest = [...after.filter((p) => p !== sent[folder]), ...w.options.map((o) => o.value ?? o.next ?? '')].filter((p) => p !== sent[folder]);
  if (rest.some((p) => HERE.test(p))) return undefined;
  // A place named by its scheme (`put dist/ s3://acme-assets`) is read where remote writes are (support/floorDisruptive.ts), which names it.
  if (at >= 0 && rest.some((p) => /^[a-z][\w+.-]*:\/\//i.test(p))) return undefined;
  // A push, `up` or publish of the build is the site's deploy; an upload copies it only where a destination is named (`upload -r dist/ /`,
  // `ncftpput … /public_html dist/*`): the stop 38 line keeps a plain `acmectl upload ./dist` allowed.
  const copies = at < 0 || /^(upload|put|mirror|sync|upload-dir)$/i.test(w.path[at]!);
  if (copies && !after.some((p) => p !== sent[folder] && /^\/|^[a-z][\w+.-]*:\/\/|^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?(\/|$)/i.test(p))) return undefined;
  return at >= 0 ? { at, verb: w.path[at]!.toLowerCase(), shown: w.path[at]! } : { at: -1, verb: 'upload', shown: `${sent[folder]} (it uploads)` };
}
