import { z } from 'zod';
import { CommandFileNameSchema, ReloadReportSchema } from '../dto/commands';
import { method } from './define';

/** Command-file guards: lifting a quarantine. */
export const guardsMethods = {
  'commands.liftQuarantine': method(
    z.object({ file: CommandFileNameSchema }).strict(),
    ReloadReportSchema,
    'Load a quarantined command file again ("Load again"): lifts its quarantine and reloads.',
  ),
} as const;
