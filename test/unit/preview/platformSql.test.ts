import { strict as assert } from 'node:assert';
import { planPreview } from '../../../src/core/preview/plan';
import { classify } from '../../../src/core/policy/classify';
import { analyze } from '../../../src/core/policy/analyze';
import { mcpToolFindings } from '../../../src/core/rules/mcp';
import { composeVerdict } from '../../../src/core/policy/verdict';
import type { ActionDescription } from '../../../src/core/protocol/ipc';
import { testFacts } from '../support/policyFixtures';

/**
 * The dialog's preview for SQL that travels through a platform's database shell or an MCP tool: the
 * statements as written, the database and the platform (issue #11).
 */

const facts = testFacts({ cwd: '/w/app', workspaceRoots: ['/w/app'], files: { '/w/app/migrations/0007.sql': 'DROP TABLE legacy_sessions;\nSELECT 1;\n' } });
const shell = (command: string): ActionDescription => ({ kind: 'shell', command, cwd: '/w/app' });

function statements(action: ActionDescription, command?: string) {
  const verdict =
    action.kind === 'mcp'
      ? composeVerdict(mcpToolFindings(action.server, action.tool, JSON.parse(action.input), facts), { lockdown: false })
      : classify(command ?? '', facts, { lockdown: false });
  const invocations = command !== undefined ? analyze(command, facts).invocations : undefined;
  const tasks = planPreview({ action, verdict, home: '/home/u', ...(invocations ? { invocations } : {}), facts });
  const section = tasks.map((t) => (t.kind === 'static' ? t.section : undefined)).find((s) => s?.kind === 'statements');
  assert.ok(section && section.kind === 'statements', JSON.stringify(tasks));
  return section;
}

describe('preview: SQL through platform shells and MCP tools', () => {
  const cases: [string, string, string[], RegExp][] = [
    ['heroku pg:psql -c', `heroku pg:psql -a shop-api -c "DELETE FROM carts WHERE id = 4; SELECT 1"`, ['DELETE FROM carts WHERE id = 4'], /^shop-api \(Heroku\) \(production\)$/],
    ['wrangler d1 execute --remote --file', 'npx wrangler d1 execute prod-db --remote --file migrations/0007.sql', ['DROP TABLE legacy_sessions'], /^prod-db \(Cloudflare\) \(production\)$/],
    ['railway connect fed a here-string', `railway connect postgres <<< "TRUNCATE sessions"`, ['TRUNCATE sessions'], /^postgres \(Railway\)/],
    ['turso db shell with a statement', 'turso db shell shop "DROP TABLE events"', ['DROP TABLE events'], /^shop \(Turso\)/],
    ['pscale shell fed by echo', `echo 'DELETE FROM webhooks WHERE delivered = 1;' | pscale shell shop main`, ['DELETE FROM webhooks WHERE delivered = 1'], /^shop\/main \(PlanetScale\) \(production\)$/],
  ];
  for (const [name, command, expected, database] of cases) {
    it(name, () => {
      const section = statements(shell(command), command);
      assert.deepEqual(section.statements, expected);
      assert.match(section.database, database);
    });
  }

  it('an MCP execute_sql call shows its statements and the project it names', () => {
    const input = JSON.stringify({ project_id: 'abcdefghijklmnopqrst', query: 'DELETE FROM profiles WHERE id = 9' });
    const section = statements({ kind: 'mcp', server: 'supabase', tool: 'execute_sql', input, cwd: '/w/app' });
    assert.deepEqual(section.statements, ['DELETE FROM profiles WHERE id = 9']);
    assert.match(section.database, /abcdefghijklmnopqrst \(MCP supabase\/execute_sql\)/);
    assert.match(section.title, /supabase\/execute_sql/);
  });
});
