import { basename } from '../../paths';
import type { PlaceRule } from './places';

/**
 * Files a hosting platform or an infrastructure tool reads on the next deploy and runs commands from,
 * on its own builders or in the release step before the new version serves: Netlify's build command,
 * Vercel's build and install commands, a Procfile's processes and release phase, Nixpacks phases,
 * Fly's release command, Railway's and Render's pre-deploy, build and start commands, Heroku's
 * app.json scripts, and Terraform's `local-exec` provisioners (run on this machine by the next apply).
 * What they run is judged as if it ran now, on production: a deploy reaches the live app.
 */

const ON_DEPLOY = 'on the next deploy, on the platform (its build or release step, before the new version serves)';
export const DEPLOY_PRODUCTION = 'a deploy runs it for the live app — treated as production';

function unescape(v: string): string {
  return v.replace(/\\(["'\\])/g, '$1').replace(/\\n/g, '\n');
}

/** Quoted values of `key = "…"`, `key: …`, `"key": "…"` and `key = ["…", "…"]` for the keys named. */
export function keyedCommands(text: string, keys: RegExp): string {
  const out: string[] = [];
  const key = keys.source;
  // `"key": "value"` (JSON), `key = "value"` (TOML, HCL), `key: value` (YAML, quoted or not).
  const scalar = new RegExp(`(?:^|[\\s{,])"?(?:${key})"?\\s*[:=]\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|'([^']*)'|([^\\s"'\\[{#][^\\n#]*))`, 'gm');
  for (const m of text.matchAll(scalar)) out.push(unescape(m[1] ?? m[2] ?? m[3] ?? '').trim());
  // `cmds = ["a", "b"]`, `"preDeployCommand": ["a"]`.
  const list = new RegExp(`(?:^|[\\s{,])"?(?:${key})"?\\s*[:=]\\s*\\[([^\\]]*)\\]`, 'gm');
  for (const m of text.matchAll(list)) for (const item of m[1]!.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)) out.push(unescape(item[1] ?? item[2] ?? ''));
  return out.filter((c) => c !== '').join('\n');
}

/**
 * Command values in YAML written in flow style on one line (`phases: {build: {commands: [terraform apply]}}`,
 * `hooks: {postdeploy: ./migrate.sh}`): unquoted list items and scalars up to the closing bracket.
 */
export function flowCommands(text: string, keys: RegExp): string {
  const out: string[] = [];
  const key = keys.source;
  for (const m of text.matchAll(new RegExp(`(?:^|[\\s{,])"?(?:${key})"?\\s*:\\s*\\[([^\\]]*)\\]`, 'gm'))) {
    for (const item of m[1]!.split(',')) out.push(item.trim().replace(/^(["'])(.*)\1$/, '$2'));
  }
  for (const m of text.matchAll(new RegExp(`(?:^|[\\s{,])"?(?:${key})"?\\s*:\\s*([^\\s\\[{#,}][^\\n#,}]*)`, 'gm'))) out.push(m[1]!.trim().replace(/^(["'])(.*)\1$/, '$2'));
  return out.filter((c) => c !== '').join('\n');
}

/** `web: npm start`, `release: ./migrate.sh`: every process line of a Procfile. */
function procfileCommands(text: string): string {
  return [...text.matchAll(/^\s*[\w-]+\s*:\s*(.+)$/gm)].map((m) => m[1]!.trim()).join('\n');
}

/** `provisioner "local-exec" { command = "…" }` (quoted or a heredoc): run on this machine by the next apply. */
export function localExecCommands(text: string): string {
  const out: string[] = [];
  for (const block of text.split(/provisioner\s+"local-exec"/).slice(1)) {
    const m = /\bcommand\s*=\s*(?:"((?:[^"\\]|\\.)*)"|<<-?\s*(\w+)\n([\s\S]*?)\n\s*\2)/.exec(block.slice(0, 4000));
    if (m) out.push(unescape(m[1] ?? m[3] ?? ''));
  }
  // `data "external" "x" { program = ["sh", "-c", "…"] }`: run on this machine by every plan, refresh and apply.
  for (const block of text.split(/data\s+"external"/).slice(1)) {
    const list = /\bprogram\s*=\s*\[([^\]]*)\]/.exec(block.slice(0, 4000))?.[1];
    const words = list === undefined ? [] : [...list.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => unescape(m[1]!));
    if (words.length > 0) out.push(words.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' '));
  }
  return out.join('\n');
}

/** The deploy file at `absolutePath`, with how to read the commands out of it; undefined for any other file. */
export function deployPlaceOf(absolutePath: string): PlaceRule | undefined {
  const p = absolutePath.replace(/\\/g, '/');
  const name = basename(p);
  const lname = name.toLowerCase();
  const platform = (where: string, commands: (t: string) => string): PlaceRule => ({ where, when: ON_DEPLOY, language: 'shell', strictUnknown: false, inImage: true, production: DEPLOY_PRODUCTION, commands });
  if (lname === 'netlify.toml') return platform('the Netlify build settings netlify.toml', (t) => keyedCommands(t, /command/));
  if (lname === 'vercel.json') return platform('the Vercel settings vercel.json', (t) => keyedCommands(t, /buildCommand|installCommand|devCommand|ignoreCommand/));
  if (name === 'Procfile' || /^Procfile\.[\w-]+$/.test(name)) return platform(`the ${name} processes (its release line runs before each release)`, procfileCommands);
  if (lname === 'nixpacks.toml' || lname === 'nixpacks.json') return platform(`the Nixpacks build plan ${name}`, (t) => keyedCommands(t, /cmds|cmd|startCommand/));
  if (lname === 'fly.toml') return platform('the Fly.io app settings fly.toml', (t) => keyedCommands(t, /release_command|cmd|command/));
  if (lname === 'railway.json' || lname === 'railway.toml') return platform(`the Railway deploy settings ${name}`, (t) => keyedCommands(t, /preDeployCommand|startCommand|buildCommand/));
  if (lname === 'render.yaml' || lname === 'render.yml') return platform(`the Render blueprint ${name}`, (t) => keyedCommands(t, /preDeployCommand|buildCommand|startCommand|dockerCommand/));
  // Elastic Beanstalk runs `.ebextensions` commands and `.platform` hooks on every instance it deploys; Platform.sh its app hooks.
  if (/\/\.ebextensions\/[^/]+\.config$/.test(p.toLowerCase())) return platform(`the Elastic Beanstalk extension .ebextensions/${name}`, (t) => [keyedCommands(t, /command/), flowCommands(t, /command/)].join('\n'));
  if (/\/\.platform\/(conf)?hooks\/(prebuild|predeploy|postdeploy)\/[^/]+$/.test(p.toLowerCase())) return platform(`the Elastic Beanstalk platform hook ${p.split('/').slice(-2).join('/')}`, (t) => t);
  if (lname === '.platform.app.yaml' || /\/\.upsun\/config\.ya?ml$/.test(p.toLowerCase())) return platform(`the Platform.sh app hooks ${name}`, (t) => [keyedCommands(t, /build|deploy|post_deploy|postdeploy|start/), flowCommands(t, /build|deploy|post_deploy|postdeploy|start/)].join('\n'));
  if (lname === 'app.json') return platform('the Heroku app.json scripts', (t) => keyedCommands(t, /postdeploy|predestroy|pr-predestroy/));
  if (lname.endsWith('.tf') || lname.endsWith('.tf.json')) {
    return { where: `the Terraform file ${name} (a local-exec provisioner or an external data source)`, when: 'on the next terraform plan or apply, on this machine', language: 'shell', strictUnknown: false, commands: localExecCommands };
  }
  return undefined;
}

/** Settings that, written this way in infrastructure code (HCL `key = value`, Terraform JSON `"key": value`), take a resource's protection away at the next apply. */
const PROTECTION_OFF: readonly { re: RegExp; what: string }[] = [
  { re: /\bprevent_destroy"?\s*[=:]\s*"?false\b/, what: 'prevent_destroy (Terraform refusing to destroy the resource)' },
  { re: /\b(enable_)?(deletion|termination)_protection(_enabled)?"?\s*[=:]\s*"?false\b|\bdisable_api_termination"?\s*[=:]\s*"?false\b/, what: 'deletion protection' },
  { re: /\bskip_final_snapshot"?\s*[=:]\s*"?true\b/, what: 'the final snapshot taken before a database is deleted' },
  { re: /\bforce_destroy"?\s*[=:]\s*"?true\b/, what: 'the refusal to delete a bucket or registry that still holds data' },
  { re: /\bbackup_retention_period"?\s*[=:]\s*"?0\b/, what: 'automated backups' },
  { re: /\b(DeletionPolicy|UpdateReplacePolicy)"?\s*:\s*"?Delete\b/, what: "CloudFormation's retention of the resource when the stack drops it" },
  { re: /RemovalPolicy\.DESTROY\b|\bdeletionProtection\s*:\s*false\b|\bautoDeleteObjects\s*:\s*true\b/, what: "CDK's retention of the resource and its data" },
  { re: /\bprotect\s*[:=]\s*(false|False)\b/, what: "Pulumi's protect flag" },
];

/** Files infrastructure tools read: Terraform/OpenTofu/Terragrunt code and variables, CloudFormation and Pulumi stacks, CDK apps. */
export function isInfraCode(path: string): boolean {
  const l = path.replace(/\\/g, '/').toLowerCase();
  return /\.(tf|tf\.json|tfvars|tfvars\.json|hcl)$/.test(l) || /(^|\/)pulumi(\.[\w-]+)?\.ya?ml$/.test(l) || /\.template\.(json|ya?ml)$/.test(l) || /(^|\/)(terraform|infra|infrastructure|iac|cdk|pulumi|cloudformation|cfn)\/.+\.(ts|js|py|ya?ml|json)$/.test(l);
}

/** What protection `text` turns off, if any. */
export function protectionLowered(text: string): string | undefined {
  return PROTECTION_OFF.find((p) => p.re.test(text))?.what;
}

/** The replacement halves of a sed script's `s` commands (`s/a/b/g` -> `b`). */
export function sedReplacements(script: string): string[] {
  const out: string[] = [];
  for (const m of script.matchAll(/(?:^|[;\n{]\s*)s(.)((?:\\.|[^\\])*?)\1((?:\\.|[^\\])*?)\1/g)) out.push(m[3]!.replace(/\\(.)/g, '$1'));
  return out;
}
