import type { Network } from '../../../../shared/dto/status';
import type { IncomingMessage, OutgoingFile } from '../../adapters/types';
import type { InvocationSummary } from '../../events/event-map';
import type { AskOptions, InvocationControl, RespondOptions } from '../api/bindings';
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
  waitForInput(inv: Invocation, timeoutMs: number): Promise<string>;
  runInternal(inv: Invocation, name: string, args: string[]): Promise<void>;
  stateChanged(inv: Invocation): void;
}

/** One run of one command (MRCI: a command object in the executor). */
export class Invocation implements InvocationControl {
  readonly controller = new AbortController();
  readonly startedAt = Date.now();
  state: InvocationState = 'running';
  loopEnabled = false;
  /** Set when the command ignored cancellation and was given up on. */
  abandoned = false;
  private settle!: () => void;
  /** Resolves once the invocation is done, waiting for input, or looping: the console may read on. */
  readonly settled = new Promise<void>((resolve) => (this.settle = resolve));

  constructor(
    readonly id: number,
    readonly entry: RegisteredCommand,
    readonly msg: IncomingMessage,
    readonly responder: ResponseManager,
    private readonly host: InvocationHost,
  ) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get commandName(): string {
    const c = this.entry.command;
    return c.module ? `${c.module} ${c.name}` : c.name;
  }

  setState(state: InvocationState): void {
    if (this.state === state) return;
    if (this.state === 'cancelling') return; // cancelling is final
    this.state = state;
    if (state === 'looping' || state === 'awaiting_input') this.settle();
    this.host.stateChanged(this);
  }

  markSettled(): void {
    this.settle();
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
    await this.responder.respond(prompt);
    return this.host.waitForInput(this, options.timeoutMs ?? 60_000);
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
    return {
      ...this.summary(),
      state: this.state,
      startedAt: this.startedAt,
      text: this.msg.text.slice(0, 200),
    };
  }
}
