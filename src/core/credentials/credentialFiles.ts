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
  const specific = hits.find((h) => !h.kind.startsWith('generic-') && h.kind !== 'api-token') ?? hits[0];
  if (specific && kind === undefined) {
    kind = specific.kind;
    label = specific.label;
  }
  for (const h of hits) if (!reasons.includes(h.reason)) reasons.push(h.reason);
  if (kind === undefined || label === undefined) return undefined;
  const secrets = [...hits];
  if (byPath && text !== undefined) {
    for (const v of pathMatchedValues(absolutePath, text)) if (!secrets.some((s) => s.value === v.value)) secrets.push(v);
  }
  return { kind, label, reasons, secrets };
}
