#!/usr/bin/env node
// Stop 40 (issue #18 criterion 8): which Debian packages the manual-page table reads, by a rule that looks at no corpus:
// a package of one of the sections in sections.txt (programs for administration, data stores, networks, utilities,
// development, the web, mail), not a library, a language module, documentation or data (by its name), at most 3 MB.
// Reads the local package index (`apt-cache dumpavail`, after `apt-get update`); prints name, version, section, size,
// smallest first. The Contents index is not fetched: the house rules forbid downloading a registry's list of names,
// so whether a package ships a program and a page is learned from the package itself (build.ts).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const sections = new Set(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'sections.txt'), 'utf8').split(/\s+/).filter(Boolean));
const NOT_A_PROGRAM = /^(lib|python3?-|node-|ruby-|golang-|r-cran-|r-bioc-|php-|lua-|elpa-|fonts-|texlive|ocaml|haskell|rust-|librust|gir1)|(-dev|-doc|-dbg|-dbgsym|-data|-perl|-java|-common|-examples|-tests?)$/;
const MAX_SIZE = 3_000_000;
const best = new Map();
for (const stanza of execFileSync('apt-cache', ['dumpavail'], { encoding: 'utf8', maxBuffer: 1 << 30 }).split(/\n\n+/)) {
  const field = (k) => new RegExp(`^${k}: (.*)$`, 'm').exec(stanza)?.[1]?.trim();
  const name = field('Package'), version = field('Version'), section = (field('Section') ?? '').split('/').pop(), size = Number(field('Size') ?? 0);
  if (!name || !sections.has(section) || NOT_A_PROGRAM.test(name) || size > MAX_SIZE) continue;
  const seen = best.get(name);
  if (!seen || seen.version < version) best.set(name, { version, section, size });
}
for (const [name, p] of [...best].sort((a, b) => a[1].size - b[1].size || (a[0] < b[0] ? -1 : 1))) console.log(`${name}\t${p.version}\t${p.section}\t${p.size}`);
