import type { ArgWord, Invocation } from './types';
import type { PathEffect } from './effects';
import { each, grammarOf, has, readEffectArgs, valueWord, values } from './effectOptions';

/** Archivers' path effects (tar, unzip, zip, 7-Zip): what they read, write, extract and delete. */

/** tar's words with an old-style first bundle (`tar xzf a.tgz`) given its dash, read by tar's grammar. */
export function tarOptions(args: readonly ArgWord[]): ReturnType<typeof readEffectArgs> {
  const first = args[0];
  const words = first && !first.text.startsWith('-') && /^[A-Za-z]+$/.test(first.text) ? [{ ...first, text: '-' + first.text }, ...args.slice(1)] : args;
  return readEffectArgs(words, grammarOf('tar'));
}

/** 7-Zip's command letter, archive, file operands, `-o` folder and whether `-so` writes to standard output. */
export function sevenZipWords(args: readonly ArgWord[]): { command?: ArgWord; archive?: ArgWord; files: ArgWord[]; dir?: ArgWord; toStdout: boolean; deletes: boolean } {
  const [command, ...rest] = args;
  const [archive, ...files] = rest.filter((w) => !w.text.startsWith('-'));
  const dir = rest.find((w) => w.text.startsWith('-o') && w.text.length > 2);
  return { command, archive, files, dir, toStdout: rest.some((x) => x.text === '-so'), deletes: rest.some((x) => x.text === '-sdel') };
}

export function tar(args: readonly ArgWord[]): PathEffect[] {
  const first = args[0];
  const read = tarOptions(args);
  const extract = has(read, 'x', 'extract', 'get');
  const create = has(read, 'c', 'create', 'r', 'append', 'u', 'update', 'A', 'catenate', 'concatenate', 'delete');
  const archives = values(read, 'f', 'file');
  const dir = values(read, 'C', 'directory');
  const out: PathEffect[] = [...each('unknown', values(read, 'to-command', 'use-compress-program', 'info-script', 'new-volume-script', 'checkpoint-action')), ...each('read', values(read, 'T', 'files-from', 'X', 'exclude-from'))];
  if (extract && !has(read, 'O', 'to-stdout')) {
    out.push(...each('read', archives));
    const at = dir[dir.length - 1];
    if (read.operands.length > 0) {
      for (const member of read.operands) out.push({ kind: 'write', word: at ? valueWord(member, at.text.replace(/\/+$/, '') + '/' + member.text) : member, recursive: true });
    } else out.push({ kind: 'extract', word: at ?? valueWord(first ?? { text: '.', raw: '.', dynamic: false, glob: false }, '.') });
    return out;
  }
  if (create) {
    out.push(...each('write', archives));
    // Members are named relative to the last -C folder before them (`tar -cf - -C ~ .blast-shield`).
    const base = dir[dir.length - 1];
    const members = base ? read.operands.map((m) => (m.text.startsWith('/') ? m : valueWord(m, base.text.replace(/\/+$/, '') + '/' + m.text))) : read.operands;
    out.push(...each(has(read, 'remove-files') ? 'delete' : 'read', members, { recursive: true }));
    if (has(read, 'remove-files')) out.push(...each('read', values(read, 'T', 'files-from'), { listing: 'delete' }));
    return out;
  }
  out.push(...each('read', archives), ...each('read', read.operands, { member: true }));
  return out;
}

export function unzip(args: readonly ArgWord[]): PathEffect[] {
  const read = readEffectArgs(args, grammarOf('unzip'));
  const [archive, ...members] = read.operands;
  const out: PathEffect[] = archive ? [{ kind: 'read', word: archive }] : [];
  if (has(read, 'l', 'v', 't', 'p', 'Z', 'z')) return [...out, ...each('read', members, { member: true })];
  const dir = values(read, 'd')[0];
  if (members.length > 0 && members.every((m) => !m.glob)) {
    for (const m of members) out.push({ kind: 'write', word: { ...(dir ? valueWord(m, dir.text.replace(/\/+$/, '') + '/' + m.text) : m), glob: /[*?[]/.test(m.text) } }); // unzip's own wildcards
  } else out.push({ kind: 'extract', word: dir ?? valueWord(archive ?? { text: '.', raw: '.', dynamic: false, glob: false }, '.') });
  return out;
}

export function zip(args: readonly ArgWord[], inv: Invocation): PathEffect[] {
  const read = readEffectArgs(args, grammarOf('zip'));
  const [archive, ...files] = read.operands;
  const moving = has(read, 'm', 'move');
  // `-@`: the names come from standard input, a list file when it is redirected from one.
  const list = has(read, '@', 'names-stdin') ? inv.redirects.find((r) => r.op === '<')?.target : undefined;
  return [...(archive ? [{ kind: 'write' as const, word: archive }] : []), ...each(moving ? 'delete' : 'read', files, { recursive: has(read, 'r', 'recurse-paths') }), ...(list ? [{ kind: 'read' as const, word: list, listing: moving ? ('delete' as const) : ('read' as const) }] : [])];
}

/** 7z/7za/7zr: `x`/`e` extract (into `-oDIR`), `a`/`u`/`d` change the archive, `l`/`t` read. */
export function sevenZip(args: readonly ArgWord[]): PathEffect[] {
  const { command, archive, files, dir, deletes } = sevenZipWords(args);
  const out: PathEffect[] = archive ? [{ kind: 'read', word: archive }] : [];
  const kind = deletes ? 'delete' : 'read';
  switch (command?.text) {
    case 'x':
    case 'e':
      out.push({ kind: 'extract', word: dir ? valueWord(dir, dir.text.slice(2)) : valueWord(command, '.') });
      return out;
    case 'a':
    case 'u':
    case 'd':
    case 'rn':
      // `@list`: a file whose lines name the files.
      return [...(archive ? [{ kind: 'write' as const, word: archive }] : []), ...files.map((w): PathEffect => (w.text.startsWith('@') ? { kind: 'read', word: valueWord(w, w.text.slice(1)), listing: kind } : { kind, word: w, recursive: true }))];
    default:
      return [...out, ...each('read', files, { member: true })];
  }
}
