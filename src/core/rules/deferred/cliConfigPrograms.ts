import type { Invocation } from '../../policy/types';
import type { GitProgram } from './gitPrograms';

/**
 * More CLI settings that name a program the CLI starts later, beside `configSetters.ts`: Claude Code's
 * `claude config set [-g] apiKeyHelper CMD` (and its other helpers: `awsCredentialExport`,
 * `awsAuthRefresh`, `otelHeadersHelper`), run on start for a key, outside any hook; and Go's
 * persistent environment, `go env -w GOFLAGS=-toolexec=PROG` (every build runs PROG around each
 * tool), `-exec=PROG` (every `go run`/`go test` binary runs through it), `CC=PROG`, `CXX=PROG`,
 * `FC=PROG`, `PKG_CONFIG=PROG`, `GOTOOLCHAIN=path`. The program is judged as a command line that runs
 * then; one nothing vouches for asks.
 */

const CLAUDE_HELPERS = /^(apiKeyHelper|awsCredentialExport|awsAuthRefresh|otelHeadersHelper|statusLine)$/;
const GO_PROGRAMS = /^(CC|CXX|FC|AR|PKG_CONFIG|GOGCCFLAGS|CGO_LDFLAGS|CGO_CFLAGS)$/;

function program(text: string, key: string, where: string, when: string): GitProgram {
  return { kind: 'shell', text, key, where, when };
}

export function cliConfigPrograms(inv: Invocation): GitProgram[] {
  const words = inv.args.filter((a) => !/^-(g|-global)$/.test(a.text)).map((a) => a.text);
  if (inv.name === 'claude' || inv.name === 'claude-code') {
    if (words[0] !== 'config' || (words[1] !== 'set' && words[1] !== 'add') || !CLAUDE_HELPERS.test(words[2] ?? '')) return [];
    const value = words.slice(3).join(' ');
    return value.trim() === '' ? [] : [program(value, `claude.${words[2]}`, `Claude Code's ${words[2]} setting`, 'whenever Claude Code starts or needs a key (it runs the helper itself, outside any hook)')];
  }
  if (inv.name !== 'go' || words[0] !== 'env' || !words.includes('-w')) return [];
  const out: GitProgram[] = [];
  for (const w of words.slice(1)) {
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(w);
    if (!m) continue;
    const [, name, value] = m as unknown as [string, string, string];
    if (name === 'GOFLAGS') {
      const prog = /-(?:toolexec|exec)=?\s*(\S+)/.exec(value)?.[1];
      if (prog) out.push(program(prog, 'go.GOFLAGS', `Go's GOFLAGS (go env -w, ${value.slice(0, 60)})`, 'on every later go build, run or test'));
    } else if (GO_PROGRAMS.test(name) && value.trim() !== '' && !/^(gcc|clang|g\+\+|clang\+\+|cc|c\+\+|gfortran|ar|pkg-config)$/.test(value.trim())) {
      out.push(program(value, `go.${name}`, `Go's ${name} (go env -w)`, 'on every later go build that compiles C (cgo)'));
    } else if (name === 'GOTOOLCHAIN' && /\//.test(value)) {
      out.push(program(value, 'go.GOTOOLCHAIN', "Go's GOTOOLCHAIN (go env -w)", 'on every later go command'));
    }
  }
  return out;
}
