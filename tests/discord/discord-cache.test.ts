import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from './fake-discord/server';
import { DiscordBot, waitFor } from './support';

/** discord.cache.*: discord.js's caches stay bounded whatever the traffic. */
describe('Discord caches bounded by discord.cache', () => {
  let fake: FakeDiscord;
  let harness: DiscordBot;

  beforeAll(async () => {
    fake = await FakeDiscord.start({
      heartbeatIntervalMs: 20_000,
      // GUILD_CREATE brings all 11 members of each guild
      guilds: { count: 20, membersPerGuild: 10, channelsPerGuild: 2 },
    });
    harness = await DiscordBot.start(fake, {
      config: { 'discord.cache': { messagesPerChannel: 5, membersPerGuild: 3, messageLifetimeSec: 600 } },
    });
    await waitFor('every guild', () => harness.adapter.native?.guilds.cache.size === 21, 10_000);
  }, 30_000);

  afterAll(async () => {
    await harness?.close();
    await fake?.close();
  });

  it('keeps at most membersPerGuild members per guild, always the bot itself', () => {
    const client = harness.adapter.native!;
    for (const guild of client.guilds.cache.values()) {
      expect(guild.members.cache.size).toBeLessThanOrEqual(3);
      expect(guild.members.cache.has(client.user!.id)).toBe(true);
    }
  });

  it('after traffic from every member: members and messages per channel stay within their bounds', async () => {
    const from = fake.posted.length;
    for (let round = 0; round < 3; round++)
      for (let k = 0; k < 10; k++) fake.sayIn(0, `+echo round ${round} member ${k}`, k);
    await fake.waitForPosts(30, from, 15_000);
    const client = harness.adapter.native!;
    const guild = client.guilds.cache.get(fake.state.synthetic!.guildId(0))!;
    const channel = client.channels.cache.get(fake.state.synthetic!.channel(0).id)!;
    if (!channel.isTextBased()) throw new Error('not a text channel');
    // 30 messages in, 30 answers out: 60 seen in the channel
    expect(channel.messages.cache.size).toBe(5);
    expect(guild.members.cache.size).toBeLessThanOrEqual(3);
    expect(guild.members.cache.has(client.user!.id)).toBe(true);
    // no presences without the presence setting
    let presences = 0;
    for (const g of client.guilds.cache.values()) presences += g.presences.cache.size;
    expect(presences).toBe(0);
  }, 30_000);
});
