/** Fixed tables the shell walker (`analyze.ts`) consults: names and patterns, no logic. */

/** Paths that name the process's own stdin. */
export const STDIN_PATHS = new Set(['/dev/stdin', '/dev/fd/0', '/proc/self/fd/0']);
/** `((` that is not `$((`: an arithmetic command in bash, nested subshells in POSIX sh. */
export const ARITHMETIC_COMMAND = /(^|[^$])\(\(/;
/** Builtins that declare or set variables from their words. */
export const DECLARATIONS = new Set(['export', 'local', 'declare', 'typeset', 'readonly', 'read', 'unset', 'mapfile', 'readarray']);

/** A run of key-like characters long enough to be a token. Bounded class, single quantifier: linear. */
export const LONG_TOKEN = /[A-Za-z0-9_+=-]{24,}/g;

/** Commands whose output `commandOutput` can know. */
export const OUTPUT_PRODUCERS = new Set(['echo', 'printf', 'cat', 'base64', 'gbase64', 'basenc', 'openssl', 'xxd', 'rev', 'pwd', 'jq', 'realpath', 'grealpath', 'readlink', 'greadlink', 'dirname', 'basename', 'tr', 'gtr', 'sed', 'gsed']);
