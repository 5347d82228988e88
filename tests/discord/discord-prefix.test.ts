import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GuildPrefixes } from '../../src/main/runtime/guild-settings/guild-prefixes';
import { FakeDiscord } from './fake-discord/server';
import { testApi } from '../support/test-bot';
import { DiscordBot } from './support';

describe('per-guild prefix', () => {
  let fake: FakeDiscord;
  let harness: DiscordBot;

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    harness = await DiscordBot.start(fake, { config: { 'discord.commands.enabled': false } });
  });

  afterAll(async () => {
    await harness?.close();
    await fake?.close();
  });

  it('a guild manager sets it; the guild then answers to it instead of the triggers; it is stored', async () => {
    const { adam, pat } = fake.world.users;
    let from = fake.posted.length;
    fake.say('+prefix set ?', { author: pat });
    const [denied] = await fake.waitForPosts(1, from);
    expect(denied!.content).toMatch(/rank|permission|not allowed/i);

    from = fake.posted.length;
    fake.say('+prefix set !', { author: adam });
    expect((await fake.waitForPosts(1, from))[0]!.content).toBe('Prefix for Test Guild: !');

    // the panel shows it for the guild (guilds.settings)
    const api = testApi(harness.bot);
    const settings = (db: string) => api.router.call('guilds.settings', { db }, { transport: 'test' });
    const guildDb = `discord-${fake.world.guild.id}`;
    expect(await settings(guildDb)).toEqual({
      ok: true,
      data: { db: guildDb, guild: true, prefix: '!', defaultTriggers: ['+'] },
    });
    await harness.bot.database.getDb('console');
    expect(await settings('console')).toMatchObject({ ok: true, data: { guild: false, prefix: null } });
    expect(await settings('discord-1')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await settings('../etc')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });

    from = fake.posted.length;
    fake.say('!echo bang');
    expect((await fake.waitForPosts(1, from))[0]!.content).toBe('bang');

    fake.say('+echo plus');
    fake.say('!echo after');
    const [next] = await fake.waitForPosts(1, fake.posted.length);
    expect(next!.content).toBe('after');
    const plus = harness.bot.pipeline.recentTraces().find((t) => t.text === '+echo plus');
    expect(plus).toMatchObject({ outcome: 'ignored' });

    // stored in the guild's database: a fresh cache reads it back
    const fresh = new GuildPrefixes(harness.bot.database);
    const msg = { network: 'discord', guild: { id: fake.world.guild.id, name: 'Test Guild' } } as never;
    expect(fresh.cached(msg)).toBeUndefined();
    await fresh.load(msg);
    expect(fresh.cached(msg)).toBe('!');

    from = fake.posted.length;
    fake.say('!prefix reset', { author: adam });
    await fake.waitForPosts(1, from);
    from = fake.posted.length;
    fake.say('+echo plus again');
    expect((await fake.waitForPosts(1, from))[0]!.content).toBe('plus again');
    expect(await settings(guildDb)).toMatchObject({ ok: true, data: { prefix: null } });
    api.dispose();
  });

  it('has no meaning on the console', async () => {
    expect(await harness.console('prefix set !')).toEqual([expect.stringMatching(/belongs to a guild/)]);
  });
});
