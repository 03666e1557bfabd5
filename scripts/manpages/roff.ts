/**
 * Stop 40 (issue #18 criterion 8, an experiment): a small reader of manual pages (roff with the man(7) or mdoc(7)
 * macros), build-time only. It keeps what a page says per program, per option and per subcommand, in one sentence:
 * the NAME line's description, each `.TP`/`.IP`/`.It` item's tag (option names, or a subcommand word in a COMMANDS
 * section) with the first sentence of its body. Never loaded by the hook: `build.ts` classifies these sentences into
 * the checked-in table (`src/core/registry/manualTable.ts`).
 */

export interface ManualItem {
  /** Option spellings (`-d`, `--delete`) or one subcommand word. */
  names: string[];
  kind: 'option' | 'subcommand';
  /** The item's tag as written (plain text). */
  tag: string;
  /** The first sentence of the item's description, plain text. */
  text: string;
}

export interface ManualPage {
  /** Programs the NAME line names (`tset, reset - …` names two). */
  programs: string[];
  /** What the NAME line says the program does (after the dash). */
  summary: string;
  items: ManualItem[];
}

/** Plain text of one roff line: font changes, escapes and special characters taken out. */
export function plainText(line: string): string {
  return line
    .replace(/\\".*$/, '')
    .replace(/\\f(\(..|\[[^\]]*\]|.)/g, '')
    .replace(/\\s[-+]?\d/g, '')
    .replace(/\\\((em|en|hy)/g, '-')
    .replace(/\\\((aq|cq|oq)/g, "'")
    .replace(/\\\((lq|rq|dq)/g, '"')
    .replace(/\\\(bu/g, '*')
    .replace(/\\\(.{2}/g, '')
    .replace(/\\\[[^\]]*\]/g, '')
    .replace(/\\\*(\(..|\[[^\]]*\]|.)/g, '')
    .replace(/\\[-]/g, '-')
    .replace(/\\[&|^c%]/g, '')
    .replace(/\\[ ~0]/g, ' ')
    .replace(/\\e/g, '\\')
    .replace(/\\(.)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The arguments of a macro line, quotes honoured (`.IP "-d, --delete" 4`). */
function macroArgs(rest: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"]|"")*)"|(\S+)/g;
  for (let m = re.exec(rest); m !== null; m = re.exec(rest)) out.push((m[1] ?? m[2] ?? '').replace(/""/g, '"'));
  return out;
}

const FONT_MACROS = /^(B|I|SM|SB|BR|RB|BI|IB|IR|RI)$/;

/** A macro line's text when it only sets fonts (`.BR \-d , \-\-delete`), else undefined. */
function fontText(name: string, rest: string): string | undefined {
  if (!FONT_MACROS.test(name)) return undefined;
  const args = macroArgs(rest);
  // Alternating macros join their arguments without spaces; B/I join them with spaces.
  return plainText(name.length === 2 && name !== 'SM' && name !== 'SB' ? args.join('') : args.join(' '));
}

/** mdoc's item and inline macros as plain text (`Fl d Ar file` -> `-d file`). */
function mdocText(rest: string): string {
  const words = macroArgs(rest);
  const out: string[] = [];
  let dash = false;
  for (const w of words) {
    if (w === 'Fl') { dash = true; continue; }
    if (/^(Ar|Cm|Op|Oo|Oc|Ic|Nm|Pa|Li|Ql|Sy|Em|Xo|Xc|Ns|Va|Ev|Dq|Sq|Pq|Aq|Qo|Qc|Ek|Bk|No)$/.test(w)) { dash = false; continue; }
    out.push(dash ? `-${w}` : w);
    dash = false;
  }
  return plainText(out.join(' '));
}

/** The first sentence of a paragraph (options' descriptions are read by their first sentence only). */
export function firstSentence(text: string): string {
  const m = /^(.*?[.;:])(\s+[A-Z(]|$)/.exec(text);
  return (m?.[1] ?? text).replace(/[.;:]$/, '').trim().slice(0, 240);
}

/** Section titles whose items are subcommands. */
const COMMAND_SECTION = /^(COMMANDS?|SUBCOMMANDS?|SUB-COMMANDS?|ACTIONS?|COMMAND OPTIONS|MODES?|OPERATIONS?|FUNCTIONS|VERBS)$/i;

/** Option spellings in an item's tag (`-d, --delete`, `--ext=EXT`, `-o file`, `-[no]force`). */
export function optionNames(tag: string): string[] {
  const names: string[] = [];
  for (const part of tag.split(/[,|]|\s+or\s+|\s+/)) {
    const m = /^(--?[A-Za-z0-9?#][\w.+-]*?)(?:[=[<].*)?$/.exec(part.trim());
    if (m !== null && m[1] !== undefined && !/^--?\d+$/.test(m[1]) && m[1] !== '--') names.push(m[1]);
  }
  return [...new Set(names)];
}

const WORD = /^[a-z][a-z0-9]*(?:[-_:][a-z0-9]+)*$/;

/**
 * A subcommand word in an item's tag (`delete`, `job-cancel`; `fastboot erase PARTITION` -> `erase`), or undefined.
 * A group word that heads several items (`set JAIL bantime N`, `set JAIL delignoreip IP`) is judged in `build.ts`:
 * it counts only when every item under it destroys.
 */
export function subcommandName(tag: string, programs: readonly string[]): string | undefined {
  const words = tag.split(/\s+/).filter((w) => w !== '');
  while (words.length > 0 && programs.includes(words[0]!)) words.shift();
  const first = words[0] ?? '';
  return WORD.test(first) && first.length <= 32 ? first : undefined;
}

/** Parse one manual page's roff source. */
export function parseManual(source: string): ManualPage {
  const lines = source.split(/\r?\n/);
  let section = '';
  const nameLines: string[] = [];
  const items: ManualItem[] = [];
  let tag: string | undefined;
  let awaitingTag = false;
  let body: string[] = [];
  let mdocName: string[] = [];
  let mdocDesc = '';

  const flush = (): void => {
    if (tag !== undefined) {
      const text = firstSentence(body.join(' ').replace(/\s+/g, ' ').trim());
      const opts = optionNames(tag);
      if (opts.length > 0 && /^\s*-/.test(tag)) items.push({ names: opts, kind: 'option', text, tag });
      else if (COMMAND_SECTION.test(section)) items.push({ names: [], kind: 'subcommand', text, tag });
    }
    tag = undefined;
    body = [];
  };

  for (const raw of lines) {
    const line = raw.replace(/\s+$/, '');
    if (/^['.]\s*\\"/.test(line) || line === '.' || line === "'") continue;
    const macro = /^[.']\s*([A-Za-z][A-Za-z0-9]*)\s*(.*)$/.exec(line);
    if (macro !== null) {
      const [, name = '', rest = ''] = macro;
      if (name === 'SH' || name === 'Sh') {
        flush();
        section = plainText(macroArgs(rest).join(' ')).toUpperCase();
        continue;
      }
      if (name === 'Nm' && section === 'NAME') { mdocName.push(...macroArgs(rest).filter((w) => !/^[,]$/.test(w))); continue; }
      if (name === 'Nd') { mdocDesc = plainText(macroArgs(rest).join(' ')); continue; }
      if (name === 'TP') { flush(); awaitingTag = true; continue; }
      if (name === 'IP' || name === 'HP') {
        flush();
        const args = macroArgs(rest);
        if (args[0] !== undefined && args[0] !== '') tag = plainText(args[0]);
        continue;
      }
      if (name === 'It') { flush(); tag = mdocText(rest); continue; }
      if (/^(PP|LP|P|SS|Ss|RS|RE|Bl|El|Pp|TH|Dt|Dd|Os|in|sp|br|nf|fi|ad|na|hy|nh|ne|ti|de|ds|so|ig|if|ie|el|ft|ps|vs|ll|ta|TQ|EX|EE|UR|UE|MT|ME|SY|YS|OP|Bd|Ed|D1|Dl)$/.test(name)) {
        if (/^(PP|LP|P|SS|Ss|Pp)$/.test(name)) flush();
        continue;
      }
      const text = fontText(name, rest) ?? mdocText(rest);
      if (awaitingTag) { tag = text; awaitingTag = false; continue; }
      if (section === 'NAME') nameLines.push(text);
      else if (tag !== undefined) body.push(text);
      continue;
    }
    const text = plainText(line);
    if (awaitingTag) { tag = text; awaitingTag = false; continue; }
    if (section === 'NAME') nameLines.push(text);
    else if (tag !== undefined) body.push(text);
  }
  flush();

  let programs: string[] = [];
  let summary = '';
  if (mdocName.length > 0) {
    programs = mdocName.map((n) => n.replace(/,$/, '')).filter((n) => n !== '');
    summary = mdocDesc;
  } else {
    const name = nameLines.join(' ');
    const dash = /\s+-+\s+|\s+-(?=[A-Za-z])/.exec(name);
    if (dash !== null) {
      programs = name.slice(0, dash.index).split(/,\s*|\s+/).filter((n) => n !== '');
      summary = name.slice(dash.index + dash[0].length).trim();
    }
  }
  // Subcommand words are read once the NAME line is known (a tag may repeat the program: `fastboot erase PARTITION`).
  const named = items.flatMap((item) => {
    if (item.kind === 'option') return [item];
    const sub = subcommandName(item.tag, programs);
    return sub !== undefined ? [{ ...item, names: [sub] }] : [];
  });
  return { programs, summary: firstSentence(summary), items: named };
}
