/**
 * The confirm dialog page. It renders what the extension host sends and reports the human's input;
 * it decides nothing. Allow sends the typed text and the host compares it; every other way out
 * (Deny, Escape, closing, reloading, the deadline) is a deny the host settles itself.
 * Built with DOM calls and textContent only: nothing from a request is ever parsed as HTML.
 */
import type { ConfirmView, HostToWebview, WebviewToHost } from '../core/protocol/webview';
import { formatBytes, type Preview, type PreviewSection } from '../core/preview/model';
import { UNKNOWN_TREATED_AS_PRODUCTION } from '../core/policy/verdict';

/** "production (host db.prod…)", or for a guess refused, "unknown — treated as production" rather than "production (environment unknown …)". */
function environmentText(environment: string, reason: string | undefined): string {
  if (reason === UNKNOWN_TREATED_AS_PRODUCTION) return reason;
  return reason ? `${environment} (${reason})` : environment;
}

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root') as HTMLElement;
let current: ConfirmView | undefined;
let countdown: number | undefined;
let lastAnnounced = Infinity;

type Child = Node | string | undefined | false;
function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) if (c !== undefined && c !== false) node.append(c);
  return node;
}

function diffBlock(patch: string): HTMLElement {
  const pre = el('pre', { class: 'diff', tabindex: '0', 'aria-label': 'diff' });
  for (const line of patch.split('\n')) {
    const cls = line.startsWith('+') && !line.startsWith('+++') ? 'add' : line.startsWith('-') && !line.startsWith('---') ? 'del' : line.startsWith('@@') ? 'hunk' : 'ctx';
    pre.append(el('span', { class: `line ${cls}` }, line + '\n'));
  }
  return pre;
}

function section(s: PreviewSection): HTMLElement {
  const box = el('section', { class: `preview-section kind-${s.kind}`, 'aria-label': s.title }, el('h3', {}, s.title));
  switch (s.kind) {
    case 'files': {
      box.append(el('p', { class: 'summary' }, `${s.totalFiles} file${s.totalFiles === 1 ? '' : 's'}, ${formatBytes(s.totalBytes)}${s.truncated ? ' (list cut short)' : ''} under ${s.root}`));
      const table = el('table', { class: 'files' }, el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Path'), el('th', { scope: 'col', class: 'num' }, 'Size'))));
      const body = el('tbody');
      for (const e of s.entries) body.append(el('tr', {}, el('td', {}, e.path), el('td', { class: 'num' }, e.directory ? '' : formatBytes(e.bytes))));
      table.append(body);
      box.append(table);
      break;
    }
    case 'diff':
      for (const f of s.files) box.append(el('h4', {}, `${f.path} — ${f.status}`), f.patch ? diffBlock(f.patch) : el('p', {}, '(not shown: preview size limit)'));
      if (s.truncated) box.append(el('p', { class: 'note' }, 'The diff was cut short.'));
      break;
    case 'commits': {
      const list = el('ol', { class: 'commits' });
      for (const c of s.commits) list.append(el('li', {}, el('code', {}, c.sha), ` ${c.subject} — ${c.author}, ${c.date}`));
      box.append(list);
      if (s.truncated) box.append(el('p', { class: 'note' }, 'More commits than shown.'));
      break;
    }
    case 'statements':
      box.append(el('p', { class: 'database' }, 'Database: ', el('strong', {}, s.database)));
      if (s.tables.length > 0) box.append(el('p', { class: 'tables' }, `Table${s.tables.length === 1 ? '' : 's'}: `, el('strong', {}, s.tables.join(', '))));
      for (const st of s.statements) box.append(el('pre', { class: 'sql' }, st));
      break;
    case 'resources': {
      const table = el('table', { class: 'resources' }, el('thead', {}, el('tr', {}, ...['Provider', 'Resource', 'Kind', 'Environment'].map((h) => el('th', { scope: 'col' }, h)))));
      const body = el('tbody');
      for (const r of s.rows) {
        body.append(el('tr', { class: r.environment === 'production' ? 'prod' : '' }, el('td', {}, r.provider), el('td', {}, r.resource), el('td', {}, r.kind), el('td', {}, environmentText(r.environment, r.environmentReason))));
      }
      table.append(body);
      box.append(table);
      break;
    }
    case 'unavailable':
      box.append(el('p', { class: 'unavailable' }, s.reason));
      break;
    case 'recovery':
      box.classList.add(s.recoverable ? 'recoverable' : 'irreversible');
      box.append(el('p', { class: 'summary', id: 'recovery-summary' }, s.summary));
      if (s.details.length > 0) box.append(el('ul', { class: 'details' }, ...s.details.map((d) => el('li', {}, d))));
      if (s.backup?.available) {
        box.append(el('p', { class: 'backup' }, el('input', { type: 'checkbox', id: 'backup-first' }), ' ', el('label', { for: 'backup-first' }, s.backup.label)));
      } else if (s.backup) {
        box.append(el('p', { class: 'note' }, `${s.backup.label}: not offered (${s.backup.why ?? 'unavailable'}).`));
      }
      break;
  }
  return box;
}

function renderPreview(preview: Preview | undefined): HTMLElement {
  const box = el('div', { id: 'preview', 'aria-live': 'polite' });
  if (!preview) box.append(el('p', { class: 'note' }, 'Computing the preview…'));
  else for (const s of preview.sections) box.append(section(s));
  return box;
}

function banner(view: ConfirmView): HTMLElement | undefined {
  if (view.environment === 'production') return el('div', { class: 'banner production', role: 'alert' }, 'PRODUCTION');
  if (view.environment === 'unknown') return el('div', { class: 'banner unknown', role: 'alert' }, 'ENVIRONMENT UNKNOWN — TREATED AS PRODUCTION');
  return undefined;
}

function secondsLeft(deadline: number): number {
  return Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
}

function tick(): void {
  if (!current) return;
  const left = secondsLeft(current.deadline);
  const visible = document.getElementById('countdown');
  if (visible) visible.textContent = `${left} s left — then denied automatically`;
  const live = document.getElementById('countdown-live');
  for (const mark of [60, 30, 10]) {
    if (left <= mark && lastAnnounced > mark && live) {
      live.textContent = `${mark} seconds left`;
      lastAnnounced = mark;
    }
  }
  if (left === 0) {
    const allow = document.getElementById('allow') as HTMLButtonElement | null;
    if (allow) allow.disabled = true;
  }
}

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 90 ? `${s} s ago` : `${Math.round(s / 60)} min ago`;
}

