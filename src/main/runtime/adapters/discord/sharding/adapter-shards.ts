import type { Client, Guild } from 'discord.js';
import type { DiscordShardingStatus, DiscordShardStatus } from '../../../../../shared/dto/discord-shards';
import type { ClusterAssignment } from '../../../../../shared/process/cluster';
import type { Logger } from '../../../logging/logging';
import { MemberFetchScheduler, type MemberSchedulerOptions } from './member-scheduler';
import { Resharder } from './resharder';
import { ShardMonitor } from './shard-monitor';
import type { ShardPlan } from './shard-plan';

/**
 * The Discord adapter's shard side: the plan the live client runs, per-shard figures, the member
 * request queues and what a 4011 close asked for.
 */
export class AdapterShards {
  /** The shards the live client runs (null before the first plan). */
  plan: ShardPlan | null = null;
  readonly monitor = new ShardMonitor();
  readonly members: MemberFetchScheduler;
  readonly resharder: Resharder;
  /** Guilds whose member list was asked for already (lazily, on their first message). */
  private readonly asked = new Set<string>();

  constructor(cluster: ClusterAssignment | null, memberBudget?: MemberSchedulerOptions) {
    this.members = new MemberFetchScheduler(memberBudget);
    this.resharder = new Resharder(cluster);
  }

  /** A new client runs `plan`. */
  use(plan: ShardPlan): void {
    this.plan = plan;
    this.monitor.reset();
  }

  /** The client is gone (stopped, re-sharding): queued member requests reject with `reason`. */
  reset(reason: string): void {
    this.members.clear(reason);
    this.asked.clear();
    this.monitor.reset();
  }

  /** Per-shard state, ping, guild count, events/s and queued member requests. */
  shardStatus(client: Client | null): DiscordShardStatus[] {
    return this.monitor.status(client, this.plan?.shardIds ?? [], (id) => this.members.pending(id));
  }

  /** The adapter status' `sharding` field (undefined before the first plan). */
  status(client: Client | null): DiscordShardingStatus | undefined {
    if (!this.plan) return undefined;
    return {
      shardCount: this.plan.shardCount,
      shardIds: this.plan.shardIds,
      shards: this.shardStatus(client),
      reshardNeeded: this.resharder.needed,
    };
  }

  /**
   * With the Guild Members intent, a guild's member list is asked for once, lazily, on its first
   * message (never for every guild on connect), in the background behind requests a command waits
   * for, within the shard's gateway budget. A guild bigger than the member cache is not listed
   * (it would be swept); its members are found on demand by the resolver.
   */
  askMembersOnce(guild: Guild, membersPerGuild: number, log: Logger): void {
    if (this.asked.has(guild.id)) return;
    this.asked.add(guild.id);
    if (guild.memberCount > membersPerGuild + 1) return;
    this.members
      .schedule(guild.shardId, 'background', () => guild.members.fetch({ time: 30_000 }), guild.id)
      .then(
        (members) => log.debug({ guild: guild.id, members: members?.size ?? 0 }, 'fetched guild members'),
        (err: unknown) => log.warn({ err, guild: guild.id }, 'fetching guild members failed'),
      );
  }
}
