import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMANDS, LOCKDOWN_CONTEXT_KEY } from '../../../src/editor/commandIds';
import { CONFIG_SECTION, SETTING_KEYS } from '../../../src/core/settings/types';

interface Contributes {
  commands: { command: string; title: string; category?: string }[];
  configuration: { title: string; order: number; properties: Record<string, { scope?: string; markdownDescription?: string; default?: unknown }> }[];
  menus: Record<string, { command: string; when?: string }[]>;
  walkthroughs: { steps: { description: string; completionEvents?: string[]; media: { markdown?: string } }[] }[];
}

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: Contributes; capabilities: Record<string, { supported: boolean }>; icon: string; activationEvents: string[] };
const contributed = pkg.contributes;

/** Settings a workspace must not be able to relax: user or machine scope only. */
const RELAXING_WHEN_CHANGED = [
  SETTING_KEYS.hosts, SETTING_KEYS.terminalWatch, SETTING_KEYS.manageChatAutoApprove, SETTING_KEYS.hideCredentialsOnStartup,
  SETTING_KEYS.snapshotsEnabled, SETTING_KEYS.snapshotsMaxMegabytes, SETTING_KEYS.snapshotsMaxTotalMegabytes, SETTING_KEYS.snapshotsKeepDays,
  SETTING_KEYS.offerDatabaseBackup, SETTING_KEYS.otlpEndpoints, SETTING_KEYS.syslogTargets,
];

describe('package.json contributes', () => {
  it('declares exactly the commands the code registers', () => {
    const inPackage = contributed.commands.map((c) => c.command).sort();
    assert.deepEqual(inPackage, Object.values(COMMANDS).sort());
  });

  it('gives every command the Blast Shield category and a blastShield.verbNoun id', () => {
    for (const c of contributed.commands) {
      assert.equal(c.category, 'Blast Shield', c.command);
      assert.match(c.command, /^blastShield\.[a-z]+[A-Z][A-Za-z]*$/, c.command);
    }
  });

  it('menus and walkthrough links name known commands', () => {
    const known = new Set<string>(Object.values(COMMANDS));
    for (const entries of Object.values(contributed.menus)) for (const m of entries) assert.ok(known.has(m.command), m.command);
    for (const step of contributed.walkthroughs[0]!.steps) {
      for (const m of step.description.matchAll(/\(command:([\w.]+)\)/g)) assert.ok(known.has(m[1]!), m[1]);
      for (const e of step.completionEvents ?? []) {
        if (e.startsWith('onCommand:')) assert.ok(known.has(e.slice('onCommand:'.length)), e);
        if (e.startsWith('onContext:')) assert.equal(e.slice('onContext:'.length), LOCKDOWN_CONTEXT_KEY);
      }
      if (step.media.markdown) assert.ok(fs.existsSync(path.join(root, step.media.markdown)), step.media.markdown);
    }
  });

  it('declares every setting the code reads, each with a scope and a markdownDescription, in ordered groups', () => {
    const properties = Object.assign({}, ...contributed.configuration.map((g) => g.properties)) as Record<string, { scope?: string; markdownDescription?: string }>;
    assert.deepEqual(Object.keys(properties).sort(), Object.values(SETTING_KEYS).map((k) => `${CONFIG_SECTION}.${k}`).sort());
    for (const [key, p] of Object.entries(properties)) {
      assert.ok(p.scope, `${key} has no scope`);
      assert.ok(p.markdownDescription && p.markdownDescription.length > 40, `${key} has no markdownDescription`);
    }
    const orders = contributed.configuration.map((g) => g.order);
    assert.deepEqual(orders, [...orders].sort((a, b) => a - b));
  });

  it('keeps settings that could relax protection out of workspace reach', () => {
    const properties = Object.assign({}, ...contributed.configuration.map((g) => g.properties)) as Record<string, { scope?: string }>;
    for (const key of RELAXING_WHEN_CHANGED) assert.ok(['application', 'machine'].includes(properties[`${CONFIG_SECTION}.${key}`]!.scope!), key);
  });

  it('runs in untrusted workspaces, not in virtual ones, with an icon and lazy activation', () => {
    assert.equal(pkg.capabilities.untrustedWorkspaces!.supported, true);
    assert.equal(pkg.capabilities.virtualWorkspaces!.supported, false);
    assert.ok(fs.existsSync(path.join(root, pkg.icon)));
    assert.ok(!pkg.activationEvents.includes('*'));
  });
});
