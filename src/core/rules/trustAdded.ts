import { resolvePath } from '../paths';
import { effectsOf } from '../policy/effects';
import type { Finding, Invocation, RuleContext, RulePack } from '../policy/types';
import { freeFormReadings, optionValue } from '../registry/freeForm';
import { commandSpellings, toolNamed, toolNamesOf } from '../registry/commandModel';
import { identifierParts } from './support/cliArgs';
import { hostOf, vouchedSource } from './support/packageSources';

/**
 * Trust added (issue #18 criterion 8, stop 38, red team round 28: `keytool -importcert -cacerts`, `cachix use
 * NAME`): a new trust root or package source for the whole machine, read by the meaning of the words of any
 * program. A certificate authority added to a trust store lets whoever holds its key read and change every
 * TLS connection; a binary cache, repository, key or tap added lets whoever runs it ship code this machine
 * later installs and runs. Nothing happens now, which is why it asks: the change outlives the command.
 *
 * Read: a verb that adds (`import`, `add`, `install`, `use`, `tap`, `anchor`, `trust`) beside a trust store or
 * source noun (`cacerts`, `truststore`, `anchor`, `root`, `trusted`, `repo`, `ppa`, `key`, `substituter`,
 * `cache`, `channel`, `tap`) in the program's name, its command words up to the verb or its option names;
 * NSS trust flags that mark a CA (`-t C,,`); a file copied into a CA anchor folder. Allowed look-alikes:
 * listings and reads (`keytool -list`, `trust list`, `apt-key list`, `cachix --help`), a project's own
 * keystore (`-keystore config/dev-truststore.jks`), a package named like a certificate bundle installed
 * (`apt-get install ca-certificates`: the noun is an operand after the verb), a vouched public source.
 * Package registries set through a package manager's own setter are `sourceRedirects.ts`'s.
 */

/** Verbs that add trust (word parts); `extra` adds to a list (`--extra-substituters`), `option` sets a named setting (`--option substituters URL`). */
const ADDS = /^(import|importcert|add|install|anchor|addstore|addrepo|append|prepend|extra)$/;
/** Adding verbs only as a whole command word or option name (`cachix use`, `brew tap`, `--enable`, `--option`), never a part (`tap-x` names a plugin). */
const ADDS_WHOLE = /^(use|tap|enable|option)$/;
const adding = (w: string): boolean => ADDS_WHOLE.test(norm(w)) || partsOf(w).some((p) => ADDS.test(p));
/** Nouns of a machine's trust store (word parts or whole normalised words). */
const STORE = /^(cacerts|cacert|truststore|trustroot|trustedroot|rootca|anchor|anchors|trusted|castore|rootstore|root|authroot|trustcacerts)$/;
/** Option names that name the machine's trust store (`-cacerts`, `-trustcacerts`); `--root` and `--trusted-host` name other things. */
const STORE_OPTION = /^(cacerts|cacert|trustcacerts|truststore|trustroot|trustedroot|rootca|trustanchor|trustanchors|systemtrust)$/;
/** Nouns of a package source (word parts); `source` and `feed` count only with an address named. */
const SOURCE = /^(repo|repos|repository|repositories|addrepo|ppa|substituter|substituters|cache|binarycache|channel|channels|tap|taps|mirror|mirrors|keyring|aptkey|gpgkey|signingkey|trustedpublickeys|trustedsubstituters|source|sources|feed|feeds)$/;
/** Nouns as ambiguous as a code repository or a data source: they name a package source only with an address (`https://…`, `ppa:…`). */
const NEEDS_ADDRESS = /^(source|sources|feed|feeds|channel|channels|mirror|mirrors|repo|repos|repository|repositories|addrepo)$/;
const URL_LIKE = /^[a-z][\w+.-]*:\/\/|^ppa:|^deb\s/i;
/** Words that only look, or take away. */
const READS = /^(list|ls|show|get|info|status|help|version|print|display|export|verify|check|remove|rm|delete|del|untap|disable|search|find|describe|dump|inspect|fingerprint|finger)$/;
/** Families whose repositories hold what runs elsewhere (charts, manifests, images, infrastructure), not this machine's code. */
const ELSEWHERE = new Set(['containers', 'infra', 'cloud', 'paas', 'git', 'vcs', 'database', 'remote', 'http']);
/** Folders whose certificates the machine trusts after `update-ca-certificates`, `update-ca-trust`, or at once. */
const ANCHOR_FOLDER = /^\/(usr\/local\/share\/ca-certificates|usr\/share\/ca-certificates|etc\/ca-certificates|etc\/pki\/ca-trust\/source(\/anchors)?|etc\/pki\/trust\/anchors|etc\/ssl\/certs|usr\/share\/pki\/trust\/anchors|etc\/pki\/tls\/certs)(\/|$)/;
/** NSS trust flags naming a CA trusted for TLS, mail or code (`C,,`, `CT,C,C`). */
const NSS_CA = /^[cCtTpPu]*[CT][cCtTpPu]*,[cCtTpPu]*,[cCtTpPu]*$/;
const CERT_FILE = /\.(pem|crt|cer|der|p7b|p7c|p12|pfx)$/i;
const ADDRESS = /^[a-z][\w+.-]*:\/\/|^ppa:|^[\w.-]+\/[\w.-]+$/i;

