import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from './fake-discord/server';
import { DiscordBot, waitFor } from './support';

/** Gateway requests Discord makes mid-session: op 7 RECONNECT, op 9 INVALID SESSION, expiry. */
describe('Discord adapter: gateway reconnect requests', () => {
  let fake: FakeDiscord;
  let harness: DiscordBot;

  beforeAll(async () => {
    fake = await FakeDiscord.start({ heartbeatIntervalMs: 300 });
    harness = await DiscordBot.start(fake, { config: { 'discord.commands.enabled': false } });
  });

  afterAll(async () => {
    await harness?.close();
    await fake?.close();
  });

  async function answers(text: string): Promise<void> {
    await waitFor('the gateway back', () => fake.gateway.connected, 10_000);
    const from = fake.posted.length;
    fake.say(`+echo ${text}`);
    const [post] = await fake.waitForPosts(1, from, 10_000);
    expect(post!.content).toBe(text);
  }

  it('op 7 RECONNECT: resumes the same session and keeps answering', async () => {
    const session = fake.gateway.session!.id;
    const resumes = fake.gateway.stats.resumes.length;
    fake.gateway.requestReconnect();
    await waitFor('a resume', () => fake.gateway.stats.resumes.length > resumes, 10_000);
    expect(fake.gateway.stats.resumes.at(-1)!.sessionId).toBe(session);
    await answers('after op 7');
  }, 20_000);

  it('op 9 (not resumable) mid-session: identifies anew and keeps answering', async () => {
    const identifies = fake.gateway.stats.identifies.length;
    fake.gateway.invalidateSession(false);
    await waitFor('a new identify', () => fake.gateway.stats.identifies.length > identifies, 15_000);
    await answers('after op 9');
  }, 25_000);

  it('a session that expired while disconnected: the resume fails, a new session starts', async () => {
    const identifies = fake.gateway.stats.identifies.length;
    const old = fake.gateway.session!.id;
    fake.gateway.expireSession();
    await waitFor('a new session', () => fake.gateway.session!.id !== old && fake.gateway.connected, 15_000);
    expect(fake.gateway.stats.identifies.length).toBeGreaterThan(identifies);
    await answers('after expiry');
  }, 25_000);
});
