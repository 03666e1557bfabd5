/** SIGTERM the decision server of `guardHome`, if one runs there (its pid file names a live `decider`). */
export function stopDecider(guardHome: string): boolean;
/** Remove `root` (holding `guardHome`), stopping a decision server that may still be starting there; retried on ENOTEMPTY. */
export function removeWithDecider(root: string, guardHome: string, waitMs?: number): void;
