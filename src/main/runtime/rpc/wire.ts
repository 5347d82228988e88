import { z } from 'zod';
import { RPC_STATUS, type RpcId, type RpcResponse } from './rpc-types';

/** The request every client sends as one JSON frame. */
export const RpcRequestSchema = z
  .object({
    requester: z.string().min(1).max(200),
    cog: z.string().min(1).max(64),
    method: z.string().min(1).max(64),
    id: z.union([z.string().max(200), z.number().finite(), z.null()]),
    kwargs: z.record(z.string(), z.unknown()).default({}),
    token: z.string().max(1000).optional(),
  })
  .strict();

export type WireRequest = z.output<typeof RpcRequestSchema>;

/** How a client framed its message: REQ sockets put an empty delimiter frame first. */
export interface Envelope {
  delimiter: boolean;
}

export type Decoded =
  | { ok: true; request: WireRequest; envelope: Envelope }
  | { ok: false; response: RpcResponse; envelope: Envelope };

const EMPTY = Buffer.alloc(0);
const UTF8 = new TextDecoder('utf-8', { fatal: true });

function fail(envelope: Envelope, status: number, message: string, id: RpcId = null): Decoded {
  return { ok: false, envelope, response: { id, status, message } };
}

/** The id of a request that failed validation, when it has a usable one (so the client can match). */
function salvageId(value: unknown): RpcId {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const id = (value as Record<string, unknown>).id;
  if (typeof id === 'number' && Number.isFinite(id)) return id;
  if (typeof id === 'string' && id.length <= 200) return id;
  return null;
}

/**
 * Turns the frames after the routing identity into a request, or the error response for it.
 * Never throws: any frame shape gets an answer.
 */
export function decodeFrames(frames: Buffer[], maxBytes: number): Decoded {
  const delimiter = frames.length > 1 && frames[0]!.length === 0;
  const envelope: Envelope = { delimiter };
  const body = delimiter ? frames.slice(1) : frames;
  if (body.length !== 1)
    return fail(envelope, RPC_STATUS.badRequest, `expected one JSON frame, got ${body.length} frames`);
  const frame = body[0]!;
  if (frame.length > maxBytes)
    return fail(
      envelope,
      RPC_STATUS.tooLarge,
      `request of ${frame.length} bytes exceeds the limit of ${maxBytes}`,
    );
  let text: string;
  try {
    text = UTF8.decode(frame);
  } catch {
    return fail(envelope, RPC_STATUS.badRequest, 'request is not valid UTF-8');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return fail(envelope, RPC_STATUS.badRequest, `malformed JSON: ${(err as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return fail(envelope, RPC_STATUS.badRequest, 'request must be a JSON object');
  const parsed = RpcRequestSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : 'request';
    return fail(
      envelope,
      RPC_STATUS.badRequest,
      `invalid request: ${where}: ${issue.message}`,
      salvageId(value),
    );
  }
  return { ok: true, request: parsed.data, envelope };
}

/** The frames to send back after the routing identity. */
export function encodeResponse(envelope: Envelope, response: RpcResponse): Buffer[] {
  let json: string;
  try {
    json = JSON.stringify(response);
  } catch {
    // data a handler returned that JSON cannot hold (a cycle, a BigInt)
    json = JSON.stringify({
      id: response.id,
      status: RPC_STATUS.handlerError,
      message: 'the handler answered with data that is not JSON-serialisable',
    });
  }
  const payload = Buffer.from(json);
  return envelope.delimiter ? [EMPTY, payload] : [payload];
}
