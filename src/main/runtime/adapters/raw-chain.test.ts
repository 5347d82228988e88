import { describe, expect, it, vi } from 'vitest';
import { OutgoingHooks, RawChain, scopedRawApi, type RawLines } from './raw-chain';

function chain(handlerTimeoutMs = 5_000) {
  const seen: string[] = [];
  const warnings: string[] = [];
  const raw = new RawChain({
    terminal: (line) => {
      if (line === 'boom') throw new Error('parser exploded');
      seen.push(line);
    },
    logger: { warn: (_fields, msg) => warnings.push(msg) },
    handlerTimeoutMs,
  });
  return { raw, seen, warnings };
}

describe('RawChain', () => {
  it('feeds the default handler synchronously when no handler was added', () => {
    const { raw, seen } = chain();
    expect(raw.push('PING :x')).toBeUndefined();
    expect(seen).toEqual(['PING :x']);
  });

  it('runs handlers in order before the default one; they may rewrite or swallow', async () => {
    const { raw, seen } = chain();
    const order: string[] = [];
    raw.add(async (next, line) => {
      order.push(`a:${line}`);
      if (line.includes('secret')) return; // swallowed
      await next(line.toUpperCase());
    });
    raw.add(async (next, line) => {
      order.push(`b:${line}`);
      await next(`${line}!`);
    });
    await raw.handle('hello');
    await raw.handle('a secret');
    expect(seen).toEqual(['HELLO!']);
    expect(order).toEqual(['a:hello', 'b:HELLO', 'a:a secret']);
  });

  it('inserts a handler at the front with { first: true } and removes it again', async () => {
    const { raw, seen } = chain();
    const order: string[] = [];
    raw.add(async (next, line) => {
      order.push('later');
      await next(line);
    });
    const remove = raw.add(
      async (next, line) => {
        order.push('first');
        await next(line);
      },
      { first: true },
    );
    await raw.handle('x');
    expect(order).toEqual(['first', 'later']);
    remove();
    remove(); // twice is harmless
    expect(raw.size).toBe(1);
    await raw.handle('y');
    expect(order).toEqual(['first', 'later', 'later']);
    expect(seen).toEqual(['x', 'y']);
  });

  it('keeps lines in arrival order even when a handler awaits', async () => {
    const { raw, seen } = chain();
    raw.add(async (next, line) => {
      if (line === '1') await new Promise((r) => setTimeout(r, 30));
      await next(line);
    });
    await Promise.all(['1', '2', '3'].map((l) => raw.handle(l)));
    expect(seen).toEqual(['1', '2', '3']);
    // once idle, the chain is synchronous again only without handlers; with one it stays async
    expect(raw.push('4')).toBeInstanceOf(Promise);
  });

  it('a throwing handler is logged and the line goes on unchanged', async () => {
    const { raw, seen, warnings } = chain();
    raw.add(() => {
      throw new Error('bad extension');
    });
    await raw.handle('still here');
    expect(seen).toEqual(['still here']);
    expect(warnings).toContain('raw handler failed; line passed on unchanged');
  });

  it('a failing default handler (parser) is logged, never thrown', async () => {
    const { raw, warnings } = chain();
    expect(() => raw.push('boom')).not.toThrow();
    expect(warnings).toContain('raw line could not be handled; dropped');
  });

  it('gives up on a handler that hangs, and later lines still flow', async () => {
    vi.useFakeTimers();
    try {
      const { raw, seen, warnings } = chain(1_000);
      raw.add((next, line) => (line === 'hang' ? new Promise(() => undefined) : next(line)));
      const hung = raw.push('hang');
      const after = raw.push('after');
      await vi.advanceTimersByTimeAsync(1_001);
      await hung;
      await after;
      expect(seen).toEqual(['after']);
      expect(warnings).toContain('raw handler did not finish in time; line dropped');
    } finally {
      vi.useRealTimers();
    }
  });

  it('a handler that calls next() without awaiting still holds the line', async () => {
    const { raw, seen } = chain();
    raw.add((next, line) => {
      void next(line);
    });
    raw.add(async (next, line) => {
      await new Promise((r) => setTimeout(r, 20));
      await next(line);
    });
    await raw.handle('one');
    expect(seen).toEqual(['one']);
  });
});

