// What the verdict harnesses (verdicts.mjs across builds, snapshot.mjs across checkouts) share: every corpus
// row with the bench's mix, the clean environment a world's commands are judged in, and the placeholders
// that make two worlds' verdicts comparable.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIX } from '../../bench/classifier.bench.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_CWD = 'app';

/** Every row of every corpus (keyed `file:line`) and the bench's mix; `only` keeps the commands it matches. */
export function corpusRows(only = null) {
  const rows = [];
  for (const file of readdirSync(here).filter((name) => name.endsWith('.jsonl')).sort()) {
    readFileSync(join(here, file), 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (!line.trim()) return;
        const row = JSON.parse(line);
        rows.push({ key: `${file}:${index + 1}`, command: row.command, cwd: row.cwd ?? DEFAULT_CWD });
      });
  }
  for (const [i, command] of MIX.entries()) rows.push({ key: `bench-mix:${i + 1}`, command, cwd: DEFAULT_CWD });
  return only ? rows.filter((r) => only.test(r.command)) : rows;
}

/** The world's home and guard home, a plain PATH, and only the variables a run needs from this process. */
export function cleanEnv(world) {
  const env = { HOME: world.home, BLAST_SHIELD_HOME: world.guardHome, PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8' };
  for (const name of ['TMPDIR', 'USER', 'NODE_EXTRA_CA_CERTS', 'SystemRoot']) if (process.env[name] !== undefined) env[name] = process.env[name];
  return env;
}

/** Placeholders for what differs between worlds and builds (longest first, so a path inside another is not cut). */
export function normaliser(pairs) {
  const list = pairs.filter(([value]) => typeof value === 'string' && value.length >= 4).sort((a, b) => b[0].length - a[0].length);
  return (text) => {
    let out = text;
    for (const [value, name] of list) out = out.split(value).join(name);
    return stable(out);
  };
}

/** Names that differ per world whatever the build: the guard's caches are named by a hash of the workspace. */
export function stable(text) {
  return text.replace(/credentials-[0-9a-f]{16}\.json/g, 'credentials-{{hash}}.json');
}
