import type { Adapter, IncomingMessage } from '../../adapters/types';
import type { ConfigManager } from '../../config/config-manager';
import type { EventBus } from '../../events/event-bus';
import type { Logger, Logging } from '../../logging/logging';
import { endUserInvocation, enterUserCode } from '../../lifecycle/user-code';
import { Listeners } from '../../util/listeners';
import { INVOCATION } from '../api/bindings';
import type { Command } from '../api/command';
import { formatDuration } from '../api/duration';
import { CommandCancelled, CommandNotFound, IllegalArgument, PermissionDenied } from '../api/errors';
import type { ArgumentResolver } from '../api/refs';
import type { CommandRegistry, RegisteredCommand, Resolution } from '../registry/command-registry';
import { reportCommandError } from './error-report';
import { DeadlineWatch } from './deadline-watch';
import { InputWaiters } from './input-waiters';
import { InvocationHistory } from './invocation-history';
import { LazyResolver } from './lazy-resolver';
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
  /** Maps a failing command's stack trace back to its source files (the loader knows how). */
  mapStack?(stack: string): string;
}

class Abandoned extends Error {}

const DEBUG_LEVEL = 20;

type Outcome = 'finished' | 'failed' | 'cancelled';
type Failure = { error: string; errorId: string };

/**
 * Runs commands (MRCI's CmdExecutor): one invocation per command run, with an id, a state,
 * an AbortSignal, loop mode, more-input mode, cancellation (by id, by the panel, Ctrl-C or a
 * timeout) and rank checks. A command that ignores cancellation is abandoned, never waited on.
 */
export class Executor implements InvocationHost {
  private readonly invocations = new Map<number, Invocation>();
  /** Every running invocation's timeout, on one timer. */
  private readonly deadlines = new DeadlineWatch();
  /** Invocations waiting in `ask()`, and which answered which. */
  private readonly inputs = new InputWaiters();
  private readonly changes = new Listeners<void>();
  private readonly logger: Logger;
  private readonly responsesLogger: Logger;
  /** Invocations whose onTerm has been called. */
  private readonly termed = new WeakSet<Invocation>();
  private nextId = 1;
  /** Invocations that ended, for the Running view's history. */
  readonly history = new InvocationHistory();

  constructor(private readonly deps: ExecutorDeps) {
    this.logger = deps.logging.child('cmdsys:executor');
    this.responsesLogger = deps.logging.child('cmdsys:responses');
  }

  /**
   * Resolves the command named by `words`, checks the caller's rank, converts the arguments and
   * starts the invocation. Throws CommandNotFound, PermissionDenied or IllegalArgument (with the
   * usage line) before anything runs; errors inside the command are reported to the user by the
   * invocation itself.
   */
  async start(msg: IncomingMessage, words: string[]): Promise<Invocation> {
    return this.begin(msg, words);
  }

  /** `start`, but synchronous when argument conversion is (the pipeline's hot path). */
  begin(msg: IncomingMessage, words: string[], resolved?: Resolution): Invocation | Promise<Invocation> {
    const resolution = resolved ?? this.deps.registry.resolve(words);
    const { entry } = resolution;
    this.checkRank(entry, msg);
    const args = this.parse(entry, resolution.rest, msg);
    return args instanceof Promise
      ? args.then((a) => this.launch(entry, msg, a))
      : this.launch(entry, msg, args);
  }

  private launch(entry: RegisteredCommand, msg: IncomingMessage, args: Record<string, unknown>): Invocation {
    const adapter = this.deps.adapterOf(msg.adapterId);
    if (!adapter) throw new Error(`no adapter "${msg.adapterId}" to answer through`);
    const inv = new Invocation(
      this.nextId++,
      entry,
      msg,
      new ResponseManager(adapter, msg, this.responsesLogger),
      this,
    );
    this.invocations.set(inv.id, inv);
    if (this.deps.bus.has('command_invoked'))
      this.deps.bus.trigger('command_invoked', { invocation: inv.summary() });
    this.changes.emit();
    this.run(inv, args);
    return inv;
  }

  /** Delivers a message to a command waiting in `ask()` for it; true if it was consumed. */
  offerInput(msg: IncomingMessage): boolean {
    return this.inputs.offer(msg);
  }

  /** See InputWaiters.answeredBy. */
  answeredBy(msg: IncomingMessage): Invocation | undefined {
    return this.inputs.answeredBy(msg);
  }

  /** Cancels invocation `id` (MRCI term()); false if there is none. */
  cancel(id: number, reason = 'cancelled'): boolean {
    const inv = this.invocations.get(id);
    if (!inv || inv.cancelled) return false;
    this.abort(inv, reason);
    return true;
  }

  /** Cancels the newest running invocation (Ctrl-C on the console); false if none runs. */
  cancelNewest(reason = 'interrupted'): boolean {
    const newest = [...this.invocations.values()].filter((i) => !i.cancelled).pop();
    return newest ? this.cancel(newest.id, reason) : false;
  }

