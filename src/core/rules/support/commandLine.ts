import type { ArgWord, Invocation } from '../../policy/types';

/** What `echo`/`printf` write into a pipe, decoded. */
export { echoedText } from './pipedText';

/**
 * Command-line shapes the rule packs share beyond option parsing (that is the registry's grammar):
 * the tool a package runner launches.
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
  // `npm exec prisma -- migrate reset`: the `--` only ends the runner's options.
  if (args[0]?.text === '--' && name !== inv.name) args = args.slice(1);
  return { name: stripVersion(name), args };
}
