import type { AdapterStatus, Network } from '../../../shared/dto/status';
import type { ArgumentResolver, ChannelRef, UserRef } from '../cmdsys/api/refs';
import type { AskPrompt, Card, ChoicePrompt } from '../cmdsys/api/rich';
import type { ConfigManager } from '../config/config-manager';
import type { EventBus } from '../events/event-bus';
import type { Logging } from '../logging/logging';
import type { RawLines } from './raw-chain';

/**
 * The author of an incoming message, in network-neutral terms: the same shape a UserArgument
 * resolves to (id, name, display name, mention or null where the network has none).
 */
export type Author = UserRef;
export type { ChannelRef };

export interface GuildRef {
  id: string;
  name: string;
}

export interface Attachment {
  name: string;
  url: string;
  size: number;
  contentType: string | null;
}

/** What every adapter produces; nothing above the adapter knows the network's own types. */
export interface IncomingMessage {
  id: string;
  network: Network;
  adapterId: string;
  text: string;
  author: Author;
  channel: ChannelRef;
  /** Guild/server the message belongs to; console messages use the pseudo-guild `console`. */
  guild: GuildRef | null;
  /** Private message (or console): no addressing needed. */
  isPrivate: boolean;
  /** The adapter saw a mention of the bot itself (Discord). */
  mentionsBot: boolean;
  /** Highest-privilege rank (1 = owner) the adapter could establish for the author. */
  rank: number;
  attachments: readonly Attachment[];
  receivedAt: number;
  /** The network's own object (e.g. the discord.js Message); `null` for the console. */
  native: unknown;
  /**
   * How the command was given when not as a chat line: `slash` for a Discord slash command
   * (already addressed to the bot, so detection passes it as is; traces show "slash"), and
   * `component` for a click on a button or menu the bot sent (an answer to `choose()`).
   */
  source?: 'slash' | 'component';
  /** Never an answer to a command waiting in ask(): the panel console's "send as a new command". */
  notAnswer?: true;
}

export interface OutgoingFile {
  name: string;
  data: Uint8Array;
  contentType?: string;
}

/** A reply: text chunks are already split to the adapter's limit by the response manager. */
export interface Outgoing {
  channel: ChannelRef;
  text: string;
  files?: OutgoingFile[];
  /** Native id of the message this replies to. */
  replyTo?: string;
  /** An error report rather than a normal answer (consoles colour it). */
  isError?: boolean;
  /** A card, for adapters with `richReplies` (others get its text rendering in `text`). */
  card?: Card;
  /** Fixed answers to the prompt in `text`, for adapters with `richReplies` (buttons, a menu). */
  choices?: ChoicePrompt;
  /** `text` asks for a free answer (`ask()`), for adapters with `richReplies` (a modal on Discord). */
  ask?: AskPrompt;
}

/** How long one outgoing message may be. */
export interface MessageLimits {
  /** Characters (UTF-16 code units) per message, or null when unlimited. */
  maxChars: number | null;
  /** UTF-8 bytes per line/message (IRC), or null. */
  maxBytes: number | null;
}

/** What the runtime gives an adapter when it is added. */
export interface AdapterContext {
  /** Hands an incoming message to the pipeline; resolves when the next one from the same source may go. */
  deliver: MessageSink;
  /** The event bus: adapters trigger client_connect, client_disconnect and ready (and raw events). */
  events: EventBus;
  logging: Logging;
  config: ConfigManager;
  /** Tell the panel the adapter's status changed (state, latency, counts, last error). */
  statusChanged(): void;
  /** Where images sent to a network that cannot carry them are saved (absent in some tests). */
  images?: FileSaver;
}

export interface Adapter {
  readonly id: string;
  readonly network: Network;
  readonly limits: MessageLimits;
  /** Shows `Outgoing.card` and `Outgoing.choices` natively (Discord); others get text. */
  readonly richReplies?: boolean;
  /** Called once by the runtime before start(). */
  attach(ctx: AdapterContext): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): AdapterStatus;
  send(out: Outgoing): Promise<void>;
  /** Resolves user/channel arguments in the context of a message (mentions, ids, names). */
  resolver?(msg: IncomingMessage): ArgumentResolver;
  /** How users address the bot here: its names (nick, username) and mention forms (`<@id>`). */
  /**
   * The names and mention forms that address the bot where `msg` was said (Discord: the bot's
   * user mentions and its managed role in that guild).
   */
  addressing?(msg: IncomingMessage): { names: string[]; mentions: string[] };
  /** The library's own client object, for commands that need it (`this.env.client('discord')`). */
  readonly native?: unknown;
  /** Raw protocol lines (IRC): handler chain, sendRaw/handleRaw; reached by commands via `this.env.raw()`. */
  readonly raw?: RawLines;
  /** How a reply that mentions its author starts (default `<mention>, `; IRC uses `nick: `). */
  mentionPrefix?(mention: string): string;
  /**
   * Resolves `text` (mention, id or name) to a channel of the guild the bot can post to, or
   * rejects with a message for the user (audit channels use it).
   */
  writableChannel?(guildId: string, text: string): Promise<ChannelRef>;
  /** Users and channels the adapter knows right now (the panel console's Tab completion). */
  knownNames?(): { users: string[]; channels: string[] };
}

/** Saves a file a network cannot show (console, IRC) in the data dir; resolves with its absolute path. */
export interface FileSaver {
  save(file: OutgoingFile): Promise<string>;
}

/** Where adapters deliver what they receive (the pipeline, once it exists). */
export type MessageSink = (msg: IncomingMessage) => void | Promise<void>;
