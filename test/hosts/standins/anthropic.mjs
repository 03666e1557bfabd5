// A stand-in for Anthropic's Messages API on 127.0.0.1 (streaming and plain), for clients that take a
// base URL: Claude Code (ANTHROPIC_BASE_URL) and Copilot CLI (COPILOT_PROVIDER_TYPE=anthropic).
// It plays the ScriptedModel's turns and records every request.
import http from 'node:http';
import { ScriptedModel, newId, readBody, safeHeaders } from './plan.mjs';

function toolResultsOf(messages) {
  const out = [];
  for (const m of Array.isArray(messages) ? messages : []) {
    if (m.role !== 'user' || !Array.isArray(m.content)) continue;
    for (const block of m.content) {
      if (block && block.type === 'tool_result') {
        const text = typeof block.content === 'string' ? block.content : Array.isArray(block.content) ? block.content.map((c) => (c && typeof c.text === 'string' ? c.text : '')).join('\n') : '';
        out.push({ id: block.tool_use_id, text, isError: block.is_error === true });
      }
    }
  }
  return out;
}

function contentBlocks(turn) {
  if (turn.toolCall) return [{ type: 'tool_use', id: newId('toolu_'), name: turn.toolCall.name, input: turn.toolCall.input }];
  return [{ type: 'text', text: turn.text }];
}

function usage() {
  return { input_tokens: 10, output_tokens: 5, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
}

function sse(res, event, data) {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

function streamMessage(res, model, blocks, stopReason) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'request-id': newId('req_') });
  sse(res, 'message_start', { type: 'message_start', message: { id: newId('msg_'), type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: usage() } });
  blocks.forEach((b, index) => {
    if (b.type === 'text') {
      sse(res, 'content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
      sse(res, 'content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text: b.text } });
    } else {
      sse(res, 'content_block_start', { type: 'content_block_start', index, content_block: { type: 'tool_use', id: b.id, name: b.name, input: {} } });
      sse(res, 'content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: JSON.stringify(b.input) } });
    }
    sse(res, 'content_block_stop', { type: 'content_block_stop', index });
  });
  sse(res, 'message_delta', { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: 5 } });
  sse(res, 'message_stop', { type: 'message_stop' });
  res.end();
}

/** Start the stand-in. Returns { url, model: ScriptedModel, offeredEver: Set, close() }. */
export async function startAnthropicStandin({ model = new ScriptedModel() } = {}) {
  const offeredEver = new Set();
  const server = http.createServer(async (req, res) => {
    const body = await readBody(req).catch(() => '');
    const url = new URL(req.url, 'http://127.0.0.1');
    model.record({ method: req.method, path: url.pathname, headers: safeHeaders(req.headers), body });
    if (req.method === 'POST' && url.pathname.endsWith('/v1/messages/count_tokens')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ input_tokens: 100 }));
      return;
    }
    if (req.method === 'POST' && url.pathname.endsWith('/v1/messages')) {
      let request;
      try {
        request = JSON.parse(body);
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ type: 'error', error: { type: 'invalid_request_error', message: 'body is not JSON' } }));
        return;
      }
      const offered = (Array.isArray(request.tools) ? request.tools : []).map((t) => t && t.name).filter(Boolean);
      for (const t of offered) offeredEver.add(t);
      const turn = model.next({ offered, results: toolResultsOf(request.messages) });
      const blocks = contentBlocks(turn);
      const stopReason = turn.toolCall ? 'tool_use' : 'end_turn';
      const modelName = request.model || 'claude-standin';
      if (request.stream) return streamMessage(res, modelName, blocks, stopReason);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: newId('msg_'), type: 'message', role: 'assistant', model: modelName, content: blocks, stop_reason: stopReason, stop_sequence: null, usage: usage() }));
      return;
    }
    if (req.method === 'GET' && /\/v1\/models/.test(url.pathname)) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: [{ type: 'model', id: 'claude-sonnet-4-5', display_name: 'Stand-in', created_at: '2025-01-01T00:00:00Z' }], has_more: false, first_id: 'claude-sonnet-4-5', last_id: 'claude-sonnet-4-5' }));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: `the stand-in has no ${req.method} ${url.pathname}` } }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    model,
    offeredEver,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}
