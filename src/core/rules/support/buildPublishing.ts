import type { Finding, Invocation, RuleContext } from '../../policy/types';
import { environmentOfName, isLocalValue } from '../../policy/production';
import { freeFormReadings } from '../../registry/freeForm';
import { commandWords, parseCommand, type GrammarSpec, type ParsedCommand } from '../../registry/grammar';
import { optionGrammarOf } from '../../policy/readerGrammars';
import { imageRegistry } from '../../registry/tools/docker';
import { interpreterReading } from '../../policy/handlers/interpreters';
import { websiteBucket } from './servingPlaces';

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
  /** The command word (the first operand) that publishes or deploys; absent when the program's whole job is to (`gh-pages`, kaniko's executor). */
  path?: RegExp;
  /** How many command words `path` reads, joined by a space (`appcenter codepush release-react`: 2); one unless said. */
  words?: number;
  /** The values that say where it goes (an image reference, a deployment name), in place of the operands after the command words. */
  target?: (parsed: ParsedCommand) => readonly string[];
  /** A word that keeps it local, dry or a help page. */
  unless?: RegExp;
  /** A word without which the command stays on this machine (`pack build` only pushes with `--publish`). */
  requires?: RegExp;
  /** Options before the command word that take the next word as their value (`anaconda -t TOKEN upload`). */
  /** Beyond the command word: whether the command, read by the program's grammar, publishes (`cf curl PATH -X POST`). */
  when?: (parsed: ParsedCommand) => boolean;
  what: string | ((path: string) => string);
  /** Asks only when the target is production (named so, or not named as anything else): a sync of what Git holds (`flux reconcile ks staging`) stays allowed. */
  productionOnly?: boolean;
}

/** `cf curl PATH -X METHOD` or with a body (`-d`, curl's POST): a raw Cloud Foundry API call that writes. */
const cfCurlWrites = (parsed: ParsedCommand): boolean =>
  parsed.operands[0]?.text !== 'curl' || parsed.options.some((o) => o.name === '-d' || (o.name === '-X' && !/^(GET|HEAD)$/i.test(o.values[0] ?? '')));

const CF: Publisher = {
  path: /^(push|p|v3-push|v3-zdt-push|restage|rg|restart|rs|rollback|curl)$/,
  when: cfCurlWrites,
  what: 'deploys, restarts or changes the app on Cloud Foundry, replacing what serves there',
};

/** The values of the options named, in order (`--destination a --destination b`). */
const valuesOf = (parsed: ParsedCommand, ...names: string[]): string[] => parsed.options.filter((o) => names.includes(o.name)).flatMap((o) => o.values);

/**
 * Stop 33 (red team round 16): app stores and over-the-air updates (fastlane's upload actions and release lanes, EAS
 * submit/update, App Center's CodePush releases and distributions), model hubs (`huggingface-cli upload`, `ollama push`,
 * `cog push`), static hosts (surge, gh-pages) and image builders that push as they build (kaniko's executor with a
 * `--destination`). What reaches users there is not taken back; their local steps (a build, a list, `--no-push`) stay allowed.
 */
const FASTLANE_STORE = /^(deliver|pilot|supply|upload_to_app_store|upload_to_play_store|upload_to_testflight|appstore|testflight|app_store_connect|submit_for_review|upload_to_play_store_internal_app_sharing)$/;
/** A lane whose name says it ships (`fastlane ios release`, `fastlane beta`); `fastlane run ACTION` runs one action. */
const SHIPPING_LANE = /^(release|deploy|publish|production|prod|beta|store|appstore|playstore|submit|upload|distribute|ship|live)([_-]\w+)?$/i;
const FASTLANE: Publisher = {
  path: /^(?:(?:ios|android|mac) )?(?:run )?(\S+)/,
  words: 3,
  when: (p) => {
    const words = p.operands.map((w) => w.text);
    const at = /^(ios|android|mac)$/.test(words[0] ?? '') ? 1 : 0;
    const name = words[at] === 'run' ? words[at + 1] ?? '' : words[at] ?? '';
    // `deliver init`, `deliver download_metadata`, `pilot list`: set-up and reads of the store, nothing sent.
    const sub = words[words[at] === 'run' ? at + 2 : at + 1] ?? '';
    return (FASTLANE_STORE.test(name) && !/^(init|download_metadata|download_screenshots|list|builds|export|find)$/.test(sub)) || (words[at] !== 'run' && SHIPPING_LANE.test(name));
  },
  what: 'uploads the build or its listing to an app store, or runs a lane named for a release: what users install or review changes',
};
/**
 * JFrog CLI: `jf rt upload|u`, `jf rt build-publish|bp` put artifacts in Artifactory (`--dry-run` only shows them). The
 * repository operand says nothing of this machine (`libs-release-local` is local to Artifactory): the server is unknown.
 */
