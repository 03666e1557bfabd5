import { execFile, spawnSync } from 'node:child_process';
import type { HostId } from '../../core/protocol/ipc';
import { onFailureNote } from './claude/version';
import type { FileStatus, InstallScope } from './installCommon';

/**
 * Which version of each agent CLI is installed, and what that means for our hook: whether the host
 * loads the entry at all (a scope it reads only from some version on) and what it does on a failure.
 * Read from `<cli> --version` (never guessed) by `status` and the editor's health. The versions the
 * host level runs live are the pins in scripts/agents-env.mjs (README "Proven with the real clients").
 */

export type Version = [number, number, number];

export function parseVersion(output: string): Version | undefined {
  const m = /(\d+)\.(\d+)\.(\d+)/.exec(output);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

export function atLeast(v: readonly number[], min: readonly number[]): boolean {
  for (let i = 0; i < min.length; i++) if ((v[i] ?? 0) !== min[i]) return (v[i] ?? 0) > min[i]!;
  return true;
}

export interface VersionAssessment {
  /** "Copilot CLI 1.0.102": what is installed. */
  summary: string;
  /** Something a human should act on (the host runs the action when the hook fails). */
  warning?: string;
  /** Scopes whose entries this version does not load, and why. */
  notLoaded?: { scopes: InstallScope[]; why: string };
}

interface VersionCheck {
  bin: string;
  label: string;
  assess(v: Version | undefined, output: string): Omit<VersionAssessment, 'summary'>;
}

/** Copilot CLI reads user hooks (`~/.copilot/hooks`) from 0.0.422 on (github/copilot-cli issue 2430); project hooks before that. */
export const COPILOT_USER_HOOKS_SINCE: Version = [0, 0, 422];
/** Codex runs PreToolUse hooks from 0.118.0 on. */
export const CODEX_HOOKS_SINCE: Version = [0, 118, 0];
/**
 * Gemini CLI runs hooks without an opt-in from 0.26.0 on (released with the hooks announcement of
 * 27 January 2026; google-gemini/gemini-cli issue 17831 reports 0.26.0 reading `hooks`); before it they
 * were experimental and ran only with `tools.enableHooks`, which our installer does not write.
 */
export const GEMINI_HOOKS_SINCE: Version = [0, 26, 0];
/** The Cline CLI on the SDK (3.x) sends `hookName: "tool_call"`; the extension sends `PreToolUse`. Both are read. */
export const CLINE_SDK_SINCE: Version = [3, 0, 0];

const CHECKS: Partial<Record<HostId, VersionCheck>> = {
  claude: {
    bin: 'claude',
    label: 'Claude Code',
    assess: (_v, output) => {
      const warning = onFailureNote(output);
      return warning ? { warning } : {};
    },
  },
  copilot: {
    bin: 'copilot',
    label: 'Copilot CLI',
    assess: (v) => {
      if (!v) return { warning: 'could not read the Copilot CLI version from `copilot --version`' };
      if (atLeast(v, COPILOT_USER_HOOKS_SINCE)) return {};
      return {
        notLoaded: {
          scopes: ['user'],
          why: `Copilot CLI ${v.join('.')} reads no user hooks (~/.copilot/hooks came in ${COPILOT_USER_HOOKS_SINCE.join('.')}): update Copilot CLI, or install with --project in a folder it trusts`,
        },
      };
    },
  },
  cline: {
    bin: 'cline',
    label: 'Cline CLI',
    assess: (v) => {
      if (!v) return { warning: 'could not read the Cline CLI version from `cline --version`' };
      if (atLeast(v, CLINE_SDK_SINCE)) return {};
      return { warning: `Cline CLI ${v.join('.')} predates the 3.x CLI the host level runs; its hook format is not tested here (both the tool_call and the PreToolUse formats are read)` };
    },
  },
  gemini: {
    bin: 'gemini',
    label: 'Gemini CLI',
    assess: (v) => {
      if (!v) return { warning: 'could not read the Gemini CLI version from `gemini --version`' };
      if (atLeast(v, GEMINI_HOOKS_SINCE)) return {};
      return { notLoaded: { scopes: ['user', 'project'], why: `Gemini CLI ${v.join('.')} runs hooks only as an experiment switched on by hand (they are on from ${GEMINI_HOOKS_SINCE.join('.')}): update Gemini CLI` } };
    },
  },
  codex: {
    bin: 'codex',
    label: 'Codex',
    assess: (v) => {
      if (!v) return { warning: 'could not read the Codex version from `codex --version`' };
      if (atLeast(v, CODEX_HOOKS_SINCE)) return {};
      return { notLoaded: { scopes: ['user', 'project'], why: `Codex ${v.join('.')} runs no PreToolUse hooks (they came in ${CODEX_HOOKS_SINCE.join('.')}): update Codex` } };
    },
  },
};

export function hasVersionCheck(host: HostId): boolean {
  return CHECKS[host] !== undefined;
}

/** What `<cli> --version` printed means; undefined when the CLI is not installed (`output` undefined) or has no check. */
export function assessVersion(host: HostId, output: string | undefined): VersionAssessment | undefined {
  const check = CHECKS[host];
  if (!check || output === undefined) return undefined;
  const v = parseVersion(output);
  return { summary: `${check.label} ${v ? v.join('.') : '(version unreadable)'}`, ...check.assess(v, output) };
}

/** Entries of a scope this version does not load become not-loaded, with the reason. */
export function applyVersion(scope: InstallScope, files: FileStatus[], assessment: VersionAssessment | undefined): FileStatus[] {
  const skip = assessment?.notLoaded;
  if (!skip || !skip.scopes.includes(scope)) return files;
  return files.map((f) => (f.state === 'intact' ? { ...f, state: 'not-loaded', detail: `${f.detail}, but ${skip.why}` } : f));
}

const TIMEOUT_MS = 5000;

/** `<cli> --version`, or undefined when it is not on PATH or fails (CLI use). */
export function hostVersionSync(host: HostId, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const check = CHECKS[host];
  if (!check) return undefined;
  const r = spawnSync(check.bin, ['--version'], { env, encoding: 'utf8', timeout: TIMEOUT_MS, windowsHide: true, shell: process.platform === 'win32' });
  return r.status === 0 && typeof r.stdout === 'string' ? r.stdout.trim() : undefined;
}

/** The same without blocking (the editor). */
export function hostVersion(host: HostId, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const check = CHECKS[host];
  if (!check) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    execFile(check.bin, ['--version'], { env, encoding: 'utf8', timeout: TIMEOUT_MS, windowsHide: true, shell: process.platform === 'win32' }, (err, stdout) => resolve(err ? undefined : stdout.trim()));
  });
}
