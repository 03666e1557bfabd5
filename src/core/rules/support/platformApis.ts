/**
 * Hosting platforms' REST APIs that take an app out of service, roll it back, restore over its data or
 * hand it away without a DELETE (issue #18, round 8): Heroku formation scaled to zero, maintenance on,
 * rollbacks and app transfers; Render suspends, scale to zero and rollbacks; DigitalOcean droplet power
 * and rebuild actions; Neon branch restores and default switches; Fly machines stopped; Vercel and
 * Netlify rollbacks. The phrase names the act and what is lost; a read (GET) is never one.
 */

interface Act {
  host: RegExp;
  methods: RegExp;
  path: RegExp;
  /** The act applies only when the body says so (`"quantity": 0`); absent: always. */
  body?: RegExp;
  does: string;
}

const ZERO_QUANTITY = /"?quantity"?\s*[:=]\s*"?0+\b/;
const DOWN = 'every request it serves fails until it is started again';

const ACTS: readonly Act[] = [
  // Heroku Platform API (devcenter.heroku.com/articles/platform-api-reference).
  { host: /^api\.heroku\.com$/, methods: /^(PATCH|POST|PUT)$/, path: /^\/apps\/[^/]+\/formation(\/[^/]+)?$/, body: ZERO_QUANTITY, does: `a scale to zero dynos (${DOWN})` },
  { host: /^api\.heroku\.com$/, methods: /^PATCH$/, path: /^\/apps\/[^/]+$/, body: /"?maintenance"?\s*[:=]\s*true/, does: 'maintenance mode on (the app stops serving its visitors)' },
  { host: /^api\.heroku\.com$/, methods: /^POST$/, path: /^\/apps\/[^/]+\/releases$/, body: /"?release"?\s*[:=]/, does: 'a rollback to an older release (an older build and its config serve the users at once)' },
  { host: /^api\.heroku\.com$/, methods: /^(POST|PATCH)$/, path: /^\/(account\/app-transfers|teams\/app-transfers|apps\/[^/]+\/app-transfers)(\/[^/]+)?$/, does: 'an app transfer to another owner (that owner decides who keeps access)' },
  { host: /^api\.heroku\.com$/, methods: /^(PUT|PATCH)$/, path: /^\/apps\/[^/]+\/buildpack-installations$/, body: /"?updates"?\s*[:=]\s*\[\s*\]/, does: 'every buildpack cleared (the next deploy has nothing to build with)' },
  // Render (api-docs.render.com).
  { host: /^api\.render\.com$/, methods: /^POST$/, path: /^\/v1\/services\/[^/]+\/suspend$/, does: `a suspension of the service (${DOWN})` },
  { host: /^api\.render\.com$/, methods: /^POST$/, path: /^\/v1\/services\/[^/]+\/scale$/, body: /"?numInstances"?\s*[:=]\s*0+\b/, does: `a scale to zero instances (${DOWN})` },
  { host: /^api\.render\.com$/, methods: /^POST$/, path: /^\/v1\/services\/[^/]+\/rollback$/, does: 'a rollback to an older deploy (it serves the users at once)' },
  { host: /^api\.render\.com$/, methods: /^POST$/, path: /^\/v1\/(postgres|redis|key-value)\/[^/]+\/(suspend|recover|restore)$/, does: 'a database suspended or restored over (what it serves stops, or later writes are lost)' },
  // DigitalOcean (docs.digitalocean.com/reference/api).
  { host: /^api\.digitalocean\.com$/, methods: /^POST$/, path: /^\/v2\/droplets\/[^/]+\/actions$/, body: /"?type"?\s*[:=]\s*"?(power_off|shutdown|rebuild|restore|disable_backups|password_reset|resize)\b/, does: 'a droplet action that takes it down, rebuilds or restores over its disk, or turns its backups off' },
  { host: /^api\.digitalocean\.com$/, methods: /^POST$/, path: /^\/v2\/droplets\/actions$/, body: /"?type"?\s*[:=]\s*"?(power_off|shutdown|disable_backups)\b/, does: 'a power-off or backups-off of every droplet with the tag' },
  { host: /^api\.digitalocean\.com$/, methods: /^POST$/, path: /^\/v2\/apps\/[^/]+\/rollback$/, does: 'a rollback of the app (an older deployment serves the users at once)' },
  // Neon (api-docs.neon.tech).
  { host: /^console\.neon\.tech$/, methods: /^POST$/, path: /^\/api\/v2\/projects\/[^/]+\/branches\/[^/]+\/restore$/, does: 'a restore over the branch (every write since the restore point is lost)' },
  { host: /^console\.neon\.tech$/, methods: /^POST$/, path: /^\/api\/v2\/projects\/[^/]+\/branches\/[^/]+\/set_as_default$/, does: 'another branch made the default (applications on the default connection see its data instead of the live one)' },
  { host: /^console\.neon\.tech$/, methods: /^POST$/, path: /^\/api\/v2\/projects\/[^/]+\/endpoints\/[^/]+\/(suspend|restart)$/, does: `a compute endpoint suspended or restarted (${DOWN})` },
  // Fly Machines API (fly.io/docs/machines/api).
  { host: /^api\.machines\.dev$|^_api\.internal$/, methods: /^POST$/, path: /^\/v1\/apps\/[^/]+\/machines\/[^/]+\/(stop|suspend|cordon)$/, does: `a machine stopped (${DOWN})` },
  // Vercel and Netlify rollbacks.
  { host: /^api\.vercel\.com$/, methods: /^POST$/, path: /^\/v\d+\/projects\/[^/]+\/(rollback|promote)\/[^/]+$/, does: 'production re-pointed at another deployment (every visitor sees that build at once)' },
  { host: /^api\.netlify\.com$/, methods: /^POST$/, path: /^\/api\/v1\/sites\/[^/]+\/deploys\/[^/]+\/restore$|^\/api\/v1\/sites\/[^/]+\/rollback$/, does: 'a rollback of the live site (every visitor sees that deploy at once)' },
  // Stop 33 (red team round 18): deploys started over HTTP — deploy hooks (a secret URL whose POST builds and publishes the
  // site), Heroku builds, Render, Vercel and Netlify deploys, DigitalOcean app deployments. What serves the users is replaced.
  { host: /^api\.netlify\.com$/, methods: /^POST$/, path: /^\/build_hooks\/[^/]+$|^\/api\/v1\/sites\/[^/]+\/(builds|deploys)$/, does: 'a deploy of the site (the build it starts is published to every visitor)' },
  { host: /^api\.render\.com$/, methods: /^(POST|GET)$/, path: /^\/deploy\/srv-[^/]+$/, does: 'a deploy hook fired (the service is rebuilt and its new deploy serves the users)' },
  { host: /^api\.render\.com$/, methods: /^POST$/, path: /^\/v1\/services\/[^/]+\/deploys$/, does: 'a deploy of the service (its new deploy serves the users)' },
  { host: /^api\.heroku\.com$/, methods: /^POST$/, path: /^\/apps\/[^/]+\/(builds|slugs\/[^/]+\/releases|pipeline-promotions)$|^\/pipeline-promotions$/, does: 'a build or promotion released to the app (it serves the users once built)' },
  { host: /^api\.vercel\.com$/, methods: /^POST$/, path: /^\/v1\/integrations\/deploy\/[^/]+(\/[^/]+)?$/, does: 'a deploy hook fired (the project is rebuilt and deployed from its branch, the production one unless the hook names another)' },
  { host: /^api\.digitalocean\.com$/, methods: /^POST$/, path: /^\/v2\/apps\/[^/]+\/deployments$/, does: 'a deployment of the app (its new build serves the users)' },
];

/** What a request to a hosting platform's API takes out of service, if the API, method, path and body are one listed here. */
export function platformAct(method: string, host: string, path: string, bodies: readonly string[]): string | undefined {
  const m = method.toUpperCase();
  const p = path.replace(/\/+$/, '');
  const h = host.toLowerCase();
  return ACTS.find((a) => a.host.test(h) && a.methods.test(m) && a.path.test(p) && (a.body === undefined || bodies.some((b) => a.body!.test(b))))?.does;
}
