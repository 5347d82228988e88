import type { ClusterAssignment } from '../../../shared/process/cluster';
import { shardOfGuild } from '../../../shared/process/cluster';
import { clusterOfShard } from '../../../shared/process/cluster-plan';
import type {
  ClusterEvalResult,
  ClusterFigures,
  ShardFigures,
} from '../../../shared/process/sharding-messages';
import type { ClientInfo } from '../cmdsys/api/environment';
import { compileEvalSource, evaluateHere, jsonCopy } from './cluster-eval';
import {
  ClustersUnavailable,
  DEFAULT_BROADCAST_TIMEOUT_MS,
  MAX_BROADCAST_TIMEOUT_MS,
  type ClusterScope,
  type ShardsApi,
} from '../cmdsys/api/shards';

/** The supervisor link, as the sharding hub uses it (the runtime host's channel). */
export interface ShardingLink {
  broadcast(id: number, source: string, context: unknown, timeoutMs: number): void;
  reshardNeeded(shardCount: number, reason: string): void;
}

export interface ShardingHubOptions {
  /** Null: a one-process bot holding every shard of a one-shard bot. */
  assignment: ClusterAssignment | null;
  guilds(): number;
  clients(): ReadonlyMap<string, ClientInfo>;
}

/** Per-shard figures a Discord adapter running shards can supply (see `setShardSource`). */
export type ShardSource = () => ShardFigures[];

/**
 * This cluster's end of the cross-cluster API: builds `this.env.shards`, evaluates what the
 * supervisor relays, and lets the Discord adapter ask for a re-shard. Without a supervisor link
 * it is a one-cluster bot and evaluates everything here.
 */
export class ShardingHub {
  readonly assignment: ClusterAssignment;
  readonly api: ShardsApi;
  private link: ShardingLink | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, (results: ClusterEvalResult[]) => void>();
  private shardSource: ShardSource | null = null;

  constructor(private readonly options: ShardingHubOptions) {
    this.assignment = options.assignment ?? { clusterId: 0, clusterCount: 1, shardIds: [0], shardCount: 1 };
    this.api = this.makeApi();
  }

  /** Cross-cluster calls go through the supervisor from now on. */
  attach(link: ShardingLink): void {
    this.link = link;
  }

  /** The supervisor gathered every cluster's answer to one of our broadcasts. */
  resolveBroadcast(id: number, results: ClusterEvalResult[]): void {
    this.waiting.get(id)?.(results);
    this.waiting.delete(id);
  }

  /** Evaluates a relayed function here (the supervisor's `eval`). */
  evaluate(source: string, context: unknown, timeoutMs: number): Promise<ClusterEvalResult> {
    return evaluateHere(source, context, this.scope(), timeoutMs);
  }

  /**
   * Discord said this cluster's shard count no longer fits (close 4011, or `auto` resolved to
   * another count): the supervisor restarts every cluster with `shardCount`. Returns false
   * when there is no supervisor to ask (a one-process bot: the caller must handle it).
   */
  requestReshard(shardCount: number, reason: string): boolean {
    if (!this.link) return false;
    this.link.reshardNeeded(shardCount, reason);
    return true;
  }

  /** The Discord adapter's per-shard figures for the panel (none until one is set). */
  setShardSource(source: ShardSource | null): void {
    this.shardSource = source;
  }

  figures(eventsPerSec: number): ClusterFigures {
    const mem = process.memoryUsage();
    let shards: ShardFigures[] = [];
    try {
      shards = this.shardSource?.() ?? [];
    } catch {
      shards = [];
    }
    return {
      guilds: this.options.guilds(),
      eventsPerSec: Math.max(0, Math.round(eventsPerSec * 10) / 10),
      rssMb: Math.round((mem.rss / 1_048_576) * 10) / 10,
      heapUsedMb: Math.round((mem.heapUsed / 1_048_576) * 10) / 10,
      shards,
    };
  }

  /** Pending broadcasts answer with an error for every cluster (the runtime is stopping). */
  dispose(): void {
    for (const [id, resolve] of this.waiting) {
      resolve([{ clusterId: this.assignment.clusterId, ok: false, error: 'the runtime is stopping' }]);
      this.waiting.delete(id);
    }
  }

  private scope(): ClusterScope {
    const a = this.assignment;
    return {
      clusterId: a.clusterId,
      clusterCount: a.clusterCount,
      shardIds: [...a.shardIds],
      shardCount: a.shardCount,
      guilds: this.options.guilds(),
      clients: this.options.clients(),
    };
  }

  private broadcast(source: string, context: unknown, timeoutMs: number): Promise<ClusterEvalResult[]> {
    const link = this.link;
    if (!link) return this.evaluate(source, context, timeoutMs).then((r) => [r]);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      link.broadcast(id, source, context, timeoutMs);
    });
  }

  private makeApi(): ShardsApi {
    const a = this.assignment;
    const api: ShardsApi = {
      clusterId: a.clusterId,
      clusterCount: a.clusterCount,
      shardCount: a.shardCount,
      shardIds: Object.freeze([...a.shardIds]),
      broadcastEval: async (fn, context, options) => {
        if (typeof fn !== 'function') throw new TypeError('broadcastEval needs a function');
        const source = fn.toString();
        compileEvalSource(source); // a method shorthand or native function fails here, clearly
        const timeoutMs = options?.timeoutMs ?? DEFAULT_BROADCAST_TIMEOUT_MS;
        if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > MAX_BROADCAST_TIMEOUT_MS)
          throw new RangeError(`timeoutMs must be a whole number from 1 to ${MAX_BROADCAST_TIMEOUT_MS}`);
        const results = await this.broadcast(source, jsonCopy(context, 'the context'), timeoutMs);
        return results as never;
      },
      guildCount: async (options) => {
        const results = await api.broadcastEval((cluster) => cluster.guilds, undefined, options);
        const failed = results.flatMap((r) => (r.ok ? [] : [{ clusterId: r.clusterId, error: r.error }]));
        if (failed.length) throw new ClustersUnavailable(failed);
        return results.reduce((n, r) => n + (r.ok ? Number(r.value) : 0), 0);
      },
      shardOfGuild: (guildId) => shardOfGuild(guildIdOf(guildId), a.shardCount),
      clusterOfGuild: (guildId) =>
        clusterOfShard(shardOfGuild(guildIdOf(guildId), a.shardCount), a.shardCount, a.clusterCount),
    };
    return api;
  }
}

function guildIdOf(id: string): string {
  if (typeof id !== 'string' || !/^\d{1,20}$/.test(id))
    throw new TypeError(`not a Discord guild id: ${JSON.stringify(id)}`);
  return id;
}
