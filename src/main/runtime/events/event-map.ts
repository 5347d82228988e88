import type { Network } from '../../../shared/dto/status';
import type { IncomingMessage } from '../adapters/types';

/** What the panel and listeners know about one command invocation. */
export interface InvocationSummary {
  id: number;
  command: string;
  network: Network;
  adapterId: string;
  author: string;
  channel: string;
  guild: string | null;
}

/** Built-in events with typed payloads. Any other string is a valid custom event. */
export interface BuiltinEvents {
  message_received: { msg: IncomingMessage };
  command_invoked: { invocation: InvocationSummary };
  command_finished: { invocation: InvocationSummary; ms: number };
  command_failed: { invocation: InvocationSummary; ms: number; error: string; errorId: string };
  command_cancelled: { invocation: InvocationSummary; ms: number; reason: string };
  client_connect: { adapterId: string; network: Network };
  client_disconnect: { adapterId: string; network: Network; reason: string };
  ready: { adapterId: string; network: Network };
  reload_done: { loaded: number; updated: number; removed: number; failed: number; ms: number };
}

export type BuiltinEventName = keyof BuiltinEvents;
/** Payload of an event: typed for built-ins, a free-form record for custom events. */
export type EventPayload<E extends string> = E extends BuiltinEventName
  ? BuiltinEvents[E]
  : Record<string, unknown>;
export type EventHandler<E extends string> = (payload: EventPayload<E>) => unknown;
