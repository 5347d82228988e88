import { Options, type CacheFactory, type GuildMember, type SweeperOptions } from 'discord.js';
import type { z } from 'zod';
import type { DiscordCacheConfigSchema } from '../../../../../shared/config/sharding-schema';

export type DiscordCacheConfig = z.infer<typeof DiscordCacheConfigSchema>;

/** How often the message sweeper runs: at most every 5 minutes, sooner for short lifetimes. */
const MAX_SWEEP_INTERVAL_SEC = 300;

/**
 * Bounded discord.js caches from `discord.cache.*`: messages per channel, members per guild
 * (the bot's own member is always kept: permissions and the bot role come from it), presences
 * on or off, and caches the bot never reads (emojis, stickers, invites, bans, scheduled events,
 * stage instances, reactions, thread members) switched off. Guilds, channels, roles and users
 * stay unbounded: the adapter needs them to route and answer.
 */
export function cacheFactory(cache: DiscordCacheConfig): CacheFactory {
  return Options.cacheWithLimits({
    ...Options.DefaultMakeCacheSettings,
    MessageManager: cache.messagesPerChannel,
    GuildMemberManager: {
      maxSize: cache.membersPerGuild,
      keepOverLimit: (member: GuildMember) => member.id === member.client.user.id,
    },
    PresenceManager: cache.presences ? Infinity : 0,
    GuildEmojiManager: 0,
    GuildStickerManager: 0,
    GuildInviteManager: 0,
    GuildBanManager: 0,
    GuildScheduledEventManager: 0,
    StageInstanceManager: 0,
    ReactionManager: 0,
    ReactionUserManager: 0,
    ThreadMemberManager: 0,
    AutoModerationRuleManager: 0,
  });
}

/** Sweepers: messages older than `messageLifetimeSec`, plus discord.js's default thread sweeper. */
export function sweepers(cache: DiscordCacheConfig): SweeperOptions {
  return {
    ...Options.DefaultSweeperSettings,
    messages: {
      interval: Math.min(MAX_SWEEP_INTERVAL_SEC, cache.messageLifetimeSec),
      lifetime: cache.messageLifetimeSec,
    },
  };
}