const JFROG_UPLOAD: Publisher = { path: /^(rt|artifactory) (upload|u|build-publish|bp)$/, words: 2, target: () => [], unless: /^--dry-run(=true)?$/, what: 'uploads artifacts to the Artifactory repository, where every build resolving them gets them' };
const HUB_UPLOAD: Publisher = { path: /^(upload|upload-large-folder)$/, what: 'uploads to a Hugging Face repository, where whoever may read it has it at once' };

/**
 * Stop 33 (red team round 18): pipelines and GitOps syncs started by hand, other deploy platforms and static uploads.
 * A pipeline or workflow is read by its name as `gh workflow run` is (`deploy-prod`, not `unit-tests`); a GitOps sync
 * of what Git holds asks only for a production target (`flux reconcile ks staging` stays allowed), as does a deploy
 * whose target names its environment.
 */
const DEPLOYING_NAME = /deploy|release|publish|prod|destroy|teardown|migrat|rollback|terraform|apply|infra|provision/i;
const named = (p: ParsedCommand, from: number): boolean => [...p.operands.slice(from).map((w) => w.text), ...p.options.flatMap((o) => o.values)].some((v) => DEPLOYING_NAME.test(v));

const KANIKO: Publisher = {
  // kaniko: `--destination` names where the image is pushed; `--no-push` keeps it here.
  requires: /^(-d|--destination)(=.*)?$/,
  unless: /^--no-push(=true)?$/,
  target: (p) => valuesOf(p, '-d', '--destination'),
  what: 'pushes the image it builds to the registry its --destination names, replacing the tag every host that pulls it runs next',
};

