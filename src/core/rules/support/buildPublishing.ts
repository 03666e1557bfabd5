import type { Finding, Invocation, RuleContext } from '../../policy/types';
import { isLocalValue } from '../../policy/production';
import { freeFormReadings } from '../../registry/freeForm';
import { parseCommand, type GrammarSpec, type ParsedCommand } from '../../registry/grammar';

/**
 * Build tools' goals and tasks that publish artifacts to a remote repository (team decision, stop 30:
 * like `npm publish`, a version published cannot be replaced, and a public repository serves it to
 * everyone): Maven's `deploy` (and `deploy:deploy-file`, `release:perform`, the Central and Nexus
 * staging plugins), Gradle's `publish` and `publish…To…Repository` tasks (not `publishToMavenLocal`),
 * `publishPlugins`, `uploadArchives`, sbt's `publish`/`publishSigned`/`sonatypeBundleRelease`, and
 * Leiningen's `deploy`. Read by the publishing pack beside the registry entries' `registryAct`.
 */

const GOALS: Readonly<Record<string, RegExp>> = {
  mvn: /^(deploy|deploy:deploy|deploy:deploy-file|release:perform|nexus-staging:deploy|nexus-staging:release|central-publishing:publish|gpg:sign-and-deploy-file|jib:build|com\.google\.cloud\.tools:jib-maven-plugin(:[\w.-]+)?:build)$/,
  gradle: /^:?([\w-]+:)*(jib|publish|publish\w*To(?!MavenLocal\b)\w*Repository|publishAllPublicationsTo\w+|publishPlugins|uploadArchives|artifactoryPublish|bintrayUpload|publishToSonatype|closeAndReleaseSonatypeStagingRepository|closeAndReleaseStagingRepositories|publishAndReleaseToMavenCentral|publishToMavenCentral)$/,
  sbt: /^\+?(publish|publishSigned|sonatypeBundleRelease|sonatypeRelease|release)$/,
  lein: /^deploy$/,
};
const ALIASES: Readonly<Record<string, string>> = { mvnw: 'mvn', 'mvnw.cmd': 'mvn', gradlew: 'gradle', 'gradlew.bat': 'gradle' };

/** Words right after these name a profile, a module or a file, not a goal (`mvn -P deploy package`). */
const VALUE_BEFORE = /^(-P|-pl|-f|-s|-gs|-rf|-T|-b|-c|-p|--projects|--file|--settings|--activate-profiles|--build-file|--project-dir)$/;

/** Properties that keep the goal from uploading, or point it at a folder on this machine. */
const SKIPPED = /^-D(maven\.deploy\.skip|skipDeploy|skipPublishing|jib\.skip)(=true)?$/;
/**
 * Jib's goals and tasks (stop 32): `jib:build` (any spelling of the plugin's coordinates) and Gradle's `jib` push the
 * image to the registry `jib.to.image` names; `jib:dockerBuild`/`jibDockerBuild` and `jib:buildTar`/`jibBuildTar`
 * build on this machine and are not goals here.
 */
