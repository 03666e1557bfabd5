import type { ArgWord, CredentialFacts, Facts, Invocation, RuleContext } from '../../../src/core/policy/types';

/** A literal argument word, as the shell analysis would produce for unquoted static text. */
export function word(text: string): ArgWord {
  return { text, raw: text, dynamic: /\$|`/.test(text), glob: /[*?[]/.test(text) };
}

/** An invocation built from argv, for pack tests that do not need the shell parser. */
export function invocation(argv: readonly string[], extra: Partial<Invocation> = {}): Invocation {
  const [command = '', ...rest] = argv;
  return {
    name: command.slice(command.lastIndexOf('/') + 1),
    command,
    args: rest.map(word),
    assignments: {},
    redirects: [],
    via: [],
    origin: { kind: 'command' },
    cwd: '/work/app',
    ...extra,
  };
}

/** Facts for a workspace at /work/app with no files, unless `files` provides some (absolute path -> text). */
export function testFacts(overrides: Partial<Facts> & { files?: Record<string, string>; credentials?: CredentialFacts } = {}): Facts {
  const { files = {}, ...rest } = overrides;
  return {
    cwd: '/work/app',
    home: '/home/dev',
    workspaceRoots: ['/work/app'],
    envNames: [],
    envSelectors: {},
    readFile: (p) => files[p],
    listDir: (dir) => {
      const prefix = dir.endsWith('/') ? dir : dir + '/';
      const names = new Set<string>();
      for (const p of Object.keys(files)) if (p.startsWith(prefix)) names.add(p.slice(prefix.length).split('/')[0] ?? '');
      return names.size > 0 ? [...names] : undefined;
    },
    production: { names: [], hosts: [], resourceIds: [] },
    ...rest,
  };
}

/** A rule context whose environment resolver reports "unknown" for remote and "local" otherwise,
 *  for pack tests that check findings, not environment resolution. */
export function plainContext(facts: Facts = testFacts()): RuleContext {
  return {
    facts,
    environmentOf: (hints) =>
      hints.remote
        ? { environment: 'unknown', reason: 'no environment named' }
        : { environment: 'local', reason: 'this machine' },
  };
}
