/**
 * The syntax tree of a shell command line, as far as the policy engine needs it: which commands run,
 * with which words, redirections and nested bodies. Expansions stay symbolic (a `$X` is a parameter
 * part, not its value); `words.ts` turns words into the engine's `ArgWord`s.
 */

export type RedirectOp = '>' | '>>' | '>|' | '<' | '<>' | '<<' | '<<-' | '<<<' | '>&' | '<&' | '&>' | '&>>';

/** One word of a simple command after quote removal. */
export interface ArgWord {
  /** Text with quotes removed and escapes applied. Dynamic parts ($X, $(...), `...`) stay as written. */
  text: string;
  /** As written in the source, quotes included. */
  raw: string;
  /** Depends on run-time values: parameter expansion, command substitution, arithmetic. */
  dynamic: boolean;
  /** Contains unquoted glob characters (*, ?, [...]) or braces that expand. */
  glob: boolean;
  /**
   * Command substitutions whose output reaches this word through shell variables, as written
   * (`$(jq -r .token legacy/config_backup.json)` behind a later `$TOKEN`). Substitutions written in
   * the word itself are in `raw` instead. Omitted when there are none.
   */
  sources?: string[];
}


/** Languages of code the engine reads (interpreter one-liners, SQL, payloads). */
/** `compiled`: source of a compiled language the agent builds and runs (Go, C/C++, Rust, Java, Kotlin, C#, Swift, Zig, Crystal, Nim, Haskell, Scala). */
export type SnippetLanguage = 'python' | 'javascript' | 'perl' | 'ruby' | 'php' | 'sql' | 'mongo' | 'redis' | 'graphql' | 'json' | 'compiled';

export type WordPart =
  | { kind: 'literal'; text: string; quoted: boolean }
  /** `$X`, `${X:-...}`; `inner` holds command substitutions nested inside the braces. */
  | { kind: 'parameter'; name: string; raw: string; quoted: boolean; inner: CommandList[] }
  /** `$(...)` or a backtick substitution. */
  | { kind: 'command'; raw: string; body: CommandList; quoted: boolean; backtick: boolean }
  /** `$((...))`; `inner` holds command substitutions inside the expression. */
  | { kind: 'arithmetic'; raw: string; inner: CommandList[] }
  /** `<(...)` / `>(...)`. */
  | { kind: 'process'; raw: string; body: CommandList; direction: '<' | '>' };

export interface Word {
  parts: WordPart[];
  /** The word as written, quotes included. */
  raw: string;
}

export interface Assignment {
  name: string;
  /** For `a=(x y)` arrays, every element; otherwise exactly one word. */
  values: Word[];
  array: boolean;
  raw: string;
  /** `a[$(cmd)]=1`: the subscript, when it holds a substitution (bash runs it). */
  subscript?: Word;
}

export interface HereDocument {
  /** The body with the delimiter line removed (and leading tabs removed for `<<-`). */
  text: string;
  /** A quoted delimiter turns off expansion in the body. */
  quoted: boolean;
  /** Command substitutions in an unquoted body: they run when the heredoc is read. */
  substitutions: CommandList[];
}

export interface RedirectNode {
  op: RedirectOp;
  fd?: number;
  target: Word;
  heredoc?: HereDocument;
}

export interface SimpleCommand {
  type: 'simple';
  assignments: Assignment[];
  words: Word[];
  redirects: RedirectNode[];
}

export type CompoundKeyword =
  | 'subshell'
  | 'group'
  | 'if'
  | 'while'
  | 'until'
  | 'for'
  | 'select'
  | 'case'
  | 'function'
  | 'arithmetic'
  | 'test';

export interface CompoundCommand {
  type: 'compound';
  keyword: CompoundKeyword;
  /** Every command list inside, in source order (conditions and bodies alike). */
  bodies: CommandList[];
  /** Words evaluated by the construct itself: `for` lists, the `case` subject and patterns, `[[ ]]` operands. */
  words: Word[];
  redirects: RedirectNode[];
  /** The function name for `function`; the arithmetic text for `(( ))`. */
  name?: string;
  /** Substitutions found inside `(( ))` text. */
  inner?: CommandList[];
}

export type Command = SimpleCommand | CompoundCommand;

export interface Pipeline {
  negated: boolean;
  commands: Command[];
}

/** The operator after a pipeline: how the next one runs. Newlines read as ';'. */
export type ListOperator = ';' | '&' | '&&' | '||';

export interface ListItem {
  pipeline: Pipeline;
  op: ListOperator;
}

export interface CommandList {
  items: ListItem[];
}

export interface ParseResult {
  list: CommandList;
  /** Syntax problems found; the tree holds whatever could be read around them. */
  errors: string[];
  /** Parsing stopped early (nesting or size budget); the tree is incomplete. */
  truncated: boolean;
  /** Why parsing stopped early, when it did. */
  truncatedReason?: string;
  /** Nodes built (commands, words, substitutions, parameters): the parse's work. */
  nodes: number;
}
