import type { AuditEntry } from '../../../shared/dto/audit';
import type { IncomingMessage } from '../adapters/types';

export interface AuditActor {
  id: string;
  name: string;
}

/** The panel as an actor (Audit view, Settings, Commands view, …). */
export const PANEL_ACTOR: AuditActor = Object.freeze({ id: 'panel', name: 'panel' });

/** The runtime itself as an actor (quarantines decided by the guards or the supervisor). */
export const RUNTIME_ACTOR: AuditActor = Object.freeze({ id: 'runtime', name: 'runtime' });

/**
 * What `audit.record(...)` takes. With `msg`, the guild, channel and actor come from the message
 * (who ran the command, where). Without it, `actor` (default: the panel) acted on the guild
 * database `guild` (default: `console`, whose audit channel is the panel's Audit view).
 */
export interface AuditRecordInput {
  msg?: IncomingMessage;
  actor?: AuditActor;
  guild?: string;
  /** Where it happened when there is no message (default `panel`). */
  channel?: string;
  /** The command or subsystem that did it: `reloadCommands`, `config`, `rpc`, `audio queue`. */
  command: string;
  message: string;
}

/**
 * The audit log as commands and other subsystems see it (`this.env.audit`, Command.log).
 * `record` stores the entry in the guild's database, shows it in the panel and posts it to the
 * guild's audit channels. It never rejects: a failure is logged and resolves with null.
 */
export interface AuditApi {
  record(input: AuditRecordInput): Promise<AuditEntry | null>;
}

/** A refused audit-channel operation; the message is meant for the user. */
export class AuditError extends Error {
  override readonly name = 'AuditError';
}
