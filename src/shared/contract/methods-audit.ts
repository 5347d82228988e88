import { z } from 'zod';
import { method } from './define';
import {
  AuditEntrySchema,
  AuditGuildSchema,
  AuditPageSchema,
  AuditSearchSchema,
  ImageFileNameSchema,
} from '../dto/audit';
import { DatabaseIdSchema } from '../dto/database';

/** The Audit view (audit channels and entries) and the images commands send to the console. */
export const auditMethods = {
  'audit.guilds': method(
    z.object({}).strict(),
    z.object({ guilds: z.array(AuditGuildSchema) }),
    'Guilds with audit data (the console first) and their configured audit channels.',
  ),
  'audit.search': method(
    AuditSearchSchema,
    AuditPageSchema,
    'Stored audit entries of a guild, newest first, filtered and paged with a cursor.',
  ),
  'audit.addChannel': method(
    z.object({ guild: DatabaseIdSchema, channel: z.string().min(1).max(200) }).strict(),
    AuditGuildSchema,
    'Add an audit channel to a guild (checked like "auditlog add"; audited with the panel as actor).',
  ),
  'audit.removeChannel': method(
    z.object({ guild: DatabaseIdSchema, channel: z.string().min(1).max(200) }).strict(),
    AuditGuildSchema,
    'Remove an audit channel from a guild (audited with the panel as actor).',
  ),
  'audit.record': method(
    z.object({ message: z.string().min(1).max(2_000) }).strict(),
    AuditEntrySchema,
    "Write an operator note into the console guild's audit log (actor: the panel).",
  ),
  'images.get': method(
    z.object({ file: ImageFileNameSchema }).strict(),
    z.object({ file: z.string(), contentType: z.literal('image/png'), base64: z.string() }),
    "A PNG from the data dir's image folder (what respondImage saved for the console).",
  ),
} as const;
