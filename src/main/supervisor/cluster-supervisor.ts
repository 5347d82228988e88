import type { CallResult, EventFrame } from '../../shared/contract';
import type { ReshardInfo, ShardsStatus } from '../../shared/dto/shards';
import type { SupervisorStatus } from '../../shared/dto/supervisor';
import type { ClusterAssignment } from '../../shared/process/cluster';
import { planClusters } from '../../shared/process/cluster-plan';
import type { ClusterFigures } from '../../shared/process/sharding-messages';
import type { ApiSurface } from '../api/api';
import type { Logger } from '../runtime/logging/logging';
import { BroadcastRelay, type RelayTarget } from './broadcast-relay';
import { lockDataDir, unlockDataDir } from './data-dir-lock';
import { ReloadRelay } from './reload-relay';
import { clusterLaunch } from './cluster-launch';
import { clusterStatusOf } from './cluster-status';
import type { LeaseCoordinator, LeasesFactory } from './lease-types';
import type { PgEvalRelay } from './pg-eval-relay';
import { pgLeases, startPgEvalRelay } from './pg-hosts';
import type { RuntimeSupervisor } from './runtime-supervisor';
import { readShardSettings, refusalOf, type ShardSettings } from './shard-settings';
import { Supervisor, type ShardingMessage, type StartOutcome, type SupervisorOptions } from './supervisor';

export interface ClusterSupervisorOptions extends SupervisorOptions {
  /** The shard layout (default: read from the data dir's config.json and the overrides). */
  settings?: ShardSettings;
  /** Across hosts (sharding.hostId set): which clusters this host runs. */
  leases?: LeasesFactory;
}

interface Slot {
  assignment: ClusterAssignment;
  supervisor: Supervisor;
  figures: ClusterFigures | null;
  figuresAt: string | null;
  offs: (() => void)[];
}

const EXIT_CONFIG = 78;

/**
 * Runs the bot as clusters: one runtime process (a `Supervisor`) per cluster of shards. Each
 * cluster restarts alone under the usual policy while the others keep serving. Cluster 0 also
 * runs the console, IRC, RPC and the panel api; `supervisor.*` and `shards.*` are answered here.
 * Relays `broadcastEval` between clusters, re-shards (a rolling restart) when a cluster reports
 * that Discord wants another shard count, and across hosts runs only the clusters it leases.
 */
