import { ownTable } from '../../ownTable';
import type { Finding, RuleContext, Target } from '../../policy/types';
import { nounBesideRead } from './verbPositions';
import { toolNamed } from '../../registry/commandModel';
import { BUILD_PUBLISHERS, OTHER_PUBLISHERS } from './buildPublishing';
import { shipSpelling } from './shipSpellings';
import { identifierParts } from './cliArgs';
import { recordedDeployAt, recordsDeploy, sendsDebugInfo } from './telemetryRecords';

/**
 * A deploy by a CLI without rules of its own (issue #18, round 7): `serverless deploy --stage prod`,
 * `sam deploy --no-confirm-changeset --stack-name acme-prod`, `npx convex deploy -y`, `shopify theme
 * push --live`. What it ships replaces what runs, with nothing to review first. Against an environment
 * named production it asks; with its confirmation switched off (`-y`, `--auto-approve`,
 * `--no-confirm-changeset`, `--require-approval never`) an environment nobody named asks too, since
 * unknown is production. A deploy whose environment says otherwise (`--stage dev`) stays allowed.
 */

/** Command words that ship a release. */
const DEPLOY = /^(deploy|deploy:[a-z-]+|apply|release|promote|rollout|push|up|ship|publish)$/i;
/** Words that make `push` or `up` a deploy rather than a copy or a start: the live site, production. */
const LIVE_OPTION = /^--?(live|prod|production|allow-live|publish)$/i;
/** Options that skip the confirmation a deploy would otherwise wait for. */
const UNATTENDED = /^(-y|--yes|-auto-approve|--auto-approve|--no-confirm-changeset|--no-confirm|--force-yes|--non-interactive|--allow-live|--skip-preview|--assume-yes|--noinput|--no-input)$/i;
/**
 * Round 8: tools whose own word for a deploy is not in DEPLOY, or is `push`/`up` without a live option:
 * `skaffold run` builds and deploys to the current cluster, `tilt up` deploys to the kube context,
 * `amplify push` provisions the backend of the current environment, `sam sync` updates the stack's
 * functions and APIs directly, past CloudFormation's change sets.
 */
const TOOL_DEPLOYS: Readonly<Record<string, RegExp>> = ownTable({ skaffold: /^(run|deploy|apply)$/, tilt: /^(up|ci|down)$/, amplify: /^(push|publish)$/, sam: /^sync$/ });
/** Stop 34 (round 18): `tilt down` takes away what `tilt up` deployed, judged like it (routine where `up` is; a context named for production asks). */
const UNDEPLOYS = /^down$/;
/**
 * Deploys that ask in an environment nobody named even with their confirmation on: SAM warns that `sam sync` is for
 * development stacks only, as it leaves the stack drifted; `skaffold run`/`deploy` build and deploy to the current
 * kube context (stop 32, round 15: unknown is production, and it waits for nothing).
 */
const ASKS_UNNAMED: Readonly<Record<string, RegExp>> = ownTable({ sam: /^sync$/, skaffold: /^(run|deploy|apply)$/ });
/**
 * Stop 32 (red team round 15; the team decision of stop 30: deploying to any remote asks): a command word that says
 * deploy or publish (`serverless deploy`, `npx serverless deploy`) asks in an environment nobody named, confirmation
 * or not: most of these CLIs ask nothing before they ship. `push`, `up`, `apply` and `release` keep the older rule
 * (asked only unattended or for a named production), as a local `up` or a plan's `apply` is routine.
 * Round 22: `release` ships too (`dzil release` uploads to CPAN); `… release list` reads (a noun beside a read verb).
 */
const SHIPS = /^(deploy|deploy:[a-z-]+|publish|release)$/i;
/**
 * Stop 34 (round 19): a CMS's content model pushed over the space's (`storyblok push-components`, `… push-schema`):
 * fields and types the file no longer has are dropped there with the content they held. A pull stays routine.
 */
