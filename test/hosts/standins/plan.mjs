// What every model stand-in shares: a script of tool calls for the conversation under test, and a
// record of every request that reached the stand-in. Each API module (anthropic.mjs, openai.mjs, …)
// only translates between its wire format and this.
//
// A conversation is "the main one" when the request offers the tool the script wants to call; other
// requests (titles, summaries, quota probes) get a short text answer and are recorded all the same,
// because the secret must appear in none of them.
//
// The script: an array of steps. Step n is played when the main conversation carries n tool results
// (so a client that retries a request gets the same step again). After the last step the model
// answers with plain text and the client ends its turn.

/** A step: { tool: '<the client's tool name>', input: {...} }, or { text } to answer in words. */
export class ScriptedModel {
  constructor() {
    this.requests = [];
    this.setScript([]);
  }

  /** A new script for the next client run; the record of requests is kept per script. */
  setScript(steps, { label = '' } = {}) {
    this.steps = steps;
    this.label = label;
    this.scriptRequests = [];
    this.toolResults = [];
  }

  /** Called by the wire layer for every request, with its raw body text. */
  record(entry) {
    const e = { label: this.label, at: Date.now(), ...entry };
    this.requests.push(e);
    this.scriptRequests.push(e);
  }

  /**
   * The turn to play. `offered` is the list of tool names the request offers; `results` the tool
   * results already in the conversation, oldest first ({ id, text, isError }).
   */
  next({ offered, results }) {
    const wanted = this.steps.find((s) => s.tool);
    const isMain = wanted ? offered.includes(wanted.tool) : offered.length > 0;
    if (!isMain) return { text: 'OK.' };
    for (const r of results) if (!this.toolResults.some((k) => k.id === r.id)) this.toolResults.push(r);
    const step = this.steps[results.length];
    if (!step) return { text: 'Done.' };
    if (step.text) return { text: step.text };
    return { toolCall: { name: step.tool, input: step.input } };
  }

  /** Whether the tool the script names is offered by this client at all (a wrong tool name is a test bug). */
  missingTools(offeredEver) {
    return this.steps.filter((s) => s.tool && !offeredEver.has(s.tool)).map((s) => s.tool);
  }
}

/** Read a whole request body. */
export function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Header values that could carry a credential are never kept. */
export function safeHeaders(headers) {
  const out = {};
  for (const [k, v] of Object.entries(headers)) out[k] = /auth|key|token|cookie/i.test(k) ? '<redacted>' : v;
  return out;
}

let idCounter = 0;
export function newId(prefix) {
  idCounter += 1;
  return `${prefix}${Date.now().toString(36)}${idCounter.toString(36).padStart(4, '0')}`;
}
