import { z } from 'zod';
import { RpcStatusSchema, RpcTokenInfoSchema } from '../dto/rpc';
import { method } from './define';

const Empty = z.object({}).strict();

/** The loopback RPC server: its state for the Status view, its token for Settings. */
export const rpcMethods = {
  'rpc.status': method(
    Empty,
    RpcStatusSchema,
    'RPC server state: on/off, port, auth, connected clients, requests/s, last errors.',
  ),
  'rpc.token': method(Empty, RpcTokenInfoSchema, 'The RPC token (from <data-dir>/rpc-token) for Settings.'),
  'rpc.rotateToken': method(
    Empty,
    RpcTokenInfoSchema,
    'Replace the RPC token with a fresh one; the old one is refused at once.',
  ),
} as const;
