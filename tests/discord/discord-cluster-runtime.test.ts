import { describe, expect, it } from 'vitest';
import { FakeDiscord } from './fake-discord/server';
import { DiscordBot, waitFor } from './support';

/**
 * The runtime's side of a cluster: a Bot started with a supervisor's cluster assignment hands it to
 * its Discord adapter, reports the adapter's shards in the figures the supervisor collects, and
 * turns a 4011 close into a re-shard request over the supervisor link (the adapter alone only
 * reports it, as a cluster must not re-shard by itself).
 */
describe('a runtime holding one cluster of shards', () => {
  it('connects only its shards and reports them in its cluster figures', async () => {
    const fake = await FakeDiscord.start({
      heartbeatIntervalMs: 20_000,
      guilds: { count: 40 },
      shards: { maxConcurrency: 4 },
    });
    const harness = await DiscordBot.start(fake, {
      cluster: { clusterId: 1, clusterCount: 2, shardIds: [2, 3], shardCount: 4 },
    });
    try {
      const expected = fake.state.guildIdsOnShard(2, 4).length + fake.state.guildIdsOnShard(3, 4).length;
      await waitFor('its guilds', () => harness.adapter.native?.guilds.cache.size === expected, 10_000);
      const figures = harness.bot.sharding.figures(0);
      expect(figures.shards.map((s) => s.shardId).sort()).toEqual([2, 3]);
      expect(figures.shards.reduce((n, s) => n + s.guilds, 0)).toBe(expected);
      expect(figures.shards.every((s) => s.state === 'ready')).toBe(true);
      expect(harness.bot.sharding.assignment).toMatchObject({ clusterId: 1, shardCount: 4 });
    } finally {
      await harness.close();
      await fake.close();
    }
  }, 30_000);

  it('asks the supervisor to re-shard when Discord closes its shard with 4011', async () => {
    const fake = await FakeDiscord.start({ heartbeatIntervalMs: 20_000, guilds: { count: 3_000 } });
    const requests: { shardCount: number; reason: string }[] = [];
    const harness = await DiscordBot.start(fake, {
      cluster: { clusterId: 0, clusterCount: 1, shardIds: [0], shardCount: 1 },
      waitConnected: false,
      beforeStart: (bot) =>
        bot.sharding.attach({
          broadcast: () => undefined,
          reshardNeeded: (shardCount, reason) => void requests.push({ shardCount, reason }),
        }),
    });
    try {
      await waitFor('a re-shard request', () => requests.length > 0, 15_000);
      expect(requests).toEqual([{ shardCount: 4, reason: expect.stringMatching(/4011.*1 shards/) }]);
      // the cluster waits for the supervisor: no second identify of its own
      await new Promise((r) => setTimeout(r, 300));
      expect(fake.gateway.stats.identifies).toHaveLength(1);
    } finally {
      await harness.close();
      await fake.close();
    }
  }, 30_000);

  it('asks for clusters when "auto" resolves to more shards than one cluster holds', async () => {
    const fake = await FakeDiscord.start({
      heartbeatIntervalMs: 20_000,
      guilds: { count: 60 },
      shards: { guildsPerRecommendedShard: 20, maxConcurrency: 4 },
    });
    const requests: { shardCount: number; reason: string }[] = [];
    const harness = await DiscordBot.start(fake, {
      config: { 'discord.shards': 'auto', 'discord.shardsPerCluster': 2 },
      beforeStart: (bot) =>
        bot.sharding.attach({
          broadcast: () => undefined,
          reshardNeeded: (shardCount, reason) => void requests.push({ shardCount, reason }),
        }),
    });
    try {
      await waitFor('a re-shard request', () => requests.length > 0, 10_000);
      const recommended = fake.gateway.recommendedShards; // 60 synthetic guilds + the fixture's
      expect(recommended).toBeGreaterThan(2);
      expect(requests).toEqual([
        { shardCount: recommended, reason: expect.stringMatching(/"auto".*shards.*\(2\)/) },
      ]);
    } finally {
      await harness.close();
      await fake.close();
    }
  }, 30_000);
});
