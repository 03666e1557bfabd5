import * as assert from 'node:assert/strict';
import { EFFECT_GRAMMARS, grammarOf, REGISTRY_DESCRIBED, SEARCH_GRAMMARS } from '../../../src/core/policy/effectOptions';
import { toolNamed } from '../../../src/core/registry/commandModel';
import { CLI_GRAMMARS, MIGRATION_GRAMMARS, optionGrammarOf, OUTPUT_GRAMMARS, READER_GRAMMARS } from '../../../src/core/policy/readerGrammars';
import type { GrammarSpec, OptionSpec } from '../../../src/core/shell/grammar';
import { RUNNER_GRAMMAR_NAMES, runnerGrammarOf } from '../../../src/core/policy/runnerGrammars';

/**
 * Programs the runner tables (`policy/runnerGrammars.ts`) still read with a grammar of their own although a registry entry or
 * another table describes them too (issue #10): the registry entry reads their subcommand words as a path, where the runners
 * read them as operands. The list may only shrink.
 */
const RUNNERS_DESCRIBED_TWICE = new Set([
  'fab', 'go', 'pip', 'pip3', 'uv', 'poetry', 'pdm', 'pipx', 'bun', 'deno', 'gem', 'cargo', 'dotnet', 'jupyter', 'locust', 'flask', 'ruby', 'emacs',
  'docker', 'podman', 'docker-compose', 'podman-compose', 'lefthook', 'pre-commit',
  // rails: its runner reads `-e`; its scaffolder's options (`rails new -d …`) are OUTPUT_GRAMMARS'.
  'rails',
]);

/**
 * Each program is described once (issue #10). Where an effect or search rule and a registry entry both read a program,
 * the two must know the same options that take a value: a conflict reads the next word wrongly (round 27: `curl
 * --create-dirs -o .cursor/hooks.json URL`, the effect grammar took `-o` as the value of `--create-dirs`, a switch), and
 * an omission reads an option's value as an operand (`curl --retry 3 -o .cursor/hooks.json URL`: `3` a URL, the output
 * missed) or invents one. By construction: the effect rules read the registry entry itself (`REGISTRY_DESCRIBED`), and a
 * program with a table of its own in `effectOptions.ts` has no registry entry.
 */
const takesValue = (o: OptionSpec): boolean => o.takes !== undefined && o.takes !== 'none';

function valued(options: readonly OptionSpec[]): Map<string, OptionSpec> {
  const out = new Map<string, OptionSpec>();
  for (const o of options) for (const n of o.names) out.set(n, o);
  return out;
}

/** Every option one description says takes a value and the other does not know or calls a switch (glued-only values aside). */
function differences(name: string, grammar: GrammarSpec): string[] {
  const registry = toolNamed(name)?.options;
  if (registry === undefined) return [];
  const mine = valued(grammar.options ?? []);
  const theirs = valued(registry);
  const out: string[] = [];
  for (const [from, to, label] of [[mine, theirs, 'effect grammar'], [theirs, mine, 'registry']] as const) {
    for (const [n, o] of from) {
      if (!takesValue(o)) continue;
      const other = to.get(n);
      if (other === undefined) out.push(`${name} ${n}: the ${label} takes a value, the other description does not know it`);
      else if (other.takes !== 'optional' && o.takes !== 'optional' && !takesValue(other)) out.push(`${name} ${n}: the ${label} takes a value, the other calls it a switch`);
    }
  }
  return out;
}

