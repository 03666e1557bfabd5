#!/usr/bin/env node
// Play the agent in the demo workspace: build exactly what an agent host writes on its hook's stdin for
// one scenario, run the hook command that host's installed config names, and print its answer. A
// scenario that needs a human opens the dialog in the editor; this waits for your answer there.
//
//   node scripts/play-agent.mjs <host> <scenario> [--workspace DIR]
//   node scripts/play-agent.mjs --list [--workspace DIR]     the scenarios and the installed hosts
//
// Secret values (the Railway token, the database password) are read from the demo's own files at run
// time and go only into the hook's stdin, never to the terminal.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_MARKER, defaultDemoDir, readDemoSecrets } from './demo-workspace.mjs';

export const HOSTS = ['cursor', 'claude', 'vscode', 'copilot', 'cline'];

/** The scenarios of the demo workspace: what the agent does, and what Blast Shield is expected to do. */
export const SCENARIOS = {
  incident: {
    title: 'the incident: curl volumeDelete with the token from legacy/config_backup.json',
    expect: 'a dialog: production (environment unknown), the token traced to legacy/config_backup.json',
    action: (ws, s) => ({ kind: 'shell', command: `curl -sS -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer ${s.railwayToken}" -H "Content-Type: application/json" -d '{"query":"mutation { volumeDelete(volumeId: \\"${s.volumeId}\\") }"}'` }),
  },
  'prod-drop': {
    title: 'a production DROP TABLE through psql',
    expect: 'a dialog: PRODUCTION, the statement, its table and database',
    action: (ws, s) => ({ kind: 'shell', command: `psql "${s.productionDatabaseUrl}" -c 'DROP TABLE orders;'` }),
  },
  'local-delete': {
    title: 'a local rm -rf exports/',
    expect: 'a dialog without a production banner, previewing the files and sizes',
    action: () => ({ kind: 'shell', command: 'rm -rf exports' }),
  },
  'credential-read': {
    title: 'the agent reads .env with its file tool',
    expect: 'denied at once, no dialog',
    action: (ws) => ({ kind: 'read', path: path.join(ws, '.env') }),
  },
  'hook-edit': {
    title: "the agent edits its host's hook configuration",
    expect: 'denied at once: the guard protects its own hooks',
    action: (ws, s, host) => ({ kind: 'edit', path: hookConfigOf(ws, host) ?? path.join(ws, '.cursor', 'hooks.json'), oldText: '"timeout": 300', newText: '"timeout": 1' }),
  },
};

/** The config file that holds this host's Blast Shield entry in the workspace, if installed there. */
export function hookConfigOf(ws, host) {
  const candidates = {
    cursor: ['.cursor/hooks.json'],
    claude: ['.claude/settings.local.json', '.claude/settings.json'],
    vscode: ['.github/hooks/blast-shield-vscode.json'],
    copilot: ['.github/hooks/blast-shield-copilot.json'],
    cline: ['.clinerules/hooks/PreToolUse'],
  }[host];
  for (const rel of candidates ?? []) {
    const file = path.join(ws, rel);
    try {
      if (/blast-shield/i.test(fs.readFileSync(file, 'utf8'))) return file;
    } catch {
      // not there
    }
  }
  return undefined;
}

/** The command the host itself would run for its hook, from the installed config. */
export function hookCommandOf(ws, host) {
  const file = hookConfigOf(ws, host);
  if (!file) return undefined;
  if (host === 'cline') return file; // an executable script
  const cfg = JSON.parse(fs.readFileSync(file, 'utf8'));
  const hooks = cfg.hooks ?? {};
  if (host === 'cursor') return (hooks.beforeShellExecution ?? []).find((e) => /blast-shield/i.test(e.command ?? ''))?.command;
  if (host === 'copilot') return (hooks.preToolUse ?? []).find((e) => /blast-shield/i.test(e.bash ?? ''))?.bash;
  if (host === 'vscode') return (hooks.PreToolUse ?? []).find((e) => /blast-shield/i.test(e.command ?? ''))?.command;
  for (const group of hooks.PreToolUse ?? []) {
    const h = (group.hooks ?? []).find((x) => /blast-shield/i.test(x.command ?? ''));
    if (h) return h.command;
  }
  return undefined;
}

export function installedHosts(ws) {
  return HOSTS.filter((h) => hookCommandOf(ws, h) !== undefined);
}

