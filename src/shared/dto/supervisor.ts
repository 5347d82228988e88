import { z } from 'zod';

/**
 * The supervisor's view of the runtime process. `restarting`: the runtime is down and a new
 * one is starting (calls answer RESTARTING). `gave-up`: it crashed repeatedly without a known
 * culprit and is not restarted again (see `message`).
 */
export const SUPERVISOR_STATES = [
  'starting',
  'running',
  'restarting',
  'stopping',
  'stopped',
  'gave-up',
] as const;
export const SupervisorStateSchema = z.enum(SUPERVISOR_STATES);
export type SupervisorState = z.infer<typeof SupervisorStateSchema>;

/** The command file (and invocation) that was running when the runtime stalled or died. */
export const CulpritSchema = z.object({
  file: z.string(),
  command: z.string().nullable(),
  invocationId: z.number().int().nullable(),
});
export type Culprit = z.infer<typeof CulpritSchema>;

export const RestartInfoSchema = z.object({
  reason: z.enum(['stall', 'crash']),
  /** ISO-8601 time the runtime was found stalled or dead. */
  at: z.string(),
  message: z.string(),
  culprit: CulpritSchema.nullable(),
  /** Whether the culprit was written to quarantine.json. */
  quarantined: z.boolean(),
});
export type RestartInfo = z.infer<typeof RestartInfoSchema>;

export const SupervisorStatusSchema = z.object({
  state: SupervisorStateSchema,
  /** Process id of the current runtime, null while none runs. */
  runtimePid: z.number().int().nullable(),
  /** Restarts after a stall or crash since the supervisor started. */
  restarts: z.number().int().nonnegative(),
  lastRestart: RestartInfoSchema.nullable(),
  /** Why the supervisor gave up or stopped, for a banner. */
  message: z.string().nullable(),
});
export type SupervisorStatus = z.infer<typeof SupervisorStatusSchema>;