const SCHEMA_PUSH = /^(push|deploy|apply|sync|upload)[-:_](components?|schemas?|models?|content-?types?|blueprints?|collections?|fields?)$/i;
/** CLIs whose `deploy` ships to production unless a preview is asked for (Convex deploys to the production deployment). */
const PRODUCTION_BY_DEFAULT: Readonly<Record<string, RegExp>> = ownTable({ convex: /^--(preview-create|preview-name|preview-run|dry-run)$/ });

/**
 * Stop 36 (round 22: `earthly --push +release`, `luarocks upload app-1.0-1.rockspec`, `porter apply -f porter.yaml`):
 * shipping said another way. A build tool's option that pushes or publishes what it built (`--push`, `--publish`,
 * `--deploy`, `--upload`; off with `=false`/`never`; a port mapping `--publish 8080:80` is not one); an upload,
 * submit or push of a package file (`.rockspec`, `.gem`, `.whl`, `.nupkg`, `.vsix`); an apply given a manifest
 * (`-f stack.yaml`, `apply bundle.json`), which makes a remote match the file. Each ships like a deploy word: an
 * environment nobody named is production. `--release` (a build mode), a plain upload of a folder and a plan stay allowed.
 */
const SHIP_OPTION = /^--(push|publish|deploy|upload|ship|release-to|push-images?|publish-images?|push-image)$/i;
const SHIP_OFF = /^(false|no|0|off|never|none|skip)$/i;
const PACKAGE_FILE = /\.(rockspec|gem|whl|tar\.gz|tgz|nupkg|snupkg|crate|vsix|jar|war|aar|deb|rpm|apk|aab|ipa|dmg|msi|snap|flatpak|appimage|phar|egg|nar|xpi|crx|mpack|unitypackage|helm)$/i;
const UPLOADS = /^(upload|submit|ship|push|publish|release|distribute)$/i;
const MANIFEST_OPTION = /^(-f|--file|--filename|--manifest|--bundle|--stack|--spec|-c|--config)$/;
const FEED_OPTION = /^--?(source|s|repo|repository|repository-url|registry|feed|index|index-url|target|to|dest|destination|server|url)$/i;
const MANIFEST_FILE = /\.(ya?ml|json|jsonnet|hcl|toml|cue|nomad)$/i;

