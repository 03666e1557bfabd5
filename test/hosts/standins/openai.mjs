// A stand-in for OpenAI's chat completions API on 127.0.0.1 (streaming and plain), for clients that
// take an OpenAI-compatible base URL (Cline's "openai" provider, Copilot CLI's default BYOK type).
// It plays the ScriptedModel's turns as native tool calls and records every request.
import http from 'node:http';
import { ScriptedModel, newId, readBody, safeHeaders } from './plan.mjs';

function textOf(content) {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((c) => (c && typeof c.text === 'string' ? c.text : '')).join('\n');
  return '';
}

function toolResultsOf(messages) {
  return (Array.isArray(messages) ? messages : []).filter((m) => m && m.role === 'tool').map((m) => ({ id: m.tool_call_id, text: textOf(m.content), isError: false }));
}

function offeredTools(request) {
  return (Array.isArray(request.tools) ? request.tools : []).map((t) => t && (t.function ? t.function.name : t.name)).filter(Boolean);
}

function chunk(res, data) {
  res.write(`data: ${JSON.stringify(data)}\n\n`);
}

function streamTurn(res, model, turn, includeUsage) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const id = newId('chatcmpl-');
  const created = Math.floor(Date.now() / 1000);
  const base = { id, object: 'chat.completion.chunk', created, model };
  chunk(res, { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
  if (turn.toolCall) {
    const call = { index: 0, id: newId('call_'), type: 'function', function: { name: turn.toolCall.name, arguments: JSON.stringify(turn.toolCall.input) } };
    chunk(res, { ...base, choices: [{ index: 0, delta: { tool_calls: [call] }, finish_reason: null }] });
    chunk(res, { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] });
  } else {
    chunk(res, { ...base, choices: [{ index: 0, delta: { content: turn.text }, finish_reason: null }] });
    chunk(res, { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
  }
  if (includeUsage) chunk(res, { ...base, choices: [], usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } });
  res.write('data: [DONE]\n\n');
  res.end();
}

function plainTurn(model, turn) {
  const message = turn.toolCall
    ? { role: 'assistant', content: null, tool_calls: [{ id: newId('call_'), type: 'function', function: { name: turn.toolCall.name, arguments: JSON.stringify(turn.toolCall.input) } }] }
    : { role: 'assistant', content: turn.text };
  return { id: newId('chatcmpl-'), object: 'chat.completion', created: Math.floor(Date.now() / 1000), model, choices: [{ index: 0, message, finish_reason: turn.toolCall ? 'tool_calls' : 'stop' }], usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } };
}

/** Start the stand-in. Returns { url (ends in /v1), model: ScriptedModel, offeredEver: Set, close() }. */
export async function startOpenAiStandin({ model = new ScriptedModel() } = {}) {
  const offeredEver = new Set();
  const server = http.createServer(async (req, res) => {
    const body = await readBody(req).catch(() => '');
    const url = new URL(req.url, 'http://127.0.0.1');
    model.record({ method: req.method, path: url.pathname, headers: safeHeaders(req.headers), body });
    if (req.method === 'POST' && url.pathname.endsWith('/chat/completions')) {
      let request;
      try {
        request = JSON.parse(body);
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'body is not JSON', type: 'invalid_request_error' } }));
        return;
      }
      const offered = offeredTools(request);
      for (const t of offered) offeredEver.add(t);
      const turn = model.next({ offered, results: toolResultsOf(request.messages) });
      const name = request.model || 'gpt-standin';
      if (request.stream) return streamTurn(res, name, turn, Boolean(request.stream_options && request.stream_options.include_usage));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(plainTurn(name, turn)));
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
