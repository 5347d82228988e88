import type { Adapter, IncomingMessage } from '../../adapters/types';
import type { ConfigManager } from '../../config/config-manager';
import type { EventBus } from '../../events/event-bus';
import type { Logger, Logging } from '../../logging/logging';
import { Listeners } from '../../util/listeners';
import { INVOCATION } from '../api/bindings';
import type { Command } from '../api/command';
import { formatDuration } from '../api/duration';
import {
  CommandCancelled,
  CommandNotFound,
  IllegalArgument,
  InputTimeout,
  PermissionDenied,
} from '../api/errors';
import type { ArgumentResolver } from '../api/refs';
import type { CommandRegistry, RegisteredCommand } from '../registry/command-registry';
import { reportCommandError } from './error-report';
import { Invocation, type InvocationHost, type InvocationInfo } from './invocation';
import { parseArguments } from './parse-arguments';
import { ResponseManager } from './response-manager';

export interface ExecutorDeps {
  registry: CommandRegistry;
  bus: EventBus;
  logging: Logging;
  config: ConfigManager;
  adapterOf(id: string): Adapter | undefined;
  resolverFor(msg: IncomingMessage): ArgumentResolver;
  /** How long a cancelled command may take to stop before it is abandoned (default 2 s). */
  graceMs?: number;
}

interface InputWaiter {
  inv: Invocation;
  key: string;
  resolve(text: string): void;
  reject(err: Error): void;
}

class Abandoned extends Error {}

const inputKey = (msg: IncomingMessage): string =>
  `${msg.adapterId}\u0000${msg.channel.id}\u0000${msg.author.id}`;

/**
 * Runs commands (MRCI's CmdExecutor): one invocation per command run, with an id, a state,
 * an AbortSignal, loop mode, more-input mode, cancellation (by id, by the panel, Ctrl-C or a
 * timeout) and rank checks. A command that ignores cancellation is abandoned, never waited on.
 */
export class Executor implements InvocationHost {
  private readonly invocations = new Map<number, Invocation>();
  private readonly waiters: InputWaiter[] = [];
  private readonly changes = new Listeners<void>();
  private readonly logger: Logger;
  private nextId = 1;

  constructor(private readonly deps: ExecutorDeps) {
    this.logger = deps.logging.child('cmdsys:executor');
  }

  /**
   * Resolves the command named by `words`, checks the caller's rank, converts the arguments and
   * starts the invocation. Throws CommandNotFound, PermissionDenied or IllegalArgument (with the
   * usage line) before anything runs; errors inside the command are reported to the user by the
   * invocation itself.
   */
  async start(msg: IncomingMessage, words: string[]): Promise<Invocation> {
    const resolution = this.deps.registry.resolve(words);
    const { entry } = resolution;
    this.checkRank(entry, msg);
    const args = await this.parse(entry, resolution.rest, msg);
    const adapter = this.deps.adapterOf(msg.adapterId);
    if (!adapter) throw new Error(`no adapter "${msg.adapterId}" to answer through`);
    const inv = new Invocation(
      this.nextId++,
      entry,
      msg,
      new ResponseManager(adapter, msg, this.deps.logging.child('cmdsys:responses')),
      this,
    );
    this.invocations.set(inv.id, inv);
    this.deps.bus.trigger('command_invoked', { invocation: inv.summary() });
    this.changes.emit();
    void this.run(inv, args);
    return inv;
  }

