import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from './fake-discord/server';
import { DiscordBot, waitFor } from './support';

describe('Discord presence', () => {
  let fake: FakeDiscord;
  let harness: DiscordBot;

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    harness = await DiscordBot.start(fake, {
      config: { 'discord.presence': { status: 'idle', activity: { type: 'watching', text: 'the logs' } } },
    });
  });

  afterAll(async () => {
    await harness?.close();
    await fake?.close();
  });

  const last = () =>
    fake.gateway.stats.presences.at(-1) as { status: string; activities: unknown[] } | undefined;

  it('shows the configured status and activity once connected', async () => {
    await waitFor('a presence update', () => last()?.status === 'idle');
    expect(last()!.activities).toEqual([expect.objectContaining({ name: 'the logs', type: 3 })]);
  });

  it('the owner command changes it (and stores it); a missing activity text is refused', async () => {
    // the start value came as an override (like a CLI flag), which would win over the file
    harness.bot.config.setOverride('discord.presence', undefined);
    expect(await harness.console('presence dnd playing')).toEqual([
      expect.stringMatching(/^Say what the bot is playing/),
    ]);
    expect(await harness.console('presence dnd playing chess')).toEqual(['Presence: dnd, playing chess.']);
    await waitFor('the new presence', () => last()?.status === 'dnd');
    expect(last()!.activities).toEqual([expect.objectContaining({ name: 'chess', type: 0 })]);
    expect(harness.bot.config.stored().discord.presence).toEqual({
      status: 'dnd',
      activity: { type: 'playing', text: 'chess' },
    });
    expect(await harness.console('presence online none')).toEqual(['Presence: online.']);
    await waitFor('no activity', () => last()?.status === 'online' && last()!.activities.length === 0);
  });

  it('chat users below the owner rank cannot change it', async () => {
    const before = fake.posted.length;
    fake.say('+presence invisible');
    const [reply] = await fake.waitForPosts(1, before);
    expect(reply!.content).toMatch(/rank|permission|not allowed/i);
  });
});
