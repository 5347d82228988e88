import { z } from 'zod';

/** The command a console session's next line goes to as an answer (it waits in `ask()`). */
export const AnsweringSchema = z.object({
  /** Invocation id (`cancel <id>`). */
  id: z.number().int(),
  /** Command name (`module sub` for subcommands). */
  command: z.string(),
});
export type Answering = z.infer<typeof AnsweringSchema>;
