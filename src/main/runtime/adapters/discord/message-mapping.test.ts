import { describe, expect, it } from 'vitest';
import type { Message } from 'discord.js';
import { channelRefOf, mentionsUser, missingMessageFields, userMentions } from './message-mapping';

describe('Discord message mapping helpers', () => {
  it('lists what a MESSAGE_CREATE lacks', () => {
    const ok = { id: '1', channel_id: '2', content: 'x', author: { id: '3', username: 'u' }, timestamp: 't' };
    expect(missingMessageFields(ok)).toEqual([]);
    expect(missingMessageFields(null)).toEqual(['d']);
    expect(missingMessageFields({ ...ok, author: undefined })).toEqual(['author']);
    expect(missingMessageFields({ ...ok, author: { id: 3 } })).toEqual(['author.id', 'author.username']);
    expect(missingMessageFields({ content: 1 })).toEqual(['id', 'channel_id', 'author', 'content']);
  });

  it('names a channel by its name, a DM as DM, and an uncached guild thread by its id (not DM)', () => {
    const of = (channel: unknown, guildId: string | null) =>
      channelRefOf({ channel, channelId: '77', guildId } as unknown as Message);
    expect(of({ name: 'general' }, '1')).toEqual({ id: '77', name: 'general' });
    expect(of({ type: 1 }, null)).toEqual({ id: '77', name: 'DM' });
    expect(of(null, '1')).toEqual({ id: '77', name: 'channel 77' });
    expect(of({ type: 11 }, '1')).toEqual({ id: '77', name: 'channel 77' });
  });

  it('finds either mention form of a user in text, and nothing that only looks like one', () => {
    for (const text of ['<@42> hi', '<@!42> hi', 'hi <@42>', 'a <@7> b <@!42>', '<<@42>'])
      expect(mentionsUser(text, '42'), text).toBe(true);
    for (const text of ['<@421>', '<@4>', '<@!>', '<@42', '<@&42>', '@42', '', '<@!!42>'])
      expect(mentionsUser(text, '42'), text).toBe(false);
  });

  it('has both mention forms of a user', () => {
    expect(userMentions('42')).toEqual(['<@42>', '<@!42>']);
  });
});
