/**
 * The files curl reads into a request, through the registry's curl grammar (every spelling of each
 * option, glued, abbreviated, `--expand-` variants): `-d @f` and its data siblings, `--data-urlencode
 * name@f`, `--url-query name@f`, `-F name=@f` / `-F name=<f` (a file's contents as a field), `-H @f`
 * (header lines from a file), `-T f`, `--variable name@f` (a variable loaded from a file for
 * `--expand-*`), and `--netrc-file f` (the passwords it holds for the host contacted). wget's
 * `--post-file` / `--body-file` through its own entry.
 */

import type { ArgWord } from '../../policy/types';
import { readingsOf, toolNamed } from '../../registry/commandModel';
import { optionsMatching } from '../../registry/grammar';


const fileWord = (text: string, like: ArgWord): ArgWord => ({ ...like, text, raw: text });

/** A value's file after `@` (stdin `-` is not a file). */
function atFile(value: string): string | undefined {
  if (!value.startsWith('@')) return undefined;
  const file = value.slice(1);
  return file === '' || file === '-' ? undefined : file;
}

/** curl's options that read a file, each with where its value names the file. */
const READS: ReadonlyArray<readonly [readonly string[], (value: string) => string | undefined]> = [
  [['--data', '--data-binary', '--data-ascii', '--data-raw', '--json', '--header'], atFile],
  [['--upload-file', '--netrc-file'], (v) => v],
  // `name@file` or `@file`; `name=content` and `=content` carry text.
  [['--data-urlencode', '--url-query'], (v) => /^[^=@]*@(.+)$/.exec(v)?.[1]],
  [['--variable'], (v) => /^%?[A-Za-z0-9_]+@(.+)$/.exec(v)?.[1]],
  // `name=@file` uploads the file, `name=<file` sends its contents as the field's value; `;type=` and the like follow.
  [['--form'], (v) => /^[^=]*=[<@]("?)([^;"]+)\1/.exec(v)?.[2]],
];

export function curlUploadedFiles(args: readonly ArgWord[], tool: 'curl' | 'wget' = 'curl'): ArgWord[] {
  const spec = toolNamed(tool);
  if (!spec) return [];
  const out: ArgWord[] = [];
  const add = (text: string | undefined, like: ArgWord): void => {
    if (text !== undefined && text !== '' && !out.some((w) => w.text === text)) out.push(fileWord(text, like));
  };
  for (const reading of readingsOf(args, spec)) {
    if (tool === 'wget') {
      // wget: `--post-file F` / `--body-file F` send the file as the request body.
      for (const o of optionsMatching(reading, spec, ['--post-file', '--body-file'])) o.values.forEach((v, i) => add(v, o.valueWords[i] ?? fileWord(v, args[0] as ArgWord)));
      continue;
    }
    for (const [names, fileOf] of READS) {
      for (const o of optionsMatching(reading, spec, names)) o.values.forEach((value, i) => add(fileOf(value), o.valueWords[i] ?? fileWord(value, args[0] as ArgWord)));
    }
  }
  return out;
}
