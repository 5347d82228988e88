import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shardOfGuild } from '../../src/shared/process/cluster';
import { FakeDiscord } from './fake-discord/server';
import { fetchRecommendedShards } from '../../src/main/runtime/adapters/discord/sharding/recommended-shards';
import { AdapterOnly } from './shard-support';
import { DiscordBot, waitFor } from './support';

/** Guild indexes 0..count-1 of a synthetic world, one per shard (the first guild found on each). */
function oneGuildPerShard(fake: FakeDiscord, shardCount: number): number[] {
  const synthetic = fake.state.synthetic!;
  return Array.from(
    { length: shardCount },
    (_, shard) => synthetic.indexesOnShard(shard, shardCount).next().value!,
  );
}

async function askIn(
  fake: FakeDiscord,
  index: number,
  text: string,
  k = 0,
  timeoutMs = 5_000,
): Promise<string> {
  const from = fake.posted.length;
  fake.sayIn(index, text, k);
  const channel = fake.state.synthetic!.channel(index).id;
  await waitFor(
    `an answer in guild ${index}`,
    () => fake.posted.slice(from).find((p) => p.channelId === channel),
    timeoutMs,
  );
  return fake.posted.slice(from).find((p) => p.channelId === channel)!.content;
}

describe('Discord sharding: 4 shards in one client, 10,000 guilds', () => {
  let fake: FakeDiscord;
  let harness: DiscordBot;

  beforeAll(async () => {
    fake = await FakeDiscord.start({
      heartbeatIntervalMs: 20_000,
      membersInGuildCreate: 'bot',
      // 9,999 synthetic guilds + the fixture guild; 2,600 per shard leaves room for the fixture guild
      guilds: { count: 9_999, membersPerGuild: 3 },
      shards: { maxConcurrency: 4, maxGuildsPerShard: 2_600 },
    });
    harness = await DiscordBot.start(fake, { config: { 'discord.shards': 4 } });
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
    await fake?.close();
  });

  it('identifies each shard once with [id, 4] and holds every guild', async () => {
    const shards = fake.gateway.stats.identifies.map((d) => d.shard as number[]);
    expect(shards.sort((a, b) => a[0]! - b[0]!)).toEqual([
      [0, 4],
      [1, 4],
      [2, 4],
      [3, 4],
    ]);
    await waitFor('every guild', () => harness.adapter.native?.guilds.cache.size === 10_000, 20_000);
    const status = harness.adapter.status().sharding!;
    expect(status.shardCount).toBe(4);
    expect(status.shardIds).toEqual([0, 1, 2, 3]);
    expect(status.shards.map((s) => s.state)).toEqual(['ready', 'ready', 'ready', 'ready']);
    expect(status.shards.reduce((n, s) => n + s.guilds, 0)).toBe(10_000);
    for (const shard of status.shards) {
      expect(shard.guilds).toBe(fake.state.guildIdsOnShard(shard.id, 4).length);
      expect(shard.eventsPerSec).toBeGreaterThan(0);
    }
    // every guild sits on the shard Discord's formula gives
    for (const guild of harness.adapter.native!.guilds.cache.values())
      if (guild.shardId !== shardOfGuild(guild.id, 4))
        throw new Error(`guild ${guild.id} on shard ${guild.shardId}`);
  }, 30_000);

  it('answers a message in a guild on each shard', async () => {
    for (const index of oneGuildPerShard(fake, 4))
      expect(await askIn(fake, index, `+echo from guild ${index}`)).toBe(`from guild ${index}`);
    expect(fake.gateway.stats.closeCodes).toEqual([]);
  }, 20_000);

  it('never asked for members on connect', () => {
    expect(fake.gateway.stats.memberRequests).toEqual([]);
  });
});

describe('Discord sharding: max_concurrency buckets', () => {
  it('identifies shards of one bucket 5 s apart and never too soon (server-checked)', async () => {
    const fake = await FakeDiscord.start({
      heartbeatIntervalMs: 20_000,
      guilds: { count: 40 },
      shards: { maxConcurrency: 2 },
    });
    const harness = await DiscordBot.start(fake, { config: { 'discord.shards': 4 }, waitConnected: false });
    try {
      await waitFor('all shards connected', () => harness.adapter.status().state === 'connected', 30_000);
      expect(fake.gateway.stats.identifyTooSoon).toBe(0);
      expect(fake.gateway.stats.identifies).toHaveLength(4);
      expect(fake.gateway.starts.remaining).toBe(1_000 - 4);
    } finally {
      await harness.close();
      await fake.close();
    }
  }, 40_000);
});

