import { PermissionFlagsBits, type GuildMember } from 'discord.js';
import type { Config } from '../../config/schema';

/** What decides a Discord user's rank. */
export interface RankInputs {
  userId: string;
  /** Has the Administrator permission in the guild (the guild owner has every permission). */
  administrator: boolean;
  /** Has the Manage Guild ("Manage Server") permission. */
  manageGuild: boolean;
}

/**
 * A Discord user's rank (1 = highest): configured owner ids → 1, Administrator → adminRank,
 * Manage Guild → manageGuildRank, anyone else → ranks.default. Several rules may match (an
 * administrator also has Manage Guild); the best rank wins.
 */
export function discordRank(inputs: RankInputs, config: Pick<Readonly<Config>, 'ranks' | 'discord'>): number {
  if (config.ranks.owners.includes(inputs.userId)) return 1;
  let rank = config.ranks.default;
  if (inputs.administrator) rank = Math.min(rank, config.discord.adminRank);
  if (inputs.manageGuild) rank = Math.min(rank, config.discord.manageGuildRank);
  return rank;
}

/** Rank inputs of a guild member (or of a DM author when `member` is null). */
export function rankInputsOf(userId: string, member: GuildMember | null): RankInputs {
  // `permissions` throws when the guild's roles are unknown; no permissions then
  let administrator = false;
  let manageGuild = false;
  if (member) {
    try {
      const permissions = member.permissions;
      administrator = permissions.has(PermissionFlagsBits.Administrator, false);
      manageGuild = permissions.has(PermissionFlagsBits.ManageGuild, false);
    } catch {
      // fall through: an unranked member
    }
  }
  return { userId, administrator, manageGuild };
}
