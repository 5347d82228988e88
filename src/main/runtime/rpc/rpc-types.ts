import type { UserRef } from '../cmdsys/api/refs';
import type { ChannelRef, GuildRef } from '../adapters/types';

/** Status codes of RPC responses (HTTP's meanings). */
export const RPC_STATUS = {
  ok: 200,
  badRequest: 400,
  unauthorized: 401,
  notFound: 404,
  tooLarge: 413,
  tooManyRequests: 429,
  handlerError: 500,
  unavailable: 503,
} as const;

/** A request id as the client sent it (echoed back so it can match responses). */
export type RpcId = string | number | null;

/** What the server answers: `{ id, status, message, data? }`. */
export interface RpcResponse {
  id: RpcId;
  status: number;
  message: string;
  data?: unknown;
}

/**
 * Thrown by converters (and handlers) when the request's data is unusable: answered 400 with
 * the error's message.
 */
export class InvalidRequest extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidRequest';
  }
}

/** Finds network objects by id for converters (across every connected adapter). */
export interface RpcLookups {
  user(id: string): Promise<UserRef | null>;
  guild(id: string): Promise<GuildRef | null>;
  channel(id: string): Promise<ChannelRef | null>;
}

export interface SendOptions {
  /** Status code of the answer (default 200). */
  status?: number;
  /** Structured data for the client, next to the message. */
  data?: unknown;
}

/** One request as a handler sees it. */
export interface RpcRequest {
  readonly requester: string;
  readonly cog: string;
  readonly method: string;
  readonly id: RpcId;
  /** The keyword arguments as sent (before conversion). */
  readonly kwargs: Readonly<Record<string, unknown>>;
  readonly lookups: RpcLookups;
  /** True once an answer was sent (later calls of sendMessage are ignored). */
  readonly answered: boolean;
  /** Answers the request; only the first answer counts. */
  sendMessage(message: string, options?: SendOptions): Promise<void>;
}

/**
 * What the registry holds: called with the request; answers through `request.sendMessage`, or
 * by returning a value (answered 200 with it as `data`). Converters run inside.
 */
export type RpcHandler = (request: RpcRequest) => unknown;
