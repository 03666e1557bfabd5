import { dirname } from '../../paths';
import type { Finding, Invocation, RuleContext } from '../../policy/types';
import { parsedArgs, toolArgs, toolNamed } from '../../registry/commandModel';

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

/** The workflows folder of the repository holding `cwd` (the nearest one up to the workspace root). */
function workflowsFolder(cwd: string, ctx: RuleContext): string | undefined {
  const root = [...ctx.facts.workspaceRoots].filter((r) => cwd === r || cwd.startsWith(r + '/')).sort((a, b) => b.length - a.length)[0] ?? cwd;
  for (let dir = cwd, level = 0; level < 32; level++) {
    const folder = `${dir === '/' ? '' : dir}/.github/workflows`;
    if (ctx.facts.listDir(folder) !== undefined) return folder;
    if (dir === root || dir === '/') return undefined;
    dir = dirname(dir);
  }
  return undefined;
}

export function releaseWorkflowRun(inv: Invocation, ctx: RuleContext): Finding[] {
  const spec = toolNamed('gh');
  if (!spec) return [];
  const parsed = parsedArgs(inv.args, spec);
  if (parsed.path[0] !== 'release' || parsed.path[1] !== 'create') return [];
  const a = toolArgs(inv.name, parsed, spec);
  if (a.has('-d', '--draft', '-h', '--help')) return [];
  const tag = parsed.operands[0]?.text ?? 'a new tag';
  const repo = a.value('-R', '--repo');
  let why: string | undefined;
  if (repo !== undefined) why = `the release is made in ${repo}, whose workflows cannot be read here`;
  else {
    const folder = workflowsFolder(inv.cwd, ctx);
    const files = folder === undefined ? [] : (ctx.facts.listDir(folder) ?? []).filter((f) => /\.ya?ml$/.test(f));
    for (const file of files) {
      const text = ctx.facts.readFile(`${folder}/${file}`);
      if (text === undefined) why = `the workflow .github/workflows/${file} cannot be read, and may run on it`;
      else if (runsOnRelease(text)) why = `the workflow .github/workflows/${file} runs on a release or a tag push (what it does there is not read here)`;
      if (why !== undefined && text !== undefined) break;
    }
  }
  if (why === undefined) return [];
  const env = ctx.environmentOf({ values: repo !== undefined ? [repo] : [], remote: true });
  return [{
    rule: 'publishing.release-workflow',
    risk: 'destructive',
    severity: 'ask',
    reason: `\`gh release create ${tag}\` publishes the release and its tag: ${why}, so it starts with the repository's secrets, and a release workflow usually publishes or deploys what it builds; a registry does not take that back.`,
    targets: [{ kind: 'resource', name: `release ${tag}`, provider: 'github', remote: true, environment: env.environment, environmentReason: env.reason }],
  }];
}
