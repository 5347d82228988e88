import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT_CHANNEL, METHOD_NAMES, ipcChannelOf, type EventFrame } from '../../shared/contract';
import type { EventHub } from '../api/event-hub';
import { handleIpcCall, type IpcGateOptions } from './ipc-gate';

/** What of ipcMain the transport uses (type-only electron import: tests pass a fake). */
export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;

/** What of a webContents the event forwarder uses. */
export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

function senderFrameUrl(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): string | null {
  try {
    return event.senderFrame?.url ?? null;
  } catch {
    // Reading a frame that navigated or was destroyed may throw; treat it as gone.
    return null;
  }
}

/**
 * Registers one ipcMain.handle per contract method (nothing else is invocable) and routes each
 * call through the gate. Returns a disposer that removes the handlers.
 */
export function registerIpcTransport(ipcMain: IpcMainLike, gate: IpcGateOptions): () => void {
  const channels = METHOD_NAMES.map(ipcChannelOf);
  for (const channel of channels) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, ...args: unknown[]) =>
      handleIpcCall(
        { channel, senderWebContentsId: event.sender.id, senderFrameUrl: senderFrameUrl(event) },
        args,
        gate,
      ),
    );
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

/**
 * Pushes the api's batched event frames to one webContents while it lives. Returns the
 * unsubscribe function; it also unsubscribes itself once the target is destroyed.
 */
export function forwardEvents(events: Pick<EventHub, 'subscribe'>, target: EventTarget): () => void {
  let unsubscribe: (() => void) | null = null;
  const stop = (): void => {
    unsubscribe?.();
    unsubscribe = null;
  };
  unsubscribe = events.subscribe((frame: EventFrame) => {
    if (target.isDestroyed()) return stop();
    target.send(IPC_EVENT_CHANNEL, frame);
  });
  return stop;
}
