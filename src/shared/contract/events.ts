import { z } from 'zod';
import { LogEntrySchema } from '../dto/log';
import { StatusSchema } from '../dto/status';
import { ConsoleOutputSchema } from '../dto/console';
import { InvocationDtoSchema, ReloadReportSchema } from '../dto/commands';
import { TraceSchema } from '../dto/trace';
import { supervisorEvents } from './events-supervisor';
import { audioEvents } from './events-audio';
import { auditEvents } from './events-audit';
import { configEvents } from './events-config';
import { metricsEvents } from './events-metrics';
import { shardsEvents } from './events-shards';

/**
 * Everything the runtime pushes to the panel. Producers are batched by the api layer
 * (one frame every ~25 ms), so array payloads carry many items per frame.
 */
export const events = {
  logs: z.array(LogEntrySchema),
  status: StatusSchema,
  console: z.array(ConsoleOutputSchema),
  /** The full list of running invocations, whenever it changes. */
  invocations: z.array(InvocationDtoSchema),
  /** A reload finished (from any source: console, chat, panel, file watcher). */
  reload: ReloadReportSchema,
  /** New pipeline traces. */
  traces: z.array(TraceSchema),
  ...supervisorEvents,
  ...audioEvents,
  ...auditEvents,
  ...configEvents,
  ...metricsEvents,
  ...shardsEvents,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const EVENT_NAMES = Object.keys(events) as EventName[];

/** One pushed frame: several events, in the order they happened. */
export type EventFrame = { [E in EventName]: { event: E; data: EventPayload<E> } }[EventName][];
