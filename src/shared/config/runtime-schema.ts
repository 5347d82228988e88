import { z } from 'zod';

/** `runtime`: how the supervisor watches the runtime process. */
export const RuntimeConfigSchema = z
  .object({
    /**
     * The runtime's event loop may be blocked this long before the supervisor declares a stall,
     * kills the runtime and starts it again (quarantining the command file that was running).
     */
    stallTimeoutMs: z.number().int().min(500).max(600_000).default(5_000),
  })
  .strict()
  .prefault({});
