// `cancel <id>` decides ownership by the stable user id on the same network, never by the
// display name: two users may share a display name (Discord nicknames, IRC after a rename).
import { describe, expect, it } from 'vitest';
import { commandFile, useHarnesses } from '../support/cmdsys-harness';

const start = useHarnesses();

const FILES = {
  'wait.ts': commandFile(
    `export class Wait extends Command {
  setup() { this.name = 'wait'; }
  async call() { await this.respond('waiting'); await this.sleep(60_000); }
}`,
  ),
};

describe('cancel ownership', () => {
  it('refuses a different user who has the same display name', async () => {
    const h = await start({ files: FILES });
    const alice = { id: '42', name: 'alice', mention: '<@42>' };
    const impostor = { id: '99', name: 'alice', mention: '<@99>' };
    const waiting = h.chat('wait', { author: alice });
    const id = await waiting.id();
    const attempt = h.chat(`cancel ${id}`, { author: impostor });
    const replies = await attempt.done();
    expect(replies.join('\n')).toMatch(/rank/i);
    expect(h.bot.commands.executor.list().map((i) => i.id)).toContain(id);
    // the real owner may
    expect(await h.chat(`cancel ${id}`, { author: alice }).done()).toEqual([`Cancelling #${id} (wait).`]);
    await waiting.done();
  });

  it('refuses the same user id on another network', async () => {
    const h = await start({ files: FILES });
    const waiting = h.chat('wait', { author: { id: 'console', name: 'x', mention: null } });
    const id = await waiting.id();
    // the console's author id is "console" too, but it is another network: ownership does
    // not carry over; the console is rank 1 (owner), so it may cancel anyway
    expect(await h.run(`cancel ${id}`)).toEqual([`Cancelling #${id} (wait).`]);
    await waiting.done();
  });

  it('lets a user cancel their own command although their display name changed', async () => {
    const h = await start({ files: FILES });
    const waiting = h.chat('wait', { author: { id: '43', name: 'bob', mention: '<@43>' } });
    const id = await waiting.id();
    const renamed = { id: '43', name: 'robert', mention: '<@43>' };
    expect(await h.chat(`cancel ${id}`, { author: renamed }).done()).toEqual([`Cancelling #${id} (wait).`]);
    expect(await waiting.done()).toEqual(['waiting', 'Stopped "wait" (cancelled by robert).']);
  });

  it('a different user of ordinary rank cannot cancel; an owner (rank ≤ 2) can', async () => {
    const h = await start({ files: FILES });
    const waiting = h.chat('wait', { author: { id: '42', name: 'alice', mention: '<@42>' } });
    const id = await waiting.id();
    const bob = { id: '43', name: 'bob', mention: '<@43>' };
    expect((await h.chat(`cancel ${id}`, { author: bob }).done()).join('\n')).toMatch(/rank/i);
    expect(await h.chat(`cancel ${id}`, { author: bob, rank: 2 }).done()).toEqual([
      `Cancelling #${id} (wait).`,
    ]);
    await waiting.done();
  });
});
