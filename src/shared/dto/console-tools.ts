import { z } from 'zod';

export const CompletionItemSchema = z.object({
  /** The word to put in place of the one being typed. */
  value: z.string(),
  /** What it is: a command's description, `subcommand`, the argument's name… */
  detail: z.string(),
});
export type CompletionItem = z.infer<typeof CompletionItemSchema>;

export const CompletionSchema = z.object({
  /** Offset in the line where the word being completed starts (the items replace line[from..]). */
  from: z.number().int().nonnegative(),
  items: z.array(CompletionItemSchema),
  /** What the word being typed is: `command`, `subcommand` or the argument's usage (`<mode:a|b>`). */
  kind: z.string(),
});
export type Completion = z.infer<typeof CompletionSchema>;
