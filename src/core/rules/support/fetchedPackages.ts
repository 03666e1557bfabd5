import { dirname, isWithin } from '../../paths';
import { EFFECT_RULES, READ_ONLY_COMMANDS } from '../../policy/effects';
import type { Finding, Invocation, RuleContext } from '../../policy/types';
import { toolNamed } from '../../registry/commandModel';
import { VERB_TRAITS } from '../../registry/verbTraits';
import { isSecretVariableName } from './huntCommon';

/**
 * A package fetched from a registry and run at once (issue #18, red team round 8): `npx -y
 * some-unknown-package`, `pnpm dlx`, `bunx`, `uvx`, `pipx run` (`go run host/module@version` is the go wrapper's). Its
 * code is whatever the registry serves under that name today — a typo or a look-alike name is
 * someone else's code — and nothing here reads it before it runs. It asks unless the program is one
 * the guard knows (a registry entry, a tool the verb floor describes, a handler), a well-known
 * developer tool, or installed in the project (`node_modules/.bin`, a dependency in package.json).
 * Addresses instead of names (`npx github:…`, `uvx --from git+https://…`) are the wrappers' (`shell/wrappers.ts`).
 */

/** The via label of each runner that fetches what is not installed. */
const FETCHING = new Set(['npx', 'bunx', 'pnpx', 'pnpm exec', 'yarn exec', 'npm exec', 'uvx', 'pipx', 'uv tool run', 'deno run', 'deno serve']);

/** Well-known developer tools run through a package runner (their binaries' names), from the registries' most used CLIs. */
const WELL_KNOWN = new Set([
  // JavaScript: compilers, linters, formatters, test runners, bundlers, frameworks' CLIs, scaffolders.
  'tsc', 'typescript', 'tsx', 'ts-node', 'eslint', 'prettier', 'biome', 'oxlint', 'stylelint', 'markdownlint', 'markdownlint-cli', 'markdownlint-cli2', 'vitest', 'jest', 'mocha', 'ava', 'c8', 'nyc',
  'playwright', 'cypress', 'vite', 'webpack', 'webpack-cli', 'rollup', 'esbuild', 'swc', 'parcel', 'tsup', 'turbo', 'nx', 'lerna', 'next', 'nuxi', 'nuxt', 'astro', 'svelte-kit', 'sv', 'remix',
  'gatsby', 'ng', 'nest', 'expo', 'react-native', 'storybook', 'sb', 'tailwindcss', 'postcss', 'babel', 'serve', 'http-server', 'nodemon', 'concurrently', 'cross-env', 'dotenv', 'dotenv-cli',
  'env-cmd', 'rimraf', 'del-cli', 'husky', 'lint-staged', 'lefthook', 'commitlint', 'semantic-release', 'changeset', 'np', 'npm-check-updates', 'ncu', 'depcheck', 'knip', 'madge', 'license-checker',
  'prisma', 'drizzle-kit', 'knex', 'typeorm', 'sequelize', 'sequelize-cli', 'mikro-orm', 'kysely', 'wrangler', 'vercel', 'netlify', 'firebase', 'sst', 'sls', 'serverless', 'cdk', 'convex',
  'supabase', 'strapi', 'sanity', 'shadcn', 'degit', 'kill-port', 'json', 'zx', 'gh-pages', 'http-server', 'json-server', 'openapi-typescript', 'vue-tsc', 'svelte-check', 'jscodeshift', 'patch-package',
  'postgrator', 'kysely-ctl', 'db-migrate', 'migrate-mongo', 'node-pg-migrate', 'graphile-migrate', 'umzug', 'dbmate', 'atlas', 'flyway', 'liquibase', 'typeorm-ts-node-commonjs', 'typeorm-ts-node-esm',
  'gulp', 'grunt', 'yo', 'ember', 'vue', 'ionic', 'cordova', 'electron', 'electron-builder', 'eleventy', 'docusaurus', 'typedoc', 'jsdoc', 'size-limit', 'lighthouse', 'wait-on',
  'start-server-and-test', 'npm-run-all', 'run-s', 'run-p', 'only-allow', 'live-server', 'browser-sync', 'tsc-watch', 'node-gyp', 'svgo', 'cspell', 'commitizen', 'cz', 'standard-version', 'release-it',
  'audit-ci', 'tsc-alias', 'ts-prune', 'dependency-cruiser', 'depcruise', 'sort-package-json', 'syncpack', 'inspector', 'pm2', 'wrangler', 'miniflare', 'localtunnel', 'ngrok', 'firebase-tools',
  'blast-shield', 'claude', 'claude-code', 'codex', 'gemini', 'pnpm', 'yarn', 'npm', 'corepack', 'node', 'bun',
  // Python.
  'ruff', 'black', 'isort', 'mypy', 'pyright', 'pylint', 'flake8', 'pytest', 'tox', 'nox', 'pre-commit', 'poetry', 'pdm', 'hatch', 'cookiecutter', 'copier', 'httpie', 'http', 'sqlfluff', 'pip-audit',
  'pipdeptree', 'bandit', 'codespell', 'yamllint', 'ansible-lint', 'cowsay', 'twine', 'build', 'jupyter', 'ipython', 'uv', 'pipx', 'mkdocs', 'sphinx-build', 'alembic', 'django-admin', 'coverage',
]);

