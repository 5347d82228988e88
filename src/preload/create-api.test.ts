import { describe, expect, it, vi } from 'vitest';
import {
  ApiCallError,
  EVENT_NAMES,
  IPC_EVENT_CHANNEL,
  METHOD_NAMES,
  ipcChannelOf,
  type CallResult,
  type MethodName,
} from '../shared/contract';
import { createPreloadApi, type PreloadIpc } from './create-api';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** An ipcRenderer stand-in: answers invokes with `reply`, records listeners, can emit frames. */
function fakeIpc(reply: (channel: string, input: unknown) => unknown = () => ({ ok: true, data: {} })) {
  const listeners = new Map<string, Set<Listener>>();
  const invoke = vi.fn(async (channel: string, ...args: unknown[]) => reply(channel, args[0]));
  const ipc: PreloadIpc = {
    invoke,
    on: (channel, listener) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    },
    removeListener: (channel, listener) => {
      listeners.get(channel)?.delete(listener);
    },
  };
  const ipcEvent = { sender: 'the ipcRenderer', senderId: 0, ports: [] };
  return {
    ipc,
    invoke,
    count: (channel: string) => listeners.get(channel)?.size ?? 0,
    emit: (channel: string, ...args: unknown[]) => {
      for (const listener of listeners.get(channel) ?? []) listener(ipcEvent, ...args);
    },
  };
}

async function rejection(promise: Promise<unknown>): Promise<ApiCallError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ApiCallError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

