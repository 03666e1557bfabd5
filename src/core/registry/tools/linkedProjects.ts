import { ownTable } from '../../ownTable';
import { dirname, isWithin, resolvePath } from '../../paths';
import type { Invocation, RuleContext } from '../../policy/types';
import type { HintSource } from '../types';

/**
 * Where PaaS CLIs find their linked project on disk when the command names none: fly.toml,
 * Railway's per-folder link, Supabase's project ref. Only names and ids are taken from them.
 */

function readJson(ctx: RuleContext, path: string): unknown {
  const text = ctx.facts.readFile(path);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The Railway CLI keeps the link between a folder and a project/environment in ~/.railway/config.json,
 * keyed by folder. Only names and ids are taken from it; the file also holds the user's token.
 */
const LINK_LABELS: Readonly<Record<string, string>> = ownTable({
  environmentName: 'environment', environment: 'environment id', name: 'project', project: 'project id', service: 'service id',
});

export function railwayLinkHints(inv: Invocation, ctx: RuleContext): HintSource[] {
  const config = readJson(ctx, resolvePath(ctx.facts.home, '.railway/config.json', ctx.facts.home));
  if (!isRecord(config) || !isRecord(config.projects)) return [];
  const cwd = resolvePath(ctx.facts.cwd, inv.cwd, ctx.facts.home);
  let best: Record<string, unknown> | undefined;
  let bestLength = -1;
  for (const [folder, link] of Object.entries(config.projects)) {
    if (!isRecord(link) || !folder.startsWith('/') || !isWithin(folder, cwd)) continue;
    if (folder.length > bestLength) {
      best = link;
      bestLength = folder.length;
    }
  }
  if (!best) return [];
  const out: HintSource[] = [];
  for (const key of ['environmentName', 'environment', 'name', 'project', 'service']) {
    const v = best[key];
    if (typeof v === 'string' && v.length > 0 && v.length < 200) out.push({ source: `linked Railway ${LINK_LABELS[key] ?? key}`, value: v });
  }
  return out;
}

/** fly.toml's `app = "name"` in the working directory or a parent, which flyctl uses when -a is absent. */
export function flyAppHints(inv: Invocation, ctx: RuleContext): HintSource[] {
  let dir = resolvePath(ctx.facts.cwd, inv.cwd, ctx.facts.home);
  for (let depth = 0; depth < 8; depth++) {
    const text = ctx.facts.readFile(dir === '/' ? '/fly.toml' : dir + '/fly.toml');
    if (text !== undefined) {
      const m = /^\s*app\s*=\s*["']([^"']+)["']/m.exec(text);
      return m?.[1] ? [{ source: 'fly.toml app', value: m[1] }] : [];
    }
    if (dir === '/') break;
    dir = dirname(dir);
  }
  return [];
}

/** `supabase link` writes the project ref to supabase/.temp/project-ref. */
export function supabaseLinkHints(inv: Invocation, ctx: RuleContext): HintSource[] {
  const cwd = resolvePath(ctx.facts.cwd, inv.cwd, ctx.facts.home);
  const ref = ctx.facts.readFile(cwd + '/supabase/.temp/project-ref')?.trim();
  return ref && /^[a-z0-9-]{1,64}$/i.test(ref) ? [{ source: 'linked Supabase project', value: ref }] : [];
}
