// File uploads: checked against the upload limit of the guild (its boost tier), of a DM and of
// an interaction before anything is sent, and sent with the content type the command gave.
import { GuildPremiumTier, MessageFlags } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from './fake-discord/server';
import { DiscordBot, waitFor } from './support';

const MiB = 1024 * 1024;

const COMMANDS: Record<string, string> = {
  'bigfile.ts': `import { Command, IntegerArgument, type ArgsOf } from 'cmdsys';
export class BigFile extends Command {
  setup() {
    this.name = 'bigfile'; this.desc = 'Sends a file of some MiB, optionally after a wait.';
    return this.addArgument(new IntegerArgument('mib', false, { min: 1, max: 120 })).addArgument(new IntegerArgument('wait', true, { min: 0, max: 5000 }));
  }
  async call({ mib, wait }: ArgsOf<BigFile>) {
    if (wait) await this.sleep(wait);
    await this.respondFile({ name: 'big.bin', data: new Uint8Array(mib * 1024 * 1024), contentType: 'application/octet-stream' }, 'here');
  }
}
`,
  'notes.ts': `import { Command } from 'cmdsys';
export class Notes extends Command {
  setup() { this.name = 'notes'; this.desc = 'Sends a text file.'; }
  async call() {
    await this.respondFile({ name: 'notes.txt', data: new TextEncoder().encode('tea at five'), contentType: 'text/plain; charset=utf-8' }, 'notes');
  }
}
`,
};

let fake: FakeDiscord;
let harness: DiscordBot | null = null;

beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(async () => {
  await fake.close();
});
afterEach(async () => {
  setTier(GuildPremiumTier.None);
  await harness?.close();
  harness = null;
});

/** The guild's boost tier changes (Discord sends GUILD_UPDATE). */
function setTier(tier: GuildPremiumTier): void {
  fake.world.guild.premium_tier = tier;
  if (fake.gateway.session) fake.gateway.dispatch('GUILD_UPDATE', fake.world.guild);
}

async function startBot(): Promise<DiscordBot> {
  harness = await DiscordBot.start(fake, { commands: COMMANDS });
  await waitFor(
    'slash commands registered',
    () => (harness!.adapter.slashStatus()?.reports.length ?? 0) > 0,
    10_000,
  );
  return harness;
}

const uploads = (): number => fake.posted.filter((p) => p.files.length > 0).length;

describe('upload limits', () => {
  it('refuses 11 MiB in an unboosted guild with a clear message and sends nothing; boost tier 2 takes it', async () => {
    const bot = await startBot();
    const before = uploads();
    const from = fake.posted.length;
    fake.say('+bigfile 11');
    const [reply] = await fake.waitForPosts(1, from);
    expect(reply!.content).toMatch(/too large for Discord here: 11 MiB to send, at most 10 MiB allowed/);
    expect(uploads()).toBe(before);
    expect(fake.rest.requests.some((r) => r.status === 413)).toBe(false);
    expect(bot.bot.status().state).toBe('running');

    setTier(GuildPremiumTier.Tier2);
    await waitFor(
      'the tier known',
      () => bot.adapter.native?.guilds.cache.get(fake.world.guild.id)?.premiumTier === 2,
    );
    fake.say('+bigfile 11');
    const [upload] = await fake.waitForPosts(1, from + 1, 15_000);
    expect(upload!.files).toHaveLength(1);
    expect(upload!.files[0]!.data.length).toBe(11 * MiB);
    expect(upload!.files[0]!.contentType).toBe('application/octet-stream');
  }, 30_000);

  it('is checked for a reply sent over REST while the gateway is down (the limit learnt from the message)', async () => {
    const bot = await startBot();
    const before = uploads();
    const from = fake.posted.length;
    fake.say('+bigfile 11 300');
    await waitFor('the command to run', () => bot.bot.commands.executor.runningCount === 1);
    fake.gateway.closeWith(4004, 'Authentication failed');
    await waitFor('the adapter to drop its client', () => bot.adapter.native === null);
    const [reply] = await fake.waitForPosts(1, from);
    expect(reply!.content).toMatch(/too large for Discord here: 11 MiB to send, at most 10 MiB allowed/);
    expect(bot.adapter.native).toBeNull();
    expect(uploads()).toBe(before);
  });

  it('a DM allows 10 MiB', async () => {
    await startBot();
    const from = fake.posted.length;
    fake.say('bigfile 11', { dm: true });
    const [reply] = await fake.waitForPosts(1, from);
    expect(reply!.content).toMatch(/too large/);
    expect(reply!.files).toEqual([]);
  });

  it('a slash command gets the error privately, by the limit Discord sent with the interaction', async () => {
    await startBot();
    const id = fake.slash('bigfile', { mib: 11 });
    await waitFor('the error', () => fake.interaction(id).callback !== null, 10_000);
    expect(fake.interaction(id).callback!.data).toMatchObject({
      flags: MessageFlags.Ephemeral,
      content: expect.stringMatching(/too large for Discord here/),
    });
  });

  it('the fake itself refuses an upload over the limit with 413 (what the check saves us from)', async () => {
    setTier(GuildPremiumTier.Tier1);
    expect(fake.state.uploadLimit(fake.world.channels.general.id)).toBe(10 * MiB);
    setTier(GuildPremiumTier.Tier3);
    expect(fake.state.uploadLimit(fake.world.channels.general.id)).toBe(100 * MiB);
    const form = new FormData();
    form.append('payload_json', JSON.stringify({ content: 'x' }));
    form.append('files[0]', new Blob([new Uint8Array(101 * MiB)]), 'huge.bin');
    const res = await fetch(`${fake.apiBase}/v10/channels/${fake.world.channels.general.id}/messages`, {
      method: 'POST',
      headers: { authorization: `Bot ${fake.token}` },
      body: form,
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 40005 });
  }, 20_000);
});

describe('content types', () => {
  it('a channel upload and an interaction upload carry the content type the command gave', async () => {
    await startBot();
    const from = fake.posted.length;
    fake.say('+notes');
    const [post] = await fake.waitForPosts(1, from);
    expect(post!.files[0]).toMatchObject({ filename: 'notes.txt', contentType: 'text/plain; charset=utf-8' });
    expect(fake.state.messages.get(post!.id)!.attachments[0]).toMatchObject({
      filename: 'notes.txt',
      content_type: 'text/plain; charset=utf-8',
    });

    const id = fake.slash('notes');
    await waitFor('the reply', () => fake.interaction(id).original !== null);
    expect(fake.interaction(id).original!.attachments[0]).toMatchObject({
      filename: 'notes.txt',
      size: 'tea at five'.length,
      content_type: 'text/plain; charset=utf-8',
    });
  });
});
