import {
  GuildBanManager,
  GuildEmojiManager,
  GuildMemberManager,
  LimitedCollection,
  Message,
  MessageManager,
  PresenceManager,
} from 'discord.js';
import { describe, expect, it } from 'vitest';
import { DiscordCacheConfigSchema } from '../../../../../shared/config/sharding-schema';
import { cacheFactory, sweepers } from './cache-options';

type Make = (manager: unknown, holds: unknown, owner: unknown) => unknown;

describe('discord.cache → discord.js cache options', () => {
  it('bounds messages and members, drops presences by default', () => {
    const cache = DiscordCacheConfigSchema.parse({ messagesPerChannel: 7, membersPerGuild: 40 });
    const make = cacheFactory(cache) as unknown as Make;
    const messages = make(MessageManager, Message, {}) as LimitedCollection<string, unknown>;
    expect(messages).toBeInstanceOf(LimitedCollection);
    expect(messages.maxSize).toBe(7);
    const members = make(GuildMemberManager, null, {}) as LimitedCollection<string, unknown>;
    expect(members.maxSize).toBe(40);
    expect((make(PresenceManager, null, {}) as LimitedCollection<string, unknown>).maxSize).toBe(0);
  });

  it('gives caches the bot never reads one shared collection that stores nothing', () => {
    const make = cacheFactory(DiscordCacheConfigSchema.parse({})) as unknown as Make;
    const a = make(GuildEmojiManager, null, {}) as LimitedCollection<string, unknown>;
    const b = make(GuildBanManager, null, {}) as LimitedCollection<string, unknown>;
    expect(a).toBe(b);
    a.set('1', {});
    expect(a.size).toBe(0);
    // members and messages are per owner
    expect(make(GuildMemberManager, null, {})).not.toBe(make(GuildMemberManager, null, {}));
  });

  it('keeps presences when asked for them', () => {
    const make = cacheFactory(DiscordCacheConfigSchema.parse({ presences: true })) as unknown as Make;
    expect(make(PresenceManager, null, {})).not.toBeInstanceOf(LimitedCollection);
  });

  it('sweeps messages past their lifetime, at least every 5 minutes', () => {
    expect(sweepers(DiscordCacheConfigSchema.parse({ messageLifetimeSec: 120 })).messages).toEqual({
      interval: 120,
      lifetime: 120,
    });
    expect(sweepers(DiscordCacheConfigSchema.parse({})).messages).toEqual({ interval: 300, lifetime: 1800 });
  });
});
