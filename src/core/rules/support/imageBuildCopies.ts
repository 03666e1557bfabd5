import { resolvePath } from '../../paths';
import type { CredentialFileInfo, Finding, Invocation, RuleContext } from '../../policy/types';
import { optionValues } from '../../registry/grammar';
import { parsedArgs } from '../../registry/commandModel';
import { docker } from '../../registry/tools/docker';
import { freeFormReadings } from '../../registry/freeForm';
import { readFinding } from '../credentials';
import { infoFor, pathsOfWord } from './credentialPaths';

/**
 * A credential file copied into a container image: a Dockerfile whose `COPY` or `ADD` names it, read
 * from standard input (`docker build -f- . <<< $'FROM alpine\nCOPY .env.production /x'`, `docker build -
 * < Dockerfile`), from `-f FILE`, or from the context's `Dockerfile`. The file is then a layer anyone
 * holding the image reads (and a later `RUN cat` prints it in the build log). `RUN
 * --mount=type=secret` keeps a secret out of the layers and is routine; `COPY --from=stage` copies
 * between stages, not from the context.
 */

const ENGINES = new Set(['docker', 'podman', 'nerdctl', 'buildah']);
const BUILD_PATHS = new Set(['build', 'bud', 'buildx build', 'buildx b', 'image build', 'builder build']);

/** The sources of each `COPY`/`ADD` line (continuations joined; `--from=` copies skipped). */
export function dockerfileSources(text: string): string[] {
  const out: string[] = [];
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  for (const line of lines.slice(0, 2000)) {
    const m = /^\s*(COPY|ADD)\s+(.*)$/i.exec(line);
    if (!m) continue;
    let rest = (m[2] ?? '').trim();
    if (/(^|\s)--from=/.test(rest)) continue;
    rest = rest.replace(/(^|\s)--[\w-]+(=\S*)?/g, ' ').trim();
    let words: string[];
    if (rest.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(rest);
        words = Array.isArray(parsed) ? parsed.filter((w): w is string => typeof w === 'string') : [];
      } catch {
        words = [];
      }
    } else words = rest.split(/\s+/).filter((w) => w !== '' && !w.startsWith('<<'));
    out.push(...words.slice(0, -1).filter((w) => !/^[a-z]+:\/\//i.test(w)));
  }
  return out.slice(0, 64);
}

/** What `cat FILE`, `echo TEXT` or `printf TEXT` piped into the build writes (printf's `\n` read as a new line). */
function pipedText(from: Invocation, ctx: RuleContext): string | undefined {
  const words = freeFormReadings(from.args).usual.operands.map((a) => a.text);
  if (from.name === 'cat') {
    const cwd = from.cwd || ctx.facts.cwd;
    return words.map((w) => ctx.facts.readFile(resolvePath(cwd, w, ctx.facts.home)) ?? '').join('\n');
  }
  if (from.name === 'echo' || from.name === 'printf') return words.join(' ').replace(/\\n/g, '\n');
  return undefined;
}

export function checkImageBuildCopies(inv: Invocation, ctx: RuleContext): Finding[] {
  if (!ENGINES.has(inv.name)) return [];
  const parsed = parsedArgs(inv.args, docker);
  if (!BUILD_PATHS.has(parsed.path.join(' '))) return [];
  const facts = ctx.facts;
  const cwd = inv.cwd || facts.cwd;
  const contextWord = parsed.operands[0]?.text;
  const fromStdin = contextWord === '-';
  const context = contextWord === undefined || fromStdin || /^[a-z]+:\/\//i.test(contextWord) || contextWord.startsWith('git@') ? cwd : resolvePath(cwd, contextWord, facts.home);
  const file = optionValues(parsed, docker, ['-f']).pop();
  let text: string | undefined;
  let how = `${inv.name} build`;
  const piped = inv.stdin?.kind === 'heredoc' || inv.stdin?.kind === 'herestring' ? inv.stdin.text : inv.stdin?.kind === 'pipe' ? pipedText(inv.stdin.from, ctx) : undefined;
  if (fromStdin || file === '-' || file === '/dev/stdin') {
    text = piped ?? (inv.stdin?.kind === 'file' ? facts.readFile(resolvePath(cwd, inv.stdin.path, facts.home)) : undefined);
    how = `${inv.name} build (a Dockerfile from standard input)`;
  } else {
    const path = file !== undefined ? resolvePath(cwd, file, facts.home) : `${context}/Dockerfile`;
    text = facts.readFile(path);
    how = `${inv.name} build (${file ?? 'Dockerfile'})`;
  }
  if (text === undefined) return [];
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const source of dockerfileSources(text)) {
    const word = { text: source, raw: source, dynamic: /\$/.test(source), glob: /[*?[]/.test(source) };
    for (const p of pathsOfWord(word, context, facts)) {
      const info: CredentialFileInfo | undefined = infoFor(p, facts);
      if (!info || seen.has(info.path)) continue;
      seen.add(info.path);
      const finding = readFinding('copies', info, how);
      out.push({ ...finding, reason: finding.reason.replace(/\.$/, ', into an image layer that anyone holding the image reads.') });
    }
  }
  return out;
}
checkImageBuildCopies.reactsTo = (name: string): boolean => ENGINES.has(name);

