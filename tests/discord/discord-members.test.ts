import { GatewayIntentBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from './fake-discord/server';
import { DiscordBot, waitFor } from './support';

async function ask(fake: FakeDiscord, text: string): Promise<string> {
  const from = fake.posted.length;
  fake.say(text, { author: fake.world.users.pat });
  return (await fake.waitForPosts(1, from))[0]!.content;
}

/**
 * Member caching follows discord.js: the cache holds what GUILD_CREATE and messages brought;
 * with the (privileged) Guild Members intent the adapter fetches a guild's members on its first
 * message (within the gateway budget; see discord-members-scale.test.ts).
 */
describe('Discord adapter: members without the Guild Members intent', () => {
  let fake: FakeDiscord;
  let harness: DiscordBot;

  beforeAll(async () => {
    fake = await FakeDiscord.start({ membersInGuildCreate: 'bot' });
    harness = await DiscordBot.start(fake);
  });

  afterAll(async () => {
    await harness?.close();
    await fake?.close();
  });

  it('listUsers shows only the members discord.js has cached (here: the author)', async () => {
    expect(await ask(fake, '+listUsers')).toBe('pat\n1 member(s) known to the bot.');
    expect(fake.gateway.stats.memberRequests).toEqual([]);
  }, 10_000);

  it('resolves an uncached member by id through the REST API, not by name', async () => {
    const { adam } = fake.world.users;
    // (a mention would not do: Discord sends mentioned users with their member data)
    expect(await ask(fake, `+whois ${adam.id}`)).toBe(`adam ${adam.id} <@${adam.id}>`);
    expect(
      fake.rest.requests.some((r) => r.path === `/guilds/${fake.world.guild.id}/members/${adam.id}`),
    ).toBe(true);
    // adam is cached now; maya is not, and searching by name needs the intent
    expect(await ask(fake, '+whois adam')).toBe(`adam ${adam.id} <@${adam.id}>`);
    expect(await ask(fake, '+whois maya')).toMatch(/no user "maya"/);
    expect(fake.gateway.stats.memberRequests).toEqual([]);
  }, 10_000);
});

describe('Discord adapter: members with the Guild Members intent', () => {
  let fake: FakeDiscord;
  let harness: DiscordBot;

  beforeAll(async () => {
    fake = await FakeDiscord.start({ membersInGuildCreate: 'bot' });
    harness = await DiscordBot.start(fake, { config: { 'discord.membersIntent': true } });
  });

  afterAll(async () => {
    await harness?.close();
    await fake?.close();
  });

  it("asks for the Guild Members intent and fetches a guild's members lazily, on its first message", async () => {
    const intents = fake.gateway.stats.identifies[0]!.intents as number;
    expect(intents & GatewayIntentBits.GuildMembers).toBe(GatewayIntentBits.GuildMembers);
    // nothing on connect (one request per guild would blow the gateway budget of a big bot)
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.gateway.stats.memberRequests).toEqual([]);
    fake.say('hello there', { author: fake.world.users.pat });
    await waitFor('a member request', () => fake.gateway.stats.memberRequests.length > 0);
    expect(fake.gateway.stats.memberRequests[0]).toMatchObject({
      guild_id: fake.world.guild.id,
      query: '',
      limit: 0,
    });
    await waitFor('the members cached', () => {
      const guild = harness.adapter.native?.guilds.cache.get(fake.world.guild.id);
      return (guild?.members.cache.size ?? 0) === fake.world.guild.members.length;
    });
    expect((await ask(fake, '+listUsers')).split('\n')).toEqual([
      'adam',
      'gwen',
      'Maya the Mod',
      'Olivia',
      'pat',
      '5 member(s) known to the bot.',
    ]);
  }, 10_000);

  it('searches the gateway by name for a member missing from the cache', async () => {
    const { maya } = fake.world.users;
    harness.adapter.native!.guilds.cache.get(fake.world.guild.id)!.members.cache.delete(maya.id);
    const requests = fake.gateway.stats.memberRequests.length;
    expect(await ask(fake, '+whois maya')).toBe(`maya ${maya.id} <@${maya.id}>`);
    expect(fake.gateway.stats.memberRequests.slice(requests)).toEqual([
      expect.objectContaining({ query: 'maya', limit: 5 }),
    ]);
  }, 10_000);
});
