import { existsSync, readFileSync, rmSync } from 'node:fs';
import { methods, type CallResult, type EventFrame } from '../../shared/contract';
import type { Culprit, RestartInfo, SupervisorState, SupervisorStatus } from '../../shared/dto/supervisor';
import {
  FromRuntimeSchema,
  LAUNCH_ENV,
  StallRecordSchema,
  type FromRuntime,
  type RuntimeLaunchInput,
  type StallRecord,
  type ToRuntime,
  type UserCodeEntryMessage,
} from '../../shared/process/runtime-messages';
import type { ApiSurface } from '../api/api';
import type { Logger } from '../runtime/logging/logging';
import type { ChildLauncher, ChildProcessHandle } from './child-handle';
import { QuarantineRefused, writeQuarantineEntry } from './quarantine-writer';
import { RestartPolicy } from './restart-policy';

export interface SupervisorOptions {
  launch: Omit<RuntimeLaunchInput, 'previous'>;
  spawn: ChildLauncher;
  logger: Logger;
  /** Console responses of the runtime (the real stdout in console mode). */
  stdout?: (text: string) => void;
  /** How long two culprit-less failures count as a loop (default 60 s). */
  restartWindowMs?: number;
  /** How often the heartbeat is checked (default 100 ms). */
  checkMs?: number;
  /** The runtime's sharding messages (broadcasts, figures, re-shard requests): the cluster supervisor's. */
  onSharding?: (message: ShardingMessage) => void;
}

/** The messages a runtime sends about the bot's clusters, relayed to `onSharding`. */
export type ShardingMessage = Extract<
  FromRuntime,
  {
    type:
      | 'broadcast'
      | 'eval-result'
      | 'cluster-figures'
      | 'cluster-logs'
      | 'reshard-needed'
      | 'reload-gate'
      | 'reload-prepared';
  }
>;

/** How the first start ended: running, or a failure a restart cannot fix (exit code as today). */
export type StartOutcome = { ok: true } | { ok: false; exitCode: number };

interface Pending {
  resolve(result: CallResult): void;
}

const DEFAULTS = { stallTimeoutMs: 5_000, cleanupTimeoutMs: 5_000, commandTimeoutMs: 60_000, panelPort: 0 };
/** A runtime asked to stop gets this long on top of its clean-up limit before it is killed. */
export const STOP_GRACE_MS = 5_000;

/**
 * Owns the runtime process: starts it, relays the typed contract (calls, event frames, console
 * lines), watches its heartbeat, and when it stalls or dies unasked records the culprit,
 * quarantines it and starts a new runtime — stopping instead when that would loop.
 */
export class Supervisor {
  private child: ChildProcessHandle | null = null;
  private state: SupervisorState = 'starting';
  private runtimePid: number | null = null;
  private restarts = 0;
  private lastRestart: RestartInfo | null = null;
  private message: string | null = null;
  private settings = { ...DEFAULTS };
  private lastBeat = 0;
  /** Heartbeats are expected (from the runtime's config message on). */
  private watched = false;
  private entry: UserCodeEntryMessage | null = null;
  private startFailure: { exitCode: number; message: string } | null = null;
  private stall: { at: number } | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly interrupts = new Map<number, (handled: boolean) => void>();
  private readonly frameListeners = new Set<(frame: EventFrame) => void>();
  private readonly statusListeners = new Set<(status: SupervisorStatus) => void>();
  private readonly endListeners = new Set<(exitCode: number) => void>();
  private readonly queuedLines: string[] = [];
  private consoleEnded = false;
  private readonly policy: RestartPolicy;
  private watch: NodeJS.Timeout | null = null;
  private firstStart: ((outcome: StartOutcome) => void) | null = null;
  private stopping: Promise<number> | null = null;
  private stopExit: ((code: number) => void) | null = null;
  private stopCode = 0;
  private readonly logger: Logger;

  /** What the transports serve: the runtime's contract, relayed, plus `supervisor.status`. */
  readonly api: ApiSurface;

  constructor(private readonly options: SupervisorOptions) {
    this.logger = options.logger;
    this.policy = new RestartPolicy(options.restartWindowMs);
    this.api = {
      router: { call: (method, input, ctx) => this.call(method, input, ctx.transport) },
      events: {
        subscribe: (listener) => {
          this.frameListeners.add(listener);
          return () => void this.frameListeners.delete(listener);
        },
      },
    };
  }

  /** Starts the first runtime; resolves once it runs or failed for good. */
  start(): Promise<StartOutcome> {
    return new Promise((resolve) => {
      this.firstStart = resolve;
      this.spawn(null);
    });
  }

