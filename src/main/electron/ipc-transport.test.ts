import { describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, METHOD_NAMES, ipcChannelOf, type EventFrame } from '../../shared/contract';
import { EventHub } from '../api/event-hub';
import { forwardEvents, registerIpcTransport, type IpcMainLike } from './ipc-transport';
import { APP_ENTRY_URL } from './renderer-origin';

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;

function fakeIpcMain(): IpcMainLike & { handlers: Map<string, Handler> } {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle: (channel: string, listener: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel: string) => void handlers.delete(channel),
  } as IpcMainLike & { handlers: Map<string, Handler> };
}

const statusFrame = [{ event: 'status', data: { state: 'running' } }] as unknown as EventFrame;

describe('registerIpcTransport', () => {
  it('registers exactly one handler per contract method and removes them on dispose', () => {
    const ipc = fakeIpcMain();
    const router = { call: vi.fn() };
    const dispose = registerIpcTransport(ipc, {
      router,
      trustedWebContentsId: () => 1,
      isTrustedUrl: () => true,
    });
    expect([...ipc.handlers.keys()].sort()).toEqual(METHOD_NAMES.map(ipcChannelOf).sort());
    dispose();
    expect(ipc.handlers.size).toBe(0);
  });

  it('reads sender id and frame URL from the event and answers with a CallResult', async () => {
    const ipc = fakeIpcMain();
    const router = { call: vi.fn(async () => ({ ok: true as const, data: { level: 'warn' } })) };
    registerIpcTransport(ipc, {
      router,
      trustedWebContentsId: () => 3,
      isTrustedUrl: (url) => url === APP_ENTRY_URL,
    });
    const handler = ipc.handlers.get(ipcChannelOf('logs.setLevel'))!;
    const ours = { sender: { id: 3 }, senderFrame: { url: APP_ENTRY_URL } };
    expect(await handler(ours, { level: 'warn' })).toEqual({ ok: true, data: { level: 'warn' } });
    expect(router.call).toHaveBeenCalledWith('logs.setLevel', { level: 'warn' }, { transport: 'ipc' });

    const foreign = { sender: { id: 4 }, senderFrame: { url: APP_ENTRY_URL } };
    expect(await handler(foreign, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const gone = { sender: { id: 3 }, senderFrame: null };
    expect(await handler(gone, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const throwing = {
      sender: { id: 3 },
      get senderFrame(): never {
        throw new Error('frame disposed');
      },
    };
    expect(await handler(throwing, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(router.call).toHaveBeenCalledTimes(1);
  });
});

describe('forwardEvents', () => {
  it('sends every frame on the event channel while the target lives, then unsubscribes', () => {
    const hub = new EventHub({ batchMs: 16 });
    let destroyed = false;
    const send = vi.fn();
    forwardEvents(hub, { isDestroyed: () => destroyed, send });
    expect(hub.subscriberCount).toBe(1);
    hub.push('status', statusFrame[0]!.data as never);
    hub.flush();
    expect(send).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, [{ event: 'status', data: { state: 'running' } }]);
    destroyed = true;
    hub.push('status', statusFrame[0]!.data as never);
    hub.flush();
    expect(send).toHaveBeenCalledTimes(1);
    expect(hub.subscriberCount).toBe(0);
  });

  it('stops on demand', () => {
    const hub = new EventHub();
    const stop = forwardEvents(hub, { isDestroyed: () => false, send: vi.fn() });
    stop();
    stop();
    expect(hub.subscriberCount).toBe(0);
  });
});
