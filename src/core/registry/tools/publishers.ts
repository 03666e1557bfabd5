import type { ToolSpec } from '../types';
import { act } from './packageManagers';
import { flag, flagsEach, valued, valuedEach } from './options';

/**
 * Uploaders to public package and extension registries that are not package managers themselves:
 * what each uploads, and the option that names another registry (a test index, one on this
 * machine). From each tool's documentation: twine (`upload`, `-r`/`--repository`,
 * `--repository-url`), flit (`publish --repository`), hatch (`publish -r`), pdm (`publish -r`),
 * vsce (`publish`, `unpublish`), ovsx (`publish -r`), dotnet (`nuget push|delete -s`).
 */

export const twine: ToolSpec = {
  names: ['twine'],
  family: 'package-manager',
  locality: 'remote',
  options: [flag('-h', '--help'), flag('--version'), flag('--no-color')],
  commands: {
    upload: act('uploads distributions to the package index, which cannot be replaced under the same version', { registry: (a) => a.value('--repository-url', '-r', '--repository') }, {
      options: [valued('-r', '--repository'), valued('--repository-url'), valued('-u', '--username'), valued('-p', '--password'), valued('-i', '--identity'),
        ...valuedEach('--sign-with', '--comment', '--config-file', '--cert', '--client-cert'), flag('-s', '--sign'),
        ...flagsEach('--skip-existing', '--non-interactive', '--attestations', '--disable-progress-bar', '--verbose', '--strict')],
    }),
    'check|register': {},
  },
};

export const flit: ToolSpec = {
  names: ['flit'],
  family: 'package-manager',
  locality: 'local',
  options: [flag('--debug'), flag('-h', '--help'), flag('-V', '--version'), valued('-f', '--ini-file')],
  commands: {
    publish: act('uploads the package to the index, which cannot be replaced under the same version', { registry: (a) => a.value('--repository') }, { options: [...valuedEach('--repository', '--pypirc', '--format'), flag('--use-vcs'), flag('--no-use-vcs')] }),
    'build|install|init': {},
  },
};

/** hatch and pdm: the same act, under `publish`. */
const PY_PUBLISH = act('uploads the package to the index, which cannot be replaced under the same version', { registry: (a) => a.value('-r', '--repo', '--repository') }, {
  options: [valued('-r', '--repo', '--repository'), valued('-u', '--user', '--username'), valued('-a', '--auth', '--password'), flag('--dry-run'), flag('--no-build')],
});

export const hatch: ToolSpec = { names: ['hatch'], family: 'package-manager', locality: 'local', options: [flag('-h', '--help'), flag('-v', '--verbose'), flag('-q', '--quiet')], commands: { publish: PY_PUBLISH } };
export const pdm: ToolSpec = { names: ['pdm'], family: 'package-manager', locality: 'local', options: [flag('-h', '--help'), flag('-v', '--verbose'), flag('-q', '--quiet')], commands: { publish: PY_PUBLISH } };

/** VS Code extension marketplaces: vsce (Microsoft's) and ovsx (Open VSX). */
export const vsce: ToolSpec = {
  names: ['vsce', 'ovsx'],
  family: 'package-manager',
  locality: 'remote',
  options: [flag('-h', '--help'), flag('-V', '--version')],
  commands: {
    publish: act('publishes the extension to the marketplace, where every installed editor updates to it', { registry: (a) => a.value('-r', '--registryUrl') }, {
      options: [valued('-p', '--pat'), valued('-i', '--packagePath'), valued('-t', '--target'), valued('-r', '--registryUrl'), ...valuedEach('--baseContentUrl', '--baseImagesUrl', '--githubBranch', '--gitlabBranch'),
        ...flagsEach('--pre-release', '--no-dependencies', '--skip-duplicate', '--azure-credential', '--allow-star-activation', '--no-git-tag-version', '--no-update-package-json')],
    }),
    unpublish: act('removes the extension from the marketplace', {}, { options: [valued('-p', '--pat'), flag('-f', '--force'), flag('--azure-credential')] }),
    'package|ls|show|search|login|logout|verify-pat|ls-publishers|create-publisher|get': {},
  },
};

