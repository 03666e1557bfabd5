import * as crypto from 'node:crypto';
import { UNKNOWN_TREATED_AS_PRODUCTION } from '../../core/policy/verdict';
import { IPC_PROTOCOL_VERSION, type ConfirmRequest } from '../../core/protocol/ipc';

export type SampleKind = 'production' | 'local';

const SAMPLE_PREFIX = 'sample-';

/** A sample ask: its command says itself that nothing ran, so no decision notification follows it. */
export function isSampleAsk(request: Pick<ConfirmRequest, 'id'>): boolean {
  return request.id.startsWith(SAMPLE_PREFIX);
}

/**
 * Sample asks for the walkthrough and for screenshots: they go through the same queue and dialog as
 * real ones, but nothing runs whatever the answer. The production one retells the incident.
 */
export function sampleAsk(kind: SampleKind, workspace: string, timeoutMs: number): ConfirmRequest {
  const id = `${SAMPLE_PREFIX}${crypto.randomBytes(6).toString('hex')}`;
  const base = { type: 'confirm' as const, version: IPC_PROTOCOL_VERSION as typeof IPC_PROTOCOL_VERSION, token: '', id, host: 'vscode' as const, event: 'sample — nothing will run', agent: 'Blast Shield sample', deadline: Date.now() + timeoutMs, dedupeKey: id, workspaceRoots: [] };
  if (kind === 'production') {
    return {
      ...base,
      action: {
        kind: 'shell',
        command: `curl -s -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $(jq -r .token legacy/config_backup.json)" -H 'Content-Type: application/json' -d '{"query":"mutation { volumeDelete(volumeId: \\"vol-7f3a91\\") }"}'`,
        cwd: workspace,
      },
      verdict: {
        decision: 'ask',
        production: true,
        risks: ['destructive', 'credential-use'],
        reasons: ['Sends the Railway GraphQL mutation volumeDelete, which deletes a volume and every byte on it.', 'Uses the Railway token from legacy/config_backup.json.', `vol-7f3a91 is production (${UNKNOWN_TREATED_AS_PRODUCTION}).`],
        targets: [
          { kind: 'volume', name: 'vol-7f3a91', provider: 'railway', remote: true, environment: 'production', environmentReason: UNKNOWN_TREATED_AS_PRODUCTION },
          { kind: 'credential', name: 'legacy/config_backup.json', provider: 'railway', remote: false, environment: 'local', environmentReason: 'a file in this workspace' },
        ],
        confirm: 'vol-7f3a91',
      },
    };
  }
  return {
    ...base,
    action: { kind: 'shell', command: 'rm -rf build', cwd: workspace },
    verdict: {
      decision: 'ask',
      production: false,
      risks: ['destructive'],
      reasons: ['Deletes build and everything under it (rm -rf).'],
      targets: [{ kind: 'path', name: 'build', provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'a folder on this machine' }],
      confirm: 'build',
    },
  };
}