describe('Discord sharding: close 4011 (sharding required)', () => {
  it('re-shards itself with the recommended count when running alone, and answers', async () => {
    const fake = await FakeDiscord.start({
      heartbeatIntervalMs: 20_000,
      guilds: { count: 3_000 },
      shards: { maxConcurrency: 16 },
    });
    const harness = await DiscordBot.start(fake, { waitConnected: false });
    const reshards: unknown[] = [];
    harness.bot.events.on('discord_reshard_needed', (e) => void reshards.push(e));
    try {
      await waitFor(
        'connected after re-sharding',
        () => harness.adapter.status().state === 'connected',
        20_000,
      );
      expect(fake.gateway.stats.closeCodes).toContain(4011);
      // 3,001 guilds, one recommended shard per 1,000
      expect(harness.adapter.shards).toMatchObject({
        shardCount: 4,
        shardIds: [0, 1, 2, 3],
        source: 'reshard',
      });
      expect(reshards).toEqual([{ adapterId: 'discord', from: 1, to: 4, shardId: 0, supervised: false }]);
      const warned = harness.logs('warn').find((e) => /4011/.test(e.msg));
      expect(warned?.msg).toMatch(/Re-sharding to 4 shards in this process/);
      const status = harness.adapter.status();
      expect(status.lastError).toBeNull();
      expect(status.sharding?.reshardNeeded).toBeNull();
      expect(harness.logs('error')).toEqual([]);
      const [index] = oneGuildPerShard(fake, 4).slice(3);
      expect(await askIn(fake, index!, '+echo resharded')).toBe('resharded');
    } finally {
      await harness.close();
      await fake.close();
    }
  }, 40_000);

  it('under a supervisor (a cluster assignment) only reports reshard-needed and waits', async () => {
    const fake = await FakeDiscord.start({ heartbeatIntervalMs: 20_000, guilds: { count: 3_000 } });
    const alone = await AdapterOnly.start(fake, {
      clusterId: 0,
      clusterCount: 1,
      shardIds: [0],
      shardCount: 1,
    });
    try {
      await waitFor('reshard reported', () => alone.reshards.length > 0, 10_000);
      expect(alone.reshards).toEqual([
        { adapterId: 'discord', from: 1, to: 4, shardId: 0, supervised: true },
      ]);
      const status = alone.adapter.status();
      expect(status.state).toBe('reconnecting');
      expect(status.lastError).toMatch(
        /4011.*Waiting for the supervisor to restart the clusters with 4 shards/,
      );
      expect(status.sharding?.reshardNeeded).toMatchObject({ from: 1, to: 4 });
      await new Promise((r) => setTimeout(r, 300));
      expect(fake.gateway.stats.identifies).toHaveLength(1);
    } finally {
      await alone.close();
      await fake.close();
    }
  }, 20_000);
});

describe('Discord sharding: discord.shards "auto" and fetchRecommendedShards', () => {
  let fake: FakeDiscord;

  beforeAll(async () => {
    fake = await FakeDiscord.start({
      heartbeatIntervalMs: 20_000,
      guilds: { count: 2_499 },
      shards: { guildsPerRecommendedShard: 1_000, maxConcurrency: 3, sessionStartTotal: 50 },
    });
  });

  afterAll(async () => {
    await fake?.close();
  });

  it('reads the recommendation and the session start limit from GET /gateway/bot', async () => {
    expect(await fetchRecommendedShards(fake.apiBase, fake.token)).toEqual({
      shards: 3,
      sessionStartLimit: { total: 50, remaining: 50, resetAfterMs: expect.any(Number), maxConcurrency: 3 },
    });
  });

  it('rejects clearly: a bad token, an unreachable API', async () => {
    await expect(fetchRecommendedShards(fake.apiBase, 'wrong')).rejects.toThrow(
      /rejected the bot token.*401/,
    );
    await expect(fetchRecommendedShards('http://127.0.0.1:9/api', fake.token)).rejects.toThrow(
      /GET \/gateway\/bot failed/,
    );
  }, 40_000);

  it('"auto" runs the recommended count of shards', async () => {
    const harness = await DiscordBot.start(fake, { config: { 'discord.shards': 'auto' } });
    try {
      expect(harness.adapter.shards).toMatchObject({ shardCount: 3, shardIds: [0, 1, 2], source: 'auto' });
      expect(fake.gateway.starts.remaining).toBe(47);
      const [index] = oneGuildPerShard(fake, 3).slice(2);
      expect(await askIn(fake, index!, '+echo auto')).toBe('auto');
    } finally {
      await harness.close();
    }
  }, 30_000);
});