  status(): SupervisorStatus {
    return {
      state: this.state,
      runtimePid: this.runtimePid,
      restarts: this.restarts,
      lastRestart: this.lastRestart,
      message: this.message,
    };
  }

  /** The runtime's config values the supervisor uses (defaults until the runtime reported them). */
  get runtimeSettings(): Readonly<typeof DEFAULTS> {
    return this.settings;
  }

  onStatus(listener: (status: SupervisorStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => void this.statusListeners.delete(listener);
  }

  /** The supervisor is done for good (gave up, or console input ended and it stopped): exit code. */
  onEnd(listener: (exitCode: number) => void): () => void {
    this.endListeners.add(listener);
    return () => void this.endListeners.delete(listener);
  }

  async call(
    method: string,
    input: unknown,
    transport: 'ipc' | 'web' | 'test' = 'test',
  ): Promise<CallResult> {
    if (method === 'supervisor.status') {
      if (!methods['supervisor.status'].input.safeParse(input ?? {}).success)
        return { ok: false, error: { code: 'BAD_REQUEST', message: 'supervisor.status takes no input' } };
      return { ok: true, data: this.status() };
    }
    if (method === 'supervisor.restart') return this.restartFromPanel(input);
    const child = this.child;
    if (!child || this.state !== 'running') return { ok: false, error: this.unavailable() };
    const id = this.nextId++;
    return new Promise<CallResult>((resolve) => {
      this.pending.set(id, { resolve });
      child.send({ type: 'call', id, method, input, transport });
    });
  }

  /** Sends a message to the running runtime; false when none runs (nothing was sent). */
  send(message: ToRuntime): boolean {
    if (!this.child || this.state !== 'running') return false;
    this.child.send(message);
    return true;
  }

  /** One console line for the runtime; held while it (re)starts. */
  consoleLine(line: string): void {
    if (this.state === 'running' && this.child) this.child.send({ type: 'console-line', line });
    else this.queuedLines.push(line);
  }

  /** End of console input: delivered once the runtime runs (queued lines first). */
  consoleEnd(): void {
    this.consoleEnded = true;
    if (this.state === 'running') this.child?.send({ type: 'console-end' });
  }

  /** Ctrl-C: true when the runtime used it (cancelled a command), false when it means "quit". */
  interrupt(): Promise<boolean> {
    const child = this.child;
    if (!child || this.state !== 'running') return Promise.resolve(false);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.interrupts.set(id, resolve);
      child.send({ type: 'interrupt', id });
    });
  }

  /**
   * Ordered shutdown: the runtime runs its clean-up handlers and exits; one that has not exited
   * within `commands.cleanupTimeoutMs` + 5 s (plus the command timeout when draining) is killed.
   * Resolves with the exit code (0, or 1 when the runtime had to be killed or failed to stop).
   */
  stop(reason: string, drain = false): Promise<number> {
    this.stopping ??= new Promise<number>((resolve) => {
      const previous = this.state;
      this.setState('stopping');
      const child = this.child;
      if (!child) {
        this.setState('stopped');
        return resolve(previous === 'gave-up' ? 1 : this.stopCode);
      }
      const limit =
        this.settings.cleanupTimeoutMs + STOP_GRACE_MS + (drain ? this.settings.commandTimeoutMs : 0);
      const timer = setTimeout(() => {
        this.logger.error({ limitMs: limit }, `the runtime did not stop within ${limit} ms; killing it`);
        this.stopCode = 1;
        child.kill();
      }, limit);
      this.stopExit = (code) => {
        clearTimeout(timer);
        this.setState('stopped');
        resolve(code);
      };
      child.send({ type: 'stop', reason, drain });
    });
    return this.stopping;
  }

  /**
   * An operator's restart (menu, tray, panel): the ordered stop, then a new runtime with the same
   * launch options. Resolves like `start()`; a stop in progress wins (nothing is restarted).
   */
  async restart(reason: string): Promise<StartOutcome> {
    if (this.stopping && this.state !== 'stopped') return { ok: false, exitCode: await this.stopping };
    await this.stop(reason);
    this.stopping = null;
    this.stopCode = 0;
    this.message = null;
    this.setState('restarting');
    this.logger.info({ reason }, 'restarting the runtime');
    return this.start();
  }

  /** The panel's Restart: answered at once; the restart's progress arrives as `supervisor` events. */
  private restartFromPanel(input: unknown): CallResult {
    if (!methods['supervisor.restart'].input.safeParse(input ?? {}).success)
      return { ok: false, error: { code: 'BAD_REQUEST', message: 'supervisor.restart takes no input' } };
    if (this.state !== 'running' && this.state !== 'gave-up')
      return {
        ok: false,
        error: { code: 'CONFLICT', message: `cannot restart: the runtime is ${this.state}` },
      };
    void this.restart('restarted from the panel').catch((err: unknown) =>
      this.logger.error({ err }, 'restart from the panel failed'),
    );
    return { ok: true, data: { accepted: true } };
  }

  private unavailable(): { code: 'RESTARTING' | 'UNAVAILABLE'; message: string } {
    if (this.state === 'starting' || this.state === 'restarting')
      return { code: 'RESTARTING', message: 'runtime restarting; try again in a moment' };
    return { code: 'UNAVAILABLE', message: this.message ?? `the runtime is ${this.state}` };
  }

  private spawn(previous: string | null): void {
    this.entry = null;
    this.startFailure = null;
    this.stall = null;
    this.watched = false;
    rmSync(this.options.launch.stallFile, { force: true });
    const launch: RuntimeLaunchInput = { ...this.options.launch, previous };
    let child: ChildProcessHandle;
    try {
      child = this.options.spawn({ [LAUNCH_ENV]: JSON.stringify(launch) });
    } catch (err) {
      this.logger.fatal({ err }, 'cannot start the runtime process');
      return this.giveUp(`cannot start the runtime process: ${(err as Error).message}`);
    }
    this.child = child;
    this.lastBeat = Date.now();
    child.onMessage((raw) => {
      if (this.child !== child) return;
      const parsed = FromRuntimeSchema.safeParse(raw);
      if (!parsed.success) {
        this.logger.warn(
          { issue: parsed.error.issues[0]?.message },
          'invalid message from the runtime dropped',
        );
        return;
      }
      this.onMessage(parsed.data);
    });
    child.onExit((code, signal) => {
      if (this.child === child) this.onExit(code, signal);
    });
    this.watch = setInterval(() => this.checkHeartbeat(), this.options.checkMs ?? 100);
    this.watch.unref();
  }

  private onMessage(message: FromRuntime): void {
    switch (message.type) {
      case 'heartbeat':
        this.lastBeat = Date.now();
        return;
      case 'config':
        // the watch starts here: before its config is read, no command-file code has run
        this.lastBeat = Date.now();
        this.watched = true;
        this.settings = {
          stallTimeoutMs: message.stallTimeoutMs,
          cleanupTimeoutMs: message.cleanupTimeoutMs,
          commandTimeoutMs: message.commandTimeoutMs,
          panelPort: message.panelPort,
        };
        return;
      case 'entry':
        this.entry = message.entry;
        return;
      case 'running':
        this.runtimePid = message.pid;
        if (this.state !== 'stopping') this.setState('running');
        for (const line of this.queuedLines.splice(0)) this.child?.send({ type: 'console-line', line });
        if (this.consoleEnded) this.child?.send({ type: 'console-end' });
        this.firstStart?.({ ok: true });
        this.firstStart = null;
        return;
      case 'start-failed':
        this.startFailure = { exitCode: message.exitCode, message: message.message };
        return;
      case 'result':
        this.pending.get(message.id)?.resolve(message.result as CallResult);
        this.pending.delete(message.id);
        return;
      case 'frame':
        for (const listener of this.frameListeners) {
          try {
            listener(message.frame as EventFrame);
          } catch (err) {
            this.logger.warn({ err }, 'event listener failed');
          }
        }
        return;
      case 'stdout':
        this.options.stdout?.(message.text);
        return;
      case 'interrupted':
        this.interrupts.get(message.id)?.(message.handled);
        this.interrupts.delete(message.id);
        return;
      case 'console-ended':
        void this.stop('end of input', true).then((code) => this.end(code));
        return;
      case 'stopped':
        this.stopCode = Math.max(this.stopCode, message.exitCode);
        return;
      case 'broadcast':
      case 'eval-result':
      case 'cluster-figures':
      case 'cluster-logs':
      case 'reshard-needed':
      case 'reload-gate':
      case 'reload-prepared':
        this.options.onSharding?.(message);
        return;
    }
  }

  private checkHeartbeat(): void {
    if (
      !this.watched ||
      this.stall ||
      !this.child ||
      (this.state !== 'running' && this.state !== 'starting' && this.state !== 'restarting')
    )
      return;
    const silentMs = Date.now() - this.lastBeat;
    if (silentMs < this.settings.stallTimeoutMs) return;
    this.stall = { at: Date.now() };
    this.logger.error({ silentMs, pid: this.child.pid }, 'runtime stalled: no heartbeat; killing it');
    this.setState('restarting');
    this.child.kill();
  }

  private onExit(code: number | null, signal: string | null): void {
    if (this.watch) clearInterval(this.watch);
    this.watch = null;
    this.child = null;
    this.runtimePid = null;
    for (const [id, pending] of this.pending) {
      pending.resolve({
        ok: false,
        error: { code: 'RESTARTING', message: 'the runtime stopped before answering; it is restarting' },
      });
      this.pending.delete(id);
    }
    for (const [id, resolve] of this.interrupts) {
      resolve(false);
      this.interrupts.delete(id);
    }
    if (this.stopExit) {
      const exit = this.stopExit;
      this.stopExit = null;
      const exitCode = Math.max(this.stopCode, code === 0 ? 0 : 1);
      // stopped before it ever ran (a signal during start-up)
      this.firstStart?.({ ok: false, exitCode });
      this.firstStart = null;
      return exit(exitCode);
    }
    if (this.startFailure) {
      this.message = this.startFailure.message;
      this.setState('stopped');
      this.firstStart?.({ ok: false, exitCode: this.startFailure.exitCode });
      this.firstStart = null;
      return this.end(this.startFailure.exitCode);
    }
    this.recover(code, signal);
  }

  /** A stall or an exit nobody asked for: find the culprit, quarantine it, restart or give up. */
  private recover(code: number | null, signal: string | null): void {
    const stalled = this.stall !== null;
    const record = this.readStallRecord();
    const entry = record?.entry ?? this.entry;
    const file = entry?.file ?? record?.stackFile ?? null;
    const culprit: Culprit | null = file
      ? {
          file,
          command: entry?.file === file ? entry.command : null,
          invocationId: entry?.file === file ? entry.invocationId : null,
        }
      : null;
    const likely = entry?.file === file && entry.certain === false ? ' probably' : '';
    const where = culprit
      ? `${likely} in ${culprit.file}${culprit.command ? ` (${culprit.command}${culprit.invocationId !== null ? ` #${culprit.invocationId}` : ''})` : ''}`
      : '';
    const message = stalled
      ? `the runtime stalled for ${this.settings.stallTimeoutMs} ms${where}`
      : `the runtime exited unexpectedly (${signal ?? `code ${code}`})${where}${record?.message ? `: ${record.message}` : ''}`;
    let quarantined = false;
    if (culprit) {
      try {
        const { note } = writeQuarantineEntry({
          dataDir: this.options.launch.dataDir,
          commandsDir: this.options.launch.commandsDir,
          file: culprit.file,
          entry: {
            reason: stalled ? 'stall' : 'crash',
            message,
            stack: record?.stack ?? null,
            invocation:
              culprit.invocationId !== null && culprit.command
                ? { id: culprit.invocationId, command: culprit.command }
                : null,
          },
        });
        if (note) this.logger.warn(note);
        quarantined = true;
      } catch (err) {
        const why = err instanceof QuarantineRefused ? err.message : String(err);
        this.logger.error({ err, file: culprit.file }, `could not quarantine the culprit: ${why}`);
      }
    }
    this.lastRestart = {
      reason: stalled ? 'stall' : 'crash',
      at: new Date(this.stall?.at ?? Date.now()).toISOString(),
      message,
      culprit,
      quarantined,
    };
    this.logger.error({ culprit, quarantined, code, signal }, message);
    const refusal = this.policy.record(Date.now(), culprit?.file ?? null);
    if (refusal) return this.giveUp(`${message}; ${refusal}`);
    this.restarts += 1;
    this.setState('restarting');
    this.spawn(`${message}${quarantined ? ' (quarantined)' : ''}`);
  }

  private readStallRecord(): StallRecord | null {
    const file = this.options.launch.stallFile;
    if (!existsSync(file)) return null;
    try {
      const parsed = StallRecordSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    } finally {
      rmSync(file, { force: true });
    }
  }

  private giveUp(message: string): void {
    this.message = message;
    this.logger.fatal(message);
    this.setState('gave-up');
    this.firstStart?.({ ok: false, exitCode: 1 });
    this.firstStart = null;
    this.end(1);
  }

  private end(exitCode: number): void {
    for (const listener of this.endListeners) listener(exitCode);
  }

  private setState(state: SupervisorState): void {
    if (this.state === state) return;
    this.state = state;
    const status = this.status();
    for (const listener of this.statusListeners) listener(status);
    const frame = [{ event: 'supervisor', data: status }] as EventFrame;
    for (const listener of this.frameListeners) listener(frame);
  }
}
