import { dirname } from '../../paths';
import type { Finding, Invocation, RuleContext } from '../../policy/types';
import { parsedArgs, toolArgs, toolNamed } from '../../registry/commandModel';
import { parseCommand, type GrammarSpec } from '../../registry/grammar';

/**
 * `gh release create v1.0.0` (stop 33, red team round 16). A release is published on GitHub and its tag created; by
 * itself the team allows it (stop 32). It asks when the repository has a workflow that runs on a release or a tag push
 * (`on: release`, `on: push: tags:`, `on: create`, and a `push` with no branch filter, which GitHub runs for tags too): publishing the release then starts that workflow with the
 * repository's secrets, which usually publishes packages or deploys, and a registry does not take that back. A draft
 * (`--draft`) creates no tag and publishes nothing. A repository named with `-R` is not this folder's: its workflows
 * cannot be read here, so it asks. A workflow file listed but unreadable asks too.
 */

/** The `on:` block of a workflow (its inline value and the lines indented under it). */
function triggers(text: string): string | undefined {
  const lines = text.split(/\r?\n/);
  const at = lines.findIndex((l) => /^["']?(on|true)["']?\s*:/.test(l));
  if (at < 0) return undefined;
  const block = [lines[at]!.replace(/^["']?(on|true)["']?\s*:/, '')];
  for (const line of lines.slice(at + 1)) {
    if (/^\S/.test(line) && !line.startsWith('#')) break;
    block.push(line);
  }
  return block.join('\n');
}

/**
 * Whether a push of a tag runs the workflow (GitHub's rules): `push` with a `tags`/`tags-ignore` filter, or with no ref
 * filter at all (`on: push`, `on: [push]`, only `paths`: path filters are not evaluated for tags); `push` filtered by
 * branches alone does not run for tags.
 */
function pushRunsOnTags(on: string): boolean {
  const lines = on.split('\n');
  if (/(^|[\s,[])["']?push["']?\s*(,|\]|$)/.test(lines[0] ?? '')) return true;
  const at = lines.findIndex((l) => /^\s+["']?push["']?\s*:/.test(l));
  if (at < 0) return false;
  const indent = /^\s*/.exec(lines[at]!)![0].length;
  const rest = lines[at]!.replace(/^\s+["']?push["']?\s*:/, '');
  const nested = [rest, ...lines.slice(at + 1).filter((_, k, all) => all.slice(0, k + 1).every((l) => l.trim() === '' || l.trim().startsWith('#') || /^\s*/.exec(l)![0].length > indent))].join('\n');
  if (/\btags(-ignore)?["']?\s*:/.test(nested)) return true;
  return !/\bbranches(-ignore)?["']?\s*:/.test(nested);
}

/** Whether a workflow's triggers include a release, a tag or ref creation, or a push that covers tags. */
export function runsOnRelease(text: string): boolean {
  const on = triggers(text);
  if (on === undefined) return false;
  const inline = on.split('\n')[0] ?? '';
  return /\b(release|create)\b/.test(inline) || /^\s+["']?(release|create)["']?\s*:/m.test(on) || pushRunsOnTags(on);
}

/** Folders of workflow files each forge runs (Gitea and Forgejo also run `.github/workflows`). */
const WORKFLOW_FOLDERS = ['.github/workflows', '.gitea/workflows', '.forgejo/workflows'];

/** The repository folder holding `cwd` whose CI definitions are read (the nearest with one, up to the workspace root). */
function ciFolder(cwd: string, ctx: RuleContext): string | undefined {
  const root = [...ctx.facts.workspaceRoots].filter((r) => cwd === r || cwd.startsWith(r + '/')).sort((a, b) => b.length - a.length)[0] ?? cwd;
  for (let dir = cwd, level = 0; level < 32; level++) {
    const base = dir === '/' ? '' : dir;
    if (WORKFLOW_FOLDERS.some((f) => ctx.facts.listDir(`${base}/${f}`) !== undefined) || ctx.facts.readFile(`${base}/.gitlab-ci.yml`) !== undefined) return base;
    if (dir === root || dir === '/') return undefined;
    dir = dirname(dir);
  }
  return undefined;
}

/**
 * Why a new tag or release in the repository holding `cwd` starts its CI, or undefined: a workflow (GitHub, Gitea,
 * Forgejo) that runs on a release or a tag push, or a GitLab CI file (GitLab runs a pipeline for every new tag unless
 * its rules say otherwise, which is not read here). Every forge's files are read whichever forge the command names:
 * the repository may be mirrored to another forge, where the tag arrives too. An unreadable workflow counts.
 */
export function tagTriggerWhy(cwd: string, ctx: RuleContext): string | undefined {
  const base = ciFolder(cwd, ctx);
  if (base === undefined) return undefined;
  for (const folder of WORKFLOW_FOLDERS) {
    for (const file of (ctx.facts.listDir(`${base}/${folder}`) ?? []).filter((f) => /\.ya?ml$/.test(f))) {
      const text = ctx.facts.readFile(`${base}/${folder}/${file}`);
      if (text === undefined) return `the workflow ${folder}/${file} cannot be read, and may run on it`;
      if (runsOnRelease(text)) return `the workflow ${folder}/${file} runs on a release or a tag push (what it does there is not read here)`;
    }
  }
  return ctx.facts.readFile(`${base}/.gitlab-ci.yml`) !== undefined ? 'the GitLab CI file .gitlab-ci.yml runs a pipeline for new tags (what its jobs do there is not read here)' : undefined;
}

/** tea's own words for `tea release create` (gitea/tea: `release|releases|r`, `create|c`), read by one grammar. */
const TEA: GrammarSpec = {
  unknownLong: 'switch',
  unknownShort: 'switch',
  options: ['--tag', '--target', '-t', '--title', '-n', '--note', '-f', '--note-file', '-a', '--asset', '-r', '--repo', '-l', '--login', '-R', '--remote', '-o', '--output'].map((n) => ({ names: [n], takes: 'one' as const })),
};

/** The release a forge CLI creates: its tag, the repository it names (another than this folder's), whether a draft. */
interface ReleaseCreate { command: string; tag: string; repo?: string; draft: boolean }

function releaseCreateOf(inv: Invocation): ReleaseCreate | undefined {
  if (inv.name === 'tea') {
    const parsed = parseCommand(inv.args, TEA);
    const [group, verb] = parsed.operands.map((w) => w.text);
    if (!/^(release|releases|r)$/.test(group ?? '') || !/^(create|c)$/.test(verb ?? '')) return undefined;
    const value = (...names: string[]): string | undefined => parsed.options.find((o) => names.includes(o.name))?.values[0];
    if (parsed.options.some((o) => /^(-h|--help)$/.test(o.name))) return undefined;
    return { command: 'tea release create', tag: value('--tag') ?? 'a new tag', repo: value('-r', '--repo'), draft: parsed.options.some((o) => o.name === '-d' || o.name === '--draft') };
  }
  const spec = toolNamed(inv.name);
  if (!spec || (inv.name !== 'gh' && inv.name !== 'glab')) return undefined;
  const parsed = parsedArgs(inv.args, spec);
  // Round 18: `gh release edit TAG --draft=false` publishes a draft made earlier, the same act as a create.
  const published = inv.name === 'gh' && parsed.path[1] === 'edit' && parsed.options.some((o) => o.name === '--draft' && /^(false|0)$/i.test(o.values[0] ?? ''));
  if (parsed.path[0] !== 'release' || !(/^(create|new)$/.test(parsed.path[1] ?? '') || published)) return undefined;
  const a = toolArgs(inv.name, parsed, spec);
  if (a.has('-h', '--help')) return undefined;
  if (published) return { command: 'gh release edit --draft=false', tag: parsed.operands[0]?.text ?? 'a draft', repo: a.value('-R', '--repo'), draft: false };
  return { command: `${inv.name} release create`, tag: parsed.operands[0]?.text ?? 'a new tag', repo: a.value('-R', '--repo'), draft: inv.name === 'gh' && a.has('-d', '--draft') };
}

/**
 * `gh release create`, `glab release create`, `tea release create`: the same act on three forges (a release published
 * and its tag created). A draft creates no tag and publishes nothing.
 */
export function releaseWorkflowRun(inv: Invocation, ctx: RuleContext): Finding[] {
  const release = releaseCreateOf(inv);
  if (release === undefined || release.draft) return [];
  const { tag, repo } = release;
  const why = repo !== undefined ? `the release is made in ${repo}, whose workflows cannot be read here` : tagTriggerWhy(inv.cwd, ctx);
  if (why === undefined) return [];
  const env = ctx.environmentOf({ values: repo !== undefined ? [repo] : [], remote: true });
  return [{
    rule: 'publishing.release-workflow',
    risk: 'destructive',
    severity: 'ask',
    reason: `\`${release.command} ${tag}\` publishes the release and its tag: ${why}, so it starts with the repository's secrets, and a release workflow usually publishes or deploys what it builds; a registry does not take that back.`,
    targets: [{ kind: 'resource', name: `release ${tag}`, provider: inv.name === 'gh' ? 'github' : inv.name === 'glab' ? 'gitlab' : 'gitea', remote: true, environment: env.environment, environmentReason: env.reason }],
  }];
}

/** The names whose release command `releaseWorkflowRun` reads. */
export const RELEASE_CLIS: ReadonlySet<string> = new Set(['gh', 'glab', 'tea']);
