import type { Network } from '../../../shared/dto/status';
import type { UserRef } from '../cmdsys/api/refs';
import type { GuildRef } from '../adapters/types';
import type { RpcLookups } from './rpc-types';

/** What lookups need of a connected client (the adapter's network and library object). */
export interface LookupClient {
  network: Network;
  native?: unknown;
}

const SNOWFLAKE = /^\d{1,21}$/;
const CONSOLE_USER: UserRef = { id: 'console', name: 'console', displayName: 'Console', mention: null };
const CONSOLE_GUILD: GuildRef = { id: 'console', name: 'Console' };

/** The duck-typed corner of discord.js the lookups use. */
interface DiscordLike {
  users: { fetch(id: string): Promise<{ id: string; username: string; globalName?: string | null }> };
  guilds: { cache: { get(id: string): { id: string; name: string } | undefined } };
  channels: { fetch(id: string): Promise<{ id: string; name?: string | null } | null> };
}

function isDiscordLike(native: unknown): native is DiscordLike {
  const n = native as Partial<DiscordLike> | null;
  return (
    typeof n?.users?.fetch === 'function' &&
    typeof n.guilds?.cache?.get === 'function' &&
    typeof n.channels?.fetch === 'function'
  );
}

async function orNull<T>(fn: () => Promise<T | null | undefined> | T | null | undefined): Promise<T | null> {
  try {
    return (await fn()) ?? null;
  } catch {
    return null;
  }
}

/**
 * Finds users, guilds and channels by id across the connected networks: Discord ids through
 * discord.js (cache first, then the API), the console's own user, guild and sessions.
 */
export function createLookups(
  clients: () => Iterable<LookupClient>,
  consoleSessions: () => Iterable<string> = () => ['stdin', 'panel'],
): RpcLookups {
  const discords = (): DiscordLike[] =>
    [...clients()]
      .filter((c) => c.network === 'discord')
      .flatMap((c) => (isDiscordLike(c.native) ? [c.native] : []));
  return {
    async user(id) {
      if (id === CONSOLE_USER.id) return CONSOLE_USER;
      if (!SNOWFLAKE.test(id)) return null;
      for (const client of discords()) {
        const user = await orNull(() => client.users.fetch(id));
        if (user)
          return {
            id: user.id,
            name: user.username,
            displayName: user.globalName ?? user.username,
            mention: `<@${user.id}>`,
          };
      }
      return null;
    },
    async guild(id) {
      if (id === CONSOLE_GUILD.id) return CONSOLE_GUILD;
      for (const client of discords()) {
        const guild = await orNull(() => client.guilds.cache.get(id));
        if (guild) return { id: guild.id, name: guild.name };
      }
      return null;
    },
    async channel(id) {
      for (const session of consoleSessions()) if (session === id) return { id, name: id };
      if (!SNOWFLAKE.test(id)) return null;
      for (const client of discords()) {
        const channel = await orNull(() => client.channels.fetch(id));
        if (channel) return { id: channel.id, name: channel.name ?? channel.id };
      }
      return null;
    },
  };
}
