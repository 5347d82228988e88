import { ChannelType, PermissionFlagsBits, type Client } from 'discord.js';
import type { ChannelRef } from '../types';
import { SNOWFLAKE } from './message-mapping';

const CHANNEL_MENTION = /^<#(\d+)>$/;
const TEXT_TYPES: ReadonlySet<ChannelType> = new Set([ChannelType.GuildText, ChannelType.GuildAnnouncement]);

/**
 * A channel of `guildId`, given as a mention (`<#id>`) or id, that is a text channel the bot can
 * see and send messages in. Rejects with a sentence for the user otherwise.
 */
export async function resolveWritableChannel(
  client: Client | null,
  guildId: string,
  text: string,
): Promise<ChannelRef> {
  if (!client?.isReady()) throw new Error('Discord is not connected');
  const guild = client.guilds.cache.get(guildId);
  if (!guild) throw new Error(`the bot is not in the Discord guild ${guildId}`);
  const raw = text.trim();
  const id = CHANNEL_MENTION.exec(raw)?.[1] ?? (SNOWFLAKE.test(raw) ? raw : null);
  if (!id) throw new Error(`"${raw}" is not a channel: give a channel mention (#channel) or a channel id`);
  const channel = guild.channels.cache.get(id);
  if (!channel) throw new Error(`there is no channel ${id} in ${guild.name}`);
  if (!TEXT_TYPES.has(channel.type)) throw new Error(`#${channel.name} is not a text channel`);
  const permissions = channel.permissionsFor(client.user);
  const needed = [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages];
  if (!permissions?.has(needed))
    throw new Error(
      `the bot cannot write to #${channel.name} (it needs View Channel and Send Messages there)`,
    );
  return { id: channel.id, name: channel.name };
}
