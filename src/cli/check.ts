import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../core/policy/analyze';
import { classify } from '../core/policy/classify';
import { applyExtraRules } from '../core/settings/extraRules';
import { hookPolicy, type HookPolicy } from '../node/policy/policyFiles';
import type { CredentialFacts, Decision, Facts, Target, Verdict } from '../core/policy/types';
import { redactVerdict } from '../core/audit/redact';
import { lazyCredentialFacts } from '../node/credentials/credentialFacts';
import { knownSecretsOf, secretRedactor } from '../node/credentials/knownSecrets';
import { gatherFacts, repositoryRoot } from '../node/facts';
import { GUARD_PATHS, guardHome } from '../node/guardHome';
import { UsageError, type CliIo } from './io';

const HELP = `usage: blast-shield check [--lockdown] [--cwd DIR] [--json] -- COMMAND...
       blast-shield check --jsonl [--lockdown] [--cwd DIR]

Classify a shell command with the policy engine, without running it. Inside a git repository, and
when Blast Shield's guard folder exists (~/.blast-shield, or BLAST_SHIELD_HOME), the repository's
credential index is used as the hook uses it, to name where a secret value in the command came from
(loaded when a question needs it, kept in the guard folder; never the values themselves).

  --lockdown   every action that would need confirmation is denied
  --cwd DIR    the folder the command would run in (default: the current folder); its git
               repository is the workspace
  --json       print the verdict as one JSON object instead of readable text
  --jsonl      batch mode: read JSON lines {"command": "...", "cwd"?: "..."} on standard input and
               write one verdict JSON per line, in the same order. Blank lines are skipped. A line
               that is not such an object gets {"error": "...", "line": N, "decision": "deny", ...}
               in its place, the run continues, and the exit code is 2.

COMMAND is the text after '--'; several words are joined with spaces, so quote the command as one
argument when it has quoting of its own:  blast-shield check -- 'rm -rf "$DIR"'

Exit codes (single command): 0 allow, 3 ask, 4 deny, 2 usage error. --jsonl exits 0 when every
line was read, 2 when a line was malformed.
`;

export const EXIT_CODES: Record<Decision, number> = { allow: 0, ask: 3, deny: 4 };

interface CheckOptions {
  lockdown: boolean;
  json: boolean;
  jsonl: boolean;
  cwd: string | undefined;
  command: string | undefined;
}

function parseOptions(args: readonly string[]): CheckOptions | 'help' {
  const o: CheckOptions = { lockdown: false, json: false, jsonl: false, cwd: undefined, command: undefined };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') {
      o.command = args.slice(i + 1).join(' ');
      break;
    }
    if (a === '--help' || a === '-h') return 'help';
    if (a === '--lockdown') o.lockdown = true;
    else if (a === '--json') o.json = true;
    else if (a === '--jsonl') o.jsonl = true;
    else if (a === '--cwd' || a.startsWith('--cwd=')) {
      const value = a === '--cwd' ? args[++i] : a.slice('--cwd='.length);
      if (value === undefined || value === '') throw new UsageError('--cwd needs a folder');
      o.cwd = value;
    } else if (a.startsWith('-')) throw new UsageError(`unknown option '${a}' (put the command after '--')`);
    else {
      o.command = args.slice(i).join(' ');
      break;
    }
  }
  if (o.jsonl && o.command !== undefined) throw new UsageError('--jsonl reads commands from standard input; do not also give one');
  if (o.jsonl && o.json) throw new UsageError('--json and --jsonl cannot be combined');
  if (!o.jsonl && (o.command === undefined || o.command.trim() === '')) throw new UsageError("no command given: blast-shield check -- COMMAND");
  return o;
}

function describeTarget(t: Target): string {
  const where = t.remote ? 'remote' : 'this machine';
  const provider = t.provider ? `, ${t.provider}` : '';
  return `${t.kind} ${t.name} (${where}${provider}) — ${t.environment}: ${t.environmentReason}`;
}

/** Readable verdict: decision, production, targets, reasons, the confirm phrase. */
export function formatVerdict(v: Verdict): string {
  const lines = [`decision: ${v.decision}`, `production: ${v.production ? 'yes' : 'no'}`];
  if (v.risks.length > 0) lines.push(`risks: ${v.risks.join(', ')}`);
  if (v.targets.length > 0) {
    lines.push('targets:');
    for (const t of v.targets) lines.push(`  - ${describeTarget(t)}`);
  }
  if (v.reasons.length > 0) {
    lines.push('reasons:');
    for (const r of v.reasons) lines.push(`  - ${r}`);
  }
  if (v.confirm !== null) lines.push(`confirm: a human types "${v.confirm}" to allow it once`);
  return lines.join('\n') + '\n';
}

/**
 * The repository's credential index, as the hook loads it. Check never creates the guard folder: with
 * none, the index is built in memory when a question needs it (bounded in time, a search it could not
 * finish asks), so the verdict is the same on a fresh machine and a set-up one.
 */
function credentialsFor(root: string | undefined, env: CliIo['env']): CredentialFacts {
  const home = guardHome(env);
  // Outside a repository there is no workspace to index (it may be / or the home folder): a search
  // there walks by path rules, bounded, and says when it could not finish.
  return lazyCredentialFacts({ workspaceRoots: root ? [root] : [], home: env.HOME ?? '', cacheDir: GUARD_PATHS.cacheDir(home), secretlint: false, persist: fs.existsSync(home) });
}

interface Judged {
  facts: Facts;
  /** Redacts what is printed: the workspace's known credential values and generic token shapes. */
  redact: (text: string) => string;
  /** The team policy of the folder's workspace, read once per folder (nothing changes between lines). */
  team: () => HookPolicy;
}

