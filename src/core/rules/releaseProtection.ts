import type { Finding, Invocation, RuleContext, RulePack } from '../policy/types';
import { parsedArgs, toolArgs, toolNamed } from '../registry/commandModel';
import { resolvePath } from '../paths';
import { isLocalKubeContext } from '../policy/production';
import { throwawayCluster } from './support/localClusters';
import { freeFormReadings, optionValue } from '../registry/freeForm';
import { helmfileGrammar } from '../registry/tools/helmfile';
import { workloadLowering } from './support/writtenProtection';
import { fileValues, firstLowering, jsonTreeValues, parseJsonLoose, setJsonValues, setLiteralValues, setValues, type ValueEntry, type ValueMeaning } from './support/releaseValues';

/**
 * Protection lowered through a release's values (issue #18 item 4, red team rounds 14 and 15): a Helm
 * install or upgrade given values by any road (`--set`, `--set-string`, `--set-json`, values files and
 * stdin), a rendered chart piped into `kubectl apply`, Argo CD's helm parameters (`argocd app set -p`,
 * `--helm-set`), a Flux HelmRelease's `spec.values` patched, and a default-deny NetworkPolicy retargeted by
 * a patch. Each value is read against one key-meaning table (`support/releaseValues.ts`): the reason
 * names the protection lost. Read-only commands (`helm diff upgrade`, `helm template` to the screen,
 * `--dry-run`) stay allowed; a values file that cannot be read on such a change asks.
 */

interface Found {
  meaning?: ValueMeaning;
  /** Why the values cannot be known (a file unread, stdin from a program). */
  unread?: string;
}

