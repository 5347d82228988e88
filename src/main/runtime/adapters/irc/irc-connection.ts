import ircFramework, { type Client, type ConnectOptions } from 'irc-framework';
import type { AdapterState } from '../../../../shared/dto/status';
import type { Logger } from '../../logging/logging';
import { OutgoingHooks, RawChain, type RawLines } from '../raw-chain';
import type { AdapterContext } from '../types';
import { ChannelState } from './channel-state';
import { IrcBusBridge, type SyntheticPrivmsg } from './irc-bus';
import { SendQueue } from './flood-control';
import { sample } from './irc-text';
import { settleWithin } from '../../util/settle-within';
import { readIsupport, type Isupport } from './isupport';
import { ircLower } from './masks';
import { backoffDelay, DEFAULT_BACKOFF } from './reconnect';
import {
  DEFAULTS,
  LINE_BREAK,
  QUIT_MESSAGE,
  STABLE_MS,
  type IrcAdapterOptions,
  type IrcAdapterSettings,
  type IrcServerConfig,
} from './irc-adapter-options';

const silentLogger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  fatal: () => undefined,
  child: () => silentLogger,
} as unknown as Logger;

/**
 * The connection half of the IRC adapter (see IrcAdapter): the adapter's state, the wiring of
 * irc-framework's connection to the raw chain and the outgoing hooks, the connection lifecycle
 * (connect, register, MOTD, join, reconnect with backoff, stop) and the small helpers every
 * layer uses. Client events, incoming messages and the Adapter API are added by the subclasses.
 */
export abstract class IrcConnection {
  readonly id: string;
  readonly network = 'irc' as const;
  readonly raw: RawLines;
  protected readonly client: Client;
  protected readonly chain: RawChain;
  protected readonly bus: IrcBusBridge;
  protected readonly outgoing: OutgoingHooks;
  protected readonly queue: SendQueue;
  protected readonly channels: ChannelState;
  protected readonly options: IrcAdapterSettings;
  protected ctx: AdapterContext | null = null;
  protected logger: Logger = silentLogger;

  protected state: AdapterState = 'stopped';
  protected stopping = false;
  /** connect() was called and no close followed yet. */
  protected linkActive = false;
  protected socketOpen = false;
  protected registered = false;
  protected registeredAt: number | null = null;
  protected motdDone = false;
  protected attempt = 0;
  protected reconnects = 0;
  protected latencyMs: number | null = null;
  protected lastError: string | null = null;
  protected closeReason: string | null = null;
  protected triedNick: string;
  /** Our nick!user@host as the server sees it (user/host null until the server told us). */
  protected readonly self: { nick: string; user: string | null; host: string | null };
  /** Channels to be in (folded → name): configured ones plus those joined since. */
  protected readonly wanted = new Map<string, string>();
  protected pendingJoins = new Set<string>();
  protected reconnectTimer: NodeJS.Timeout | null = null;
  protected motdTimer: NodeJS.Timeout | null = null;
  protected joinTimer: NodeJS.Timeout | null = null;
  protected startWaiters: (() => void)[] = [];
  protected closeWaiters: (() => void)[] = [];

  constructor(
    protected readonly server: IrcServerConfig,
    options: IrcAdapterOptions = {},
  ) {
    this.id = `irc:${server.host}:${server.port}`;
    this.options = {
      ...DEFAULTS,
      ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
      backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
    };
    this.client = new ircFramework.Client();
    this.self = { nick: server.nick, user: null, host: null };
    this.triedNick = server.nick;
    for (const channel of server.channels) this.wanted.set(this.fold(channel), channel);
    this.channels = new ChannelState((text) => this.fold(text));
    this.queue = new SendQueue(server.send, (line) => this.writeLine(line));

    this.bus = new IrcBusBridge(
      this.id,
      (m) => this.onSyntheticPrivmsg(m),
      () => this.logger,
      (target) => this.isChannel(target),
    );
    // Every line from the server goes through the raw chain; its default handler is what
    // irc-framework would have done with the line (parse it, dispatch events), plus bottom's
    // events on the bus.
    const connection = this.client.connection;
    const parse = connection.addReadBuffer.bind(connection);
    this.chain = new RawChain({
      terminal: (line) => {
        this.inspect(line);
        parse(line);
        this.bus.dispatch(line);
      },
      logger: { warn: (fields, msg) => this.logger.warn(fields, msg) },
      handlerTimeoutMs: this.options.rawHandlerTimeoutMs,
    });
    connection.addReadBuffer = (line: string) => {
      const trimmed = trimLineEnd(line);
      if (trimmed === '') return;
      const pending = this.chain.push(trimmed);
      if (pending) pending.catch((err: unknown) => this.logger.warn({ err }, 'raw chain failed'));
    };
    // Every line to the server (ours and irc-framework's own) passes the outgoing hooks.
    this.outgoing = new OutgoingHooks({ warn: (fields, msg) => this.logger.warn(fields, msg) });
    const write = connection.write.bind(connection);
    connection.write = (data: string, callback?: () => void) => {
      const line = this.outgoing.size === 0 ? data : this.outgoing.apply(data);
      const broken = line !== null && LINE_BREAK.test(line);
      if (broken)
        this.logger.warn({ sample: sample(line) }, 'outgoing hook produced a line break; line dropped');
      if (line === null || broken) {
        if (callback) setImmediate(callback);
        return true;
      }
      return write(line, callback);
    };
    this.raw = {
      addHandler: (handler, opts) => this.chain.add(handler, opts),
      send: (line) => this.sendRaw(line),
      handle: (line) => this.handleRaw(line),
      sendCommand: (command, fields) => this.sendCommand(command, fields),
      replaceDefault: (handler) => this.chain.replaceDefault(handler),
      clear: () => this.chain.clear(),
      addOutgoing: (hook) => this.outgoing.add(hook),
    };
    this.bindClientEvents();
  }

