import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from './fake-discord/server';
import { DiscordBot, waitFor } from './support';

/** Heartbeats, rate limits, dropped sockets and reconnects against the fake Discord. */
describe('Discord adapter: resilience', () => {
  let fake: FakeDiscord;
  let harness: DiscordBot;

  beforeAll(async () => {
    fake = await FakeDiscord.start({ heartbeatIntervalMs: 300 });
    harness = await DiscordBot.start(fake);
  });

  afterAll(async () => {
    await harness?.close();
    await fake?.close();
  });

  it('heartbeats are acknowledged and the latency shows in the status', async () => {
    await waitFor('a heartbeat', () => fake.gateway.stats.heartbeats >= 2, 5_000);
    const latency = await waitFor('a latency', () => harness.adapter.status().latencyMs !== null, 5_000);
    expect(latency).toBe(true);
    expect(harness.adapter.status().latencyMs).toBeGreaterThanOrEqual(0);
  }, 10_000);

  it('retries a message answered 429 after retry-after, and sends it once', async () => {
    const from = fake.posted.length;
    const requestsBefore = fake.rest.requests.length;
    fake.rest.rateLimitNext({ retryAfterSeconds: 0.3 });
    const started = Date.now();
    fake.say('+echo limited');
    const [post] = await fake.waitForPosts(1, from);
    expect(post!.content).toBe('limited');
    expect(post!.at - started).toBeGreaterThanOrEqual(250);
    const posts = fake.rest.requests.slice(requestsBefore).filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.status)).toEqual([429, 200]);
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.posted.slice(from).map((p) => p.content)).toEqual(['limited']);
    expect(harness.logs('warn').some((e) => e.msg.includes('rate limit'))).toBe(true);
  }, 10_000);

  it('loses nothing of a 3-part answer when its second part is rate limited', async () => {
    const from = fake.posted.length;
    fake.rest.rateLimitNext({ skip: 1, count: 2, retryAfterSeconds: 0.2 });
    fake.say('+long');
    const posts = await fake.waitForPosts(3, from, 8_000);
    const lines = posts.flatMap((p) => p.content.split('\n'));
    expect(lines.map((l) => Number(l.slice(5, 7)))).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.posted.length - from).toBe(3);
    expect(fake.rest.rateLimited).toBeGreaterThanOrEqual(3);
  }, 15_000);

  it('resumes the session after the gateway socket drops, replaying what was missed', async () => {
    const sessionId = fake.gateway.session!.id;
    const reconnectsBefore = harness.adapter.status().reconnects;
    harness.lifecycle.length = 0;
    const from = fake.posted.length;
    fake.gateway.drop();
    // sent while the bot is disconnected: Discord keeps it for the resume
    fake.say('+echo missed while down');
    const [post] = await fake.waitForPosts(1, from, 10_000);
    expect(post!.content).toBe('missed while down');
    expect(fake.gateway.stats.identifies).toHaveLength(1);
    expect(fake.gateway.stats.resumes).toEqual([
      { sessionId, seq: expect.any(Number) as number, path: '/gateway-resume' },
    ]);
    await waitFor('connected again', () => harness.adapter.status().state === 'connected', 5_000);
    expect(harness.adapter.status()).toMatchObject({ reconnects: reconnectsBefore + 1, lastError: null });
    await waitFor('lifecycle events', () => harness.lifecycle.length >= 2, 2_000);
    expect(harness.lifecycle.map((e) => e.event)).toEqual(['client_disconnect', 'client_connect']);
    const after = fake.posted.length;
    fake.say('+echo after resume');
    expect((await fake.waitForPosts(1, after))[0]!.content).toBe('after resume');
  }, 20_000);

  it('resumes after a close code that allows it (4000 unknown error)', async () => {
    const resumes = fake.gateway.stats.resumes.length;
    fake.gateway.closeWith(4000, 'Unknown error');
    await waitFor('a resume', () => fake.gateway.stats.resumes.length === resumes + 1, 10_000);
    await waitFor(
      'connected',
      () => harness.adapter.status().state === 'connected' && fake.gateway.connected,
    );
    const from = fake.posted.length;
    fake.say('+echo still here');
    expect((await fake.waitForPosts(1, from))[0]!.content).toBe('still here');
    expect(fake.gateway.stats.identifies).toHaveLength(1);
  }, 20_000);

  it('disconnects on stop() and connects again on start() (panel disconnect/connect)', async () => {
    harness.lifecycle.length = 0;
    await harness.adapter.stop();
    expect(harness.adapter.status()).toMatchObject({ state: 'stopped', latencyMs: null });
    expect(harness.adapter.native).toBeNull();
    await waitFor('the socket closed', () => !fake.gateway.connected, 5_000);
    await harness.adapter.start();
    await waitFor('connected', () => harness.adapter.status().state === 'connected', 10_000);
    expect(fake.gateway.stats.identifies).toHaveLength(2);
    await waitFor('lifecycle events', () => harness.lifecycle.length >= 3, 2_000);
    expect(harness.lifecycle).toEqual([
      { event: 'client_disconnect', reason: 'stopped' },
      { event: 'client_connect' },
      { event: 'ready' },
    ]);
    const from = fake.posted.length;
    fake.say('+echo back');
    expect((await fake.waitForPosts(1, from))[0]!.content).toBe('back');
  }, 20_000);
});

describe('Discord adapter: gateway outage', () => {
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

  it("backs off after a few failed reconnects instead of discord.js's quick loop, then recovers", async () => {
    fake.gateway.refuseConnections = true;
    fake.gateway.drop();
    const status = await waitFor(
      'the adapter to back off',
      () => {
        const s = harness.adapter.status();
        return s.lastError?.includes('in a row') && s;
      },
      15_000,
    );
    expect(status.state).toBe('reconnecting');
    expect(status.lastError).toMatch(/Lost the Discord gateway 6 times in a row/);
    expect(harness.adapter.native).toBeNull();
    // backing off: no attempts for a while (the first retry comes after 5 s)
    const refused = fake.gateway.refused;
    await new Promise((r) => setTimeout(r, 1_500));
    expect(fake.gateway.refused).toBe(refused);
    expect(harness.logs('warn').some((e) => /Retrying in 5 s/.test(e.msg))).toBe(true);
    // the outage ends: the retry connects with a new session
    fake.gateway.refuseConnections = false;
    await waitFor('connected again', () => harness.adapter.status().state === 'connected', 10_000);
    expect(harness.adapter.status().lastError).toBeNull();
    expect(fake.gateway.stats.identifies).toHaveLength(2);
    const from = fake.posted.length;
    fake.say('+echo recovered');
    expect((await fake.waitForPosts(1, from))[0]!.content).toBe('recovered');
  }, 30_000);
});
