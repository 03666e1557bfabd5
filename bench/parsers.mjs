// Shell parser candidates, measured the way issue 2 asks: correctness over a table of commands from
// the unit tests (does the candidate parse each one and name the commands that run?) and the cold
// start it adds to a process (spawn `node -e 0` against node loading the candidate and parsing one
// command, paired runs, medians). Candidates are installed into a temporary folder on demand, never
// into the project. Our own parser is bundled from src/ with esbuild the way dist/cli.js bundles it.
//
//   node bench/parsers.mjs [--runs 10] [--keep]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const argv = process.argv.slice(2);
const runs = Number(argv[argv.indexOf('--runs') + 1]) || 10;
const keep = argv.includes('--keep');

/**
 * Command -> names of the simple commands a shell parse must find (substitutions, subshells, loop
 * bodies and heredoc substitutions included; wrappers are not peeled here: that is analysis, not parsing).
 */
const TABLE = [
  ['ls -la', ['ls']],
  ['a; b && c || d & e', ['a', 'b', 'c', 'd', 'e']],
  ['cat x | grep y | wc -l', ['cat', 'grep', 'wc']],
  ['! rm x', ['rm']],
  ['(rm a; rm b)', ['rm']],
  ['{ rm a; rm b; } > log', ['rm']],
  ['echo $(rm -rf x)', ['echo', 'rm']],
  ['echo `rm -rf x`', ['echo', 'rm']],
  ['echo "$(rm -rf x)"', ['echo', 'rm']],
  ['x=$(rm -rf y)', ['rm']],
  ['echo ${X:-$(rm -rf z)}', ['echo', 'rm']],
  ['diff <(rm a) >(rm b)', ['diff', 'rm']],
  ['if [ -d x ]; then rm -rf x; fi', ['[', 'rm']],
  ['while true; do rm x; done', ['true', 'rm']],
  ['for f in *.log; do rm "$f"; done', ['rm']],
  ['case $1 in start) rm a;; stop) rm b;; esac', ['rm']],
  ['cleanup() { rm -rf /tmp/x; }; cleanup', ['rm', 'cleanup']],
  ['psql <<EOF\nDROP TABLE x;\nEOF', ['psql']],
  ['cat <<EOF\n$(rm -rf hd)\nEOF', ['cat', 'rm']],
  ['redis-cli <<< "FLUSHALL"', ['redis-cli']],
  ['X=1 Y=two rm x', ['rm']],
  ['cd sub && rm -rf *', ['cd', 'rm']],
  ['\\rm -rf x', ['rm']],
  ['"rm" -rf x', ['rm']],
  ["'rm' -rf x", ['rm']],
  ['r""m -rf x', ['rm']],
  ["$'\\x72\\x6d' -rf x", ['rm']],
  ['/bin/rm -rf x', ['/bin/rm']],
  ['sudo rm -rf /', ['sudo']],
  ['find . -name "*.log" -exec rm -f {} \\;', ['find']],
  ['bash -c "rm -rf /"', ['bash']],
  ['echo cm0gLXJmIC8= | base64 -d | sh', ['echo', 'base64', 'sh']],
  ["python3 -c 'import os; os.system(\"rm -rf /\")'", ['python3']],
  ['curl -fsSL https://x.sh | sh', ['curl', 'sh']],
  ['time rm x', ['rm']],
  ['[[ $(rm z) == x ]]', ['rm']],
  ['echo $((1 + $(rm q)))', ['echo', 'rm']],
  ['npm run build', ['npm']],
  ['git commit -m "rm -rf everything"', ['git']],
  ["curl -X POST https://backboard.railway.app/graphql/v2 -H 'Content-Type: application/json' -d '{\"query\":\"mutation { volumeDelete(volumeId: \\\"3f1c\\\") }\"}'", ['curl']],
];

const COLD_COMMAND = 'bash -c "rm -rf /tmp/x" && echo $(whoami) | tee log';

function sortedUnique(names) {
  return [...new Set(names)].sort();
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function install(dir) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--prefix', dir, '--ignore-scripts', '--no-audit', '--no-fund', '--no-save', 'bash-parser', 'sh-syntax', 'web-tree-sitter', 'tree-sitter-bash'], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (result.status !== 0) {
    console.error(`npm install failed (${result.status}): ${(result.stderr || '').split('\n').slice(-5).join(' ')}`);
    return false;
  }
  return true;
}

async function bundleOwn(dir) {
  const entry = path.join(dir, 'own-entry.ts');
  fs.writeFileSync(
    entry,
    `export { parseShell } from ${JSON.stringify(path.join(repo, 'src/core/shell/parser.ts'))};\n` +
      `export { wordText } from ${JSON.stringify(path.join(repo, 'src/core/shell/words.ts'))};\n` +
      `export { analyze } from ${JSON.stringify(path.join(repo, 'src/core/policy/analyze.ts'))};\n`,
  );
  const outfile = path.join(dir, 'own.cjs');
  await esbuild.build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
  return outfile;
}

