/**
 * More files whose commands or code run later (red team round 14; issue #18 item 5), beside
 * `bootPlaces.ts`: release tools' hooks (`.release-it.json`), framework boot files (Next.js
 * `instrumentation.ts`), Prisma generators (`provider` is a program `prisma generate` runs), a Go
 * package's files (their `init` runs in every build and test of the package), process managers'
 * and service definitions (pm2's `ecosystem.config.js`, supervisord's `command=`, a systemd unit's
 * `ExecStart=`), cloud build configurations (Amplify, Cloud Build, Read the Docs) and cargo-make's
 * `Makefile.toml`. A written path is looked up by its name, then by its extension: no table is scanned.
 */

import { basename, isWithin } from '../../paths';
import { withCiSecrets } from './ciSecrets';
import type { Facts } from '../../policy/types';
import { commandLinesInCode, dockerfileRuns } from './buildPlaces';
import { goCommands, jsonCommands } from './bootReaders';
import { flowList, joinArgv, yamlCommands, type PlaceRule } from './places';
import type { PayloadLanguage } from './payload';

const CI_PRODUCTION = 'runs in a hosted build with the project\'s deploy credentials — treated as production';

/** `"…"`, `'…'` or `'''…'''` TOML / JS strings, unquoted (`\"` and `\\` unescaped). */
function strings(text: string): string[] {
  return [...text.matchAll(/'''([\s\S]*?)'''|"""([\s\S]*?)"""|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|`([^`]*)`/g)].map((m) => (m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? '').replace(/\\(["'\\])/g, '$1'));
}

/** A key's value in an INI/TOML/JS-object text, first string only (`script: "sh"`, `command = "curl"`). */
function keyed(text: string, key: string): string | undefined {
  const m = new RegExp(`(?:^|[\\s{,])["']?${key}["']?\\s*[:=]\\s*("(?:[^"\\\\]|\\\\.)*"|'(?:[^'\\\\]|\\\\.)*'|\`[^\`]*\`)`).exec(text);
  return m ? strings(m[1]!)[0] : undefined;
}

/** pm2's file is JavaScript pm2 requires; each app's `script` with its `args` (and `interpreter`) is a process it starts, written as one. */
function pm2Apps(text: string): string {
  const out: string[] = [];
  for (const block of text.split(/(?=[{,]\s*["']?script["']?\s*:)/).slice(1, 33)) {
    const script = keyed(block, 'script');
    if (script === undefined) continue;
    const args = keyed(block, 'args');
    const interpreter = keyed(block, 'interpreter');
    out.push([interpreter !== undefined && interpreter !== 'none' ? interpreter : '', script, args ?? ''].filter((w) => w !== '').join(' '));
  }
  return [text, ...out.map((line) => `require('child_process').execSync(${JSON.stringify(line)});`)].join('\n');
}

/** supervisord's `command=` lines (continuation lines indented). */
function iniCommands(text: string, keys: RegExp): string {
  const out: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length && out.length < 32; i++) {
    const m = /^\s*([\w-]+)\s*=\s*(.*)$/.exec(lines[i]!);
    if (!m || !keys.test(m[1]!)) continue;
    let value = m[2]!;
    while (i + 1 < lines.length && /^[ \t]+\S/.test(lines[i + 1]!)) value += ' ' + lines[++i]!.trim();
    out.push(value.replace(/^[-@:+!]+/, '').replace(/\\\n/g, ' '));
  }
  return out.join('\n');
}

/** Cloud Build steps: `entrypoint` + `args`, or a cloud builder image (`gcr.io/cloud-builders/gcloud`) + `args` as that CLI. */
function cloudBuildSteps(text: string): string {
  const out: string[] = [];
  for (const step of text.split(/\n\s*-\s+(?=name\s*:)/).slice(0, 32)) {
    const image = /\bname\s*:\s*["']?([^\s"']+)/.exec(step)?.[1];
    const entry = /\bentrypoint\s*:\s*["']?([^\s"']+)/.exec(step)?.[1];
    const flow = /\bargs\s*:\s*(\[[^\]]*\])/.exec(step)?.[1];
    const block = flow === undefined ? /\bargs\s*:\s*\n((?:\s+-\s+.*\n?)+)/.exec(step)?.[1] : undefined;
    const args = flow !== undefined ? flowList(flow) : block !== undefined ? joinArgv([...block.matchAll(/^\s+-\s+(.*)$/gm)].map((m) => m[1]!.trim().replace(/^(["'])(.*)\1$/, '$2'))) : '';
    const builder = image !== undefined ? /\/cloud-builders\/([\w-]+)/.exec(image)?.[1] : undefined;
    const program = entry ?? builder;
    if (program !== undefined) out.push(`${program} ${args}`.trim());
    const script = /\bscript\s*:\s*\|?\s*\n((?:\s{4,}.*\n?)+)/.exec(step)?.[1];
    if (script !== undefined) out.push(script.split('\n').map((l) => l.trim()).join('\n'));
  }
  // Cloud Build reads `$$` as a literal `$` (its own substitutions are `$NAME`): the shell sees `$T`.
  return withCiSecrets([...out, yamlCommands(text)].join('\n').replace(/\$\$/g, '$'), text);
}

/** Read the Docs: `build.commands` and the list of every `build.jobs` step. */
function listedJobs(text: string): string {
  const out: string[] = [];
  let inList = false;
  let listIndent = -1;
  for (const line of text.split('\n')) {
    const key = /^(\s*)([\w-]+)\s*:\s*(.*)$/.exec(line);
    if (key && !/^\s*-\s/.test(line)) {
      inList = /^(pre|post)_\w+$|^commands$/.test(key[2]!) && key[3]!.trim() === '';
      listIndent = key[1]!.length;
      if (/^(pre|post)_\w+$|^commands$/.test(key[2]!) && key[3]!.trim().startsWith('[')) out.push(...flowItems(key[3]!));
      continue;
    }
    const item = /^(\s*)-\s+(.*)$/.exec(line);
    if (inList && item && item[1]!.length >= listIndent) out.push(item[2]!.trim().replace(/^(["'])(.*)\1$/, '$2'));
  }
  return out.join('\n');
}

function flowItems(v: string): string[] {
  return strings(v.replace(/^\[|\]$/g, ''));
}

/** cargo-make's tasks: `command` with `args`, and `script` (a string, a list or a `'''` block). */
function cargoMakeTasks(text: string): string {
  const out: string[] = [];
  for (const table of text.split(/^\[/m).slice(1, 65)) {
    if (!table.startsWith('tasks.')) continue;
    const command = keyed(table, 'command');
    const args = /^\s*args\s*=\s*(\[[\s\S]*?\])/m.exec(table)?.[1];
    if (command !== undefined) out.push(args !== undefined ? joinArgv([command, ...flowItems(args)]) : command);
    const script = /^\s*script\s*=\s*('''[\s\S]*?'''|"""[\s\S]*?"""|\[[\s\S]*?\]|"(?:[^"\\]|\\.)*"|'[^']*')/m.exec(table)?.[1];
    if (script !== undefined) out.push(...(script.startsWith('[') ? flowItems(script) : strings(script)));
  }
  return out.join('\n');
}

/** Prisma's generators: each `provider` other than Prisma's own is a program `prisma generate` runs. */
function prismaGenerators(text: string): string {
  const out: string[] = [];
  for (const block of text.matchAll(/\bgenerator\s+\w+\s*\{([^}]*)\}/g)) {
    const provider = /\bprovider\s*=\s*("(?:[^"\\]|\\.)*")/.exec(block[1]!)?.[1];
    if (provider === undefined) continue;
    const command = strings(provider)[0]!;
    if (!/^prisma-client(-js)?$/.test(command)) out.push(command);
  }
  return out.join('\n');
}

interface Later {
  where: string;
  when: string;
  language: PayloadLanguage;
  read: (text: string) => string;
  production?: string;
  /** It runs on the machine it is installed on: the scripts it names are that machine's files. */
  elsewhere?: boolean;
}

const WHOLE = (t: string): string => t;
const RELEASE = (read: (t: string) => string, language: PayloadLanguage = 'shell'): Later => ({ where: 'the release-it configuration %s', when: 'when the next release runs (its hooks, with the publish credentials)', language, read });
const NEXT_BOOT: Later = { where: 'the Next.js boot file %s', when: 'whenever the Next.js server starts (next dev, next start, the deployed app)', language: 'javascript', read: WHOLE };
const PM2: Later = { where: "pm2's process file %s", when: 'when `pm2 start` or `pm2 reload` reads it (the apps it starts, on every restart)', language: 'javascript', read: pm2Apps };
const SUPERVISOR: Later = { where: 'the supervisord configuration %s', when: 'whenever supervisord starts or rereads it (its programs, restarted on exit)', language: 'shell', read: (t) => iniCommands(t, /^command$/) };
const CLOUD_BUILD: Later = { where: 'the Cloud Build configuration %s', when: 'in CI (Cloud Build) on every triggered build', language: 'shell', read: cloudBuildSteps, production: CI_PRODUCTION };

const BY_NAME: ReadonlyMap<string, Later> = new Map<string, Later>([
  ['.release-it.json', RELEASE((t) => jsonCommands(t, /^(before|after):[\w:-]+$/))],
  ['.release-it.yaml', RELEASE(yamlHooks)],
  ['.release-it.yml', RELEASE(yamlHooks)],
  ['.release-it.toml', RELEASE((t) => [...t.matchAll(/^\s*["']?(?:before|after):[\w:-]+["']?\s*=\s*(.+)$/gm)].flatMap((m) => (m[1]!.trim().startsWith('[') ? flowItems(m[1]!) : strings(m[1]!))).join('\n'))],
  ...['.release-it.js', '.release-it.cjs', '.release-it.mjs', '.release-it.ts'].map((n): [string, Later] => [n, RELEASE((t) => [jsonCommands(t, /^(before|after):[\w:-]+$/), ...commandLinesInCode(t)].join('\n'))]),
  ...['instrumentation.ts', 'instrumentation.js', 'instrumentation.mjs', 'instrumentation-client.ts', 'instrumentation-client.js'].map((n): [string, Later] => [n, NEXT_BOOT]),
  ['schema.prisma', { where: 'the Prisma schema %s', when: 'whenever `prisma generate` runs (postinstall, migrate dev, the build): each generator provider is a program it starts', language: 'shell', read: prismaGenerators }],
  ...['ecosystem.config.js', 'ecosystem.config.cjs', 'ecosystem.config.mjs', 'ecosystem.config.json', 'ecosystem.json', 'pm2.config.js', 'process.json'].map((n): [string, Later] => [n, PM2]),
  ['amplify.yml', { where: 'the Amplify build file %s', when: 'in CI (AWS Amplify) on every push of the branch, with its deploy role', language: 'shell', read: yamlCommands, production: CI_PRODUCTION }],
  ['amplify.yaml', { where: 'the Amplify build file %s', when: 'in CI (AWS Amplify) on every push of the branch, with its deploy role', language: 'shell', read: yamlCommands, production: CI_PRODUCTION }],
  ['cloudbuild.yaml', CLOUD_BUILD],
  ['cloudbuild.yml', CLOUD_BUILD],
  ['cloudbuild.json', { ...CLOUD_BUILD, read: (t) => jsonCommands(t, /^(entrypoint|script)$/) }],
  ['.readthedocs.yaml', { where: 'the Read the Docs configuration %s', when: 'in CI (Read the Docs) on every push', language: 'shell', read: listedJobs }],
  ['.readthedocs.yml', { where: 'the Read the Docs configuration %s', when: 'in CI (Read the Docs) on every push', language: 'shell', read: listedJobs }],
  ['makefile.toml', { where: 'the cargo-make file %s', when: 'whenever `cargo make` runs a task', language: 'shell', read: cargoMakeTasks }],
  ...['hooks.server.ts', 'hooks.server.js', 'middleware.ts', 'middleware.js', 'entry.server.tsx', 'entry.server.ts', 'entry.server.jsx', 'entry.server.js'].map((n): [string, Later] => [n, { where: 'the server boot file %s', when: 'whenever the app server starts or serves a request (SvelteKit hooks, Next.js middleware, Remix entry)', language: 'javascript', read: WHOLE }]),
  ['earthfile', { where: 'the Earthfile %s', when: 'whenever `earthly` builds a target (its RUN lines, with the build\'s secrets and network)', language: 'shell', read: dockerfileRuns }],
  ...['moon.yml', 'moon.yaml'].map((n): [string, Later] => [n, { where: 'the moon project file %s', when: 'whenever `moon run` runs a task', language: 'shell', read: yamlCommands }]),
  ...['.woodpecker.yml', '.woodpecker.yaml', '.cirrus.yml', 'codefresh.yml', 'wercker.yml', 'semaphore.yml'].map((n): [string, Later] => [n, { where: 'the CI configuration %s', when: 'in CI on the events it names', language: 'shell', read: yamlCommands }]),
  ['bitrise.yml', { where: 'the CI configuration %s', when: 'in CI (Bitrise) on the events it names', language: 'shell', read: (t) => [yamlCommands(t), bitriseScripts(t)].join('\n') }],
]);

/** Bitrise's script steps: the `content:` input (inline or a block below it). */
function bitriseScripts(text: string): string {
  const out: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length && out.length < 32; i++) {
    const m = /^(\s*)(?:-\s+)?content\s*:\s*(.*)$/.exec(lines[i]!);
    if (!m) continue;
    const value = m[2]!.trim();
    if (value !== '' && !/^[|>][-+]?$/.test(value)) {
      out.push(value.replace(/^(["'])(.*)\1$/, '$2'));
      continue;
    }
    for (let k = i + 1; k < lines.length && (lines[k]!.trim() === '' || lines[k]!.length - lines[k]!.trimStart().length > m[1]!.length); k++) out.push(lines[k]!.trim());
  }
  return out.join('\n');
}

/** release-it's YAML hooks: `before:init: cmd` or a list under it. */
function yamlHooks(text: string): string {
  const out: string[] = [];
  let inHook = false;
  for (const line of text.split('\n')) {
    const key = /^\s*["']?((?:before|after):[\w:-]+)["']?\s*:\s*(.*)$/.exec(line);
    if (key) {
      const value = key[2]!.trim();
      inHook = value === '';
      if (value.startsWith('[')) out.push(...flowItems(value));
      else if (value !== '') out.push(value.replace(/^(["'])(.*)\1$/, '$2'));
      continue;
    }
    const item = /^\s*-\s+(.*)$/.exec(line);
    if (inHook && item) out.push(item[1]!.trim().replace(/^(["'])(.*)\1$/, '$2'));
    else if (!item && line.trim() !== '') inHook = false;
  }
  return out.join('\n');
}

function inWorkspace(path: string, facts: Pick<Facts, 'workspaceRoots' | 'cwd'>): boolean {
  const roots = facts.workspaceRoots.length > 0 ? facts.workspaceRoots : [facts.cwd];
  return roots.some((r) => r === path || isWithin(r, path));
}

function place(later: Later, p: string): PlaceRule {
  const shown = p.split('/').slice(-2).join('/');
  return { where: later.where.replace('%s', shown), when: later.when, language: later.language, strictUnknown: false, commands: later.read, ...(later.production !== undefined ? { production: later.production } : {}), ...(later.elsewhere ? { inImage: true } : {}) };
}

const GO_PACKAGE: Later = { where: 'the Go file %s', when: 'whenever its package is built and run (go run, go test, go build of the program: its init functions run first)', language: 'shell', read: goCommands };
const UNIT: Later = { where: 'the systemd unit %s', when: 'whenever the service starts once installed (every boot, every restart)', language: 'shell', elsewhere: true, read: (t) => iniCommands(t, /^Exec(Start|StartPre|StartPost|Stop|StopPost|Reload|Condition)$/) };

/** The place a written path is by its name (looked up before the other tables: it reads these files better than their generic readings). */
export function laterNamedPlaceOf(absolutePath: string): PlaceRule | undefined {
  const p = absolutePath.replace(/\\/g, '/');
  const l = p.toLowerCase();
  if (l.includes('/node_modules/') || l.includes('/.git/')) return undefined;
  const named = BY_NAME.get(basename(l));
  return named ? place(named, p) : undefined;
}

/** The place a written path is by its folder or extension (a project's `.go` files, service units), when no other table knows it. */
export function laterFilePlaceOf(absolutePath: string, facts: Pick<Facts, 'workspaceRoots' | 'cwd'>): PlaceRule | undefined {
  const p = absolutePath.replace(/\\/g, '/');
  const l = p.toLowerCase();
  if (l.includes('/node_modules/') || l.includes('/.git/')) return undefined;
  const name = basename(l);
  // After the system's own (`/etc/supervisord.conf`, places.ts): a project's supervisord files.
  if (name === 'supervisord.conf' || name === 'supervisor.conf' || /\/(supervisor|supervisord)\/conf\.d\/[^/]+\.(conf|ini)$/.test(l)) return place(SUPERVISOR, p);
  if (!inWorkspace(p, facts)) return undefined;
  if (name.endsWith('.go') && !name.endsWith('_test.go') && !/\/(vendor|testdata)\//.test(l)) return place(GO_PACKAGE, p);
  if (name.endsWith('.service')) return place(UNIT, p);
  return undefined;
}
