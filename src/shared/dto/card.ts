import { z } from 'zod';

/** A card a command sent (`respondCard`): the panel's Console view draws it as a card. */
export const CardSchema = z.object({
  title: z.string().optional(),
  description: z.string().optional(),
  fields: z
    .array(z.object({ name: z.string(), value: z.string(), inline: z.boolean().optional() }))
    .optional(),
  /** 0xRRGGBB. */
  color: z.number().int().optional(),
  image: z.string().optional(),
  footer: z.string().optional(),
  url: z.string().optional(),
});
export type CardDto = z.infer<typeof CardSchema>;
