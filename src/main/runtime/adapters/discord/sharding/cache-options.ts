import {
  LimitedCollection,
  Options,
  type CacheFactory,
  type GuildMember,
  type SweeperOptions,
} from 'discord.js';
import type { z } from 'zod';
import type { DiscordCacheConfigSchema } from '../../../../../shared/config/sharding-schema';

export type DiscordCacheConfig = z.infer<typeof DiscordCacheConfigSchema>;

/** How often the message sweeper runs: at most every 5 minutes, sooner for short lifetimes. */
const MAX_SWEEP_INTERVAL_SEC = 300;

/**
 * Caches the bot never reads: they hold nothing. discord.js gives every guild (and channel,
 * message) its own cache per manager; these all get one shared collection that stores nothing
 * (a `LimitedCollection` of size 0 drops every entry), which saves about a dozen empty maps per
 * guild: roughly 1.5 KB a guild, 15 % of a small guild's memory.
 */
const NEVER_READ = new Set([
  'AutoModerationRuleManager',
  'GuildApplicationCommandManager',
  'GuildBanManager',
  'GuildEmojiManager',
  'GuildInviteManager',
  'GuildScheduledEventManager',
  'GuildSoundboardSoundManager',
  'GuildStickerManager',
  'ReactionManager',
  'ReactionUserManager',
  'StageInstanceManager',
  'ThreadMemberManager',
]);

/**
 * Bounded discord.js caches from `discord.cache.*`: messages per channel, members per guild
 * (the bot's own member is always kept: permissions and the bot role come from it), presences
 * on or off, and caches the bot never reads (emojis, stickers, invites, bans, scheduled events,
 * stage instances, reactions, thread members, guild commands) switched off. Guilds, channels,
 * roles and users stay unbounded: the adapter needs them to route and answer.
 */
export function cacheFactory(cache: DiscordCacheConfig): CacheFactory {
  const limited = Options.cacheWithLimits({
    ...Options.DefaultMakeCacheSettings,
    MessageManager: cache.messagesPerChannel,
    GuildMemberManager: {
      maxSize: cache.membersPerGuild,
      keepOverLimit: (member: GuildMember) => member.id === member.client.user.id,
    },
  });
  const nothing = new LimitedCollection<unknown, unknown>({ maxSize: 0 });
  const off = new Set(NEVER_READ);
  if (!cache.presences) off.add('PresenceManager');
  return ((manager, holds, owner) =>
    off.has(manager.name) ? nothing : limited(manager, holds, owner)) as CacheFactory;
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
