import { workflowTriggerEntries } from '../support/workflowTriggers';
import { basename, resolvePath } from '../../paths';
import type { ArgWord, Facts, Finding, Invocation, RuleContext, Target } from '../../policy/types';
import { jsonTreeValues, parseJsonLoose, type ValueEntry } from '../support/releaseValues';
import { editedProtectionFindings } from '../support/writtenProtection';
import { parseCommand, type GrammarSpec } from '../../shell/grammar';

const switches = (...names: string[]): { names: string[] }[] => names.map((n) => ({ names: [n] }));
/** GNU sed's options (gnu.org/software/sed/manual): `-i[SUFFIX]`, `-e SCRIPT`, `-f FILE`. */
const SED: GrammarSpec = { options: [{ names: ['-i', '--in-place'], takes: 'optional' }, { names: ['-e', '--expression'], takes: 'one' }, { names: ['-f', '--file'], takes: 'one' }, { names: ['-l', '--line-length'], takes: 'one' }, ...switches('-n', '--quiet', '--silent', '-E', '-r', '--regexp-extended', '-s', '--separate', '-u', '--unbuffered', '-z', '--null-data', '--posix', '--debug', '--sandbox', '--follow-symlinks', '-b', '--binary')], interspersed: true, unknownShort: 'switch', unknownLong: 'switch' };
/** mikefarah yq (mikefarah.gitbook.io/yq): `-i` edits in place. */
const YQ: GrammarSpec = { options: [{ names: ['-o', '--output-format'], takes: 'one' }, { names: ['-p', '--input-format'], takes: 'one' }, { names: ['-I', '--indent'], takes: 'one' }, { names: ['--expression'], takes: 'one' }, ...switches('-i', '--inplace', '-e', '--exit-status', '-M', '--no-colors', '-C', '--colors', '-P', '--prettyPrint', '-r', '--unwrapScalar', '-N', '--no-doc', '-n', '--null-input', '-j', '--tojson', '-s', '--split-exp')], interspersed: true, unknownShort: 'switch', unknownLong: 'switch' };

/**
 * A Kubernetes workload manifest edited so that, once applied (kubectl apply, CI, a GitOps sync: no
 * one runs it here), the workload goes away or runs something else (round 8): its replicas set to 0,
 * its containers' image replaced by another image (a tag or digest bump of the same image stays
 * routine). The commands a manifest runs (`command:`, lifecycle hooks) are `laterPlaces.ts`'s. Where it
 * is applied nothing here names: an unresolved remote target, production.
 */

const WORKLOAD = /^\s*kind:\s*(Job|Pod|Deployment|StatefulSet|DaemonSet|ReplicaSet|CronJob)\b/m;
const APPLIED = 'applied to the cluster later (kubectl apply, CI or a GitOps sync), whose environment nothing here names — treated as production';

/** The image without its tag or digest: `ghcr.io/acme/api:1.2` → `ghcr.io/acme/api`. */
function repository(image: string): string {
  return image.replace(/@sha256:[0-9a-f]+$/i, '').replace(/:[\w.-]+$/, '');
}

