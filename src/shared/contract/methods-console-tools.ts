import { z } from 'zod';
import { method } from './define';
import { CompletionSchema } from '../dto/console-tools';

/** The panel console's helpers: Tab completion and "send as a new command". */
export const consoleToolsMethods = {
  'console.complete': method(
    z.object({ line: z.string().max(10_000) }).strict(),
    CompletionSchema,
    'Completions for the last word of a console line: command names, subcommands, argument choices.',
  ),
  'console.execCommand': method(
    z.object({ line: z.string().max(100_000) }).strict(),
    z.object({ requestId: z.string() }),
    'Run a line on the panel console as a new command, even while a command waits for an answer.',
  ),
} as const;
