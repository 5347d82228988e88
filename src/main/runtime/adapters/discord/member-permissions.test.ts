import { PermissionFlagsBits, type Guild, type GuildMember } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { MemberPermissions } from './member-permissions';

/** A stand-in GuildMember: role ids, a guild, and permissions computed from a role table. */
function world() {
  const rolePerms = new Map<string, bigint>([
    ['admin', PermissionFlagsBits.Administrator],
    ['mod', PermissionFlagsBits.ManageGuild],
    ['plain', 0n],
  ]);
  let computed = 0;
  const guild = { id: 'g1', ownerId: 'owner', rolesKnown: true };
  const member = (id: string, roles: string[] | undefined): GuildMember =>
    ({
      id,
      _roles: roles,
      guild,
      get permissions() {
        computed++;
        if (!guild.rolesKnown) throw new Error('roles unknown');
        if (id === guild.ownerId) return { has: () => true };
        const bits = (roles ?? []).reduce((acc, r) => acc | (rolePerms.get(r) ?? 0n), 0n);
        return { has: (flag: bigint) => (bits & flag) === flag };
      },
    }) as unknown as GuildMember;
  return { rolePerms, guild, member, computed: () => computed };
}

describe('MemberPermissions (rank inputs remembered per guild and role set)', () => {
  it('computes a role set once, then answers from memory for every member with that set', () => {
    const w = world();
    const perms = new MemberPermissions();
    expect(perms.inputsOf('a', w.member('a', ['mod']))).toEqual({
      userId: 'a',
      administrator: false,
      manageGuild: true,
    });
    const after = w.computed();
    expect(perms.inputsOf('b', w.member('b', ['mod']))).toEqual({
      userId: 'b',
      administrator: false,
      manageGuild: true,
    });
    expect(w.computed()).toBe(after);
  });

  it('role order does not matter; a changed role set is computed afresh (no event needed)', () => {
    const w = world();
    const perms = new MemberPermissions();
    perms.inputsOf('a', w.member('a', ['plain', 'mod']));
    const after = w.computed();
    expect(perms.inputsOf('a', w.member('a', ['mod', 'plain'])).manageGuild).toBe(true);
    expect(w.computed()).toBe(after);
    // the member lost the mod role and gained admin
    expect(perms.inputsOf('a', w.member('a', ['admin']))).toEqual({
      userId: 'a',
      administrator: true,
      manageGuild: false,
    });
    expect(perms.inputsOf('a', w.member('a', ['plain']))).toEqual({
      userId: 'a',
      administrator: false,
      manageGuild: false,
    });
  });

  it('forgetGuild after a role change: the new role permissions apply', () => {
    const w = world();
    const perms = new MemberPermissions();
    expect(perms.inputsOf('a', w.member('a', ['plain'])).manageGuild).toBe(false);
    w.rolePerms.set('plain', PermissionFlagsBits.ManageGuild);
    // still remembered until told
    expect(perms.inputsOf('a', w.member('a', ['plain'])).manageGuild).toBe(false);
    perms.forgetGuild('g1');
    expect(perms.inputsOf('a', w.member('a', ['plain'])).manageGuild).toBe(true);
  });

  it('the owner is never remembered by role set: a plain role set does not inherit owner rights', () => {
    const w = world();
    const perms = new MemberPermissions();
    expect(perms.inputsOf('owner', w.member('owner', ['plain'])).administrator).toBe(true);
    expect(perms.inputsOf('x', w.member('x', ['plain'])).administrator).toBe(false);
    // and an owner whose role set was remembered for someone else still ranks as owner
    expect(perms.inputsOf('owner', w.member('owner', ['plain'])).administrator).toBe(true);
  });

  it('unknown guild roles (permissions throw) give no permissions and are not remembered', () => {
    const w = world();
    const perms = new MemberPermissions();
    w.guild.rolesKnown = false;
    expect(perms.inputsOf('a', w.member('a', ['admin']))).toEqual({
      userId: 'a',
      administrator: false,
      manageGuild: false,
    });
    w.guild.rolesKnown = true;
    expect(perms.inputsOf('a', w.member('a', ['admin'])).administrator).toBe(true);
  });

  it('no member (a DM) or unreadable role ids: computed directly, never remembered', () => {
    const w = world();
    const perms = new MemberPermissions();
    expect(perms.inputsOf('dm', null)).toEqual({ userId: 'dm', administrator: false, manageGuild: false });
    perms.inputsOf('a', w.member('a', undefined));
    const after = w.computed();
    perms.inputsOf('a', w.member('a', undefined));
    expect(w.computed()).toBe(after + 1);
  });

  it("remembers the bot's own role per guild until that guild's roles change", () => {
    let walks = 0;
    let botRole: string | null = 'r1';
    const guild = {
      id: 'g1',
      roles: {
        botRoleFor: (botId: string) => {
          walks++;
          return botId === 'bot' && botRole ? { id: botRole } : null;
        },
      },
    } as unknown as Guild;
    const perms = new MemberPermissions();
    expect(perms.botRoleOf(guild, 'bot')).toBe('r1');
    expect(perms.botRoleOf(guild, 'bot')).toBe('r1');
    expect(walks).toBe(1);
    botRole = null; // the managed role was deleted: the adapter forgets the guild
    perms.forgetGuild('g1');
    expect(perms.botRoleOf(guild, 'bot')).toBeNull();
    expect(perms.botRoleOf(guild, 'other')).toBeNull(); // another bot id is looked up again
    expect(walks).toBe(3);
    botRole = 'r2';
    perms.clear();
    expect(perms.botRoleOf(guild, 'bot')).toBe('r2');
  });
});
