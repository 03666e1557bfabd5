import type { Facts } from '../core/policy/types';
import { deferredPlaceOf, packageScriptTarget, runnerPlaceOf } from '../core/rules/deferred/places';

/**
 * A file tool's write (Write, Edit, apply_patch) into a place that runs what is written there later
 * (a CI workflow, a git hook, a Makefile, package scripts, a test file a runner loads) is judged
 * exactly as the shell's way of writing the same text: the engine sees `cat > FILE <<EOF … EOF`,
 * so the reasons name where the text goes and when it runs, as they do for the shell route.
 */

function heredoc(path: string, text: string): string {
  let delimiter = 'BLAST_SHIELD_EOF';
  for (let i = 0; text.split('\n').includes(delimiter); i++) delimiter = `BLAST_SHIELD_EOF_${i}`;
  const quoted = `'${path.replace(/'/g, `'\\''`)}'`;
  return `cat > ${quoted} <<'${delimiter}'\n${text.replace(/\n$/, '')}\n${delimiter}`;
}

/** A YAML edit that holds no key is the body of a block (the lines under `run: |`): read it as one. */
function yamlBody(text: string): string | undefined {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0 || lines.some((l) => /^\s*(-\s+)?[\w.-]+\s*:(\s|$)/.test(l))) return undefined;
  return 'steps:\n  - run: |\n' + lines.map((l) => '      ' + l.trim().replace(/^-\s+/, '')).join('\n') + '\n';
}

/** The lines a patch adds (apply_patch's `*** Begin Patch`, a unified diff), or the text itself when it is not a patch. */
function addedText(text: string): string {
  if (!/^(\*\*\* Begin Patch|\+\+\+ |@@ )/m.test(text)) return text;
  return text
    .split('\n')
    .filter((l) => l.startsWith('+') && !l.startsWith('+++'))
    .map((l) => l.slice(1))
    .join('\n');
}

/** Shell lines that write the same text to the same place, or none when the place runs nothing later. */
export function writeAsShell(path: string, written: string, project: Pick<Facts, 'readFile' | 'workspaceRoots' | 'cwd'>): string[] {
  const newText = addedText(written);
  if (!deferredPlaceOf(path, newText) && !runnerPlaceOf(path) && !packageScriptTarget(path, project)) return [];
  const out = [heredoc(path, newText)];
  if (/\.ya?ml$/i.test(path)) {
    const body = yamlBody(newText);
    if (body !== undefined) out.push(heredoc(path, body));
  }
  return out;
}
