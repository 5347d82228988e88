import { GatewayIntentBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from './fake-discord/server';
import type { IncomingMessage } from '../../src/main/runtime/adapters/types';
import { DiscordBot, DOT_PNG, waitFor } from './support';

/**
 * The Discord adapter end to end: a real Bot, its Discord adapter made from the config, an
 * unmodified discord.js client, and the local fake Discord (REST + gateway on 127.0.0.1).
 */
describe('Discord adapter: messages', () => {
  let fake: FakeDiscord;
  let harness: DiscordBot;

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    harness = await DiscordBot.start(fake, { config: { 'ranks.owners': [fake.world.users.olivia.id] } });
  });

  afterAll(async () => {
    await harness?.close();
    await fake?.close();
  });

  /** Sends a message and returns the next `count` posts the bot makes. */
  async function exchange(text: string, options: Parameters<FakeDiscord['say']>[1] = {}, count = 1) {
    const from = fake.posted.length;
    const id = fake.say(text, options);
    const posts = await fake.waitForPosts(count, from);
    return { id, posts, post: posts[0]! };
  }

  async function whoami(text: string, options: Parameters<FakeDiscord['say']>[1] = {}) {
    const { post } = await exchange(text, options);
    return JSON.parse(post.content) as Record<string, unknown>;
  }

  it('connects through discord.js: gateway URL from GET /gateway/bot, the documented intents', () => {
    const status = harness.adapter.status();
    expect(status).toMatchObject({
      id: 'discord',
      network: 'discord',
      state: 'connected',
      guilds: 1,
      channels: 3,
    });
    expect(status.label).toBe('Discord (protos)');
    expect(fake.rest.requests.filter((r) => r.path === '/gateway/bot')).toHaveLength(1);
    expect(fake.gateway.stats.urls).toEqual(['/gateway?v=10&encoding=json']);
    const identify = fake.gateway.stats.identifies[0]!;
    expect(identify.token).toBe(fake.token);
    const intents =
      GatewayIntentBits.Guilds |
      GatewayIntentBits.GuildMessages |
      GatewayIntentBits.MessageContent |
      GatewayIntentBits.DirectMessages |
      GatewayIntentBits.GuildVoiceStates;
    expect(identify.intents).toBe(intents);
    expect(harness.lifecycle.map((e) => e.event)).toEqual(['client_connect', 'ready']);
    const dm = { guild: null } as unknown as IncomingMessage;
    expect(harness.adapter.addressing(dm)).toEqual({
      names: ['protos'],
      mentions: [`<@${fake.world.bot.id}>`, `<@!${fake.world.bot.id}>`],
    });
    // in a guild, the role Discord made for the bot addresses it too
    const inGuild = { guild: { id: fake.world.guild.id, name: 'Test Guild' } } as unknown as IncomingMessage;
    expect(harness.adapter.addressing(inGuild).mentions).toEqual([
      `<@${fake.world.bot.id}>`,
      `<@!${fake.world.bot.id}>`,
      `<@&${fake.world.roles.bot.id}>`,
    ]);
    // remembered per guild: the same object again (the pipeline caches detection per addressing)
    expect(harness.adapter.addressing(inGuild)).toBe(harness.adapter.addressing(inGuild));
    expect(harness.adapter.addressing(dm)).toBe(harness.adapter.addressing(dm));
    expect(harness.adapter.addressing(dm)).not.toBe(harness.adapter.addressing(inGuild));
  }, 10_000);

  it('answers "+echo hi" with a POST of "hi" replying to the message', async () => {
    const { id, post } = await exchange('+echo hi');
    expect(post.content).toBe('hi');
    expect(post.channelId).toBe(fake.world.channels.general.id);
    expect(post.format).toBe('json');
    expect(post.messageReference).toEqual({ message_id: id, fail_if_not_exists: false });
  }, 10_000);

  it('never lets a reply ping @everyone, @here or roles (allowed_mentions parse users only)', async () => {
    const { post } = await exchange('+echo @everyone @here <@&123> hello');
    expect(post.content).toBe('@everyone @here <@&123> hello');
    expect(post.allowedMentions).toEqual({ parse: ['users'], replied_user: false });
  }, 10_000);

  it('renders a mention of the author as a real mention', async () => {
    const { post } = await exchange('+poke', { author: fake.world.users.pat });
    expect(post.content).toBe(`<@${fake.world.users.pat.id}>, pong`);
    expect(post.allowedMentions).toEqual({ parse: ['users'], replied_user: false });
  }, 10_000);

  it('works when addressed by mention (<@id> and <@!id>) or by name, and ignores other chat', async () => {
    const bot = fake.world.bot.id;
    expect((await exchange(`<@${bot}> echo by mention`)).post.content).toBe('by mention');
    expect((await exchange(`<@!${bot}>, echo nick mention`)).post.content).toBe('nick mention');
    expect((await exchange('protos, echo by name')).post.content).toBe('by name');
    // the role Discord made for the bot: what the mention picker offers next to the bot
    expect((await exchange(`<@&${fake.world.roles.bot.id}> echo by role`)).post.content).toBe('by role');
    // not addressed: no answer, so the next post belongs to the message after it
    const from = fake.posted.length;
    fake.say('echo nobody asked');
    fake.say('+echo addressed');
    const [next] = await fake.waitForPosts(1, from);
    expect(next!.content).toBe('addressed');
  }, 15_000);

  it('does not answer its own messages (they come back over the gateway)', async () => {
    const from = fake.posted.length;
    fake.say('+echo +echo loop');
    await fake.waitForPosts(1, from);
    fake.say('+echo after');
    const posts = await fake.waitForPosts(2, from);
    expect(posts.map((p) => p.content)).toEqual(['+echo loop', 'after']);
  }, 10_000);

  it('maps a guild message: guild, channel, author names and mention, native message', async () => {
    const maya = fake.world.users.maya;
    const info = await whoami('+whoami', { author: maya });
    expect(info).toEqual({
      rank: 3,
      isPrivate: false,
      guild: { id: fake.world.guild.id, name: 'Test Guild' },
      channel: 'general',
      id: maya.id,
      name: 'maya',
      displayName: 'Maya the Mod',
      mention: `<@${maya.id}>`,
      mentionsBot: false,
      attachments: [],
      nativeIsMessage: true,
    });
  }, 10_000);

  it('ranks: owner id → 1, Administrator → 2, Manage Guild → 3, guild owner → 2, plain member → default', async () => {
    const { olivia, adam, maya, gwen, pat } = fake.world.users;
    const rankOf = async (user: typeof pat) => (await whoami('+whoami', { author: user })).rank;
    expect(await rankOf(olivia)).toBe(1);
    expect(await rankOf(adam)).toBe(2);
    expect(await rankOf(maya)).toBe(3);
    expect(await rankOf(gwen)).toBe(2);
    expect(await rankOf(pat)).toBe(10);
  }, 15_000);

  it('takes a direct message without a trigger, as private, and answers in the DM', async () => {
    const pat = fake.world.users.pat;
    const { post } = await exchange('whoami', { dm: true, author: pat });
    const info = JSON.parse(post.content) as Record<string, unknown>;
    expect(info).toMatchObject({ isPrivate: true, guild: null, rank: 10, channel: 'DM', id: pat.id });
    expect(post.channelId).toBe(fake.state.dmChannel(pat).id);
    // owners are owners in DMs too
    const olivia = await whoami('whoami', { dm: true, author: fake.world.users.olivia });
    expect(olivia.rank).toBe(1);
  }, 10_000);

  it('notices a mention of the bot and maps attachments', async () => {
    const info = await whoami(`<@${fake.world.bot.id}> whoami`, {
      attachments: [{ filename: 'notes.txt', size: 42, contentType: 'text/plain' }],
    });
    expect(info.mentionsBot).toBe(true);
    expect(info.attachments).toEqual([
      {
        name: 'notes.txt',
        url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/cdn\/attachments\/\d+\/notes\.txt$/),
        size: 42,
        contentType: 'text/plain',
      },
    ]);
  }, 10_000);

  it('splits a 4500-character answer into 3 messages, in order, only the first a reply', async () => {
    const { id, posts } = await exchange('+long', {}, 3);
    expect(posts).toHaveLength(3);
    for (const p of posts) expect(p.content.length).toBeLessThanOrEqual(2000);
    const lines = posts.flatMap((p) => p.content.split('\n'));
    expect(lines).toHaveLength(45);
    expect(lines.map((l) => l.slice(0, 7))).toEqual(
      Array.from({ length: 45 }, (_, i) => `line ${String(i + 1).padStart(2, '0')}`),
    );
    expect(lines.join('\n')).toHaveLength(4500);
    expect(posts.map((p) => p.messageReference?.message_id ?? null)).toEqual([id, null, null]);
    // nothing else arrives for it
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.posted.filter((p) => p.content.startsWith('line '))).toHaveLength(3);
  }, 15_000);

  it('sends an image reply as a multipart attachment', async () => {
    const { id, post } = await exchange('+image');
    expect(post.format).toBe('multipart');
    expect(post.content).toBe('a dot');
    expect(post.files).toHaveLength(1);
    expect(post.files[0]!.filename).toBe('dot.png');
    expect(post.files[0]!.data.equals(DOT_PNG)).toBe(true);
    // discord.js names each file part and lists it in the payload by index
    expect(post.files[0]!.field).toBe('files[0]');
    expect(post.body.attachments).toMatchObject([{ id: '0' }]);
    expect(post.messageReference?.message_id).toBe(id);
  }, 10_000);

  it("listUsers (seed) lists the guild's human members from GUILD_CREATE", async () => {
    const { post } = await exchange('+listUsers');
    expect(post.content.split('\n')).toEqual([
      'adam',
      'gwen',
      'Maya the Mod',
      'Olivia',
      'pat',
      '5 member(s) known to the bot.',
    ]);
  }, 10_000);

  it('resolves user and channel arguments by mention, id and name', async () => {
    const { maya, adam, olivia } = fake.world.users;
    const random = fake.world.channels.random;
    expect((await exchange(`+whois <@${maya.id}>`)).post.content).toBe(`maya ${maya.id} <@${maya.id}>`);
    expect((await exchange(`+whois <@!${adam.id}> <#${random.id}>`)).post.content).toBe(
      `adam ${adam.id} <@${adam.id}> in #random`,
    );
    expect((await exchange(`+whois ${adam.id} #random`)).post.content).toBe(
      `adam ${adam.id} <@${adam.id}> in #random`,
    );
    expect((await exchange('+whois @olivia general')).post.content).toBe(
      `olivia ${olivia.id} <@${olivia.id}> in #general`,
    );
    // by nickname, any case
    expect((await exchange('+whois "maya the mod"')).post.content).toBe(`maya ${maya.id} <@${maya.id}>`);
  }, 15_000);

  it('logs and survives a MESSAGE_CREATE with missing fields', async () => {
    const { general } = fake.world.channels;
    const warnsBefore = harness.logs('warn').length;
    fake.gateway.dispatch('MESSAGE_CREATE', { id: '1', channel_id: general.id, content: '+echo no author' });
    fake.gateway.dispatch('MESSAGE_CREATE', {
      id: '2',
      content: '+echo no channel',
      author: fake.world.users.pat,
    });
    fake.gateway.dispatch('MESSAGE_CREATE', null);
    const warns = await waitFor(
      'three warnings',
      () => {
        const w = harness.logs('warn').slice(warnsBefore);
        return w.filter((e) => e.msg.includes('malformed MESSAGE_CREATE')).length >= 3 && w;
      },
      5_000,
    );
    expect(warns.map((w) => w.msg)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('missing author'),
        expect.stringContaining('missing channel_id'),
        expect.stringContaining('missing d'),
      ]),
    );
    const { post } = await exchange('+echo still alive');
    expect(post.content).toBe('still alive');
    expect(harness.adapter.status().state).toBe('connected');
    expect(fake.posted.some((p) => p.content.includes('no author') || p.content.includes('no channel'))).toBe(
      false,
    );
  }, 10_000);
});
