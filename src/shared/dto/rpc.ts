import { z } from 'zod';

export const RpcErrorEntrySchema = z.object({
  time: z.number(),
  status: z.number().int(),
  message: z.string(),
  /** `cog.method` when the request got that far. */
  target: z.string().nullable(),
  /** Id of the logged error (500 answers carry it too). */
  errorId: z.string().nullable(),
});
export type RpcErrorEntry = z.infer<typeof RpcErrorEntrySchema>;

export const RpcStatusSchema = z.object({
  /** Server listening. */
  running: z.boolean(),
  /** Enabled in config (or by `--rpc`). */
  enabled: z.boolean(),
  /** Configured port, or the bound one while running. */
  port: z.number().int(),
  endpoint: z.string().nullable(),
  /** Token required (false with `--rpc-no-auth`: a warning for the Status view). */
  auth: z.boolean(),
  connectedClients: z.number().int().nonnegative(),
  /** Requests per second over the last 10 s. */
  requestsPerSecond: z.number().nonnegative(),
  totalRequests: z.number().int().nonnegative(),
  /** Newest last. */
  lastErrors: z.array(RpcErrorEntrySchema),
  /** Why the server is not running although enabled (e.g. the port is taken), else null. */
  problem: z.string().nullable(),
  /** Registered `cog.method` names. */
  methods: z.array(z.string()),
});
export type RpcStatus = z.infer<typeof RpcStatusSchema>;

export const RpcTokenInfoSchema = z.object({
  /** The token (null when none was generated yet). */
  token: z.string().nullable(),
  file: z.string(),
});
export type RpcTokenInfo = z.infer<typeof RpcTokenInfoSchema>;
