// The one internal module of jsonc-parser that jsoncTree.ts loads; its signature is the entry's parseTree.
declare module 'jsonc-parser/lib/esm/impl/parser' {
  import type { Node, ParseError, ParseOptions } from 'jsonc-parser';
  export function parseTree(text: string, errors?: ParseError[], options?: ParseOptions): Node | undefined;
  export function parse(text: string, errors?: ParseError[], options?: ParseOptions): unknown;
}
