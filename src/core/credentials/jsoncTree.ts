import type { Node, ParseError, ParseOptions } from 'jsonc-parser';
import { parseTree as parseJsoncTree } from 'jsonc-parser/lib/esm/impl/parser';

/**
 * jsonc-parser's tree parser without its entry module: the entry also loads the formatter, whose
 * tables (about 250 KB of cached indentation strings) were built at the start of every hook call
 * that reads credential files, and cost it a young-generation collection. Declared in
 * jsoncParserImpl.d.ts (the package ships types for its entry only).
 */
export function parseTree(text: string, errors?: ParseError[], options?: ParseOptions): Node | undefined {
  return parseJsoncTree(text, errors, options);
}
