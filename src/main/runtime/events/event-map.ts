import type { Network } from '../../../shared/dto/status';
import type { IncomingMessage } from '../adapters/types';
import type { IrcEventName, IrcEvents, IrcNumericName, IrcReplyPayload } from './irc-event-map';

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
  /** Discord closed a shard with 4011: the bot needs `to` shards instead of `from` (see the Discord adapter). */
  discord_reshard_needed: {
    adapterId: string;
    from: number;
    to: number;
    shardId: number;
    supervised: boolean;
  };
  reload_done: { loaded: number; updated: number; removed: number; failed: number; ms: number };
}

export type BuiltinEventName = keyof BuiltinEvents;
/**
 * Payload of an event: typed for built-ins and IRC events (names are case-insensitive, as in
 * bottom), a free-form record for custom events.
 */
export type EventPayload<E extends string> =
  Lowercase<E> extends BuiltinEventName
    ? BuiltinEvents[Lowercase<E>]
    : Uppercase<E> extends IrcEventName
      ? IrcEvents[Uppercase<E>]
      : Uppercase<E> extends IrcNumericName
        ? IrcReplyPayload
        : Record<string, unknown>;
/**
 * What `trigger` takes: the payload, where IRC events (re-dispatched as if the server had sent
 * them, like bottom's `trigger`) may leave out the fields they do not need.
 */
export type TriggerPayload<E extends string> =
  Uppercase<E> extends IrcEventName | IrcNumericName ? Partial<EventPayload<E>> : EventPayload<E>;
export type EventHandler<E extends string> = (payload: EventPayload<E>) => unknown;
