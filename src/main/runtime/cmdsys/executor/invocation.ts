import type { Network } from '../../../../shared/dto/status';
import type { IncomingMessage, OutgoingFile } from '../../adapters/types';
import type { InvocationSummary } from '../../events/event-map';
import type { AskOptions, InvocationControl, RespondOptions } from '../api/bindings';
import { IllegalArgument } from '../api/errors';
import {
  cardText,
  checkCard,
  checkChoices,
  choiceText,
  matchChoice,
  type Card,
  type ChooseOptions,
} from '../api/rich';
import type { RegisteredCommand } from '../registry/command-registry';
import type { ResponseManager } from './response-manager';

export type InvocationState = 'running' | 'looping' | 'awaiting_input' | 'cancelling';

/** What the Running view and `running` show about one invocation. */
export interface InvocationInfo {
  id: number;
  command: string;
  state: InvocationState;
  network: Network;
  adapterId: string;
  author: string;
  channel: string;
  guild: string | null;
  startedAt: number;
  /** The command's own text, truncated. */
  text: string;
}

/** How an invocation asks the executor for the things it owns (input routing, internals). */
export interface InvocationHost {
  /** Resolves with the next message of the invocation's author and channel; `stop` withdraws. */
  waitForInput(inv: Invocation, timeoutMs: number, stop?: AbortSignal): Promise<string>;
  runInternal(inv: Invocation, name: string, args: string[]): Promise<void>;
  stateChanged(inv: Invocation): void;
}

const SETTLED = Promise.resolve();

/** One run of one command (MRCI: a command object in the executor). */
export class Invocation implements InvocationControl {
  /** Created on first use: most commands never look at their signal, and AbortControllers are not free. */
  private controller: AbortController | null = null;
  /** Why the invocation was cancelled, or null while it was not. */
  cancelReason: string | null = null;
  /** Set by the executor while the command runs: reacts to cancellation (onTerm, abandonment). */
  onCancel: (() => void) | null = null;
  readonly startedAt = Date.now();
  state: InvocationState = 'running';
  loopEnabled = false;
  /** Set when the command ignored cancellation and was given up on. */
  abandoned = false;
  private settledPromise: Promise<void> | null = null;
  private resolveSettled: (() => void) | null = null;
  private isSettled = false;

  constructor(
    readonly id: number,
    readonly entry: RegisteredCommand,
    readonly msg: IncomingMessage,
    readonly responder: ResponseManager,
    private readonly host: InvocationHost,
  ) {}

  /**
   * Resolves once the invocation is done, waiting for input, or looping: the console may read
   * on. Created on demand (most commands finish before anyone asks).
   */
  get settled(): Promise<void> {
    if (this.isSettled) return SETTLED;
    return (this.settledPromise ??= new Promise<void>((resolve) => (this.resolveSettled = resolve)));
  }

  get hasSettled(): boolean {
    return this.isSettled;
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.cancelReason !== null) this.controller.abort(this.cancelReason);
    }
    return this.controller.signal;
  }

  get cancelled(): boolean {
    return this.cancelReason !== null;
  }

  /** Cancels once: aborts the signal (if anyone holds it) and tells the executor. */
  cancel(reason: string): void {
    if (this.cancelReason !== null) return;
    this.cancelReason = reason;
    this.controller?.abort(reason);
    this.onCancel?.();
  }

  get commandName(): string {
    const c = this.entry.command;
    return c.module ? `${c.module} ${c.name}` : c.name;
  }

  setState(state: InvocationState): void {
    if (this.state === state) return;
    if (this.state === 'cancelling') return; // cancelling is final
    this.state = state;
    if (state === 'looping' || state === 'awaiting_input') this.markSettled();
    this.host.stateChanged(this);
  }

  markSettled(): void {
    if (this.isSettled) return;
    this.isSettled = true;
    this.resolveSettled?.();
  }

  /** Got the input it waited for and runs again: `settled` waits for its next pause or end. */
  unsettle(): void {
    if (!this.isSettled || this.state === 'cancelling') return;
    this.isSettled = false;
    this.settledPromise = null;
    this.resolveSettled = null;
  }

  respond(text: string, options: RespondOptions): Promise<void> {
    return this.responder.respond(text, options);
  }

  respondFile(file: OutgoingFile, text: string | undefined): Promise<void> {
    return this.responder.respondFile(file, text);
  }

  flush(): Promise<void> {
    return this.responder.flush();
  }

  async ask(prompt: string, options: AskOptions): Promise<string> {
    // listen before the prompt goes out: an answer may arrive before the send completes
    const giveUp = new AbortController();
    const answer = this.host.waitForInput(this, options.timeoutMs ?? 60_000, giveUp.signal);
    answer.catch(() => undefined); // observed below; must not reject unhandled meanwhile
    try {
      if (this.responder.rich)
        await this.responder.respondRich(prompt, {
          ask: { ownerId: this.msg.author.id, timeoutMs: options.timeoutMs ?? 60_000 },
        });
      else await this.responder.respond(prompt);
    } catch (err) {
      giveUp.abort(err);
      throw err;
    }
    return answer;
  }

  async choose(prompt: string, options: readonly string[], settings: ChooseOptions): Promise<string> {
    checkChoices(options);
    const timeoutMs = settings.timeoutMs ?? 60_000;
    const giveUp = new AbortController();
    const answer = this.host.waitForInput(this, timeoutMs, giveUp.signal);
    answer.catch(() => undefined);
    try {
      if (this.responder.rich)
        await this.responder.respondRich(prompt, {
          choices: { options, ownerId: this.msg.author.id, timeoutMs },
        });
      else await this.responder.respond(choiceText(prompt, options));
    } catch (err) {
      giveUp.abort(err);
      throw err;
    }
    let text = await answer;
    for (;;) {
      try {
        return matchChoice(text, options);
      } catch (err) {
        if (!(err instanceof IllegalArgument)) throw err;
        text = await this.ask(err.message, { timeoutMs });
      }
    }
  }

  respondCard(card: Card): Promise<void> {
    checkCard(card);
    return this.responder.respondRich(this.responder.rich ? '' : cardText(card), { card });
  }

  enableLoop(on: boolean): void {
    this.loopEnabled = on;
  }

  runInternal(name: string, args: string[]): Promise<void> {
    return this.host.runInternal(this, name, args);
  }

  summary(): InvocationSummary {
    return {
      id: this.id,
      command: this.commandName,
      network: this.msg.network,
      adapterId: this.msg.adapterId,
      author: this.msg.author.displayName,
      channel: this.msg.channel.name,
      guild: this.msg.guild?.name ?? null,
    };
  }

  info(): InvocationInfo {
    return Object.assign(this.summary(), {
      state: this.state,
      startedAt: this.startedAt,
      text: this.msg.text.slice(0, 200),
    });
  }
}
