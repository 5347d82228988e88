import { z } from 'zod';
import { AuditEntrySchema, AuditFailureSchema } from '../dto/audit';

/** Pushed by the audit log: new entries (any guild) and failing audit channels. */
export const auditEvents = {
  audit: z.array(AuditEntrySchema),
  auditFailure: AuditFailureSchema,
} as const;
