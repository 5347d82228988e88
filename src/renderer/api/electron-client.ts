import {
  ApiCallError,
  type ApiClient,
  type CallResult,
  type MethodInput,
  type MethodName,
  type MethodOutput,
} from '../../shared/contract';
import { CONNECTED, type PanelClient } from './panel-client';

/**
 * `window.api` as the preload exposes it: the contract's ApiClient, and (optionally)
 * `callResult`, which resolves with the CallResult itself. contextBridge copies only an Error's
 * message into the page, so errors thrown by `call` arrive without their code; building the
 * ApiCallError on this side from `callResult` keeps code, issues and errorId.
 */
export interface ElectronApi extends ApiClient {
  callResult?<M extends MethodName>(method: M, input: MethodInput<M>): Promise<CallResult<MethodOutput<M>>>;
}

/**
 * Electron: the preload's `window.api`, used as is. IPC has no connection to lose, so the
 * state is always `connected`.
 */
export function electronClient(api: ElectronApi): PanelClient {
  const callResult = api.callResult?.bind(api);
  return {
    mode: 'electron',
    call: callResult
      ? async (method, input) => {
          const result = await callResult(method, input);
          if (!result.ok) throw new ApiCallError(result.error);
          return result.data;
        }
      : (method, input) => api.call(method, input),
    on: (event, listener) => api.on(event, listener),
    connection: () => CONNECTED,
    onConnection: () => () => undefined,
    dispose: () => undefined,
  };
}
