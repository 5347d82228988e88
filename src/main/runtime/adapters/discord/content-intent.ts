import type { Message } from 'discord.js';
import type { Logger } from '../../logging/logging';

/**
 * Without the Message Content intent Discord delivers guild messages with their content,
 * embeds, attachments and components emptied (DMs and messages mentioning the bot keep theirs).
 * The first such message is explained once in the log: prefix commands in guilds cannot work.
 */
export class ContentIntentNotice {
  private told = false;

  constructor(private readonly log: () => Logger) {}

  /** Looks at a guild message that does not mention the bot. */
  seen(
    message: Pick<
      Message,
      'inGuild' | 'content' | 'attachments' | 'embeds' | 'components' | 'stickers' | 'poll'
    >,
  ): void {
    if (this.told || !message.inGuild()) return;
    const empty =
      message.content === '' &&
      message.attachments.size === 0 &&
      message.embeds.length === 0 &&
      message.components.length === 0 &&
      message.stickers.size === 0 &&
      !message.poll;
    if (!empty) return;
    this.told = true;
    this.log().warn(
      'Discord sends guild messages without their content: the bot lacks the Message Content intent. ' +
        'Prefix commands in guilds need it (switch on "Message Content Intent" under Bot in the Developer Portal ' +
        'and set discord.messageContentIntent to true); slash commands, mentions of the bot and DMs work without it.',
    );
  }

  /** A new connection (the intents may differ): tell again when it happens again. */
  reset(): void {
    this.told = false;
  }
}
