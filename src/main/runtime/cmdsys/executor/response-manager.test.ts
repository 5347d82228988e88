import { describe, expect, it } from 'vitest';
import type { Adapter, IncomingMessage, Outgoing } from '../../adapters/types';
import { createLogging } from '../../logging/logging';
import { ResponseManager } from './response-manager';

function setup(maxChars: number | null = null, mention: string | null = '<@1>') {
  const sent: Outgoing[] = [];
  const adapter = {
    limits: { maxChars, maxBytes: null },
    send: async (out: Outgoing) => void sent.push(out),
  } as unknown as Adapter;
  const msg = {
    id: 'm1',
    channel: { id: 'c', name: 'c' },
    author: { id: '1', name: 'a', displayName: 'a', mention },
  } as IncomingMessage;
  const logging = createLogging({ console: false });
  return { sent, rm: new ResponseManager(adapter, msg, logging.child('responses')), ring: logging.ring };
}

describe('ResponseManager', () => {
  it('buffers until flush, joining lines; a flushing respond sends the buffer with it', async () => {
    const { sent, rm } = setup();
    await rm.respond('a', { flush: false });
    await rm.respond('b', { flush: false, mention: true });
    expect(sent).toEqual([]);
    await rm.respond('c');
    expect(sent.map((s) => s.text)).toEqual(['a\n<@1>, b\nc']);
    expect(sent[0]).toMatchObject({ replyTo: 'm1', channel: { id: 'c' } });
  });

  it('hands the first answer to the adapter at once, later ones after those before them', async () => {
    // no microtask turn before the first send: the reply is written before the rest of the
    // message's bookkeeping runs (reply latency)
    const { sent, rm } = setup();
    const first = rm.respond('one');
    expect(sent.map((s) => s.text)).toEqual(['one']);
    const second = rm.respond('two');
    const third = rm.respond('three');
    expect(sent.map((s) => s.text)).toEqual(['one']);
    await Promise.all([first, second, third]);
    expect(sent.map((s) => s.text)).toEqual(['one', 'two', 'three']);
  });

  it('counts every chunk it sent, split or not, and settles a respond in few microtask turns', async () => {
    const { sent, rm } = setup(5);
    await rm.respond('one');
    expect(rm.sentCount).toBe(1);
    await rm.respond('aaaa bbbb cccc'); // three chunks of at most 5 characters
    expect(sent.map((s) => s.text)).toEqual(['one', 'aaaa', 'bbbb', 'cccc']);
    expect(rm.sentCount).toBe(4);
    // a one-chunk answer the adapter has written settles a turn or two later, not after a
    // chain of wrappers (every turn is latency before the command's bookkeeping can end)
    let settled = false;
    void rm.respond('two').then(() => (settled = true));
    for (let turn = 0; turn < 3 && !settled; turn++) await Promise.resolve();
    expect(settled).toBe(true);
    expect(rm.sentCount).toBe(5);
  });

  it('reports a send that throws synchronously as a failed respond, and keeps sending', async () => {
    const sent: string[] = [];
    let calls = 0;
    const adapter = {
      limits: { maxChars: null, maxBytes: null },
      send: (out: Outgoing) => {
        if (calls++ === 0) throw new Error('socket gone');
        sent.push(out.text);
        return Promise.resolve();
      },
    } as unknown as Adapter;
    const msg = { id: 'm', channel: { id: 'c', name: 'c' }, author: { mention: null } } as IncomingMessage;
    const rm = new ResponseManager(adapter, msg, createLogging({ console: false }).child('responses'));
    await expect(rm.respond('lost')).rejects.toThrow('socket gone');
    await rm.respond('next');
    expect(sent).toEqual(['next']);
  });

  it('sends buffered output before an error report, not inside it', async () => {
    const { sent, rm } = setup();
    await rm.respond('partial', { flush: false });
    await rm.respond('it failed', { isError: true });
    expect(sent.map((s) => [s.text, s.isError ?? false])).toEqual([
      ['partial', false],
      ['it failed', true],
    ]);
  });

  it('splits long text for the network and flushes on close; later output is dropped and logged', async () => {
    const { sent, rm, ring } = setup(10);
    await rm.respond('0123456789 abcdefghij', { flush: false });
    await rm.close();
    expect(sent.map((s) => s.text)).toEqual(['0123456789', 'abcdefghij']);
    await rm.respond('too late');
    expect(sent).toHaveLength(2);
    expect(ring.tail(10).map((e) => e.msg)).toContain('response after the invocation ended was dropped');
  });

  it('finish() sends its notice after everything queued before it and refuses what follows', async () => {
    const { sent, rm } = setup();
    void rm.respond('one');
    await rm.respond('two', { flush: false });
    const done = rm.finish('Stopped');
    void rm.respond('after the notice');
    await done;
    await rm.close();
    expect(sent.map((s) => [s.text, s.isError ?? false])).toEqual([
      ['one', false],
      ['two', false],
      ['Stopped', true],
    ]);
  });

  it('sendingMs() counts only the time with a send in flight', async () => {
    let release: () => void = () => undefined;
    const adapter = {
      limits: { maxChars: null, maxBytes: null },
      send: () => new Promise<void>((r) => (release = r)),
    } as unknown as Adapter;
    const msg = { id: 'm', channel: { id: 'c', name: 'c' }, author: { mention: null } } as IncomingMessage;
    const rm = new ResponseManager(adapter, msg, createLogging({ console: false }).child('r'));
    expect(rm.sendingMs()).toBe(0);
    const sending = rm.respond('slow');
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, 30));
    expect(rm.sendingMs(t0 + 1_000)).toBeGreaterThanOrEqual(1_000); // still in flight: up to `now`
    release();
    await sending;
    const total = rm.sendingMs();
    expect(total).toBeGreaterThanOrEqual(25);
    await new Promise((r) => setTimeout(r, 20));
    expect(rm.sendingMs()).toBe(total); // idle time is not counted
  });
});
