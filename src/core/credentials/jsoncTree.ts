import type { Node, ParseError, ParseOptions } from 'jsonc-parser';
import { parse as parseJsoncValue, parseTree as parseJsoncTree } from 'jsonc-parser/lib/esm/impl/parser';

/**
 * jsonc-parser's tree parser without its entry module: the entry also loads the formatter, whose
 * tables (about 250 KB of cached indentation strings) were built at the start of every hook call
 * that reads credential files, and cost it a young-generation collection. Declared in
 * jsoncParserImpl.d.ts (the package ships types for its entry only).
 */
export function parseTree(text: string, errors?: ParseError[], options?: ParseOptions): Node | undefined {
  return parseJsoncTree(text, errors, options);
}

/**
 * A JSON-with-comments document's value (line and block comments, trailing commas), or undefined when the
 * text is not such a document (its callers then read it as a fragment).
 */
export function jsoncValue(text: string): unknown {
  const errors: ParseError[] = [];
  const value: unknown = parseJsoncValue(text, errors, { allowTrailingComma: true, disallowComments: false });
  return errors.length === 0 ? value : undefined;
}
