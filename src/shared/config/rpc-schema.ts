import { z } from 'zod';

/** The loopback RPC server for outside programs (`rpc` section of config.json). */
export const RpcConfigSchema = z
  .object({
    /** Start the server with the bot (also `--rpc`). */
    enabled: z.boolean().default(false),
    /** TCP port on 127.0.0.1 (also `--rpc-port`); 0 picks a free one. */
    port: z.number().int().min(0).max(65_535).default(6133),
    /** Address to bind: only the loopback address is accepted (anything else is refused at start). */
    host: z.string().min(1).max(255).default('127.0.0.1'),
    /** Require the token of `<data-dir>/rpc-token` in every request (`--rpc-no-auth` turns it off). */
    auth: z.boolean().default(true),
    /** Rank the `core.invoke` handler runs command lines at (1 = owner). */
    invokeRank: z.number().int().min(1).max(1000).default(1),
    /** Requests larger than this many bytes are refused (413). */
    maxRequestBytes: z
      .number()
      .int()
      .min(256)
      .max(16 * 1024 * 1024)
      .default(64 * 1024),
    /** A handler that has not answered after this long is answered 500. */
    handlerTimeoutMs: z.number().int().min(10).max(600_000).default(10_000),
    /** Per-connection token bucket: `burst` requests at once, refilled at `perSecond` (429 beyond). */
    rateLimit: z
      .object({
        burst: z.number().int().min(1).max(1_000_000).default(200),
        perSecond: z.number().positive().max(1_000_000).default(100),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .prefault({});

export type RpcConfig = z.output<typeof RpcConfigSchema>;
