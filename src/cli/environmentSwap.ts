/**
 * The decision server runs each call with its client's environment as `process.env` (git's
 * environment and `os.homedir()` see the same as in the hook process) and puts its own back after.
 * Every read or write of `process.env` goes through the C environment: enumerating it (`{ ...process.env }`,
 * `Object.keys`) copies every variable, and a whole swap in and out of a client's ~60 variables cost
 * about 1 ms of each call. This keeps a plain copy of what it last set and changes only the variables
 * that differ. Nothing else in the server writes `process.env`; a count that disagrees with the copy
 * after a call (something added a variable) falls back to the full swap, so the server's own
 * environment is always exactly back.
 */
export class EnvironmentSwap {
  /** The server's own environment, read once. */
  private readonly own: Readonly<Record<string, string>>;
  /** What `process.env` holds now, as this class set it. */
  private current: Readonly<Record<string, string>>;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.own = plain(env);
    this.current = this.own;
  }

  /** Make `process.env` exactly `to` (changing only what differs from what it holds). */
  swap(to: Readonly<Record<string, string>>): void {
    const from = this.current;
    for (const k in from) if (!Object.prototype.hasOwnProperty.call(to, k)) delete process.env[k];
    for (const k in to) if (from[k] !== to[k]) process.env[k] = to[k];
    this.current = to;
  }

  /** The server's own environment back, checked by count (one enumeration); rebuilt whole when it disagrees. */
  restore(): void {
    this.swap(this.own);
    if (Object.keys(process.env).length === Object.keys(this.own).length) return;
    for (const k of Object.keys(process.env)) if (!Object.prototype.hasOwnProperty.call(this.own, k)) delete process.env[k];
    for (const k in this.own) process.env[k] = this.own[k];
  }
}

function plain(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (typeof v === 'string') out[k] = v;
  return out;
}
