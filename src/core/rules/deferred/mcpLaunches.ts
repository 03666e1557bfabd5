import { ownTable } from '../../ownTable';
import { dirname, resolvePath } from '../../paths';
import { analyze } from '../../policy/analyze';
import type { Facts, Finding, Invocation } from '../../policy/types';
import { parsedArgs, toolNamed } from '../../registry/commandModel';
import { effectGrammar, readEffectArgs, values } from '../../policy/effectOptions';
import type { DeferredPlace } from './payload';
import { joinArgv, mcpServerCommands } from './places';
import { packageBinary } from '../../shell/wrappers';

/**
 * An MCP server entry runs its command every time the agent starts, outside any hook. The command
 * itself is analysed like any deferred payload (payload.ts); this module asks one more question the
 * payload's words cannot answer: is the program one the guard can vouch for? A package fetched at
 * start-up by a launcher (`npx -y`, `bunx`, `pnpm dlx`, `uvx`, `pipx run`) runs whatever its registry
 * serves that day; the guard vouches only for the reference servers of the MCP project and for
 * packages the workspace already depends on, and for the MCP catalogs' container images. A package
 * named by a URL or a git source, another image, and shell text, are never vouched for. A local program (`node ./tools/mcp.js`) is left to the payload's analysis.
 */

/** Wrappers (`Invocation.via`) that fetch a package from a registry and run its binary. */
const FETCHING_LAUNCHERS = /^(npx|bunx|pnpx|pnpm exec|yarn exec|npm exec|uvx|uv|pipx)$/;
/** Shells given the server's command as text. */
const SHELLS = /^(sh|bash|zsh|dash|ksh|fish|pwsh|powershell|cmd)$/;
/** Package sources that are not a registry name: a URL, a git or GitHub source, a tarball, a local path outside the workspace. */
const NOT_A_REGISTRY_NAME = /:\/\/|^git\+|^(github|gitlab|bitbucket|gist|file):|\.(tgz|tar\.gz|whl)$/i;
/** Reference servers published by the Model Context Protocol project (npm scope, and its Python servers), and vendors' own servers under their npm scope (Microsoft's Playwright, Upstash's Context7). */
const REFERENCE_SERVERS = /^@modelcontextprotocol\/[a-z0-9-]+(@[\w.^~-]+)?$|^mcp-server-(git|fetch|time|sqlite)(==[\w.]+)?$|^(@playwright\/mcp|@upstash\/context7-mcp)(@[\w.^~-]+)?$/;

/** Container images published as MCP servers by the MCP project, Docker's MCP catalog (`mcp/…`) and GitHub. */
const REFERENCE_IMAGES = /^((docker\.io\/|index\.docker\.io\/)?mcp\/[a-z0-9._-]+|ghcr\.io\/github\/github-mcp-server|ghcr\.io\/modelcontextprotocol\/[a-z0-9._-]+)([:@].*)?$/;

/** `docker run … IMAGE` (podman, nerdctl) as a server's command: the image, when it is not one the guard vouches for. */
function unvouchedImage(inv: Invocation): string | undefined {
  if (inv.name !== 'docker' && inv.name !== 'podman' && inv.name !== 'nerdctl') return undefined;
  const spec = toolNamed('docker');
  if (!spec) return undefined;
  const parsed = parsedArgs(inv.args, spec);
  const image = parsed.path[0] === 'run' || (parsed.path[0] === 'container' && parsed.path[1] === 'run') ? parsed.operands[0]?.text : undefined;
  return image !== undefined && !REFERENCE_IMAGES.test(image) ? `the image ${image}, pulled and run by ${inv.name}` : undefined;
}

/** Package names the nearest package.json of `cwd` depends on. */
function workspaceDependencies(facts: Facts, cwd: string): Set<string> {
  const names = new Set<string>();
  let dir = cwd;
  for (let level = 0; level < 16; level++) {
    const text = facts.readFile(dir === '/' ? '/package.json' : dir + '/package.json');
    if (text !== undefined) {
      try {
        const json = JSON.parse(text) as Record<string, unknown>;
        for (const key of ['dependencies', 'devDependencies', 'optionalDependencies']) {
          const deps = json[key];
          if (deps && typeof deps === 'object') for (const name of Object.keys(deps)) names.add(name);
        }
      } catch {
        // Not JSON: nothing is vouched for by it.
      }
      return names;
    }
    if (dir === '/') break;
    dir = dirname(dir);
  }
  return names;
}

/**
 * The package a launched program came from, as written (`@scope/name@1.2`, `evil-mcp`): the value of
 * the launcher's `--spec`/`--from`/`--package` when it gave one, else the word of the line the binary's
 * name was taken from (the launcher keeps only the binary's name).
 */
