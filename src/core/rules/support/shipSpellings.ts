import { verbTraitsOf } from '../../registry/verbTraits';
import { identifierParts } from './cliArgs';
import { builtSiteSent } from './builtSites';

/**
 * Stop 38 (round 28 held out: `spack buildcache push s3://mirror zlib`, `butler push build/web acme/shop-demo:html5`,
 * `rekor-cli upload --artifact dist/app.tar.gz`, `copr-cli build acme/x dist/x.src.rpm`, `arc land --onto main`, `dput ppa:x/y
 * x.changes`, `ghp-import -p`): shipping spelled another way, for a CLI without rules of its own (support/unreviewedDeploys.ts).
 * A push, upload or publish to a remote place named by its operand (a URL that is not a file, `lp:`/`ppa:` specs, an
 * `owner/name:channel` or an image reference); an upload whose option names a package file; a source package given to a `build`
 * (a build service builds and publishes it); `land` (a reviewed change merged and pushed onto the main branch); a tool's own
 * spellings described in its verb traits (`ships`). Allowed: a push or upload to a file URL or a folder here, a plain upload of a
 * folder with no place named, a local build (`rpmbuild`, `make build`), `land` beside a read (`land status`).
 */

export interface ShipWords {
  tool: string;
  path: readonly string[];
  options: readonly { name: string; value?: string; next?: string }[];
}

const PUSHES = /^(push|upload|publish|submit|release|ship|distribute)$/i;
/** A remote place: a URL whose scheme is not a file, a Launchpad or PPA spec, `owner/name:channel`, `host:/path`. */
const REMOTE_PLACE = /^(?!file:)[a-z][\w+.-]*:\/\/\S+|^(ppa|oci|s3|gs|az|swift):\S+|^[\w.-]+\/[\w.-]+:[\w.-]+$/i;
const DESTINATION = /^--?(to|dest|destination|server|url|target|remote|repo|repository|registry|mirror|bucket|channel|host|endpoint)$/i;
const STORE_PLACE = /^(s3|gs|az|oci|swift):\/\/\S+|^(ppa|oci):\S+/i;
/** A version-control remote: a push there adds history (a force push is read by vcsStyleVerbs.ts), an upload there publishes. */
const VCS_PLACE = /^(https?|ssh|git|hg|bzr(\+ssh)?|svn(\+ssh)?):\/\//i;
const PACKAGE_ARTIFACT = /\.(changes|dsc|mender|swu|src\.rpm|rpm|deb|tar\.gz|tgz|zip|whl|gem|nupkg|crate|jar|vsix|apk|aab|ipa|snap|appimage|dmg|msi|oci|sif)$/i;
const SOURCE_PACKAGE = /\.(src\.rpm|dsc|changes)$/i;

export function shipSpelling(w: ShipWords): { at: number; verb: string; shown: string } | undefined {
  const ships = verbTraitsOf(w.tool).ships;
  if (ships !== undefined && !w.options.some((o) => ships.unless?.includes(o.name))) {
    const word = w.path.findIndex((p) => ships.words?.includes(p.toLowerCase()));
    if (word >= 0) return { at: word, verb: 'push', shown: w.path[word]! };
    const option = w.options.find((o) => ships.options?.includes(o.name));
    if (option !== undefined) return { at: -1, verb: 'push', shown: `${option.name} (it pushes)` };
    if (ships.any === true) return { at: -1, verb: 'push', shown: w.path[0] ?? '' };
  }
  // Stop 39 (round 33): a site's build folder pushed or uploaded (support/builtSites.ts).
  const site = builtSiteSent(w);
  if (site !== undefined) return site;
  const verb = w.path.slice(0, 3).findIndex((p) => PUSHES.test(p));
  if (verb >= 0) {
    const push = /^push$/i.test(w.path[verb]!);
    // An option's value is a place when the option names a destination; a word after any other option (`--unsigned s3://…`) may be
    // an operand, so only an object store or a registry reference there counts (`--minified-path-prefix https://…` names no place).
    const places = [...w.path.slice(verb + 1), ...w.options.map((o) => (DESTINATION.test(o.name) ? o.value ?? o.next ?? '' : o.value === undefined && STORE_PLACE.test(o.next ?? '') ? o.next! : ''))];
    const found = { at: verb, verb: w.path[verb]!.toLowerCase(), shown: w.path[verb]! };
    if (places.some((p) => REMOTE_PLACE.test(p) && !(push && VCS_PLACE.test(p)))) return found;
    if (!push && [...w.path.slice(verb + 1), ...w.options.map((o) => o.value ?? o.next ?? '')].some((p) => PACKAGE_ARTIFACT.test(p))) return found;
  }
  const build = w.path.slice(0, 2).findIndex((p) => /^(build|rebuild|submit)$/i.test(p));
  if (build >= 0 && w.path.slice(build + 1).some((p) => SOURCE_PACKAGE.test(p))) return { at: build, verb: 'build', shown: w.path[build]! };
  // `bazelisk run //deploy:push_prod`: a build target run whose name ships (the label's last part).
  const run = w.path.slice(0, 2).findIndex((p) => /^(run|exec|invoke)$/i.test(p));
  const label = run >= 0 ? w.path[run + 1] : undefined;
  if (label !== undefined && /^(\/\/|@|:)/.test(label) && identifierParts(label.slice(label.lastIndexOf(':') + 1)).some((p) => /^(push|deploy|publish|release|ship|upload)$/.test(p))) return { at: run, verb: 'deploy', shown: `${w.path[run]!} ${label}` };
  const land = w.path.slice(0, 2).findIndex((p) => /^land$/i.test(p));
  if (land >= 0 && !/^(status|list|ls|info|show|help|preview)$/i.test(w.path[land + 1] ?? '')) return { at: land, verb: 'land', shown: w.path[land]! };
  return undefined;
}