const IMAGE_GOAL = /(^|:)jib(-maven-plugin(:[\w.-]+)?:build|:build)?$/;
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
  const image = IMAGE_GOAL.test(goal);
  const repository = words.map((w) => (image ? /^-D(?:jib\.to\.image|image)=(.+)$/ : /^-D(?:url|repositoryUrl|altDeploymentRepository)=(?:[\w-]+::)?(?:default::)?(.+)$/).exec(w)?.[1]).find((v) => v !== undefined);
  if (repository !== undefined && isLocalValue(repository)) return [];
  const env = ctx.environmentOf({ values: repository !== undefined ? [repository] : [], remote: true });
  return [{
    rule: 'publishing.build-tool-publish',
    risk: 'destructive',
    severity: 'ask',
    reason: image
      ? `\`${inv.name} ${goal}\` pushes the image Jib builds to ${repository ?? 'the registry its build names (jib.to.image)'}, replacing the tag every host that pulls it runs next; a registry does not take this back.`
      : `\`${inv.name} ${goal}\` publishes the project's artifacts to ${repository ?? 'the repository its build names'}, which cannot be replaced under the same version; a repository does not take this back.`,
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
 * Round 15 (stop 32): Jib's `jar`/`war` commands, `pack build --publish`, `depot build --push`, Mix deploy tasks (`mix deploy`,
 * `mix gigalixir.deploy`) and tasks chained by `mix do`, snapcraft's `close`/`promote` (which build users get), Deno's
 * JSR `publish`, `cabal upload --publish` (without it Hackage keeps a candidate nobody installs), `stack upload`, `anaconda
 * upload`, `rattler-build upload`, NuGet's `nuget push`, `jreleaser full-release`, Bundler's `rake release`,
 * Cloud Foundry's other pushes and restarts (`cf7`/`cf8`, `v3-push`, `restage`) and `cf curl` with a method that writes.
 */
interface Publisher {
  /** The command word (the first operand) that publishes or deploys. */
  path: RegExp;
  /** A word that keeps it local, dry or a help page. */
  unless?: RegExp;
  /** A word without which the command stays on this machine (`pack build` only pushes with `--publish`). */
  requires?: RegExp;
  /** Options before the command word that take the next word as their value (`anaconda -t TOKEN upload`). */
  valued?: readonly string[];
  /** Beyond the command word: whether the command read with `valued` publishes (`cf curl PATH -X POST`). */
  when?: (parsed: ParsedCommand) => boolean;
  what: string | ((path: string) => string);
}

/** `cf curl PATH -X METHOD` or with a body (`-d`, curl's POST): a raw Cloud Foundry API call that writes. */
const cfCurlWrites = (parsed: ParsedCommand): boolean =>
  parsed.operands[0]?.text !== 'curl' || parsed.options.some((o) => o.name === '-d' || (o.name === '-X' && !/^(GET|HEAD)$/i.test(o.values[0] ?? '')));

const CF: Publisher = {
  path: /^(push|p|v3-push|v3-zdt-push|restage|rg|restart|rs|rollback|curl)$/,
  valued: ['-X', '-d', '-H'],
  when: cfCurlWrites,
  what: 'deploys, restarts or changes the app on Cloud Foundry, replacing what serves there',
};

const PUBLISHES: Readonly<Record<string, Publisher>> = {
  ko: { path: /^(build|publish|resolve|apply|create|run)$/, unless: /^(-L|--local|--push=false|--dry-run)$/, what: 'pushes the images it builds to the registry KO_DOCKER_REPO names' },
  jib: { path: /^(build|jar|war)$/, unless: /^(--target=)?(docker|tar):\/\//, what: 'pushes the image it builds to a registry' },
  pack: { path: /^build$/, requires: /^--publish(=true)?$/, what: 'pushes the image it builds to the registry its name points at (--publish)' },
  depot: { path: /^(build|bake)$/, requires: /^--push(=true)?$/, what: 'pushes the image Depot builds to the registry its tag names (--push)' },
  mix: {
    path: /^(hex\.publish|deploy|[\w-]+\.deploy)$/,
    unless: /^(--dry-run)$/,
    what: (path) => (path === 'hex.publish' ? 'publishes the package to Hex, where a version cannot be replaced after an hour' : 'runs a deploy task: the release replaces what serves'),
  },
  snapcraft: { path: /^(upload|push|release|publish|close|promote)$/, what: 'uploads or releases the snap to the Snap Store, or changes which build its users get' },
  deno: { path: /^publish$/, unless: /^--dry-run$/, what: 'publishes the package to JSR, where a version cannot be replaced' },
  cabal: { path: /^upload$/, requires: /^--publish$/, what: 'publishes the package to Hackage, where a version cannot be replaced' },
  anaconda: { path: /^upload$/, valued: ['-t', '--token', '-s', '--site'], what: 'uploads the package to anaconda.org, where its channel serves it' },
  // NuGet's own CLI (options any case): a push to a feed that is not a folder here.
  nuget: { path: /^push$/i, valued: ['-Source', '-source', '-src', '-ApiKey', '-apikey', '-k'], when: (p) => !p.options.some((o) => /^-(source|src)$/i.test(o.name) && /^([./~]|[A-Za-z]:\\)/.test(o.values[0] ?? '')), what: 'pushes the package to the NuGet feed, where a version cannot be replaced' },
  stack: { path: /^upload$/, unless: /^--candidate$/, what: 'publishes the package to Hackage, where a version cannot be replaced' },
  'rattler-build': { path: /^upload$/, what: 'uploads the package to a conda channel' },
  jreleaser: { path: /^(full-release|deploy|publish|upload)$/, unless: /^(--dry-run|-dr)$/, what: 'deploys the artifacts to their repositories (Maven Central, registries) and releases them' },
  // Bundler's gem tasks: `rake release` tags, builds and pushes the gem to rubygems.org.
  rake: { path: /^release(\[[^\]]*\])?$|^release:rubygem_push$/, what: 'pushes the gem to rubygems.org (Bundler\'s release task), where a version cannot be replaced' },
  cf: CF,
  cf7: CF,
  cf8: CF,
};

export const OTHER_PUBLISHERS: ReadonlySet<string> = new Set(Object.keys(PUBLISHES));

/** `mix do compile, hex.publish --yes` (commas, or `+` since Elixir 1.14): each task of the chain and its own words. */
function mixTasks(operands: readonly string[]): string[] {
  if (operands[0] !== 'do') return [operands[0] ?? ''];
  return operands.slice(1).join(' ').split(/,|\s\+\s/).map((task) => task.trim().split(/\s+/)[0] ?? '').filter((t) => t !== '');
}

export function otherPublish(inv: Invocation, ctx: RuleContext): Finding[] {
  const rule = Object.hasOwn(PUBLISHES, inv.name) ? PUBLISHES[inv.name] : undefined;
  if (!rule) return [];
  const words = inv.args.map((a) => a.text);
  if (words.some((w) => (rule.unless?.test(w) ?? false) || /^(--help|-h)$/.test(w))) return [];
  if (rule.requires && !words.some((w) => rule.requires!.test(w))) return [];
  const spec: GrammarSpec = { unknownLong: 'switch', unknownShort: 'switch', options: (rule.valued ?? []).map((name) => ({ names: [name], takes: 'one' as const })) };
  const parsed = parseCommand(inv.args, spec);
  const operands = parsed.operands.map((w) => w.text);
  const path = (inv.name === 'mix' ? mixTasks(operands) : [operands[0] ?? '']).find((p) => rule.path.test(p));
  if (path === undefined || !(rule.when?.(parsed) ?? true)) return [];
  // Names of apps, channels or images may say the environment; a path (`cf curl /v3/…`, `./app.snap`) is no target.
  const env = ctx.environmentOf({ values: operands.slice(1, 4).filter((v) => !/^[./~]/.test(v)), remote: true });
  return [{
    rule: 'publishing.publish-or-deploy',
    risk: 'destructive',
    severity: 'ask',
    reason: `\`${inv.name} ${path}\` ${typeof rule.what === 'string' ? rule.what : rule.what(path)}; the registry or the servers do not take this back.`,
    targets: [{ kind: 'resource', name: `what ${inv.name} ${path} publishes`, provider: inv.name, remote: true, environment: env.environment, environmentReason: env.reason }],
  }];
}
