import { describe, expect, it } from 'vitest';
import { missingMessageFields, userMentions } from './message-mapping';

describe('Discord message mapping helpers', () => {
  it('lists what a MESSAGE_CREATE lacks', () => {
    const ok = { id: '1', channel_id: '2', content: 'x', author: { id: '3', username: 'u' }, timestamp: 't' };
    expect(missingMessageFields(ok)).toEqual([]);
    expect(missingMessageFields(null)).toEqual(['d']);
    expect(missingMessageFields({ ...ok, author: undefined })).toEqual(['author']);
    expect(missingMessageFields({ ...ok, author: { id: 3 } })).toEqual(['author.id', 'author.username']);
    expect(missingMessageFields({ content: 1 })).toEqual(['id', 'channel_id', 'author', 'content']);
  });

  it('has both mention forms of a user', () => {
    expect(userMentions('42')).toEqual(['<@42>', '<@!42>']);
  });
});
