/**
 * For the credentials pack: the provenance of a secret a command carries ("uses the Railway token
 * from legacy/config_backup.json"): which credential files the command substitutions feeding its
 * words read, and which of its words hold a value taken from one.
 */

import type { ArgWord, CredentialFileInfo, Facts, Finding, Invocation } from '../../policy/types';
import type { WorkMeter } from '../../policy/workMeter';
import { infoFor, pathsOfWord } from './credentialPaths';

/**
 * Bodies of `$(...)` and backtick substitutions, outermost first, quotes respected loosely. Inner
 * bodies are read until four times the text's length has been scanned: a substitution nested in
 * another repeats its text, and a deeply nested line must not cost its length squared.
 */
export function substitutionBodies(text: string, max = 32): string[] {
  const out: string[] = [];
  collectBodies(text, max, { left: text.length * 4 }, out);
  return out;
}

function collectBodies(text: string, max: number, budget: { left: number }, out: string[]): void {
  budget.left -= text.length;
  for (let i = 0; i < text.length && out.length < max; i++) {
    if (text[i] === '$' && text[i + 1] === '(' && text[i + 2] !== '(') {
      let depth = 1;
      let j = i + 2;
      let quote: string | undefined;
      for (; j < text.length && depth > 0; j++) {
        const c = text[j];
        if (quote) {
          if (c === quote) quote = undefined;
        } else if (c === "'" || c === '"') quote = c;
        else if (c === '(') depth++;
        else if (c === ')') depth--;
      }
      const body = text.slice(i + 2, j - 1);
      out.push(body);
      if (budget.left > body.length) collectBodies(body, max, budget, out);
      i = j - 1;
    } else if (text[i] === '`') {
      const end = text.indexOf('`', i + 1);
      if (end < 0) break;
      out.push(text.slice(i + 1, end));
      i = end;
    }
  }
}

/** Split a substitution body into words (quotes removed, no expansion). */
export function splitWords(body: string): string[] {
  const words: string[] = [];
  for (const m of body.matchAll(/'([^']*)'|"((?:[^"\\]|\\.)*)"|(<)|([^\s'"<|;&()]+)/g)) words.push(m[1] ?? m[2] ?? m[3] ?? m[4] ?? '');
  return words;
}

/**
 * Bodies already read in this decision (the facts object is the decision's own). Nested
 * substitutions repeat their inner bodies at every level; each is read once.
 */
const bodiesRead = new WeakMap<Facts, Map<string, CredentialFileInfo[]>>();

/** Credential files a substitution body reads: `cat f`, `jq -r .token f`, `grep X f`, `< f`, `sed -n 1p f`. */
function filesReadBy(body: string, cwd: string, facts: Facts): CredentialFileInfo[] {
  let seen = bodiesRead.get(facts);
  if (!seen) {
    seen = new Map();
    bodiesRead.set(facts, seen);
  }
  const key = cwd + '\0' + body;
  const known = seen.get(key);
  if (known) return known;
  const out = readsOfBody(body, cwd, facts);
  seen.set(key, out);
  return out;
}

function readsOfBody(body: string, cwd: string, facts: Facts): CredentialFileInfo[] {
  const out: CredentialFileInfo[] = [];
  for (const segment of body.split(/\||;|&&|\|\|/)) {
    const words = splitWords(segment);
    for (const w of words.slice(words[0] === '<' ? 0 : 1)) {
      if (w === '<' || w.startsWith('-') || w === '' || /[$`]/.test(w)) continue;
      const word: ArgWord = { text: w, raw: w, dynamic: false, glob: /[*?[]/.test(w) };
      for (const p of pathsOfWord(word, cwd, facts)) {
        const info = infoFor(p, facts);
        if (info && !out.some((x) => x.path === info.path)) out.push(info);
      }
    }
  }
  return out;
}

/** Kinds that describe a whole file ("an environment file"), not one secret ("the Railway token"). */
const FILE_LEVEL_KINDS = new Set([
  'dotenv', 'credentials-json', 'terraform-vars', 'terraform-state', 'kubeconfig', 'docker-config', 'aws-credentials',
  'gcloud-credentials', 'azure-credentials', 'git-credentials', 'netrc',
]);

function useFinding(info: CredentialFileInfo): Finding {
  const what = FILE_LEVEL_KINDS.has(info.kind) ? `a secret from ${info.path} (${info.label})` : `${info.label} from ${info.path}`;
  return {
    rule: 'credentials.use',
    risk: 'credential-use',
    severity: 'info',
    reason: `Uses ${what}.`,
    targets: [],
  };
}

/** Substrings of command text that could be a secret: whole words, token runs, and parts split at URL and header punctuation. */
export function candidateValues(text: string): string[] {
  const out = new Set<string>();
  const push = (s: string): void => {
    const v = s.trim();
    if (v.length >= 8 && v.length <= 4096) out.add(v);
  };
  push(text);
  for (const m of text.matchAll(/[A-Za-z0-9_\-.~+/=]{8,}/g)) push(m[0]);
  for (const m of text.matchAll(/[A-Za-z0-9_-]{8,}/g)) push(m[0]);
  for (const m of text.matchAll(/[^\s'"`,;&|()<>{}[\]\\]{8,}/g)) push(m[0]);
  for (const m of text.matchAll(/(?:^|[=:\s])([^=\s&'"]{8,})/g)) push(m[1] ?? '');
  return [...out].slice(0, 512);
}

export function checkProvenance(texts: readonly string[], cwd: string, facts: Facts, work: WorkMeter | undefined): Finding[] {
  const findings: Finding[] = [];
  const reasons = new Set<string>();
  const add = (f: Finding): void => {
    if (reasons.has(f.reason)) return;
    reasons.add(f.reason);
    findings.push(f);
  };
  for (const text of texts) {
    // Nested substitutions repeat their text in every enclosing command: the decision's re-scan
    // budget (proportional to the command's length) bounds how much is read again.
    if (work && !work.spend(text.length * 2 + 1)) return findings;
    for (const body of substitutionBodies(text)) {
      if (work && !work.spend(16 * body.length + 1)) return findings;
      // The read itself is the inner command's own invocation (the analysis runs it through the
      // packs with via '$(...)'); here it only says where the value in this command came from.
      for (const info of filesReadBy(body, cwd, facts)) add(useFinding(info));
    }
    const origin = facts.credentials?.originOf;
    if (!origin) continue;
    for (const candidate of candidateValues(text.replace(/\$\([^)]*\)|`[^`]*`/g, ' '))) {
      if (work && !work.spend(64 + candidate.length)) return findings;
      const info = origin(candidate);
      if (info) add(useFinding(info));
    }
  }
  return findings;
}

export function invocationTexts(inv: Invocation): string[] {
  const texts = inv.args.map((a) => a.raw);
  for (const v of Object.values(inv.assignments)) texts.push(v);
  for (const r of inv.redirects) texts.push(r.target.raw);
  if (inv.stdin?.kind === 'heredoc' || inv.stdin?.kind === 'herestring') texts.push(inv.stdin.text);
  // `TOKEN=$(jq -r .token f) && curl -H "Bearer $TOKEN"`: the substitution behind the variable.
  if (inv.sources) texts.push(...inv.sources);
  return texts;
}

