import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from './fake-discord/server';
import { DiscordBot, waitFor } from './support';

/**
 * Rate limits against the fake Discord: a real 429 is a WARN; discord.js's own wait before
 * sending on a bucket it knows is empty is routine (debug). Both are counted on the status.
 */
describe('Discord adapter: rate limit logging', () => {
  let fake: FakeDiscord;
  let harness: DiscordBot;

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    harness = await DiscordBot.start(fake);
  });

  afterAll(async () => {
    await harness?.close();
    await fake?.close();
  });

  it('starts with nothing counted', () => {
    expect(harness.adapter.status().rateLimits).toEqual({ waits: 0, hits: 0 });
  });

  it('a 429 is logged once at WARN and counted as a hit; the wait before the retry is debug', async () => {
    const from = fake.posted.length;
    fake.rest.rateLimitNext({ retryAfterSeconds: 0.3 });
    fake.say('+echo limited');
    const [post] = await fake.waitForPosts(1, from);
    expect(post!.content).toBe('limited');
    await waitFor('the counts', () => harness.adapter.status().rateLimits!.hits === 1, 2_000);
    const warnings = harness.logs('warn').filter((e) => /rate limit/i.test(e.msg));
    expect(warnings.map((e) => e.msg)).toEqual([
      'Discord rate limit hit (429); the request waits and is retried',
    ]);
    expect(warnings[0]!.fields).toMatchObject({ retryAfterMs: 300, method: 'POST' });
    // discord.js then knows the bucket is empty and waits before retrying: no 429, so debug
    const waits = harness.adapter.status().rateLimits!.waits;
    const debug = harness.logs('debug').filter((e) => e.msg.startsWith('Discord rate limit: waiting'));
    expect(waits).toBeGreaterThanOrEqual(1);
    expect(debug).toHaveLength(waits);
    expect(harness.logs('warn').filter((e) => e.msg.startsWith('Discord rate limit: waiting'))).toEqual([]);
  }, 10_000);
});
