import { z } from 'zod';

/** `guards`: the in-process protections around command files. */
export const GuardsConfigSchema = z
  .object({
    /** Limit for a command file's top-level code and a synchronous `setup()` (an infinite loop there fails the file). */
    syncTimeoutMs: z.number().int().min(50).max(60_000).default(2_000),
    /** Limit for an asynchronous `setup()` (files are set up concurrently). */
    setupTimeoutMs: z.number().int().min(100).max(600_000).default(5_000),
    /** A file with this many uncaught faults within `faultWindowMs` is unloaded and quarantined. */
    faultLimit: z.number().int().min(1).max(10_000).default(5),
    faultWindowMs: z.number().int().min(1_000).max(86_400_000).default(60_000),
    /** Make Object.prototype, Array.prototype, JSON, Promise & co. unmodifiable before command code runs. */
    protectIntrinsics: z.boolean().default(true),
  })
  .strict()
  .prefault({});
export type GuardsConfig = z.output<typeof GuardsConfigSchema>;