const PUBLISHES: Readonly<Record<string, Publisher>> = {
  ko: { path: /^(build|publish|resolve|apply|create|run)$/, unless: /^(-L|--local|--push=false|--dry-run)$/, what: 'pushes the images it builds to the registry KO_DOCKER_REPO names' },
  jib: { path: /^(build|jar|war)$/, unless: /^(--target=)?(docker|tar):\/\//, what: 'pushes the image it builds to a registry' },
  pack: { path: /^build$/, requires: /^--publish(=true)?$/, what: 'pushes the image it builds to the registry its name points at (--publish)' },
  depot: { path: /^(build|bake)$/, requires: /^--push(=true)?$/, what: 'pushes the image Depot builds to the registry its tag names (--push)' },
  mix: {
    path: /^(hex\.publish|hex\.retire|hex\.owner|deploy|[\w-]+\.deploy)$/,
    unless: /^(--dry-run)$/,
    // `mix hex.owner list` reads; add, remove and transfer change who may publish.
    when: (p) => p.operands[0]?.text !== 'hex.owner' || /^(add|remove|transfer)$/.test(p.operands[1]?.text ?? ''),
    what: (path) => (path === 'hex.publish' ? 'publishes the package to Hex, where a version cannot be replaced after an hour' : path === 'hex.retire' ? 'marks a published release retired on Hex: every project that depends on it is warned and told to move' : path === 'hex.owner' ? 'changes who may publish the package on Hex' : 'runs a deploy task: the release replaces what serves'),
  },
  // Stop 33 (red team round 17): CocoaPods trunk (push, delete, deprecate, owners), Conan, JFrog and Puppet Forge uploads.
  pod: { path: /^trunk (push|delete|deprecate|add-owner|remove-owner)$/, words: 2, what: (path) => (path.endsWith('push') ? 'publishes the pod to CocoaPods trunk, where a version cannot be replaced' : path.endsWith('owner') ? 'changes who may publish the pod on CocoaPods trunk' : 'deletes or deprecates a published pod version on CocoaPods trunk: every project that depends on it loses it or is told to move') },
  conan: { path: /^upload$/, unless: /^--dry-run$/, target: (p) => valuesOf(p, '-r', '--remote'), what: 'uploads the package to the Conan remote, where every consumer resolving it gets it' },
  jf: JFROG_UPLOAD,
  jfrog: JFROG_UPLOAD,
  pdk: { path: /^release$/, unless: /^--skip-publish$/, when: (p) => !/^(prep|build)$/.test(p.operands[1]?.text ?? ''), what: 'publishes the module to the Puppet Forge, where a version cannot be replaced' },
  // Apple's uploader sends the build to App Store Connect (`--validate-app` and notarytool only check it).
  xcrun: { path: /^altool$/, requires: /^--upload-(app|package)$/, what: 'uploads the build to App Store Connect, where it goes to TestFlight testers and review' },
  // Deploy pipelines started by hand: their stages deploy with the pipeline's credentials, unread by the guard.
  spin: { path: /^pipeline execute$/, words: 2, target: (p) => valuesOf(p, '--name', '-n', '--application', '-a'), what: 'starts a Spinnaker pipeline, whose stages deploy with its credentials (unread by the guard)' },
  circleci: { path: /^pipeline (trigger|run)$/, words: 2, what: 'starts a CircleCI pipeline with the project secrets: its deploy jobs act on the live service' },
  snapcraft: { path: /^(upload|push|release|publish|close|promote)$/, what: 'uploads or releases the snap to the Snap Store, or changes which build its users get' },
  deno: { path: /^publish$/, unless: /^--dry-run$/, what: 'publishes the package to JSR, where a version cannot be replaced' },
  cabal: { path: /^upload$/, requires: /^--publish$/, what: 'publishes the package to Hackage, where a version cannot be replaced' },
  anaconda: { path: /^upload$/, what: 'uploads the package to anaconda.org, where its channel serves it' },
  // NuGet's own CLI (options any case): a push to a feed that is not a folder here.
  nuget: { path: /^push$/i, when: (p) => !p.options.some((o) => /^-(source|src)$/i.test(o.name) && /^([./~]|[A-Za-z]:\\)/.test(o.values[0] ?? '')), what: 'pushes the package to the NuGet feed, where a version cannot be replaced' },
  stack: { path: /^upload$/, unless: /^--candidate$/, what: 'publishes the package to Hackage, where a version cannot be replaced' },
  'rattler-build': { path: /^upload$/, what: 'uploads the package to a conda channel' },
  jreleaser: { path: /^(full-release|deploy|publish|upload)$/, unless: /^(--dry-run|-dr)$/, what: 'deploys the artifacts to their repositories (Maven Central, registries) and releases them' },
  // Bundler's gem tasks: `rake release` tags, builds and pushes the gem to rubygems.org.
  rake: { path: /^release(\[[^\]]*\])?$|^release:rubygem_push$/, what: 'pushes the gem to rubygems.org (Bundler\'s release task), where a version cannot be replaced' },
  cf: CF,
  cf7: CF,
  cf8: CF,
  fastlane: FASTLANE,
  eas: {
    // `channel:edit --branch`, `channel:rollout`: which updates a channel's installed apps get (stop 33, red team round 17).
    path: /^(submit|update|update:republish|update:rollback|update:roll-back-to-embedded|deploy|worker:deploy|build|channel:edit|channel:rollout)$/,
    // `eas build` stays on Expo's builders unless it submits what it built to the store.
    when: (p) => (p.operands[0]?.text !== 'build' || p.options.some((o) => o.name === '--auto-submit' || o.name === '--auto-submit-with-profile')) && (p.operands[0]?.text !== 'channel:edit' || p.options.some((o) => o.name === '--branch')),
   
    target: (p) => [...(p.operands[0]?.text.startsWith('channel:') ? p.operands.slice(1, 2).map((w) => w.text) : []), ...valuesOf(p, '--branch', '--channel', '--profile', '--environment')],
    what: 'submits the build to an app store or sends an over-the-air update to the apps installed on a channel',
  },
  appcenter: {
    path: /^(codepush (release|release-react|release-cordova|release-electron|promote|patch|rollback)|distribute (release|stores publish))(\s|$)/,
    words: 3,
   
    target: (p) => valuesOf(p, '-d', '--deployment-name', '-s', '--store', '-g', '--group', '-a', '--app'),
    what: 'releases an update or a build to the apps installed from a deployment, a store or a group',
  },
  'huggingface-cli': HUB_UPLOAD,
  hf: HUB_UPLOAD,
  ollama: { path: /^push$/, what: 'pushes the model to the registry its name points at (ollama.com unless another host is named), where whoever pulls it gets it' },
  cog: { path: /^push$/, what: 'pushes the model image to Replicate (or the registry its name names), replacing the version its users run' },
  surge: {
    // `surge [project] [domain]` (no command word) publishes; its account and site commands only read or sign in (`teardown` is the verb floor's).
    path: /^(?!(login|logout|whoami|list|token|plan|card|invite|revoke|ssl|encrypt|certs|dns|zone|audit|help|teardown)$)/,
   
    target: (p) => [...valuesOf(p, '-d', '--domain'), ...p.operands.map((w) => w.text).filter((v) => v.includes('.') && !/^[./~]/.test(v))],
    what: 'publishes the folder as a public website on Surge, replacing what the domain serves',
  },
  'gh-pages': {
    unless: /^(-n|--no-push)$/,
   
    target: (p) => valuesOf(p, '-b', '--branch', '-r', '--repo'),
    what: 'commits the folder to the gh-pages branch and pushes it: GitHub Pages serves it as the public site',
  },
  executor: KANIKO,
  // kaniko's executor under its project's name (`kaniko --destination …`).
  kaniko: KANIKO,
  // Stop 33 (red team round 18): pipelines and GitOps syncs started by hand, other deploy platforms and static uploads (DEPLOYING_NAME below).
  tkn: { path: /^(pipeline|p|task|t|clustertask|ct) start$/, words: 2, unless: /^(--dry-run|--help|-h)$/, when: (p) => named(p, 2), what: 'starts a Tekton pipeline or task whose name says it deploys or releases: its steps run with the cluster\'s credentials, unread by the guard' },
  argo: { path: /^submit$/, unless: /^(--dry-run|--server-dry-run)$/, when: (p) => named(p, 1), what: 'submits an Argo workflow whose name says it deploys or releases: its steps run with the cluster\'s credentials, unread by the guard' },
  // As `argocd app sync` (argocd.ts): a reconcile applies what Git holds, so only a target whose name (or namespace, or context) says production asks.
  flux: { path: /^reconcile (kustomization|ks|helmrelease|hr)$/, words: 2, when: (p) => [...p.operands.slice(2, 3).map((w) => w.text), ...valuesOf(p, '-n', '--namespace', '--context')].some((v) => environmentOfName(v) === 'production'), target: (p) => p.operands.slice(2, 3).map((w) => w.text), what: 'applies what the source holds to the cluster now, replacing what runs there' },
  pm2: { path: /^deploy$/, target: (p) => p.operands.slice(2, 3).map((w) => w.text), when: (p) => !/^(setup|list|curr|current|prev|previous)$/.test(p.operands[3]?.text ?? ''), what: 'deploys the app to the hosts of that environment over SSH, replacing what serves there' },
  expo: { path: /^(publish|publish:rollback|publish:set)$/, what: 'publishes an over-the-air update to the apps installed from the release channel' },
  mkdocs: { path: /^gh-deploy$/, what: 'builds the site and pushes it to the gh-pages branch: GitHub Pages serves it as the public site' },
  // As `aws s3 sync dist s3://acme-www` (cloudOverwrites.ts): a folder (a sync, or `-r`) uploaded into a bucket named for the website it hosts.
  s3cmd: { path: /^(sync|put|cp|mv)$/, target: (p) => p.operands.slice(1).map((w) => w.text).filter((v) => v.startsWith('s3://')), when: (p) => websiteBucket(p.operands.at(-1)?.text ?? '') !== undefined && !p.operands.slice(1, -1).some((w) => w.text.startsWith('s3://')) && (p.operands[0]?.text === 'sync' || p.options.some((o) => /^(-r|--recursive)$/.test(o.name))), unless: /^(-n|--dry-run)$/, productionOnly: true, what: 'uploads the folder into a bucket named for the website it hosts: what visitors get is replaced at once, with nothing reviewed first (a deploy)' },
};

