import type { APIGuildMember, APITextChannel, APIUser, GatewayGuildCreateDispatchData } from 'discord.js';
import { member, PERMISSIONS, role, textChannel, user } from './fixtures';

export interface SyntheticGuildOptions {
  /** How many guilds besides the fixture guild. */
  count: number;
  /** Members per guild besides the bot (default 5). */
  membersPerGuild?: number;
  /** Text channels per guild (default 2). */
  channelsPerGuild?: number;
}

/**
 * Snowflake timestamps (ms since the Discord epoch) where the synthetic ids start; shifted left by
 * 22 bits they give 19-digit ids below the fixture world's (1.3e18), so the two never meet.
 * Guild `i` has the id `(GUILD_BASE + i) << 22`: its shard is `(GUILD_BASE + i) % shardCount`,
 * so guilds spread evenly over the shards, as real guild ids do.
 */
const GUILD_BASE = 290_000_000_000n;
const USER_BASE = 200_000_000_000n;
/** Low bits of a guild id: 1..channels are its channels, ROLE_OFFSET its member role. */
const ROLE_OFFSET = 1_000n;

/**
 * N guilds with channels, roles and members, computed from their index when asked for (nothing is
 * stored), so 10,000 guilds cost nothing until a shard identifies. Ids encode what they belong
 * to: a channel id is its guild's id plus a small number, member `k` of guild `i` is user
 * `i * membersPerGuild + k` named `user-i-k`.
 */
export class SyntheticGuilds {
  readonly count: number;
  readonly membersPerGuild: number;
  readonly channelsPerGuild: number;

  constructor(
    options: SyntheticGuildOptions,
    private readonly bot: APIUser,
  ) {
    if (!Number.isInteger(options.count) || options.count < 0)
      throw new Error('guild count: a whole number ≥ 0');
    this.count = options.count;
    this.membersPerGuild = options.membersPerGuild ?? 5;
    this.channelsPerGuild = options.channelsPerGuild ?? 2;
  }

  guildId(index: number): string {
    return ((GUILD_BASE + BigInt(index)) << 22n).toString();
  }

  /** The index of a synthetic guild id, or null for any other id. */
  indexOfGuild(id: string): number | null {
    if (!/^\d{1,20}$/.test(id)) return null;
    const big = BigInt(id);
    if (big & ((1n << 22n) - 1n)) return null;
    const index = (big >> 22n) - GUILD_BASE;
    return index >= 0n && index < BigInt(this.count) ? Number(index) : null;
  }

  /** The guild index a channel or role id belongs to, or null. */
  indexOfChild(id: string): number | null {
    if (!/^\d{1,20}$/.test(id)) return null;
    const big = BigInt(id);
    return this.indexOfGuild(((big >> 22n) << 22n).toString());
  }

  /** Guild indexes whose shard is `shard` of `shardCount`. */
  *indexesOnShard(shard: number, shardCount: number): Generator<number> {
    // (GUILD_BASE + i) % shardCount === shard
    const first =
      (((shard - Number(GUILD_BASE % BigInt(shardCount))) % shardCount) + shardCount) % shardCount;
    for (let i = first; i < this.count; i += shardCount) yield i;
  }

  countOnShard(shard: number, shardCount: number): number {
    let n = 0;
    for (const _ of this.indexesOnShard(shard, shardCount)) n++;
    return n;
  }

  channel(index: number, k = 0): APITextChannel {
    const guildId = this.guildId(index);
    return textChannel((BigInt(guildId) + BigInt(k + 1)).toString(), guildId, `chan-${k}`, k);
  }

  /** A channel of a synthetic guild by id, or undefined. */
  channelById(id: string): APITextChannel | undefined {
    const index = this.indexOfChild(id);
    if (index === null) return undefined;
    const k = Number(BigInt(id) - BigInt(this.guildId(index))) - 1;
    return k >= 0 && k < this.channelsPerGuild ? this.channel(index, k) : undefined;
  }

  user(index: number, k: number): APIUser {
    const id = ((USER_BASE + BigInt(index * this.membersPerGuild + k)) << 22n).toString();
    return user(id, `user-${index}-${k}`);
  }

  /** The bot first, then the members. */
  members(index: number): APIGuildMember[] {
    const roleId = (BigInt(this.guildId(index)) + ROLE_OFFSET).toString();
    const list = [member(this.bot, [])];
    for (let k = 0; k < this.membersPerGuild; k++) list.push(member(this.user(index, k), [roleId]));
    return list;
  }

  /** A member of a synthetic guild by user id, or undefined. */
  member(index: number, userId: string): APIGuildMember | undefined {
    return this.members(index).find((m) => m.user.id === userId);
  }

  /** GUILD_CREATE for guild `index`; `allMembers` false sends only the bot (a large guild). */
  guildCreate(index: number, allMembers: boolean): GatewayGuildCreateDispatchData {
    const id = this.guildId(index);
    const members = this.members(index);
    const channels = Array.from({ length: this.channelsPerGuild }, (_, k) => this.channel(index, k));
    const everyone = role(id, '@everyone', PERMISSIONS.viewChannel | PERMISSIONS.sendMessages, 0);
    const memberRole = role((BigInt(id) + ROLE_OFFSET).toString(), 'member', 0n, 1);
    return {
      id,
      name: `Synthetic ${index}`,
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: members[1]?.user.id ?? this.bot.id,
      region: 'eu-west',
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 1,
      explicit_content_filter: 0,
      roles: [everyone, memberRole],
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0 as GatewayGuildCreateDispatchData['system_channel_flags'],
      rules_channel_id: null,
      vanity_url_code: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: 'en-US' as GatewayGuildCreateDispatchData['preferred_locale'],
      public_updates_channel_id: null,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      safety_alerts_channel_id: null,
      hub_type: null,
      incidents_data: null,
      joined_at: '2024-01-01T00:00:00.000Z',
      large: !allMembers,
      unavailable: false,
      member_count: members.length,
      voice_states: [],
      members: allMembers ? members : members.slice(0, 1),
      channels,
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }
}
