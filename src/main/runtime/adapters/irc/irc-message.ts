import type { MessageEvent } from 'irc-framework';
import type { ArgumentResolver, UserRef } from '../../cmdsys/api/refs';
import type { ChannelRef, GuildRef, IncomingMessage } from '../types';
import type { ChannelState, Member } from './channel-state';
import { matchesAnyMask, type CaseMapping } from './masks';

export interface RankRules {
  /** `ranks.owners`: nick!user@host masks (rank 1). */
  owners: readonly string[];
  /** `ranks.default`. */
  defaultRank: number;
  opRank: number;
  voiceRank: number;
  caseMapping: CaseMapping;
}

/** Membership modes worth an op's rank (owner, admin, op) and a voice's rank (halfop, voice). */
const OP_MODES = ['q', 'a', 'o'];
const VOICE_MODES = ['h', 'v'];

/**
 * The author's rank: 1 for an owner mask match; in a channel the best of op (`@`, and the
 * higher `~`/`&`) → opRank and voice (`+`, and halfop `%`) → voiceRank; otherwise (and in
 * private messages, where channel modes do not apply) `ranks.default`. Lower is better.
 */
export function rankOf(authorId: string, member: Member | undefined, rules: RankRules): number {
  if (rules.owners.length > 0 && matchesAnyMask(authorId, rules.owners, rules.caseMapping)) return 1;
  let rank = rules.defaultRank;
  // plain loops, no callbacks: this runs for every message
  const modes = member?.modes;
  if (modes && modes.size > 0) {
    for (const m of OP_MODES) if (modes.has(m)) rank = Math.min(rank, rules.opRank);
    for (const m of VOICE_MODES) if (modes.has(m)) rank = Math.min(rank, rules.voiceRank);
  }
  return rank;
}

export interface MappingContext {
  adapterId: string;
  guild: GuildRef;
  fold(text: string): string;
  isChannel(target: string): boolean;
  channels: ChannelState;
  rules: RankRules;
  /** A message id (IRC has none unless the server sends IRCv3 `msgid`). */
  nextId(): string;
}

/** `nick!user@host` of a message's sender. */
export const hostmaskOf = (e: { nick: string; ident: string; hostname: string }): string =>
  `${e.nick}!${e.ident || '*'}@${e.hostname || '*'}`;

/**
 * An incoming PRIVMSG as the runtime's neutral message. `text` is the cleaned text. Channel
 * ids are case-folded (IRC names are case-insensitive) and double as the reply target; a
 * private message's channel is the sender's nick. The author's mention is the plain nick: on
 * IRC a line starting with a nick is what highlights that user (see the adapter's
 * `mentionPrefix`, which makes `respond(text, true)` say `nick: text`).
 */
export function toIncoming(event: MessageEvent, text: string, ctx: MappingContext): IncomingMessage {
  const isPrivate = !ctx.isChannel(event.target);
  const channel: ChannelRef = isPrivate
    ? { id: ctx.fold(event.nick), name: event.nick }
    : { id: ctx.fold(event.target), name: ctx.channels.get(event.target)?.name ?? event.target };
  const id = hostmaskOf(event);
  const member = isPrivate ? undefined : ctx.channels.member(event.target, event.nick);
  return {
    id: event.tags?.msgid ?? ctx.nextId(),
    network: 'irc',
    adapterId: ctx.adapterId,
    text,
    author: { id, name: event.nick, displayName: event.nick, mention: event.nick },
    channel,
    guild: ctx.guild,
    isPrivate,
    mentionsBot: false,
    rank: rankOf(id, member, ctx.rules),
    attachments: [],
    receivedAt: Date.now(),
    native: event,
  };
}

/** A prefixed or punctuated nick as typed (`@alice`, `alice:`, `+alice,`) → `alice`. */
const bareNick = (text: string): string =>
  text
    .trim()
    .replace(/^[~&@%+]+/, '')
    .replace(/[:,]+$/, '');

/**
 * Resolves user and channel arguments on IRC: users are members of the message's channel (any
 * channel the bot shares with them, for a private message, plus the sender); channels are the
 * ones the bot is in (`#name`, or `name` when `#name` exists).
 */
export function ircResolver(msg: IncomingMessage, ctx: MappingContext): ArgumentResolver {
  const toRef = (m: { nick: string; ident: string; hostname: string }): UserRef => ({
    id: hostmaskOf(m),
    name: m.nick,
    displayName: m.nick,
    mention: m.nick,
  });
  return {
    async resolveUser(text) {
      const nick = bareNick(text);
      if (nick === '') return null;
      if (msg.isPrivate) {
        if (ctx.fold(nick) === ctx.fold(msg.author.name)) {
          const event = msg.native as Partial<MessageEvent> | null;
          return toRef({ nick: msg.author.name, ident: event?.ident ?? '', hostname: event?.hostname ?? '' });
        }
        for (const channel of ctx.channels.channelsOf(nick)) {
          const member = channel.members.get(ctx.fold(nick));
          if (member) return toRef(member);
        }
        return null;
      }
      const member = ctx.channels.member(msg.channel.id, nick);
      return member ? toRef(member) : null;
    },
    async resolveChannel(text) {
      const name = text.trim();
      if (name === '') return null;
      const channel =
        ctx.channels.get(name) ?? (ctx.isChannel(name) ? undefined : ctx.channels.get(`#${name}`));
      return channel ? { id: ctx.fold(channel.name), name: channel.name } : null;
    },
  };
}
