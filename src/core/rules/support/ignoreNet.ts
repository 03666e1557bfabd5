import { resolvePath } from '../../paths';
import { effectsOf } from '../../policy/effects';
import type { Facts, Finding, Invocation } from '../../policy/types';
import { writesOf } from '../deferred/deferredPack';

/**
 * The ignore file as a safety net for secrets (session 26, issue #18): `.gitignore` lines that keep
 * credential files out of commits (`.env`, `.env.*`, `*.pem`, `master.key`, state files) deleted
 * (`sed -i '/^\.env/d'`, an overwrite without them, the file removed or untracked), or negated
 * (`!.env.production`). The next `git add -A` then stages the credential. Adding ignore lines, or
 * un-ignoring an example file (`!.env.example`), stays allowed.
 */

const SECRET_PATTERN = /(^|[/*!])\.env\b|secret|credential|\.pem\b|\.key\b|\.p12\b|\.pfx\b|id_(rsa|ed25519|ecdsa)|\.tfstate|\.npmrc|\.netrc|\.pypirc|service[-_]?account|\.aws\b|\.ssh\b|kubeconfig/i;
const EXAMPLE = /\.(example|sample|template|dist|defaults?)$|example|\.md$/i;

function secretLines(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#') && !l.startsWith('!') && SECRET_PATTERN.test(l));
}

/** The lines a `sed -i '/RE/d'` keeps (one plain deleting address); undefined for any other script. */
function afterSedDelete(inv: Invocation, text: string): string | undefined {
  const code = effectsOf(inv).filter((e) => e.kind === 'code').map((e) => e.word.text);
  if (code.length !== 1) return undefined;
  const m = /^\/((?:[^/\\]|\\.)*)\/\s*d$/.exec(code[0]!.trim());
  if (!m) return undefined;
  let re: RegExp;
  try {
    re = new RegExp(m[1]!.replace(/\\([(){}+?|])/g, '$1'));
  } catch {
    return undefined;
  }
  return text.split('\n').filter((l) => !re.test(l)).join('\n');
}

function lossFinding(file: string, how: string, lost: readonly string[]): Finding {
  const shown = lost.slice(0, 3).join(', ');
  return {
    rule: 'checks-removed.secret-ignore-removed',
    risk: 'protection-removal',
    severity: 'ask',
    reason: `${how} ${file}, so git stops ignoring ${shown}: the next \`git add -A\` stages those credential files into a commit.`,
    targets: [{ kind: 'path', name: file, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }],
  };
}

export function secretIgnoreLoss(inv: Invocation, facts: Facts, cwd: string): Finding[] {
  const out: Finding[] = [];
  const isIgnore = (p: string): boolean => /(^|\/)\.gitignore$|\/\.git\/info\/exclude$/.test(p);
  for (const effect of effectsOf(inv)) {
    if (effect.kind !== 'delete' || effect.word.dynamic) continue;
    const path = resolvePath(cwd, effect.word.text, facts.home);
    const before = isIgnore(path) ? facts.readFile(path) : undefined;
    const lost = before === undefined ? [] : secretLines(before);
    if (lost.length > 0) out.push(lossFinding(effect.word.text, `${inv.name === 'git' ? 'git rm' : inv.name} removes`, lost));
  }
  const sedEdits = inv.name === 'sed' ? effectsOf(inv).filter((e) => e.kind === 'write' && !e.word.dynamic).map((e) => ({ path: resolvePath(cwd, e.word.text, facts.home), text: undefined, writer: 'sed -i' })) : [];
  for (const w of [...writesOf(inv, facts, cwd), ...sedEdits]) {
    if (!isIgnore(w.path)) continue;
    const name = w.path.split('/').slice(-1)[0]!;
    const before = facts.readFile(w.path) ?? '';
    const appended = inv.redirects.some((r) => (r.op === '>>' || r.op === '&>>') && !r.target.dynamic && resolvePath(cwd, r.target.text, facts.home) === w.path) || (inv.name === 'tee' && inv.args.some((a) => a.text === '-a' || a.text === '--append'));
    const after = w.text !== undefined ? (appended ? `${before}\n${w.text}` : w.text) : inv.name === 'sed' ? afterSedDelete(inv, before) : undefined;
    if (after === undefined) continue;
    const kept = new Set(secretLines(after));
    const lost = secretLines(before).filter((l) => !kept.has(l));
    const negated = after.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('!') && SECRET_PATTERN.test(l) && !EXAMPLE.test(l) && !before.split('\n').some((b) => b.trim() === l));
    if (lost.length > 0) out.push(lossFinding(name, `${w.writer} takes lines out of`, lost));
    else if (negated.length > 0) out.push(lossFinding(name, `${w.writer} adds exceptions (${negated.slice(0, 2).join(', ')}) to`, negated.map((l) => l.slice(1))));
  }
  return out;
}
