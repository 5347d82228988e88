import type { MessageEvent } from 'irc-framework';
import { describe, expect, it } from 'vitest';
import { ChannelState } from './channel-state';
import { ircResolver, rankOf, toIncoming, type MappingContext } from './irc-message';
import { ircLower } from './masks';

const fold = (s: string): string => ircLower(s);

function context(owners: string[] = []): MappingContext {
  const channels = new ChannelState(fold);
  channels.join('#Test', { nick: 'bot', ident: '~bot', hostname: 'h' }, true);
  channels.setNames('#test', [
    { nick: 'alice', ident: '', hostname: '', modes: ['o'] },
    { nick: 'vic', ident: '', hostname: '', modes: ['v'] },
    { nick: 'carol', ident: '', hostname: '', modes: [] },
    { nick: 'bot', ident: '', hostname: '', modes: [] },
  ]);
  let id = 1;
  return {
    adapterId: 'irc:h:1',
    guild: { id: 'h:1', name: 'h' },
    fold,
    isChannel: (t) => t.startsWith('#'),
    channels,
    rules: { owners, defaultRank: 10, opRank: 2, voiceRank: 4, caseMapping: 'rfc1459' },
    nextId: () => `m${id++}`,
  };
}

const event = (nick: string, target: string, message: string): MessageEvent => ({
  nick,
  ident: `~${nick}`,
  hostname: '127.0.0.1',
  target,
  message,
});

describe('IRC message mapping', () => {
  it('maps a channel message: guild = server, folded channel id, author nick!user@host', () => {
    const msg = toIncoming(event('Alice', '#TEST', '&help'), '&help', context());
    expect(msg).toMatchObject({
      network: 'irc',
      adapterId: 'irc:h:1',
      text: '&help',
      author: { id: 'Alice!~Alice@127.0.0.1', name: 'Alice', displayName: 'Alice', mention: 'Alice' },
      channel: { id: '#test', name: '#Test' },
      guild: { id: 'h:1', name: 'h' },
      isPrivate: false,
      mentionsBot: false,
      rank: 2,
      attachments: [],
      id: 'm1',
    });
  });

  it('maps a query as private, answered to the nick', () => {
    const msg = toIncoming(event('carol', 'bot', 'help'), 'help', context());
    expect(msg.isPrivate).toBe(true);
    expect(msg.channel).toEqual({ id: 'carol', name: 'carol' });
    expect(msg.rank).toBe(10);
  });

  it('ranks: owner mask 1, @ opRank, + voiceRank, others default', () => {
    const ctx = context(['carol!*@127.0.0.*']);
    const member = (nick: string) => ctx.channels.member('#test', nick);
    expect(rankOf('carol!~carol@127.0.0.1', member('carol'), ctx.rules)).toBe(1);
    expect(rankOf('alice!~a@h', member('alice'), ctx.rules)).toBe(2);
    expect(rankOf('vic!~v@h', member('vic'), ctx.rules)).toBe(4);
    expect(rankOf('dave!~d@h', undefined, ctx.rules)).toBe(10);
    // modes follow MODE changes
    ctx.channels.mode('#test', '+o', 'vic', new Set(['o', 'v']));
    expect(rankOf('vic!~v@h', member('vic'), ctx.rules)).toBe(2);
    ctx.channels.mode('#test', '-o', 'vic', new Set(['o', 'v']));
    ctx.channels.mode('#test', '-v', 'vic', new Set(['o', 'v']));
    expect(rankOf('vic!~v@h', member('vic'), ctx.rules)).toBe(10);
  });

  it('resolves users in the channel and the channels the bot is in', async () => {
    const ctx = context();
    const msg = toIncoming(event('carol', '#test', 'x'), 'x', ctx);
    const resolver = ircResolver(msg, ctx);
    await expect(resolver.resolveUser('@Alice:')).resolves.toMatchObject({ name: 'alice', mention: 'alice' });
    await expect(resolver.resolveUser('nobody')).resolves.toBeNull();
    await expect(resolver.resolveChannel('#TEST')).resolves.toEqual({ id: '#test', name: '#Test' });
    await expect(resolver.resolveChannel('test')).resolves.toEqual({ id: '#test', name: '#Test' });
    await expect(resolver.resolveChannel('#other')).resolves.toBeNull();
    const query = ircResolver(toIncoming(event('carol', 'bot', 'x'), 'x', ctx), ctx);
    await expect(query.resolveUser('carol')).resolves.toMatchObject({ id: 'carol!~carol@127.0.0.1' });
    await expect(query.resolveUser('vic')).resolves.toMatchObject({ name: 'vic' });
  });

  it('tracks joins, parts, kicks, quits and nick changes', () => {
    const ctx = context();
    const c = ctx.channels;
    c.join('#test', { nick: 'dave', ident: 'd', hostname: 'h' }, false);
    expect(c.member('#test', 'DAVE')?.ident).toBe('d');
    c.rename('dave', 'david');
    expect(c.member('#test', 'dave')).toBeUndefined();
    expect(c.member('#test', 'david')?.nick).toBe('david');
    c.leave('#test', 'david', false);
    c.quit('vic');
    expect(c.get('#test')?.members.has('vic')).toBe(false);
    expect(c.channelsOf('alice').map((x) => x.name)).toEqual(['#Test']);
    c.leave('#test', 'bot', true);
    expect(c.size).toBe(0);
    // someone else joining a channel we are not in is ignored
    c.join('#elsewhere', { nick: 'x', ident: 'x', hostname: 'x' }, false);
    expect(c.size).toBe(0);
  });
});
