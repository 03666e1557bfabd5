/** SIGTERM the decision server of `guardHome`, if one runs there (its pid file names a live `decider`). */
export function stopDecider(guardHome: string): boolean;
