import { z } from 'zod';
import { CardSchema } from './card';
import { AnsweringSchema } from './execution';

export const CONSOLE_OUTPUT_KINDS = ['input', 'response', 'error', 'system'] as const;

/** A line (or block) written to a console session: the echoed input, a response, an error. */
export const ConsoleOutputSchema = z.object({
  /** Console session the output belongs to (`panel`, `stdin`). */
  session: z.string(),
  /** Id of the `console.exec` request that produced it, when known. */
  requestId: z.string().nullable(),
  kind: z.enum(CONSOLE_OUTPUT_KINDS),
  text: z.string(),
  time: z.number(),
  /**
   * On the `system` output "answering #9 quiz": the command that now waits in `ask()`, so the
   * session's next line answers it instead of running as a command (absent elsewhere).
   */
  answering: AnsweringSchema.optional(),
  /** An image the command sent: its file name in the data dir's image folder (`images.get`). */
  image: z.string().optional(),
  /** A card the command sent (`respondCard`); `text` holds its plain-text rendering. */
  card: CardSchema.optional(),
});
export type ConsoleOutput = z.infer<typeof ConsoleOutputSchema>;
