import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config/schema';
import { discordRank } from './ranks';

describe('discordRank', () => {
  const config = defaultConfig();
  config.ranks.owners = ['1'];
  const rank = (userId: string, administrator = false, manageGuild = false): number =>
    discordRank({ userId, administrator, manageGuild }, config);

  it('owner ids → 1, whatever their permissions', () => {
    expect(rank('1')).toBe(1);
    expect(rank('1', true, true)).toBe(1);
  });

  it('Administrator → adminRank, Manage Guild → manageGuildRank, else the default', () => {
    expect(rank('2', true)).toBe(2);
    expect(rank('3', false, true)).toBe(3);
    expect(rank('4')).toBe(10);
  });

  it('the best matching rank wins, with configured ranks', () => {
    const custom = defaultConfig();
    custom.discord.adminRank = 5;
    custom.discord.manageGuildRank = 4;
    custom.ranks.default = 7;
    expect(discordRank({ userId: 'x', administrator: true, manageGuild: true }, custom)).toBe(4);
    expect(discordRank({ userId: 'x', administrator: true, manageGuild: false }, custom)).toBe(5);
    // a default better than the permission ranks is kept
    custom.ranks.default = 3;
    expect(discordRank({ userId: 'x', administrator: true, manageGuild: false }, custom)).toBe(3);
  });
});