  /** Subscribes to irc-framework's client events (called once, from the constructor). */
  protected abstract bindClientEvents(): void;
  /** Checks a raw line from the server before it is parsed. */
  protected abstract inspect(line: string): void;
  /** A PRIVMSG a command file triggered on the bus. */
  protected abstract onSyntheticPrivmsg(m: SyntheticPrivmsg): void;
  /** The raw-line API behind `raw` (implemented by IrcAdapter). */
  abstract sendRaw(line: string): Promise<void>;
  abstract sendCommand(command: string, fields?: Record<string, unknown>): Promise<void>;
  abstract handleRaw(line: string): Promise<void>;

  get native(): Client {
    return this.client;
  }

  async start(): Promise<void> {
    if (!this.ctx) throw new Error(`${this.id}: attach() must come before start()`);
    if (this.state !== 'stopped') return;
    this.stopping = false;
    this.attempt = 0;
    const started = new Promise<void>((resolve) => this.startWaiters.push(resolve));
    const timer = setTimeout(() => this.settleStart(), this.options.startTimeoutMs);
    this.connect();
    await started;
    clearTimeout(timer);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.clearTimers();
    this.queue.clear('adapter stopped');
    if (this.linkActive) {
      const closed = new Promise<void>((resolve) => this.closeWaiters.push(resolve));
      try {
        this.client.quit(QUIT_MESSAGE);
      } catch (err) {
        this.logger.warn({ err }, 'QUIT failed');
      }
      await settleWithin(closed, 2_000);
      if (this.linkActive) {
        // the server did not close in time: drop the socket ourselves
        this.client.connection.end(undefined, true);
        await settleWithin(closed, 1_000);
      }
    }
    this.linkActive = false;
    this.socketOpen = false;
    this.registered = false;
    this.registeredAt = null;
    this.channels.clear();
    this.latencyMs = null;
    this.setState('stopped');
    this.settleStart();
  }

  // ---- connection lifecycle ---------------------------------------------------------------

  protected connect(): void {
    this.reconnectTimer = null;
    if (this.stopping) return;
    this.setState(this.attempt === 0 ? 'connecting' : 'reconnecting');
    this.triedNick = this.server.nick;
    this.self.nick = this.server.nick;
    this.registered = false;
    this.motdDone = false;
    this.closeReason = null;
    const s = this.server;
    const options: ConnectOptions = {
      host: s.host,
      port: s.port,
      tls: s.tls,
      nick: s.nick,
      username: s.username ?? s.nick,
      gecos: s.realname,
      // an explicit (possibly empty) account: irc-framework would otherwise try the server password as SASL
      account: s.sasl ? { account: s.sasl.account, password: s.sasl.password } : {},
      auto_reconnect: false,
      ping_interval: this.options.pingIntervalSec,
      ping_timeout: this.options.pingTimeoutSec,
      // irc-framework would answer CTCP VERSION itself, past flood control; the adapter does it
      version: null,
      ...(s.password ? { password: s.password } : {}),
    };
    this.linkActive = true;
    this.logger.info({ host: s.host, port: s.port, tls: s.tls, attempt: this.attempt }, 'connecting');
    try {
      this.client.connect(options);
    } catch (err) {
      this.logger.error({ err }, 'connect failed');
      this.lastError = (err as Error).message;
      this.onClosed();
    }
  }

  protected onSocketOpen(): void {
    this.refreshIsupport();
    this.socketOpen = true;
    // answers go out as soon as they are written: Nagle's algorithm would hold a burst back
    const socket = (this.client.connection as { transport?: { socket?: { setNoDelay?(on: boolean): void } } })
      .transport?.socket;
    socket?.setNoDelay?.(true);
    this.logger.info('socket open; registering');
    this.trigger('client_connect');
  }

  protected onRegistered(nick: string): void {
    this.refreshIsupport();
    this.registered = true;
    this.registeredAt = Date.now();
    this.self.nick = nick;
    this.queue.refill();
    this.logger.info({ nick, host: this.server.host }, 'registered');
    if (nick !== this.server.nick)
      this.logger.warn({ wanted: this.server.nick, nick }, 'registered under a fallback nick');
    this.client.ping(String(Date.now()));
    this.motdTimer = setTimeout(() => {
      this.logger.warn('no end of MOTD from the server; joining anyway');
      this.onMotdDone();
    }, this.options.motdTimeoutMs);
    this.changed();
  }