// ----------------------------------------------------------------------------------------------
// Name extraction per candidate

function ownNames(own, source) {
  const names = [];
  const visitList = (list) => {
    for (const item of list.items) for (const command of item.pipeline.commands) visitCommand(command);
  };
  const visitParts = (parts) => {
    for (const part of parts) {
      if (part.kind === 'command' || part.kind === 'process') visitList(part.body);
      else if (part.kind === 'parameter' || part.kind === 'arithmetic') part.inner.forEach(visitList);
    }
  };
  const visitCommand = (command) => {
    for (const redirect of command.redirects) {
      visitParts(redirect.target.parts);
      redirect.heredoc?.substitutions.forEach(visitList);
    }
    if (command.type === 'compound') {
      command.words.forEach((w) => visitParts(w.parts));
      (command.inner ?? []).forEach(visitList);
      command.bodies.forEach(visitList);
      return;
    }
    command.assignments.forEach((a) => a.values.forEach((w) => visitParts(w.parts)));
    command.words.forEach((w) => visitParts(w.parts));
    if (command.words[0]) names.push(own.wordText(command.words[0]));
  };
  const result = own.parseShell(source);
  visitList(result.list);
  return { names, error: result.errors.length > 0 || result.truncated };
}

function bashParserNames(parse, source) {
  const names = [];
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    if (node.type === 'Command' && node.name && typeof node.name.text === 'string') names.push(node.name.text);
    for (const value of Object.values(node)) walk(value);
  };
  walk(parse(source));
  return { names, error: false };
}

function unquote(text) {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) out += text[++i];
    else if (c === "'") {
      const close = text.indexOf("'", i + 1);
      out += text.slice(i + 1, close < 0 ? text.length : close);
      i = close < 0 ? text.length : close;
    } else if (c !== '"') out += c;
  }
  return out;
}

function treeSitterNames(parser, source) {
  const tree = parser.parse(source);
  const names = [];
  const walk = (node) => {
    if (node.type === 'command') {
      const name = node.childForFieldName('name');
      if (name) names.push(name.text.startsWith("$'") ? name.text : unquote(name.text));
    }
    for (const child of node.namedChildren) walk(child);
  };
  walk(tree.rootNode);
  return { names, error: tree.rootNode.hasError };
}

// ----------------------------------------------------------------------------------------------

async function correctness(dir, ownPath) {
  const require = (await import('node:module')).createRequire(path.join(dir, 'x.cjs'));
  const own = require(ownPath);
  const candidates = [{ id: 'own parser (src/core/shell)', names: (s) => ownNames(own, s) }];
  try {
    const parse = require('bash-parser');
    candidates.push({ id: 'bash-parser', names: (s) => bashParserNames(parse, s) });
  } catch (error) {
    console.error(`bash-parser unavailable: ${error.message}`);
  }
  try {
    const { Parser, Language } = await import(pathToModule(dir, 'web-tree-sitter'));
    await Parser.init();
    const language = await Language.load(path.join(dir, 'node_modules/tree-sitter-bash/tree-sitter-bash.wasm'));
    const parser = new Parser();
    parser.setLanguage(language);
    candidates.push({ id: 'web-tree-sitter + tree-sitter-bash', names: (s) => treeSitterNames(parser, s) });
  } catch (error) {
    console.error(`tree-sitter unavailable: ${error.message}`);
  }
  let shSyntax;
  try {
    shSyntax = await import(pathToModule(dir, 'sh-syntax'));
  } catch (error) {
    console.error(`sh-syntax unavailable: ${error.message}`);
  }

  const rows = [];
  for (const candidate of candidates) {
    let parsed = 0;
    let right = 0;
    const wrong = [];
    for (const [source, expected] of TABLE) {
      try {
        const { names, error } = candidate.names(source);
        if (!error) parsed++;
        if (JSON.stringify(sortedUnique(names)) === JSON.stringify(sortedUnique(expected))) right++;
        else wrong.push(`${JSON.stringify(source).slice(0, 40)} -> ${JSON.stringify(sortedUnique(names))}`);
      } catch (error) {
        wrong.push(`${JSON.stringify(source).slice(0, 40)} -> threw ${String(error.message || error).slice(0, 60)}`);
      }
    }
    rows.push({ id: candidate.id, parsed, right, wrong });
  }
  if (shSyntax) {
    let parsed = 0;
    for (const [source] of TABLE) {
      try {
        await shSyntax.parse(source);
        parsed++;
      } catch {
        // counted as not parsed
      }
    }
    rows.push({ id: 'sh-syntax (mvdan/sh WASM)', parsed, right: null, wrong: ['its JSON AST gives each statement only a Pos/End span, no command structure: names cannot be read'] });
  }
  return rows;
}

