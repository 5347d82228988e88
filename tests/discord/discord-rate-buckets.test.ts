import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from './fake-discord/server';
import { DiscordBot } from './support';

/** The local Discord enforces a real-style message bucket: 5 per window per channel, with headers. */
describe('Discord adapter under per-channel message buckets', () => {
  let fake: FakeDiscord;
  let harness: DiscordBot;

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    harness = await DiscordBot.start(fake, {
      commands: {
        'flood.ts': `import { Command } from 'cmdsys';
export class Flood extends Command {
  setup() { this.name = 'flood'; this.desc = 'A hundred answers at once.'; }
  async call() {
    await Promise.all(Array.from({ length: 100 }, (_, i) => this.respond('reply ' + String(i).padStart(3, '0'))));
  }
}
`,
      },
    });
  });

  afterAll(async () => {
    await harness?.close();
    await fake?.close();
  });

  it('delivers 100 replies in order, never running into a 429, by following the bucket headers', async () => {
    // Discord's window is 5 s; a shorter one keeps the test quick with the same headers
    fake.rest.messageBucket = { limit: 5, windowMs: 150 };
    const from = fake.posted.length;
    fake.say('+flood');
    const posts = await fake.waitForPosts(100, from, 30_000);
    expect(posts.map((p) => p.content)).toEqual(
      Array.from({ length: 100 }, (_, i) => `reply ${String(i).padStart(3, '0')}`),
    );
    expect(fake.rest.rateLimited).toBe(0);
    const posted = fake.rest.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/messages'));
    expect(posted.every((r) => r.status === 200)).toBe(true);
  }, 40_000);

  it('the bucket is real: a client ignoring the headers gets 429 with retry-after', async () => {
    fake.rest.messageBucket = { limit: 5, windowMs: 5_000 };
    const url = `${fake.apiBase}/v10/channels/${fake.world.channels.random.id}/messages`;
    const statuses: number[] = [];
    let last: Response | null = null;
    for (let i = 0; i < 6; i++) {
      last = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bot ${fake.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ content: `raw ${i}` }),
      });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last!.headers.get('x-ratelimit-remaining')).toBe('0');
    fake.rest.messageBucket = null;
  });
});