/** `dotnet nuget push|delete` reach a NuGet feed; a folder as the source is a feed on this machine. */
export const dotnet: ToolSpec = {
  names: ['dotnet'],
  family: 'package-manager',
  locality: 'local',
  options: [flag('-h', '--help'), flag('--version'), flag('--info'), flag('-d', '--diagnostics')],
  commands: {
    nuget: {
      commands: {
        push: act('pushes the package to the NuGet feed, which cannot be replaced under the same version', { registry: (a) => a.value('-s', '--source') ?? 'https://api.nuget.org' }, {
          options: [valued('-s', '--source'), valued('-k', '--api-key'), valued('-ss', '--symbol-source'), valued('-sk', '--symbol-api-key'), valued('-t', '--timeout'),
            ...flagsEach('--skip-duplicate', '-n', '--no-symbols', '-d', '--disable-buffering', '--no-service-endpoint', '--interactive', '--force-english-output')],
        }),
        delete: act('deletes (unlists) the package version on the NuGet feed', { registry: (a) => a.value('-s', '--source') ?? 'https://api.nuget.org' }, {
          options: [valued('-s', '--source'), valued('-k', '--api-key'), ...flagsEach('--non-interactive', '--no-service-endpoint', '--interactive', '--force-english-output')],
        }),
      },
    },
  },
};

/**
 * Release tools that publish as their whole job (from their documentation): np (`--preview` is dry),
 * semantic-release and release-it (`-d`/`--dry-run`), changesets (`changeset publish`), lerna
 * (`lerna publish`), goreleaser (`release`; `--snapshot` or `--skip=publish` publish nothing).
 */
const RELEASES = 'publishes a release of the package to the registry, which cannot be replaced under the same version';

export const np: ToolSpec = {
  names: ['np'], family: 'runner', locality: 'remote', unknownLong: 'switch',
  options: [flag('--preview'), flag('--yolo'), flag('--no-publish'), valued('--tag'), valued('--branch'), valued('--contents'), valued('--message'), flag('--any-branch'), flag('--no-tests'), flag('--no-cleanup')],
  ...act(RELEASES, { harmless: (a) => a.has('--preview', '--no-publish') }),
};

export const semanticRelease: ToolSpec = {
  names: ['semantic-release', 'release-it'], family: 'runner', locality: 'remote', unknownLong: 'switch',
  options: [flag('-d', '--dry-run'), flag('--no-ci'), flag('--ci'), valued('-b', '--branches'), valued('-e', '--extends'), valued('-r', '--repository-url'), valued('-p', '--plugins'), flag('--debug'), flag('-V', '--verbose')],
  ...act(RELEASES, { harmless: (a) => a.has('-d', '--dry-run') }),
};

export const changeset: ToolSpec = {
  names: ['changeset', 'changesets', 'lerna'], family: 'runner', locality: 'local', unknownLong: 'switch',
  options: [flag('--no-git-tag'), valued('--otp'), valued('--tag'), flag('-y', '--yes')],
  commands: { publish: act(RELEASES), 'version|status|add|init|pre|tag|list|ls|run|exec|bootstrap|changed|diff|info': {} },
};

export const goreleaser: ToolSpec = {
  names: ['goreleaser'], family: 'runner', locality: 'local', unknownLong: 'switch',
  options: [flag('--snapshot'), valued('--skip'), valued('-f', '--config'), valued('-p', '--parallelism'), flag('--clean'), flag('--verbose')],
  commands: { release: act('publishes release artifacts and packages, which cannot be replaced under the same version', { harmless: (a) => a.has('--snapshot') || a.values('--skip').some((v) => /publish/.test(v)) }), 'build|check|init|healthcheck|changelog': {} },
};