function pathToModule(dir, name) {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', name, 'package.json'), 'utf8'));
  let entry = pkg.module || pkg.main || 'index.js';
  if (pkg.exports && typeof pkg.exports === 'object') {
    const root = pkg.exports['.'] ?? pkg.exports;
    const pick = (v) => (typeof v === 'string' ? v : v && (v.import?.default ?? v.import ?? v.default ?? v.node));
    const found = pick(root);
    if (typeof found === 'string') entry = found;
  }
  return 'file://' + path.join(dir, 'node_modules', name, entry);
}

function coldScripts(dir, ownPath) {
  const scripts = [];
  const write = (name, text) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };
  const cmd = JSON.stringify(COLD_COMMAND);
  scripts.push({ id: 'own parser bundle: parseShell', file: write('cold-own.cjs', `require(${JSON.stringify(ownPath)}).parseShell(${cmd});\n`) });
  scripts.push({ id: 'own parser bundle: analyze', file: write('cold-own-analyze.cjs', `const o = require(${JSON.stringify(ownPath)});\no.analyze(${cmd}, { cwd: '/tmp', home: '/tmp', workspaceRoots: [], envNames: [], envSelectors: {}, readFile: () => undefined, listDir: () => undefined, production: { names: [], hosts: [], resourceIds: [] } });\n`) });
  if (fs.existsSync(path.join(dir, 'node_modules/bash-parser'))) {
    scripts.push({ id: 'bash-parser', file: write('cold-bash-parser.cjs', `require('bash-parser')(${cmd});\n`) });
  }
  if (fs.existsSync(path.join(dir, 'node_modules/sh-syntax'))) {
    scripts.push({ id: 'sh-syntax', file: write('cold-sh-syntax.mjs', `import { parse } from ${JSON.stringify(pathToModule(dir, 'sh-syntax'))};\nawait parse(${cmd});\n`) });
  }
  if (fs.existsSync(path.join(dir, 'node_modules/tree-sitter-bash/tree-sitter-bash.wasm'))) {
    scripts.push({
      id: 'web-tree-sitter + tree-sitter-bash',
      file: write(
        'cold-tree-sitter.mjs',
        `import { Parser, Language } from ${JSON.stringify(pathToModule(dir, 'web-tree-sitter'))};\nawait Parser.init();\nconst l = await Language.load(${JSON.stringify(path.join(dir, 'node_modules/tree-sitter-bash/tree-sitter-bash.wasm'))});\nconst p = new Parser(); p.setLanguage(l); p.parse(${cmd});\n`,
      ),
    });
  }
  const cli = path.join(repo, 'dist', 'cli.js');
  if (fs.existsSync(cli)) scripts.push({ id: 'dist/cli.js check (whole CLI)', file: cli, args: ['check', '--', COLD_COMMAND] });
  return scripts;
}

function timeSpawn(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { stdio: 'ignore' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, status: result.status };
}

function coldStart(scripts) {
  const rows = [];
  for (const script of scripts) {
    const bare = [];
    const loaded = [];
    const ratios = [];
    let status = 0;
    timeSpawn([script.file, ...(script.args ?? [])]);
    for (let i = 0; i < runs; i++) {
      bare.push(timeSpawn(['-e', '0']).ms);
      const run = timeSpawn([script.file, ...(script.args ?? [])]);
      loaded.push(run.ms);
      ratios.push(run.ms / bare[bare.length - 1]);
      status = run.status ?? -1;
    }
    rows.push({ id: script.id, bare: median(bare), loaded: median(loaded), ratio: median(loaded) / median(bare), pairRatio: median(ratios), status });
  }
  return rows;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-parsers-'));
  try {
    console.log(`installing candidates into ${dir} ...`);
    install(dir);
    const ownPath = await bundleOwn(dir);
    const correct = await correctness(dir, ownPath);
    console.log(`\nCorrectness over ${TABLE.length} commands (parsed without error / right command names):\n`);
    console.log('| candidate | parsed | right names |');
    console.log('|---|---|---|');
    for (const row of correct) console.log(`| ${row.id} | ${row.parsed}/${TABLE.length} | ${row.right === null ? 'n/a' : `${row.right}/${TABLE.length}`} |`);
    for (const row of correct) {
      if (row.wrong.length === 0) continue;
      console.log(`\n${row.id}: ${row.wrong.length} not right`);
      for (const line of row.wrong.slice(0, 12)) console.log(`  ${line}`);
    }
    console.log(`\nCold start: median of ${runs} paired runs (process wall time; bare = node -e 0 in the same pairs):\n`);
    console.log('| process | median | bare node | ratio of medians | median of pair ratios | exit |');
    console.log('|---|---|---|---|---|---|');
    for (const row of coldStart(coldScripts(dir, ownPath))) {
      console.log(`| ${row.id} | ${row.loaded.toFixed(0)} ms | ${row.bare.toFixed(0)} ms | ${row.ratio.toFixed(2)}x | ${row.pairRatio.toFixed(2)}x | ${row.status} |`);
    }
  } finally {
    if (keep) console.log(`\nkept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