  /** Delivers a message to a command waiting in `ask()` for it; true if it was consumed. */
  offerInput(msg: IncomingMessage): boolean {
    const key = inputKey(msg);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const waiter = this.waiters[i]!;
      if (waiter.key !== key) continue;
      this.waiters.splice(i, 1);
      waiter.resolve(msg.text);
      return true;
    }
    return false;
  }

  /** Cancels invocation `id` (MRCI term()); false if there is none. */
  cancel(id: number, reason = 'cancelled'): boolean {
    const inv = this.invocations.get(id);
    if (!inv || inv.signal.aborted) return false;
    this.abort(inv, reason);
    return true;
  }

  /** Cancels the newest running invocation (Ctrl-C on the console); false if none runs. */
  cancelNewest(reason = 'interrupted'): boolean {
    const newest = [...this.invocations.values()].filter((i) => !i.signal.aborted).pop();
    return newest ? this.cancel(newest.id, reason) : false;
  }

  list(): InvocationInfo[] {
    return [...this.invocations.values()].map((i) => i.info());
  }

  get runningCount(): number {
    return this.invocations.size;
  }

  onChange(listener: () => void): () => void {
    return this.changes.add(listener);
  }

  /** Waits for every invocation to end (at most `timeoutMs`), then cancels what is left. */
  async drain(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.invocations.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await this.cancelAll('shutting down');
  }

  /** Cancels everything and waits (bounded by the grace period) for it to stop. */
  async cancelAll(reason: string): Promise<void> {
    for (const inv of this.invocations.values()) if (!inv.signal.aborted) this.abort(inv, reason);
    const deadline = Date.now() + this.grace + 100;
    while (this.invocations.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  }

  // ---- InvocationHost -------------------------------------------------------------------

  waitForInput(inv: Invocation, timeoutMs: number): Promise<string> {
    if (inv.signal.aborted) return Promise.reject(new CommandCancelled(String(inv.signal.reason)));
    const previous = inv.state;
    inv.setState('awaiting_input');
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => finish(() => reject(new InputTimeout(timeoutMs))), timeoutMs);
      const onAbort = (): void => finish(() => reject(new CommandCancelled(String(inv.signal.reason))));
      const waiter: InputWaiter = {
        inv,
        key: inputKey(inv.msg),
        resolve: (text) => finish(() => resolve(text)),
        reject: (err) => finish(() => reject(err)),
      };
      const finish = (settle: () => void): void => {
        clearTimeout(timer);
        inv.signal.removeEventListener('abort', onAbort);
        const at = this.waiters.indexOf(waiter);
        if (at >= 0) this.waiters.splice(at, 1);
        inv.setState(previous === 'awaiting_input' ? 'running' : previous);
        settle();
      };
      inv.signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  async runInternal(inv: Invocation, name: string, args: string[]): Promise<void> {
    const resolution = this.deps.registry.resolve([name, ...args]);
    if (!resolution.entry.internal)
      throw new CommandNotFound(name, [], `"${name}" is not an internal command`);
    this.checkRank(resolution.entry, inv.msg);
    const parsed = await this.parse(resolution.entry, resolution.rest, inv.msg);
    const view = this.viewOf(resolution.entry.command, inv);
    await view.call(parsed);
  }

  stateChanged(): void {
    this.changes.emit();
  }

  // ---- internals ------------------------------------------------------------------------

  private get grace(): number {
    return this.deps.graceMs ?? 2_000;
  }

  private checkRank(entry: RegisteredCommand, msg: IncomingMessage): void {
    const required = entry.command.minRank;
    if (required !== null && msg.rank > required) {
      throw new PermissionDenied(
        entry.command.module ? `${entry.command.module} ${entry.command.name}` : entry.command.name,
        required,
        msg.rank,
      );
    }
  }

  private async parse(
    entry: RegisteredCommand,
    words: string[],
    msg: IncomingMessage,
  ): Promise<Record<string, unknown>> {
    try {
      return await parseArguments(entry.command.arguments, words, this.deps.resolverFor(msg));
    } catch (err) {
      if (err instanceof IllegalArgument) err.usage ??= entry.command.usage;
      throw err;
    }
  }

  /** A per-invocation view of the loaded instance: own `msg`/`signal`, shared everything else. */
  private viewOf(command: Command, inv: Invocation): Command {
    const view = Object.create(command) as Command;
    Object.defineProperty(view, INVOCATION, { value: inv, enumerable: false });
    return view;
  }

  /** The command's own logger (`cmd:<name>`), so its failures sit with its other lines. */
  private loggerOf(command: Command): Logger {
    try {
      return command.logger;
    } catch {
      return this.logger;
    }
  }

  private abort(inv: Invocation, reason: string): void {
    inv.setState('cancelling');
    inv.controller.abort(reason);
    this.logger.info({ id: inv.id, command: inv.commandName, reason }, 'cancelling invocation');
  }

  /** Runs `work` unless the invocation is cancelled and then ignores it for longer than the grace period. */
  private guarded(inv: Invocation, view: Command, work: () => unknown): Promise<unknown> {
    const running = Promise.resolve().then(work);
    running.catch(() => undefined); // if abandoned, its late failure is not ours to report
    const abandon = new Promise<never>((_, reject) => {
      const onAbort = (): void => {
        try {
          const result = view.onTerm?.(String(inv.signal.reason));
          if (result instanceof Promise)
            result.catch((err: unknown) => this.logger.warn({ err }, 'onTerm failed'));
        } catch (err) {
          this.logger.warn({ err, command: inv.commandName }, 'onTerm failed');
        }
        const timer = setTimeout(() => reject(new Abandoned()), this.grace);
        void running.finally(() => clearTimeout(timer));
      };
      if (inv.signal.aborted) onAbort();
      else inv.signal.addEventListener('abort', onAbort, { once: true });
      void running.finally(() => inv.signal.removeEventListener('abort', onAbort));
    });
    abandon.catch(() => undefined);
    return Promise.race([running, abandon]);
  }

  private async run(inv: Invocation, args: Record<string, unknown>): Promise<void> {
    const command = inv.entry.command;
    const view = this.viewOf(command, inv);
    const timeoutMs = command.timeoutMs ?? this.deps.config.get('commands.timeoutMs');
    const timer =
      timeoutMs > 0
        ? setTimeout(() => this.abort(inv, `took longer than ${formatDuration(timeoutMs)}`), timeoutMs)
        : null;
    const started = performance.now();
    let outcome: 'finished' | 'failed' | 'cancelled' = 'finished';
    let failure: { error: string; errorId: string } | null = null;
    try {
      await this.guarded(inv, view, () => view.call(args));
      while (inv.loopEnabled && !inv.signal.aborted) {
        if (!view.loop) throw new Error('enableLoop(true) was called but the command has no loop() method');
        inv.setState('looping');
        await new Promise((resolve) => setImmediate(resolve));
        if (inv.signal.aborted) break;
        await this.guarded(inv, view, () => view.loop!());
      }
      if (inv.signal.aborted) throw new CommandCancelled(String(inv.signal.reason));
    } catch (err) {
      if (inv.signal.aborted) {
        outcome = 'cancelled';
        if (err instanceof Abandoned) {
          inv.abandoned = true;
          this.logger.warn(
            { id: inv.id, command: inv.commandName, graceMs: this.grace },
            'command ignored its cancel signal; abandoned',
          );
        }
        await inv.responder.respond(`Stopped "${inv.commandName}" (${String(inv.signal.reason)}).`, {
          isError: true,
        });
      } else {
        outcome = 'failed';
        const report = reportCommandError(err, {
          msg: inv.msg,
          command: inv.commandName,
          usage: command.usage,
          showCommandErrors: this.deps.config.get('debug.showCommandErrors'),
          logger: this.loggerOf(command),
        });
        failure = { error: err instanceof Error ? err.message : String(err), errorId: report.errorId ?? '' };
        await inv.responder.respond(report.text, { isError: true }).catch(() => undefined);
      }
    } finally {
      if (timer) clearTimeout(timer);
      await inv.responder.close().catch(() => undefined);
      this.invocations.delete(inv.id);
      for (let i = this.waiters.length - 1; i >= 0; i--)
        if (this.waiters[i]!.inv === inv) this.waiters.splice(i, 1);
      inv.markSettled();
      const ms = performance.now() - started;
      const summary = inv.summary();
      if (outcome === 'finished') this.deps.bus.trigger('command_finished', { invocation: summary, ms });
      else if (outcome === 'cancelled')
        this.deps.bus.trigger('command_cancelled', {
          invocation: summary,
          ms,
          reason: String(inv.signal.reason),
        });
      else this.deps.bus.trigger('command_failed', { invocation: summary, ms, ...failure! });
      this.logger.debug(
        { id: inv.id, command: inv.commandName, outcome, ms: Math.round(ms) },
        'invocation ended',
      );
      this.changes.emit();
    }
  }
}