function packageWord(inv: Invocation, line: string): string {
  const wrapper = inv.wrapperWords ?? [];
  for (let i = 0; i < wrapper.length - 1; i++) if (/^(--spec|--from|--package|-p)$/.test(wrapper[i]!.text)) return wrapper[i + 1]!.text;
  for (const w of wrapper) {
    const m = /^(?:--spec|--from|--package)=(.+)$/.exec(w.text);
    if (m) return m[1]!;
  }
  const written = line.split(/\s+/).map((w) => w.replace(/^['"]|['"]$/g, ''));
  return written.find((w) => withoutVersion(w) === inv.name || withoutVersion(w).endsWith('/' + inv.name) || (w.startsWith('@') && packageBinary({ text: w, raw: w, dynamic: false, glob: false }).text === inv.name)) ?? inv.name;
}

function withoutVersion(spec: string): string {
  const at = spec.lastIndexOf('@');
  return at > 0 ? spec.slice(0, at) : spec.replace(/==.*$/, '');
}

/** What cannot be vouched for in one server's command line, for people; undefined when it can. */
function unvouched(line: string, facts: Facts, cwd: string, deps: () => Set<string>): string | undefined {
  const analysis = analyze(line, facts);
  const first = analysis.invocations[0];
  if (first === undefined) return undefined;
  for (const inv of analysis.invocations) {
    const launcher = inv.via.find((v) => FETCHING_LAUNCHERS.test(v));
    const words = [inv.command, ...(inv.wrapperWords ?? []).map((w) => w.text), ...inv.args.map((a) => a.text)];
    if (launcher !== undefined) {
      const source = words.find((w) => NOT_A_REGISTRY_NAME.test(w));
      if (source !== undefined) return `${source}, fetched and run by ${launcher}`;
      const spec = packageWord(inv, line);
      if (REFERENCE_SERVERS.test(spec)) continue;
      const name = withoutVersion(spec);
      if (deps().has(name) || facts.listDir(resolvePath(cwd, 'node_modules/.bin', facts.home))?.includes(inv.name)) continue;
      return `the package ${spec}, fetched from its registry and run by ${launcher}`;
    }
    if (inv.via.some((v) => /^(sh|bash|zsh|dash|ksh|fish|pwsh|powershell|cmd)\b/.test(v)) || SHELLS.test(inv.name)) return `shell text (${line.slice(0, 80)})`;
    const image = unvouchedImage(inv);
    if (image !== undefined) return image;
  }
  return undefined;
}

/**
 * Findings for MCP server commands the guard cannot vouch for, worded as the write that plants them.
 * `commands` holds one server command line per line (places.ts reads them out of the file's text).
 */
export function unvouchedServers(commands: string, place: DeferredPlace, writer: string, facts: Facts, cwd: string): Finding[] {
  let deps: Set<string> | undefined;
  const lazyDeps = (): Set<string> => (deps ??= workspaceDependencies(facts, cwd));
  const found: Finding[] = [];
  for (const line of commands.split('\n').slice(0, 16)) {
    if (line.trim() === '') continue;
    const what = unvouched(line, facts, cwd, lazyDeps);
    if (what === undefined) continue;
    found.push({
      rule: 'deferred.mcp-unvouched',
      risk: 'unanalyzable',
      severity: 'ask',
      reason: `${writer} adds an MCP server to ${place.where}, which runs ${what} ${place.when}: code the guard has not read runs with the agent's access.`,
      targets: [{ kind: 'path', name: place.where, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }],
    });
  }
  return found;
}

const AGENT_NAMES: Readonly<Record<string, string>> = ownTable({ claude: 'Claude Code', codex: 'Codex', gemini: 'Gemini CLI', qwen: 'Qwen Code' });

/**
 * An MCP server registered through an agent's own CLI (`claude mcp add NAME -- CMD…`, `claude mcp
 * add-json NAME JSON`, `codex mcp add NAME -- CMD…`, `gemini mcp add NAME CMD…`): the place it goes and
 * the server's command line, one per line as `mcpServerCommands` gives them. Undefined for anything else.
 */
export function registeredServer(inv: Invocation): { place: DeferredPlace; commands: string } | undefined {
  if (EDITOR_CLIS.has(inv.name)) return editorServer(inv);
  if (inv.name === 'amp' || inv.name === 'q' || inv.name === 'kiro-cli' || inv.name === 'copilot' || inv.name === 'cursor-agent') return otherAgentServer(inv);
  const agent = AGENT_NAMES[inv.name];
  const spec = agent !== undefined ? toolNamed(inv.name) : undefined;
  if (!spec || agent === undefined) return undefined;
  const parsed = parsedArgs(inv.args, spec);
  if (parsed.path[0] !== 'mcp' || (parsed.path[1] !== 'add' && parsed.path[1] !== 'add-json')) return undefined;
  const place: DeferredPlace = { where: `${agent}'s MCP servers (${inv.name} mcp ${parsed.path[1]})`, when: 'whenever the agent starts (it runs each MCP server command, outside any hook)' };
  const operands = parsed.operands.map((o) => o.text);
  if (parsed.path[1] === 'add-json') return operands[1] === undefined ? undefined : { place, commands: mcpServerCommands(`{"mcpServers":{"x":${operands[1]}}}`) };
  const words = parsed.command?.map((w) => w.text) ?? operands.slice(1);
  // A server at a URL (`--transport http NAME URL`) runs nothing here.
  if (words.length === 0 || (words.length === 1 && /^https?:\/\//.test(words[0]!))) return undefined;
  return { place, commands: joinArgv(words) };
}

/** Editors whose CLI registers MCP servers in the user profile (`code --add-mcp JSON`, red team round 9). */
const EDITOR_CLIS: ReadonlySet<string> = new Set(['code', 'code-insiders', 'cursor', 'codium', 'vscodium', 'code-oss', 'code-server', 'windsurf', 'positron', 'trae', 'kiro', 'openvscode-server']);
/** The editor CLI's valued options (`--add-mcp JSON`, `--profile NAME`, `--user-data-dir DIR` …). */
const EDITOR_GRAMMAR = effectGrammar('g', ['add-mcp', 'profile', 'user-data-dir', 'extensions-dir', 'locale', 'install-extension', 'uninstall-extension', 'category', 'log', 'sync', 'enable-proposed-api', 'inspect-extensions', 'inspect-brk-extensions', 'goto', 'diff', 'merge', 'remote', 'folder-uri', 'file-uri']);

/** `code --add-mcp '{"name":"x","command":"…","args":[…]}'`: each server's command line; undefined when none is given (a URL server runs nothing here). */
function editorServer(inv: Invocation): { place: DeferredPlace; commands: string } | undefined {
  const given = values(readEffectArgs(inv.args, EDITOR_GRAMMAR), 'add-mcp');
  if (given.length === 0) return undefined;
  const place: DeferredPlace = { where: `${inv.name}'s MCP servers (${inv.name} --add-mcp)`, when: "whenever the editor's agent starts (it runs each MCP server command, outside any hook)" };
  // A value the hook cannot read (`--add-mcp "$(cat x)"`) is a server nobody can vouch for: shell text.
  const commands = given.map((w) => (w.dynamic ? 'sh -c "$UNREAD_SERVER_JSON"' : mcpServerCommands(`{"servers":{"x":${w.text}}}`) || (/"command"/.test(w.text) ? 'sh -c "$UNREAD_SERVER_JSON"' : ''))).filter((c) => c !== '');
  return commands.length === 0 ? undefined : { place, commands: commands.join('\n') };
}

/** Amp's `mcp add` options; Amazon Q's and Kiro's (`--name N --command CMD --args A …`). */
const AMP_GRAMMAR = effectGrammar('', ['env', 'header', 'settings-file', 'log-level', 'log-file', 'mode']);
const Q_GRAMMAR = effectGrammar('', ['name', 'command', 'args', 'scope', 'env', 'timeout', 'agent', 'profile']);

/** `amp mcp add NAME -- CMD ARGS…` (or `NAME URL`), `q|kiro-cli mcp add --name N --command CMD --args A`: the server's command line (round 9). */
function otherAgentServer(inv: Invocation): { place: DeferredPlace; commands: string } | undefined {
  // Copilot CLI's and Cursor's `mcp add NAME CMD ARGS…` read as Amp's.
  const amp = inv.name === 'amp' || inv.name === 'copilot' || inv.name === 'cursor-agent';
  const read = readEffectArgs(inv.args, amp ? AMP_GRAMMAR : Q_GRAMMAR);
  const words = read.operands.map((w) => w.text);
  if (words[0] !== 'mcp' || words[1] !== 'add') return undefined;
  const label = inv.name === 'copilot' ? 'Copilot CLI' : inv.name === 'cursor-agent' ? 'Cursor CLI' : amp ? 'Amp' : inv.name === 'q' ? 'Amazon Q Developer CLI' : 'Kiro CLI';
  const place: DeferredPlace = { where: `${label}'s MCP servers (${inv.name} mcp add)`, when: 'whenever the agent starts (it runs each MCP server command, outside any hook)' };
  const command = amp ? words.slice(3).filter((w) => w !== '--' && !(inv.name !== 'amp' && /^(stdio|local|http|sse)$/.test(w))) : [...values(read, 'command').map((w) => w.text), ...values(read, 'args').flatMap((w) => w.text.split(','))];
  if (command.length === 0 || (command.length === 1 && /^https?:\/\//.test(command[0]!))) return undefined;
  return { place, commands: joinArgv(command) };
}
