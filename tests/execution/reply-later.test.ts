// Replying later: `this.env.send(address, …)` and reply handles answer after `call()` returned
// (reminders, timers); `respond()` after the end is still dropped. A stopped or unknown adapter
// is a clear error.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandFile, useHarnesses, waitFor } from '../support/cmdsys-harness';
import { REPO_ROOT } from '../support/run-cli';

const start = useHarnesses();

const g = globalThis as unknown as { later: Record<string, unknown> };

const FILES = {
  'later.ts': commandFile(
    `const g = globalThis as unknown as { later: Record<string, unknown> };

/** Keeps a handle and the address for the test to use once call() has returned. */
export class Keep extends Command {
  setup() { this.name = 'keep'; }
  async call() {
    g.later.handle = this.replyHandle();
    g.later.address = this.channelAddress;
    g.later.send = this.env.send;
    await this.respond('kept');
  }
}

export class Late extends Command {
  setup() { this.name = 'late'; }
  async call() {
    const env = this.env;
    const where = this.channelAddress;
    const view = this;
    setTimeout(() => {
      void view.respond('dropped: the invocation is over');
      void env.send(where, { text: 'sent later', files: [{ name: 'a.txt', data: new Uint8Array([104, 105]) }] });
    }, 30);
  }
}`,
  ),
};

const keep = async (h: Awaited<ReturnType<typeof start>>, how: 'chat' | 'console') => {
  g.later = {};
  const replies = how === 'chat' ? await h.chat('keep').done() : await h.run('keep');
  expect(replies).toEqual(['kept']);
  return g.later as {
    handle: { address: unknown; send(c: unknown, o?: { mention?: boolean }): Promise<void> };
    address: { adapterId: string; channel: { id: string; name: string } };
    send(address: unknown, content: unknown): Promise<void>;
  };
};

describe('replying after call() returned', () => {
  it('a reply handle sends to the invoking channel, with a mention on request', async () => {
    const h = await start({ files: FILES });
    const kept = await keep(h, 'chat');
    expect(kept.address).toEqual({ adapterId: 'fake', channel: { id: 'c1', name: 'general' } });
    expect(kept.handle.address).toEqual(kept.address);
    const before = h.fake.sent.length;
    await kept.handle.send('plain');
    await kept.handle.send('for you', { mention: true });
    expect(h.fake.sent.slice(before).map((s) => [s.channel.id, s.text])).toEqual([
      ['c1', 'plain'],
      ['c1', '<@42>, for you'],
    ]);
  });

  it('env.send reaches the console (panel session) and splits long text to the limits', async () => {
    const h = await start({ files: FILES });
    const kept = await keep(h, 'console');
    const before = h.consoleOut.length;
    await kept.send(kept.address, 'to the panel');
    expect(h.consoleOut.slice(before).map((o) => [o.session, o.kind, o.text])).toEqual([
      ['panel', 'response', 'to the panel'],
    ]);
    const sent = h.fake.sent.length;
    await kept.send({ adapterId: 'fake', channel: { id: 'c1', name: 'general' } }, 'x'.repeat(4500));
    expect(h.fake.sent.slice(sent).map((s) => s.text.length)).toEqual([2000, 2000, 500]);
  });

  it('respond() after the end is dropped with a warning, env.send from a timer is delivered', async () => {
    const h = await start({ files: FILES });
    const before = h.fake.sent.length;
    expect(await h.chat('late').done()).toEqual([]);
    const out = await waitFor('the late send', () =>
      h.fake.sent.slice(before).find((s) => s.text === 'sent later'),
    );
    expect(out.files?.map((f) => f.name)).toEqual(['a.txt']);
    expect(h.fake.sent.slice(before).map((s) => s.text)).toEqual(['sent later']);
    expect(h.logs('warn').map((e) => e.msg)).toContain('response after the invocation ended was dropped');
  });

  it('fails clearly for a stopped adapter, an unknown adapter, a bad address or nothing to send', async () => {
    const h = await start({ files: FILES });
    const kept = await keep(h, 'chat');
    const status = h.fake.status.bind(h.fake);
    h.fake.status = () => ({ ...status(), state: 'stopped' });
    const before = h.fake.sent.length;
    await expect(kept.handle.send('too late')).rejects.toThrow(
      'cannot send to channel "c1" of "fake": its adapter is stopped',
    );
    await expect(
      kept.send({ adapterId: 'irc:gone:6667', channel: { id: '#x', name: '#x' } }, 'hi'),
    ).rejects.toThrow('cannot send to channel "#x" of "irc:gone:6667": there is no such adapter');
    await expect(kept.send({ channel: 'c1' }, 'hi')).rejects.toThrow(TypeError);
    await expect(kept.send(undefined, 'hi')).rejects.toThrow(/address must be/);
    h.fake.status = status;
    await expect(kept.send(kept.address, { text: '' })).rejects.toThrow(/nothing to send/);
    expect(h.fake.sent.length).toBe(before);
    // the bot is unaffected
    expect(await h.run('ping')).toEqual(['pong']);
  });
});

describe('the remind example (commands/remind.ts)', () => {
  it('confirms at once and reminds the author in the same channel later', async () => {
    const source = readFileSync(path.join(REPO_ROOT, 'commands/remind.ts'), 'utf8');
    const h = await start({ files: { 'remind.ts': source } });
    const before = h.fake.sent.length;
    expect(await h.chat('remind 1s stretch your legs').done()).toEqual(['OK, I will remind you in 1s.']);
    const reminder = await waitFor(
      'the reminder',
      () => h.fake.sent.slice(before).find((s) => s.text.includes('stretch')),
      5_000,
    );
    expect(reminder).toMatchObject({ channel: { id: 'c1' }, text: '<@42>, stretch your legs' });
    expect(await h.run('help remind')).toEqual([
      expect.stringContaining('remind <delay:duration> [text=Reminder!]'),
    ]);
  });
});
