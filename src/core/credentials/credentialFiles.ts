import { basename } from '../paths';
import { matchCredentialPath } from './credentialPaths';
import { pathMatchedValues, scanCredentialContent, type ContentHit } from './contentRules';

/** What one file holds, as far as path and content rules can tell. Values are for hashing only. */
export interface CredentialFileVerdict {
  kind: string;
  label: string;
  reasons: string[];
  /** Secrets found in the file, with their own labels, for the provenance index. Never print. */
  secrets: ContentHit[];
}

/**
 * Judge one file by its path and, when given, its text. `extraHits` are findings from a detector
 * library run by the caller (secretlint in the node layer). Returns undefined when the file is not
 * a credential file.
 */
export function classifyCredentialFile(
  absolutePath: string,
  home: string,
  text: string | undefined,
  extraHits: readonly ContentHit[] = [],
): CredentialFileVerdict | undefined {
  const byPath = matchCredentialPath(absolutePath, home);
  const contentHits = text === undefined ? [] : scanCredentialContent(absolutePath, text);
  const hits = [...extraHits, ...contentHits];
  const reasons: string[] = [];
  let kind: string | undefined;
  let label: string | undefined;
  if (byPath) {
    const authLineMissing = byPath.needsAuthLine !== undefined && (text === undefined || !byPath.needsAuthLine.test(text));
    if (!authLineMissing || (byPath.needsAuthLine !== undefined && text === undefined)) {
      kind = byPath.kind;
      label = byPath.label;
      reasons.push(byPath.needsAuthLine ? `${basename(absolutePath)} with an authentication line` : `file name matches ${byPath.label}`);
    }
  }
  // Without a path rule, the most specific content hit names the file ("the Railway token").
  const pathValues = byPath && text !== undefined ? pathMatchedValues(absolutePath, text) : [];
  const secrets = oneLabelPerSecret([...contentHits, ...extraHits, ...pathValues]);
  const specific = mostSpecific(oneLabelPerSecret([...contentHits, ...extraHits]));
  if (specific && kind === undefined) {
    kind = specific.kind;
    label = specific.label;
  }
  for (const h of hits) if (!reasons.includes(h.reason)) reasons.push(h.reason);
  if (kind === undefined || label === undefined) return undefined;
  return { kind, label, reasons, secrets };
}

/** How much a label tells: a provider ("the Railway token") over a specific kind ("a postgres password") over a generic one. */
function specificity(hit: ContentHit): number {
  if (hit.label.startsWith('the ')) return 2;
  return hit.kind.startsWith('generic-') || hit.kind === 'api-token' ? 0 : 1;
}

function mostSpecific(hits: readonly ContentHit[]): ContentHit | undefined {
  return hits.reduce<ContentHit | undefined>((best, h) => (!best || specificity(h) > specificity(best) ? h : best), undefined);
}

/**
 * One secret often yields several values: `DATABASE_URL=postgres://app:pw@host/db` gives the whole
 * URL (a .env value, a detector hit) and the password inside it. Values that contain one another are
 * one secret, so they all take the most specific label among them (ties go to the earlier hit: the
 * content rules, then the detector, then plain .env values). A command quoting the URL then names
 * one origin, not "a postgres password" and "an API token". Exact duplicates are dropped.
 */
function oneLabelPerSecret(hits: readonly ContentHit[]): ContentHit[] {
  const unique: ContentHit[] = [];
  for (const h of hits) if (!unique.some((u) => u.value === h.value)) unique.push(h);
  const overlaps = (a: ContentHit, b: ContentHit): boolean =>
    a.value.length >= 8 && b.value.length >= 8 && (a.value.includes(b.value) || b.value.includes(a.value));
  return unique.map((h) => {
    let best = h;
    for (const other of unique) {
      if (other === h || !overlaps(h, other)) continue;
      const better = specificity(other) > specificity(best) || (specificity(other) === specificity(best) && unique.indexOf(other) < unique.indexOf(best));
      if (better) best = other;
    }
    return best === h ? h : { ...h, kind: best.kind, label: best.label };
  });
}
