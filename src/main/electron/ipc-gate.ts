import { IPC_CALL_PREFIX, isMethodName, type CallResult, type MethodName } from '../../shared/contract';
import type { Router } from '../api/router';

/** Who sent an ipcRenderer.invoke, as the main process sees it. */
export interface IpcCallMeta {
  channel: string;
  /** `event.sender.id`: the webContents the message came from. */
  senderWebContentsId: number;
  /** `event.senderFrame.url`, or null when the frame is gone (navigated away, destroyed). */
  senderFrameUrl: string | null;
}

export interface IpcGateOptions {
  router: Pick<Router, 'call'>;
  /** The id of our window's webContents, or null while there is no window. */
  trustedWebContentsId: () => number | null;
  /** Whether a frame URL is one of ours (app://panel, or the dev server in development). */
  isTrustedUrl: (url: string) => boolean;
  /** Told about every refused call (the glue logs it as a warning). */
  onRejected?: (reason: string, meta: IpcCallMeta) => void;
}

/** The contract method an IPC channel stands for, or null for anything else. */
export function methodOfChannel(channel: string): MethodName | null {
  if (!channel.startsWith(IPC_CALL_PREFIX)) return null;
  const name = channel.slice(IPC_CALL_PREFIX.length);
  return isMethodName(name) ? name : null;
}

/**
 * The IPC transport's decision, as a pure function of the message: unknown channels and
 * messages from anything but our window's top document are refused with an error value;
 * everything else goes to the one router, which validates the payload (BAD_REQUEST with the
 * issue path when it does not match the contract). Never throws: the renderer always gets a
 * CallResult.
 */
export async function handleIpcCall(
  meta: IpcCallMeta,
  args: readonly unknown[],
  options: IpcGateOptions,
): Promise<CallResult> {
  const refuse = (code: 'NOT_FOUND' | 'FORBIDDEN' | 'BAD_REQUEST', message: string): CallResult => {
    options.onRejected?.(message, meta);
    return { ok: false, error: { code, message } };
  };
  const method = methodOfChannel(meta.channel);
  if (!method) return refuse('NOT_FOUND', `unknown IPC channel "${meta.channel}"`);
  const trustedId = options.trustedWebContentsId();
  if (trustedId === null || meta.senderWebContentsId !== trustedId) {
    return refuse(
      'FORBIDDEN',
      `IPC call to ${method} from a foreign webContents (${meta.senderWebContentsId})`,
    );
  }
  if (meta.senderFrameUrl === null || !options.isTrustedUrl(meta.senderFrameUrl)) {
    return refuse(
      'FORBIDDEN',
      `IPC call to ${method} from a foreign frame (${meta.senderFrameUrl ?? 'gone'})`,
    );
  }
  if (args.length > 1) return refuse('BAD_REQUEST', `${method} takes one argument, got ${args.length}`);
  return options.router.call(method, args[0], { transport: 'ipc' });
}
