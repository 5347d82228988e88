import { z } from 'zod';
import { method } from './define';
import { DatabaseIdSchema } from '../dto/database';
import { IntegrityReportSchema } from '../dto/database-integrity';

/** Database maintenance from the panel. */
export const databaseIntegrityMethods = {
  'database.integrityCheck': method(
    z.object({ db: DatabaseIdSchema }).strict(),
    IntegrityReportSchema,
    'Checks a database for damage (SQLite integrity_check); a damaged database then refuses writes.',
  ),
} as const;
