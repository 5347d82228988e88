import type { ClusterFigures } from '../../shared/process/sharding-messages';
import { PostgresServer } from '../runtime/database/engines/postgres-server';
import type { Logger } from '../runtime/logging/logging';
import type { LeaseCoordinator, LeaseEvents, LeaseView } from './lease-types';

export interface PgLeaseOptions {
  url: string;
  hostId: string;
  /** A lease not renewed for this long is free for another host. */
  leaseMs: number;
  clusterCount: number;
  /** This host's shard count (default: one shard per cluster); the store's recorded count wins. */
  shardCount?: number;
  /** Clusters in the plan for a shard count (a re-shard changes the count; default: one per shard). */
  clustersFor?: (shardCount: number) => number;
  /** `discord.shards` is "auto": a first host keeps the recorded count instead of its own. */
  keepRecordedCount?: boolean;
  /** Table names start with it (`database.postgres.schemaPrefix`: `protos_shard_leases`). */
  tablePrefix: string;
  logger: Logger;
}

/**
 * Cluster leases in two PostgreSQL tables: live hosts (a heartbeat row each) and one lease row
 * per cluster with its holder and expiry, judged by the server's clock (`now()`), so the hosts'
 * clocks do not matter. Each round (every leaseMs / 3) a host renews its leases, then takes
 * free or expired ones up to its fair share (clusters / live hosts). Taking is one
 * `INSERT … ON CONFLICT DO UPDATE … WHERE expired` statement: row locking lets exactly one host
 * win a cluster. A host that cannot renew within leaseMs stops its clusters by itself, before
 * another host may take them. No rebalancing: a host keeps what it holds until it leaves.
 * A third table holds the shard count all hosts run; when a host records another one (a
 * re-shard), every host drops its old-plan leases on its next round and takes new-plan ones only
 * once no live old-plan lease remains.
 */
export class PgLeaseCoordinator implements LeaseCoordinator {
  readonly hostId: string;
  private readonly server: PostgresServer;
  private readonly hosts: string;
  private readonly leases: string;
  private readonly planTable: string;
  private shardCount: number;
  private clusterCount: number;
  private readonly held = new Set<number>();
  private readonly published = new Map<number, ClusterFigures>();
  private views: LeaseView[] = [];
  private events: LeaseEvents | null = null;
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> = Promise.resolve();
  /** When the last successful renewal was sent (local clock). */
  private renewedAt = 0;
  private running = false;
  private failing = false;

  constructor(private readonly options: PgLeaseOptions) {
    if (!/^[a-z][a-z0-9_]{0,30}$/.test(options.tablePrefix))
      throw new Error(`bad lease table prefix "${options.tablePrefix}"`);
    this.hostId = options.hostId;
    this.hosts = `${options.tablePrefix}shard_hosts`;
    this.leases = `${options.tablePrefix}shard_leases`;
    this.planTable = `${options.tablePrefix}shard_plan`;
    this.clusterCount = options.clusterCount;
    this.shardCount = options.shardCount ?? options.clusterCount;
    this.server = new PostgresServer({ url: options.url, logger: options.logger, maxConnections: 2 });
  }

  get roundMs(): number {
    return Math.max(50, Math.floor(this.options.leaseMs / 3));
  }

  async start(events: LeaseEvents): Promise<void> {
    this.events = events;
    await this.createTables();
    await this.adoptPlan();
    this.running = true;
    await this.tick();
  }

  async requestShardCount(shardCount: number, reason: string): Promise<void> {
    await this.server.pool.query(
      `INSERT INTO ${this.planTable} (id, shard_count, reason, set_by) VALUES (true, $1, $2, $3) ` +
        'ON CONFLICT (id) DO UPDATE SET shard_count = excluded.shard_count, reason = excluded.reason, ' +
        `set_by = excluded.set_by, set_at = now() WHERE ${this.planTable}.shard_count <> excluded.shard_count`,
      [shardCount, reason, this.hostId],
    );
    this.options.logger.warn(
      { shardCount, reason },
      `recorded ${shardCount} shards for every host (${reason}); the hosts move to it on their next round`,
    );
  }

  view(): LeaseView[] {
    return this.views;
  }

  publish(clusterId: number, figures: ClusterFigures): void {
    if (this.held.has(clusterId)) this.published.set(clusterId, figures);
  }

