import { describe, expect, it } from 'vitest';
import { ChannelState } from './channel-state';
import { ircLower } from './masks';

const me = { nick: 'bot', ident: 'b', hostname: 'h' };

describe('ChannelState.longestNameBytes', () => {
  it('follows joins, parts and reconnects (it is remembered between them)', () => {
    const state = new ChannelState((t) => ircLower(t));
    expect(state.longestNameBytes()).toBe(0);
    state.join('#a', me, true);
    expect(state.longestNameBytes()).toBe(2);
    state.join('#überlang', me, true);
    expect(state.longestNameBytes()).toBe(10); // ü is two bytes
    state.join('#überlang', { nick: 'alice', ident: 'a', hostname: 'x' }, false);
    expect(state.longestNameBytes()).toBe(10);
    state.leave('#überlang', 'alice', false);
    expect(state.longestNameBytes()).toBe(10);
    state.leave('#überLANG', 'bot', true);
    expect(state.longestNameBytes()).toBe(2);
    state.leave('#nowhere', 'bot', true);
    expect(state.longestNameBytes()).toBe(2);
    state.clear();
    expect(state.longestNameBytes()).toBe(0);
  });
});
