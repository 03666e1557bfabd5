import { strict as assert } from 'node:assert';
import { actionDigest } from '../../../src/node/ipc/actionDigest';

describe('actionDigest (what an answer is bound to, and the dedupe key)', () => {
  const roots = ['/ws'];
  it('is the same for the same action in the same folder, whichever host delivers it', () => {
    assert.equal(actionDigest({ kind: 'shell', command: 'rm -rf data', cwd: '/ws/a' }, roots), actionDigest({ kind: 'shell', command: 'rm -rf data ', cwd: '/ws/a' }, roots));
    // Cursor names the MCP server differently in its two events for one call
    assert.equal(actionDigest({ kind: 'mcp', server: 'railway', tool: 'volume_delete', input: '{"id":"v1"}', cwd: '/ws' }, roots), actionDigest({ kind: 'mcp', server: 'npx railway-mcp', tool: 'volume_delete', input: '{"id":"v1"}', cwd: '/ws' }, roots));
  });
  it('differs when the same command runs in another folder or workspace', () => {
    assert.notEqual(actionDigest({ kind: 'shell', command: 'rm -rf data', cwd: '/ws/a' }, roots), actionDigest({ kind: 'shell', command: 'rm -rf data', cwd: '/ws/b' }, roots));
    assert.notEqual(actionDigest({ kind: 'shell', command: 'rm -rf data', cwd: '/ws' }, roots), actionDigest({ kind: 'shell', command: 'rm -rf data', cwd: '/ws' }, ['/other']));
  });
  it('differs between kinds and between commands that look alike', () => {
    assert.notEqual(actionDigest({ kind: 'read', path: '/ws/x', cwd: '/ws' }, roots), actionDigest({ kind: 'write', path: '/ws/x', cwd: '/ws' }, roots));
    assert.notEqual(actionDigest({ kind: 'shell', command: 'git status', cwd: '/ws' }, roots), actionDigest({ kind: 'shell', command: 'rm -rf /', cwd: '/ws' }, roots));
    assert.notEqual(actionDigest({ kind: 'fetch', url: 'https://a', cwd: '/ws' }, roots), actionDigest({ kind: 'shell', command: 'https://a', cwd: '/ws' }, roots));
  });
  it('is 64 hex characters', () => {
    assert.match(actionDigest({ kind: 'shell', command: 'x', cwd: '/' }, []), /^[0-9a-f]{64}$/);
  });
});
