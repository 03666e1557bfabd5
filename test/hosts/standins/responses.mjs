// A stand-in for OpenAI's Responses API (POST /v1/responses, streamed as server-sent events) on
// 127.0.0.1, for Codex configured with a custom model provider (`wire_api = "responses"`). It plays
// the ScriptedModel's turns as `function_call` items, or `custom_tool_call` items for freeform tools
// (Codex's apply_patch), and records every request.
import http from 'node:http';
import { ScriptedModel, newId, readBody, safeHeaders } from './plan.mjs';

function offeredTools(request) {
  const out = new Map();
  for (const t of Array.isArray(request.tools) ? request.tools : []) {
    if (t && typeof t.name === 'string') out.set(t.name, t.type);
    // Namespaced tool groups carry their own tools.
    for (const inner of Array.isArray(t && t.tools) ? t.tools : []) if (inner && typeof inner.name === 'string') out.set(inner.name, inner.type);
  }
  return out;
}

function outputText(output) {
  if (typeof output === 'string') return output;
  if (Array.isArray(output)) return output.map((c) => (c && typeof c.text === 'string' ? c.text : '')).join('\n');
  if (output && typeof output === 'object' && typeof output.content === 'string') return output.content;
  return JSON.stringify(output ?? '');
}

function toolResultsOf(input) {
  return (Array.isArray(input) ? input : [])
    .filter((i) => i && (i.type === 'function_call_output' || i.type === 'custom_tool_call_output'))
    .map((i) => ({ id: i.call_id, text: outputText(i.output), isError: false }));
}

function sse(res, data) {
  res.write(`event: ${data.type}\ndata: ${JSON.stringify(data)}\n\n`);
}

function outputItem(turn, offered) {
  if (!turn.toolCall) return { type: 'message', id: newId('msg_'), role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: turn.text, annotations: [] }] };
  const { name, input } = turn.toolCall;
  if (offered.get(name) === 'custom') return { type: 'custom_tool_call', id: newId('ctc_'), call_id: newId('call_'), name, input: typeof input === 'string' ? input : String(input.input ?? '') };
  return { type: 'function_call', id: newId('fc_'), call_id: newId('call_'), name, arguments: JSON.stringify(input), status: 'completed' };
}

const usage = { input_tokens: 10, input_tokens_details: { cached_tokens: 0 }, output_tokens: 5, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 15 };

/** Start the stand-in. Returns { url (ends in /v1), model: ScriptedModel, offeredEver: Set, close() }. */
export async function startResponsesStandin({ model = new ScriptedModel() } = {}) {
  const offeredEver = new Set();
  const server = http.createServer(async (req, res) => {
    const body = await readBody(req).catch(() => '');
    const url = new URL(req.url, 'http://127.0.0.1');
    model.record({ method: req.method, path: url.pathname, headers: safeHeaders(req.headers), body });
    if (req.method === 'POST' && url.pathname.endsWith('/responses')) {
      let request;
      try {
        request = JSON.parse(body);
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'body is not JSON', type: 'invalid_request_error' } }));
        return;
      }
      const offered = offeredTools(request);
      for (const t of offered.keys()) offeredEver.add(t);
      const turn = model.next({ offered: [...offered.keys()], results: toolResultsOf(request.input) });
      const item = outputItem(turn, offered);
      const id = newId('resp_');
      const name = request.model || 'gpt-standin';
      const base = { id, object: 'response', created_at: Math.floor(Date.now() / 1000), model: name };
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      sse(res, { type: 'response.created', response: { ...base, status: 'in_progress', output: [] } });
      sse(res, { type: 'response.output_item.added', output_index: 0, item });
      sse(res, { type: 'response.output_item.done', output_index: 0, item });
      sse(res, { type: 'response.completed', response: { ...base, status: 'completed', output: [item], usage } });
      res.end();
      return;
    }
    if (req.method === 'GET' && url.pathname.endsWith('/models')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: 'gpt-standin', object: 'model', created: 0, owned_by: 'standin' }] }));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: `the stand-in has no ${req.method} ${url.pathname}`, type: 'not_found' } }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/v1`,
    model,
    offeredEver,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}