/** "You denied this same action at 14:02:11 (40 s ago)": the agent is sending it again. */
function earlierDenyNote(view: ConfirmView): HTMLElement | undefined {
  const earlier = view.earlierDeny;
  if (!earlier) return undefined;
  const when = `${new Date(earlier.at).toLocaleTimeString()} (${ago(Date.now() - earlier.at)})`;
  const what =
    earlier.by === 'user'
      ? `You denied this same action at ${when}.`
      : earlier.by === 'deadline'
        ? `This same action was asked at ${when} and nobody answered in time.`
        : `This same action was denied at ${when}.`;
  return el('p', { id: 'earlier', class: 'earlier', role: 'note' }, `${what} The agent is sending it again.`);
}

function render(view: ConfirmView): void {
  current = view;
  lastAnnounced = Infinity;
  const input = el('input', { id: 'phrase', type: 'text', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'phrase-help', 'aria-label': `Type ${view.phrase} to allow once` });
  const allow = el('button', { id: 'allow', class: 'allow', type: 'submit', disabled: '' }, 'Allow once');
  const deny = el('button', { id: 'deny', class: 'deny', type: 'button' }, 'Deny');
  const mismatch = el('p', { id: 'mismatch', class: 'mismatch', role: 'alert' });
  input.addEventListener('input', () => {
    allow.disabled = input.value.trim() !== view.phrase;
    mismatch.textContent = '';
  });
  const form = el('form', { id: 'confirm-form', 'aria-label': 'Confirm' },
    el('label', { for: 'phrase', id: 'phrase-help' }, 'Type ', el('code', { class: 'phrase' }, view.phrase), ' to allow this once:'),
    el('div', { class: 'entry' }, input, deny, allow),
    mismatch,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const backup = document.getElementById('backup-first') as HTMLInputElement | null;
    vscode.postMessage({ type: 'submit', id: view.id, phrase: input.value, ...(backup?.checked ? { backupFirst: true } : {}) });
  });
  deny.addEventListener('click', () => vscode.postMessage({ type: 'deny', id: view.id }));

  // The message above names the host and agent; this line says through which hook and where.
  const who = `Through the ${view.event} hook${view.cwd ? ` · in ${view.cwd}` : ''}`;
  const targets = el('ul', { class: 'targets' });
  for (const t of view.targets) {
    targets.append(el('li', { class: t.environment === 'production' ? 'prod' : '' }, el('strong', {}, t.name), ` — ${t.kind}${t.provider ? ` on ${t.provider}` : ''}, ${t.remote ? 'remote' : 'this machine'}, ${environmentText(t.environment, t.environmentReason).startsWith('environment') ? '' : 'environment: '}${environmentText(t.environment, t.environmentReason)}`));
  }
  const reasons = el('ul', { class: 'reasons' });
  // A credential line is listed once, under "Credentials involved", not also among the reasons.
  for (const r of view.reasons) if (!view.credentialOrigins.includes(r)) reasons.append(el('li', {}, r));

  // The top says what, where and on what; the answer follows right under it, clear of the editor's
  // notifications at the bottom, and stays in view however far the details below are scrolled.
  const top = el('header', { class: 'top' },
    banner(view),
    el('h1', { id: 'title' }, view.heading),
    el('p', { id: 'message', class: 'message' }, view.message),
    el('p', { class: 'who' }, who),
    earlierDenyNote(view),
    view.queued > 0 && el('p', { id: 'queued', class: 'note' }, `${view.queued} more waiting after this one`),
    el('h2', {}, 'The command as the agent wrote it'),
    el('pre', { id: 'what', class: 'command', tabindex: '0' }, view.actionText),
    view.targets.length > 0 && el('h2', {}, 'What it acts on'),
    view.targets.length > 0 && targets,
  );
  const details = el('section', { class: 'details', 'aria-label': 'Details' },
    el('h2', {}, 'Why Blast Shield stopped it'),
    reasons,
    view.credentialOrigins.length > 0 && el('h2', {}, 'Credentials involved'),
    view.credentialOrigins.length > 0 && el('ul', { class: 'credentials' }, ...view.credentialOrigins.map((c) => el('li', {}, c))),
    el('h2', { id: 'preview-title' }, view.previewTitle),
    renderPreview(view.preview),
  );
  const decide = el('section', { class: 'decide', 'aria-label': 'Answer' },
    el('p', { id: 'countdown', class: 'countdown', 'aria-hidden': 'true' }),
    el('p', { id: 'countdown-live', class: 'sr-only', 'aria-live': 'assertive' }),
    form,
  );
  const main = el('main', { role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': 'title', 'aria-describedby': 'message' }, top, decide, details);
  root.replaceChildren(main);
  tick();
  focusPhrase();
}

/** The caret in the phrase box, the page at its top: the banner, the command and the targets first. */
function focusPhrase(): void {
  const input = document.getElementById('phrase') as HTMLInputElement | null;
  input?.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const msg = event.data as HostToWebview;
  if (typeof msg !== 'object' || msg === null) return;
  switch (msg.type) {
    case 'show':
      render(msg.view);
      break;
    case 'preview':
      if (current && current.id === msg.id) {
        current = { ...current, preview: msg.preview };
        document.getElementById('preview')?.replaceWith(renderPreview(msg.preview));
      }
      break;
    case 'queue': {
      if (!current) break;
      const q = document.getElementById('queued');
      const text = msg.queued > 0 ? `${msg.queued} more waiting after this one` : '';
      if (q) q.textContent = text;
      else if (text) document.querySelector('.who')?.after(el('p', { id: 'queued', class: 'note' }, text));
      break;
    }
    case 'focus':
      if (current && current.id === msg.id) focusPhrase();
      break;
    case 'phraseMismatch': {
      const m = document.getElementById('mismatch');
      if (m) m.textContent = 'That is not the phrase. Type it exactly, or press Deny.';
      break;
    }
    case 'closed':
      if (current && current.id === msg.id) {
        current = undefined;
        root.replaceChildren(el('main', { role: 'status' }, el('p', {}, msg.outcome === 'allowed' ? 'Allowed once.' : `Denied. ${msg.reason}`)));
      }
      break;
  }
});

window.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && current) {
    e.preventDefault();
    vscode.postMessage({ type: 'deny', id: current.id });
  }
});

countdown = window.setInterval(tick, 1000);
window.addEventListener('unload', () => window.clearInterval(countdown));
vscode.postMessage({ type: 'ready' });
