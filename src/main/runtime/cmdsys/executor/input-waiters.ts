import type { IncomingMessage } from '../../adapters/types';
import { CommandCancelled, InputTimeout } from '../api/errors';
import type { Invocation } from './invocation';

interface InputWaiter {
  inv: Invocation;
  key: string;
  resolve(text: string): void;
  reject(err: Error): void;
}

const NONE_WAITING: readonly never[] = Object.freeze([]);

const inputKey = (msg: IncomingMessage): string =>
  `${msg.adapterId}\u0000${msg.channel.id}\u0000${msg.author.id}`;

/**
 * Invocations waiting in `ask()` for their user's next message in the same channel, and which
 * message answered which invocation (the executor's more-input mode).
 */
export class InputWaiters {
  private readonly waiters: InputWaiter[] = [];
  /** Messages consumed as input, and by which invocation. */
  private readonly answered = new WeakMap<IncomingMessage, Invocation>();

  /** Delivers a message to a command waiting in `ask()` for it; true if it was consumed. */
  offer(msg: IncomingMessage): boolean {
    if (msg.notAnswer || this.waiters.length === 0) return false; // the common case: nobody asked anything
    const key = inputKey(msg);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const waiter = this.waiters[i]!;
      if (waiter.key !== key) continue;
      this.waiters.splice(i, 1);
      this.answered.set(msg, waiter.inv);
      waiter.resolve(msg.text);
      return true;
    }
    return false;
  }

  /**
   * The invocation a message was consumed by as `ask()` input. Its `settled` resolves when it
   * pauses again (the next question, loop mode) or ends: only then may the same source's next
   * message be read, or a piped answer would arrive before the question it answers.
   */
  answeredBy(msg: IncomingMessage): Invocation | undefined {
    return this.answered.get(msg);
  }

  /**
   * Invocations of adapter `adapterId` waiting in `ask()`, oldest first, with the channel whose
   * next message (from the asking user) answers them.
   */
  waiting(adapterId: string): readonly { id: number; command: string; channelId: string }[] {
    if (this.waiters.length === 0) return NONE_WAITING; // the common case: no allocation
    const found: { id: number; command: string; channelId: string }[] = [];
    for (const w of this.waiters) {
      if (w.inv.msg.adapterId !== adapterId) continue;
      found.push({ id: w.inv.id, command: w.inv.commandName, channelId: w.inv.msg.channel.id });
    }
    return found;
  }

  /** Waits for the next message from the invocation's user in its channel (`ask()`). */
  wait(inv: Invocation, timeoutMs: number, stop?: AbortSignal): Promise<string> {
    if (inv.cancelled) return Promise.reject(new CommandCancelled(inv.cancelReason!));
    if (stop?.aborted) return Promise.reject(stop.reason as Error);
    const previous = inv.state;
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => finish(() => reject(new InputTimeout(timeoutMs))), timeoutMs);
      const onAbort = (): void => finish(() => reject(new CommandCancelled(inv.cancelReason ?? 'cancelled')));
      const waiter: InputWaiter = {
        inv,
        key: inputKey(inv.msg),
        resolve: (text) => {
          inv.unsettle();
          finish(() => resolve(text));
        },
        reject: (err) => finish(() => reject(err)),
      };
      const onStop = (): void => finish(() => reject(stop!.reason as Error));
      const finish = (settle: () => void): void => {
        clearTimeout(timer);
        inv.signal.removeEventListener('abort', onAbort);
        stop?.removeEventListener('abort', onStop);
        const at = this.waiters.indexOf(waiter);
        if (at >= 0) this.waiters.splice(at, 1);
        inv.setState(previous === 'awaiting_input' ? 'running' : previous);
        settle();
      };
      inv.signal.addEventListener('abort', onAbort, { once: true });
      stop?.addEventListener('abort', onStop, { once: true });
      this.waiters.push(waiter);
      // after the push: listeners told of the state see the waiter (waitingForInput)
      inv.setState('awaiting_input');
    });
  }

  /** Forgets whatever `inv` was waiting for (it ended). */
  drop(inv: Invocation): void {
    for (let i = this.waiters.length - 1; i >= 0; i--)
      if (this.waiters[i]!.inv === inv) this.waiters.splice(i, 1);
  }
}
