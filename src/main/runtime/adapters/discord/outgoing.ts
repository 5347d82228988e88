import {
  MessagePayload,
  type MessageCreateOptions,
  type MessagePayloadOption,
  type MessageTarget,
  type RawFile,
  type RequestData,
} from 'discord.js';
import type { Outgoing, OutgoingFile } from '../types';
import { allowedMentions } from './client-options';
import { SNOWFLAKE } from './message-mapping';
import { componentsOf, embedOf } from './rich-replies';

/**
 * Decides which sends carry a reply reference: the first message answering a Discord message
 * in a channel does; the chunks right after it (the rest of a long answer) do not, so a split
 * answer shows one reply header instead of three. Anything else sent in between starts over.
 */
export class ReplyTracker {
  private readonly lastIn = new Map<string, string>();

  /** The message id to reference for this send, or null. */
  referenceFor(out: Pick<Outgoing, 'channel' | 'replyTo'>): string | null {
    const replyTo = out.replyTo !== undefined && SNOWFLAKE.test(out.replyTo) ? out.replyTo : null;
    const previous = this.lastIn.get(out.channel.id);
    if (replyTo === null) {
      this.lastIn.delete(out.channel.id);
      return null;
    }
    this.lastIn.set(out.channel.id, replyTo);
    return previous === replyTo ? null : replyTo;
  }

  clear(): void {
    this.lastIn.clear();
  }
}

/**
 * One Outgoing as discord.js message options: the text (already split to 2000 characters by
 * the response manager), files as attachments, a reply reference that does not fail when the
 * original was deleted, and mentions limited to users.
 */
export function toMessageOptions(out: Outgoing, reference: string | null): MessageCreateOptions {
  const options: MessageCreateOptions = { allowedMentions: allowedMentions() };
  if (out.text !== '') options.content = out.text;
  if (reference) options.reply = { messageReference: reference, failIfNotExists: false };
  if (out.card) options.embeds = [embedOf(out.card)];
  if (out.choices) options.components = componentsOf(out.choices);
  return options;
}

/** The same message as a raw REST request (for sends over REST while the gateway is down). */
export function restMessageBody(out: Outgoing, reference: string | null): RequestData {
  const body: Record<string, unknown> = { allowed_mentions: { parse: ['users'], replied_user: false } };
  if (out.text !== '') body.content = out.text;
  if (reference) body.message_reference = { message_id: reference, fail_if_not_exists: false };
  if (out.card) body.embeds = [embedOf(out.card)];
  if (out.choices) body.components = componentsOf(out.choices);
  return out.files?.length ? { body, files: rawFiles(out.files) } : { body };
}

/** Files as discord.js uploads them, with the content type the command gave (else Discord's guess). */
export function rawFiles(files: readonly OutgoingFile[]): RawFile[] {
  return files.map((f) => ({
    name: f.name,
    data: Buffer.from(f.data),
    ...(f.contentType ? { contentType: f.contentType } : {}),
  }));
}

/**
 * A message payload whose files keep their content type: discord.js would otherwise guess it
 * from the first bytes (and send text files as application/octet-stream).
 */
export function payloadWithFiles(
  target: MessageTarget,
  options: MessagePayloadOption,
  files: readonly OutgoingFile[],
): MessagePayload {
  const raw = rawFiles(files);
  // the files in the options make discord.js list them in the body's `attachments`
  const payload = MessagePayload.create(target, {
    ...options,
    files: raw.map((f) => ({ attachment: f.data as Buffer, name: f.name })),
  } as MessagePayloadOption);
  payload.files = raw;
  return payload;
}
