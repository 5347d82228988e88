import { z } from 'zod';
import { method } from './define';
import { StatusSchema } from '../dto/status';

const Empty = z.object({}).strict();

/**
 * Start, stop and restart from the panel. Stop/start take the network adapters offline/online
 * while the runtime (console, panel, RPC) stays up; restart is the supervisor's: a new runtime
 * process, the panel reconnecting by itself.
 */
export const botControlMethods = {
  'bot.stopAdapters': method(
    Empty,
    StatusSchema,
    'Take every network adapter offline (the runtime, console and panel stay up).',
  ),
  'bot.startAdapters': method(Empty, StatusSchema, 'Bring every stopped network adapter online.'),
  'supervisor.restart': method(
    Empty,
    z.object({ accepted: z.literal(true) }),
    'Restart the runtime process (ordered stop, then a new one); answered at once, progress as `supervisor` events.',
  ),
} as const;
