import { describe, expect, it } from 'vitest';
import { createLogging } from '../logging/logging';
import { EventBus, EventWaitTimeout, ScopedEvents } from './event-bus';

function bus() {
  const logging = createLogging({ console: false });
  return { bus: new EventBus(logging.child('events')), ring: logging.ring };
}

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('EventBus', () => {
  it('runs handlers later, never inline', async () => {
    const { bus: b } = bus();
    const seen: string[] = [];
    b.on('custom', () => void seen.push('handler'));
    b.trigger('custom', {});
    seen.push('after trigger');
    expect(seen).toEqual(['after trigger']);
    await turn();
    expect(seen).toEqual(['after trigger', 'handler']);
  });

  it('treats event names case-insensitively, as bottom does', async () => {
    const { bus: b } = bus();
    const seen: string[] = [];
    b.on('privmsg', (p) => void seen.push(`lower ${p.message}`));
    b.on('PRIVMSG', (p) => void seen.push(`upper ${p.message}`));
    b.on('client_connect', (p) => void seen.push(`connect ${p.adapterId}`));
    b.trigger('PrivMsg', { message: 'hi' });
    b.trigger('CLIENT_CONNECT', { adapterId: 'irc:x', network: 'irc' });
    await turn();
    expect(seen.sort()).toEqual(['connect irc:x', 'lower hi', 'upper hi']);
    expect(b.has('Privmsg')).toBe(true);
    expect(b.listenerCount('PRIVMSG')).toBe(2);
  });

  it('accepts sync and async handlers and isolates a throwing one', async () => {
    const { bus: b, ring } = bus();
    const seen: number[] = [];
    b.on('x', () => {
      throw new Error('sync boom');
    });
    b.on('x', async () => {
      throw new Error('async boom');
    });
    b.on('x', (p) => void seen.push(Number(p.n)));
    b.trigger('x', { n: 7 });
    await turn();
    await turn();
    expect(seen).toEqual([7]);
    const errors = ring
      .tail(10)
      .filter((e) => e.level === 'error')
      .map((e) => e.err?.message);
    expect(errors).toEqual(expect.arrayContaining(['sync boom', 'async boom']));
  });

  it('has typed built-in events and free custom ones', async () => {
    const { bus: b } = bus();
    let ms = 0;
    b.on('reload_done', (p) => (ms = p.ms));
    b.trigger('reload_done', { loaded: 1, updated: 0, removed: 0, failed: 0, ms: 12 });
    await turn();
    expect(ms).toBe(12);
  });

  it('returns a disposer, and once runs once', async () => {
    const { bus: b } = bus();
    let n = 0;
    const off = b.on('e', () => void n++);
    b.once('e', () => void (n += 10));
    b.trigger('e', {});
    await turn();
    off();
    b.trigger('e', {});
    await turn();
    expect(n).toBe(11);
    expect(b.listenerCount('e')).toBe(0);
  });

  it('wait resolves on the next occurrence', async () => {
    const { bus: b } = bus();
    const waiting = b.wait('ready');
    b.trigger('ready', { adapterId: 'irc', network: 'irc' });
    await expect(waiting).resolves.toEqual({ adapterId: 'irc', network: 'irc' });
    expect(b.listenerCount()).toBe(0);
  });

  it('wait times out', async () => {
    const { bus: b } = bus();
    await expect(b.wait('never', { timeoutMs: 20 })).rejects.toBeInstanceOf(EventWaitTimeout);
    expect(b.listenerCount()).toBe(0);
  });

  it('wait is abortable', async () => {
    const { bus: b } = bus();
    const controller = new AbortController();
    const waiting = b.wait('never', { signal: controller.signal });
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    expect(b.listenerCount()).toBe(0);
    await expect(b.wait('never', { signal: AbortSignal.abort(new Error('already')) })).rejects.toThrow(
      'already',
    );
  });

  it('waitAny resolves with whichever event comes first', async () => {
    const { bus: b } = bus();
    const waiting = b.waitAny(['RPL_ENDOFMOTD', 'ERR_NOMOTD'], { timeoutMs: 1000 });
    b.trigger('ERR_NOMOTD', { message: 'none' });
    await expect(waiting).resolves.toEqual({ event: 'ERR_NOMOTD', payload: { message: 'none' } });
    expect(b.listenerCount()).toBe(0);
  });
});

describe('ScopedEvents', () => {
  it('releases its listeners and pending waits on dispose', async () => {
    const { bus: b } = bus();
    const scoped = new ScopedEvents(b);
    scoped.on('a', () => undefined);
    scoped.on('b', () => undefined);
    const waiting = scoped.wait('c');
    expect(b.listenerCount()).toBe(3);
    scoped.dispose();
    await expect(waiting).rejects.toThrow(/unloaded/);
    expect(b.listenerCount()).toBe(0);
    expect(scoped.size).toBe(0);
  });
});
