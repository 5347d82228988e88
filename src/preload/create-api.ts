import {
  API_ERROR_CODES,
  ApiCallError,
  EVENT_NAMES,
  IPC_EVENT_CHANNEL,
  METHOD_NAMES,
  ipcChannelOf,
  type ApiClient,
  type ApiErrorBody,
  type CallResult,
  type EventName,
  type EventPayload,
  type MethodInput,
  type MethodName,
  type MethodOutput,
} from '../shared/contract';

type IpcListener = (event: unknown, ...args: unknown[]) => void;

/** The part of ipcRenderer the api needs; the preload passes the real one, tests a fake. */
export interface PreloadIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}

/**
 * What `window.api` is in Electron: the contract's ApiClient, plus `callResult`.
 *
 * Why the extra method: contextBridge copies only the `message` of an Error that crosses into
 * the page (code, issues, errorId and the class are dropped), so what the page catches from
 * `call` is a plain Error. `callResult` resolves with the CallResult itself, which is copied
 * intact; the renderer's client builds its ApiCallError from it on its own side.
 */
export interface PreloadApi extends ApiClient {
  callResult<M extends MethodName>(method: M, input: MethodInput<M>): Promise<CallResult<MethodOutput<M>>>;
}

export interface PreloadApiOptions {
  /** Where a throwing event listener is reported (console.error by default). */
  onListenerError?: (err: unknown, event: EventName) => void;
}

const methodNames: ReadonlySet<string> = new Set(METHOD_NAMES);
const eventNames: ReadonlySet<string> = new Set(EVENT_NAMES);
const errorCodes: ReadonlySet<string> = new Set(API_ERROR_CODES);

function failure(error: ApiErrorBody): CallResult<never> {
  return { ok: false, error };
}

/**
 * The contract's error body, checked by hand rather than with ApiErrorSchema: zod probes
 * `new Function` on first parse, which the page's CSP (no unsafe-eval) reports as a violation.
 */
function asErrorBody(value: unknown): ApiErrorBody | null {
  if (typeof value !== 'object' || value === null) return null;
  const { code, message, issues, errorId } = value as Record<string, unknown>;
  if (typeof code !== 'string' || !errorCodes.has(code) || typeof message !== 'string') return null;
  if (issues !== undefined && !Array.isArray(issues)) return null;
  if (errorId !== undefined && typeof errorId !== 'string') return null;
  return {
    code: code as ApiErrorBody['code'],
    message,
    ...(issues !== undefined ? { issues: issues as NonNullable<ApiErrorBody['issues']> } : {}),
    ...(errorId !== undefined ? { errorId } : {}),
  };
}

/** Accepts only the two CallResult shapes; anything else from the main process is a bug. */
function asCallResult(value: unknown): CallResult | null {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return null;
  if (value.ok === true && 'data' in value) return { ok: true, data: value.data };
  if (value.ok === false && 'error' in value) {
    const error = asErrorBody(value.error);
    return error ? { ok: false, error } : null;
  }
  return null;
}

function invokeFailure(err: unknown): CallResult<never> {
  const message = err instanceof Error ? err.message : String(err);
  if (/could not be cloned/i.test(message)) {
    return failure({ code: 'BAD_REQUEST', message: `input cannot be sent over IPC: ${message}` });
  }
  return failure({ code: 'UNAVAILABLE', message: `IPC call failed: ${message}` });
}

/**
 * Builds `window.api` from the contract: every method name and event name is checked against
 * the contract's tables before anything touches IPC; the page never sees ipcRenderer or its
 * event objects, only payloads.
 */
export function createPreloadApi(ipc: PreloadIpc, options: PreloadApiOptions = {}): PreloadApi {
  const onListenerError =
    options.onListenerError ??
    ((err: unknown, event: EventName) => console.error(`[api] listener for "${event}" threw`, err));

  const callResult = async (method: string, input: unknown): Promise<CallResult> => {
    if (typeof method !== 'string' || !methodNames.has(method)) {
      return failure({ code: 'NOT_FOUND', message: `unknown method "${String(method)}"` });
    }
    let raw: unknown;
    try {
      raw = await ipc.invoke(ipcChannelOf(method as MethodName), input);
    } catch (err) {
      return invokeFailure(err);
    }
    return (
      asCallResult(raw) ??
      failure({ code: 'INTERNAL', message: `malformed reply from the main process for ${method}` })
    );
  };

  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const onFrame: IpcListener = (_event, frame) => {
    if (!Array.isArray(frame)) return;
    for (const item of frame as unknown[]) {
      if (typeof item !== 'object' || item === null || !('event' in item) || !('data' in item)) continue;
      const set = listeners.get(item.event as EventName);
      if (!set) continue;
      for (const listener of [...set]) {
        try {
          listener(item.data);
        } catch (err) {
          onListenerError(err, item.event as EventName);
        }
      }
    }
  };
  let attached = false;

  return {
    callResult: callResult as PreloadApi['callResult'],
    call: async (method, input) => {
      const result = await callResult(method, input);
      if (!result.ok) throw new ApiCallError(result.error);
      return result.data as never;
    },
    on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): (() => void) => {
      if (typeof event !== 'string' || !eventNames.has(event))
        throw new Error(`unknown event "${String(event)}"`);
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      const wrapped = (payload: unknown): void => listener(payload as EventPayload<E>);
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(wrapped);
      if (!attached) {
        ipc.on(IPC_EVENT_CHANNEL, onFrame);
        attached = true;
      }
      let disposed = false;
      return () => {
        if (disposed) return;
        disposed = true;
        set.delete(wrapped);
        if (set.size === 0 && listeners.get(event) === set) listeners.delete(event);
        if (listeners.size === 0 && attached) {
          ipc.removeListener(IPC_EVENT_CHANNEL, onFrame);
          attached = false;
        }
      };
    },
  };
}
