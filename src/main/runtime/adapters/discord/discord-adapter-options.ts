import type { ClusterAssignment } from '../../../../shared/process/cluster';
import type { MemberSchedulerOptions } from './sharding/member-scheduler';
import type { CommandCatalog } from './slash/slash-commands';
import type { DiscordVoiceOptions } from './voice/discord-voice';

export interface DiscordAdapterOptions {
  /** First delay before retrying a connection that failed for a transient reason (doubles each time). */
  retryBaseMs?: number;
  /** Longest delay between retries. */
  retryMaxMs?: number;
  /**
   * Reconnect attempts in a row without getting through after which the adapter stops
   * discord.js's own quick retries and backs off itself (retryBaseMs, doubling).
   */
  maxQuickReconnects?: number;
  /** How long a message waits for the previous one from the same user and channel. */
  sourceWaitMs?: number;
  /** Voice join timeout and reconnect policy. */
  voice?: DiscordVoiceOptions;
  /** The loaded commands, offered as slash commands (none without it). */
  commands?: CommandCatalog;
  /**
   * The shards this process runs, decided by the supervisor; on a 4011 close the adapter then
   * only reports `discord_reshard_needed` and waits for it. Without one the process runs every
   * shard of `discord.shards` and re-shards itself.
   */
  cluster?: ClusterAssignment;
  /** Member requests per shard per window (default 110 per 60 s). */
  memberBudget?: MemberSchedulerOptions;
}

export type Tunables = Omit<DiscordAdapterOptions, 'voice' | 'commands' | 'cluster' | 'memberBudget'>;

export const DEFAULTS: Required<Tunables> = {
  retryBaseMs: 5_000,
  retryMaxMs: 300_000,
  maxQuickReconnects: 5,
  sourceWaitMs: 2_000,
};
