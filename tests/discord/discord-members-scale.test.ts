import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from './fake-discord/server';
import { DiscordBot, waitFor } from './support';

/**
 * Member fetching at scale: before, the adapter sent one member request per guild on connect and
 * at ~115 guilds Discord's 120-sends-per-minute limit made them fail. Now member lists are asked
 * for lazily, queued per shard within the gateway budget, and a command waiting for a member
 * (`whois`) goes first. The fake gateway enforces 120 sends / 60 s per connection (close 4008).
 */
describe('Discord members with the Guild Members intent, 1,000 guilds', () => {
  let fake: FakeDiscord;
  let harness: DiscordBot;

  beforeAll(async () => {
    fake = await FakeDiscord.start({
      heartbeatIntervalMs: 20_000,
      membersInGuildCreate: 'bot',
      guilds: { count: 999, membersPerGuild: 5 },
    });
    harness = await DiscordBot.start(fake, { config: { 'discord.membersIntent': true } });
  }, 30_000);

  afterAll(async () => {
    await harness?.close();
    await fake?.close();
  });

  it('sends no member request on connect', async () => {
    await waitFor('every guild', () => harness.adapter.native?.guilds.cache.size === 1_000, 10_000);
    expect(fake.gateway.stats.memberRequests).toEqual([]);
  }, 15_000);

  it('traffic in 300 guilds: member lists queue within the budget, whois jumps the queue and answers', async () => {
    for (let i = 0; i < 300; i++) fake.sayIn(i, 'hello', 0);
    // background lists go out spread over the minute (100 of the 110 sends the adapter allows itself)
    await waitFor(
      'a few member lists asked for',
      () => fake.gateway.stats.memberRequests.length >= 3,
      10_000,
    );
    const queued = harness.adapter.shardStatus()[0]!.memberRequestsQueued;
    expect(queued).toBeGreaterThan(250);

    const started = performance.now();
    const from = fake.posted.length;
    fake.sayIn(250, '+whois user-250-3', 0);
    const channel = fake.state.synthetic!.channel(250).id;
    const answer = await waitFor(
      'the whois answer',
      () => fake.posted.slice(from).find((p) => p.channelId === channel),
      10_000,
    );
    const delayMs = Math.round(performance.now() - started);
    const user = fake.state.synthetic!.user(250, 3);
    expect(answer.content).toBe(`user-250-3 ${user.id} <@${user.id}>`);
    // a figure, not an assertion: the wait for the next free slot of the minute window
    console.log(`whois answered after ${delayMs} ms with ${queued} member requests queued ahead`);

    // nothing failed, nothing tripped the gateway's send limit
    expect(fake.gateway.stats.sendLimitCloses).toBe(0);
    expect(fake.gateway.stats.closeCodes).toEqual([]);
    expect(harness.adapter.memberFetchStats.failed).toBe(0);
    expect(harness.logs('warn').filter((e) => /members failed/.test(e.msg))).toEqual([]);
    // the whois search went out ahead of the background lists still waiting
    const search = fake.gateway.stats.memberRequests.findIndex((d) => d.query === 'user-250-3');
    expect(search).toBeGreaterThanOrEqual(3);
    expect(harness.adapter.shardStatus()[0]!.memberRequestsQueued).toBeGreaterThan(240);
  }, 30_000);
});
