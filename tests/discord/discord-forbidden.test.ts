import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from './fake-discord/server';
import { DiscordBot, waitFor } from './support';

const LATER = {
  'later.ts': `import { Command } from 'cmdsys';
export class Later extends Command {
  setup() { this.name = 'later'; this.desc = 'Answers after a while.'; }
  async call() { await this.sleep(800); await this.respond('still here'); }
}
`,
};

let fake: FakeDiscord;
let harness: DiscordBot;

beforeEach(async () => {
  fake = await FakeDiscord.start();
  harness = await DiscordBot.start(fake, { commands: LATER, config: { 'discord.commands.enabled': false } });
});
afterEach(async () => {
  await harness?.close();
  await fake?.close();
});

const ended = (command: string): number =>
  harness.logs().filter((e) => e.msg === 'invocation ended' && e.fields?.command === command).length;
const postsTo = (channelId: string, from: number): number[] =>
  fake.rest.requests
    .slice(from)
    .filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`)
    .map((r) => r.status);

describe('Discord adapter: missing permissions and gateway outages', () => {
  it('a 403 names the permission in the log and is never followed by another POST to that channel', async () => {
    const general = fake.world.channels.general.id;
    const from = fake.rest.requests.length;
    fake.rest.failNext({ status: 403 });
    fake.say('+echo hello');
    await waitFor('the echo to end', () => ended('echo') === 1);
    expect(postsTo(general, from)).toEqual([403]);
    const warning = harness.logs('warn').find((e) => e.msg.includes('missing permission'));
    // the fixture's bot role has View Channel and Send Messages but not Read Message History,
    // which a reply (it references the command's message) needs: that is the one named
    expect(warning?.msg).toMatch(/missing permission ReadMessageHistory;/);
    console.log(warning?.msg);

    fake.say('+echo again');
    await waitFor('the second echo to end', () => ended('echo') === 2);
    expect(postsTo(general, from)).toEqual([403]);

    // another channel is not affected
    const random = fake.world.channels.random.id;
    fake.say('+echo over here', { channelId: random });
    await fake.waitForPosts(1, fake.posted.length);
    expect(postsTo(random, from)).toEqual([200]);

    // permissions changed: the channel gets another chance
    fake.gateway.dispatch('CHANNEL_UPDATE', fake.world.channels.general);
    const before = fake.posted.length;
    fake.say('+echo back');
    const [post] = await fake.waitForPosts(1, before);
    expect(post!.content).toBe('back');
  });

  it('a 5xx is retried and the message arrives once', async () => {
    const general = fake.world.channels.general.id;
    const from = fake.rest.requests.length;
    const before = fake.posted.length;
    fake.rest.failNext({ status: 502 });
    fake.say('+echo despite 502');
    const [post] = await fake.waitForPosts(1, before);
    expect(post!.content).toBe('despite 502');
    await waitFor('the echo to end', () => ended('echo') === 1);
    expect(postsTo(general, from)).toEqual([502, 200]);
  });

  it('a reply due while the gateway is down goes out over REST', async () => {
    const from = fake.posted.length;
    fake.say('+later');
    await waitFor('the command to run', () => harness.bot.commands.executor.runningCount === 1);
    fake.gateway.closeWith(4004, 'Authentication failed');
    await waitFor('the adapter to drop its client', () => harness.adapter.native === null);
    expect(fake.gateway.connected).toBe(false);
    const [post] = await fake.waitForPosts(1, from);
    expect(post!.content).toBe('still here');
    expect(harness.adapter.native).toBeNull();
  });
});