describe('every program the effect rules read is described once', () => {
  it('a registry-described program is read by its registry entry itself', () => {
    for (const name of REGISTRY_DESCRIBED) {
      const tool = toolNamed(name);
      assert.ok(tool, `${name} is listed as registry-described but the registry has no entry`);
      assert.equal(grammarOf(name), tool, `${name}: the effect rules read another table than the registry entry`);
      assert.equal(EFFECT_GRAMMARS[name], undefined, `${name} is described twice`);
    }
  });
  for (const [table, grammars] of [['effect', EFFECT_GRAMMARS], ['search', SEARCH_GRAMMARS]] as const) {
    it(`no program with a ${table} table of its own has a registry entry`, () => {
      assert.deepEqual(Object.keys(grammars).filter((name) => toolNamed(name) !== undefined), []);
    });
    it(`every ${table} grammar knows the same value-taking options as the program's registry entry`, () => {
      const found = Object.entries(grammars).flatMap(([name, g]) => differences(name, g));
      assert.deepEqual(found, []);
    });
  }
  it('a reader table describes only programs no registry entry, effect table or search table describes', () => {
    const twice = Object.keys(READER_GRAMMARS).filter((name) => toolNamed(name) !== undefined || EFFECT_GRAMMARS[name] !== undefined || SEARCH_GRAMMARS[name] !== undefined || REGISTRY_DESCRIBED.has(name));
    assert.deepEqual(twice, []);
  });
  it('a credential CLI\'s table describes only CLIs no registry entry or other table describes', () => {
    const twice = Object.keys(CLI_GRAMMARS).filter((name) => toolNamed(name) !== undefined || EFFECT_GRAMMARS[name] !== undefined || SEARCH_GRAMMARS[name] !== undefined || READER_GRAMMARS[name] !== undefined);
    assert.deepEqual(twice, []);
    assert.equal(optionGrammarOf('vault'), CLI_GRAMMARS.vault);
    assert.equal(optionGrammarOf('nerdctl'), toolNamed('nerdctl'));
  });
  it('a runner grammar describes only programs no registry entry or other table describes (but the ones not moved yet)', () => {
    const twice = RUNNER_GRAMMAR_NAMES.filter((name) => toolNamed(name) !== undefined || optionGrammarOf(name) !== undefined || MIGRATION_GRAMMARS[name] !== undefined);
    assert.deepEqual(twice.filter((name) => !RUNNERS_DESCRIBED_TWICE.has(name)), []);
    assert.deepEqual([...RUNNERS_DESCRIBED_TWICE].filter((name) => !twice.includes(name)), [], 'a program read once now leaves the list');
    assert.ok((runnerGrammarOf('gunicorn').options ?? []).some((o) => o.names.includes('--bind') && o.takes === 'one'));
    assert.deepEqual(runnerGrammarOf('not-a-runner').options, []);
  });
  it('an output table describes only programs no registry entry or other table describes', () => {
    const twice = Object.keys(OUTPUT_GRAMMARS).filter((name) => toolNamed(name) !== undefined || EFFECT_GRAMMARS[name] !== undefined || SEARCH_GRAMMARS[name] !== undefined || READER_GRAMMARS[name] !== undefined || CLI_GRAMMARS[name] !== undefined);
    assert.deepEqual(twice, []);
    assert.equal(optionGrammarOf('convert'), OUTPUT_GRAMMARS.magick);
    assert.equal(optionGrammarOf('gpg2'), READER_GRAMMARS.gpg);
  });
  it('optionGrammarOf answers with the one description: the registry entry, else the effect, search or reader table', () => {
    assert.equal(optionGrammarOf('cp'), toolNamed('cp'));
    assert.equal(optionGrammarOf('gawk'), toolNamed('awk'));
    assert.equal(optionGrammarOf('egrep'), SEARCH_GRAMMARS.grep);
    assert.equal(optionGrammarOf('nvim'), EFFECT_GRAMMARS.vim);
    assert.equal(optionGrammarOf('zcat'), EFFECT_GRAMMARS.gzip);
    assert.equal(optionGrammarOf('head'), READER_GRAMMARS.head);
    assert.equal(optionGrammarOf('cat'), undefined);
  });
  it('the value-taking option sets are identical for every program read through the registry (none omitted either way)', () => {
    const found = [...REGISTRY_DESCRIBED].flatMap((name) => differences(name, grammarOf(name)));
    assert.deepEqual(found, []);
  });
  it('the check can fail: a grammar that calls a registry switch valued is reported', () => {
    const curl = grammarOf('curl');
    const wrong: GrammarSpec = { ...curl, options: [...(curl.options ?? []).filter((o) => !o.names.includes('--compressed')), { names: ['--compressed'], takes: 'one' }] };
    assert.ok(differences('curl', wrong).some((d) => d.includes('--compressed') && d.includes('switch')));
  });
  it('the check can fail: a grammar that omits a registry value option is reported', () => {
    const wget = grammarOf('wget');
    const omitted: GrammarSpec = { ...wget, options: (wget.options ?? []).filter((o) => !o.names.includes('--tries')) };
    assert.deepEqual(differences('wget', omitted), ['wget -t: the registry takes a value, the other description does not know it', 'wget --tries: the registry takes a value, the other description does not know it']);
  });
  it('the check can fail: a grammar that invents a value option the registry lacks is reported', () => {
    const rsync = grammarOf('rsync');
    const invented: GrammarSpec = { ...rsync, options: [...(rsync.options ?? []), { names: ['--not-an-rsync-option'], takes: 'one' }] };
    assert.ok(differences('rsync', invented).some((d) => d.includes('--not-an-rsync-option')));
  });
});
