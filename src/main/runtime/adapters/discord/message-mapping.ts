import type { Guild, Message } from 'discord.js';
import type { Config } from '../../config/schema';
import type { Attachment, ChannelRef, IncomingMessage } from '../types';
import type { MemberPermissions } from './member-permissions';
import { discordRank, rankInputsOf } from './ranks';

export const DISCORD_ADAPTER_ID = 'discord';

/** A Discord id (snowflake): 17–20 digits in practice; anything all-digits is accepted. */
export const SNOWFLAKE = /^\d{1,20}$/;

/** The two mention forms of a user: `<@id>` and the legacy nickname form `<@!id>`. */
export function userMentions(id: string): [string, string] {
  return [`<@${id}>`, `<@!${id}>`];
}

/** Whether `content` mentions user `id` in either form (`<@id>`, `<@!id>`), without building them. */
export function mentionsUser(content: string, id: string): boolean {
  for (let at = content.indexOf('<@'); at >= 0; at = content.indexOf('<@', at + 2)) {
    const start = content[at + 2] === '!' ? at + 3 : at + 2;
    if (content.startsWith(id, start) && content[start + id.length] === '>') return true;
  }
  return false;
}

/** The id of the role Discord made for the bot in `guild` (managed, tagged with its id), if any. */
export function botRoleOf(guild: Guild | null, botId: string): string | null {
  return guild?.roles.botRoleFor(botId)?.id ?? null;
}

/**
 * The channel a message came from, named for traces and logs (`general`, `DM`). A guild channel
 * or thread discord.js has not cached has no name yet: it is named by its id, never `DM`.
 */
export function channelRefOf(message: Pick<Message, 'channel' | 'channelId' | 'guildId'>): ChannelRef {
  const channel = message.channel as Partial<{ name: unknown }> | null;
  if (channel && typeof channel.name === 'string') return { id: message.channelId, name: channel.name };
  return { id: message.channelId, name: message.guildId ? `channel ${message.channelId}` : 'DM' };
}

export function attachmentsOf(message: Message): Attachment[] {
  if (message.attachments.size === 0) return []; // the common case
  return [...message.attachments.values()].map((a) => ({
    name: a.name,
    url: a.url,
    size: a.size,
    contentType: a.contentType ?? null,
  }));
}

/**
 * A discord.js message in the runtime's neutral terms. Guild messages carry the guild and the
 * author's rank from their permissions there; direct messages are private (no trigger needed)
 * and only owners rank above the default there.
 */
export function toIncomingMessage(
  message: Message,
  botId: string,
  config: Pick<Readonly<Config>, 'ranks' | 'discord'>,
  permissions?: MemberPermissions,
): IncomingMessage {
  const guild = message.guild;
  const author = message.author;
  const member = guild ? (message.member ?? guild.members.cache.get(author.id) ?? null) : null;
  const botRole = guild && permissions ? permissions.botRoleOf(guild, botId) : botRoleOf(guild, botId);
  const mentionsBot =
    message.mentions.users.has(botId) ||
    mentionsUser(message.content, botId) ||
    (botRole !== null && message.mentions.roles.has(botRole));
  return {
    id: message.id,
    network: 'discord',
    adapterId: DISCORD_ADAPTER_ID,
    text: message.content,
    author: {
      id: author.id,
      name: author.username,
      displayName: member?.displayName ?? author.displayName,
      mention: `<@${author.id}>`,
    },
    channel: channelRefOf(message),
    guild: guild ? { id: guild.id, name: guild.name } : null,
    isPrivate: guild === null,
    mentionsBot,
    rank: discordRank(
      permissions ? permissions.inputsOf(author.id, member) : rankInputsOf(author.id, member),
      config,
    ),
    attachments: attachmentsOf(message),
    receivedAt: Date.now(),
    native: message,
  };
}

/**
 * What a MESSAGE_CREATE needs for discord.js to build a Message from it; the names of the
 * missing fields (empty when it is usable). discord.js throws on some gaps (no author) and
 * silently drops others (no channel), so malformed events are caught here and logged.
 */
export function missingMessageFields(d: unknown): string[] {
  if (typeof d !== 'object' || d === null) return ['d'];
  const data = d as Record<string, unknown>;
  const missing: string[] = [];
  if (typeof data.id !== 'string') missing.push('id');
  if (typeof data.channel_id !== 'string') missing.push('channel_id');
  const author = data.author as Record<string, unknown> | undefined | null;
  if (typeof author !== 'object' || author === null) missing.push('author');
  else {
    if (typeof author.id !== 'string') missing.push('author.id');
    if (typeof author.username !== 'string') missing.push('author.username');
  }
  if (typeof data.content !== 'string') missing.push('content');
  if (data.timestamp !== undefined && typeof data.timestamp !== 'string') missing.push('timestamp');
  return missing;
}