const norm = (w: string): string => w.toLowerCase().replace(/[^a-z0-9]/g, '');
const partsOf = (w: string): string[] => [norm(w), ...identifierParts(w)];

interface Added {
  what: 'trust-root' | 'package-source' | 'script-source';
  shown: string;
  names: string[];
}

function added(inv: Invocation): Added | undefined {
  if (NOT_A_CLI.test(inv.name)) return undefined;
  const { usual, valued } = freeFormReadings(inv.args);
  // Each option with the word it may take (the valued reading): `-keystore PATH`, `-t "C,,"`, `-s URL`.
  const taken = valued.options.map((o) => ({ bare: o.name.replace(/^-+/, '').toLowerCase(), value: o.values[0] }));
  const options = usual.options.map((o) => ({ name: o.name, bare: o.name.replace(/^-+/, ''), value: optionValue(o) }));
  const words = usual.operands.map((w) => w.text);
  // Command words: the first words before any path, address or value-shaped word.
  const command: string[] = [];
  const spec = toolNamed(inv.name);
  for (const w of words.slice(0, 3)) {
    if (!/^[A-Za-z][\w:-]*$/.test(w)) break;
    // A short alias the tool's entry lists (`zypper ar`) is read as its full spelling (`addrepo`).
    command.push(command.length === 0 && spec !== undefined ? commandSpellings(spec, w).reduce((a, b) => (b.length > a.length ? b : a), w) : w);
  }
  const base = inv.name.replace(/\.(exe|py|sh)$/, '');
  // A program named for a binary cache (`cachix`) or for certificates told to install itself (`mkcert -install`).
  const nameParts = [...partsOf(base), ...(/cach/i.test(base) ? ['cache'] : []), ...(/cert/i.test(base) && options.some((o) => o.bare === 'install') ? ['trusted'] : [])];
  const optionParts = options.flatMap((o) => partsOf(o.bare));
  if ([...command.flatMap(partsOf), ...optionParts].some((p) => READS.test(p)) || options.some((o) => /^(h|help|version|dry-run|dryrun|simulate)$/.test(o.bare))) return undefined;
  const certFile = words.find((w) => CERT_FILE.test(w));
  const nss = taken.some((o) => /^(t|trust|trustargs)$/.test(o.bare) && NSS_CA.test(o.value ?? '')) && options.some((o) => /^(a|add|import)$/i.test(o.bare));
  if (nss) return { what: 'trust-root', shown: `${inv.name} (trust flags of a certificate authority)`, names: certFile !== undefined ? [certFile] : [] };
  // Stop 39 (round 33: `jbang trust add https://github.com/`): a tool's list of trusted URL prefixes, whose scripts then run without a
  // prompt, given a whole host (or `*`): every author there is trusted. One repository or folder of it (`…/acme/scripts/`) stays allowed.
  const trustAt = command.findIndex((w) => /^trust(ed)?$/i.test(w));
  const wholeHost = trustAt >= 0 && command.slice(trustAt + 1).some(adding) ? words.find((w) => w === '*' || /^[a-z][\w+.-]*:\/\/[^/]*\*?[^/]*\/?\*?$/i.test(w)) : undefined;
  if (wholeHost !== undefined) return { what: 'script-source', shown: [inv.name, ...command.slice(0, trustAt + 2)].join(' '), names: [wholeHost] };
  const verbAt = command.findIndex(adding);
  const before = verbAt >= 0 ? command.slice(0, verbAt + 1) : [];
  const verbOption = options.find((o) => adding(o.bare));
  if (verbAt < 0 && verbOption === undefined && !nameParts.some((p) => ADDS.test(p))) return undefined;
  // After an adding option, the first operand says what is added to (`certutil -addstore Root`, `--option substituters URL`).
  // An option names a source only when it is itself the adding one (`--add-repo`, `--extra-substituters`); `--repository acme/app` says where a command acts.
  const nouns = [...nameParts, ...before.flatMap(partsOf), ...options.filter((o) => adding(o.bare)).flatMap((o) => partsOf(o.bare)), ...(verbAt < 0 && command[0] !== undefined ? partsOf(command[0]) : [])];
  const operands = words.slice(verbAt + 1).filter((w) => !/^-./.test(w));
  const shown = [inv.name, ...before, ...(verbOption ? [verbOption.name] : [])].join(' ');
  // A trust store named in the program, its command words or options; a keystore given by path counts only when it is the machine's.
  const keystore = taken.find((o) => /^(keystore|truststore|keychain|k)$/.test(o.bare))?.value;
  const machineStore = keystore !== undefined && /cacerts|system\.keychain|systemroots|^\/(etc|usr|opt|Library|System)\/|^\$|^~/i.test(keystore);
  const storeNamed = [...nameParts, ...before.flatMap(partsOf), ...(verbAt < 0 && command[0] !== undefined ? partsOf(command[0]) : [])].some((p) => STORE.test(p)) || options.some((o) => STORE_OPTION.test(norm(o.bare)));
  if (storeNamed && (keystore === undefined || machineStore)) return { what: 'trust-root', shown, names: [certFile ?? keystore ?? ''].filter((n) => n !== '') };
  // `step certificate install ROOT`, `… ca import FILE`: a certificate installed or imported by command words (a platform's `certs:add` serves one, and is left to its family).
  const family = toolNamed(inv.name)?.family;
  const installsCert = before.flatMap(partsOf).some((p) => /^(install|import|importcert|anchor)$/.test(p)) && before.flatMap(partsOf).some((p) => /^(cert|certs|certificate|certificates|ca|cas|rootcert)$/.test(p));
  if (installsCert && (family === undefined || !ELSEWHERE.has(family))) return { what: 'trust-root', shown, names: [certFile ?? operands[0] ?? ''].filter((n) => n !== '') };
  if (machineStore && verbOption !== undefined) return { what: 'trust-root', shown, names: [certFile ?? keystore!] };
  if (family !== undefined && ELSEWHERE.has(family)) return undefined;
  // A package manager importing a signing key (`rpm --import URL`, `rpmkeys --import FILE`): what it signs installs as trusted.
  const imports = [verbOption?.bare ?? '', ...before].some((w) => partsOf(w).includes('import'));
  const key = [...operands, ...options.map((o) => o.value ?? '')].find((v) => /key|gpg|\.asc$|\.pub$/i.test(v));
  if (family === 'package-manager' && imports && key !== undefined) return { what: 'package-source', shown, names: [key] };
  const after = verbAt >= 0 && command[verbAt + 1] !== undefined ? partsOf(command[verbAt + 1]!) : [];
  const sourceNouns = [...nouns, ...after].filter((p) => SOURCE.test(p) && !(family === 'package-manager' && /^(cache|binarycache)$/.test(p)));
  if (sourceNouns.length === 0) return undefined;
  const values = [...operands, ...options.map((o) => o.value ?? '').filter((v) => v !== ''), ...taken.map((o) => o.value ?? '').filter((v) => ADDRESS.test(v))];
  const address = values.find((v) => ADDRESS.test(v));
  if (sourceNouns.every((p) => NEEDS_ADDRESS.test(p)) ? !values.some((v) => URL_LIKE.test(v)) : operands.length === 0 && address === undefined) return undefined;
  // A package manager's install (`apt-get install ca-certificates`) names packages: only its command words or options name a source.
  if (family === 'package-manager' && ![...before.flatMap(partsOf), ...after].some((p) => SOURCE.test(p)) && !options.filter((o) => adding(o.bare)).flatMap((o) => partsOf(o.bare)).some((p) => SOURCE.test(p))) return undefined;
  return { what: 'package-source', shown, names: [address ?? operands[0]!] };
}

