import { z } from 'zod';
import { NetworkSchema } from './status';

export const INVOCATION_OUTCOMES = ['finished', 'failed', 'cancelled'] as const;

/** One invocation that has ended: what ran, for whom, how long, and how it ended. */
export const FinishedInvocationSchema = z.object({
  id: z.number().int(),
  command: z.string(),
  network: NetworkSchema,
  adapterId: z.string(),
  author: z.string(),
  channel: z.string(),
  guild: z.string().nullable(),
  /** The command line as typed (truncated). */
  text: z.string(),
  startedAt: z.number(),
  ms: z.number(),
  outcome: z.enum(INVOCATION_OUTCOMES),
  /** The error message (failed) or the reason (cancelled); null when it finished. */
  detail: z.string().nullable(),
  /** The error id of the log entry holding the stack (unexpected failures only). */
  errorId: z.string().nullable(),
});
export type FinishedInvocation = z.infer<typeof FinishedInvocationSchema>;
