import type { ApiClient } from '../../shared/contract';

export type ClientMode = 'electron' | 'browser';

/**
 * - `connecting`: first connection attempt, nothing received yet.
 * - `connected`: pushed events are flowing.
 * - `reconnecting`: the event stream dropped; retrying with capped backoff.
 * - `unauthorized`: no token, or the runtime rejected it. Terminal until the page is reopened.
 */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'unauthorized';

export interface ConnectionStatus {
  state: ConnectionState;
  /** Failed attempts since the stream was last up. */
  attempt: number;
  /** Epoch ms of the next retry while reconnecting, else null. */
  nextRetryAt: number | null;
  /** Why the client is unauthorized: no token at all, or one the runtime refused. */
  reason: 'missing-token' | 'rejected-token' | null;
}

/** The renderer's one client: the contract's ApiClient plus the transport's connection state. */
export interface PanelClient extends ApiClient {
  readonly mode: ClientMode;
  connection(): ConnectionStatus;
  onConnection(listener: (status: ConnectionStatus) => void): () => void;
  /** Stops reconnecting and closes the event stream (tests, hot reload). */
  dispose(): void;
}

export const CONNECTED: ConnectionStatus = {
  state: 'connected',
  attempt: 0,
  nextRetryAt: null,
  reason: null,
};
