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
});
