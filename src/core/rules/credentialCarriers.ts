import { ownTable } from '../ownTable';
import type { ArgWord, CodeSnippet, CredentialFileInfo, Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { invocationCommand, toolArgs } from '../registry/commandModel';
import { credentialTarget, hasGlobChars, infoFor, pathsOfWord } from './support/credentialPaths';
import { dump, dumpTarget } from './support/huntCommon';
import { credentialDatabaseDump, DATABASE_DUMPERS } from './support/credentialTables';
import { freeFormReadings } from '../registry/freeForm';
import { sdkCredentialCall } from './support/sdkCredentialProviders';

/**
 * Credentials carried by a tool that is not a reader (red team round 7, issue #12): an instance's
 * user data (`ec2-metadata --user-data`, `az vm show … customData`, `gcloud compute instances describe`
 * of its metadata: boot scripts carry passwords and tokens), a credential file handed to a tool that
 * puts its content somewhere else (a secret store: `vault kv put … @file`, `netlify env:import`,
 * `gh secret set -f`; a git note or commit message: `git notes add -F .env`; an image build:
 * `docker build --secret src=~/.aws/credentials`; rendered manifests: `helm template --set-file x=.env`),
 * a database's own credential tables dumped (`pg_dumpall --roles-only`, `mysqldump --all-databases`),
 * and cloud SDKs' credential providers printed from a one-liner (`google.auth.default()`, `fromIni()`).
 * The same tools given ordinary files, and the same SDKs used for their ordinary calls, stay allowed.
 */

const fileWord = (text: string): ArgWord => ({ text, raw: text, dynamic: /[$`]/.test(text), glob: hasGlobChars(text) });

/** The credential file a word names (globs expanded), or undefined. */
function credentialFileOf(text: string | undefined, inv: Invocation, ctx: RuleContext): CredentialFileInfo | undefined {
  if (!text) return undefined;
  for (const p of pathsOfWord(fileWord(text), inv.cwd || ctx.facts.cwd, ctx.facts)) {
    const info = infoFor(p, ctx.facts);
    if (info) return info;
  }
  return undefined;
}

function commandWords(inv: Invocation): { words: string[]; value: (...names: string[]) => string | undefined; values: (...names: string[]) => string[]; has: (...names: string[]) => boolean } | undefined {
  const command = invocationCommand(inv);
  if (!command) return undefined;
  const a = toolArgs(inv.name, command.parsed, command.tool);
  return { words: [...command.parsed.path, ...command.parsed.operands.map((w) => w.text)], value: a.value, values: a.values, has: a.has };
}

// ---------------------------------------------------------------------------------------------
// Instance user data

/** Output narrowing that shows the user data (`--query osProfile.customData`, `--format='value(metadata.items)'`). */
const USER_DATA = /user-?data|customdata|metadata|startup-script/i;

function instanceUserData(inv: Invocation, ctx: RuleContext): Finding[] {
  const words = inv.args.map((a) => a.text);
  let what: string | undefined;
  let names: string[] = [];
  if (inv.name === 'ec2-metadata' || inv.name === 'ec2metadata') {
    // amazon-ec2-utils' `ec2-metadata` prints everything with no option or `-a`; cloud-utils' `ec2metadata` the same with no option.
    if (words.length === 0 || words.some((w) => /^(-d|--user-data|-a|--all)$/.test(w))) what = "this instance's user data (its boot script)";
  } else {
    const c = commandWords(inv);
    if (!c) return [];
    const w = c.words;
    // `aws ec2 describe-instance-attribute --attribute userData` is the credential hunt's (toolSecretDumps).
    if (inv.name === 'az' && w[0] === 'vm' && w[1] === 'show' && (c.has('--include-user-data', '-u') || USER_DATA.test(c.value('--query') ?? ''))) {
      what = 'the custom data and user data of an Azure VM';
      names = [c.value('--name', '-n') ?? '', c.value('--resource-group', '-g') ?? ''];
    } else if (inv.name === 'gcloud' && w[0] === 'compute' && (w[1] === 'instances' || w[1] === 'project-info') && w[2] === 'describe') {
      const format = [c.value('--format') ?? '', c.value('--flatten') ?? ''].join(' ');
      // A format that picks the metadata items out (`value(metadata.items)`, `--flatten=metadata.items[]`); a plain describe is routine.
      if (USER_DATA.test(format)) {
        what = w[1] === 'instances' ? "a Compute Engine instance's metadata (startup scripts and keys)" : "the project's metadata (startup scripts and SSH keys)";
        names = [w[3] ?? '', c.value('--project') ?? '', c.value('--zone') ?? ''];
      }
    }
  }
  if (!what) return [];
  return [dump('instance-user-data', `${[inv.name, ...words.slice(0, 3)].join(' ').slice(0, 70)} prints ${what}, where boot scripts keep passwords and tokens.`, dumpTarget(what, ctx, true, names.filter(Boolean)))];
}

// ---------------------------------------------------------------------------------------------
// A credential file handed to a tool that puts its content somewhere else

interface Carried {
  file: string | undefined;
  /** Where the content goes, for the reason. */
  where: string;
  /** The content goes to a remote service (a secret store): a remote target whose environment nothing names. */
  remote?: boolean;
}

function carriedFiles(inv: Invocation): Carried[] {
  const c = commandWords(inv);
  const w = c?.words ?? freeFormReadings(inv.args).usual.operands.map((a) => a.text);
  const freeValue = (...names: string[]): string[] => freeFormReadings(inv.args).valued.options.filter((o) => names.includes(o.name)).map((o) => o.values[0] ?? '');
  const out: Carried[] = [];
  switch (inv.name) {
    case 'vault': {
      // `vault kv put PATH @file`, `vault write PATH key=@file`: the file's content is the secret's data.
      if ((w[0] === 'kv' && /^(put|patch)$/.test(w[1] ?? '')) || w[0] === 'write') {
        const path = w[0] === 'kv' ? w[2] : w[1];
        for (const x of w.slice(w[0] === 'kv' ? 3 : 2)) {
          const m = /^(?:[\w.-]+=)?@(.+)$/.exec(x);
          if (m) out.push({ file: m[1], where: `Vault (${path ?? 'a path'})`, remote: true });
        }
      }
      break;
    }
    case 'netlify':
      if (w[0] === 'env:import' || (w[0] === 'env' && w[1] === 'import')) out.push({ file: w[w[0] === 'env' ? 2 : 1], where: "the Netlify site's environment", remote: true });
      break;
    case 'gh':
      if (w[0] === 'secret' && w[1] === 'set' && c) out.push({ file: c.value('--env-file', '-f'), where: 'GitHub Actions secrets', remote: true });
      if (w[0] === 'variable' && w[1] === 'set' && c) out.push({ file: c.value('--env-file', '-f'), where: 'GitHub Actions variables', remote: true });
      break;
    case 'gcloud':
      // `gcloud secrets create NAME --data-file=F`, `gcloud secrets versions add NAME --data-file=F`.
      if (w[0] === 'secrets' && (w[1] === 'create' || (w[1] === 'versions' && w[2] === 'add'))) out.push(...freeValue('--data-file').map((file) => ({ file, where: 'Google Secret Manager', remote: true })));
      break;
    case 'doppler':
      if (w[0] === 'secrets' && w[1] === 'upload') out.push({ file: w[2], where: 'Doppler', remote: true });
      break;
    case 'supabase':
      if (w[0] === 'secrets' && w[1] === 'set') out.push(...freeValue('--env-file').map((file) => ({ file, where: 'Supabase secrets', remote: true })));
      break;
    case 'wrangler':
      if (w[0] === 'secret' && w[1] === 'bulk') out.push({ file: w[2], where: 'Cloudflare Worker secrets', remote: true });
      break;
    case 'git': {
      // `git notes add -F .env`, `git commit -F .env`, `git tag -a v1 -F .env`: the file becomes a message in the history, which a push sends.
      const sub = w[0];
      if (!/^(notes|commit|tag|commit-tree|merge)$/.test(sub ?? '')) break;
      // git's grammar keeps `-F` a flag of the whole command line; its file is the word after it (or glued: `-F.env`, `--file=.env`).
      const glued = freeFormReadings(inv.args).usual.options.map((o) => /^-F(.+)$/.exec(o.name)?.[1]).filter((f): f is string => f !== undefined);
      for (const file of [...freeValue('-F', '--file'), ...glued]) if (file && file !== '-') out.push({ file, where: `a git ${sub === 'notes' ? 'note' : `${sub} message`} (pushed with the history)` });
      break;
    }
    case 'docker':
    case 'podman':
    case 'buildah':
    case 'nerdctl': {
      // `docker build --secret id=aws,src=~/.aws/credentials`: the build's RUN steps (the project's Dockerfile) read it.
      if (!c || !(w[0] === 'build' || w[0] === 'bud' || (w[0] === 'buildx' && w[1] === 'build') || (w[0] === 'image' && w[1] === 'build') || (w[0] === 'compose' && w.includes('build')))) break;
      for (const spec of c.values('--secret')) {
        const src = /(?:^|,)(?:src|source)=([^,]+)/.exec(spec)?.[1];
        if (src) out.push({ file: src, where: 'an image build (its RUN steps can read or copy it)' });
      }
      break;
    }
    case 'helm': {
      // `helm template . --set-file x=.env`: the file's content is a value, printed in the rendered manifests or sent to the cluster.
      if (!c) break;
      for (const spec of c.values('--set-file')) {
        for (const part of spec.split(',')) {
          const value = /^[^=]+=(.+)$/.exec(part)?.[1];
          if (value) out.push({ file: value, where: w[0] === 'template' ? 'the rendered manifests helm template prints' : 'a Helm release value (stored in the cluster)' });
        }
      }
      break;
    }
  }
  return out;
}

function carriedCredentials(inv: Invocation, ctx: RuleContext): Finding[] {
  for (const carried of carriedFiles(inv)) {
    const info = credentialFileOf(carried.file, inv, ctx);
    if (!info) continue;
    const targets: Target[] = [credentialTarget(info)];
    if (carried.remote) targets.push(dumpTarget(carried.where, ctx, true, [carried.where]));
    return [{ rule: 'credentials.carried', risk: 'credential-read', severity: 'ask', reason: `${inv.name} puts the content of ${info.path}, which holds ${info.label}, into ${carried.where}.`, targets }];
  }
  return [];
}

// ---------------------------------------------------------------------------------------------

const CARRIERS = new Set(['vault', 'netlify', 'gh', 'gcloud', 'doppler', 'supabase', 'wrangler', 'git', 'docker', 'podman', 'buildah', 'nerdctl', 'helm']);
const USER_DATA_TOOLS = new Set(['ec2-metadata', 'ec2metadata', 'az', 'gcloud']);

/** A word each tool's carrying or user-data command cannot do without: most invocations stop at this test. */
const TRIGGER: Readonly<Record<string, RegExp>> = ownTable({
  vault: /@/, netlify: /import/, gh: /^(-f|--env-file)/, gcloud: /^(secrets|describe)$/, doppler: /^upload$/, supabase: /^--env-file/, wrangler: /^bulk$/,
  git: /^(-F|--file)/, docker: /--secret/, podman: /--secret/, buildah: /--secret/, nerdctl: /--secret/, helm: /^--set-file/, az: /^vm$/,
});

function checkInvocation(inv: Invocation, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const trigger = TRIGGER[inv.name];
  if (trigger && !inv.args.some((a) => trigger.test(a.text))) return out;
  if (USER_DATA_TOOLS.has(inv.name)) out.push(...instanceUserData(inv, ctx));
  if (CARRIERS.has(inv.name)) out.push(...carriedCredentials(inv, ctx));
  if (DATABASE_DUMPERS.has(inv.name)) out.push(...credentialDatabaseDump(inv, ctx));
  return out;
}

const SNIPPET_LANGUAGES = new Set(['python', 'javascript', 'ruby']);

function checkSnippet(snippet: CodeSnippet, ctx: RuleContext): Finding[] {
  if (!SNIPPET_LANGUAGES.has(snippet.language)) return [];
  const call = sdkCredentialCall(snippet.text);
  if (!call) return [];
  // A cloud or cluster credential opens another machine: its environment is unknown (production) unless named.
  const env = call.remote ? ctx.environmentOf({ values: [], remote: true }) : { environment: 'local' as const, reason: 'this machine' };
  return [dump('sdk-credential-provider', `${snippet.runner.name} code ${call.what}, which prints the credentials it resolves.`, { kind: 'credential', name: call.what.replace(/^calls /, ''), remote: call.remote, environment: env.environment, environmentReason: env.reason })];
}

const NAMES = new Set([...CARRIERS, ...USER_DATA_TOOLS, ...DATABASE_DUMPERS]);

export const credentialCarriersPack: RulePack = {
  id: 'credentialCarriers',
  title: 'Credentials carried by tools: instance user data, files put into stores, messages and builds, credential tables, SDK providers',
  reactsTo: (name) => NAMES.has(name),
  checkInvocation,
  checkSnippet,
};
