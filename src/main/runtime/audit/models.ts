import { AutoIncrement, PK } from '../database/constraints';
import { IntegerField, TextField } from '../database/fields/builtin';
import { defineModel } from '../database/model';

/** One audit entry, stored in the guild's database. `no` increases: it is the paging cursor. */
export class AuditEntryRecord extends defineModel('AuditEntry', {
  no: IntegerField({ constraints: [PK(), AutoIncrement()] }),
  /** Epoch milliseconds. */
  time: IntegerField(),
  channel: TextField({ maxLength: 200 }),
  actorId: TextField({ maxLength: 200 }),
  actorName: TextField({ maxLength: 200 }),
  command: TextField({ maxLength: 200 }),
  message: TextField({ maxLength: 4_000 }),
}) {}

/** A channel the guild's audit entries are posted to. */
export class AuditChannelRecord extends defineModel('AuditChannel', {
  channelId: TextField({ constraints: [PK()], maxLength: 200 }),
  name: TextField({ maxLength: 200 }),
  adapterId: TextField({ maxLength: 200 }),
  addedAt: IntegerField(),
  addedBy: TextField({ maxLength: 200 }),
  lastError: TextField({ maxLength: 1_000, null: true }),
}) {}

/** What the audit log knows about the guild a database belongs to (one row, key `guild`). */
export class AuditGuildRecord extends defineModel('AuditGuild', {
  key: TextField({ constraints: [PK()], maxLength: 16 }),
  guildId: TextField({ maxLength: 200 }),
  name: TextField({ maxLength: 200 }),
  network: TextField({ maxLength: 32 }),
  adapterId: TextField({ maxLength: 200 }),
}) {}

export const AUDIT_MODELS = [AuditEntryRecord, AuditChannelRecord, AuditGuildRecord] as const;
