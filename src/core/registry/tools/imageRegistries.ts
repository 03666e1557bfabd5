import type { ToolArgs, ToolSpec } from '../types';
import { imageRegistry, REGISTRY_LOGIN } from './docker';
import { flag, valued } from './options';
import { act } from './packageManagers';

/**
 * Clients of container registries besides docker (issue #18, round 7): crane, skopeo, oras and
 * cosign. Copying or tagging onto a reference replaces what every host pulling that tag runs next;
 * deleting a manifest takes it away; signing makes an image pass the policies that admit only signed
 * images, and cleaning takes the signatures and attestations away. The publishing pack asks for each
 * (`registryAct`); a registry on this machine (`localhost:5000`) and a copy into a local directory or
 * archive stay allowed.
 */

/** The registry of a transport reference (`docker://ghcr.io/acme/api:1`); undefined for local transports (`dir:`, `oci:`, `docker-archive:`). */
function transportRegistry(ref: string | undefined): string | undefined {
  if (ref === undefined) return undefined;
  if (ref.startsWith('docker://')) return imageRegistry(ref.slice('docker://'.length));
  return /^[a-z-]+:/.test(ref) && !/^[\w.-]+:\d+\//.test(ref) ? '.' : imageRegistry(ref);
}

const lastOperand = (a: ToolArgs): string | undefined => a.parsed.operands[a.parsed.operands.length - 1]?.text;
const REPLACES = 'replaces the tag, so every host that pulls it runs this image next';

export const crane: ToolSpec = {
  names: ['crane', 'gcrane'],
  family: 'containers',
  locality: 'remote',
  options: [valued('--platform'), flag('--insecure'), flag('-v', '--verbose'), flag('--allow-nondistributable-artifacts')],
  commands: {
    'copy|cp': act(`copies an image onto the destination reference: it ${REPLACES}`, { registry: (a) => imageRegistry(lastOperand(a)) }, { options: [flag('-a', '--all-tags'), flag('-n', '--no-clobber'), valued('-j', '--jobs')] }),
    tag: act(`points another tag at the image: it ${REPLACES}`, { registry: (a) => imageRegistry(a.operand(0)) }),
    'push|append|mutate|rebase|flatten': act(`writes an image to the registry: it ${REPLACES}`, { registry: (a) => imageRegistry(a.value('-t', '--tag') ?? lastOperand(a)), harmless: (a) => a.parsed.path[0] === 'mutate' && a.value('-t', '--tag') === undefined && a.parsed.options.length === 0 }, { options: [valued('-t', '--tag'), valued('-o', '--output'), valued('--entrypoint'), valued('--cmd'), valued('--env'), valued('--label'), valued('--annotation'), valued('-f', '--new_layer'), valued('--base'), valued('--old_base'), valued('--new_base')] }),
    delete: act('deletes the image manifest: every tag and host that pulls it by digest loses it', { registry: (a) => imageRegistry(a.operand(0)) }),
    'ls|catalog|digest|manifest|config|export|pull|validate|blob|version|index': {},
    // `crane auth login HOST -u U --password-stdin` (rules/support/ownRegistryLogins.ts reads the host and where the password comes from).
    auth: { commands: { login: { options: [valued('-u', '--username'), valued('-p', '--password'), flag('--password-stdin')] }, 'get|logout|token': {} } },
  },
};

export const skopeo: ToolSpec = {
  names: ['skopeo'],
  family: 'containers',
  locality: 'remote',
  options: [flag('--insecure-policy'), valued('--override-arch'), valued('--override-os'), flag('--debug'), valued('--registries.d'), valued('--policy')],
  commands: {
    copy: act(`copies an image onto the destination reference: it ${REPLACES}`, { registry: (a) => transportRegistry(lastOperand(a)) }, { options: [flag('-a', '--all'), valued('--dest-creds'), valued('--src-creds'), flag('--dest-tls-verify'), flag('--src-tls-verify'), valued('--format', '-f'), flag('--remove-signatures'), valued('--sign-by')] }),
    sync: act('copies every image of the source onto the destination registry, replacing the tags it names', { registry: (a) => a.value('--dest') === 'docker' ? imageRegistry(lastOperand(a)) : '.' }, { options: [valued('--src'), valued('--dest'), flag('-a', '--all'), flag('--scoped')] }),
    delete: act('deletes the image from the registry: every tag and host that pulls it loses it', { registry: (a) => transportRegistry(a.operand(0)) }),
    'inspect|list-tags|logout|manifest-digest|standalone-sign|standalone-verify': {},
    login: { options: REGISTRY_LOGIN },
  },
};

