import assert from 'node:assert/strict';
import { classOfPhrase, clearClass, derived, derivedTable, MIN_SHARE, MIN_TOOLS, NOT_LEARNED, wordEvidence } from '../../../src/core/registry/learnedVerbs';
import { LEARNED_TABLE, learnedVerb } from '../../../src/core/registry/learnedTable';
import { allow, ask, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Stop 39 (issue #18 criteria 1 and 8): verbs learned from the registry's described tools as the floor's last word
 * for an undescribed CLI (registry/learnedVerbs.ts, rules/support/learnedFloor.ts). The first test prints the learned
 * table, which was reviewed by eye: nouns and generic words are in NOT_LEARNED, each with its reason.
 */

describe('registry: verbs learned from the described tools (learnedVerbs.ts)', () => {
  it('is derived on first use, not when the module loads; the floor\'s lookups read the checked-in table and derive nothing', () => {
    assert.equal(learnedVerb('yank')?.verbClass, 'destroy');
    assert.equal(learnedVerb('frobnicate'), undefined);
    assert.equal(derived(), false);
    assert.ok(wordEvidence().size > 100);
    assert.equal(derived(), true);
  });

  it('the checked-in table (learnedTable.ts) is what the registry teaches now', () => {
    const now = derivedTable();
    const rows = Object.entries(now).map(([w, [c, n, m, e]]) => `  ${/^[a-z]\w*$/.test(w) ? w : `'${w}'`}: ['${c}', ${n}, ${m}, '${e}'],`).join('\n');
    assert.deepEqual(LEARNED_TABLE, now, `the registry teaches other words now: put these rows in src/core/registry/learnedTable.ts\n${rows}`);
  });

  it('prints the learned table (reviewed by eye; nouns and generic words are dropped in NOT_LEARNED)', () => {
    const rows = [...wordEvidence().values()].map((e) => clearClass(e)).filter((l) => l !== undefined);
    const byClass = new Map<string, string[]>();
    for (const l of rows) byClass.set(l!.verbClass, [...(byClass.get(l!.verbClass) ?? []), `${l!.word}${l!.word in NOT_LEARNED ? '(dropped)' : ''} ${l!.tools}/${l!.of}`]);
    for (const [cls, words] of byClass) console.log(`      ${cls}: ${words.sort().join(', ')}`);
    assert.ok(rows.length > 20);
  });

  it('a word joins a class only with clear evidence: enough tools, most of them that class', () => {
    for (const e of wordEvidence().values()) {
      const l = clearClass(e);
      if (l === undefined) continue;
      assert.ok(l.tools >= MIN_TOOLS && l.tools / l.of >= MIN_SHARE, e.word);
    }
    // `push` is split among the described tools (publish, destroy, other): nothing is learned, and the hand lexicon's line stands.
    assert.equal(learnedVerb('push'), undefined);
    assert.equal(learnedVerb('create'), undefined);
  });

  const cases: [string, string | undefined][] = [
    ['delete', 'destroy'], ['DELETE', 'destroy'], ['purge', 'destroy'], ['destroy', 'destroy'], ['yank', 'destroy'], ['unpublish', 'destroy'],
    ['deprecate', 'publish'], ['publish', 'publish'], ['redeploy', 'publish'], ['suspend', 'disrupt'],
    ['list', 'read'], ['ps', 'read'], ['graph', 'read'], ['output', 'read'], ['completion', 'read'], ['show', 'read'],
    // Learned as `other` (they change something, no more said): the floor has no use for them, so the table leaves them out.
    ['exec', undefined], ['login', undefined],
    // Dropped in review (nouns and generic words), though their evidence was clear.
    ['bulk', undefined], ['peer', undefined], ['resource', undefined], ['credentials', undefined], ['owner', undefined], ['public', undefined], ['run', undefined], ['apply', undefined],
    // Nothing described uses them.
    ['frobnicate', undefined], ['join', undefined],
  ];
  for (const [word, cls] of cases) {
    it(`${word} -> ${cls ?? 'nothing learned'}`, () => assert.equal(learnedVerb(word)?.verbClass, cls));
  }

  it('other-class words are learned but not put in the table', () => {
    assert.equal(clearClass(wordEvidence().get('exec')!)?.verbClass, 'other');
    assert.equal(clearClass(wordEvidence().get('login')!)?.verbClass, 'other');
  });

  it('every dropped word says why', () => {
    for (const [word, why] of Object.entries(NOT_LEARNED)) assert.ok(why.length > 3, word);
  });

  it('reads a destructive rule\'s verb phrase as its class', () => {
    assert.equal(classOfPhrase('deletes'), 'destroy');
    assert.equal(classOfPhrase('overwrites every database of'), 'destroy');
    assert.equal(classOfPhrase('publishes into'), 'publish');
    assert.equal(classOfPhrase('deploys a revision to'), 'publish');
    assert.equal(classOfPhrase('stops'), 'disrupt');
    assert.equal(classOfPhrase('scales to zero instances'), 'disrupt');
    assert.equal(classOfPhrase('prints working credentials for'), 'secret-print');
    assert.equal(classOfPhrase('creates an access key for'), 'other');
  });
});

const decide = decisionTable(testFacts({}));

describe('rules: the verb floor\'s learned words (learnedFloor.ts)', () => {
  // A hand list's word beside a learned one decides (`yank-version`: `version` is a hand read word; `yank-release`: `release` is the
  // hand lexicon's): a learned word never outweighs a hand list.
  decide('a word the described tools use to destroy (yank) asks for an undescribed CLI, naming the word, its class and its tools; help, dry runs, development and reads stay allowed', [
    // Stop 39 merge: `yank` is in the hand destroying list now (r33b, round 33's `fury yank`); the hand floor answers first.
    ask('acmectl yank acme-lib 1.2.0', { production: true, says: /`acmectl yank` yanks acme-lib/ }),
    ask('pkgctl release yank 2.0.1'),
    ask('sudo acmectl yank acme-lib'),
    ask('env REGION=eu acmectl yank v1'),
    ask('acmectl yank-crate acme-lib 1.0'),
    ask('acmectl versions yank 1.0 --project acme'),
    ask('acmectl --profile ops yank v3'),
    ask("bash -c 'acmectl yank v3'"),
    ask('acmectl yank v3 && echo ok'),
    ask('acmectl yankCrate v3'),
    ask('acmectl crate:yank acme-lib@1.0'),
    // look-alikes
    allow('acmectl yank --help'),
    allow('acmectl yank acme-lib --dry-run'),
    ask('acmectl yank acme-lib --env development'),
    allow('acmectl list yanked'),
    allow('acmectl yanked-versions list'),
    allow('acmectl versions show 1.0'),
  ]);

  decide('a word the described tools use to publish (deprecate, redeploy) asks; its statuses, lists and a development target stay allowed', [
    ask('acmectl deprecate acme-lib@1', { says: /`deprecate` is a publish word/ }),
    ask('registryctl package deprecate acme-lib --message old'),
    ask('acmectl deprecate-package acme-lib 1.0'),
    ask('acmectl api deprecate v1'),
    ask('acmectl redeploy web', { production: true, says: /`redeploy` is a publish word/ }),
    ask('shipctl app redeploy billing'),
    ask('opsctl redeploy-service api'),
    ask('acmectl redeploy --service api'),
    ask('sudo -u deploy shipctl redeploy web'),
    ask("sh -c 'shipctl redeploy web'"),
    ask('shipctl redeploy web --region eu-west-1'),
    // look-alikes
    allow('acmectl redeploy-status web'),
    allow('acmectl deprecations list'),
    allow('shipctl redeploy web --env staging'),
    allow('shipctl redeploy --help'),
    allow('shipctl app list'),
  ]);

  decide('a word the described tools use only to read ends the learned search: what follows is a name; it never turns the production-unread ask into an allow', [
    allow('acmectl ps redeploy-worker'),
    allow('acmectl graph redeploy-history'),
    allow('acmectl output redeploy'),
    allow('acmectl completion deprecate'),
    allow('acmectl report redeploy-rate'),
    allow('acmectl wait redeploy-done'),
    allow('acmectl select yanked'),
    allow('sudo acmectl top redeploys'),
    allow('env X=1 acmectl history redeploy'),
    allow('acmectl --profile ops inspect redeploy'),
    // the same words first, and production named: the learned read does not answer for the tool
    ask('acmectl redeploy ps-worker', { says: /`redeploy` is a publish word/ }),
    ask('acmectl deprecate graph-lib', { says: /`deprecate` is a publish word/ }),
    ask('sudo acmectl deprecate report-lib'),
    ask('acmectl --profile ops redeploy history-worker'),
    ask('env X=1 acmectl redeploy top-api'),
    // Stop 39 merge: `ps` is a hand read word now (r31open, round 31's false positive), so these read.
    allow('gigalixir ps -a acme-prod'),
    allow('sudo gigalixir ps -a acme-prod'),
  ]);

  decide('words the review dropped (nouns, generic words) decide nothing: the hand lists and other rules answer as before', [
    // the hand lists still answer beside a dropped word
    ask('acmectl bulk-delete users'),
    ask('acmectl peer delete web-1'),
    ask('acmectl resource purge web-1'),
    allow('acmectl bulk tag users'),
    allow('acmectl peer web-1 db-1'),
    allow('acmectl resource tag web-1 team=ops'),
    allow('acmectl owner add alice'),
    allow('acmectl public-keys'),
    allow('acmectl run tests'),
  ]);
});
