/**
 * Host credential files reached through a container: a folder bind-mounted into `docker run` /
 * `podman run` whose credential file the container's command names (`docker run -v $HOME:/h alpine
 * cat /h/.aws/credentials`), and `docker cp` of a host credential file into a container
 * (`docker cp ~/.ssh/id_ed25519 web:/tmp/`). Copies out of a container are credentialRoutes' part.
 */

import { resolvePath } from '../../paths';
import type { ArgWord, CredentialFileInfo, Facts, Finding, Invocation, RuleContext } from '../../policy/types';
import { readFinding } from '../credentials';
import { hasGlobChars, infoFor, pathsOfWord } from './credentialPaths';

const ENGINES = new Set(['docker', 'podman', 'nerdctl']);

function hostPath(text: string, cwd: string, facts: Facts): string | undefined {
  const t = text.replace(/^(\$HOME|\$\{HOME\}|~)(?=\/|$)/, facts.home);
  if (/[$`]/.test(t)) return undefined;
  return resolvePath(cwd, t, facts.home).replace(/\/+$/, '');
}

/** `-v HOST:CONTAINER[:opts]`, `--volume=…`, `--mount type=bind,src=HOST,dst=CONTAINER`. */
function bindMounts(inv: Invocation, cwd: string, facts: Facts): { host: string; inside: string; word: number }[] {
  const out: { host: string; inside: string; word: number }[] = [];
  inv.args.forEach((a, i) => {
    let spec: string | undefined;
    if ((a.text === '-v' || a.text === '--volume' || a.text === '--mount') && inv.args[i + 1]) spec = inv.args[i + 1]?.text;
    else if (/^--(volume|mount)=/.test(a.text)) spec = a.text.slice(a.text.indexOf('=') + 1);
    else if (/^-v./.test(a.text)) spec = a.text.slice(2);
    if (!spec) return;
    let host: string | undefined;
    let inside: string | undefined;
    if (/(^|,)(src|source)=/.test(spec)) {
      host = /(?:^|,)(?:src|source)=([^,]+)/.exec(spec)?.[1];
      inside = /(?:^|,)(?:dst|destination|target)=([^,]+)/.exec(spec)?.[1];
    } else {
      const parts = spec.split(':');
      host = parts[0];
      inside = parts[1];
    }
    if (!host || !inside || !/^[/~.$]/.test(host) || !inside.startsWith('/')) return;
    const h = hostPath(host, cwd, facts);
    if (h) out.push({ host: h, inside: inside.replace(/\/+$/, ''), word: i });
  });
  return out;
}

/** Programs that read every file of a folder they are given (searches, archivers, copies, uploads). */
const WALKS = /(^|[\s;|&(])(grep|egrep|fgrep|rg|ag|ack|ugrep|git|tar|zip|7z|cp|rsync|scp|find|cat|curl|rclone|trufflehog|gitleaks|aws|gsutil)\b[^;|&]*\s-{0,2}[a-zA-Z]*[rRa]\b|(^|[\s;|&(])(rg|ag|ack|tar|zip|7z|rsync|find|trufflehog|gitleaks)\s/;

/** A credential file the folder holds (the index of credential files), or undefined. */
function heldUnder(dir: string, facts: Facts): CredentialFileInfo | undefined {
  const direct = infoFor(dir, facts);
  if (direct) return direct;
  return facts.credentials?.filesUnder(dir)[0];
}

function checkMountedReads(inv: Invocation, facts: Facts): Finding[] {
  const cwd = inv.cwd || facts.cwd;
  const mounts = bindMounts(inv, cwd, facts);
  if (mounts.length === 0) return [];
  const skip = new Set(mounts.flatMap((m) => [m.word, m.word + 1]));
  const walks = WALKS.test(inv.args.filter((_a, i) => !skip.has(i)).map((a) => a.text).join(' '));
  for (let i = 0; i < inv.args.length; i++) {
    if (skip.has(i)) continue;
    const text = inv.args[i]?.text ?? '';
    for (const m of mounts) {
      const prefix = m.inside === '' ? '/' : m.inside + '/';
      for (const hit of text.matchAll(/(?:^|[\s'"=<])(\/[^\s'";|&<>]*)/g)) {
        const p = (hit[1] as string).replace(/\/+$/, '');
        const how = `${inv.name} run (through ${p || '/'}, a bind mount of ${m.host})`;
        // The mount point itself, or a folder in it, given to a program that walks or copies folders.
        if (walks && (p === m.inside || (p + '/').startsWith(prefix))) {
          const held = heldUnder(`${m.host}${p.slice(m.inside.length)}`, facts);
          if (held) return [{ ...readFinding('reaches', held, how), rule: 'credentials.read' }];
        }
        if (!p.startsWith(prefix)) continue;
        const rest = p.slice(prefix.length);
        // `cat /w/.env*`: the glob is expanded over the host folder the mount shows.
        const paths = hasGlobChars(rest) ? pathsOfWord({ text: `${m.host}/${rest}`, raw: `${m.host}/${rest}`, dynamic: false, glob: true } as ArgWord, cwd, facts) : [`${m.host}/${rest}`];
        for (const hp of paths) {
          const info = infoFor(hp, facts);
          if (info) return [{ ...readFinding('reads', info, how), rule: 'credentials.read' }];
        }
      }
    }
  }
  return [];
}

function checkCopiesIn(inv: Invocation, facts: Facts): Finding[] {
  const words = inv.args.filter((a) => !a.text.startsWith('-')).map((a) => a.text);
  const at = words[0] === 'cp' ? 1 : words[0] === 'container' && words[1] === 'cp' ? 2 : -1;
  if (at < 0) return [];
  const [src, dest] = words.slice(at);
  if (!src || !dest || !/^[\w.-]+:/.test(dest) || /^[\w.-]+:/.test(src)) return [];
  const p = hostPath(src, inv.cwd || facts.cwd, facts);
  const info = p ? infoFor(p, facts) : undefined;
  return info ? [{ ...readFinding('copies', info, `${inv.name} cp (into container ${dest.slice(0, dest.indexOf(':'))})`), rule: 'credentials.read' }] : [];
}

export function checkContainerCredentials(inv: Invocation, ctx: RuleContext): Finding[] {
  if (!ENGINES.has(inv.name)) return [];
  const first = inv.args.find((a) => !a.text.startsWith('-'))?.text;
  if (first === 'run' || first === 'create' || (first === 'container' && inv.args.some((a) => a.text === 'run'))) return checkMountedReads(inv, ctx.facts);
  return checkCopiesIn(inv, ctx.facts);
}
