import type { Finding, Invocation, RuleContext, RulePack } from '../policy/types';
import { isLocalValue } from '../policy/production';
import { commandNode, parsedArgs, toolArgs, toolNamed } from '../registry/commandModel';
import { isSharedDryRun } from '../registry/verbTraits';
import { BUILD_PUBLISHERS, buildToolPublish, OTHER_PUBLISHERS, otherPublish, setupPyPublish } from './support/buildPublishing';
import { RELEASE_CLIS, releaseWorkflowRun } from './support/releaseWorkflows';
import { snippetPublishes } from './support/sdkPublishes';

/**
 * Acts on a public package or extension registry that nothing on this machine takes back: a version
 * published (its number can never be reused), unpublished, deprecated or yanked, a dist-tag moved,
 * access opened, an owner added or removed, an image tag replaced. The registry entry of each tool
 * says which subcommands do this (`registryAct`); a dry run, a registry on this machine (a local
 * Verdaccio, a folder feed) and the act's own undo stay allowed. The registry is another system whose
 * environment the words rarely say, and unknown is production.
 */

/** Python interpreters, for `setup.py upload`. */
const PYTHON = /^python[\d.]*$/;

/** Test indexes: publishing there is still remote, but not to the index people install from. */
const TEST_REGISTRY = /(^|[/.])test\.pypi\.org\b|^testpypi$|^test$/i;

function registryAct(inv: Invocation, ctx: RuleContext): Finding[] {
  const tool = toolNamed(inv.name);
  if (!tool) return [];
  const parsed = parsedArgs(inv.args, tool);
  const act = commandNode(parsed).registryAct;
  if (!act) return [];
  const args = toolArgs(inv.name, parsed, tool);
  if (parsed.options.some((o) => isSharedDryRun(o.name) && o.values[0] !== 'false') || (inv.name === 'cargo' && args.has('-n'))) return [];
  if (act.harmless?.(args)) return [];
  const registry = act.registry?.(args);
  if (registry !== undefined && (isLocalValue(registry) || registry.startsWith('.') || registry.startsWith('/'))) return [];
  const command = [inv.name, ...parsed.path].join(' ');
  const subject = parsed.operands.find((w) => !w.text.includes('='))?.text ?? 'the package in this folder';
  const hints = registry !== undefined ? [{ source: 'registry', value: registry }] : [];
  const env = registry !== undefined && TEST_REGISTRY.test(registry)
    ? { environment: 'non-production' as const, reason: `${registry} is a test index` }
    : ctx.environmentOf({ values: hints.map((h) => h.value), remote: true, sources: hints });
  return [{
    rule: 'publishing.registry-act',
    risk: 'destructive',
    severity: 'ask',
    reason: `\`${command}\` ${act.does} (${subject}); a registry does not take this back.`,
    targets: [{ kind: 'resource', name: subject, provider: registry ?? 'package registry', remote: true, environment: env.environment, environmentReason: env.reason }],
  }];
}

export const publishingPack: RulePack = {
  id: 'publishing',
  title: 'Publishing to, or withdrawing from, a public package registry',
  checkInvocation: (inv, ctx) => [
    ...(BUILD_PUBLISHERS.has(inv.name) ? buildToolPublish(inv, ctx) : registryAct(inv, ctx)),
    ...(OTHER_PUBLISHERS.has(inv.name) ? otherPublish(inv, ctx) : []),
    ...(PYTHON.test(inv.name) ? setupPyPublish(inv, ctx) : []),
    ...(RELEASE_CLIS.has(inv.name) ? releaseWorkflowRun(inv, ctx) : []),
  ],
  checkSnippet: snippetPublishes,
  reactsTo: (name) => RELEASE_CLIS.has(name) || BUILD_PUBLISHERS.has(name) || OTHER_PUBLISHERS.has(name) || PYTHON.test(name) || toolNamed(name) !== undefined,
};
