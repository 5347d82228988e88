import type { Sound } from '../sounds/sound';

export type LoopMode = 'off' | 'one' | 'all';
export const LOOP_MODES: readonly LoopMode[] = ['off', 'one', 'all'];

export interface QueueItem {
  /** Unique within the process; the panel addresses items by it. */
  readonly id: number;
  readonly sound: Sound;
}

/** Why the current item stopped. */
export type EndReason = 'ended' | 'skipped' | 'failed';

/** A user-facing queue error (bad position); the message is for users. */
export class QueueError extends Error {
  /** Shown to the user as is (the executor's convention for expected errors). */
  readonly userMessage: string;

  constructor(message: string) {
    super(message);
    this.name = 'QueueError';
    this.userMessage = message;
  }
}

let nextId = 1;

/**
 * The queue of one guild: the current item and those after it, plus the loop mode. Positions
 * given by users are 1-based into `upcoming` (what `queue` lists after "now playing").
 */
export class AudioQueue {
  current: QueueItem | null = null;
  upcoming: QueueItem[] = [];
  loop: LoopMode = 'off';

  static item(sound: Sound): QueueItem {
    return { id: nextId++, sound };
  }

  add(sound: Sound): QueueItem {
    const item = AudioQueue.item(sound);
    this.upcoming.push(item);
    return item;
  }

  get length(): number {
    return this.upcoming.length;
  }

  private index(position: number, what: string): number {
    if (!Number.isInteger(position) || position < 1 || position > this.upcoming.length)
      throw new QueueError(
        this.upcoming.length === 0
          ? `the queue is empty (nothing to ${what})`
          : `no queue position ${position} (the queue has 1–${this.upcoming.length})`,
      );
    return position - 1;
  }

  /** Removes the item at a 1-based position and returns it. */
  remove(position: number): QueueItem {
    const at = this.index(position, 'remove');
    return this.upcoming.splice(at, 1)[0]!;
  }

  /** Removes the item with this id (panel); false when it is not queued. */
  removeId(id: number): QueueItem | null {
    const at = this.upcoming.findIndex((i) => i.id === id);
    return at < 0 ? null : this.upcoming.splice(at, 1)[0]!;
  }

  /** Moves the item at position `from` to position `to` (both 1-based). */
  move(from: number, to: number): QueueItem {
    const a = this.index(from, 'move');
    const b = this.index(to, 'move');
    const [item] = this.upcoming.splice(a, 1);
    this.upcoming.splice(b, 0, item!);
    return item!;
  }

  /** Puts the upcoming items in exactly this order of ids (the panel's drag-and-drop). */
  reorder(ids: readonly number[]): void {
    const byId = new Map(this.upcoming.map((i) => [i.id, i]));
    if (ids.length !== byId.size || new Set(ids).size !== ids.length || ids.some((id) => !byId.has(id)))
      throw new QueueError('the queue changed meanwhile; the new order does not match it');
    this.upcoming = ids.map((id) => byId.get(id)!);
  }

  clear(): number {
    const n = this.upcoming.length;
    this.upcoming = [];
    return n;
  }

  shuffle(random: () => number = Math.random): void {
    const list = this.upcoming;
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
  }

  /**
   * Ends the current item and picks the next one by the loop mode: `one` replays an item that
   * ended by itself, `all` puts a finished or skipped item back at the end; a failed item is
   * never repeated. Returns the new current item (which may be the same one again).
   */
  advance(reason: EndReason): QueueItem | null {
    const done = this.current;
    if (done && reason === 'ended' && this.loop === 'one') return done;
    if (done && reason !== 'failed' && this.loop === 'all') this.upcoming.push(done);
    this.current = this.upcoming.shift() ?? null;
    return this.current;
  }
}
