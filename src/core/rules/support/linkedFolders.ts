import { resolvePath } from '../../paths';
import type { Analysis, ArgWord, Finding, RuleContext } from '../../policy/types';
import { METADATA_ONLY } from '../../registry/fileOperandTraits';
import { readFinding } from '../credentials';
import { infoFor } from './credentialPaths';

/**
 * A folder linked (or copied whole) under another name, then a file read through that name on the
 * same line: `ln -s ~/.aws awsdir && cat awsdir/credentials`. The file-level aliases are credentialReach's
 * copies; this follows folders, whose own path is no credential file.
 */

const LINKERS = new Set(['ln', 'cp', 'rsync', 'ditto']);
/** Commands that look at a name without reading the file's bytes. */
const NAME_ONLY = new Set(['ls', 'stat', 'test', '[', 'file', 'du', 'readlink', 'realpath', 'rm', 'unlink', 'ln', 'echo']);

function operands(args: readonly ArgWord[]): ArgWord[] {
  return args.filter((a) => !a.text.startsWith('-'));
}

export function checkLinkedFolderReads(analysis: Analysis, ctx: RuleContext): Finding[] {
  const facts = ctx.facts;
  const links = new Map<string, string>();
  for (const inv of analysis.invocations.slice(0, 256)) {
    const cwd = inv.cwd || facts.cwd;
    if (links.size > 0 && !NAME_ONLY.has(inv.name) && !METADATA_ONLY.has(inv.name)) {
      const words = [...inv.args, ...inv.redirects.filter((r) => r.op === '<').map((r) => r.target)];
      for (const w of words) {
        if (w.dynamic || w.text.startsWith('-')) continue;
        const p = resolvePath(cwd, w.text, facts.home);
        for (const [alias, real] of links) {
          if (!p.startsWith(alias + '/')) continue;
          const info = infoFor(real + p.slice(alias.length), facts);
          if (info) return [{ ...readFinding('reads', info, `${inv.name} (through ${w.text}, a link to ${real} made earlier in the line)`), rule: 'credentials.read' }];
        }
      }
    }
    if (!LINKERS.has(inv.name)) continue;
    const ops = operands(inv.args);
    if (ops.length !== 2 || ops.some((o) => o.dynamic && !/^(\$HOME|\$\{HOME\})/.test(o.text))) continue;
    const [src, dest] = ops.map((o) => resolvePath(cwd, o.text.replace(/^(\$HOME|\$\{HOME\})(?=\/|$)/, facts.home), facts.home).replace(/\/+$/, '')) as [string, string];
    if (facts.fileStatus?.(src) === 'file') continue;
    // `ln -s DIR existing-folder/` links inside it, under the source's name.
    const into = facts.fileStatus?.(dest) === 'directory' ? `${dest}/${src.slice(src.lastIndexOf('/') + 1)}` : dest;
    links.set(into, src);
    if (into !== dest) links.set(dest, src);
  }
  return [];
}
