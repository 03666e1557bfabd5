import type { Analysis, Facts, Finding, Invocation } from '../../policy/types';
import { perimeterView } from './protectedPaths';
import { unreadFinding } from './reach';

/**
 * Work-tree rewrites from a source named on the line, whose changes the hook cannot list before they
 * land: `git pull https://…/x.git main` (commits of a repository that is not one of this clone's
 * remotes) and a template copied over the project (`degit user/repo . --force`). Either may carry a
 * hook configuration, a workspace policy or a start-up file of its own.
 */

const URL_LIKE = /^([a-z][a-z0-9+.-]*:\/\/|[\w.-]+@[\w.-]+:|\/|\.\.?\/|file:)/i;

function pullSource(inv: Invocation): string | undefined {
  if (inv.name !== 'git') return undefined;
  const words = inv.args.map((a) => a.text);
  const sub = words.findIndex((w) => w === 'pull');
  if (sub < 0) return undefined;
  return words.slice(sub + 1).find((w) => !w.startsWith('-') && URL_LIKE.test(w));
}

function templateCopy(inv: Invocation): string | undefined {
  if (inv.name !== 'degit' && inv.name !== 'tiged') return undefined;
  const words = inv.args.map((a) => a.text);
  if (!words.some((w) => w === '--force' || w === '-f')) return undefined;
  const operands = words.filter((w) => !w.startsWith('-'));
  return operands[0];
}

export function untrustedSourceFindings(analysis: Analysis, facts: Facts): Finding[] {
  for (const inv of analysis.invocations) {
    if (inv.remote) continue;
    const pulled = pullSource(inv);
    if (pulled) return [unreadFinding('untrusted-source', `git pull merges commits from ${pulled}, a repository that is not one of this clone's remotes, into the work tree; the files it changes (hook configurations among them) cannot be listed before it runs`, pulled, facts, perimeterView(facts))];
    const template = templateCopy(inv);
    if (template) return [unreadFinding('untrusted-source', `${inv.name} --force copies ${template} over existing files; what it overwrites (hook configurations among them) cannot be listed before it runs`, template, facts, perimeterView(facts))];
  }
  return [];
}
