import { z } from 'zod';
import { method } from './define';
import { SupervisorStatusSchema } from '../dto/supervisor';

/** Answered by the supervisor itself, also while the runtime restarts. */
export const supervisorMethods = {
  'supervisor.status': method(
    z.object({}).strict(),
    SupervisorStatusSchema,
    'Runtime process facts: pid, restarts, the last restart and its culprit.',
  ),
} as const;
