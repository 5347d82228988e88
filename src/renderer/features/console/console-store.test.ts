import { describe, expect, it } from 'vitest';
import { consoleOutput as out, runtimeFake } from '../../test-support/fake-client';
import { attachConsoleFeed } from './console-feed';
import { createConsoleStore } from './console-store';
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