function fileText(path: string, inv: Invocation, ctx: RuleContext): { text?: string; unread?: string } {
  if (path === '-') {
    const s = inv.stdin;
    if (s?.kind === 'heredoc' || s?.kind === 'herestring') return { text: s.text };
    if (s?.kind === 'file') return fileText(s.path, inv, ctx);
    if (s?.kind === 'pipe' && /^(cat|bat|batcat|tac)$/.test(s.from.name)) {
      const files = freeFormReadings(s.from.args).usual.operands.map((w) => w.text);
      if (files.length === 1) return fileText(files[0]!, s.from, ctx);
    }
    return { unread: 'values come from another program\'s output' };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return { unread: `the values file ${path} is fetched at run time` };
  // `--values <(echo …)`, `-f $VALUES`: the file is another program's output or a name known only at run time.
  if (/^[<>]\(|\$/.test(path)) return { unread: `the values come from ${path.startsWith('<(') || path.startsWith('>(') ? 'a process substitution' : 'a name known only at run time'}` };
  const abs = resolvePath(inv.cwd, path, ctx.facts.home);
  const text = ctx.facts.readFile(abs);
  if (text !== undefined) return { text };
  const status = ctx.facts.fileStatus?.(abs);
  // A missing file makes helm stop before changing anything; a file that exists but cannot be read is not known.
  if (status === 'missing' && inv.afterWrites !== true) return {};
  return { unread: `the values file ${path} cannot be read` };
}

/** Values given by Helm's options (also Argo CD's `--helm-set*` and `-p`), and files; `keyedFiles`: `--set-file key=path`, the file's text set under the key. */
function valuesFound(inv: Invocation, ctx: RuleContext, sets: readonly string[], strings: readonly string[], jsons: readonly string[], files: readonly string[], literals: readonly string[] = [], keyedFiles: readonly string[] = []): Found {
  const entries: ValueEntry[] = [
    ...sets.flatMap((s) => setValues(s)),
    ...strings.flatMap((s) => setValues(s, true)),
    ...jsons.flatMap((s) => setJsonValues(s)),
    ...literals.flatMap((s) => setLiteralValues(s)),
  ];
  const meaning = firstLowering(entries);
  if (meaning) return { meaning };
  let unread: string | undefined;
  // The chart reads a file's text set under a key as configuration (a YAML block it renders): its keys are judged under the key.
  for (const [key, path] of keyedFiles.flatMap((k) => setLiteralValues(k)).map((e) => [e.path, e.value ?? ''] as const)) {
    const { text, unread: why } = fileText(path, inv, ctx);
    if (text !== undefined) {
      const m = firstLowering(fileValues(text).map((e) => ({ path: [...key, ...e.path], value: e.value })), true);
      if (m) return { meaning: m };
    } else unread ??= why;
  }
  for (const f of files) {
    const { text, unread: why } = fileText(f, inv, ctx);
    if (text !== undefined) {
      const m = firstLowering(fileValues(text), true);
      if (m) return { meaning: m };
    } else unread ??= why;
  }
  return { unread };
}

function finding(inv: Invocation, ctx: RuleContext, release: string, via: string, found: Found): Finding[] {
  const env = ctx.environmentOf({ values: [release], remote: true });
  const target = { kind: 'resource' as const, name: release, provider: inv.name, remote: true, environment: env.environment, environmentReason: env.reason };
  if (found.meaning) {
    const m = found.meaning;
    return [{ rule: `release-protection.${m.id}`, risk: 'protection-removal', severity: 'ask', reason: `\`${via}\` ${m.does} on ${release}: a safety net is removed — ${m.lost}.`, targets: [target] }];
  }
  // Values nobody can read ask only for a release that is (or may be: nothing names it) production.
  if (found.unread !== undefined && (env.environment === 'production' || env.environment === 'unknown')) {
    return [{ rule: 'release-protection.values-unread', risk: 'protection-removal', severity: 'ask', reason: `\`${via}\` changes ${release} with values the guard cannot read (${found.unread}): they may switch a protection off.`, targets: [target] }];
  }
  return [];
}

/** A fresh install keeps the chart's defaults as the team chose them (stop 30); an upgrade changes what runs. */
const HELM_CHANGES = /^upgrade$/;

function helmRelease(inv: Invocation, ctx: RuleContext): Finding[] {
  const spec = toolNamed('helm');
  if (!spec) return [];
  const parsed = parsedArgs(inv.args, spec);
  const a = toolArgs(inv.name, parsed, spec);
  const verb = parsed.path[0] ?? '';
  const dry = a.has('--dry-run') && !/^(none|false)$/i.test(a.value('--dry-run') ?? '');
  // `helm template … | kubectl apply -f -`: the rendered chart is installed.
  const applied = verb === 'template' && inv.pipedInto === 'kubectl' && (inv.pipedArgs ?? []).some((w) => /^(apply|create|replace)$/.test(w.text));
  if ((!HELM_CHANGES.test(verb) || dry) && !applied) return [];
  // `--kube-context kind-dev`: a throwaway cluster on this machine (support/localClusters.ts), whose kubeconfig entry
  // points here; what runs there is the developer's own, as a fresh install with protection off is anywhere.
  const context = a.value('--kube-context');
  if (!applied && context !== undefined && isLocalKubeContext(context) && throwawayCluster(context, ctx, a.value('--kubeconfig') !== undefined)) return [];
  const release = a.operand(0) ?? 'the release';
  const found = valuesFound(inv, ctx, a.values('--set'), a.values('--set-string'), a.values('--set-json'), a.values('--values'), a.values('--set-literal'), a.values('--set-file'));
  return finding(inv, ctx, release, applied ? `helm template | kubectl ${(inv.pipedArgs ?? [])[0]?.text ?? 'apply'}` : `helm ${verb}`, found);
}

/** `argocd app set APP -p key=value` (`--parameter`), `--helm-set`, `--helm-set-string`, `--values-literal-file`. */
function argocdApp(inv: Invocation, ctx: RuleContext): Finding[] {
  const spec = toolNamed('argocd');
  if (!spec) return [];
  const parsed = parsedArgs(inv.args, spec);
  const a = toolArgs(inv.name, parsed, spec);
  if (!(parsed.path[0] ?? '').startsWith('app') || a.has('--dry-run')) return [];
  if (parsed.path[1] === 'patch') return argocdPatch(inv, ctx, a, a.operand(0) ?? 'the application');
  if (parsed.path[1] !== 'set') return [];
  const found = valuesFound(inv, ctx, [...a.values('--parameter'), ...a.values('--helm-set')], a.values('--helm-set-string'), [], a.values('--values-literal-file'));
  return finding(inv, ctx, a.operand(0) ?? 'the application', `argocd app ${parsed.path[1]}`, found);
}

/**
 * Helm values inside an Argo CD Application (`spec.source.helm`, or `spec.sources[n].helm`): `parameters`
 * (`[{"name":"auth.enabled","value":"false"}]`), `valuesObject`, and `values` (a YAML string).
 */
function applicationHelmValues(tree: unknown, depth = 0): ValueEntry[] {
  if (tree === null || typeof tree !== 'object' || depth > 12) return [];
  if (Array.isArray(tree)) return tree.flatMap((t) => applicationHelmValues(t, depth + 1));
  const out: ValueEntry[] = [];
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    if (key === 'helm' && value !== null && typeof value === 'object') {
      const helm = value as Record<string, unknown>;
      if (Array.isArray(helm.parameters)) for (const p of helm.parameters as Record<string, unknown>[]) if (p && typeof p.name === 'string') out.push(...setValues(`${p.name}=${String(p.value ?? '')}`, true));
      if (helm.valuesObject !== undefined) out.push(...jsonTreeValues(helm.valuesObject));
      if (typeof helm.values === 'string') out.push(...fileValues(helm.values));
      else if (helm.values !== undefined) out.push(...jsonTreeValues(helm.values));
    } else out.push(...applicationHelmValues(value, depth + 1));
  }
  return out;
}

/** `argocd app patch APP --patch '{"spec":{"source":{"helm":{"parameters":[…]}}}}'`. */
function argocdPatch(inv: Invocation, ctx: RuleContext, a: ReturnType<typeof toolArgs>, app: string): Finding[] {
  const body = parseJsonLoose(a.values('--patch').join('\n'));
  const meaning = firstLowering(applicationHelmValues(body));
  return meaning ? finding(inv, ctx, app, 'argocd app patch', { meaning }) : [];
}

/** The JSON of `kubectl patch … -p`, parsed when it can be. */
function patchBody(a: ReturnType<typeof toolArgs>): unknown {
  const text = a.value('--patch');
  return text === undefined ? undefined : parseJsonLoose(text);
}

function childOf(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
}

/** `kubectl patch helmrelease NAME -p '{"spec":{"values":…}}'`, and a NetworkPolicy's pod selector or rules changed by a patch. */
function kubectlPatch(inv: Invocation, ctx: RuleContext): Finding[] {
  const spec = toolNamed('kubectl');
  if (!spec) return [];
  const parsed = parsedArgs(inv.args, spec);
  if (/^(apply|create|replace)$/.test(parsed.path[0] ?? '')) return kubectlApply(inv, ctx, toolArgs(inv.name, parsed, spec), parsed.path[0]!);
  if (parsed.path[0] !== 'patch') return [];
  const a = toolArgs(inv.name, parsed, spec);
  if (a.has('--dry-run') && !/^(none|false)$/i.test(a.value('--dry-run') ?? '')) return [];
  const [kindWord = '', nameWord] = [a.operand(0) ?? '', a.operand(1)];
  const [kind, slashName] = kindWord.split('/');
  const name = slashName ?? nameWord ?? kindWord;
  const body = patchBody(a);
  const k = (kind ?? '').toLowerCase().replace(/\..*$/, '');
  if (/^(applications?|apps?)$/.test(k) && a.values('--patch').length > 0) {
    const meaning = firstLowering(applicationHelmValues(body));
    return meaning ? finding(inv, ctx, name, 'kubectl patch application', { meaning }) : [];
  }
  if (/^(helmreleases?|hr)$/.test(k)) {
    const values = childOf(childOf(body, 'spec'), 'values');
    if (values === undefined) return [];
    return finding(inv, ctx, name, 'kubectl patch helmrelease', { meaning: firstLowering(jsonTreeValues(values)) });
  }
  if (/^(networkpolicy|networkpolicies|netpol)$/.test(k)) {
    // `--type json`: `[{"op":"replace","path":"/spec/podSelector","value":{…}}]` read as the merge patch it amounts to.
    const ops = Array.isArray(body) ? body.filter((o): o is Record<string, unknown> => o !== null && typeof o === 'object') : [];
    const opPaths = ops.map((o) => String(o.path ?? ''));
    if (ops.some((o, i) => /^\/spec\/(policyTypes|ingress|egress)/.test(opPaths[i]!) || (opPaths[i]!.startsWith('/spec/podSelector') && (o.op === 'remove' || JSON.stringify(o.value ?? {}) !== '{}')))) {
      const narrowed = opPaths.some((p) => p.startsWith('/spec/podSelector'));
      return finding(inv, ctx, name, 'kubectl patch networkpolicy', { meaning: { id: 'network-opened', does: narrowed ? 'narrows which pods the network policy covers (podSelector)' : 'rewrites the network policy\'s rules', lost: 'pods it no longer covers accept traffic from every pod and address' } });
    }
    const spec2 = childOf(body, 'spec');
    const selector = childOf(spec2, 'podSelector');
    const narrowed = selector !== undefined && JSON.stringify(selector) !== '{}' ;
    const opened = childOf(spec2, 'policyTypes') !== undefined || childOf(spec2, 'ingress') !== undefined || childOf(spec2, 'egress') !== undefined;
    const unknown = a.value('--patch') !== undefined && body === undefined;
    if (!narrowed && !opened && !unknown && a.value('--patch-file') === undefined) return [];
    const what = narrowed ? 'narrows which pods the network policy covers (podSelector)' : 'rewrites the network policy\'s rules';
    return finding(inv, ctx, name, 'kubectl patch networkpolicy', { meaning: { id: 'network-opened', does: what, lost: 'pods it no longer covers accept traffic from every pod and address' } });
  }
  return [];
}

/**
 * `kubectl apply -f pod.yaml` whose workloads run privileged, share the node's namespaces, mount its root or
 * bind cluster-admin (red team round 16): the same judgement as a manifest written for a later apply. A file
 * that cannot be read is left to the other packs (most applies are routine).
 */
function kubectlApply(inv: Invocation, ctx: RuleContext, a: ReturnType<typeof toolArgs>, verb: string): Finding[] {
  if (a.has('--dry-run') && !/^(none|false)$/i.test(a.value('--dry-run') ?? '')) return [];
  for (const file of a.values('--filename')) {
    const { text } = /^[a-z][a-z0-9+.-]*:\/\//i.test(file) ? {} : fileText(file, inv, ctx);
    const lowered = text === undefined ? undefined : workloadLowering(text);
    if (lowered) return finding(inv, ctx, file.split('/').pop() ?? file, `kubectl ${verb}`, { meaning: { id: 'workload-hardening-off', ...lowered } });
  }
  return [];
}

/** `flux create helmrelease NAME --values FILE` (`--values` repeated or comma-separated) applies at once unless `--export` prints it. */
function fluxRelease(inv: Invocation, ctx: RuleContext): Finding[] {
  const { usual, valued } = freeFormReadings(inv.args);
  const [verb, kind, name] = usual.operands.map((w) => w.text);
  if (verb !== 'create' || !/^(helmrelease|hr)$/.test(kind ?? '') || valued.options.some((o) => o.name === '--export')) return [];
  const files = valued.options.filter((o) => o.name === '--values').flatMap((o) => (optionValue(o) ?? '').split(',')).filter((f) => f !== '');
  if (files.length === 0) return [];
  return finding(inv, ctx, name ?? 'the release', 'flux create helmrelease', valuesFound(inv, ctx, [], [], [], files));
}

/** `helmfile apply|sync|deploy --set … --values FILE` (given to every release it upgrades); `--state-values-set` feeds the state's templates. */
function helmfileRelease(inv: Invocation, ctx: RuleContext): Finding[] {
  const spec = helmfileGrammar;
  const parsed = parsedArgs(inv.args, spec);
  if (!/^(apply|sync|deploy)$/.test(parsed.path[0] ?? '')) return [];
  const a = toolArgs(inv.name, parsed, spec);
  const target = a.value('--environment') ?? a.value('--file') ?? 'the helmfile releases';
  return finding(inv, ctx, target, `helmfile ${parsed.path[0]}`, valuesFound(inv, ctx, [...a.values('--set'), ...a.values('--state-values-set')], [], [], [...a.values('--values'), ...a.values('--state-values-file')]));
}

function check(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.name === 'helm') return helmRelease(inv, ctx);
  if (inv.name === 'helmfile') return helmfileRelease(inv, ctx);
  if (inv.name === 'flux') return fluxRelease(inv, ctx);
  if (inv.name === 'argocd') return argocdApp(inv, ctx);
  if (inv.name === 'kubectl') return kubectlPatch(inv, ctx);
  return [];
}

const NAMES = ['helm', 'argocd', 'kubectl', 'flux', 'helmfile'];

export const releaseProtectionPack: RulePack = {
  id: 'release-protection',
  title: 'Protection lowered through a release\'s values (Helm, Argo CD, Flux) and network policies',
  checkInvocation: check,
  reactsTo: (name) => NAMES.includes(name),
  gate: { names: NAMES },
};

