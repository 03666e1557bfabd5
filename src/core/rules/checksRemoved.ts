import { basename, resolvePath } from '../paths';
import { effectsOf, type PathEffect } from '../policy/effects';
import type { Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { writesOf } from './deferred/deferredPack';
import { credentialAt } from './support/credentialMoves';
import { scanCodeAssignments, scanTokenShapes } from '../credentials/codeSecrets';
import { SECRET_SCANS } from './support/hookBypass';
import { toolNamed } from '../registry/commandModel';
import { SCANNER_FILE, scannerConfigLoss } from './support/scannerConfigs';

/**
 * Checks taken out of the way (round 7, issue #18 item 4): the project's own safety nets, removed by
 * an ordinary file write. A CI workflow deleted, emptied of its steps or no longer run on pushes and
 * pull requests; lines deleted from one with `sed`; the code owners replaced (reviews they require
 * change hands); a secret scanner told to skip every file (gitleaks allowlists, ignore files); the
 * test script made a no-op or the test runner told to exclude every test. Each asks and says what
 * stops being checked; ssh's known host keys removed, emptied or given a key from the command's text (no host key is
 * checked any more). Editing a workflow's steps, adding an owner line, ignoring one fixture file
 * or excluding a folder of tests stays allowed.
 */

const CI_FILE = /\/\.github\/workflows\/[^/]+\.ya?ml$|\/\.gitea\/workflows\/[^/]+\.ya?ml$|\/(\.gitlab-ci|bitbucket-pipelines|azure-pipelines|\.travis)\.ya?ml$|\/\.circleci\/config\.ya?ml$|\/jenkinsfile$/i;
const CODEOWNERS = /(^|\/)(\.github\/|docs\/|\.gitlab\/)?codeowners$/i;
const TEST_CONFIG = /\/(vitest|vite|jest|playwright)\.config\.(c|m)?[jt]s$|\/jest\.config\.json$|\/(pytest\.ini|\.mocharc\.(c|m)?js|\.mocharc\.json)$/i;

/** ssh's record of the key each host must show (the user's and the machine's). */
const KNOWN_HOSTS = /\/\.ssh\/known_hosts2?$|^\/etc\/ssh\/ssh_known_hosts2?$/;
/** A host-key line (`github.com ssh-ed25519 AAAA…`, `@cert-authority *.acme.io ssh-rsa AAAA…`); `@revoked` lines only take trust away. */
const HOST_KEY_LINE = /^[ \t]*(?:@cert-authority[ \t]+)?(\S+)[ \t]+(?:ssh-[\w@.-]+|ecdsa-sha2-[\w@.-]+|sk-[\w@.-]+)[ \t]+AAAA\S*/m;

/** A test script that tests nothing: `true`, `:`, `exit 0`, an echo. */
const NO_OP_SCRIPT = /^\s*(true|:|exit\s+0|echo(\s.*)?|node\s+-e\s+["']?["']?|printf(\s.*)?)\s*$/;

function target(name: string, ctx: RuleContext, shared: boolean): Target {
  const env = ctx.environmentOf({ values: [], remote: shared });
  return { kind: 'path', name, provider: shared ? 'git' : 'filesystem', remote: shared, environment: env.environment, environmentReason: shared ? `the repository's shared checks (${env.reason})` : env.reason };
}

function finding(id: string, reason: string, t: Target): Finding {
  return { rule: `checks-removed.${id}`, risk: 'destructive', severity: 'ask', reason, targets: [t] };
}

/** What a workflow's new text no longer does that its old text did. */
function workflowLoss(before: string | undefined, after: string): string | undefined {
  const steps = (t: string) => (t.match(/^\s*(-\s*)?(run|uses|script)\s*:/gm) ?? []).length;
  const triggers = (t: string) => /\b(push|pull_request|pull_request_target|merge_group|merge_requests?)\b/.test(t);
  if (steps(after) === 0 && (before === undefined || steps(before) > 0)) return 'leaves it with no step to run';
  if (before !== undefined && /^on\s*:/m.test(after) && triggers(before) && !triggers(after)) return 'stops it from running on pushes and pull requests';
  return undefined;
}

/**
 * An ignore file's entries that name a credential file the repository holds, as a whole
 * (`.env.production`, `config/secrets.yml`): the one file a secret scan is there for is skipped. A
 * fixture named like a key that is not there (a `fake-key.pem` under a test folder) stays allowed. A gitleaks fingerprint
 * (`path:rule:line`, one reviewed finding) and a pattern are left to the catch-all check.
 */
function ignoredCredentialFiles(file: string, text: string, ctx: RuleContext): string[] {
  if (!/ignore$/i.test(basename(file))) return [];
  const folder = file.slice(0, file.lastIndexOf('/')) || '/';
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const entry = raw.replace(/#.*$/, '').trim();
    if (entry === '' || entry.startsWith('!') || /[*?[:]/.test(entry)) continue;
    const abs = resolvePath(folder, entry, ctx.facts.home);
    if (ctx.facts.readFile(abs) !== undefined && credentialAt(abs, ctx.facts) !== undefined) out.push(entry);
  }
  return out;
}

function testConfigSkipsAll(text: string): boolean {
  return /\b(exclude|testPathIgnorePatterns|ignore|testIgnore)\s*:\s*\[[^\]]*["'](\*\*(\/\*)?|\.\*|\*)["']/.test(text) || /\btestMatch\s*:\s*\[\s*\]/.test(text) || /\b(include|testMatch)\s*:\s*\[\s*["']nothing/.test(text);
}

/** Test scripts of a package.json text, by name. */
function testScripts(text: string | undefined): Record<string, string> {
  if (text === undefined) return {};
  try {
    const scripts = (JSON.parse(text) as { scripts?: Record<string, unknown> }).scripts ?? {};
    return Object.fromEntries(Object.entries(scripts).filter((e): e is [string, string] => typeof e[1] === 'string' && /^test(:|$)/.test(e[0])));
  } catch {
    return {};
  }
}

function scriptNoOp(name: string, before: string | undefined, after: string, writer: string, ctx: RuleContext): Finding[] {
  if (!NO_OP_SCRIPT.test(after) || (before !== undefined && NO_OP_SCRIPT.test(before))) return [];
  return [finding('test-script-no-op', `${writer} makes the npm script ${name} \`${after.trim().slice(0, 40)}\`${before ? ` in place of \`${before.slice(0, 60)}\`` : ''}: \`npm ${name === 'test' ? 'test' : `run ${name}`}\` (and CI with it) passes without running a test.`, target('package.json', ctx, false))];
}

/**
 * A secret scanner's inline suppression (round 27): `// gitleaks:allow`, `# nosecret`, `// secretlint-disable-line`,
 * `# pragma: allowlist secret` (detect-secrets), `trufflehog:ignore`, `# ggignore`, `talisman:ignore`, `nosec`.
 */
const SUPPRESSION = /\b(gitleaks:allow|nosecrets?|secretlint-disable(?:-line|-next-line)?|pragma:\s*allowlist[ -]secret|trufflehog:ignore|ggignore|talisman:ignore|kingfisher:ignore|noseyparker:ignore|betterleaks:allow|nosec)\b/i;

/** The suppression comment a written text puts beside a secret-looking value (a token shape, or a secret-named random literal) on its line or the line before. */
function silencedSecret(path: string, text: string): string | undefined {
  if (!SUPPRESSION.test(text)) return undefined;
  const lines = text.split('\n').slice(0, 2000);
  for (let i = 0; i < lines.length; i++) {
    const marker = SUPPRESSION.exec(lines[i]!)?.[1];
    if (marker === undefined) continue;
    const near = [lines[i]!, lines[i + 1] ?? ''].join('\n');
    // The marker says "a secret is here": a random quoted literal beside it is enough (letters and digits, 16 and more, no path or words).
    const randomLiteral = [...near.matchAll(/(["'`])([A-Za-z0-9+/=_-]{16,})\1/g)].some((m) => /[A-Za-z]/.test(m[2]!) && /[0-9]/.test(m[2]!) && !/^[a-z]+([_-][a-z]+)+$/i.test(m[2]!));
    if (randomLiteral || scanTokenShapes(near).length > 0 || scanCodeAssignments(path, near).length > 0) return marker;
  }
  return undefined;
}

/** Code that changes a file: an open for writing, a write, a dump, a copy or move over it. */
const CODE_WRITES = /open\s*\([^)]*['"][wa+]|\bwrite\w*\s*\(|\bdump\s*\(|\bcopy\w*\s*\(|\brename\w*\s*\(|\bmove\s*\(|\btruncate\w*\s*\(|\bFile\.write|\bspurt\b/;

/**
 * A secret scanner's configuration handed to a program nothing describes (round 27: `node w.js .secretlintrc.json
 * '{"rules":[]}'`, `python3 -c "open('.secretlintrc.json','w').write(…)"`): what it writes there cannot be read before
 * it runs, so whether the scan is narrowed is not known, and it asks. Reading it (`cat`, code that only opens it) passes.
 */
function scannerConfigUnread(inv: Invocation, effects: readonly PathEffect[], ctx: RuleContext, cwd: string): Finding[] {
  // A scanner or hook runner reading its own configuration (`pre-commit run --config …`, `gitleaks --config …`) is described, and reads it.
  if (toolNamed(inv.name) !== undefined || SECRET_SCANS.test(inv.name)) return [];
  for (const effect of effects) {
    if ((effect.kind !== 'unknown' && effect.kind !== 'code') || effect.word.dynamic) continue;
    // (not an option reader) A word of a program nothing describes, a path or a glued `--out=PATH`, looked at for the file it names.
    const text = effect.word.text;
    const value = /^-[^=]*=(.+)$/.exec(text)?.[1] ?? text;
    const named = !value.startsWith('-') && !/\s/.test(value) && SCANNER_FILE.test(resolvePath(cwd, value, ctx.facts.home)) ? value : undefined;
    const inCode = named === undefined && CODE_WRITES.test(text) ? [...text.matchAll(/(['"])([^'"\n]{1,200})\1/g)].map((m) => m[2]!).find((l) => SCANNER_FILE.test('/' + l.replace(/^\.\//, ''))) : undefined;
    const file = named ?? inCode;
    if (file === undefined) continue;
    return [finding('scanner-config-unread', `${inv.name} ${named ? 'is given' : 'runs code that writes'} the secret scanner configuration ${basename(file)}, and what it writes there cannot be read before it runs: the scan may be narrowed or emptied, so it needs confirmation.`, target(basename(file), ctx, false))];
  }
  return [];
}

function checkInvocation(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.remote) return [];
  const facts = ctx.facts;
  const cwd = inv.cwd || facts.cwd;
  const out: Finding[] = [];
  const effects = effectsOf(inv);
  // A rename within the workflows folder (`git mv ci.yml test.yml`) keeps the workflow (only a move asks, so only a move looks).
  const renamedWithin = effects.some((e) => e.kind === 'move') && effects.some((e) => e.kind !== 'delete' && e.kind !== 'move' && e.kind !== 'read' && !e.word.dynamic && CI_FILE.test(resolvePath(cwd, e.word.text, facts.home)));
  for (const effect of effects) {
    if (effect.kind !== 'delete' && (effect.kind !== 'move' || renamedWithin)) continue;
    if (effect.word.dynamic) continue;
    const path = resolvePath(cwd, effect.word.text, facts.home);
    if (CI_FILE.test(path) && facts.readFile(path) !== undefined) out.push(finding('ci-workflow-removed', `${inv.name} removes the CI workflow ${basename(path)}: the checks it runs on every push and pull request stop running.`, target(effect.word.text, ctx, true)));
    if (KNOWN_HOSTS.test(path)) out.push(finding('known-hosts-removed', `${inv.name} removes ${effect.word.text}: ssh forgets every host key it checked, so the next connection to a forge or server accepts whichever machine answers (a machine in between then reads what is pushed and signs in).`, target(effect.word.text, ctx, false)));
    if (CODEOWNERS.test(path)) out.push(finding('codeowners-removed', `${inv.name} removes ${effect.word.text}: the reviews the code owners must give stop being required.`, target(effect.word.text, ctx, true)));
  }
  out.push(...scannerConfigUnread(inv, effects, ctx, cwd));
  for (const w of writesOf(inv, facts, cwd)) {
    const before = facts.readFile(w.path);
    const name = w.path.split('/').slice(-2).join('/');
    const appended = inv.redirects.some((r) => r.op === '>>' || r.op === '&>>') || (inv.name === 'tee' && inv.args.some((a) => a.text === '-a' || a.text === '--append'));
    if (CI_FILE.test(w.path)) {
      // A whole workflow (it names its triggers or jobs), not an edit's fragment (the lines under a `run:` block).
      const whole = w.text !== undefined && /^(on|jobs|stages|pipelines|workflows)\s*:/m.test(w.text);
      const loss = whole && !appended ? workflowLoss(before, w.text!) : undefined;
      if (loss) out.push(finding('ci-workflow-emptied', `${w.writer} rewrites the CI workflow ${name} and ${loss}: the checks it ran on changes stop.`, target(name, ctx, true)));
      if (w.writer === 'sed' || w.writer === 'sed -i' || w.writer === 'perl') continue;
    }
    if (CODEOWNERS.test(w.path) && w.text !== undefined && (before === undefined || !before.includes(w.text.trim()))) {
      const catchAll = w.text.split('\n').some((l) => /^\s*\*\s+@/.test(l));
      if (catchAll || (before !== undefined && !appended)) out.push(finding('codeowners-replaced', `${w.writer} ${catchAll ? 'makes a catch-all owner line in' : 'rewrites'} ${name}: who must review every change is replaced.`, target(name, ctx, true)));
    }
    if (KNOWN_HOSTS.test(w.path) && w.text !== undefined) out.push(...knownHostsWrite(w.text, before, appended, w.writer, name, ctx));
    const loss = SCANNER_FILE.test(w.path) && w.text !== undefined ? scannerConfigLoss(w.path, before, w.text, appended) : undefined;
    if (loss !== undefined) {
      out.push(finding('scanner-narrowed', `${w.writer} rewrites the secret scanner configuration ${basename(w.path)}: ${loss}; secrets in any change may pass unseen.`, target(name, ctx, false)));
    } else if (SCANNER_FILE.test(w.path) && w.text !== undefined) {
      const skipped = ignoredCredentialFiles(w.path, w.text, ctx);
      if (skipped.length > 0) out.push(finding('scanner-skips-secrets', `${w.writer} adds the credential file ${skipped[0]} to the scanner's ignore list ${basename(w.path)}: the secrets it holds pass the scan unseen.`, target(name, ctx, false)));
    }
    const silenced = w.text !== undefined ? silencedSecret(w.path, w.text) : undefined;
    if (silenced !== undefined) out.push(finding('scanner-silenced-inline', `${w.writer} writes a secret-looking value into ${basename(w.path)} with the scanner's ${silenced} comment beside it: the secret scan passes it unseen, and it would be committed.`, target(basename(w.path), ctx, false)));
    if (TEST_CONFIG.test(w.path) && w.text !== undefined && testConfigSkipsAll(w.text)) {
      out.push(finding('tests-excluded', `${w.writer} makes ${basename(w.path)} exclude every test: the test run passes without running any.`, target(name, ctx, false)));
    }
    if (basename(w.path) === 'package.json' && w.text !== undefined) {
      const old = testScripts(before);
      for (const [script, command] of Object.entries(testScripts(w.text))) out.push(...scriptNoOp(script, old[script], command, w.writer, ctx));
    }
  }
  out.push(...sedDeletesInCi(inv, ctx, cwd), ...pkgSetNoOp(inv, ctx));
  return out;
}

/**
 * known_hosts given a key from the command's own text (`echo 'github.com ssh-ed25519 AAAA…' >> ~/.ssh/known_hosts`), or
 * emptied: later ssh trusts whoever holds that key, or whichever machine answers first. A key fetched from the host
 * itself (`ssh-keyscan github.com >> ~/.ssh/known_hosts`, text unknown here) and one host's key forgotten (`ssh-keygen -R`) stay allowed.
 */
function knownHostsWrite(text: string, before: string | undefined, appended: boolean, writer: string, name: string, ctx: RuleContext): Finding[] {
  const key = HOST_KEY_LINE.exec(text);
  if (key && !(before ?? '').includes(key[0].trim())) return [finding('known-hosts-pinned', `${writer} writes into ${name} a host key for ${key[1]} taken from its own text, not from the host: later ssh, scp and git connections to ${key[1]} trust whoever holds that key, without asking.`, target(name, ctx, false))];
  if (!appended && text.trim() === '' && (before ?? '').trim() !== '') return [finding('known-hosts-removed', `${writer} empties ${name}: ssh forgets every host key it checked, so the next connection to a forge or server accepts whichever machine answers.`, target(name, ctx, false))];
  return [];
}

/** `sed -i '/jest/d' .github/workflows/ci.yml`: lines deleted from a workflow (its steps) in place. */
function sedDeletesInCi(inv: Invocation, ctx: RuleContext, cwd: string): Finding[] {
  if (inv.name !== 'sed' && inv.name !== 'gsed') return [];
  const effects = effectsOf(inv);
  const code = effects.filter((e) => e.kind === 'code').map((e) => e.word.text).join('\n');
  if (!/(^|[;\n/\d$])\s*d\s*($|[;\n}])/.test(code)) return [];
  return effects
    .filter((e) => e.kind === 'write' && !e.word.dynamic && CI_FILE.test(resolvePath(cwd, e.word.text, ctx.facts.home)))
    .map((e) => finding('ci-steps-deleted', `sed deletes lines of the CI workflow ${e.word.text} (\`${code.slice(0, 40)}\`): the steps on them stop checking changes.`, target(e.word.text, ctx, true)));
}

/** `npm pkg set scripts.test=true`: the test script made a no-op through the package manager. */
function pkgSetNoOp(inv: Invocation, ctx: RuleContext): Finding[] {
  if (!/^(npm|pnpm|yarn|bun)$/.test(inv.name)) return [];
  const texts = inv.args.map((a) => a.text);
  const at = texts.findIndex((t, i) => t === 'set' && texts[i - 1] === 'pkg');
  if (at < 0) return [];
  const pkg = ctx.facts.readFile(resolvePath(inv.cwd || ctx.facts.cwd, 'package.json', ctx.facts.home));
  const old = testScripts(pkg);
  const out: Finding[] = [];
  for (const t of texts.slice(at + 1)) {
    const m = /^scripts\.(test(?::[\w:-]+)?)=(.*)$/s.exec(t);
    if (m) out.push(...scriptNoOp(m[1]!, old[m[1]!], m[2]!, `${inv.name} pkg set`, ctx));
  }
  return out;
}

export const checksRemovedPack: RulePack = {
  id: 'checks-removed',
  title: 'Checks taken out of the way (CI workflows, code owners, secret scanners, tests)',
  // What the check reads: deletes and moves, writes (writesOf: output redirects, tee/sponge, sed/perl -i, write/link/extract effects), sed's deletes, `npm pkg set`.
  gate: { names: ['sed', 'gsed', 'perl', 'tee', 'sponge', 'npm', 'pnpm', 'yarn', 'bun'], outputRedirect: true, effects: ['delete', 'move', 'write', 'link', 'extract', 'unknown', 'code'] },
  checkInvocation,
};