export const oras: ToolSpec = {
  names: ['oras'],
  family: 'containers',
  locality: 'remote',
  options: [valued('--registry-config'), flag('--plain-http'), flag('--insecure'), flag('-d', '--debug'), flag('-v', '--verbose')],
  commands: {
    'push|attach': act(`pushes an artifact onto the reference: it ${REPLACES}`, { registry: (a) => imageRegistry(a.operand(0)) }, { options: [valued('--artifact-type'), valued('-a', '--annotation'), valued('--config')] }),
    'copy|cp': act(`copies an artifact onto the destination reference: it ${REPLACES}`, { registry: (a) => imageRegistry(lastOperand(a)) }, { options: [flag('-r', '--recursive')] }),
    tag: act(`points another tag at the artifact: it ${REPLACES}`, { registry: (a) => imageRegistry(a.operand(0)) }),
    manifest: { commands: { delete: act('deletes the manifest from the registry: every tag and host that pulls it loses it', { registry: (a) => imageRegistry(a.operand(0)) }), 'fetch|fetch-config|push': {} } },
    blob: { commands: { delete: act('deletes a blob from the registry', { registry: (a) => imageRegistry(a.operand(0)) }), 'fetch|push': {} } },
    'pull|discover|repo|logout|version|resolve': {},
    login: { options: [valued('-u', '--username'), valued('-p', '--password'), flag('--password-stdin'), valued('--identity-token'), flag('--identity-token-stdin'), valued('--ca-file'), valued('--cert-file'), valued('--key-file')] },
  },
};

/** regclient's regctl: `image copy|retag|mod --create`, `tag delete`, `manifest delete`. */
export const regctl: ToolSpec = {
  names: ['regctl'],
  family: 'containers',
  locality: 'remote',
  options: [valued('-v', '--verbosity'), valued('--logopt'), valued('--host')],
  commands: {
    registry: { commands: { login: { options: [valued('-u', '--user'), valued('-p', '--pass'), flag('--pass-stdin')] }, 'logout|config|set': {} } },
    image: {
      commands: {
        'copy|cp': act(`copies an image onto the destination reference: it ${REPLACES}`, { registry: (a) => imageRegistry(lastOperand(a)) }, { options: [flag('--force'), flag('--digest-tags'), flag('--include-external'), valued('--platform'), flag('--referrers')] }),
        mod: act(`writes a modified image under a tag: it ${REPLACES}`, { registry: (a) => imageRegistry(a.value('--create') ?? a.operand(0)), harmless: (a) => !a.has('--create', '--replace') }, { options: [valued('--create'), flag('--replace'), valued('--annotation'), valued('--label')] }),
        'delete|rm': act('deletes the image manifest from the registry: every tag and host that pulls it loses it', { registry: (a) => imageRegistry(a.operand(0)) }),
        'inspect|digest|config|manifest|ratelimit|get-file|check-base|export|import': {},
      },
    },
    tag: { commands: { 'delete|rm': act('deletes the tag: hosts that pull it get nothing', { registry: (a) => imageRegistry(a.operand(0)) }), 'ls|list': {} } },
    manifest: { commands: { 'delete|rm': act('deletes the manifest: every tag and host that pulls it loses it', { registry: (a) => imageRegistry(a.operand(0)) }), put: act(`writes a manifest under the reference: it ${REPLACES}`, { registry: (a) => imageRegistry(a.operand(0)) }), 'get|head|diff': {} } },
    // Round 8 (issue #18): `repo copy` writes every tag of one repository over another; a `delete` under repo or blob, whatever the version supports, asks: the unknown is not safe.
    repo: { commands: { 'copy|cp': act(`copies every tag onto the destination repository: it ${REPLACES}`, { registry: (a) => imageRegistry(lastOperand(a)) }), 'delete|rm|remove': act('deletes the repository from the registry: every tag and host that pulls it loses it', { registry: (a) => imageRegistry(a.operand(0)) }), 'ls|list': {} } },
    blob: { commands: { 'delete|rm': act('deletes a blob from the registry: images that reference it stop pulling', { registry: (a) => imageRegistry(a.operand(0)) }), 'get|head|put|copy|diff-config|diff-layer|get-file': {} } },
    'registry|artifact|version|completion': {},
  },
};

export const cosign: ToolSpec = {
  names: ['cosign'],
  family: 'containers',
  locality: 'remote',
  options: [flag('-y', '--yes'), flag('-d', '--verbose'), valued('-t', '--timeout')],
  commands: {
    sign: act('signs the image: policies that admit only signed images let it run wherever they apply', { registry: (a) => imageRegistry(lastOperand(a)) }, { options: [valued('--key'), valued('-a', '--annotations'), flag('--upload'), valued('--identity-token'), flag('--recursive'), flag('--tlog-upload')] }),
    'attest|attest-blob': act('attaches a signed attestation to the image: policies that check attestations trust what it says', { registry: (a) => imageRegistry(lastOperand(a)) }, { options: [valued('--key'), valued('--predicate'), valued('--type')] }),
    clean: act('removes the signatures, attestations and SBOMs of the image: a safety net is removed — its provenance can no longer be checked, and policies that require a signature refuse it', { registry: (a) => imageRegistry(lastOperand(a)) }, { options: [valued('--type'), flag('-f', '--force')] }),
    'verify|verify-attestation|verify-blob|tree|triangulate|download|version|generate-key-pair|public-key|login|env|initialize': {},
  },
};