/**
 * Credential answers asked once for a whole batch: nothing runs between lines, so a path's, a
 * folder's or a value's answer stands for every line. `incomplete` reports on the listings made so far.
 */
function answeredOnce(credentials: CredentialFacts): CredentialFacts {
  const once = <T>(ask: (key: string) => T): ((key: string) => T) => {
    const answers = new Map<string, T>();
    return (key) => {
      if (answers.has(key)) return answers.get(key) as T;
      const answer = ask(key);
      answers.set(key, answer);
      return answer;
    };
  };
  const out: CredentialFacts = {
    fileInfo: once((p) => credentials.fileInfo(p)),
    filesUnder: once((p) => credentials.filesUnder(p)),
    originOf: once((v) => credentials.originOf(v)),
  };
  const incomplete = credentials.incomplete;
  if (incomplete) out.incomplete = (dir) => incomplete.call(credentials, dir);
  return out;
}

/** What a workspace gives every folder in it: its credential answers and the values to redact. */
interface Workspace {
  credentials: CredentialFacts;
  redact: (text: string) => string;
}

function workspaceOf(root: string | undefined, env: CliIo['env']): Workspace {
  const home = guardHome(env);
  const known = root && fs.existsSync(home) ? knownSecretsOf([root], GUARD_PATHS.cacheDir(home), env.HOME ?? '') : undefined;
  return { credentials: answeredOnce(credentialsFor(root, env)), redact: secretRedactor(known) };
}

/** The facts for `cwd`: its git repository is the workspace (the folder itself outside one). */
function factsAt(cwd: string, env: CliIo['env'], workspace: (root: string | undefined) => Workspace = (root) => workspaceOf(root, env)): Judged {
  const root = repositoryRoot(cwd);
  const { credentials, redact } = workspace(root);
  const facts = gatherFacts({ cwd, env, home: env.HOME, workspaceRoots: [root ?? cwd], credentials });
  let team: HookPolicy | undefined;
  return { facts, redact, team: () => (team ??= hookPolicy(facts.workspaceRoots, env)) };
}

/** A batch's facts: one per folder, sharing one workspace (credential index, known values) per repository. */
function factsCache(env: CliIo['env']): (cwd: string) => Judged {
  const cache = new Map<string, Judged>();
  const workspaces = new Map<string, Workspace>();
  const workspace = (root: string | undefined): Workspace => {
    // Outside a repository each folder stands alone (its walk is by path rules, from that folder).
    if (root === undefined) return workspaceOf(root, env);
    let w = workspaces.get(root);
    if (!w) workspaces.set(root, (w = workspaceOf(root, env)));
    return w;
  };
  return (cwd) => {
    let judged = cache.get(cwd);
    if (!judged) {
      judged = factsAt(cwd, env, workspace);
      cache.set(cwd, judged);
    }
    return judged;
  };
}

/** A verdict as printed: no secret in a reason, a target or the phrase. */
/** The hook's verdict: the engine, then the team policy (a managed lockdown, extra rules), redacted. */
function verdictFor(command: string, judged: Judged, lockdown: boolean): Verdict {
  const facts = judged.facts;
  const team = judged.team();
  const locked = lockdown || team.lockdown;
  let verdict = classify(command, facts, { lockdown: locked });
  if (team.extraRules.length > 0) {
    const texts = [command, ...analyze(command, facts).invocations.map((inv) => [inv.name, ...inv.args.map((a) => a.text)].join(' '))];
    verdict = applyExtraRules(verdict, texts, team.extraRules, locked);
  }
  return redactVerdict(verdict, judged.redact);
}

function errorLine(line: number, message: string): string {
  const verdict: Verdict & { error: string; line: number } = {
    error: message,
    line,
    decision: 'deny',
    production: false,
    risks: ['unanalyzable'],
    reasons: [`Input line ${line} was not read: ${message}.`],
    targets: [],
    confirm: null,
  };
  return JSON.stringify(verdict);
}

async function runBatch(o: CheckOptions, io: CliIo, baseCwd: string): Promise<number> {
  const input = await io.readStdin();
  const factsFor = factsCache(io.env);
  const out: string[] = [];
  let size = 0;
  let malformed = false;
  const flush = (): void => {
    if (out.length === 0) return;
    io.stdout(out.join('\n') + '\n');
    out.length = 0;
    size = 0;
  };
  const lines = input.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const raw = (lines[n] as string).trim();
    if (raw === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(raw);
    } catch {
      record = undefined;
    }
    const command = typeof record === 'object' && record !== null ? (record as { command?: unknown }).command : undefined;
    const cwd = typeof record === 'object' && record !== null ? (record as { cwd?: unknown }).cwd : undefined;
    let text: string;
    if (typeof command !== 'string') {
      malformed = true;
      text = errorLine(n + 1, 'expected a JSON object with a "command" string');
    } else if (cwd !== undefined && typeof cwd !== 'string') {
      malformed = true;
      text = errorLine(n + 1, '"cwd" must be a string');
    } else {
      const dir = cwd === undefined ? baseCwd : path.resolve(baseCwd, cwd);
      text = JSON.stringify(verdictFor(command, factsFor(dir), o.lockdown));
    }
    out.push(text);
    size += text.length;
    if (size > 1 << 16) flush();
  }
  flush();
  return malformed ? 2 : 0;
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const o = parseOptions(args);
  if (o === 'help') {
    io.stdout(HELP);
    return 0;
  }
  const cwd = path.resolve(io.cwd, o.cwd ?? '.');
  if (o.jsonl) return runBatch(o, io, cwd);
  const verdict = verdictFor(o.command as string, factsAt(cwd, io.env), o.lockdown);
  io.stdout(o.json ? JSON.stringify(verdict) + '\n' : formatVerdict(verdict));
  return EXIT_CODES[verdict.decision];
}