/** A publisher whose options nothing describes: every option a switch. */
const NO_OPTIONS: GrammarSpec = {};

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
  // The words are read by the program's one description (`optionGrammarOf`: its registry entry, else `CLI_GRAMMARS`).
  const parsed = parseCommand(inv.args, optionGrammarOf(inv.name) ?? NO_OPTIONS);
  const operands = commandWords(parsed, inv.args).map((w) => w.text);
  const count = rule.words ?? 1;
  const joined = operands.slice(0, count).join(' ');
  const path = rule.path === undefined ? '' : (inv.name === 'mix' ? mixTasks(operands) : [joined]).find((p) => rule.path!.test(p));
  if (path === undefined || !(rule.when?.(parsed) ?? true)) return [];
  const shown = (rule.path === undefined ? inv.name : `${inv.name} ${count > 1 ? (rule.path.exec(joined)?.[0] ?? joined).trim() : path}`).trim();
  // Names of apps, channels or images may say the environment; a path (`cf curl /v3/…`, `./app.snap`) is no target.
  const values = rule.target?.(parsed) ?? operands.slice(count, count + 3);
  // Every place it names is on this machine (`--destination localhost:5000/app`): local testing.
  if (rule.target !== undefined && values.length > 0 && values.every((v) => isLocalValue(v) || isLocalValue(imageRegistry(v) ?? ''))) return [];
  const env = ctx.environmentOf({ values: values.filter((v) => !/^[./~]/.test(v)), remote: true });
  if (rule.productionOnly && (env.environment === 'non-production' || env.environment === 'local')) return [];
  return [{
    rule: 'publishing.publish-or-deploy',
    risk: 'destructive',
    severity: 'ask',
    reason: `\`${shown}\` ${typeof rule.what === 'string' ? rule.what : rule.what(path)}; the registry or the servers do not take this back.`,
    targets: [{ kind: 'resource', name: `what ${shown} publishes`, provider: inv.name, remote: true, environment: env.environment, environmentReason: env.reason }],
  }];
}

