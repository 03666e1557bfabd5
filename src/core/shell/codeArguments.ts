/**
 * Argument lists of calls in program code, split at the commas outside brackets and strings: the SDK
 * readers' (`rules/support/awsSdkCommands.ts`) and the framework APIs' (`frameworkApis.ts`).
 */

/** The pieces of `args` split at top-level commas; with `call`, `args` follows a call's `(` and ends at its `)` (undefined when it never closes). */
function piecesOf(args: string, call: boolean): string[] | undefined {
  const out: string[] = [];
  let depth = 0;
  let quoteChar = '';
  let start = 0;
  for (let i = 0; i < args.length; i++) {
    const c = args[i]!;
    if (quoteChar) {
      if (c === '\\') i++;
      else if (c === quoteChar) quoteChar = '';
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quoteChar = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c) && --depth < 0 && call) {
      const last = args.slice(start, i).trim();
      if (last !== '') out.push(last);
      return out;
    } else if (c === ',' && depth === 0) {
      out.push(args.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (call) return undefined;
  const last = args.slice(start).trim();
  if (last !== '') out.push(last);
  return out;
}

/** Top-level pieces of an argument list, split at commas outside brackets and strings. */
export function splitArguments(args: string): string[] {
  return piecesOf(args, false)!;
}

/** The arguments of a call whose text follows its `(`: up to the `)` that closes it, or undefined when none does. */
export function callPieces(afterParen: string): string[] | undefined {
  return piecesOf(afterParen, true);
}
