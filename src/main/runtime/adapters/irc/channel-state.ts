import type { ChannelUser } from 'irc-framework';
import { utf8Length } from '../../text/unicode';

export interface Member {
  nick: string;
  ident: string;
  hostname: string;
  /** Channel membership modes: `o`, `v`, `h`, `a`, `q`. */
  modes: Set<string>;
}

export interface Channel {
  /** As the server spelled it when we joined. */
  name: string;
  /** Members by case-folded nick. */
  members: Map<string, Member>;
}

/**
 * The channels the bot is in and who is in them with which modes, kept from NAMES replies,
 * JOIN/PART/KICK/QUIT/NICK and MODE. Keys are case-folded with the server's mapping (`fold`).
 * Our own state rather than irc-framework's Channel objects, which add client listeners that are
 * never removed (a leak across reconnects).
 */
export class ChannelState {
  private readonly channels = new Map<string, Channel>();

  constructor(private readonly fold: (text: string) => string) {}

  get size(): number {
    return this.channels.size;
  }

  /** UTF-8 length of the longest channel name (0 when in none); null when to be counted again. */
  private longest: number | null = 0;

  /** UTF-8 length of the longest channel name (0 when in none). Read for every response. */
  longestNameBytes(): number {
    if (this.longest !== null) return this.longest;
    let longest = 0;
    for (const channel of this.channels.values()) longest = Math.max(longest, utf8Length(channel.name));
    this.longest = longest;
    return longest;
  }

  names(): string[] {
    return [...this.channels.values()].map((c) => c.name);
  }

  get(channel: string): Channel | undefined {
    return this.channels.get(this.fold(channel));
  }

  has(channel: string): boolean {
    return this.channels.has(this.fold(channel));
  }

  member(channel: string, nick: string): Member | undefined {
    return this.get(channel)?.members.get(this.fold(nick));
  }

  /** Every channel both we and `nick` are in. */
  channelsOf(nick: string): Channel[] {
    const key = this.fold(nick);
    return [...this.channels.values()].filter((c) => c.members.has(key));
  }

  clear(): void {
    this.channels.clear();
    this.longest = 0;
  }

  /** We joined `channel` (or someone else did, when we are in it). */
  join(channel: string, user: { nick: string; ident: string; hostname: string }, self: boolean): void {
    let state = this.get(channel);
    if (self && !state) {
      this.channels.set(this.fold(channel), (state = { name: channel, members: new Map() }));
      this.longest = null;
    }
    if (!state) return;
    state.members.set(this.fold(user.nick), {
      nick: user.nick,
      ident: user.ident,
      hostname: user.hostname,
      modes: new Set(),
    });
  }

  /** A NAMES reply (the whole list): replaces the members, keeping known idents/hosts. */
  setNames(channel: string, users: readonly ChannelUser[]): void {
    const state = this.get(channel);
    if (!state) return;
    const previous = state.members;
    state.members = new Map();
    for (const user of users) {
      const key = this.fold(user.nick);
      const known = previous.get(key);
      state.members.set(key, {
        nick: user.nick,
        ident: user.ident || known?.ident || '',
        hostname: user.hostname || known?.hostname || '',
        modes: new Set(user.modes),
      });
    }
  }

  /** Someone left a channel; when it is us, we forget the channel. */
  leave(channel: string, nick: string, self: boolean): void {
    if (self) {
      if (this.channels.delete(this.fold(channel))) this.longest = null;
    } else this.get(channel)?.members.delete(this.fold(nick));
  }

  quit(nick: string): void {
    const key = this.fold(nick);
    for (const c of this.channels.values()) c.members.delete(key);
  }

  rename(nick: string, next: string): void {
    const key = this.fold(nick);
    for (const c of this.channels.values()) {
      const member = c.members.get(key);
      if (!member) continue;
      c.members.delete(key);
      member.nick = next;
      c.members.set(this.fold(next), member);
    }
  }

  /** Applies `+o alice`-style membership modes (others are ignored). */
  mode(
    channel: string,
    change: string,
    param: string | undefined,
    membershipModes: ReadonlySet<string>,
  ): void {
    const sign = change[0];
    const mode = change[1];
    if (!param || !mode || (sign !== '+' && sign !== '-') || !membershipModes.has(mode)) return;
    const member = this.member(channel, param);
    if (!member) return;
    if (sign === '+') member.modes.add(mode);
    else member.modes.delete(mode);
  }

  /** Fills in ident/host of a member we only knew by nick (from a message they sent). */
  learn(channel: string, user: { nick: string; ident: string; hostname: string }): void {
    const member = this.member(channel, user.nick);
    if (member && (!member.ident || !member.hostname)) {
      member.ident = user.ident;
      member.hostname = user.hostname;
    }
  }
}
