import { ToRuntimeSchema, type FromRuntime, type ToRuntime } from '../../shared/process/runtime-messages';

/** The runtime's side of the link to its supervisor. */
export interface ParentChannel {
  send(message: FromRuntime): void;
  onMessage(listener: (message: ToRuntime) => void): void;
  /** The supervisor went away (its process died): the runtime must not outlive it. */
  onDisconnect(listener: () => void): void;
}

/** Electron's utilityProcess child port (a global, so no electron import is needed). */
interface ParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

function validated(raw: unknown, onInvalid: (why: string) => void): ToRuntime | null {
  const parsed = ToRuntimeSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  onInvalid(parsed.error.issues[0]?.message ?? 'invalid');
  return null;
}

/**
 * Picks the channel the process was started with: Electron's `process.parentPort` in a utility
 * process, else Node's IPC channel (`child_process.fork`). Incoming messages are validated.
 */
export function connectToParent(onInvalid: (why: string) => void): ParentChannel {
  const port = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
  if (port) {
    return {
      send: (message) => port.postMessage(message),
      onMessage: (listener) =>
        port.on('message', (event) => {
          const message = validated(event.data, onInvalid);
          if (message) listener(message);
        }),
      // A utility process is killed with its parent by Electron.
      onDisconnect: () => undefined,
    };
  }
  if (!process.send) throw new Error('the runtime host must be started by the supervisor (no IPC channel)');
  return {
    send: (message) => {
      if (process.connected) process.send!(message);
    },
    onMessage: (listener) =>
      process.on('message', (raw) => {
        const message = validated(raw, onInvalid);
        if (message) listener(message);
      }),
    onDisconnect: (listener) => process.on('disconnect', listener),
  };
}
