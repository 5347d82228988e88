import { SupervisorStatusSchema } from '../dto/supervisor';

/** Pushed by the supervisor whenever the runtime process starts, stalls, dies or restarts. */
export const supervisorEvents = {
  supervisor: SupervisorStatusSchema,
} as const;
