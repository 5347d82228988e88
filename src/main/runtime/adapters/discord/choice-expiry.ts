import type { Message } from 'discord.js';
import type { Logger } from '../../logging/logging';
import { disabledRows } from './rich-replies';

/**
 * Disables the buttons of a choice nobody answered in time, so a late click cannot look
 * accepted. Answered choices are disabled by the click itself and dropped from the watch.
 */
export class ChoiceExpiry {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly log: () => Logger) {}

  watch(message: Message, timeoutMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(message.id);
      message.edit({ components: disabledRows(message) }).catch((err: unknown) => {
        this.log().debug({ err, message: message.id }, 'could not disable an expired choice');
      });
    }, timeoutMs);
    timer.unref();
    this.timers.set(message.id, timer);
  }

  answered(messageId: string): void {
    const timer = this.timers.get(messageId);
    if (timer) clearTimeout(timer);
    this.timers.delete(messageId);
  }

  clear(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