/** A certificate copied, moved or written into a CA anchor folder. */
function anchorWrite(inv: Invocation, ctx: RuleContext): string | undefined {
  if (inv.name === 'rm' || inv.name === 'unlink') return undefined;
  for (const e of effectsOf(inv)) {
    if (e.kind !== 'write') continue;
    const path = resolvePath(inv.cwd || ctx.facts.cwd, e.word.text, ctx.facts.home);
    if (ANCHOR_FOLDER.test(path)) return path;
  }
  for (const r of inv.redirects) if (/>/.test(r.op) && ANCHOR_FOLDER.test(resolvePath(inv.cwd || ctx.facts.cwd, r.target.text, ctx.facts.home))) return r.target.text;
  return undefined;
}

const LOST = {
  'trust-root': 'whoever holds that certificate authority\'s key can read and change every TLS connection this machine makes, and sign what it accepts',
  'package-source': 'whoever runs that source can ship code this machine later installs and runs, with no review',
  'script-source': 'every script anyone publishes there runs on this machine without a prompt, with no review',
};
const ADDS_WHAT = { 'trust-root': 'a certificate authority the whole machine trusts', 'package-source': 'a package source the machine installs from', 'script-source': 'a whole host to the scripts trusted to run' };

function checkTrust(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.remote || inv.args.length === 0) return [];
  const path = anchorWrite(inv, ctx);
  const found: Added | undefined = path !== undefined ? { what: 'trust-root', shown: `${inv.name} into ${path}`, names: [path] } : added(inv);
  if (!found) return [];
  // A public source the guard vouches for (a well-known registry, a host the workspace names) stays allowed.
  const url = found.names.find((n) => /^[a-z][\w+.-]*:\/\//i.test(n));
  if (found.what === 'package-source' && url !== undefined && vouchedSource(url, ctx.facts)) return [];
  const name = found.names[0] ?? inv.name;
  return [{
    rule: `trust.${found.what === 'trust-root' ? 'root-added' : found.what === 'script-source' ? 'script-source-added' : 'source-added'}`,
    risk: 'protection-removal',
    severity: 'ask',
    reason: `\`${found.shown}\` adds ${ADDS_WHAT[found.what]}${found.names.length > 0 ? ` (${name === '-' ? 'a key read from standard input' : found.what === 'script-source' ? name : hostOf(name) ?? name})` : ''}: ${LOST[found.what]}.`,
    targets: [{ kind: 'resource', name, provider: inv.name, remote: false, environment: 'local', environmentReason: 'this machine\'s trust' }],
  }];
}

/** Programs whose words are data or text, never a trust change. */
const NOT_A_CLI = /^(echo|printf|cat|grep|egrep|rg|sed|awk|jq|yq|git|find|xargs|sort|less|head|tail|curl|wget|ssh|python3?|node|ruby|perl|bash|sh|zsh|ls|test|\[)$/;

export const trustAddedPack: RulePack = {
  id: 'trust',
  title: 'Trust added: certificate authorities, binary caches and package sources for the whole machine',
  checkInvocation: checkTrust,
  // An adding verb in a word or the program's name, NSS trust flags, or a write (a copy into an anchor folder).
  // Package managers by name: their entries list short aliases of adding commands (`zypper ar`), which no word pattern shows.
  gate: { words: /add|use|tap|import|install|anchor|enable|extra|option|append|prepend|[CT],/i, namePattern: /add|import|install|trust|anchor/i, names: toolNamesOf('package-manager'), effects: ['write'], outputRedirect: true },
};
