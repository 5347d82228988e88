// Audit channels and image replies on Discord: a real Bot with its Discord adapter (discord.js)
// against the local fake Discord on 127.0.0.1.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from './fake-discord/server';
import { DiscordBot, waitFor } from './support';

const REPO = path.resolve(import.meta.dirname, '../..');

describe('Discord: audit channels and image replies', () => {
  let fake: FakeDiscord;
  let harness: DiscordBot;

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    harness = await DiscordBot.start(fake, { config: { 'ranks.owners': [fake.world.users.olivia.id] } });
    const commandsDir = path.join(harness.dataDir, 'commands');
    writeFileSync(
      path.join(commandsDir, 'statcard.ts'),
      readFileSync(path.join(REPO, 'commands/statcard.ts')),
    );
    await harness.bot.commands.reload();
  }, 30_000);

  afterAll(async () => {
    await harness?.close();
    await fake?.close();
  });

  /** Olivia (owner) says something in #general; resolves with the posts made since. */
  async function say(text: string, count: number, author = fake.world.users.olivia) {
    const from = fake.posted.length;
    fake.say(text, { author });
    return fake.waitForPosts(count, from);
  }

  const channels = () => fake.world.channels;
  const postsIn = (channelId: string) => fake.posted.filter((p) => p.channelId === channelId);

  it('auditlog add checks the channel: a voice channel, an unknown id and plain words are refused', async () => {
    const [voice] = await say(`+auditlog add <#${channels().lounge.id}>`, 1);
    expect(voice!.content).toMatch(/#lounge is not a text channel/);
    const [unknown] = await say('+auditlog add 1234567890123456789', 1);
    expect(unknown!.content).toMatch(/there is no channel 1234567890123456789 in Test Guild/i);
    const [word] = await say('+auditlog add random', 1);
    expect(word!.content).toMatch(/not a channel: give a channel mention/);
    const [plain] = await say(`+auditlog add <#${channels().random.id}>`, 1, fake.world.users.pat);
    expect(plain!.content).toMatch(/rank|permission/i);
    expect(postsIn(channels().random.id)).toHaveLength(0);
  }, 20_000);

  it('auditlog add/list: Command.log posts and built-ins arrive in the audit channel', async () => {
    const random = channels().random.id;
    const posts = await say(`+auditlog add <#${random}>`, 2);
    const reply = posts.find((p) => p.channelId === channels().general.id)!;
    expect(reply.content).toBe('Audit entries of this server now also go to #random.');
    const audit = posts.find((p) => p.channelId === random)!;
    expect(audit.content).toBe('[audit] Olivia (auditlog add, general): added audit channel #random');
    expect(audit.format).toBe('json');
    const [list] = await say('+auditlog list', 1);
    expect(list!.content).toBe(`#random (${random}), added by Olivia`);
    // a reload (a security-relevant built-in) logs itself into the audit channel
    const reload = await say('+reloadCommands', 2);
    expect(reload.find((p) => p.channelId === random)!.content).toMatch(
      /^\[audit\] Olivia \(reloadCommands, general\): Reloaded commands in \d+ ms/,
    );
    const { entries } = await harness.bot.audit.search(`discord-${fake.state.guildId}`, { limit: 10 });
    expect(entries.map((e) => e.command)).toEqual(['reloadCommands', 'auditlog add']);
    expect(entries[0]!.guildName).toBe('Test Guild');
  }, 20_000);

  it('a deleted audit channel does not break the command; the failure is logged once and kept', async () => {
    const random = channels().random.id;
    fake.state.channels.delete(random); // gone on the server; discord.js still has it cached
    const before = postsIn(random).length;
    const [first] = await say('+reloadCommands', 1);
    expect(first!.content).toMatch(/^Reloaded commands/);
    const [second] = await say('+reloadCommands', 1);
    expect(second!.content).toMatch(/^Reloaded commands/);
    expect(postsIn(random)).toHaveLength(before);
    await waitFor('the failure to be logged', () =>
      harness.logs('warn').some((e) => e.msg.includes('posting to audit channel random failed')),
    );
    expect(
      harness.logs('warn').filter((e) => e.msg.includes('posting to audit channel random failed')),
    ).toHaveLength(1);
    const [list] = await say('+auditlog list', 1);
    expect(list!.content).toMatch(/failing: .*Unknown Channel/);
  }, 20_000);

  it('respondImage: the statcard arrives as a multipart attachment with image/png', async () => {
    const [post] = await say('+statcard', 1);
    expect(post!.format).toBe('multipart');
    expect(post!.content).toBe('Bot status');
    expect(post!.files).toHaveLength(1);
    const file = post!.files[0]!;
    expect(file.filename).toBe('statcard.png');
    expect(file.contentType).toBe('image/png');
    expect(file.data.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(file.data.readUInt32BE(16)).toBe(480);
  }, 20_000);
});