/** The shipping word or option (`--push`, `upload app.rockspec`, `apply -f x.yaml`), or undefined. */
function shippedOtherwise(w: DeployWords): { at: number; verb: string; shown: string } | undefined {
  // A tool the registry describes is its packs' to judge (`cabal upload` makes a candidate, `nuget push` names its feed).
  if (toolNamed(w.tool) !== undefined || OTHER_PUBLISHERS.has(w.tool) || BUILD_PUBLISHERS.has(w.tool)) return undefined;
  // A feed, repository or target on this machine (`-Source ./feed`, `--to file:///srv/repo`): nothing leaves it.
  if (w.options.some((o) => FEED_OPTION.test(o.name) && /^(\.{0,2}\/|~\/|file:)/.test(o.value ?? o.next ?? ''))) return undefined;
  const spelled = shipSpelling(w);
  if (spelled !== undefined) return spelled;
  // Stop 39 (round 33: `electron-builder --publish never`): the value that negates the verb may be the next word.
  const option = w.options.find((o) => SHIP_OPTION.test(o.name) && !SHIP_OFF.test(o.value ?? o.next ?? '') && !/^\d+(:\d+)*$/.test(o.value ?? o.next ?? ''));
  if (option !== undefined) return { at: -1, verb: option.name, shown: option.name };
  const up = w.path.slice(0, 3).findIndex((p) => UPLOADS.test(p));
  if (up >= 0 && w.path.slice(up + 1).some((p) => PACKAGE_FILE.test(p))) return { at: up, verb: w.path[up]!.toLowerCase(), shown: w.path[up]! };
  // Stop 39 (round 31): the program's own name says it uploads (`cpan-upload Acme-Shop-1.02.tar.gz`), given a package file.
  if (identifierParts(w.tool.replace(/\.(sh|pl|py|exe)$/, '')).some((p) => UPLOADS.test(p)) && [...w.path, ...w.hints].some((p) => PACKAGE_FILE.test(p))) return { at: -1, verb: 'upload', shown: 'a package file' };
  // An apply or an `up` given a manifest (`vela up -f vela/app.yaml`), or an apply of a folder of them (`grr apply dashboards/`); not a compose file (containers here),
  // nor a folder applied to local files named by an option (`kyverno apply policies/ --resource k8s/deployment.yaml` evaluates them here).
  const apply = w.path.slice(0, 3).findIndex((p) => /^(apply|up)$/i.test(p));
  const given = [...w.options.filter((o) => MANIFEST_OPTION.test(o.name)).map((o) => o.value ?? o.next ?? ''), ...w.path.slice(apply + 1)];
  const manifest = given.some((p) => MANIFEST_FILE.test(p) && !/(^|\/)(docker-)?compose[\w.-]*\.ya?ml$/i.test(p)) || (/^apply$/i.test(w.path[apply] ?? '') && w.path.slice(apply + 1).some((p) => /^[\w.-]+\/$/.test(p)) && !w.options.some((o) => MANIFEST_FILE.test(o.value ?? o.next ?? '')));
  // Stop 40 (round 34: `octavia apply --force`): an apply told to skip its prompt makes the remote match the project's definitions.
  const forced = /^apply$/i.test(w.path[apply] ?? '') && w.options.some((o) => /^(--force|--no-prompt|--skip-prompt)$/i.test(o.name) && !SHIP_OFF.test(o.value ?? '')); // `-y`/`--yes` keep the unattended reading below
  if (apply >= 0 && (manifest || forced)) return { at: apply, verb: 'apply', shown: w.path[apply]! };
  const pushed = definitionsPushed(w);
  if (pushed !== undefined) return pushed;
  // The project's source tree pushed to a platform that builds and runs it (`epinio push --name storefront --path .`).
  const push = w.path.slice(0, 2).findIndex((p) => /^(push|up)$/i.test(p));
  if (push >= 0 && w.options.some((o) => /^--?(path|source|src|dir|directory|app-dir|source-dir)$/i.test(o.name) && /^\.(\/[\w.-]*)*$/.test(o.value ?? o.next ?? ''))) return { at: push, verb: 'push', shown: w.path[push]! };
  return undefined;
}

/**
 * Stop 40 (round 34: `jenkins-jobs update jobs/`): definitions of scheduled or pipelined work (jobs, pipelines, workflows, DAGs,
 * connections, triggers) written by an update, push or sync verb from a folder or manifest here to the service that runs them:
 * schedules and build steps change on the live service at once. The tool's name or the definitions' path says what they are.
 * A test, a validation, a diff or a render into a local folder (`jenkins-jobs test jobs/ -o /tmp/out`) stays allowed.
 */
const DEFINITIONS = /^(jobs?|pipelines?|workflows?|flows?|dags?|connections?|connectors?|triggers?|schedules?|crons?|crontabs?|tasks?|runbooks?)$/i;
const WRITES_DEFINITIONS = /^(update|push|sync|upload|upsert|put|replace|overwrite|import)$/i;
function definitionsPushed(w: DeployWords): { at: number; verb: string; shown: string } | undefined {
  const at = w.path.slice(0, 2).findIndex((p) => WRITES_DEFINITIONS.test(p));
  if (at < 0 || w.options.some((o) => /^(-o|--output|--out|--output-dir|--out-dir|--dry-run|-n)$/.test(o.name))) return undefined;
  const given = [...w.path.slice(at + 1), ...w.options.filter((o) => MANIFEST_OPTION.test(o.name)).map((o) => o.value ?? o.next ?? '')].filter((p) => /^[\w.~-]*\/|\/$|^\.$/.test(p) || MANIFEST_FILE.test(p));
  if (given.length === 0) return undefined;
  const named = [...identifierParts(w.tool), ...given.flatMap((p) => p.split('/').flatMap((s) => identifierParts(s.replace(MANIFEST_FILE, ''))))].some((p) => DEFINITIONS.test(p));
  return named ? { at, verb: 'apply', shown: w.path[at]! } : undefined;
}

