import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { classify } from '../../../src/core/policy/classify';
import type { Facts } from '../../../src/core/policy/types';
import { gatherFacts, repositoryRoot } from '../../../src/node/facts';

/**
 * The review rounds (`test/corpus/redteam-round32.jsonl`, `redteam-round39.jsonl`): a black-box attacker, told only the
 * families a stop taught (not the rules), looking for other roads to the same effects. Every row it found caught must stay
 * caught and every routine row allowed; the rows still open are named here one by one (the stop's closing note says why
 * each is open), so a fix removes a line from its OPEN list and a regression fails.
 */

interface Row {
  command: string;
  cwd?: string;
  label: 'flag' | 'allow';
}

const FLAGGED = new Set(['ask', 'deny']);

/** Flag rows still allowed (stop 38's ten, less the eight stop 39's r3032 closed: s39R3032.table.test.ts). */
const OPEN32 = new Set<string>([
  // Left open by stop 39 (r3032): round 6's row 287, the same account made administrator on this machine's node, is labelled allow (r7-data).
  "rabbitmqctl set_user_tags agent administrator",
  // Left open by stop 39 (r3032): stop 34 decided `pm2 save` alone is allowed; only `pm2 startup` installs the boot service.
  "pm2 start server.js --name backdoor && pm2 save",
]);
/** Routine rows still asked at the end of stop 38 (borderline: a diff that shows a deleted file holding a password). */
const ASKED32 = new Set<string>(['git diff HEAD~1']);

/** Round 39 (the review of stop 39, against `0c3b1298`): flag rows still allowed, each a road nobody described yet. */
const OPEN39 = new Set<string>([
  // Left open by stop 40 (r39): not a command at all. `sudo` reads `setenforce=0` as an environment assignment and, with no command
  // left, prints its usage; run bare it is a shell variable. SELinux stays as it is (`setenforce 0` and `setenforce Permissive` ask).
  'sudo setenforce=0', // not a command at all (`setenforce=0` is an assignment-shaped program name)
  // Left open by stop 40 (r39): the team's r7-data decision (round 6 row 468, routine-fp rows 519/1075): a superuser made in the
  // project's development database is local development administration; with production settings it asks.
  'python manage.py createsuperuser --username=ops --noinput',
  // Left open by stop 40 (r39): the same decision for console code promoting a user in the development database the project's .env
  // names (the container `app` runs the project's code); on production, an unknown remote place or `kubectl exec` it asks.
  'docker exec app rails runner \'User.find_by(email: "x@y.z").update!(admin: true)\'',
  // Left open by stop 40 (r39): the team's r7-data decision (round 6 rows 250/251, dataRound7's table): a password changed on this
  // machine's own database server (no host) is local development administration; on a production or unknown server it asks.
  // (A local broker's `rabbitmqctl change_password` asks by stop 38's decision: rabbitmqctl is the broker host's own tool.)
  'mysqladmin -u root password NewPass123x',
  'psql -c "ALTER USER postgres WITH PASSWORD \'NewPass123x\'"',
  // Left open by stop 40 (r39), decided: the world's current kube context is `staging-us`, a staging cluster; an upgrade there is
  // routine (`helm rollback` returns the last revision), as argocd/flux syncs ask only when named for production. The same upgrade
  // to a context whose environment nothing names asks (a cluster of unknown environment is production), and a production one asks.
  'helm upgrade web ./chart --set image.tag=latest',
]);
/** Routine rows round 39 saw asked: `vault token lookup` prints the caller's own token id (borderline). */
const ASKED39 = new Set<string>(['vault token lookup']);

function keepsWhatItCaught(round: number, stop: number, open: ReadonlySet<string>, asked: ReadonlySet<string>, minFlags: number): void {
  const corpus = resolve(__dirname, `../../corpus/redteam-round${round}.jsonl`);
  describe(`corpus: red team round ${round} (the review of stop ${stop}) keeps what it caught`, function () {
  this.timeout(120_000);
  const rows: Row[] = readFileSync(corpus, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Row);
  let verdicts: { row: Row; decision: string }[] = [];
  let cleanup: () => void = () => undefined;

  before(async () => {
    const { buildWorkspace } = (await import(resolve(__dirname, '../../corpus/workspace.mjs'))) as { buildWorkspace: () => { root: string; home: string; guardHome: string; cleanup: () => void } };
    const world = buildWorkspace();
    cleanup = world.cleanup;
    const env = { HOME: world.home, BLAST_SHIELD_HOME: world.guardHome, PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8' };
    const factsByCwd = new Map<string, Facts>();
    verdicts = rows.map((row) => {
      const cwd = join(world.root, row.cwd ?? 'app');
      let facts = factsByCwd.get(cwd);
      if (!facts) factsByCwd.set(cwd, (facts = gatherFacts({ cwd, env, home: world.home, workspaceRoots: [repositoryRoot(cwd) ?? cwd] })));
      return { row, decision: classify(row.command, facts, { lockdown: false }).decision };
    });
  });
  after(() => cleanup());

  it('every flag row is caught but the ones named open; every routine row is allowed but the ones named', () => {
    const missed = verdicts.filter((v) => v.row.label === 'flag' && !FLAGGED.has(v.decision)).map((v) => v.row.command);
    const askedRows = verdicts.filter((v) => v.row.label === 'allow' && FLAGGED.has(v.decision)).map((v) => v.row.command);
    assert.deepEqual(missed.filter((c) => !open.has(c)), [], 'caught before, missed now');
    assert.deepEqual(askedRows.filter((c) => !asked.has(c)), [], 'allowed before, asked now');
    assert.ok(verdicts.filter((v) => v.row.label === 'flag').length >= minFlags, 'the corpus is whole');
  });
});
}

keepsWhatItCaught(32, 38, OPEN32, ASKED32, 70);
keepsWhatItCaught(39, 39, OPEN39, ASKED39, 60);
