import type { Client, Guild, GuildMember, User } from 'discord.js';
import type { ArgumentResolver, ChannelRef, UserRef } from '../../cmdsys/api/refs';
import { SNOWFLAKE } from './message-mapping';

const USER_MENTION = /^<@!?(\d+)>$/;
const CHANNEL_MENTION = /^<#(\d+)>$/;

function memberRef(member: GuildMember): UserRef {
  return {
    id: member.id,
    name: member.user.username,
    displayName: member.displayName,
    mention: `<@${member.id}>`,
  };
}

function userRef(user: User): UserRef {
  return { id: user.id, name: user.username, displayName: user.displayName, mention: `<@${user.id}>` };
}

/** Exact match first, then case-insensitive, on username, global name and nickname. */
function findMemberByName(guild: Guild, name: string): GuildMember | null {
  const lower = name.toLowerCase();
  const names = (m: GuildMember): (string | null)[] => [m.user.username, m.user.globalName, m.nickname];
  const members = [...guild.members.cache.values()];
  return (
    members.find((m) => names(m).includes(name)) ??
    members.find((m) => names(m).some((n) => n?.toLowerCase() === lower)) ??
    null
  );
}

export interface ResolverOptions {
  /** The Guild Members intent is on: members not in the cache may be searched by name. */
  canQueryMembers: boolean;
  /** Sends a member search when the guild's shard may (gateway budget); default: at once. */
  schedule?: <T>(guild: Guild, run: () => Promise<T>) => Promise<T | null>;
}

/**
 * Resolves user and channel arguments in the context of a message (or slash command): mentions (`<@id>`, `<@!id>`,
 * `<#id>`), bare ids and names (`@name`, `#name`). Members come from the guild's cache, then
 * from the API by id (always allowed), then by name (only with the Guild Members intent).
 * In a direct message only the two participants and the DM channel itself resolve.
 */
export interface ResolverContext {
  guild: Guild | null;
  /** Who wrote the message (or ran the slash command). */
  author: User;
  channelId: string;
}

export function createResolver(
  client: Client,
  message: ResolverContext,
  options: ResolverOptions,
): ArgumentResolver {
  const guild = message.guild;
  return {
    async resolveUser(text) {
      const raw = text.trim();
      const id = USER_MENTION.exec(raw)?.[1] ?? (SNOWFLAKE.test(raw) ? raw : null);
      if (!guild) {
        const users = [message.author, client.user].filter((u): u is User => u !== null);
        const bare = raw.replace(/^@/, '').toLowerCase();
        const user = users.find((u) =>
          id ? u.id === id : u.username.toLowerCase() === bare || u.globalName?.toLowerCase() === bare,
        );
        return user ? userRef(user) : null;
      }
      if (id) {
        const cached = guild.members.cache.get(id);
        if (cached) return memberRef(cached);
        try {
          return memberRef(await guild.members.fetch({ user: id, cache: true }));
        } catch {
          return null;
        }
      }
      const name = raw.replace(/^@/, '');
      if (name === '') return null;
      const found = findMemberByName(guild, name);
      if (found) return memberRef(found);
      if (!options.canQueryMembers) return null;
      try {
        const search = (): ReturnType<typeof guild.members.fetch> =>
          guild.members.fetch({ query: name, limit: 5, time: 5_000 });
        const fetched = options.schedule ? await options.schedule(guild, search) : await search();
        const match = [...(fetched?.values() ?? [])].find(
          (m) => m.user.username.toLowerCase() === name.toLowerCase() || m.displayName === name,
        );
        return match ? memberRef(match) : null;
      } catch {
        return null;
      }
    },

    async resolveChannel(text): Promise<ChannelRef | null> {
      const raw = text.trim();
      const id = CHANNEL_MENTION.exec(raw)?.[1] ?? (SNOWFLAKE.test(raw) ? raw : null);
      if (!guild) {
        return id === message.channelId ? { id: message.channelId, name: 'DM' } : null;
      }
      if (id) {
        const channel = guild.channels.cache.get(id);
        return channel ? { id: channel.id, name: channel.name } : null;
      }
      const name = raw.replace(/^#/, '');
      const lower = name.toLowerCase();
      // a text channel wins over a voice channel of the same name; exact case over any case
      const channels = [...guild.channels.cache.values()].sort(
        (a, b) => Number(b.isTextBased()) - Number(a.isTextBased()),
      );
      const channel =
        channels.find((c) => c.name === name) ?? channels.find((c) => c.name.toLowerCase() === lower);
      return channel ? { id: channel.id, name: channel.name } : null;
    },
  };
}