  /**
   * Whether invocation `id` was started by the author of `msg`: the same network adapter and
   * the same stable user id (display names are neither unique nor stable). False if none runs.
   */
  startedBy(id: number, msg: IncomingMessage): boolean {
    const inv = this.invocations.get(id);
    return !!inv && inv.msg.adapterId === msg.adapterId && inv.msg.author.id === msg.author.id;
  }

  /** Invocations of adapter `adapterId` waiting in `ask()`, oldest first (see InputWaiters). */
  waitingForInput(adapterId: string): readonly { id: number; command: string; channelId: string }[] {
    return this.inputs.waiting(adapterId);
  }

  list(): InvocationInfo[] {
    return [...this.invocations.values()].map((i) => i.info());
  }

  /** Invocations started since the executor was created. */
  get startedCount(): number {
    return this.nextId - 1;
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
    for (const inv of this.invocations.values()) if (!inv.cancelled) this.abort(inv, reason);
    const deadline = Date.now() + this.grace + 100;
    while (this.invocations.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  }

  // ---- InvocationHost -------------------------------------------------------------------

  waitForInput(inv: Invocation, timeoutMs: number, stop?: AbortSignal): Promise<string> {
    return this.inputs.wait(inv, timeoutMs, stop);
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

  private parse(
    entry: RegisteredCommand,
    words: string[],
    msg: IncomingMessage,
  ): Record<string, unknown> | Promise<Record<string, unknown>> {
    const withUsage = (err: unknown): unknown => {
      if (err instanceof IllegalArgument) err.usage ??= entry.command.usage;
      return err;
    };
    try {
      const parsed = parseArguments(
        entry.command.arguments,
        words,
        new LazyResolver(this.deps.resolverFor, msg),
      );
      return parsed instanceof Promise
        ? parsed.catch((err: unknown) => {
            throw withUsage(err);
          })
        : parsed;
    } catch (err) {
      throw withUsage(err);
    }
  }

  /** A per-invocation view of the loaded instance: own `msg`/`signal`, shared everything else. */
  private viewOf(command: Command, inv: Invocation): Command {
    const view = Object.create(command) as Command;
    view[INVOCATION] = inv;
    view.errSent = false; // MRCI: reset before every run
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
    inv.cancel(reason);
    this.logger.info({ id: inv.id, command: inv.commandName, reason }, 'cancelling invocation');
  }

  /**
   * Runs `work` (call or loop). A synchronous command costs nothing extra; an asynchronous one
   * is raced against cancellation: once cancelled, onTerm runs and the command has the grace
   * period to stop before it is abandoned.
   */
  private guarded(inv: Invocation, view: Command, work: () => unknown): unknown {
    const result = work();
    if (!(result instanceof Promise)) return result;
    let timer: NodeJS.Timeout | undefined;
    const onCancel = (): void => {
      this.callOnTerm(inv, view);
      timer = setTimeout(() => giveUp(new Abandoned()), this.grace);
    };
    let giveUp: (err: Abandoned) => void = () => undefined;
    // one promise for "the command ended, or was given up on" (a Promise.race would add two
    // more and their turns of the microtask queue to every asynchronous command)
    const ended = new Promise((resolve, reject) => {
      giveUp = reject;
      const settle = (): void => {
        if (inv.onCancel === onCancel) inv.onCancel = null;
        if (timer) clearTimeout(timer);
      };
      result.then(
        (value: unknown) => {
          settle();
          resolve(value);
        },
        (err: unknown) => {
          settle();
          reject(err);
        },
      );
    });
    inv.onCancel = onCancel;
    if (inv.cancelled) onCancel();
    return ended;
  }

  private callOnTerm(inv: Invocation, view: Command): void {
    // once per invocation, whether the cancel came during a call or between loop() calls
    if (this.termed.has(inv)) return;
    this.termed.add(inv);
    try {
      const term = view.onTerm?.(inv.cancelReason ?? 'cancelled');
      if (term instanceof Promise) term.catch((err: unknown) => this.logger.warn({ err }, 'onTerm failed'));
    } catch (err) {
      this.logger.warn({ err, command: inv.commandName }, 'onTerm failed');
    }
  }

  /** Runs the command: synchronously to the end when it is synchronous, else asynchronously. */
  private run(inv: Invocation, args: Record<string, unknown>): void {
    const view = this.viewOf(inv.entry.command, inv);
    const started = inv.startedAt;
    let first: unknown;
    const leave = enterUserCode(inv.entry.file, 'call', inv.commandName, inv.id);
    try {
      first = this.guarded(inv, view, () => view.call(args));
    } catch (err) {
      leave();
      void this.runAsync(inv, view, started, Promise.reject(err));
      return;
    }
    leave();
    if (!(first instanceof Promise) && !inv.loopEnabled && !inv.cancelled && inv.responder.idle) {
      inv.responder.closeIdle();
      this.complete(inv, 'finished', null, started);
      return;
    }
    void this.runAsync(inv, view, started, first);
  }

  private async runAsync(inv: Invocation, view: Command, started: number, first: unknown): Promise<void> {
    const command = inv.entry.command;
    // The timeout is armed only once the command goes asynchronous: a synchronous command
    // cannot be interrupted anyway. Time the output waits on the network's send queue is not the
    // command's: when the deadline comes early because of it, it moves to what is really left.
    // All invocations share one timer (DeadlineWatch): most end long before their deadline.
    let unwatch = null as (() => void) | null;
    const armTimeout = (): void => {
      if (unwatch) return;
      const timeoutMs = command.timeoutMs ?? this.deps.config.all().commands.timeoutMs;
      if (timeoutMs <= 0) return;
      const dueAt = (now: number): number => started + timeoutMs + inv.responder.sendingMs(now);
      unwatch = this.deadlines.watch(dueAt(Date.now()), (now) => {
        const due = dueAt(now);
        if (due > now) return due;
        this.abort(inv, `took longer than ${formatDuration(timeoutMs)}`);
        return null;
      });
    };
    let outcome: Outcome = 'finished';
    let failure: Failure | null = null;
    try {
      if (first instanceof Promise) {
        armTimeout();
        await first;
      }
      while (inv.loopEnabled && !inv.cancelled) {
        if (!view.loop) throw new Error('enableLoop(true) was called but the command has no loop() method');
        armTimeout();
        inv.setState('looping');
        await new Promise((resolve) => setImmediate(resolve));
        if (inv.cancelled) break;
        await this.guarded(inv, view, () => view.loop!());
      }
      if (inv.cancelled) throw new CommandCancelled(inv.cancelReason!);
    } catch (err) {
      if (inv.cancelled) {
        outcome = 'cancelled';
        this.callOnTerm(inv, view);
        if (err instanceof Abandoned) {
          inv.abandoned = true;
          this.logger.warn(
            { id: inv.id, command: inv.commandName, graceMs: this.grace },
            'command ignored its cancel signal; abandoned',
          );
        }
        // the last line the channel gets: after the command's own, and nothing of it later
        await inv.responder
          .finish(`Stopped "${inv.commandName}" (${inv.cancelReason}).`)
          .catch(() => undefined); // a failed send is logged by the response manager
      } else {
        outcome = 'failed';
        if (err instanceof Error && err.stack && this.deps.mapStack) {
          try {
            err.stack = this.deps.mapStack(err.stack);
          } catch {
            // the raw stack will do
          }
        }
        const report = reportCommandError(err, {
          msg: inv.msg,
          command: inv.commandName,
          usage: command.usage,
          showCommandErrors: this.deps.config.all().debug.showCommandErrors,
          logger: this.loggerOf(command),
        });
        failure = { error: err instanceof Error ? err.message : String(err), errorId: report.errorId ?? '' };
        await inv.responder.finish(report.text).catch(() => undefined);
      }
    } finally {
      unwatch?.();
      if (outcome === 'finished') failure = this.errorStateOf(inv, view);
      if (failure) outcome = 'failed';
      // everything said is sent already (the common case): closed without more turns of the queue
      if (inv.responder.idle) inv.responder.closeIdle();
      else await inv.responder.close().catch(() => undefined);
      this.complete(inv, outcome, failure, started);
    }
  }

  /** MRCI errState after a run that did not throw: the failure to report, or null. */
  private errorStateOf(inv: Invocation, view: Command): Failure | null {
    let failed: boolean;
    try {
      failed = view.errState() === true;
    } catch (err) {
      this.loggerOf(inv.entry.command).error({ err }, 'errState() failed; counted as an error state');
      failed = true;
    }
    if (!failed) return null;
    this.loggerOf(inv.entry.command).info({ id: inv.id }, 'command ended in an error state');
    return { error: `"${inv.commandName}" ended in an error state`, errorId: '' };
  }

  /** Bookkeeping once an invocation has ended, however it ended. */
  private complete(inv: Invocation, outcome: Outcome, failure: Failure | null, started: number): void {
    this.invocations.delete(inv.id);
    endUserInvocation(inv.id);
    this.inputs.drop(inv);
    inv.markSettled();
    const ms = Date.now() - started;
    this.history.record(
      inv,
      outcome,
      ms,
      outcome === 'failed'
        ? failure!.error
        : outcome === 'cancelled'
          ? (inv.cancelReason ?? 'cancelled')
          : null,
      failure?.errorId ?? null,
    );
    const { bus } = this.deps;
    if (outcome === 'finished') {
      if (bus.has('command_finished')) bus.trigger('command_finished', { invocation: inv.summary(), ms });
    } else if (outcome === 'cancelled') {
      bus.trigger('command_cancelled', {
        invocation: inv.summary(),
        ms,
        reason: inv.cancelReason ?? 'cancelled',
      });
    } else {
      bus.trigger('command_failed', { invocation: inv.summary(), ms, ...failure! });
    }
    // levelVal, not isLevelEnabled(): this runs for every command and the lookup is not free
    if (this.logger.levelVal <= DEBUG_LEVEL) {
      this.logger.debug(
        { id: inv.id, command: inv.commandName, outcome, ms: Math.round(ms) },
        'invocation ended',
      );
    }
    this.changes.emit();
  }
}
