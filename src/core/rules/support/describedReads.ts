import { EFFECT_RULES, effectsOf, READ_ONLY_COMMANDS } from '../../policy/effects';
import { SHELLS } from '../../policy/handlers/context';
import { toolNamed } from '../../registry/commandModel';
import type { CredentialFileInfo, Finding, Invocation, RuleContext } from '../../policy/types';
import { METADATA_ONLY, WHOLE_FILE_READERS } from '../../registry/fileOperandTraits';
import { isCredentialReader, readFinding } from '../credentials';
import { infoFor, pathsOfWord } from './credentialPaths';
import { printsNoContent } from './printsNoContent';

/**
 * The read effects of any described program, as credential reads: what the effect rules or a registry
 * entry say a program reads (`yadm add FILE`, `chezmoi add FILE`, `dotdrop import FILE`, a tool's input
 * option) it can store or send, so a credential file among them is read, the file named. Programs whose
 * file words another rule judges are left to it: the credential readers (`cat`, `grep`, `curl -d @f`),
 * read-only commands, whole-file readers, programs known to look at names or modes (copies and archives
 * have their own roads), shells and `source`. A file the line's other findings already name is not named twice.
 */
export function describedReads(inv: Invocation, ctx: RuleContext, found: readonly Finding[]): Finding[] {
  const name = inv.name;
  if (!describedReader(name) || printsNoContent(inv)) return [];
  // An archive's entries named in a listing or a print are names inside it (their prints are judged by the archive rules).
  const words = effectsOf(inv).flatMap((e) => (e.kind === 'read' && e.member !== true ? [e.word] : []));
  if (words.length === 0) return [];
  const facts = ctx.facts;
  const cwd = inv.cwd || facts.cwd;
  const named = new Set(found.flatMap((f) => f.targets.map((t) => t.name)));
  const mentioned = (path: string): boolean => found.some((f) => f.reason.includes(path));
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const w of words.slice(0, 64)) {
    for (const p of pathsOfWord(w, cwd, facts)) {
      const info: CredentialFileInfo | undefined = infoFor(p, facts);
      if (!info || seen.has(info.path)) continue;
      seen.add(info.path);
      const finding = readFinding('reads', info, name);
      if (finding.targets.some((t) => named.has(t.name)) || mentioned(info.path)) continue;
      out.push({ ...finding, reason: finding.reason.replace(/\.$/, `; ${name} is described as reading this file, and what it reads it can store or send.`) });
    }
  }
  return out;
}

/** Is this a program whose read effects no other credential rule judges? Worked out once per name (fixed tables). */
function describedReader(name: string): boolean {
  let known = byName.get(name);
  if (known === undefined) {
    if (byName.size >= 4096) byName.clear();
    // Reads are described by the effect rules (a registry entry's effects are its outputs, written, or unknown words).
    known = (Object.hasOwn(EFFECT_RULES, name) || toolNamed(name) !== undefined) && !(isCredentialReader(name) || READ_ONLY_COMMANDS.has(name) || METADATA_ONLY.has(name) || Object.hasOwn(WHOLE_FILE_READERS, name) || SHELLS.has(name) || name === 'source' || name === '.');
    byName.set(name, known);
  }
  return known;
}

const byName = new Map<string, boolean>();
