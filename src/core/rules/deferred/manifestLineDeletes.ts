import { resolvePath } from '../../paths';
import { effectsOf } from '../../policy/effects';
import type { Finding, Invocation, RuleContext } from '../../policy/types';
import { removalMeaning } from '../support/releaseValues';
import { protectionDeleted } from '../support/sedLineDeletes';
import { editedPlaceOf } from '../support/writtenProtection';

/**
 * Lines deleted in place from a Kubernetes manifest, a Compose file or a chart's values (red team round
 * 18): `sed -i '/runAsNonRoot/d'`, `perl -i -ne 'print unless /runAsNonRoot/'`, `awk -i inplace
 * '!/runAsNonRoot/'`. A deleted line that held a protection leaves the setting at its default, and where the
 * default is the unsafe one (`runAsNonRoot`, `readOnlyRootFilesystem` unset are off; `allowPrivilegeEscalation`
 * unset is on) the workload runs with less at its next apply. Each line filter is read as the sed delete it
 * amounts to and judged by `support/sedLineDeletes.ts` (by the key its pattern names, or the file's lines it
 * selects). Deleting other lines (comments, labels, `privileged: false`, whose default is the same) stays allowed.
 */

const RE = String.raw`m?\/((?:[^/\\]|\\.)*)\/(i?)`;
/** perl -n: `print unless /re/`, `print if !/re/`, `next if /re/; print`. */
const PERL_FILTERS = [new RegExp(String.raw`^\s*print\s+(?:unless\s*\(?\s*|if\s*\(?\s*(?:!|not\s+)\s*)${RE}\s*\)?\s*;?\s*$`), new RegExp(String.raw`^\s*next\s+if\s*\(?\s*${RE}\s*\)?\s*;\s*print\s*;?\s*$`)];
/** awk: `!/re/`, `!/re/{print}`, `/re/{next} 1`, `/re/{next}{print}`. */
const AWK_FILTERS = [/^\s*!\s*\/((?:[^/\\]|\\.)*)\/()\s*(?:\{\s*print(?:\s+\$0)?\s*;?\s*\})?\s*;?\s*$/, /^\s*\/((?:[^/\\]|\\.)*)\/()\s*\{\s*next\s*;?\s*\}\s*;?\s*(?:1|\{\s*print(?:\s+\$0)?\s*;?\s*\})\s*;?\s*$/];

function asSedDelete(code: string, filters: readonly RegExp[]): string | undefined {
  for (const f of filters) {
    const m = f.exec(code);
    if (m) return `/${m[1]}/${m[2] === 'i' ? 'I' : ''}d`;
  }
  return undefined;
}

/** The sed script an in-place line filter amounts to, and the files it rewrites. */
function filterOf(inv: Invocation): { script: string; files: string[]; writer: string } | undefined {
  const effects = effectsOf(inv);
  const written = effects.filter((e) => e.kind === 'write' && !e.word.dynamic);
  if (written.length === 0) return undefined;
  const files = written.map((e) => e.word.text);
  if (inv.name === 'sed' || inv.name === 'gsed') return { script: inv.args.filter((a) => !written.some((e) => e.word === a)).map((a) => a.text).join('\n'), files, writer: 'sed -i' };
  const code = effects.filter((e) => e.kind === 'code').map((e) => e.word.text);
  if (code.length !== 1) return undefined;
  if (inv.name === 'perl' && inv.args.some((a) => /^-[a-zA-Z0-9]*n/.test(a.text))) {
    const script = asSedDelete(code[0]!, PERL_FILTERS);
    return script === undefined ? undefined : { script, files, writer: 'perl -i -n' };
  }
  if (/^g?awk$/.test(inv.name)) {
    const script = asSedDelete(code[0]!, AWK_FILTERS);
    return script === undefined ? undefined : { script, files, writer: `${inv.name} -i inplace` };
  }
  return undefined;
}

export function manifestLineDeletes(inv: Invocation, ctx: RuleContext, cwd: string): Finding[] {
  if (!/^(sed|gsed|perl|g?awk)$/.test(inv.name)) return [];
  const filter = filterOf(inv);
  if (!filter) return [];
  const out: Finding[] = [];
  for (const file of filter.files.slice(0, 8)) {
    const path = resolvePath(cwd, file, ctx.facts.home);
    const text = ctx.facts.readFile(path);
    const place = editedPlaceOf(path, text ?? '');
    if (!place) continue;
    const accept = (key: string): boolean => { const m = removalMeaning(key); return m !== undefined && place.counts(m.id); };
    const deleted = protectionDeleted(filter.script, text, accept);
    if (deleted === undefined) continue;
    const shown = path.split('/').slice(-2).join('/');
    const env = ctx.environmentOf({ values: path.split('/').slice(-4).filter((p) => p !== ''), remote: true });
    out.push({
      rule: 'written-protection.lowered',
      risk: 'protection-removal',
      severity: 'ask',
      reason: `\`${filter.writer}\` ${deleted} in the ${place.place} ${shown}: the setting falls back to its default, which is less safe, when it is next applied — a safety net is removed.`,
      targets: [{ kind: 'resource', name: shown, remote: true, environment: env.environment, environmentReason: env.reason }],
    });
  }
  return out;
}
