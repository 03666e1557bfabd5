/**
 * Undo for approved actions, on the editor's side of the confirm flow. While the dialog is open it
 * plans the snapshot (and measures it against the limits) and checks whether "back up first" can be
 * offered; after the human allows, and before the hook is told, it takes the snapshot. A snapshot
 * that was promised and then fails turns the allow into a deny: the human approved on that promise.
 *
 * The database dump itself runs in the hook (it has the agent's connection settings); this only
 * passes the human's choice on with the answer.
 */
import type { BackupPlan } from '../../core/backup/plan';
import { describeTarget } from '../../core/backup/plan';
import type { Logger } from '../../core/logger';
import type { Facts, Invocation } from '../../core/policy/types';
import type { BackupOffer, PreviewSection } from '../../core/preview/model';
import type { ActionDescription, ConfirmRequest } from '../../core/protocol/ipc';
import type { SnapshotLimits, SnapshotManifest } from '../../core/snapshot/manifest';
import type { SnapshotPlan } from '../../core/snapshot/plan';
import { recoverySection } from '../../core/snapshot/recoveryNote';
import type { SnapshotContext, SnapshotEstimate, TakeOptions } from '../snapshot/takeSnapshot';

/** The engine parts this needs, loaded on first use by the editor (deferred bundle). */
export interface RecoveryEngine {
  gatherFacts(o: { cwd: string; workspaceRoots: readonly string[]; env: Readonly<Record<string, string | undefined>>; home: string }): Facts;
  analyze(command: string, facts: Facts): { invocations: Invocation[] };
  planSnapshot(input: { verdict: ConfirmRequest['verdict']; invocations: readonly Invocation[]; home: string; workspaceRoots: readonly string[] }): SnapshotPlan;
  estimateSnapshot(plan: SnapshotPlan, ctx: SnapshotContext): Promise<SnapshotEstimate>;
  takeSnapshot(plan: SnapshotPlan, ctx: SnapshotContext, options: TakeOptions): Promise<SnapshotManifest>;
  newSnapshotId(): string;
  planBackup(invocations: readonly Invocation[], readFile: (abs: string) => string | undefined, home: string): { ok: true; plans: BackupPlan[] } | { ok: false; why: string };
  canDump(target: BackupPlan['target'], env: Readonly<Record<string, string | undefined>>): Promise<{ ok: boolean; why?: string }>;
}

export interface RecoverySettings {
  snapshots: { enabled: boolean; maxBytes: number; maxTotalBytes: number; keepDays: number };
  offerDatabaseBackup: boolean;
}

export interface RecoveryKeeperDeps {
  engine: () => RecoveryEngine;
  guardHome: string;
  userHome: string;
  workspaceRoots: () => readonly string[];
  settings: () => RecoverySettings;
  logger: Logger;
  /** The editor's environment, for finding pg_dump and reaching the server. */
  env: Readonly<Record<string, string | undefined>>;
}

/** What the answer to the hook carries besides allow/deny. */
export interface RecoveryOutcome {
  decision: 'allow' | 'deny';
  reason: string;
  /** The snapshot kept before the action runs. */
  snapshot?: string;
  /** The human asked for a database dump first (the hook takes it). */
  backupFirst?: boolean;
}

interface Prepared {
  id: string;
  plan?: SnapshotPlan;
  estimate?: SnapshotEstimate;
  limits: SnapshotLimits;
  backupOffered: boolean;
}

const PREPARED_TTL_MS = 10 * 60 * 1000;

function limitsOf(s: RecoverySettings): SnapshotLimits {
  return { maxBytes: s.snapshots.maxBytes, maxTotalBytes: s.snapshots.maxTotalBytes, keepDays: s.snapshots.keepDays, maxFiles: 20_000 };
}

function backupLabel(plans: readonly BackupPlan[]): string {
  const what = plans.flatMap((p) => (p.wholeDatabase ? [`the database ${p.target.database ?? ''}`] : [...p.tables, ...p.schemas.map((s) => `schema ${s}`)]));
  const tool = plans[0]?.target.engine === 'mysql' ? 'mysqldump' : 'pg_dump';
  return `Back up ${what.join(', ')} with ${tool} first (${plans.map((p) => describeTarget(p.target)).join('; ')})`;
}

export class RecoveryKeeper {
  /** Keyed by the action's dedupe key: twins of one action share one snapshot. */
  private readonly prepared = new Map<string, { at: number; value: Promise<Prepared> }>();
  private readonly choices = new Map<string, { backupFirst: boolean }>();
  private readonly taken = new WeakMap<object, Promise<RecoveryOutcome>>();

  constructor(private readonly deps: RecoveryKeeperDeps) {}

  private analyse(action: ActionDescription): { invocations: Invocation[]; facts: Facts } | undefined {
    if (action.kind !== 'shell') return undefined;
    try {
      const engine = this.deps.engine();
      const facts = engine.gatherFacts({ cwd: action.cwd, workspaceRoots: this.deps.workspaceRoots(), env: {}, home: this.deps.userHome });
      return { invocations: engine.analyze(action.command, facts).invocations, facts };
    } catch {
      return undefined;
    }
  }

  private prepare(request: ConfirmRequest): Promise<Prepared> {
    const now = Date.now();
    for (const [k, v] of this.prepared) if (now - v.at > PREPARED_TTL_MS) this.prepared.delete(k);
    const known = this.prepared.get(request.dedupeKey);
    if (known) return known.value;
    const value = this.measure(request);
    this.prepared.set(request.dedupeKey, { at: now, value });
    return value;
  }

