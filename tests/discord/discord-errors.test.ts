import { GatewayIntentBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from './fake-discord/server';
import { DiscordBot, waitFor } from './support';

/**
 * Failures that retrying cannot fix: the adapter explains them (status.lastError and the log),
 * does not reconnect in a loop, and the rest of the bot (the console) keeps working.
 */
describe('Discord adapter: fatal connection errors', () => {
  const open: { fake?: FakeDiscord; harness?: DiscordBot }[] = [];

  afterEach(async () => {
    for (const { fake, harness } of open.splice(0)) {
      await harness?.close();
      await fake?.close();
    }
  });

  async function setup(
    fakeOptions: Parameters<typeof FakeDiscord.start>[0],
    botOptions: Parameters<typeof DiscordBot.start>[1] = {},
  ) {
    const entry: { fake?: FakeDiscord; harness?: DiscordBot } = {};
    open.push(entry);
    const fake = (entry.fake = await FakeDiscord.start(fakeOptions));
    const harness = (entry.harness = await DiscordBot.start(fake, { waitConnected: false, ...botOptions }));
    const status = await waitFor('the adapter to give up', () => {
      const s = harness.adapter.status();
      return s.state === 'error' && s;
    });
    return { fake, harness, status };
  }

  /** Nothing more happens on the wire for a while: no reconnect loop. */
  async function expectQuiet(fake: FakeDiscord, harness: DiscordBot) {
    const counts = () => [fake.gateway.stats.connections, fake.rest.requests.length];
    const before = counts();
    await new Promise((r) => setTimeout(r, 1_500));
    expect(counts()).toEqual(before);
    expect(harness.adapter.status().state).toBe('error');
  }

  async function expectConsoleWorks(harness: DiscordBot) {
    expect(harness.bot.state).toBe('running');
    expect(await harness.console('echo console still works')).toEqual(['console still works']);
  }

  it('invalid token (gateway close 4004): clear error, no reconnect loop, console works', async () => {
    const { fake, harness, status } = await setup({ restAcceptsAnyToken: true }, { token: 'not-the-token' });
    expect(status.lastError).toMatch(/rejected the bot token/);
    expect(status.lastError).toMatch(/4004/);
    expect(status.lastError).toMatch(/Developer Portal/);
    expect(status.lastError).toMatch(/DISCORD_TOKEN/);
    expect(fake.gateway.stats.closeCodes).toEqual([4004]);
    expect(fake.gateway.stats.identifies).toHaveLength(1);
    const errors = harness.logs('error').filter((e) => e.name === 'adapter:discord');
    expect(errors.map((e) => e.msg)).toEqual([status.lastError]);
    // the token is never logged
    expect(JSON.stringify(harness.logs())).not.toContain('not-the-token');
    await expectQuiet(fake, harness);
    expect(fake.gateway.stats.identifies).toHaveLength(1);
    await expectConsoleWorks(harness);
  }, 20_000);

  it('invalid token refused by REST (401 on GET /gateway/bot): the same clear error', async () => {
    const { fake, harness, status } = await setup({}, { token: 'not-the-token' });
    expect(status.lastError).toMatch(/rejected the bot token.*401/);
    expect(fake.gateway.stats.connections).toBe(0);
    expect(fake.rest.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'GET /gateway/bot 401',
    ]);
    await expectQuiet(fake, harness);
    await expectConsoleWorks(harness);
  }, 20_000);

  it('Message Content intent not enabled (close 4014): names the Developer Portal switch', async () => {
    const { fake, harness, status } = await setup({ allowedPrivilegedIntents: 0 });
    expect(status.lastError).toMatch(/4014/);
    expect(status.lastError).toMatch(/"Message Content Intent"/);
    expect(status.lastError).toMatch(/Developer Portal.*Privileged Gateway Intents/);
    expect(status.lastError).not.toMatch(/Server Members/);
    expect(fake.gateway.stats.closeCodes).toEqual([4014]);
    expect(harness.logs('error').some((e) => e.msg === status.lastError)).toBe(true);
    await expectQuiet(fake, harness);
    expect(fake.gateway.stats.identifies).toHaveLength(1);
    await expectConsoleWorks(harness);
  }, 20_000);

  it('Server Members intent requested (discord.membersIntent) but not enabled: says so', async () => {
    const { fake, harness, status } = await setup(
      { allowedPrivilegedIntents: GatewayIntentBits.MessageContent },
      { config: { 'discord.membersIntent': true } },
    );
    const intents = fake.gateway.stats.identifies[0]!.intents as number;
    expect(intents & GatewayIntentBits.GuildMembers).toBe(GatewayIntentBits.GuildMembers);
    expect(status.lastError).toMatch(/"Server Members Intent"/);
    expect(status.lastError).toMatch(/discord\.membersIntent/);
    await expectQuiet(fake, harness);
    await expectConsoleWorks(harness);
  }, 20_000);

  it('connects after the cause is fixed and the adapter is started again', async () => {
    const { fake, harness } = await setup({ allowedPrivilegedIntents: 0 });
    // "switch the intent on in the portal", then connect from the panel
    fake.gateway.allowPrivilegedIntents(GatewayIntentBits.MessageContent);
    await harness.adapter.start();
    await waitFor('connected', () => harness.adapter.status().state === 'connected', 10_000);
    expect(harness.adapter.status().lastError).toBeNull();
    const from = fake.posted.length;
    fake.say('+echo fixed');
    expect((await fake.waitForPosts(1, from))[0]!.content).toBe('fixed');
  }, 20_000);

  it('Discord unreachable: a transient error, retried with back-off; the console works', async () => {
    const gone = await FakeDiscord.start();
    await gone.close(); // nothing listens on its port any more
    const entry: { harness?: DiscordBot } = {};
    open.push(entry);
    const harness = (entry.harness = await DiscordBot.start(gone, { waitConnected: false }));
    const status = await waitFor('the first failure', () => {
      const s = harness.adapter.status();
      return s.lastError !== null && s;
    });
    expect(status.state).toBe('reconnecting');
    expect(status.lastError).toMatch(/^Could not connect to Discord: .*ECONNREFUSED/);
    expect(harness.logs('warn').some((e) => /Retrying in 5 s\.$/.test(e.msg))).toBe(true);
    await expectConsoleWorks(harness);
  }, 20_000);
});
