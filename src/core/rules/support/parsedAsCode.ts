import type { ArgWord, Finding, Invocation, RuleContext } from '../../policy/types';
import { readingsOf, toolNamed } from '../../registry/commandModel';
import { optionsMatching } from '../../registry/grammar';
import { freeFormReadings } from '../../registry/freeForm';
import { readFinding } from '../credentials';
import { infoFor, pathsOfWord } from './credentialPaths';

/**
 * A credential file handed to a program that parses it as code: its error messages quote the lines
 * they could not parse, secrets included. A compiler's source operand (`gcc -x c -fsyntax-only
 * .env.production`), a database client's SQL file (`psql -f .env.production`, which also sends the
 * file to the server), Ruby's or Perl's program file (`ruby .env.production`). Options are read
 * through the tools' registry entries (a compiler's, a database client's `fileOptions`); Ruby and
 * Perl, which nothing describes, through the free-form grammar.
 */

const COMPILERS = new Set(['cc', 'gcc', 'clang', 'c++', 'g++', 'clang++', 'tcc', 'musl-gcc', 'rustc', 'swiftc', 'zig', 'nim', 'ghc', 'crystal']);

/** The commands this rule reads (database clients by their registry entries' names). */
export const PARSES_AS_CODE: ReadonlySet<string> = new Set([...COMPILERS, 'ruby', 'perl', 'psql', 'mysql', 'mariadb', 'sqlite3', 'duckdb', 'sqlcmd', 'cqlsh', 'clickhouse-client', 'mongosh', 'mongo', 'snowsql', 'cockroach']);

function report(words: readonly ArgWord[], inv: Invocation, ctx: RuleContext, verb: string): Finding[] {
  const cwd = inv.cwd || ctx.facts.cwd;
  const out: Finding[] = [];
  for (const w of words.slice(0, 16)) {
    for (const p of pathsOfWord(w, cwd, ctx.facts)) {
      const info = infoFor(p, ctx.facts);
      if (info && !out.some((f) => f.targets[0]?.name === info.path)) out.push(readFinding(verb, info, inv.name));
    }
  }
  return out;
}

export function checkParsedAsCode(inv: Invocation, ctx: RuleContext): Finding[] {
  const spec = toolNamed(inv.name);
  if (spec?.client?.fileOptions && spec.client.fileOptions.length > 0) {
    const files = readingsOf(inv.args, spec).flatMap((r) => optionsMatching(r, spec, spec.client!.fileOptions!).flatMap((o) => o.valueWords));
    return report(files, inv, ctx, 'sends as statements to the database server (its errors quote the lines)');
  }
  if (COMPILERS.has(inv.name) && spec) {
    const operands = readingsOf(inv.args, spec)[0]?.operands ?? [];
    return report(operands, inv, ctx, 'compiles (its diagnostics quote the lines)');
  }
  if (inv.name === 'ruby' || inv.name === 'perl') {
    const { usual } = freeFormReadings(inv.args);
    // `-e CODE` / `-E CODE` give the program; then the operands are data files (judged by the whole-file readers).
    if (usual.options.some((o) => /^-[a-zA-Z]*[eE]$/.test(o.name))) return [];
    const program = usual.operands[0];
    return program ? report([program], inv, ctx, 'runs as a program (its errors quote the lines)') : [];
  }
  return [];
}