/** A namespaced command word's verb (`cloud:deploy`, `app:release`): its last `:`-part. */
function lastPart(word: string): string {
  return /^deploy:/i.test(word) ? word : word.split(':').pop()!;
}

export interface DeployWords {
  tool: string;
  /** Command words (operands before the first option value), in order. */
  path: readonly string[];
  /** Options as written, with a glued or following value. */
  options: readonly { name: string; value?: string; next?: string }[];
  /** Values that may say the environment. */
  hints: readonly string[];
  /** A read verb: beside one, a deploy word is a resource noun (`coolify deploy get ID`, `linkerd viz stat deploy`). */
  reads?: (text: string) => boolean;
}

export function unreviewedDeploy(w: DeployWords, ctx: RuleContext): Finding[] {
  const own = TOOL_DEPLOYS[w.tool];
  const first = w.path[0] ?? '';
  const ownVerb = own !== undefined && own.test(first);
  const other = ownVerb ? undefined : shippedOtherwise(w);
  if (other !== undefined) return shipFinding(w, ctx, other);
  const at = ownVerb ? 0 : w.path.slice(0, 3).findIndex((p) => DEPLOY.test(lastPart(p)) || SCHEMA_PUSH.test(p));
  const record = at < 0 ? recordedDeployAt(w) : -1;
  if (record >= 0) return recorded(w, ctx, record);
  if (at < 0 || (w.reads !== undefined && nounBesideRead(w.path.map((text) => ({ text, value: false })), at, w.reads))) return [];
  // Stop 39 (round 33): a deploy recorded for an error tracker, or debug information sent, ships nothing (support/telemetryRecords.ts).
  if (recordsDeploy(w, at) || sendsDebugInfo(w)) return recorded(w, ctx, at);
  // `pdk release prep`, `… release notes`: a release prepared or described here, not shipped.
  if (/^release$/i.test(w.path[at]!) && /^(prep|prepare|create|new|notes|draft|plan|preview|changelog|bump|version|init|check|info|start|finish|tag)$/i.test(w.path[at + 1] ?? '')) return [];
  const verb = lastPart(w.path[at]!).toLowerCase();
  const live = w.options.find((o) => LIVE_OPTION.test(o.name) && !SHIP_OFF.test(o.value ?? o.next ?? ''));
  // Round 22: a push told not to wait for anyone (`… push --yes`) ships like a deploy; a plain push or `up` is a copy or a start.
  // Stop 39 (round 31: `terraspace up app -y`): an `up` of a named stack with its confirmation skipped applies it; a bare `up -y` starts a local environment.
  const unattendedUp = verb === 'up' && w.path.length > at + 1 && w.options.some((o) => /^(-y|--yes|-auto-approve|--auto-approve|--assume-yes|--force-yes)$/i.test(o.name));
  if (((verb === 'up' && !unattendedUp) || !w.options.some((o) => UNATTENDED.test(o.name))) && (verb === 'push' || verb === 'up') && live === undefined && !ownVerb) return [];
  // A preview asked for (`convex deploy --preview-create x`) names a deployment that is not production.
  const preview = PRODUCTION_BY_DEFAULT[w.tool] !== undefined && w.options.some((o) => PRODUCTION_BY_DEFAULT[w.tool]!.test(o.name));
  const unnamedAsks = ASKS_UNNAMED[w.tool]?.test(verb) === true || (SHIPS.test(verb) && !preview) || SCHEMA_PUSH.test(verb);
  const unattended = w.options.find((o) => UNATTENDED.test(o.name)) ?? w.options.find((o) => o.name === '--require-approval' && /^never$/i.test(o.value ?? ''));
  const resolved = ctx.environmentOf({ values: [...w.hints], remote: true });
  const byDefault = PRODUCTION_BY_DEFAULT[w.tool];
  const production = resolved.environment === 'production' || live !== undefined || (byDefault !== undefined && !w.options.some((o) => byDefault.test(o.name)));
  if (resolved.environment === 'non-production' || resolved.environment === 'local') return [];
  if (!production && !(resolved.environment === 'unknown' && (unattended !== undefined || unnamedAsks))) return [];
  const reason =
    resolved.environment === 'production' ? resolved.reason
    : live !== undefined ? `${live.name}`
    : byDefault !== undefined ? `${w.tool} ${verb} ships to the production deployment unless a preview is asked for`
    : 'no environment named';
  const shown = [w.tool, ...w.path.slice(0, at + 1)].join(' ');
  const target: Target = { kind: 'service', name: shown, provider: w.tool, remote: true, environment: production ? 'production' : 'unknown', environmentReason: reason };
  const skipped = unattended !== undefined ? ` with its confirmation skipped (${unattended.name}${unattended.value !== undefined && unattended.name === '--require-approval' ? ` ${unattended.value}` : ''})` : '';
  return [{
    rule: 'verbs.unreviewed-deploy',
    risk: 'destructive',
    severity: 'ask',
    reason: `\`${shown}\` ${UNDEPLOYS.test(verb) ? 'takes down what it deployed on' : 'ships a release to'} ${production ? 'production' : 'an environment nobody named (treated as production)'}${skipped}: what runs there is ${UNDEPLOYS.test(verb) ? 'gone' : 'replaced'} at once, and nothing was reviewed first (${reason}; ${w.tool} has no rules of its own: judged by its verb).`,
    targets: [target],
  }];
}