describe('scopedRawApi', () => {
  it('picks the adapter by id or the first one, and tracks every handler it adds', () => {
    const added: unknown[] = [];
    const lines = (name: string): RawLines => ({
      addHandler: (h) => {
        added.push([name, h]);
        return () =>
          added.splice(
            added.findIndex((a) => (a as unknown[])[1] === h),
            1,
          );
      },
      send: async () => undefined,
      handle: async () => undefined,
      sendCommand: async () => undefined,
      replaceDefault: () => () => added.push([name, 'default restored']),
      clear: () => () => added.push([name, 'chain restored']),
      addOutgoing: () => () => added.push([name, 'hook removed']),
    });
    const all = new Map([
      ['irc:a:1', lines('a')],
      ['irc:b:2', lines('b')],
    ]);
    const releases: (() => void)[] = [];
    const track = (release: () => void) => {
      releases.push(release);
      return release;
    };
    expect(scopedRawApi(undefined, track)).toBeUndefined();
    expect(scopedRawApi(new Map(), track)).toBeUndefined();
    expect(scopedRawApi(all, track, 'nope')).toBeUndefined();
    const first = scopedRawApi(all, track)!;
    expect(first.adapterId).toBe('irc:a:1');
    const second = scopedRawApi(all, track, 'irc:b:2')!;
    first.addHandler(async () => undefined);
    second.addHandler(async () => undefined);
    expect(added.map((a) => (a as unknown[])[0])).toEqual(['a', 'b']);
    for (const release of releases) release();
    expect(added).toEqual([]);
    // replacing the default, clearing and outgoing hooks are released with the generation too
    releases.length = 0;
    first.replaceDefault(null);
    first.clear();
    second.addOutgoing(() => undefined);
    expect(releases).toHaveLength(3);
    for (const release of releases) release();
    expect(added).toEqual([
      ['a', 'default restored'],
      ['a', 'chain restored'],
      ['b', 'hook removed'],
    ]);
  });
});

describe('RawChain: replacing, removing and clearing (bottom raw_handlers)', () => {
  it('a replacement of the default handler sees every line and may hand it to the original', async () => {
    const { raw, seen } = chain();
    const replaced: string[] = [];
    const undo = raw.replaceDefault(async (next, line) => {
      replaced.push(line);
      if (line.startsWith('PING')) await next(line);
    });
    expect(raw.hasDefault).toBe(false);
    // no longer synchronous: the replacement may await
    await raw.push('PRIVMSG #c :hi');
    await raw.push('PING :1');
    expect(replaced).toEqual(['PRIVMSG #c :hi', 'PING :1']);
    expect(seen).toEqual(['PING :1']);
    undo();
    undo();
    expect(raw.hasDefault).toBe(true);
    expect(raw.push('PRIVMSG #c :back')).toBeUndefined();
    expect(seen).toEqual(['PING :1', 'PRIVMSG #c :back']);
  });

  it('removing the default (null) drops what reaches the end; handlers still run', async () => {
    const { raw, seen } = chain();
    const handled: string[] = [];
    raw.add(async (next, line) => {
      handled.push(line);
      await next(line);
    });
    const undo = raw.replaceDefault(null);
    await raw.handle('x');
    expect(handled).toEqual(['x']);
    expect(seen).toEqual([]);
    undo();
    await raw.handle('y');
    expect(seen).toEqual(['y']);
  });

  it('clear() empties the chain and its undo restores what is still wanted', async () => {
    const { raw, seen } = chain();
    const order: string[] = [];
    raw.add(async (next, line) => {
      order.push('kept');
      await next(line);
    });
    const removeGone = raw.add(async (next, line) => {
      order.push('gone');
      await next(line);
    });
    const restore = raw.clear();
    expect(raw.size).toBe(0);
    await raw.handle('while cleared');
    expect(seen).toEqual([]);
    expect(order).toEqual([]);
    raw.add(async (next, line) => {
      order.push('added after');
      await next(line);
    });
    removeGone(); // removed while set aside: not restored
    restore();
    restore();
    await raw.handle('after');
    expect(order).toEqual(['kept', 'added after']);
    expect(seen).toEqual(['after']);
    expect(() => raw.replaceDefault(42 as never)).toThrow(TypeError);
  });
});

describe('OutgoingHooks (bottom send_raw override)', () => {
  it('rewrites, drops, survives a throwing hook and ignores odd results', () => {
    const warnings: string[] = [];
    const hooks = new OutgoingHooks({ warn: (_f, msg) => warnings.push(msg) });
    expect(hooks.apply('PRIVMSG #a :x')).toBe('PRIVMSG #a :x');
    const removeRewrite = hooks.add((line) => line.replace('#old', '#new'));
    hooks.add((line) => (line.includes('secret') ? null : undefined));
    hooks.add(() => {
      throw new Error('hook bug');
    });
    hooks.add(() => 42 as never);
    expect(hooks.apply('PRIVMSG #old :hi')).toBe('PRIVMSG #new :hi');
    expect(hooks.apply('PRIVMSG #a :a secret')).toBeNull();
    expect(warnings).toContain('outgoing hook failed; line sent unchanged');
    expect(warnings).toContain('outgoing hook returned neither text nor null; ignored');
    removeRewrite();
    expect(hooks.apply('PRIVMSG #old :hi')).toBe('PRIVMSG #old :hi');
    expect(hooks.size).toBe(3);
    expect(() => hooks.add('nope' as never)).toThrow(TypeError);
  });
});
