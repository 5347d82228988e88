// Without the privileged Message Content intent Discord empties guild messages (except DMs,
// messages mentioning the bot and its own). The bot keeps working through mentions, DMs and
// slash commands, and says once in the log why prefix commands in guilds get no answer.
import { GatewayIntentBits } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from './fake-discord/server';
import { DiscordBot, waitFor } from './support';

let fake: FakeDiscord;
let harness: DiscordBot | null = null;

beforeAll(async () => {
  // the Developer Portal switch for Message Content is off
  fake = await FakeDiscord.start({ allowedPrivilegedIntents: GatewayIntentBits.GuildMembers });
});
afterAll(async () => {
  await fake.close();
});
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const notices = (bot: DiscordBot) => bot.logs('warn').filter((e) => e.msg.includes('Message Content intent'));

describe('without the Message Content intent', () => {
  it('identifies without it when discord.messageContentIntent is false', async () => {
    harness = await DiscordBot.start(fake, { config: { 'discord.messageContentIntent': false } });
    const intents = fake.gateway.stats.identifies.at(-1)!.intents as number;
    expect(intents & GatewayIntentBits.MessageContent).toBe(0);
    expect(intents & GatewayIntentBits.GuildMessages).not.toBe(0);
  });

  it('guild messages arrive emptied; mentions, DMs and slash commands work; the reason is logged once', async () => {
    const bot = (harness = await DiscordBot.start(fake, {
      config: { 'discord.messageContentIntent': false },
    }));
    await waitFor(
      'slash commands registered',
      () => (bot.adapter.slashStatus()?.reports.length ?? 0) > 0,
      10_000,
    );
    const from = fake.posted.length;
    fake.say('+echo lost one');
    fake.say('+echo lost two', { attachments: [{ filename: 'a.png' }] });
    fake.say(`<@${fake.world.bot.id}> echo by mention`);
    const [byMention] = await fake.waitForPosts(1, from);
    expect(byMention!.content).toBe('by mention');
    fake.say('echo in a DM', { dm: true });
    const [inDm] = await fake.waitForPosts(1, from + 1);
    expect(inDm!.content).toBe('in a DM');
    const id = fake.slash('echo', { message: 'by slash' });
    await waitFor('the slash reply', () => fake.interaction(id).callback !== null);
    expect(fake.interaction(id).callback!.data!.content).toBe('by slash');
    // the prefix commands were never answered
    expect(fake.posted.slice(from).map((p) => p.content)).toEqual(['by mention', 'in a DM']);
    expect(notices(bot)).toHaveLength(1);
    expect(notices(bot)[0]!.msg).toMatch(/Prefix commands in guilds need it/);
    expect(notices(bot)[0]!.msg).toMatch(/discord\.messageContentIntent/);
  });

  it('the server strips content, embeds, attachments and components, but not in DMs or mentions', async () => {
    harness = await DiscordBot.start(fake, { config: { 'discord.messageContentIntent': false } });
    const session = fake.gateway.session!;
    const seen = (): Record<string, unknown> => session.events.at(-1)!.d as Record<string, unknown>;
    fake.say('+echo x', { attachments: [{ filename: 'a.png' }] });
    expect(seen()).toMatchObject({ content: '', attachments: [], embeds: [], components: [] });
    fake.say('x', { dm: true, attachments: [{ filename: 'a.png' }] });
    expect(seen()).toMatchObject({
      content: 'x',
      attachments: [expect.objectContaining({ filename: 'a.png' })],
    });
    fake.say(`<@${fake.world.bot.id}> x`);
    expect(seen()).toMatchObject({ content: `<@${fake.world.bot.id}> x` });
  });
});

describe('with the intent switched on', () => {
  it('guild messages keep their content and nothing is logged about it', async () => {
    fake.gateway.allowPrivilegedIntents(GatewayIntentBits.GuildMembers | GatewayIntentBits.MessageContent);
    try {
      const bot = (harness = await DiscordBot.start(fake));
      const from = fake.posted.length;
      fake.say('+echo kept');
      const [reply] = await fake.waitForPosts(1, from);
      expect(reply!.content).toBe('kept');
      expect(notices(bot)).toEqual([]);
    } finally {
      fake.gateway.allowPrivilegedIntents(GatewayIntentBits.GuildMembers);
    }
  });
});
