import { randomBytes } from 'node:crypto';

/** A question asked through a slash command's interaction, waiting for its modal. */
export interface PendingAsk {
  key: string;
  /** Who may answer. */
  ownerId: string;
  prompt: string;
  /** The modal's title (the command's name). */
  title: string;
  /** The slash command interaction whose command asked, and its channel. */
  sessionId: string;
  channelId: string;
  /** The follow-up carrying the "Answer" button; null when the question itself was a modal. */
  messageId: string | null;
  /** Disables the "Answer" button (set once the message is sent). */
  disable: (() => Promise<unknown>) | null;
}

/**
 * Questions waiting for an answer in a modal, by key (part of the modal's custom id). One
 * is forgotten when answered or once its time is up, so a late modal cannot answer anything.
 */
export class PendingAsks {
  private readonly asks = new Map<string, { ask: PendingAsk; timer: NodeJS.Timeout }>();

  add(fields: Omit<PendingAsk, 'key' | 'messageId' | 'disable'>, timeoutMs: number): PendingAsk {
    const ask: PendingAsk = {
      ...fields,
      key: randomBytes(6).toString('hex'),
      messageId: null,
      disable: null,
    };
    const timer = setTimeout(() => this.asks.delete(ask.key), timeoutMs);
    timer.unref();
    this.asks.set(ask.key, { ask, timer });
    return ask;
  }

  get(key: string): PendingAsk | undefined {
    return this.asks.get(key)?.ask;
  }

  /** Removes and returns the question (it is being answered). */
  take(key: string): PendingAsk | undefined {
    const entry = this.asks.get(key);
    if (!entry) return undefined;
    clearTimeout(entry.timer);
    this.asks.delete(key);
    return entry.ask;
  }

  /** Removes and returns the newest question of `ownerId` in `channelId` (answered by typing). */
  takeNewest(ownerId: string, channelId: string): PendingAsk | undefined {
    const found = [...this.asks.values()]
      .map((e) => e.ask)
      .filter((a) => a.ownerId === ownerId && a.channelId === channelId)
      .pop();
    return found ? this.take(found.key) : undefined;
  }

  clear(): void {
    for (const { timer } of this.asks.values()) clearTimeout(timer);
    this.asks.clear();
  }
}
