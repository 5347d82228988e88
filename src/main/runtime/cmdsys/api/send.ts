import type { IncomingMessage, OutgoingFile } from '../../adapters/types';
import type { ChannelAddress } from './refs';

/** What `env.send` and reply handles send: text, or text with files. */
export type SendContent =
  | string
  | {
      text?: string;
      files?: OutgoingFile[];
      /** A user's mention (`msg.author.mention`) to address the text to, where the network has them. */
      mention?: string | null;
    };

/** Sends to a channel. Rejects with ChannelUnavailable when its adapter is unknown or stopped. */
export type SendFn = (address: ChannelAddress, content: SendContent) => Promise<void>;

/**
 * A way to answer in a channel after the invocation ended (reminders, timers): keep it, call
 * `send` whenever. It does not keep the invocation alive and is not cancelled with it.
 */
export interface ReplyHandle {
  /** Where it sends (plain data; may be stored). */
  readonly address: ChannelAddress;
  /** Sends text (or `{ text, files }`); `{ mention: true }` addresses it to the invoking user. */
  send(content: SendContent, options?: { mention?: boolean }): Promise<void>;
}

/** The address of the channel a message came from. */
export function channelAddressOf(msg: IncomingMessage): ChannelAddress {
  return { adapterId: msg.adapterId, channel: { id: msg.channel.id, name: msg.channel.name } };
}

/** A reply handle for the channel and author of `msg`, sending through `send`. */
export function replyHandleFor(msg: IncomingMessage, send: SendFn): ReplyHandle {
  const address = channelAddressOf(msg);
  const mention = msg.author.mention;
  return Object.freeze({
    address,
    send(content: SendContent, options: { mention?: boolean } = {}) {
      if (!options.mention) return send(address, content);
      const body = typeof content === 'string' ? { text: content } : content;
      return send(address, { ...body, mention });
    },
  });
}
