import type { Finding, Invocation, RuleContext } from '../../policy/types';
import { isLocalValue } from '../../policy/production';
import { freeFormReadings } from '../../registry/freeForm';

/**
 * Build tools' goals and tasks that publish artifacts to a remote repository (team decision, stop 30:
 * like `npm publish`, a version published cannot be replaced, and a public repository serves it to
 * everyone): Maven's `deploy` (and `deploy:deploy-file`, `release:perform`, the Central and Nexus
 * staging plugins), Gradle's `publish` and `publish…To…Repository` tasks (not `publishToMavenLocal`),
 * `publishPlugins`, `uploadArchives`, sbt's `publish`/`publishSigned`/`sonatypeBundleRelease`, and
 * Leiningen's `deploy`. Read by the publishing pack beside the registry entries' `registryAct`.
 */

const GOALS: Readonly<Record<string, RegExp>> = {
  mvn: /^(deploy|deploy:deploy|deploy:deploy-file|release:perform|nexus-staging:deploy|nexus-staging:release|central-publishing:publish|gpg:sign-and-deploy-file)$/,
  gradle: /^:?([\w-]+:)*(publish|publish\w*To(?!MavenLocal\b)\w*Repository|publishAllPublicationsTo\w+|publishPlugins|uploadArchives|artifactoryPublish|bintrayUpload|publishToSonatype|closeAndReleaseSonatypeStagingRepository|closeAndReleaseStagingRepositories|publishAndReleaseToMavenCentral|publishToMavenCentral)$/,
  sbt: /^\+?(publish|publishSigned|sonatypeBundleRelease|sonatypeRelease|release)$/,
  lein: /^deploy$/,
};
const ALIASES: Readonly<Record<string, string>> = { mvnw: 'mvn', 'mvnw.cmd': 'mvn', gradlew: 'gradle', 'gradlew.bat': 'gradle' };

/** Words right after these name a profile, a module or a file, not a goal (`mvn -P deploy package`). */
const VALUE_BEFORE = /^(-P|-pl|-f|-s|-gs|-rf|-T|-b|-c|-p|--projects|--file|--settings|--activate-profiles|--build-file|--project-dir)$/;

/** Properties that keep the goal from uploading, or point it at a folder on this machine. */
const SKIPPED = /^-D(maven\.deploy\.skip|skipDeploy|skipPublishing)(=true)?$/;
const LOCAL_TARGET = /^-D(altDeploymentRepository|altReleaseDeploymentRepository|altSnapshotDeploymentRepository)=.*::(file:|\.{0,2}\/)/;

export function buildToolPublish(inv: Invocation, ctx: RuleContext): Finding[] {
  const tool = ALIASES[inv.name] ?? inv.name;
  const goals = GOALS[tool];
  if (goals === undefined) return [];
  const words = inv.args.map((a) => a.text);
  if (words.some((w) => SKIPPED.test(w) || LOCAL_TARGET.test(w) || /^(--dry-run|-m|--help|-h|--version|-v)$/.test(w))) return [];
  // Goals are the operands of the free-form reading where every option is a switch; a profile or module named after `-P`/`-pl` is not one.
  const { usual } = freeFormReadings(inv.args);
  const goal = usual.operands.find((w, k) => !VALUE_BEFORE.test(words[usual.operandIndexes[k]! - 1] ?? '') && goals.test(w.text))?.text;
  if (goal === undefined) return [];
  const repository = words.map((w) => /^-D(?:url|repositoryUrl|altDeploymentRepository)=(?:[\w-]+::)?(?:default::)?(.+)$/.exec(w)?.[1]).find((v) => v !== undefined);
  if (repository !== undefined && isLocalValue(repository)) return [];
  const env = ctx.environmentOf({ values: repository !== undefined ? [repository] : [], remote: true });
  return [{
    rule: 'publishing.build-tool-publish',
    risk: 'destructive',
    severity: 'ask',
    reason: `\`${inv.name} ${goal}\` publishes the project's artifacts to ${repository ?? 'the repository its build names'}, which cannot be replaced under the same version; a repository does not take this back.`,
    targets: [{ kind: 'resource', name: 'the artifacts of this project', provider: repository ?? 'artifact repository', remote: true, environment: env.environment, environmentReason: env.reason }],
  }];
}

export const BUILD_PUBLISHERS: ReadonlySet<string> = new Set([...Object.keys(GOALS), ...Object.keys(ALIASES)]);

/**
 * Other commands that publish or deploy by their own words (red team round 14; the team decision of stop 30:
 * publishing or deploying to any remote asks): ko and Jib push the images they build, `mix hex.publish`, snapcraft's
 * upload and release, Cloud Foundry's `cf push` replaces what serves. Words that keep it local or dry leave it alone.
 * Not registry entries with a `registryAct`: a tool the registry describes in part leaves the verb floor for its other
 * subcommands (as an entry, `cf delete acme-api` was allowed). Kamal is described, so its deploy is a rule of its entry.
 */
const PUBLISHES: Readonly<Record<string, { path: RegExp; unless?: RegExp; what: string }>> = {
  ko: { path: /^(build|publish|resolve|apply|create|run)$/, unless: /^(-L|--local|--push=false|--dry-run)$/, what: 'pushes the images it builds to the registry KO_DOCKER_REPO names' },
  jib: { path: /^build$/, unless: /^--target=(docker|tar):/, what: 'pushes the image it builds to a registry' },
  mix: { path: /^hex\.publish$/, unless: /^(--dry-run)$/, what: 'publishes the package to Hex, where a version cannot be replaced after an hour' },
  snapcraft: { path: /^(upload|push|release|publish)$/, what: 'uploads or releases the snap to the Snap Store' },
  cf: { path: /^(push|p)$/, what: 'deploys the app to Cloud Foundry, replacing what serves there' },
};

export const OTHER_PUBLISHERS: ReadonlySet<string> = new Set(Object.keys(PUBLISHES));

export function otherPublish(inv: Invocation, ctx: RuleContext): Finding[] {
  const rule = Object.hasOwn(PUBLISHES, inv.name) ? PUBLISHES[inv.name] : undefined;
  if (!rule) return [];
  const words = inv.args.map((a) => a.text);
  if (words.some((w) => (rule.unless?.test(w) ?? false) || /^(--help|-h)$/.test(w))) return [];
  const { usual } = freeFormReadings(inv.args);
  const operands = usual.operands.map((w) => w.text);
  const path = operands[0] ?? '';
  if (!rule.path.test(path)) return [];
  const env = ctx.environmentOf({ values: operands.slice(1, 4), remote: true });
  return [{
    rule: 'publishing.publish-or-deploy',
    risk: 'destructive',
    severity: 'ask',
    reason: `\`${inv.name} ${path}\` ${rule.what}; the registry or the servers do not take this back.`,
    targets: [{ kind: 'resource', name: `what ${inv.name} ${path} publishes`, provider: inv.name, remote: true, environment: env.environment, environmentReason: env.reason }],
  }];
}