  private async measure(request: ConfirmRequest): Promise<Prepared> {
    const engine = this.deps.engine();
    const settings = this.deps.settings();
    const limits = limitsOf(settings);
    const id = engine.newSnapshotId();
    const analysed = this.analyse(request.action);
    if (!analysed) return { id, limits, backupOffered: false };
    const plan = engine.planSnapshot({ verdict: request.verdict, invocations: analysed.invocations, home: this.deps.userHome, workspaceRoots: this.deps.workspaceRoots() });
    if (plan.steps.length === 0 || !settings.snapshots.enabled) return { id, plan, limits, backupOffered: false };
    const estimate = await engine.estimateSnapshot(plan, { guardHome: this.deps.guardHome, home: this.deps.userHome, limits });
    return { id, plan, estimate, limits, backupOffered: false };
  }

  /** The dialog's "Undo" section for an ask, or undefined when the ask destroys nothing that could be kept or dumped. */
  async sectionFor(request: ConfirmRequest): Promise<PreviewSection | undefined> {
    const prepared = await this.prepare(request);
    const backup = await this.backupOffer(request);
    if (backup?.available) prepared.backupOffered = true;
    const settings = this.deps.settings();
    const destroysLocally = prepared.plan !== undefined && (prepared.plan.steps.length > 0 || prepared.plan.uncovered.length > 0);
    if (!destroysLocally && !backup) return undefined;
    if (!destroysLocally && backup) {
      return { kind: 'recovery', title: 'Back up first', recoverable: false, summary: 'A database statement cannot be undone once it ran; a dump taken first can bring the tables back.', details: [], backup };
    }
    return recoverySection({ disabled: !settings.snapshots.enabled, id: prepared.id, keepDays: prepared.limits.keepDays, estimate: prepared.estimate, backup });
  }

  private async backupOffer(request: ConfirmRequest): Promise<BackupOffer | undefined> {
    if (!this.deps.settings().offerDatabaseBackup) return undefined;
    const analysed = this.analyse(request.action);
    if (!analysed) return undefined;
    const planned = this.deps.engine().planBackup(analysed.invocations, (p) => analysed.facts.readFile(p), this.deps.userHome);
    if (!planned.ok) {
      const touchesDatabase = analysed.invocations.some((i) => i.name === 'psql' || i.name === 'mysql' || i.name === 'mariadb');
      return touchesDatabase ? { available: false, label: 'Back up first', why: planned.why } : undefined;
    }
    if (planned.plans.length === 0) return undefined;
    for (const p of planned.plans) {
      const reach = await this.deps.engine().canDump(p.target, this.deps.env);
      if (!reach.ok) return { available: false, label: backupLabel(planned.plans), why: reach.why };
    }
    return { available: true, label: backupLabel(planned.plans) };
  }

  /** The human's choice in the dialog, recorded before the phrase is checked. */
  choose(requestId: string, choice: { backupFirst: boolean }): void {
    this.choices.set(requestId, choice);
  }

  /**
   * Settle an answer: for an allow, keep the snapshot first (once per answer, however many twins
   * share it) and pass the back-up choice on. Never turns a deny into an allow.
   */
  afterAnswer<A extends { decision: 'allow' | 'deny'; reason: string }>(request: ConfirmRequest, answer: A): Promise<A & RecoveryOutcome> {
    if (answer.decision !== 'allow') return Promise.resolve(answer);
    const known = this.taken.get(answer) as Promise<A & RecoveryOutcome> | undefined;
    if (known) return known;
    const outcome = this.keep(request, answer);
    this.taken.set(answer, outcome);
    return outcome;
  }

  private async keep<A extends { decision: 'allow' | 'deny'; reason: string }>(request: ConfirmRequest, answer: A): Promise<A & RecoveryOutcome> {
    const choice = this.choices.get(request.id);
    this.choices.delete(request.id);
    const prepared = await this.prepare(request);
    // The next run of the same action is another action: its own dialog, its own snapshot id.
    this.prepared.delete(request.dedupeKey);
    const backupFirst = choice?.backupFirst === true && prepared.backupOffered;
    const base: A & RecoveryOutcome = { ...answer, decision: 'allow', ...(backupFirst ? { backupFirst: true } : {}) };
    if (!this.deps.settings().snapshots.enabled || !prepared.plan || prepared.plan.steps.length === 0 || !prepared.estimate?.recoverable) return base;
    try {
      const manifest = await this.deps.engine().takeSnapshot(prepared.plan, { guardHome: this.deps.guardHome, home: this.deps.userHome, limits: prepared.limits }, { id: prepared.id, action: request.action.kind === 'shell' ? request.action.command : request.action.kind, cwd: request.action.cwd ?? '' });
      this.deps.logger.info(`Snapshot ${manifest.id} kept before ${request.id} (${manifest.files} file(s) copied).`);
      return { ...base, reason: `${answer.reason} A copy is kept: blast-shield restore ${manifest.id}.`, snapshot: manifest.id };
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      this.deps.logger.warn(`Snapshot before ${request.id} failed: ${why}. Denying, since the dialog promised a copy.`);
      return { ...answer, decision: 'deny', reason: `The copy the dialog promised could not be kept (${why}), so the action was not allowed. Ask again to retry.` };
    }
  }
}
