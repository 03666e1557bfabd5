/**
 * A vendor's installer piped into a shell (`curl -fsSL https://deb.nodesource.com/setup_20.x | bash -`)
 * written into a place that runs on another machine: an image build's `RUN` (a build container) or a CI
 * step (a runner). There it changes that machine only, as the vendor's documentation tells everyone to
 * do, so the unread script is not asked about. What such a line sends out or destroys is still judged
 * (the download's own options are read, and every other command of the line keeps its findings); on
 * this machine the same pipe still asks (the analysis does not call this).
 *
 * The table lists the vendors' own installer hosts, with the path prefix where a host also serves
 * other people's content (raw.githubusercontent.com serves every repository): an address elsewhere,
 * plain http, or an option that changes where the request goes (`--resolve`, `--connect-to`, a proxy,
 * a config file) keeps the question.
 */

import type { Analysis, ArgWord, Invocation, Opaque } from '../../policy/types';
import { ownTable } from '../../ownTable';
import { readingsOf, toolNamed } from '../../registry/commandModel';
import { optionsMatching } from '../../registry/grammar';

/** Host → path prefixes served by the vendor ('' = the whole host). */
const INSTALLER_HOSTS: Readonly<Record<string, readonly string[]>> = ownTable({
  'deb.nodesource.com': [''],
  'rpm.nodesource.com': [''],
  'sh.rustup.rs': [''],
  'static.rust-lang.org': ['/rustup/'],
  'get.pnpm.io': [''],
  'bun.sh': ['/install'],
  'deno.land': ['/install.sh', '/x/install/install.sh'],
  'get.docker.com': [''],
  'test.docker.com': [''],
  'install.python-poetry.org': [''],
  'astral.sh': ['/uv/', '/ruff/'],
  'get.sdkman.io': [''],
  'get.volta.sh': [''],
  'fnm.vercel.app': ['/install'],
  'yarnpkg.com': ['/install.sh'],
  'starship.rs': ['/install.sh'],
  'install.determinate.systems': ['/nix'],
  'nixos.org': ['/nix/install'],
  'get.helm.sh': [''],
  'get.opentofu.org': [''],
  'dot.net': ['/v1/dotnet-install.sh'],
  'raw.githubusercontent.com': ['/nvm-sh/nvm/', '/Homebrew/install/', '/helm/helm/main/scripts/', '/pyenv/pyenv-installer/', '/rbenv/rbenv-installer/', '/golangci/golangci-lint/'],
  'get.k3s.io': [''],
  'sdk.cloud.google.com': [''],
  'aka.ms': ['/InstallAzureCLIDeb'],
});

/** Options of the download that only shape how it fetches (quiet, fail, follow redirects, TLS floor, retries, output to stdout). */
const HARMLESS_OPTIONS = [
  '--fail', '--silent', '--show-error', '--location', '--proto', '--tlsv1.2', '--tlsv1.3', '--tlsv1', '--retry', '--retry-delay', '--retry-max-time', '--retry-connrefused', '--compressed', '--max-time', '--connect-timeout', '--output', '--http1.1', '--http2', '--ipv4', '--ipv6', '--proto-redir', '--progress-bar', '--no-progress-meter', '--fail-with-body', '--fail-early',
  // wget
  '--quiet', '--output-document', '--https-only', '--no-verbose', '--tries', '--timeout', ];

function installerAddress(url: string): boolean {
  const m = /^https:\/\/([a-z0-9.-]+)(\/[^\s?#]*)?(?:[?#]\S*)?$/i.exec(url);
  if (!m) return false;
  const prefixes = INSTALLER_HOSTS[m[1]!.toLowerCase()];
  const path = m[2] ?? '/';
  return prefixes !== undefined && !path.includes('..') && prefixes.some((p) => p === '' || path.startsWith(p));
}

/** A download that fetches only from installer addresses, with options that change nothing but how it fetches. */
export function fetchesVendorInstaller(inv: Invocation): boolean {
  if ((inv.name !== 'curl' && inv.name !== 'wget') || inv.redirects.length > 0 || inv.args.some((a) => a.dynamic)) return false;
  const spec = toolNamed(inv.name);
  if (!spec) return false;
  const readings = readingsOf(inv.args, spec);
  if (readings.length === 0) return false;
  return readings.every((r) => {
    if (r.unsure.length > 0 || r.ambiguous.length > 0 || r.dynamicValue) return false;
    // `-o -` / `-O-`: the script goes to the pipe; a file output would be something else.
    const harmless = new Set(optionsMatching(r, spec, HARMLESS_OPTIONS));
    if (!r.options.every((o) => harmless.has(o))) return false;
    if (!optionsMatching(r, spec, ['--output', '--output-document']).every((o) => o.values.every((v) => v === '-'))) return false;
    const urls = r.operands.map((w: ArgWord) => w.text);
    return urls.length > 0 && urls.every(installerAddress);
  });
}

const PIPED_OUTPUT = /^the output of (curl|wget) is run by (\S+)$/;

/**
 * Whether an opaque "the output of curl is run by sh" of a payload is only vendor installers: every
 * shell of that name reading a pipe from that download fetches from an installer address.
 */
export function onlyVendorInstallers(o: Opaque, analysis: Analysis): boolean {
  const m = PIPED_OUTPUT.exec(o.reason);
  if (!m || o.remote !== undefined) return false;
  const fed = analysis.invocations.filter((inv) => inv.name === m[2] && inv.stdin?.kind === 'pipe' && inv.stdin.from.name === m[1]);
  return fed.length > 0 && fed.every((inv) => inv.stdin?.kind === 'pipe' && fetchesVendorInstaller(inv.stdin.from));
}
