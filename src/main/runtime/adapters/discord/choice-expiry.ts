import type { Logger } from '../../logging/logging';

/**
 * Disables the buttons of a question nobody answered in time (a choice, an ask's "Answer"
 * button), so a late click cannot look accepted. Answered ones are disabled by the answer
 * itself and dropped from the watch. Keyed by the Discord message id.
 */
export class ChoiceExpiry {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly log: () => Logger) {}

  /** After `timeoutMs`, `disable` edits message `messageId` (unless it was answered). */
  watch(messageId: string, timeoutMs: number, disable: () => Promise<unknown>): void {
    this.answered(messageId);
    const timer = setTimeout(() => {
      this.timers.delete(messageId);
      disable().catch((err: unknown) => {
        this.log().debug({ err, message: messageId }, 'could not disable an expired question');
      });
    }, timeoutMs);
    timer.unref();
    this.timers.set(messageId, timer);
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
