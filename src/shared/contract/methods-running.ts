import { z } from 'zod';
import { method } from './define';
import { FinishedInvocationSchema } from '../dto/running';

export const MAX_HISTORY = 200;

export const runningMethods = {
  'invocations.history': method(
    z.object({ limit: z.number().int().min(1).max(MAX_HISTORY).optional() }).strict(),
    z.object({ invocations: z.array(FinishedInvocationSchema) }),
    'Invocations that ended, newest last (kept in memory, at most 200).',
  ),
} as const;