describe('Discord sharding: session start limit', () => {
  it('too few session starts left for the shards: no identify, a clear error, the bot stays up', async () => {
    const fake = await FakeDiscord.start({ guilds: { count: 10 }, shards: { sessionStartTotal: 2 } });
    const harness = await DiscordBot.start(fake, { config: { 'discord.shards': 4 }, waitConnected: false });
    try {
      await waitFor('the failure', () => harness.adapter.status().lastError, 10_000);
      const status = harness.adapter.status();
      expect(status.state).toBe('reconnecting');
      expect(status.lastError).toMatch(/Not enough sessions remaining to spawn 4 shards; only 2 remaining/);
      expect(fake.gateway.stats.identifies).toEqual([]);
      expect(fake.gateway.starts.remaining).toBe(2);
      expect(await harness.console('echo still up')).toEqual(['still up']);
    } finally {
      await harness.close();
      await fake.close();
    }
  }, 20_000);
});

describe('Discord sharding: one cluster of a supervised bot', () => {
  it('connects only its assigned shards and holds only their guilds', async () => {
    const fake = await FakeDiscord.start({
      heartbeatIntervalMs: 20_000,
      guilds: { count: 40 },
      shards: { maxConcurrency: 4 },
    });
    const cluster = await AdapterOnly.start(fake, {
      clusterId: 1,
      clusterCount: 2,
      shardIds: [3, 1],
      shardCount: 4,
    });
    try {
      await waitFor('connected', () => cluster.adapter.status().state === 'connected', 15_000);
      const shards = fake.gateway.stats.identifies.map((d) => d.shard as number[]);
      expect(shards.sort((a, b) => a[0]! - b[0]!)).toEqual([
        [1, 4],
        [3, 4],
      ]);
      const expected = [...fake.state.guildIdsOnShard(1, 4), ...fake.state.guildIdsOnShard(3, 4)].sort();
      await waitFor(
        'its guilds',
        () => cluster.adapter.native?.guilds.cache.size === expected.length,
        10_000,
      );
      expect([...cluster.adapter.native!.guilds.cache.keys()].sort()).toEqual(expected);
      const status = cluster.adapter.status().sharding!;
      expect(status.shardIds).toEqual([1, 3]);
      expect(status.shards.map((s) => [s.id, s.state])).toEqual([
        [1, 'ready'],
        [3, 'ready'],
      ]);
      // a guild of shard 0 belongs to another cluster: nothing reaches this one
      const [other] = oneGuildPerShard(fake, 4);
      expect(() => fake.sayIn(other!, 'hello')).toThrow(/no gateway session/);
    } finally {
      await cluster.close();
      await fake.close();
    }
  }, 30_000);
});

describe('Discord sharding: a broken cluster assignment', () => {
  it('is a clear error, not retried, and nothing connects', async () => {
    const fake = await FakeDiscord.start({ guilds: { count: 4 } });
    const cluster = await AdapterOnly.start(fake, {
      clusterId: 0,
      clusterCount: 1,
      shardIds: [0, 4],
      shardCount: 4,
    });
    try {
      await waitFor('the error', () => cluster.adapter.status().state === 'error', 5_000);
      expect(cluster.adapter.status().lastError).toBe(
        'Invalid shard assignment: cluster 0: shard ids 4 are outside 0..3',
      );
      expect(fake.gateway.stats.connections).toBe(0);
    } finally {
      await cluster.close();
      await fake.close();
    }
  });
});
