import type { Guild, GuildMember } from 'discord.js';
import { rankInputsOf, type RankInputs } from './ranks';

type Flags = Pick<RankInputs, 'administrator' | 'manageGuild'>;

/** Role combinations remembered per guild before its memo starts over (bounds memory). */
const MAX_PER_GUILD = 512;

/**
 * The rank-relevant permissions of guild members, remembered per guild and role set: computing
 * `member.permissions` walks every role of the member on each message. A member's guild-wide
 * permissions follow only from their roles (and ownership, which is never memoized), so the
 * role set is the key: a member given or stripped of a role gets a different key at once, with
 * or without the members intent. What changes a role's own permissions (a role updated or
 * deleted, the guild left) must call `forgetGuild`. The bot's own role per guild (for role
 * mentions) is remembered the same way.
 */
export class MemberPermissions {
  private readonly guilds = new Map<string, Map<string, Flags>>();
  /** The bot's own managed role per guild (found by walking the guild's roles). */
  private readonly botRoles = new Map<string, { botId: string; role: string | null }>();

  /** The id of the bot's managed role in `guild` (mentioning it addresses the bot), or null. */
  botRoleOf(guild: Guild, botId: string): string | null {
    const known = this.botRoles.get(guild.id);
    if (known?.botId === botId) return known.role;
    const role = guild.roles.botRoleFor(botId)?.id ?? null;
    if (this.botRoles.size >= 10_000) this.botRoles.clear();
    this.botRoles.set(guild.id, { botId, role });
    return role;
  }

  inputsOf(userId: string, member: GuildMember | null): RankInputs {
    if (!member) return rankInputsOf(userId, null);
    const key = roleKey(member);
    const guildId = member.guild.id;
    if (key === null || member.id === member.guild.ownerId) return rankInputsOf(userId, member);
    let memo = this.guilds.get(guildId);
    const known = memo?.get(key);
    if (known) return { userId, administrator: known.administrator, manageGuild: known.manageGuild };
    const inputs = rankInputsOf(userId, member);
    // unknown roles (permissions not computable): nothing worth remembering
    if (!rolesKnown(member)) return inputs;
    if (!memo || memo.size >= MAX_PER_GUILD) this.guilds.set(guildId, (memo = new Map()));
    memo.set(key, { administrator: inputs.administrator, manageGuild: inputs.manageGuild });
    return inputs;
  }

  /** A role of this guild changed (or the guild is gone): its memo no longer holds. */
  forgetGuild(guildId: string): void {
    this.guilds.delete(guildId);
    this.botRoles.delete(guildId);
  }

  clear(): void {
    this.guilds.clear();
    this.botRoles.clear();
  }
}

/** The member's role ids as discord.js holds them (unsorted as received); null when unreadable. */
function roleKey(member: GuildMember): string | null {
  const roles = (member as unknown as { _roles?: unknown })._roles;
  if (!Array.isArray(roles)) return null;
  return roles.length === 0 ? '' : roles.length === 1 ? String(roles[0]) : [...roles].sort().join(',');
}

function rolesKnown(member: GuildMember): boolean {
  try {
    void member.permissions;
    return true;
  } catch {
    return false;
  }
}
