import type { ArgWord, Invocation } from '../../policy/types';

/**
 * Command-line shapes the rule packs share beyond plain option parsing (see cliArgs.ts): the tool a
 * package runner launches, global options before a subcommand, and single-dash long options.
 */

const PACKAGE_RUNNERS = new Set(['npx', 'pnpx', 'bunx']);
const PACKAGE_MANAGERS = new Set(['npm', 'pnpm', 'yarn', 'bun']);

function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** `prisma@5` -> `prisma`, `@scope/tool@1` -> `@scope/tool`. */
function stripVersion(name: string): string {
  const at = name.lastIndexOf('@');
  return at > 0 ? name.slice(0, at) : name;
}

/**
 * The command a package runner or bundler launches: `npx prisma migrate reset` -> prisma with
 * `migrate reset`; `bundle exec rails db:drop` -> rails; `python manage.py flush` stays python.
 * Returns the invocation's own name and arguments when it is not a runner.
 */
export function effectiveCommand(inv: Invocation): { name: string; args: ArgWord[] } {
  let name = inv.name;
  let args = [...inv.args];
  for (let depth = 0; depth < 3; depth++) {
    if (PACKAGE_RUNNERS.has(name)) {
      const i = args.findIndex((a) => !a.text.startsWith('-'));
      if (i < 0) break;
      name = baseName((args[i] as ArgWord).text);
      args = args.slice(i + 1);
    } else if (PACKAGE_MANAGERS.has(name) && args[0] && ['exec', 'dlx', 'x'].includes(args[0].text)) {
      const rest = args.slice(1);
      const i = rest.findIndex((a) => !a.text.startsWith('-'));
      if (i < 0) break;
      name = baseName((rest[i] as ArgWord).text);
      args = rest.slice(i + 1);
    } else if (name === 'bundle' && args[0]?.text === 'exec' && args[1]) {
      name = baseName(args[1].text);
      args = args.slice(2);
    } else break;
  }
  return { name: stripVersion(name), args };
}

/**
 * Split `tool [global options] subcommand [args]`: global options that take a value are listed in
 * `valued` (`git -C dir`, `kubectl --context x`). Returns the globals (flag -> value) and the words
 * from the subcommand on.
 */
export function splitGlobalOptions(
  args: readonly ArgWord[],
  valued: ReadonlySet<string>,
): { globals: Map<string, string>; rest: ArgWord[] } {
  const globals = new Map<string, string>();
  let i = 0;
  for (; i < args.length; i++) {
    const t = (args[i] as ArgWord).text;
    if (!t.startsWith('-') || t === '-' || t === '--') break;
    const eq = t.indexOf('=');
    if (t.startsWith('--') && eq > 0) globals.set(t.slice(0, eq), t.slice(eq + 1));
    else if (valued.has(t) && i + 1 < args.length) globals.set(t, (args[++i] as ArgWord).text);
    else if (!t.startsWith('--') && t.length > 2 && valued.has(t.slice(0, 2))) globals.set(t.slice(0, 2), t.slice(2));
    else globals.set(t, '');
  }
  if (args[i]?.text === '--') i++;
  return { globals, rest: args.slice(i) };
}

/** Single-dash long options (`-destroy`, `-var-file=prod.tfvars`, `-chdir=envs/prod`): name -> values. */
export function singleDashOptions(args: readonly ArgWord[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const a of args) {
    const t = a.text;
    if (!/^--?[A-Za-z]/.test(t)) continue;
    const name = t.replace(/^--?/, '-');
    const eq = name.indexOf('=');
    const key = eq > 0 ? name.slice(0, eq) : name;
    const value = eq > 0 ? name.slice(eq + 1) : '';
    const list = out.get(key);
    if (list) list.push(value);
    else out.set(key, [value]);
  }
  return out;
}

/** The value that follows a flag as its own word, or is glued with '=' (`--context x`, `--context=x`). */
export function valueAfter(args: readonly ArgWord[], names: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const t = (args[i] as ArgWord).text;
    for (const n of names) {
      if (t === n && i + 1 < args.length) found = (args[i + 1] as ArgWord).text;
      else if (t.startsWith(n + '=')) found = t.slice(n.length + 1);
      else if (n.length === 2 && !n.startsWith('--') && t.startsWith(n) && t.length > 2 && !t.startsWith('--')) found = t.slice(2);
    }
  }
  return found;
}