  /** Leaves for good: releases every lease and the host row (others take over on their next round). */
  async stop(): Promise<void> {
    if (!this.running && this.server.isClosed) return;
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.round;
    try {
      await this.server.pool.query(`DELETE FROM ${this.leases} WHERE host_id = $1`, [this.hostId]);
      await this.server.pool.query(`DELETE FROM ${this.hosts} WHERE host_id = $1`, [this.hostId]);
    } catch (err) {
      this.options.logger.warn({ err }, 'could not release the shard leases; they expire by themselves');
    }
    this.held.clear();
    await this.server.close();
  }

  /** Tests and benches: stop renewing without releasing anything, as a host that died. */
  async halt(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.round;
    await this.server.close();
  }

  private async createTables(): Promise<void> {
    const client = await this.server.pool.connect();
    try {
      // two hosts creating the tables at once would collide in the catalog: one at a time
      await client.query('BEGIN');
      await client.query("SELECT pg_advisory_xact_lock(hashtext('protos shard leases'))");
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${this.hosts} (host_id text PRIMARY KEY, seen_until timestamptz NOT NULL)`,
      );
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${this.leases} (cluster_id integer PRIMARY KEY, host_id text NOT NULL, ` +
          'expires_at timestamptz NOT NULL, figures jsonb, figures_at timestamptz)',
      );
      // a lease belongs to one cluster plan: hosts never run clusters of two shard counts at once
      await client.query(
        `ALTER TABLE ${this.leases} ADD COLUMN IF NOT EXISTS shard_count integer NOT NULL DEFAULT 0`,
      );
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${this.planTable} (id boolean PRIMARY KEY CHECK (id), ` +
          'shard_count integer NOT NULL, reason text NOT NULL, set_by text NOT NULL, ' +
          'set_at timestamptz NOT NULL DEFAULT now())',
      );
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /**
   * The shard count every host runs: a host starting alone records its own (unless "auto"),
   * one joining others adopts theirs.
   */
  private async adoptPlan(): Promise<void> {
    const others = await this.server.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${this.hosts} WHERE seen_until > now() AND host_id <> $1`,
      [this.hostId],
    );
    const alone = (others.rows[0]?.n ?? 0) === 0 && !this.options.keepRecordedCount;
    await this.server.pool.query(
      `INSERT INTO ${this.planTable} (id, shard_count, reason, set_by) VALUES (true, $1, $2, $3) ` +
        `ON CONFLICT (id) DO ${alone ? 'UPDATE SET shard_count = excluded.shard_count, reason = excluded.reason, set_by = excluded.set_by, set_at = now()' : 'NOTHING'}`,
      [this.shardCount, `configured on host ${this.hostId}`, this.hostId],
    );
    await this.followPlan();
  }

  /** Moves to the recorded shard count when it changed: old-plan leases go, new ones are taken. */
  private async followPlan(): Promise<void> {
    const plan = await this.server.pool.query<{ shard_count: number; reason: string }>(
      `SELECT shard_count, reason FROM ${this.planTable} WHERE id`,
    );
    const row = plan.rows[0];
    if (!row || row.shard_count === this.shardCount) return;
    const from = this.shardCount;
    this.shardCount = row.shard_count;
    this.clusterCount = this.options.clustersFor?.(row.shard_count) ?? row.shard_count;
    this.options.logger.warn(
      { from, to: row.shard_count, host: this.hostId },
      `the hosts re-shard: ${from} → ${row.shard_count} shards in ${this.clusterCount} clusters (${row.reason})`,
    );
    this.events?.replanned?.(row.shard_count, row.reason);
    // the old-plan leases go only once their clusters stopped (within the lease time at most)
    const stopped = this.loseAll(`re-sharding to ${row.shard_count} shards`);
    await Promise.race([stopped, new Promise((r) => setTimeout(r, this.options.leaseMs).unref())]);
    await this.server.pool.query(`DELETE FROM ${this.leases} WHERE host_id = $1 AND shard_count <> $2`, [
      this.hostId,
      this.shardCount,
    ]);
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = setTimeout(() => void this.tick(), this.roundMs);
    this.timer.unref();
  }

  private tick(): Promise<void> {
    this.round = this.runRound()
      .then(() => {
        if (this.failing) this.options.logger.info('the shard lease table is reachable again');
        this.failing = false;
      })
      .catch((err: unknown) => {
        if (!this.failing) this.options.logger.error({ err }, 'shard lease round failed');
        this.failing = true;
        // not renewed in time: another host may take our clusters now, so stop them first
        if (Date.now() - this.renewedAt >= this.options.leaseMs)
          void this.loseAll('its leases could not be renewed');
      })
      .finally(() => this.schedule());
    return this.round;
  }

