import { basename, dirname, resolvePath } from '../paths';
import { effectsOf } from '../policy/effects';
import type { ArgWord, Facts, Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { inSystemFolder } from './files';
import { printedText } from './perimeter/perimeterFinding';
import { snippetSystemWrites } from './support/snippetSystemWrites';

/**
 * The machine's own files changed in place (`echo x | sudo tee /etc/passwd`, `sudo sed -i … /etc/ssh/sshd_config`,
 * `sudo chmod 000 /etc/sudoers`, `echo > /etc/hosts`, `cp x /etc/resolv.conf`, `: > /var/log/auth.log`): its
 * accounts, logins, name resolution, services and records live there, and a broken one can lock
 * everyone out. Deleting and moving them out are the files pack's (`rm-system-file`, `mv-system`);
 * this reads every other command's writes through its effects and redirects. A new file beside them
 * (`tee /etc/apt/sources.list.d/x.list` creating it) is set-up, and `/usr/local` and `/opt` are the
 * owner's own installs: both stay allowed, as does a loopback name appended to `/etc/hosts`.
 */

const WRITES = new Set(['>', '>>', '>|', '&>', '&>>', '<>']);
/** Commands the files pack already judges for what they delete or move. */
const JUDGED_ELSEWHERE = new Set(['rm', 'unlink', 'shred', 'truncate', 'mv', 'rmdir']);

function exists(absolute: string, facts: Facts): boolean {
  if (facts.readFile(absolute) !== undefined) return true;
  const listing = facts.listDir(dirname(absolute));
  return listing === undefined || listing.includes(basename(absolute));
}

function knownThere(absolute: string, facts: Facts): boolean {
  return facts.readFile(absolute) !== undefined || (facts.listDir(dirname(absolute)) ?? []).includes(basename(absolute));
}

/** Files every Unix machine signs in, resolves names and mounts with: written, not created, even where this machine lacks one. */
const VITAL_FILES = /^\/etc\/(passwd|shadow|group|gshadow|sudoers|hosts|resolv\.conf|fstab|crypttab|hostname|nsswitch\.conf|environment|profile|login\.defs|ssh\/sshd_config|pam\.d\/[^/]+|security\/[^/]+)$/;

/**
 * `127.0.0.1 app.test` appended to /etc/hosts: a local name for development. A name of the internet
 * (`127.0.0.1 api.stripe.com`, round 8) sends every program's traffic for that service to this
 * machine: only one-label names and the reserved or local suffixes count as local.
 */
const LOCAL_NAME = String.raw`(?:[\w-]+|[\w.-]+\.(?:test|local|localhost|internal|lan|home\.arpa|example|invalid|docker|lvh\.me|localdomain))`;
const LOOPBACK_HOSTS_LINE = new RegExp(String.raw`^(\s*(127\.\d+\.\d+\.\d+|::1)\s+${LOCAL_NAME}(\s+${LOCAL_NAME})*\s*(#.*)?\n?)+$`, 'i');

function written(inv: Invocation): { word: ArgWord; appended?: string; how: string }[] {
  const out: { word: ArgWord; appended?: string; how: string }[] = [];
  // `echo '127.0.0.1 app.test' | sudo tee -a /etc/hosts`: what tee appends is what the pipe prints.
  const teeAppends = inv.name === 'tee' && inv.args.some((w) => w.text === '--append' || /^-[a-z]*a/.test(w.text)) && inv.stdin?.kind === 'pipe' ? printedText(inv.stdin.from) : undefined;
  if (!JUDGED_ELSEWHERE.has(inv.name)) {
    for (const e of effectsOf(inv)) {
      const appended = e.appended ?? teeAppends;
      if (e.kind === 'write' || (e.kind === 'delete' && inv.name !== 'git')) out.push({ word: e.word, ...(appended !== undefined ? { appended } : {}), how: inv.name });
    }
  }
  for (const r of inv.redirects) if (WRITES.has(r.op)) out.push({ word: r.target, how: `${inv.name || 'a redirect'} ${r.op}`, ...(r.op.endsWith('>>') && printedText(inv) !== undefined ? { appended: printedText(inv)! } : {}) });
  return out;
}

function check(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.remote) return [];
  const findings: Finding[] = [];
  for (const { word, appended, how } of written(inv)) {
    if (word.dynamic || word.text === '' || word.text.startsWith('/dev/')) continue;
    const absolute = resolvePath(inv.cwd, word.text, ctx.facts.home);
    if (!inSystemFolder(absolute) || !(exists(absolute, ctx.facts) || VITAL_FILES.test(absolute))) continue;
    // A drop-in folder (`sources.list.d/`, `conf.d/`) takes new files as set-up; only one that is there is changed.
    if (dirname(absolute).endsWith('.d') && !knownThere(absolute, ctx.facts)) continue;
    if (absolute === '/etc/hosts' && appended !== undefined && LOOPBACK_HOSTS_LINE.test(appended)) continue;
    const env = ctx.environmentOf({ values: [], remote: false });
    const target: Target = { kind: 'path', name: absolute, provider: 'host', remote: false, environment: env.environment, environmentReason: env.reason };
    findings.push({
      rule: 'system-files.changed',
      risk: 'destructive',
      severity: 'ask',
      reason: `Changes ${absolute} (${how}), a file of the machine's own system folders: accounts, sign-ins, services or its records depend on it, and a broken one can lock everyone out.`,
      targets: [target],
    });
    if (findings.length >= 3) break;
  }
  return findings;
}

export const systemFilesPack: RulePack = {
  id: 'system-files',
  title: "The machine's own files changed in place",
  checkInvocation: check,
  // `check` judges only what `written` lists: a writing redirect (WRITES, the gate's output redirects) or a write or delete effect.
  gate: { outputRedirect: true, effects: ['write', 'delete'] },
  // `sudo python3 -c "open('/etc/passwd','w')"` (round 7): the same files written by interpreter code.
  checkSnippet: (snippet, ctx) => snippetSystemWrites(snippet, ctx, (abs) => inSystemFolder(abs) && (exists(abs, ctx.facts) || VITAL_FILES.test(abs)) && !(dirname(abs).endsWith('.d') && !knownThere(abs, ctx.facts))),
};