function images(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/^\s*-?\s*image:\s*["']?([^\s"'#]+)/gm)) if (out.size < 32) out.add(repository(m[1]!));
  return out;
}

function workloadName(text: string, path: string): string {
  const name = /^\s*name:\s*["']?([\w.-]+)/m.exec(text)?.[1];
  return name !== undefined ? `${name} (${basename(path)})` : basename(path);
}

function finding(reason: string, name: string): Finding {
  const target: Target = { kind: 'service', name, remote: true, environment: 'production', environmentReason: APPLIED };
  return { rule: 'deferred.manifest-outage', risk: 'destructive', severity: 'ask', reason, targets: [target] };
}

/** What the edit changes in the workload: replicas to zero, an image replaced. */
function judged(before: string, after: string, path: string, writer: string, replicasZero: boolean, newImage: string | undefined, imagesUnknown = false): Finding[] {
  const name = workloadName(before, path);
  const out: Finding[] = [];
  if (replicasZero) out.push(finding(`${writer} sets the replicas of the workload ${name} to 0: once applied (kubectl apply, CI or a GitOps sync), it stops serving.`, name));
  const had = images(before);
  const swapped = newImage !== undefined ? [repository(newImage)].filter((r) => !had.has(r)) : [...images(after)].filter((r) => !had.has(r));
  // A sed replacement names the image whatever the file holds now (a substitution to `image: busybox`).
  if ((had.size > 0 || (imagesUnknown && newImage !== undefined)) && swapped.length > 0) out.push(finding(`${writer} replaces the image of the workload ${name} with ${swapped.join(', ')}: once applied, another program runs in its place.`, name));
  return out;
}

/** A write (redirect, tee, sed -i, an interpreter) of `text` into `path`; an append carries only the new lines. */
export function manifestWriteFindings(path: string, text: string | undefined, writer: string, facts: Pick<Facts, 'readFile'>): Finding[] {
  if (text === undefined || !/\.ya?ml$/i.test(path)) return [];
  const before = facts.readFile(path);
  if (before === undefined || !WORKLOAD.test(before)) return [];
  // An append (`>>`) brings only its lines: what the file becomes is both.
  const after = WORKLOAD.test(text) ? text : before + text;
  const zero = /^\s*replicas:\s*["']?0["']?\s*$/m.test(after) && !/^\s*replicas:\s*["']?0["']?\s*$/m.test(before);
  return judged(before, after, path, writer, zero, undefined);
}

/** yq's expression then its files; v4's `eval`/`e`/`eval-all`/`ea` command word (the default command) comes first when written. */
function yqWords(read: ReturnType<typeof parseCommand>): ArgWord[] {
  const expressionOption = read.options.find((o) => o.name === '--expression')?.values[0];
  const operands = read.operands.length > 1 && /^(eval|e|eval-all|ea)$/.test(read.operands[0]!.text) ? read.operands.slice(1) : read.operands;
  return expressionOption !== undefined ? [{ text: expressionOption, raw: expressionOption, dynamic: false, glob: false }, ...operands] : [...operands];
}

/** `yq -i '.spec.replicas = 0' k8s/deployment.yaml`, `yq -i '.spec.template.spec.containers[0].image = "busybox"' f`. */
export function yqManifestEdits(inv: Invocation, facts: Pick<Facts, 'readFile' | 'home'>, cwd: string): Finding[] {
  if (inv.name !== 'yq') return [];
  const read = parseCommand(inv.args, YQ);
  if (!read.options.some((o) => o.name === '-i')) return [];
  const words = yqWords(read);
  const expression = words[0]?.text ?? '';
  const zero = /\breplicas\)?\s*\|?=\s*["']?0["']?(?![\w.])/.test(expression);
  const image = /\.image\)?\s*\|?=\s*["']?([\w./:@-]+)/.exec(expression)?.[1];
  if (!zero && image === undefined) return [];
  return workloadFiles(words.slice(1), cwd, facts).flatMap(({ path, before }) => judged(before, before, path, 'yq -i', zero, image));
}

/** The workload manifests among an in-place editor's file operands, with their text before the edit. */
function workloadFiles(files: readonly ArgWord[], cwd: string, facts: Pick<Facts, 'readFile' | 'home'>): Array<{ path: string; before: string }> {
  const out: Array<{ path: string; before: string }> = [];
  for (const file of files) {
    if (file.dynamic) continue;
    const path = resolvePath(cwd, file.text, facts.home);
    const before = facts.readFile(path);
    if (before !== undefined && WORKLOAD.test(before)) out.push({ path, before });
  }
  return out;
}

/** `sed -i 's/image: .*' + '/image: busybox/' FILE` (one script): the replacement names what the workload becomes, whatever the pattern matches. */
export function sedManifestEdits(inv: Invocation, facts: Pick<Facts, 'readFile' | 'home'>, cwd: string): Finding[] {
  if (inv.name !== 'sed') return [];
  const read = parseCommand(inv.args, SED);
  if (!read.options.some((o) => o.name === '-i') || read.options.some((o) => o.name === '-f')) return [];
  const scripts = read.options.filter((o) => o.name === '-e').map((o) => o.values[0] ?? '');
  const words = scripts.length > 0 ? [{ text: scripts.join('\n'), raw: '', dynamic: false, glob: false }, ...read.operands] : read.operands;
  const script = words[0]?.text ?? '';
  const sub = /^\s*(?:\S*?)s(.)((?:(?!\1)[^\\]|\\.)*)\1((?:(?!\1)[^\\]|\\.)*)\1/.exec(script);
  if (!sub) return [];
  const replacement = sub[3] ?? '';
  // `s/image: api:1.2/image: api:1.3/`: the same image at another tag is a routine bump.
  const was = /\bimage:\s*["']?([\w./:@-]+)/.exec(sub[2] ?? '')?.[1];
  const zero = /\breplicas:\s*["']?0["']?(?!\d)/.test(replacement);
  const image = /\bimage:\s*["']?([\w./:@-]+)/.exec(replacement)?.[1];
  if (!zero && image === undefined) return [];
  const out: Finding[] = [];
  for (const { path, before } of workloadFiles(words.slice(1), cwd, facts)) {
    const had = images(before);
    const swapped = image !== undefined && !had.has(repository(image)) && (was === undefined || repository(was) !== repository(image));
    if (!zero && !swapped) continue;
    out.push(...judged(before, before, path, 'sed -i', zero && !/^\s*replicas:\s*["']?0["']?\s*$/m.test(before), swapped ? image : undefined, true));
  }
  return out;
}

/** A yq path (`.spec.template.spec["securityContext"]`, `.containers[0].image`) as keys. */
function yqPath(text: string): string[] {
  return [...text.matchAll(/\.?(?:"([^"]+)"|\[\s*"([^"]+)"\s*\]|\[(\d+|\*)?\]|([\w-]+))/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').filter((k) => k !== '' && k !== '*');
}

/** A path's segments, each starting with a character of its own (a word after a dot, a quoted key, a bracket): one way to split, so no backtracking. */
const YQ_PATH = String.raw`(?=\.)(?:\.[\w-]+|\.?"[^"]*"|\.?\[[^\]]*\])+`;

/** What a yq expression sets (`.a.b = false`, `|=`, `=` with a map) or deletes (`del(.a.b)`), as key-table entries. */
export function yqEntries(expression: string): ValueEntry[] {
  const out: ValueEntry[] = [];
  for (const m of expression.matchAll(new RegExp(String.raw`del\(\s*(${YQ_PATH})\s*\)`, 'g'))) out.push({ path: yqPath(m[1]!), value: null });
  // `=`, `|=` (update), `+=` (append: `.volumes += [{hostPath: …}]`), `*=` (merge).
  for (const m of expression.matchAll(new RegExp(String.raw`(${YQ_PATH})\s*(?:\||\+|\*[+?dcn]*)?=\s*("(?:[^"\\]|\\.)*"|'[^']*'|\{[^{}]*\}|\[[^\]]*\]|[^\s|)]+)`, 'g'))) {
    const path = yqPath(m[1]!);
    const raw = m[2]!;
    if (/^[{[]/.test(raw)) {
      const parsed = parseJsonLoose(raw);
      if (parsed !== undefined && JSON.stringify(parsed) !== '{}') out.push(...jsonTreeValues(parsed, path));
      else if (parsed !== undefined && /^\{\s*\}$/.test(raw)) out.push({ path, value: null });
      continue;
    }
    out.push({ path, value: /^null$/.test(raw) ? null : raw.replace(/^(["'])([\s\S]*)\1$/, '$2') });
  }
  return out;
}

/** `yq -i '.auth.enabled = false' values-prod.yaml`, `yq -i 'del(.spec.template.spec.securityContext)' k8s/deployment.yaml`: a protection the edit turns off. */
export function yqProtectionEdits(inv: Invocation, ctx: RuleContext, cwd: string): Finding[] {
  const read = parseCommand(inv.args, YQ);
  if (!read.options.some((o) => o.name === '-i')) return [];
  const words = yqWords(read);
  const entries = yqEntries(words[0]?.text ?? '');
  if (entries.length === 0) return [];
  return words.slice(1).filter((w) => !w.dynamic).flatMap((w) => {
    const path = resolvePath(cwd, w.text, ctx.facts.home);
    return [...editedProtectionFindings(path, entries, 'yq -i', ctx), ...workflowTriggerEntries(path, entries, ctx.facts.readFile(path), 'yq -i')];
  });
}
