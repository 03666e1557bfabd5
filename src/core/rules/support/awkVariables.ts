import type { ArgWord } from '../../policy/types';

/**
 * The files awk's `getline <` reads: named by literals side by side (`getline l < (".e" "nv")`), or
 * (`awk 'BEGIN{f=".e" "nv"; while ((getline l < f) > 0) print l}'`, `awk -v f=.env '…getline l < f…'`)
 * named through a variable the program sets to literals side by side
 * (one string in awk) or an assignment given with `-v`. A variable set to anything else is left alone.
 */
export function awkGetlineFiles(program: string, args: readonly ArgWord[]): { file: string; how: string }[] {
  const out: { file: string; how: string }[] = [];
  // `getline l < (".e" "nv.production")`: literals side by side are one string in awk.
  for (const m of program.matchAll(/getline\s*[A-Za-z_]*\s*<\s*\(?\s*((?:"[^"]*"\s*)+)/g)) out.push({ file: [...(m[1] ?? '').matchAll(/"([^"]*)"/g)].map((p) => p[1]).join(''), how: 'awk (getline <)' });
  for (const m of program.matchAll(/getline\s*[A-Za-z_]*\s*<\s*([A-Za-z_]\w*)\b(?!\s*[("[])/g)) {
    const name = m[1] ?? '';
    const set = new RegExp(`(?:^|[^\\w])${name}\\s*=\\s*((?:"[^"]*"\\s*)+)`).exec(program)?.[1];
    // `-v NAME=VALUE` or `-vNAME=VALUE`: awk's assignment option (not an option reader: the value is matched by its name).
    const given = args.map((a, i) => (args[i - 1]?.text === '-v' ? a.text : /^-v(.+)$/.exec(a.text)?.[1])).find((v) => v?.startsWith(`${name}=`));
    const value = set !== undefined ? [...set.matchAll(/"([^"]*)"/g)].map((p) => p[1]).join('') : given?.slice(name.length + 1);
    if (value) out.push({ file: value, how: 'awk (getline < a variable naming it)' });
    if (out.length >= 8) break;
  }
  return out;
}