/**
 * `python3 setup.py sdist upload`, `python setup.py register` (stop 33, red team round 16): setuptools' and distutils'
 * own upload commands publish to the package index (`-r` names another), like `twine upload`. Its other commands
 * (`sdist`, `bdist_wheel`, `build`, `install`) stay here. The words are read by the interpreter's own option grammar.
 */
const SETUP_PUBLISHES = /^(upload|register|upload_docs)$/;

export function setupPyPublish(inv: Invocation, ctx: RuleContext): Finding[] {
  const parsed = interpreterReading(inv.name, inv.args);
  const [script, ...commands] = parsed?.operands.map((w) => w.text) ?? [];
  if (script === undefined || !/(^|\/)setup\.py$/.test(script) || parsed!.options.some((o) => o.name === '-c' || o.name === '-m')) return [];
  const command = commands.find((c) => SETUP_PUBLISHES.test(c));
  if (command === undefined || commands.some((c) => /^(--dry-run|-n|--help|-h)$/.test(c))) return [];
  const at = commands.findIndex((c) => /^(-r|--repository)(=|$)/.test(c));
  const repository = at < 0 ? undefined : commands[at]!.includes('=') ? commands[at]!.split('=')[1] : commands[at + 1];
  if (repository !== undefined && isLocalValue(repository)) return [];
  const env = repository !== undefined && /^(testpypi|https?:\/\/test\.pypi\.org\b.*)$/i.test(repository)
    ? { environment: 'non-production' as const, reason: `${repository} is a test index` }
    : ctx.environmentOf({ values: repository !== undefined ? [repository] : [], remote: true });
  return [{
    rule: 'publishing.setup-py-upload',
    risk: 'destructive',
    severity: 'ask',
    reason: `\`${inv.name} ${script} ${command}\` publishes the distributions to ${repository ?? 'the Python package index'}, which cannot be replaced under the same version; an index does not take this back.`,
    targets: [{ kind: 'resource', name: 'the distributions of this project', provider: repository ?? 'pypi.org', remote: true, environment: env.environment, environmentReason: env.reason }],
  }];
}