  /** After the MOTD (bottom's example): join the channels, then open the send queue. */
  protected onMotdDone(): void {
    if (this.motdDone || !this.registered) return;
    this.motdDone = true;
    if (this.motdTimer) clearTimeout(this.motdTimer);
    this.motdTimer = null;
    this.pendingJoins = new Set(this.wanted.keys());
    const joins = [...this.wanted.values()].map((channel) => `JOIN ${channel}`);
    this.queue.enqueue(joins, { priority: true }).catch(() => undefined);
    this.queue.resume();
    this.setState('connected');
    if (this.pendingJoins.size === 0) this.onReady();
    else this.joinTimer = setTimeout(() => this.onReady(), this.options.joinTimeoutMs);
  }

  protected onReady(): void {
    if (this.joinTimer) clearTimeout(this.joinTimer);
    this.joinTimer = null;
    if (!this.registered) return;
    if (this.pendingJoins.size > 0) {
      this.logger.warn({ channels: [...this.pendingJoins] }, 'channels not joined in time');
      this.pendingJoins.clear();
    }
    this.logger.info({ channels: this.channels.names() }, 'ready');
    this.trigger('ready');
    this.settleStart();
    this.changed();
  }

  protected onClosed(): void {
    const wasOpen = this.socketOpen;
    this.linkActive = false;
    this.socketOpen = false;
    this.registered = false;
    this.motdDone = false;
    this.clearTimers();
    this.queue.pause();
    this.channels.clear();
    this.latencyMs = null;
    const reason = this.closeReason ?? (wasOpen ? 'connection closed' : 'could not connect');
    for (const resolve of this.closeWaiters.splice(0)) resolve();
    if (wasOpen) this.trigger('client_disconnect', reason);
    if (this.stopping) {
      this.logger.info('disconnected');
      this.setState('stopped');
      return;
    }
    this.lastError = reason;
    // a connection that held for a while starts the backoff afresh; one that keeps dropping
    // right after registering (a ban, a K-line) keeps backing off
    if (this.registeredAt !== null && Date.now() - this.registeredAt >= STABLE_MS) this.attempt = 0;
    this.registeredAt = null;
    this.attempt++;
    this.reconnects++;
    const delay = backoffDelay(this.attempt, this.options.backoff);
    this.logger.warn({ reason, attempt: this.attempt, delayMs: delay }, 'disconnected; reconnecting');
    this.setState('reconnecting');
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
    this.settleStart();
  }

  protected settleStart(): void {
    for (const resolve of this.startWaiters.splice(0)) resolve();
  }

  protected clearTimers(): void {
    for (const timer of [this.reconnectTimer, this.motdTimer, this.joinTimer]) if (timer) clearTimeout(timer);
    this.reconnectTimer = this.motdTimer = this.joinTimer = null;
  }

  protected writeLine(line: string): boolean {
    if (!this.socketOpen) return false;
    return this.client.connection.write(line) !== false;
  }

  // ---- helpers --------------------------------------------------------------------------

  /**
   * What the server said in ISUPPORT that every message needs: read from irc-framework's
   * options object (a chain of lookups into a large object) only when the server sends
   * ISUPPORT, on connecting and on registering.
   */
  protected isupport: Isupport = readIsupport(undefined);

  protected refreshIsupport(): void {
    this.isupport = readIsupport(this.client.network.options);
  }

  protected fold(text: string): string {
    return ircLower(text, this.isupport.caseMapping);
  }

  protected isSelf(nick: string): boolean {
    return this.fold(nick) === this.fold(this.currentNick());
  }

  protected currentNick(): string {
    return this.registered ? this.client.user.nick || this.self.nick : this.self.nick;
  }

  protected isChannel(target: string): boolean {
    return target.length > 1 && this.isupport.chanTypes.includes(target[0]!);
  }

  protected nickLength(): number | null {
    return this.isupport.nickLength;
  }

  protected networkName(): string {
    return this.isupport.network || this.server.host;
  }

  protected trigger(event: 'client_connect' | 'ready'): void;
  protected trigger(event: 'client_disconnect', reason: string): void;
  protected trigger(event: 'client_connect' | 'client_disconnect' | 'ready', reason?: string): void {
    const events = this.ctx?.events;
    if (!events) return;
    if (event === 'client_disconnect')
      events.trigger(event, { adapterId: this.id, network: 'irc', reason: reason ?? '' });
    else events.trigger(event, { adapterId: this.id, network: 'irc' });
    this.changed();
  }

  protected setState(state: AdapterState): void {
    if (this.state === state) return;
    this.state = state;
    this.changed();
  }

  protected changed(): void {
    this.ctx?.statusChanged();
  }
}

/** `line` without its trailing CR/LF characters (a scan from the end: no regex on the read path). */
export function trimLineEnd(line: string): string {
  let end = line.length;
  while (end > 0) {
    const c = line.charCodeAt(end - 1);
    if (c !== 13 && c !== 10) break;
    end--;
  }
  return end === line.length ? line : line.slice(0, end);
}