  private async runRound(): Promise<void> {
    const pool = this.server.pool;
    const { hostId, leaseMs } = this.options;
    await this.followPlan();
    const { clusterCount, shardCount } = this;
    const sentAt = Date.now();
    const expiry = `now() + make_interval(secs => $2::double precision / 1000)`;
    await pool.query(
      `INSERT INTO ${this.hosts} (host_id, seen_until) VALUES ($1, ${expiry}) ` +
        'ON CONFLICT (host_id) DO UPDATE SET seen_until = excluded.seen_until',
      [hostId, leaseMs],
    );
    const renewed = await pool.query<{ cluster_id: number }>(
      `UPDATE ${this.leases} SET expires_at = ${expiry} ` +
        'WHERE host_id = $1 AND cluster_id < $3 AND shard_count = $4 RETURNING cluster_id',
      [hostId, leaseMs, clusterCount, shardCount],
    );
    if (!this.running) return;
    this.renewedAt = sentAt;
    const still = new Set(renewed.rows.map((r) => r.cluster_id));
    for (const clusterId of [...this.held])
      if (!still.has(clusterId)) void this.lose(clusterId, 'another host took it');
    for (const clusterId of still) if (!this.held.has(clusterId)) this.gain(clusterId);
    const live = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${this.hosts} WHERE seen_until > now()`,
    );
    const share = Math.ceil(clusterCount / Math.max(1, live.rows[0]?.n ?? 1));
    const want = share - this.held.size;
    if (want > 0) {
      const taken = await pool.query<{ cluster_id: number }>(
        `INSERT INTO ${this.leases} (cluster_id, host_id, expires_at, shard_count) ` +
          `SELECT c, $1, ${expiry}, $5 FROM generate_series(0, $3::int - 1) AS c ` +
          `WHERE NOT EXISTS (SELECT 1 FROM ${this.leases} l WHERE l.cluster_id = c AND l.expires_at > now()) ` +
          // during a re-shard: nothing of the new plan starts while a live lease of the old one remains
          `AND NOT EXISTS (SELECT 1 FROM ${this.leases} o WHERE o.shard_count <> $5 AND o.expires_at > now()) ` +
          `ORDER BY c LIMIT $4 ` +
          'ON CONFLICT (cluster_id) DO UPDATE SET host_id = excluded.host_id, expires_at = excluded.expires_at, ' +
          'shard_count = excluded.shard_count, figures = NULL, figures_at = NULL ' +
          `WHERE ${this.leases}.expires_at <= now() ` +
          'RETURNING cluster_id',
        [hostId, leaseMs, clusterCount, want, shardCount],
      );
      if (!this.running) return;
      for (const row of taken.rows) this.gain(row.cluster_id);
    }
    for (const [clusterId, figures] of this.published)
      await pool.query(
        `UPDATE ${this.leases} SET figures = $3, figures_at = now() WHERE cluster_id = $2 AND host_id = $1`,
        [hostId, clusterId, JSON.stringify(figures)],
      );
    this.published.clear();
    const rows = await pool.query<{
      cluster_id: number;
      host_id: string;
      live: boolean;
      figures: ClusterFigures | null;
      figures_at: Date | null;
    }>(
      `SELECT cluster_id, host_id, expires_at > now() AS live, figures, figures_at FROM ${this.leases} ` +
        'WHERE cluster_id < $1 AND shard_count = $2 ORDER BY cluster_id',
      [clusterCount, shardCount],
    );
    this.views = rows.rows.map((r) => ({
      clusterId: r.cluster_id,
      host: r.live ? r.host_id : null,
      figures: r.live ? r.figures : null,
      figuresAt: r.live && r.figures_at ? r.figures_at.toISOString() : null,
    }));
  }

  private gain(clusterId: number): void {
    this.held.add(clusterId);
    this.options.logger.info({ cluster: clusterId, host: this.hostId }, `leased cluster ${clusterId}`);
    this.events?.acquired(clusterId);
  }

  private lose(clusterId: number, why: string): Promise<void> {
    this.held.delete(clusterId);
    this.published.delete(clusterId);
    this.options.logger.warn(
      { cluster: clusterId, host: this.hostId },
      `lost the lease of cluster ${clusterId}: ${why}`,
    );
    return Promise.resolve(this.events?.lost(clusterId)).catch(() => undefined);
  }

  private loseAll(why: string): Promise<void[]> {
    return Promise.all([...this.held].map((clusterId) => this.lose(clusterId, why)));
  }
}