describe('createPreloadApi: call', () => {
  it('invokes the contract channel with the input and unwraps the data', async () => {
    const fake = fakeIpc((channel) =>
      channel === ipcChannelOf('logs.getLevel') ? { ok: true, data: { level: 'info' } } : { ok: false },
    );
    const api = createPreloadApi(fake.ipc);
    await expect(api.call('logs.getLevel', {})).resolves.toEqual({ level: 'info' });
    expect(fake.invoke).toHaveBeenCalledWith('protos:call:logs.getLevel', {});
  });

  it('has a channel for every contract method', async () => {
    const fake = fakeIpc();
    const api = createPreloadApi(fake.ipc);
    for (const method of METHOD_NAMES) await api.call(method, {} as never);
    expect(fake.invoke.mock.calls.map(([channel]) => channel)).toEqual(METHOD_NAMES.map(ipcChannelOf));
  });

  it('throws ApiCallError carrying code, issues and errorId of a failed call', async () => {
    const body = {
      code: 'BAD_REQUEST',
      message: 'invalid input for logs.setLevel at "level": Invalid option',
      issues: [{ path: ['level'], message: 'Invalid option' }],
    };
    const api = createPreloadApi(fakeIpc(() => ({ ok: false, error: body })).ipc);
    const err = await rejection(api.call('logs.setLevel', { level: 'loud' as never }));
    expect(err).toMatchObject({ name: 'ApiCallError', code: 'BAD_REQUEST', message: body.message });
    expect(err.issues).toEqual(body.issues);

    const internal = createPreloadApi(
      fakeIpc(() => ({ ok: false, error: { code: 'INTERNAL', message: 'x', errorId: 'ab12cd34' } })).ipc,
    );
    expect(await rejection(internal.call('status.get', {}))).toMatchObject({
      code: 'INTERNAL',
      errorId: 'ab12cd34',
    });
  });

  it('refuses names that are not contract methods without touching IPC', async () => {
    const fake = fakeIpc();
    const api = createPreloadApi(fake.ipc);
    for (const name of ['nope', '__proto__', 'constructor', 'toString', '', 42, null]) {
      const err = await rejection(api.call(name as MethodName, {} as never));
      expect(err.code).toBe('NOT_FOUND');
    }
    expect(fake.invoke).not.toHaveBeenCalled();
  });

  it('turns IPC failures and malformed replies into ApiCallErrors', async () => {
    const cloneFail = fakeIpc(() => {
      throw new Error('An object could not be cloned.');
    });
    const bad = await rejection(
      createPreloadApi(cloneFail.ipc).call('console.exec', { line: () => 1 } as never),
    );
    expect(bad.code).toBe('BAD_REQUEST');

    const noHandler = fakeIpc(() => {
      throw new Error("No handler registered for 'protos:call:status.get'");
    });
    expect((await rejection(createPreloadApi(noHandler.ipc).call('status.get', {}))).code).toBe(
      'UNAVAILABLE',
    );

    for (const reply of [
      undefined,
      'ok',
      { ok: true },
      { ok: false },
      { ok: false, error: { code: 'LOL', message: 'x' } },
      { ok: false, error: { code: 'INTERNAL', message: 1 } },
      { ok: false, error: { code: 'INTERNAL', message: 'x', issues: 'no' } },
      { ok: false, error: { code: 'INTERNAL', message: 'x', errorId: 7 } },
      { ok: false, error: 'INTERNAL' },
    ]) {
      const api = createPreloadApi(fakeIpc(() => reply).ipc);
      expect((await rejection(api.call('status.get', {}))).code, JSON.stringify(reply)).toBe('INTERNAL');
    }
  });

  it('callResult resolves with the CallResult itself, success or failure', async () => {
    const error = { code: 'FORBIDDEN' as const, message: 'nope' };
    const api = createPreloadApi(fakeIpc(() => ({ ok: false, error })).ipc);
    await expect(api.callResult('status.get', {})).resolves.toEqual({
      ok: false,
      error,
    } satisfies CallResult);
    const unknown = await api.callResult('nope' as MethodName, {} as never);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('createPreloadApi: on', () => {
  it('dispatches each frame item to the listeners of its event, payload only', () => {
    const fake = fakeIpc();
    const api = createPreloadApi(fake.ipc);
    const logs = vi.fn();
    const status = vi.fn();
    api.on('logs', logs);
    api.on('status', status);
    fake.emit(IPC_EVENT_CHANNEL, [
      { event: 'status', data: { state: 'running' } },
      { event: 'logs', data: [{ seq: 1 }, { seq: 2 }] },
      { event: 'console', data: [] },
    ]);
    expect(status).toHaveBeenCalledWith({ state: 'running' });
    expect(logs).toHaveBeenCalledWith([{ seq: 1 }, { seq: 2 }]);
    // Exactly one argument: never the ipc event object.
    expect(logs.mock.calls[0]).toHaveLength(1);
    expect(fake.count(IPC_EVENT_CHANNEL)).toBe(1);
  });

  it('ignores malformed frames and unknown events', () => {
    const fake = fakeIpc();
    const api = createPreloadApi(fake.ipc);
    const logs = vi.fn();
    api.on('logs', logs);
    fake.emit(IPC_EVENT_CHANNEL, 'junk');
    fake.emit(IPC_EVENT_CHANNEL, [null, 3, { event: 'logs' }, { event: 'evil', data: 1 }]);
    fake.emit(IPC_EVENT_CHANNEL);
    expect(logs).not.toHaveBeenCalled();
  });

  it('refuses unknown event names and non-function listeners', () => {
    const api = createPreloadApi(fakeIpc().ipc);
    expect(() => api.on('evil' as never, () => undefined)).toThrow(/unknown event/);
    expect(() => api.on('__proto__' as never, () => undefined)).toThrow(/unknown event/);
    expect(() => api.on('logs', 'nope' as never)).toThrow(TypeError);
  });

  it('returns disposers; the IPC listener goes when the last one is disposed', () => {
    const fake = fakeIpc();
    const api = createPreloadApi(fake.ipc);
    const a = vi.fn();
    const b = vi.fn();
    const offA = api.on('logs', a);
    const offB = api.on('status', b);
    offA();
    offA();
    fake.emit(IPC_EVENT_CHANNEL, [
      { event: 'logs', data: [] },
      { event: 'status', data: {} },
    ]);
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledTimes(1);
    offB();
    expect(fake.count(IPC_EVENT_CHANNEL)).toBe(0);
    const c = vi.fn();
    api.on('logs', c);
    expect(fake.count(IPC_EVENT_CHANNEL)).toBe(1);
    fake.emit(IPC_EVENT_CHANNEL, [{ event: 'logs', data: [] }]);
    expect(c).toHaveBeenCalledTimes(1);
  });

  it('keeps dispatching when a listener throws', () => {
    const fake = fakeIpc();
    const onListenerError = vi.fn();
    const api = createPreloadApi(fake.ipc, { onListenerError });
    const after = vi.fn();
    api.on('logs', () => {
      throw new Error('listener bug');
    });
    api.on('logs', after);
    fake.emit(IPC_EVENT_CHANNEL, [{ event: 'logs', data: [] }]);
    expect(after).toHaveBeenCalled();
    expect(onListenerError).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'listener bug' }),
      'logs',
    );
  });

  it('covers every contract event', () => {
    const fake = fakeIpc();
    const api = createPreloadApi(fake.ipc);
    for (const event of EVENT_NAMES) expect(typeof api.on(event, () => undefined)).toBe('function');
  });
});

describe('createPreloadApi: exposed surface', () => {
  it('exposes only call, callResult and on (no ipcRenderer)', () => {
    const api = createPreloadApi(fakeIpc().ipc);
    expect(Object.keys(api).sort()).toEqual(['call', 'callResult', 'on']);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });
});