export class ClusterSupervisor implements RuntimeSupervisor {
  readonly api: ApiSurface;
  private readonly settings: ShardSettings;
  private readonly logger: Logger;
  private plan: ClusterAssignment[];
  /** This host's clusters by id. */
  private readonly slots = new Map<number, Slot>();
  private readonly relay: BroadcastRelay;
  private readonly reloads: ReloadRelay;
  private readonly frameListeners = new Set<(frame: EventFrame) => void>();
  private readonly statusListeners = new Set<(status: SupervisorStatus) => void>();
  private readonly endListeners = new Set<(exitCode: number) => void>();
  private leases: LeaseCoordinator | null = null;
  /** Across hosts (PostgreSQL): `broadcastEval` reaching the clusters other hosts run. */
  private hostRelay: PgEvalRelay | null = null;
  private lastReshard: ReshardInfo | null = null;
  private resharding = false;
  private stopping = false;
  private consoleEnded = false;
  /** Console lines that arrived while cluster 0 was being replaced. */
  private heldLines: string[] | null = null;
  /** Cluster starts run one after another (Discord's identify limits; an orderly log). */
  private starts: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ClusterSupervisorOptions) {
    this.logger = options.logger;
    this.settings =
      options.settings ??
      readShardSettings(options.launch.dataDir, options.launch.configOverrides as Record<string, unknown>);
    this.plan = this.planFor(this.settings.shards === 'auto' ? 1 : this.settings.shards);
    this.relay = new BroadcastRelay((clusterId) => this.targetOf(clusterId));
    this.reloads = new ReloadRelay((message, detail) => this.logger.warn(detail, message));
    this.api = {
      router: { call: (method, input, ctx) => this.call(method, input, ctx.transport) },
      events: {
        subscribe: (listener) => {
          this.frameListeners.add(listener);
          return () => void this.frameListeners.delete(listener);
        },
      },
    };
  }

  get runtimeSettings(): Readonly<{ panelPort: number }> {
    return this.primary()?.runtimeSettings ?? { panelPort: 0 };
  }

  async start(): Promise<StartOutcome> {
    this.stopping = false;
    const refusal = refusalOf(this.settings);
    if (refusal) {
      this.logger.fatal(refusal);
      this.refusal = refusal;
      return { ok: false, exitCode: EXIT_CONFIG };
    }
    const hostId = this.settings.hostId;
    if (hostId === null) {
      const locked = lockDataDir(this.options.launch.dataDir);
      if (locked) {
        this.logger.fatal(locked);
        this.refusal = locked;
        return { ok: false, exitCode: 1 };
      }
    }
    if (hostId !== null) {
      const leasesOf = this.options.leases ?? pgLeases(this.logger.child({ leases: hostId }));
      this.leases = leasesOf({ ...this.settings, hostId }, this.plan.length, {
        shardCount: this.plan[0]!.shardCount,
        clustersFor: (shardCount) => this.planFor(shardCount).length,
      });
      try {
        await this.leases.start({
          acquired: (clusterId) => void this.queueStart(clusterId),
          lost: (clusterId) => this.dropCluster(clusterId, 'its lease was lost'),
          replanned: (shardCount, reason) => this.replanned(shardCount, reason),
        });
      } catch (err) {
        const message = `cannot join the other hosts through the lease table: ${(err as Error).message}`;
        this.refusal = message;
        this.logger.fatal({ err }, message);
        await this.leases.stop().catch(() => undefined);
        this.leases = null;
        return { ok: false, exitCode: 1 };
      }
      if (this.settings.postgresUrl)
        this.hostRelay = await startPgEvalRelay(
          { url: this.settings.postgresUrl, hostId, tablePrefix: this.settings.tablePrefix },
          this.logger,
          (clusterId, source, context, timeoutMs) =>
            this.relay.askHere(clusterId, source, context, timeoutMs),
        );
      return { ok: true };
    }
    const first = await this.startSlot(this.plan[0]!);
    if (!first.ok) return first;
    for (const assignment of this.plan.slice(1)) await this.startSlot(assignment);
    return { ok: true };
  }

  /** Why the supervisor refused to start (shown like a gave-up message), or null. */
  private refusal: string | null = null;

  status(): SupervisorStatus {
    const primary = this.primary();
    if (primary) return primary.status();
    const holder = this.leases?.view().find((l) => l.clusterId === 0)?.host;
    return {
      state: this.refusal ? 'stopped' : this.stopping ? 'stopped' : 'running',
      runtimePid: null,
      restarts: 0,
      lastRestart: null,
      message:
        this.refusal ??
        (holder ? `cluster 0 (console, panel api) runs on host ${holder}` : 'cluster 0 is not running here'),
    };
  }

  shardsStatus(): ShardsStatus {
    const leased = new Map((this.leases?.view() ?? []).map((l) => [l.clusterId, l]));
    const clusters = this.plan.map((a) => {
      const slot = this.slots.get(a.clusterId);
      const local = slot
        ? { status: slot.supervisor.status(), figures: slot.figures, figuresAt: slot.figuresAt }
        : null;
      return clusterStatusOf(a, this.settings.hostId, local, leased.get(a.clusterId));
    });
    return {
      shardCount: this.plan[0]!.shardCount,
      shardsPerCluster: this.settings.shardsPerCluster,
      hostId: this.settings.hostId,
      clusters,
      lastReshard: this.lastReshard,
    };
  }

  onStatus(listener: (status: SupervisorStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => void this.statusListeners.delete(listener);
  }

  onEnd(listener: (exitCode: number) => void): () => void {
    this.endListeners.add(listener);
    return () => void this.endListeners.delete(listener);
  }

  async call(
    method: string,
    input: unknown,
    transport: 'ipc' | 'web' | 'test' = 'test',
  ): Promise<CallResult> {
    if (method === 'shards.status' || method === 'shards.restartCluster')
      return this.shardsCall(method, input);
    const primary = this.primary();
    if (method === 'supervisor.status' && !primary) return { ok: true, data: this.status() };
    if (!primary) return { ok: false, error: { code: 'UNAVAILABLE', message: this.status().message ?? '' } };
    return primary.call(method, input, transport);
  }

  consoleLine(line: string): void {
    if (this.heldLines) this.heldLines.push(line);
    else this.primary()?.consoleLine(line);
  }

  consoleEnd(): void {
    this.consoleEnded = true;
    if (!this.heldLines) this.primary()?.consoleEnd();
  }

  interrupt(): Promise<boolean> {
    return this.primary()?.interrupt() ?? Promise.resolve(false);
  }

  /** Stops every cluster (in parallel) and leaves the lease table; the highest exit code wins. */
  async stop(reason: string, drain = false): Promise<number> {
    this.stopping = true;
    const codes = await Promise.all([...this.slots.values()].map((s) => s.supervisor.stop(reason, drain)));
    await this.leases?.stop();
    await this.hostRelay?.stop();
    this.hostRelay = null;
    if (this.settings.hostId === null) unlockDataDir(this.options.launch.dataDir);
    return Math.max(0, ...codes);
  }

  /** An operator's restart of the whole bot: each cluster in turn; resolves with cluster 0's outcome. */
  async restart(reason: string): Promise<StartOutcome> {
    this.stopping = false;
    const locked = this.settings.hostId === null ? lockDataDir(this.options.launch.dataDir) : null;
    if (locked) {
      this.logger.error(locked);
      return { ok: false, exitCode: 1 };
    }
    let outcome: StartOutcome = { ok: true };
    for (const slot of [...this.slots.values()].sort(
      (a, b) => a.assignment.clusterId - b.assignment.clusterId,
    )) {
      const result = await slot.supervisor.restart(reason);
      if (slot.assignment.clusterId === 0) outcome = result;
    }
    return outcome;
  }

  /** Restarts one of this host's clusters; false when it does not run here. */
  restartCluster(clusterId: number, reason: string): boolean {
    const slot = this.slots.get(clusterId);
    if (!slot) return false;
    this.logger.info({ cluster: clusterId, reason }, `restarting cluster ${clusterId}`);
    void slot.supervisor.restart(reason);
    return true;
  }

  private shardsCall(method: 'shards.status' | 'shards.restartCluster', input: unknown): CallResult {
    if (method === 'shards.status') {
      if (input !== undefined && (typeof input !== 'object' || input === null || Object.keys(input).length))
        return { ok: false, error: { code: 'BAD_REQUEST', message: 'shards.status takes no input' } };
      return { ok: true, data: this.shardsStatus() };
    }
    const clusterId = (input as { clusterId?: unknown } | null)?.clusterId;
    if (typeof clusterId !== 'number' || !Number.isInteger(clusterId) || clusterId < 0)
      return { ok: false, error: { code: 'BAD_REQUEST', message: 'clusterId: a cluster number' } };
    if (clusterId >= this.plan.length)
      return {
        ok: false,
        error: { code: 'NOT_FOUND', message: `no cluster ${clusterId} (the bot has ${this.plan.length})` },
      };
    if (!this.restartCluster(clusterId, 'restarted from the panel')) {
      const host = this.leases?.view().find((l) => l.clusterId === clusterId)?.host;
      return {
        ok: false,
        error: {
          code: 'UNAVAILABLE',
          message: `cluster ${clusterId} does not run on this host${host ? ` (host ${host} runs it)` : ''}`,
        },
      };
    }
    return { ok: true, data: { restarted: true } };
  }

  private primary(): Supervisor | null {
    return this.slots.get(0)?.supervisor ?? null;
  }

  private planFor(shardCount: number): ClusterAssignment[] {
    return planClusters(shardCount, this.settings.shardsPerCluster);
  }

  private targetOf(clusterId: number): RelayTarget {
    const slot = this.slots.get(clusterId);
    if (slot)
      return {
        kind: 'local',
        send: (message) => slot.supervisor.send(message),
        state: slot.supervisor.status().state,
      };
    const host = this.leases?.view().find((l) => l.clusterId === clusterId)?.host;
    const relay = this.hostRelay;
    if (host && relay && host !== this.settings.hostId)
      return {
        kind: 'remote',
        ask: (source, context, timeoutMs) => relay.ask(host, clusterId, source, context, timeoutMs),
      };
    return {
      kind: 'absent',
      why: host
        ? `cluster ${clusterId} runs on host ${host}, which cannot be reached for evaluation`
        : `no host runs cluster ${clusterId} right now`,
    };
  }

  private queueStart(clusterId: number): Promise<unknown> {
    this.starts = this.starts.then(async () => {
      const assignment = this.plan[clusterId];
      if (!assignment || this.slots.has(clusterId) || this.stopping) return;
      await this.startSlot(assignment);
    });
    return this.starts;
  }

  private async dropCluster(clusterId: number, why: string): Promise<void> {
    const slot = this.slots.get(clusterId);
    if (!slot) return;
    this.logger.warn({ cluster: clusterId }, `stopping cluster ${clusterId}: ${why}`);
    this.detach(slot);
    const stopped = slot.supervisor.stop(why);
    // a cluster taken next (under a new plan: other shards) starts once this one is gone
    this.starts = this.starts.then(() => stopped);
    await stopped;
    this.pushShards();
  }

  private detach(slot: Slot): void {
    for (const off of slot.offs.splice(0)) off();
    if (this.slots.get(slot.assignment.clusterId) === slot) this.slots.delete(slot.assignment.clusterId);
    this.relay.clusterDown(slot.assignment.clusterId, `cluster ${slot.assignment.clusterId} stopped`);
    this.reloads.clusterDown(slot.assignment.clusterId);
  }

  private startSlot(assignment: ClusterAssignment): Promise<StartOutcome> {
    const id = assignment.clusterId;
    const single = this.plan.length === 1 && assignment.shardCount === 1 && this.settings.hostId === null;
    const supervisor = new Supervisor({
      ...this.options,
      launch: clusterLaunch(this.options.launch, single ? null : assignment),
      logger: id === 0 ? this.logger : this.logger.child({ cluster: id }),
      stdout: id === 0 ? this.options.stdout : undefined,
      onSharding: (message) => this.onSharding(id, message),
    });
    const slot: Slot = { assignment, supervisor, figures: null, figuresAt: null, offs: [] };
    this.slots.set(id, slot);
    slot.offs.push(
      supervisor.onStatus((status) => {
        if (status.state !== 'running') {
          this.relay.clusterDown(id, `cluster ${id} is ${status.state}`);
          this.reloads.clusterDown(id);
        }
        if (id === 0) for (const listener of this.statusListeners) listener(status);
        this.pushShards();
      }),
      supervisor.onEnd((code) => {
        if (id === 0 && !this.resharding) for (const listener of this.endListeners) listener(code);
        else if (!this.stopping)
          this.logger.error(
            `cluster ${id} is down for good (${supervisor.status().message ?? code}); restart it from the panel`,
          );
      }),
    );
    if (id === 0) {
      slot.offs.push(
        supervisor.api.events.subscribe((frame) => {
          for (const listener of this.frameListeners) listener(frame);
        }),
      );
      for (const line of this.heldLines?.splice(0) ?? []) supervisor.consoleLine(line);
      this.heldLines = null;
      if (this.consoleEnded) supervisor.consoleEnd();
    }
    this.logger.info(
      { cluster: id, shards: assignment.shardIds },
      `starting cluster ${id} of ${assignment.clusterCount} (shards ${assignment.shardIds.join(', ')} of ${assignment.shardCount})`,
    );
    return supervisor.start();
  }

  private onSharding(clusterId: number, message: ShardingMessage): void {
    const slot = this.slots.get(clusterId);
    if (!slot) return;
    switch (message.type) {
      case 'broadcast':
        void this.relay
          .gather(this.plan.length, message.source, message.context, message.timeoutMs)
          .then((results) => slot.supervisor.send({ type: 'broadcast-result', id: message.id, results }));
        return;
      case 'eval-result':
        this.relay.answer(message.id, message.result);
        return;
      case 'cluster-figures':
        slot.figures = message.figures;
        slot.figuresAt = new Date().toISOString();
        this.leases?.publish(clusterId, message.figures);
        this.pushShards();
        return;
      case 'cluster-logs':
        // into cluster 0's log stream (the panel's Logs view); dropped while cluster 0 is not here
        if (clusterId !== 0)
          this.primary()?.send({ type: 'cluster-logs', clusterId, entries: message.entries });
        return;
      case 'reshard-needed':
        void this.reshard(message.shardCount, `cluster ${clusterId}: ${message.reason}`);
        return;
      case 'reload-gate': {
        const target = (s: Slot) => ({
          clusterId: s.assignment.clusterId,
          send: (m: Parameters<Supervisor['send']>[0]) => s.supervisor.send(m),
        });
        const others = [...this.slots.values()].filter((s) => s !== slot).map(target);
        void this.reloads.run(target(slot), message.id, message.force, message.failed, others);
        return;
      }
      case 'reload-prepared':
        this.reloads.prepared(message.id, message.failed);
        return;
    }
  }

  /** A rolling restart of every cluster with the new shard count (one cluster down at a time). */
  private async reshard(shardCount: number, reason: string): Promise<void> {
    const from = this.plan[0]!.shardCount;
    if (this.resharding || this.stopping) return;
    if (this.leases) {
      if (shardCount === from) return;
      // every host (this one included) follows the recorded count on its next lease round
      await this.leases
        .requestShardCount(shardCount, reason)
        .catch((err: unknown) =>
          this.logger.error({ err, shardCount }, `could not record ${shardCount} shards for the other hosts`),
        );
      return;
    }
    const explicit = this.plan.length > 1 || this.plan[0]!.shardCount > 1;
    if (shardCount === from && explicit) return;
    this.resharding = true;
    const next = this.planFor(shardCount);
    this.lastReshard = { at: new Date().toISOString(), from, to: shardCount, reason, inProgress: true };
    this.logger.warn(
      { from, to: shardCount, clusters: next.length, reason },
      `re-sharding: ${from} → ${shardCount} shards in ${next.length} clusters (${reason}); rolling restart`,
    );
    this.pushShards();
    const old = this.plan;
    this.plan = next;
    try {
      for (let i = 0; i < Math.max(old.length, next.length) && !this.stopping; i++) {
        const slot = this.slots.get(i);
        if (slot) {
          if (i === 0) this.heldLines = [];
          this.detach(slot);
          await slot.supervisor.stop(`re-sharding to ${shardCount} shards`);
        }
        if (next[i] && !this.stopping) {
          const outcome = await this.startSlot(next[i]!);
          if (!outcome.ok) this.logger.error({ cluster: i }, `cluster ${i} did not start after re-sharding`);
        }
      }
      this.logger.info(`re-sharded: ${shardCount} shards in ${next.length} clusters`);
    } finally {
      this.resharding = false;
      this.lastReshard = { ...this.lastReshard, inProgress: false };
      this.pushShards();
    }
  }

  /** Across hosts: the agreed shard count changed; this host's clusters go, the new plan's come. */
  private replanned(shardCount: number, reason: string): void {
    const from = this.plan[0]!.shardCount;
    this.plan = this.planFor(shardCount);
    this.lastReshard = { at: new Date().toISOString(), from, to: shardCount, reason, inProgress: false };
    this.pushShards();
  }

  private pushShards(): void {
    if (!this.frameListeners.size) return;
    const frame = [{ event: 'shards', data: this.shardsStatus() }] as EventFrame;
    for (const listener of this.frameListeners) {
      try {
        listener(frame);
      } catch (err) {
        this.logger.warn({ err }, 'event listener failed');
      }
    }
  }
}
