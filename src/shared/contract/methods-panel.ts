import { z } from 'zod';
import { method } from './define';

export const PanelSessionRotationSchema = z
  .object({
    /** The new browser-mode token; the old one stops working at once. */
    token: z.string().min(1),
    /** The panel URL carrying the new token. */
    url: z.string().min(1),
  })
  .strict();
export type PanelSessionRotation = z.infer<typeof PanelSessionRotationSchema>;

/** Browser-mode session: answered by the web server that owns the token, never by the runtime. */
export const panelMethods = {
  'panel.rotateToken': method(
    z.object({}).strict(),
    PanelSessionRotationSchema,
    'Replace the browser-mode panel token (old links and other open tabs stop working).',
  ),
} as const;
