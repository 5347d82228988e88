import { z } from 'zod';

export const STAGE_NAMES = [
  'input',
  'detection',
  'preprocess',
  'string-middleware',
  'tokenize',
  'message-middleware',
  'invoke',
  'error',
] as const;

export const StageTraceSchema = z.object({
  stage: z.enum(STAGE_NAMES),
  step: z.string().nullable(),
  input: z.string(),
  output: z.string().nullable(),
  abort: z.string().nullable(),
  micros: z.number(),
});

export const TRACE_OUTCOMES = ['ignored', 'rejected', 'input', 'invoked', 'failed'] as const;

/** Why a message did or did not become a command: what each pipeline stage did to it. */
export const TraceSchema = z.object({
  id: z.number().int(),
  time: z.number(),
  network: z.string(),
  adapterId: z.string(),
  channel: z.string(),
  author: z.string(),
  private: z.boolean(),
  text: z.string(),
  outcome: z.enum(TRACE_OUTCOMES),
  command: z.string().nullable(),
  invocationId: z.number().int().nullable(),
  stages: z.array(StageTraceSchema),
  totalMicros: z.number(),
});
export type TraceDto = z.infer<typeof TraceSchema>;
