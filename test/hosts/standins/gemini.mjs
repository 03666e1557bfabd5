// A stand-in for the Gemini API (generateContent and streamGenerateContent, `?alt=sse`) on 127.0.0.1,
// for Gemini CLI pointed at it with GOOGLE_GEMINI_BASE_URL. It plays the ScriptedModel's turns as
// native functionCall parts and records every request. Side requests of the CLI (next-speaker checks,
// routing, token counts) get plain answers and are recorded all the same.
import http from 'node:http';
import { ScriptedModel, readBody, safeHeaders } from './plan.mjs';

function offeredTools(request) {
  const out = [];
  for (const t of Array.isArray(request.tools) ? request.tools : []) {
    for (const d of (t && Array.isArray(t.functionDeclarations) ? t.functionDeclarations : [])) if (d && d.name) out.push(d.name);
  }
  return out;
}

/** The functionResponse parts of the conversation, oldest first; their text is what the model reads. */
function toolResultsOf(contents) {
  const out = [];
  let n = 0;
  for (const c of Array.isArray(contents) ? contents : []) {
    for (const p of Array.isArray(c && c.parts) ? c.parts : []) {
      if (!p || !p.functionResponse) continue;
      n += 1;
      const r = p.functionResponse;
      out.push({ id: r.id || `${r.name}-${n}`, text: JSON.stringify(r.response ?? {}), isError: Boolean(r.response && r.response.error) });
    }
  }
  return out;
}

function candidate(turn) {
  const parts = turn.toolCall ? [{ functionCall: { name: turn.toolCall.name, args: turn.toolCall.input } }] : [{ text: turn.text }];
  return { content: { role: 'model', parts }, finishReason: 'STOP', index: 0 };
}

const usage = { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 };

/** Start the stand-in. Returns { url, model: ScriptedModel, offeredEver: Set, close() }. */
export async function startGeminiStandin({ model = new ScriptedModel() } = {}) {
  const offeredEver = new Set();
  const server = http.createServer(async (req, res) => {
    const body = await readBody(req).catch(() => '');
    const url = new URL(req.url, 'http://127.0.0.1');
    model.record({ method: req.method, path: url.pathname, headers: safeHeaders(req.headers), body });
    const m = /\/models\/([^/:]+):(streamGenerateContent|generateContent|countTokens)$/.exec(url.pathname);
    if (req.method === 'POST' && m) {
      let request;
      try {
        request = JSON.parse(body);
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 400, message: 'body is not JSON', status: 'INVALID_ARGUMENT' } }));
        return;
      }
      if (m[2] === 'countTokens') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ totalTokens: 10 }));
        return;
      }
      const offered = offeredTools(request);
      for (const t of offered) offeredEver.add(t);
      // A side request asking for JSON (the CLI's own checks) gets JSON that says "nothing to do".
      const wantsJson = request.generationConfig && request.generationConfig.responseMimeType === 'application/json';
      const turn = wantsJson && offered.length === 0 ? { text: JSON.stringify({ next_speaker: 'user', reasoning: 'done', model_choice: 'flash', complexity_score: 1 }) } : model.next({ offered, results: toolResultsOf(request.contents) });
      const response = { candidates: [candidate(turn)], usageMetadata: usage, modelVersion: m[1], responseId: `standin-${Date.now().toString(36)}` };
      if (m[2] === 'streamGenerateContent') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
        res.write(`data: ${JSON.stringify(response)}\r\n\r\n`);
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(response));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 404, message: `the stand-in has no ${req.method} ${url.pathname}`, status: 'NOT_FOUND' } }));
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
