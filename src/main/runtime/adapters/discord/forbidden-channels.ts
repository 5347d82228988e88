import {
  DiscordAPIError,
  PermissionFlagsBits,
  PermissionsBitField,
  RESTJSONErrorCodes,
  type Channel,
  type Client,
  type PermissionResolvable,
} from 'discord.js';
import type { Outgoing } from '../types';

/** How long a channel that answered 403 is left alone when nothing tells us permissions changed. */
const QUIET_MS = 10 * 60_000;

/** A send refused because the bot lacks a permission in the channel (said once, then not retried). */
export class MissingPermission extends Error {
  constructor(
    readonly channelId: string,
    readonly permissions: string[],
  ) {
    super(`the bot lacks the Discord permission ${permissions.join(', ')} in this channel`);
    this.name = 'MissingPermission';
  }
}

/** The permissions a send needs: view and send, plus files, embeds and reply history when used. */
function neededFor(out: Outgoing): PermissionResolvable[] {
  const needed: PermissionResolvable[] = [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages];
  if (out.files?.length) needed.push(PermissionFlagsBits.AttachFiles);
  if (out.card) needed.push(PermissionFlagsBits.EmbedLinks);
  if (out.replyTo) needed.push(PermissionFlagsBits.ReadMessageHistory);
  return needed;
}

/**
 * Channels where Discord answered 403 Missing Permissions. Discord bans IPs that send too many
 * invalid requests, so after one 403 nothing more is posted there (not even the error report
 * about the failed reply) until permissions change (channel, role or member updates) or
 * QUIET_MS pass. The missing permission is named in the log.
 */
export class ForbiddenChannels {
  private readonly until = new Map<string, { permissions: string[]; until: number }>();

  /** Throws MissingPermission when `channelId` is known to refuse the bot. */
  check(channelId: string): void {
    const mark = this.until.get(channelId);
    if (!mark) return;
    if (Date.now() >= mark.until) {
      this.until.delete(channelId);
      return;
    }
    throw new MissingPermission(channelId, mark.permissions);
  }

  /**
   * When `err` is a 403 for missing permissions: marks the channel and returns the error to
   * throw instead (naming the permission); else null.
   */
  forbidden(
    err: unknown,
    client: Client | null,
    channel: Channel | null,
    out: Outgoing,
  ): MissingPermission | null {
    if (!(err instanceof DiscordAPIError) || err.status !== 403) return null;
    if (err.code !== RESTJSONErrorCodes.MissingPermissions && err.code !== RESTJSONErrorCodes.MissingAccess)
      return null;
    const needed = neededFor(out);
    let missing: string[] = [];
    const me = client?.user;
    if (me && channel && 'permissionsFor' in channel) {
      try {
        missing = channel.permissionsFor(me)?.missing(needed) ?? [];
      } catch {
        // the guild's roles are not known: name the basic need below
      }
    }
    // the cache may think all is well (a permission changed a moment ago): name the main need
    if (missing.length === 0)
      missing = new PermissionsBitField(
        err.code === RESTJSONErrorCodes.MissingAccess
          ? PermissionFlagsBits.ViewChannel
          : PermissionFlagsBits.SendMessages,
      ).toArray();
    this.until.set(out.channel.id, { permissions: missing, until: Date.now() + QUIET_MS });
    return new MissingPermission(out.channel.id, missing);
  }

  /** Permissions may have changed: every channel gets another chance. */
  clear(): void {
    this.until.clear();
  }
}