/** A ship said by an option, a package file or a manifest: asked unless the environment says development or this machine. */
function shipFinding(w: DeployWords, ctx: RuleContext, other: { at: number; verb: string; shown: string }): Finding[] {
  if (sendsDebugInfo(w)) return [];
  if (w.reads !== undefined && other.at >= 0 && nounBesideRead(w.path.map((text) => ({ text, value: false })), other.at, w.reads)) return [];
  const resolved = ctx.environmentOf({ values: [...w.hints], remote: true });
  if (resolved.environment === 'non-production' || resolved.environment === 'local') return [];
  const production = resolved.environment === 'production';
  const reason = production ? resolved.reason : 'no environment named';
  const shown = [w.tool, ...(other.at >= 0 ? w.path.slice(0, other.at + 1) : [other.shown])].join(' ');
  const target: Target = { kind: 'service', name: shown, provider: w.tool, remote: true, environment: 'production', environmentReason: production ? reason : 'environment unknown (treated as production)' };
  const what = other.verb === 'apply' ? 'makes the remote match the manifest it is given' : 'ships what it built or packed';
  return [{
    rule: 'verbs.unreviewed-deploy',
    risk: 'destructive',
    severity: 'ask',
    reason: `\`${shown}\` ${what} to ${production ? 'production' : 'an environment nobody named (treated as production)'}: what runs or is published there is replaced at once, and nothing was reviewed first (${reason}; ${w.tool} has no rules of its own: judged by its ${other.at >= 0 ? 'verb' : 'option'}).`,
    targets: [target],
  }];
}

/** A deploy recorded or debug information sent (support/telemetryRecords.ts): marked where production is named, allowed. */
function recorded(w: DeployWords, ctx: RuleContext, at: number): Finding[] {
  const resolved = ctx.environmentOf({ values: [...w.hints], remote: true });
  if (resolved.environment !== 'production') return [];
  const shown = [w.tool, ...w.path.slice(0, at + 1)].join(' ');
  const target: Target = { kind: 'service', name: shown, provider: w.tool, remote: true, environment: 'production', environmentReason: resolved.reason };
  return [{ rule: 'verbs.production-access', risk: 'production-access', severity: 'info', reason: `\`${shown}\` records a deploy of production for its tracker (${resolved.reason}); nothing is shipped.`, targets: [target] }];
}
