/**
 * Upload endpoints of package and artifact registries (stop 32, red team round 14: `curl --upload-file app.jar
 * https://nexus…/repository/releases/app.jar`, `curl -X PUT --data-binary @pkg.json https://registry.npmjs.org/pkg`,
 * `curl --data-binary @chart.tgz https://charts…/api/charts`). A request that sends a file there publishes a version,
 * as `npm publish` or `mvn deploy` would (the team decision of stop 30: publishing to any remote asks). Paths and
 * hosts are from each registry's upload documentation; a URL that only reads (no file sent) is not asked about here.
 */

interface Endpoint {
  /** Matched against `host/path` (no scheme, no query). */
  pattern: RegExp;
  what: string;
}

const ENDPOINTS: readonly Endpoint[] = [
  { pattern: /^[^/]+\/(?:nexus\/)?repository\/[^/]+\/./i, what: 'a Nexus repository' },
  { pattern: /^[^/]+\/(?:nexus\/)?service\/rest\/v1\/components\b/i, what: 'a Nexus repository' },
  { pattern: /^[^/]+\/artifactory\/(?!api\/(?:search|storage|system)\b)[^/]+\/./i, what: 'an Artifactory repository' },
  { pattern: /^(?:registry\.npmjs\.org|registry\.yarnpkg\.com|npm\.pkg\.github\.com)\/[@\w]/i, what: 'the npm registry' },
  { pattern: /^(?:upload\.pypi\.org|test\.pypi\.org)\/legacy\b/i, what: 'the Python package index' },
  { pattern: /^[^/]+\/(?:api\/charts|api\/chartrepo\/[^/]+\/charts)\b/i, what: 'a Helm chart repository' },
  { pattern: /^(?:central\.sonatype\.com\/api\/v1\/publisher\/upload|(?:s01\.)?oss\.sonatype\.org\/service\/local\/staging\/deploy)\b/i, what: 'Maven Central' },
  { pattern: /^[^/]+\/api\/v2\/package\/?$/i, what: 'a NuGet feed' },
  { pattern: /^[^/]+\/api\/v4\/projects\/[^/]+\/packages\//i, what: 'a GitLab package registry' },
  { pattern: /^[^/]+\/api\/packages\/[^/]+\/./i, what: 'a Gitea or Forgejo package registry' },
  { pattern: /^crates\.io\/api\/v1\/crates\/new\b/i, what: 'crates.io' },
  { pattern: /^rubygems\.org\/api\/v1\/gems\/?$/i, what: 'RubyGems' },
  { pattern: /^[^/]+\/v2\/.+\/(?:manifests\/[^/]+|blobs\/uploads\/?)$/i, what: 'a container registry' },
  { pattern: /^upload\.cloudsmith\.io\//i, what: 'Cloudsmith' },
];

/** The registry a URL's upload publishes to, or undefined. */
export function publishEndpoint(url: string): string | undefined {
  const bare = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^[^@/]*@/, '').replace(/[?#].*$/, '').replace(/:\d+(?=\/|$)/, '');
  return ENDPOINTS.find((e) => e.pattern.test(bare))?.what;
}

/** Test indexes: still remote, but not where people install from. */
export const TEST_INDEX = /^test\.pypi\.org$/i;