/** `create-vite`, `create-next-app`: the initializers `npm create`/`npm init` run; routine scaffolding. */
const INITIALIZER = /^create-[\w-]+$/;

/**
 * The MCP reference servers' binaries (`npx -y @modelcontextprotocol/server-filesystem`, `uvx
 * mcp-server-git`): the package runner names them without their scope, and where they are
 * registered (an MCP config, `claude mcp add`) `deferred/mcpLaunches.ts` checks the scope. Vendors' own
 * servers by their binaries: `@playwright/mcp` (`mcp-server-playwright`), `@upstash/context7-mcp`.
 */
const MCP_REFERENCE = /^(server-[a-z0-9-]+|mcp-server-(git|fetch|time|sqlite|playwright)|context7-mcp)$/;

/** The package names a package.json depends on, and the binaries installed beside it, from `dir` up to the workspace root. */
function installed(name: string, inv: Invocation, ctx: RuleContext): boolean {
  const roots = ctx.facts.workspaceRoots;
  let dir = inv.cwd;
  for (let level = 0; level < 12; level++) {
    if ((ctx.facts.listDir(`${dir}/node_modules/.bin`) ?? []).includes(name) || (ctx.facts.listDir(`${dir}/node_modules`) ?? []).includes(name)) return true;
    const text = ctx.facts.readFile(`${dir}/package.json`);
    if (text !== undefined) {
      try {
        const json = JSON.parse(text) as Record<string, unknown>;
        for (const key of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
          const deps = json[key];
          if (deps && typeof deps === 'object' && Object.keys(deps).some((d) => d === name || d.endsWith(`/${name}`))) return true;
        }
      } catch {
        // A package.json that does not parse vouches for nothing.
      }
    }
    if (roots.some((r) => r === dir) || dir === '/' || !roots.some((r) => isWithin(r, dir))) break;
    dir = dirname(dir);
  }
  return false;
}

function known(name: string): boolean {
  const bare = name.replace(/@[^@/]*$/, '');
  return WELL_KNOWN.has(bare) || INITIALIZER.test(bare) || MCP_REFERENCE.test(bare) || toolNamed(bare) !== undefined || VERB_TRAITS[bare] !== undefined || READ_ONLY_COMMANDS.has(bare) || EFFECT_RULES[bare] !== undefined;
}

export function fetchedPackage(inv: Invocation, ctx: RuleContext): Finding[] {
  const via = inv.via.at(-1);
  if (via === undefined || inv.remote) return [];
  // `npx ./tools/gen.js`: a path, the project's own file, not a package.
  if (!FETCHING.has(via) || /[/\\]/.test(inv.command) || installed(inv.name.replace(/@[^@/]*$/, ''), inv, ctx)) return [];
  return known(inv.name) ? secretHanded(inv, via) : [ask(inv.name, via, ctx)];
}

/**
 * A secret handed in the arguments of a package fetched now (`npx -y cowsay "$AWS_SECRET_ACCESS_KEY"`): the
 * code the registry serves today holds it, whatever the package's name promises. A CLI the registry
 * describes (its own rules judge what it is given: `npx vercel --token …`) is not this case.
 */
function secretHanded(inv: Invocation, via: string): Finding[] {
  if (toolNamed(inv.name.replace(/@[^@/]*$/, '')) !== undefined) return [];
  // Only a word the shell expands hands a value over (`'…$RAILWAY_TOKEN…'` in single quotes is text).
  const secret = inv.args.filter((a) => a.dynamic).flatMap((a) => [...a.raw.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] ?? '')).find(isSecretVariableName);
  if (secret === undefined) return [];
  return [{
    rule: 'credentials.sent-out',
    risk: 'credential-dump',
    severity: 'ask',
    reason: `${via} fetches ${inv.name} from the registry and hands it the secret variable $${secret}: the code served under that name today holds it, read by nobody before it runs.`,
    targets: [{ kind: 'credential', name: `$${secret}`, remote: true, environment: 'unknown', environmentReason: `handed to ${inv.name} as fetched by ${via}, whose code nothing here has read` }],
  }];
}

function ask(what: string, via: string, ctx: RuleContext): Finding {
  const env = ctx.environmentOf({ values: [], remote: false });
  return {
    rule: 'downloaded-code.fetched-package',
    risk: 'unanalyzable',
    severity: 'ask',
    reason: `${via} fetches ${what} and runs it: the project does not depend on it and the guard does not know it, so what runs is whatever the registry serves under that name (a typo or a look-alike is someone else's code), read by nobody before it runs.`,
    targets: [{ kind: 'resource', name: what, provider: via, remote: false, environment: env.environment, environmentReason: env.reason }],
  };
}
