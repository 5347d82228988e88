import { describe, expect, it, vi } from 'vitest';
import { consoleOutput as out, runtimeFake } from '../../test-support/fake-client';
import { attachConsoleFeed } from './console-feed';
import { createConsoleStore, MAX_GROUPS, TRANSCRIPT_SAVE_MS } from './console-store';
import { loadTranscript, saveTranscript, TRANSCRIPT_KEY } from './transcript';
import { HISTORY_KEY } from './history';

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
  };
}

describe('console store', () => {
  it('groups output per request: the input, then its responses and errors', () => {
    const store = createConsoleStore(null);
    store
      .getState()
      .ingest([out('a', 'input', 'countdown 2'), out('a', 'response', '2'), out('b', 'input', 'nope')]);
    store.getState().ingest([out('b', 'error', 'Unknown command "nope".'), out('a', 'response', '1')]);
    const groups = store.getState().groups;
    expect(groups.map((g) => [g.input, g.outputs.map((o) => `${o.kind}:${o.text}`)])).toEqual([
      ['countdown 2', ['response:2', 'response:1']],
      ['nope', ['error:Unknown command "nope".']],
    ]);
  });

  it('shows only the panel session; system notes and orphan output get their own group', () => {
    const store = createConsoleStore(null);
    store
      .getState()
      .ingest([
        out('x', 'input', 'help', 'stdin'),
        out(null, 'system', 'reload finished'),
        out('gone', 'response', 'late output'),
      ]);
    const groups = store.getState().groups;
    expect(groups).toHaveLength(2);
    expect(groups[0]!.input).toBeNull();
    expect(groups[0]!.outputs[0]!.text).toBe('reload finished');
    expect(groups[1]!.requestId).toBe('gone');
    expect(groups[1]!.input).toBeNull();
  });

  it('bounds the groups and clears', () => {
    const store = createConsoleStore(null, 3);
    for (let i = 0; i < 5; i++) store.getState().ingest([out(`r${i}`, 'input', `echo ${i}`)]);
    expect(store.getState().groups.map((g) => g.input)).toEqual(['echo 2', 'echo 3', 'echo 4']);
    store.getState().clear();
    expect(store.getState().groups).toEqual([]);
  });

  it('remembers commands in storage and loads them in a new store', () => {
    const storage = memoryStorage();
    const a = createConsoleStore(storage);
    a.getState().remember('echo 1');
    a.getState().remember('help');
    expect(JSON.parse(storage.data.get(HISTORY_KEY)!)).toEqual(['echo 1', 'help']);
    expect(createConsoleStore(storage).getState().history).toEqual(['echo 1', 'help']);
  });

  it('is fed by console events', () => {
    const client = runtimeFake();
    const store = createConsoleStore(null);
    const detach = attachConsoleFeed(client, store);
    client.push('console', [out('q', 'input', 'ping'), out('q', 'response', 'pong')]);
    expect(store.getState().groups[0]!.outputs[0]!.text).toBe('pong');
    detach();
    client.push('console', [out('z', 'input', 'ping')]);
    expect(store.getState().groups).toHaveLength(1);
  });
});

describe('console transcript across reloads', () => {
  function sessionMemory() {
    const data = new Map<string, string>();
    return {
      data,
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
    };
  }

  it('a new store (the reloaded page) starts with the transcript the old one wrote', async () => {
    vi.useFakeTimers();
    try {
      const session = sessionMemory();
      const before = createConsoleStore(null, MAX_GROUPS, session);
      before.getState().ingest([out('a', 'input', 'ping'), out('a', 'response', 'pong')]);
      expect(session.data.has(TRANSCRIPT_KEY)).toBe(false); // written after a short delay, once
      await vi.advanceTimersByTimeAsync(TRANSCRIPT_SAVE_MS);
      const after = createConsoleStore(null, MAX_GROUPS, session);
      expect(after.getState().groups).toEqual(before.getState().groups);
      after.getState().clear();
      await vi.advanceTimersByTimeAsync(TRANSCRIPT_SAVE_MS);
      expect(session.data.has(TRANSCRIPT_KEY)).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([
    ['not JSON', '[{'],
    ['not a list', '{"key":"a"}'],
    ['a group without outputs', JSON.stringify([{ key: 'a', requestId: null, input: null, time: 1 }])],
  ])('ignores a stored transcript that is %s', (_, raw) => {
    const session = sessionMemory();
    session.data.set(TRANSCRIPT_KEY, raw);
    expect(createConsoleStore(null, MAX_GROUPS, session).getState().groups).toEqual([]);
  });

  it('keeps the newest groups within the size cap and survives a full storage', () => {
    const session = sessionMemory();
    const store = createConsoleStore(null);
    for (let i = 0; i < 20; i++)
      store.getState().ingest([out(`r${i}`, 'input', `line ${i} ${'x'.repeat(50)}`)]);
    saveTranscript(session, store.getState().groups, 500);
    const kept = loadTranscript(session);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(20);
    expect(kept.at(-1)!.input).toContain('line 19');
    expect(session.data.get(TRANSCRIPT_KEY)!.length).toBeLessThanOrEqual(500);
    const full = {
      ...session,
      setItem: () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
    };
    expect(() => saveTranscript(full, store.getState().groups)).not.toThrow();
  });
});
