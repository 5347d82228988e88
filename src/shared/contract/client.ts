import type { EventName, EventPayload } from './events';
import type { MethodInput, MethodName, MethodOutput } from './methods';

/**
 * The one client object the renderer uses. In Electron it is `window.api` (exposed by the
 * preload); in browser mode a fetch + WebSocket client. Failed calls reject with ApiCallError.
 */
export interface ApiClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Electron IPC channel names, derived from the contract so nothing else can be invoked. */
export const IPC_CALL_PREFIX = 'protos:call:';
export const IPC_EVENT_CHANNEL = 'protos:events';
export const ipcChannelOf = (method: MethodName): string => IPC_CALL_PREFIX + method;
