import type { Finding, Invocation, RuleContext, RulePack } from '../policy/types';
import { toolNamed, toolNamesOf } from '../registry/commandModel';
import { checkCli } from './support/cliCommands';

/**
 * PaaS and developer-platform CLIs: railway, fly, heroku, vercel, netlify, supabase, neon, pscale,
 * render, gh, doppler, firebase, wrangler (described in `src/core/registry/tools/`). Destroying an
 * app, volume, database, branch, environment or secret asks; read-only commands that name a
 * production environment or app are allowed and marked production. Where the CLI itself reads a
 * linked project from disk (Railway's config, fly.toml, Supabase's project ref), that link is an
 * environment hint too.
 */

export const paasPack: RulePack = {
  id: 'paas',
  title: 'PaaS and developer-platform CLIs (Railway, Fly.io, Heroku, Vercel, Netlify, Supabase, Neon, PlanetScale, Render, GitHub, Doppler, Firebase, Cloudflare)',
  commands: toolNamesOf('paas'),
  checkInvocation(inv: Invocation, ctx: RuleContext): Finding[] {
    const spec = toolNamed(inv.name);
    return spec?.family === 'paas' ? checkCli('paas', spec, inv, ctx) : [];
  },
};