/** What `host` writes on the hook's stdin for `action` (shapes from each host's hook documentation). */
export function payloadFor(host, ws, action) {
  const id = randomUUID();
  switch (host) {
    case 'cursor': {
      const common = { conversation_id: id, generation_id: randomUUID(), model: 'demo-agent', cursor_version: '2.1.0', workspace_roots: [ws], user_email: 'you@example.invalid', transcript_path: null };
      if (action.kind === 'shell') return { ...common, hook_event_name: 'beforeShellExecution', command: action.command, cwd: ws, sandbox: false };
      if (action.kind === 'read') return { ...common, hook_event_name: 'beforeReadFile', file_path: action.path, content: fs.readFileSync(action.path, 'utf8'), attachments: [] };
      return { ...common, hook_event_name: 'preToolUse', tool_name: 'Write', tool_input: { file_path: action.path, content: '{"version":1,"hooks":{}}\n' }, tool_use_id: id, cwd: ws };
    }
    case 'claude': {
      const common = { session_id: id, transcript_path: path.join(ws, '.claude', 'transcript.jsonl'), cwd: ws, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_use_id: `toolu_${id.replace(/-/g, '')}` };
      if (action.kind === 'shell') return { ...common, tool_name: 'Bash', tool_input: { command: action.command, description: 'demo agent command' } };
      if (action.kind === 'read') return { ...common, tool_name: 'Read', tool_input: { file_path: action.path } };
      return { ...common, tool_name: 'Edit', tool_input: { file_path: action.path, old_string: action.oldText, new_string: action.newText } };
    }
    case 'vscode': {
      const common = { timestamp: new Date().toISOString(), cwd: ws, sessionId: id, hookEventName: 'PreToolUse', tool_use_id: `call_${id.slice(0, 8)}` };
      if (action.kind === 'shell') return { ...common, tool_name: 'run_in_terminal', tool_input: { command: action.command, explanation: 'demo agent command', isBackground: false } };
      if (action.kind === 'read') return { ...common, tool_name: 'read_file', tool_input: { filePath: action.path, startLine: 1, endLine: 50 } };
      return { ...common, tool_name: 'replace_string_in_file', tool_input: { filePath: action.path, oldString: action.oldText, newString: action.newText } };
    }
    case 'copilot': {
      const common = { sessionId: id, timestamp: Date.now(), cwd: ws };
      if (action.kind === 'shell') return { ...common, toolName: 'bash', toolArgs: JSON.stringify({ command: action.command, description: 'demo agent command' }) };
      if (action.kind === 'read') return { ...common, toolName: 'view', toolArgs: JSON.stringify({ path: action.path }) };
      return { ...common, toolName: 'edit', toolArgs: { path: action.path, old_str: action.oldText, new_str: action.newText } };
    }
    case 'cline': {
      const common = { clineVersion: '3.36.0', hookName: 'PreToolUse', timestamp: String(Date.now()), taskId: String(Date.now()), workspaceRoots: [ws], userId: 'demo' };
      if (action.kind === 'shell') return { ...common, preToolUse: { toolName: 'execute_command', parameters: { command: action.command, requires_approval: 'true' } } };
      if (action.kind === 'read') return { ...common, preToolUse: { toolName: 'read_file', parameters: { path: path.relative(ws, action.path) } } };
      return { ...common, preToolUse: { toolName: 'replace_in_file', parameters: { path: path.relative(ws, action.path), diff: `------- SEARCH\n${action.oldText}\n=======\n${action.newText}\n+++++++ REPLACE` } } };
    }
    default:
      throw new Error(`unknown host ${host}`);
  }
}

/** The decision and message in the host's own answer, in one line. */
function describeAnswer(host, stdout, stderr, code) {
  let v;
  try {
    v = JSON.parse(stdout);
  } catch {
    return `exit ${code}${stderr.trim() ? `: ${stderr.trim()}` : ''}`;
  }
  const h = v.hookSpecificOutput ?? v;
  const decision = v.permission ?? h.permissionDecision ?? (v.cancel === true ? 'deny' : v.cancel === false ? 'allow' : '?');
  const message = v.agent_message || v.user_message || h.permissionDecisionReason || v.errorMessage || '';
  return `${decision}${message ? `: ${message}` : ''}`;
}

export function playCommand(scriptPath, host, scenario) {
  return `node ${scriptPath} ${host} ${scenario}`;
}

function findWorkspace(args) {
  const i = args.indexOf('--workspace');
  if (i >= 0 && args[i + 1]) return path.resolve(args[i + 1]);
  let dir = process.cwd();
  for (;;) {
    if (fs.existsSync(path.join(dir, DEMO_MARKER))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return defaultDemoDir();
    dir = up;
  }
}

async function main(argv) {
  const ws = findWorkspace(argv);
  if (!fs.existsSync(path.join(ws, DEMO_MARKER))) throw new Error(`${ws} is not a Blast Shield demo workspace (run npm run try first)`);
  const positional = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--workspace');
  const hosts = installedHosts(ws);
  if (argv.includes('--list') || positional.length < 2) {
    console.log(`usage: node ${fileURLToPath(import.meta.url)} <host> <scenario> [--workspace DIR]\n`);
    console.log(`installed in ${ws}: ${hosts.join(', ') || 'no host (run "Blast Shield: Install Hooks")'}`);
    for (const [name, s] of Object.entries(SCENARIOS)) console.log(`  ${name.padEnd(16)} ${s.title} → ${s.expect}`);
    return positional.length < 2 && !argv.includes('--list') ? 2 : 0;
  }
  const [host, scenario] = positional;
  if (!HOSTS.includes(host)) throw new Error(`unknown host '${host}' (one of ${HOSTS.join(', ')})`);
  const s = SCENARIOS[scenario];
  if (!s) throw new Error(`unknown scenario '${scenario}' (one of ${Object.keys(SCENARIOS).join(', ')})`);
  const command = hookCommandOf(ws, host);
  if (!command) throw new Error(`no ${host} hook is installed in ${ws}; installed: ${hosts.join(', ') || 'none'}`);
  const payload = payloadFor(host, ws, s.action(ws, readDemoSecrets(ws), host));
  console.log(`${host} agent: ${s.title}\nexpect: ${s.expect}`);
  if (s.expect.startsWith('a dialog')) console.log('waiting for your answer in the editor…');
  const child = spawn('/bin/sh', ['-c', host === 'cline' ? `'${command.replace(/'/g, `'\\''`)}'` : command], { cwd: ws, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  child.stdin.on('error', () => undefined);
  child.stdin.end(JSON.stringify(payload));
  const code = await new Promise((resolve) => child.on('close', resolve));
  console.log(`${host} hook answered: ${describeAnswer(host, stdout, stderr, code)}`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`play-agent: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
