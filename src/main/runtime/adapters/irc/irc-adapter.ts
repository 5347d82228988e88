import ircFramework, {
  type ChannelUser,
  type Client,
  type ConnectOptions,
  type MessageEvent,
  type UserEvent,
} from 'irc-framework';
import type { AdapterState, AdapterStatus } from '../../../../shared/dto/status';
import type { ArgumentResolver } from '../../cmdsys/api/refs';
import type { Config } from '../../config/schema';
import type { Logger } from '../../logging/logging';
import { splitMessage } from '../../text/split-message';
import { utf8Length } from '../../text/unicode';
import { OutgoingHooks, RawChain, type RawLines } from '../raw-chain';
import type { Adapter, AdapterContext, ChannelRef, IncomingMessage, MessageLimits, Outgoing } from '../types';
import { ChannelState } from './channel-state';
import { IrcBusBridge, type SyntheticPrivmsg } from './irc-bus';
import { buildCommand } from './irc-commands';
import { SendQueue } from './flood-control';
import { cleanIncoming, lineProblems, privmsgBudget, sample, toIrcText } from './irc-text';
import { ircResolver, toIncoming, type MappingContext } from './irc-message';
import { caseMappingOf, ircLower } from './masks';
import { backoffDelay, DEFAULT_BACKOFF, fallbackNick, type BackoffOptions } from './reconnect';

export type IrcServerConfig = Config['irc']['servers'][number];

export interface IrcAdapterOptions {
  /** Reconnect delays (exponential with jitter, capped). */
  backoff?: Partial<BackoffOptions>;
  /** We PING the server this often (s) to measure latency and notice a dead link. */
  pingIntervalSec?: number;
  /** No data from the server for this long (s) counts as a dead connection. */
  pingTimeoutSec?: number;
  /** `start()` resolves once ready, after the first failed attempt, or after this long (ms). */
  startTimeoutMs?: number;
  /** Join anyway when the server sends no end of MOTD within this long after registering (ms). */
  motdTimeoutMs?: number;
  /** `ready` fires when every channel was joined (or refused), or after this long (ms). */
  joinTimeoutMs?: number;
  /** A sender's next message waits at most this long for their previous one (ms). */
  sourceHoldMs?: number;
  /** A raw handler that hangs is given up on after this long (ms). */
  rawHandlerTimeoutMs?: number;
}

const DEFAULTS = {
  pingIntervalSec: 30,
  pingTimeoutSec: 120,
  startTimeoutMs: 15_000,
  motdTimeoutMs: 10_000,
  joinTimeoutMs: 5_000,
  sourceHoldMs: 5_000,
  rawHandlerTimeoutMs: 5_000,
};

/** IRC targets: no whitespace, commas or control characters. */
// eslint-disable-next-line no-control-regex -- control characters are what is refused
const TARGET = /^[^\s,\x00-\x1F]+$/;
// eslint-disable-next-line no-control-regex -- a raw line may not carry line breaks or NUL
const LINE_BREAK = /[\r\n\x00]/;
const WELCOME = /^(?:@\S+ )?:\S+ 001 (\S+) .*?(\S+)!(\S+)@(\S+)\s*$/;
const QUIT_MESSAGE = 'ProtOS bot stopping';
/** Lines per second public networks tolerate (the config default); more is for private servers. */
export const PUBLIC_NETWORK_PER_SECOND = 1;
/** A connection registered for this long counts as good: the next failure starts the backoff over. */
const STABLE_MS = 30_000;

const silentLogger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  fatal: () => undefined,
  child: () => silentLogger,
} as unknown as Logger;

/** Resolves when `promise` settles or after `ms`, whichever is first (never rejects). */
function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.then(
      () => undefined,
      () => undefined,
    ),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))),
  ]).finally(() => clearTimeout(timer));
}

/**
 * One IRC server (irc-framework underneath). Registers (server password, SASL PLAIN), joins
 * its channels once the MOTD is over, answers PING, measures latency, reconnects with
 * exponential backoff and rejoins, falls back to `nick_`/`nick__`/`nick1234` when the nick is
 * taken (and takes it back when it frees up). Incoming PRIVMSGs become IncomingMessages (rank
 * from owner masks and channel modes); replies are split to the byte budget of a relayed
 * PRIVMSG and go out through a token-bucket queue so the server never sees a flood. Every line
 * from the server runs through a raw handler chain (bottom's `raw_handlers`) whose default
 * handler feeds irc-framework's parser.
 */
export class IrcAdapter implements Adapter {
  readonly id: string;
  readonly network = 'irc' as const;
  readonly raw: RawLines;
  private readonly client: Client;
  private readonly chain: RawChain;
  private readonly bus: IrcBusBridge;
  private readonly outgoing: OutgoingHooks;
  private readonly queue: SendQueue;
  private readonly channels: ChannelState;
  private readonly options: typeof DEFAULTS & { backoff: BackoffOptions };
  private ctx: AdapterContext | null = null;
  private logger: Logger = silentLogger;

  private state: AdapterState = 'stopped';
  private stopping = false;
  /** connect() was called and no close followed yet. */
  private linkActive = false;
  private socketOpen = false;
  private registered = false;
  private registeredAt: number | null = null;
  private motdDone = false;
  private attempt = 0;
  private reconnects = 0;
  private latencyMs: number | null = null;
  private lastError: string | null = null;
  private closeReason: string | null = null;
  private triedNick: string;
  /** Our nick!user@host as the server sees it (user/host null until the server told us). */
  private readonly self: { nick: string; user: string | null; host: string | null };
  /** Channels to be in (folded → name): configured ones plus those joined since. */
  private readonly wanted = new Map<string, string>();
  private pendingJoins = new Set<string>();
  private readonly inflight = new Map<string, Promise<void>>();
  private nextMessageId = 1;
  private addressedAs: { names: string[]; mentions: string[] } | null = null;
  /** The mapping context and what it was built from (rebuilt when the config or ISUPPORT change). */
  private mapping: {
    ctx: MappingContext;
    config: Config | undefined;
    caseMapping: unknown;
    network: string;
  } | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private motdTimer: NodeJS.Timeout | null = null;
  private joinTimer: NodeJS.Timeout | null = null;
  private startWaiters: (() => void)[] = [];
  private closeWaiters: (() => void)[] = [];

  constructor(
    private readonly server: IrcServerConfig,
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
      const trimmed = line.replace(/[\r\n]+$/, '');
      if (trimmed === '') return;
      const pending = this.chain.push(trimmed);
      if (pending) pending.catch((err: unknown) => this.logger.warn({ err }, 'raw chain failed'));
    };
    // Every line to the server (ours and irc-framework's own) passes the outgoing hooks.
    this.outgoing = new OutgoingHooks({ warn: (fields, msg) => this.logger.warn(fields, msg) });
    const write = connection.write.bind(connection);
    connection.write = (data: string, callback?: () => void) => {
      const line = this.outgoing.size === 0 ? data : this.outgoing.apply(data);
      if (line !== null && LINE_BREAK.test(line))
        this.logger.warn({ sample: sample(line) }, 'outgoing hook produced a line break; line dropped');
      if (line === null || LINE_BREAK.test(line)) {
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

  // ---- Adapter --------------------------------------------------------------------------

  get native(): Client {
    return this.client;
  }

  /**
   * Bytes per line for a PRIVMSG from us to the longest target we may answer (a joined channel
   * or a nick of up to NICKLEN), so a chunk fits once the server prefixes our hostmask. `send`
   * re-checks against the actual target.
   */
  get limits(): MessageLimits {
    const longest = Math.max(this.nickLength() ?? 30, this.channels.longestNameBytes());
    return { maxChars: null, maxBytes: privmsgBudget('x'.repeat(longest), this.self) };
  }

  attach(ctx: AdapterContext): void {
    this.ctx = ctx;
    this.logger = ctx.logging.child('adapter:irc', { adapter: this.id });
    this.bus.attach(ctx.events);
    const { perSecond } = this.server.send;
    if (perSecond > PUBLIC_NETWORK_PER_SECOND)
      this.logger.warn(
        { perSecond, publicDefault: PUBLIC_NETWORK_PER_SECOND },
        'send.perSecond is above the public-network default: fine for a private server or bouncer, a public network may disconnect the bot for flooding',
      );
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

  /** The joined channels and the nicks seen in them (ourselves left out). */
  knownNames(): { users: string[]; channels: string[] } {
    const users = new Set<string>();
    for (const name of this.channels.names())
      for (const member of this.channels.get(name)?.members.values() ?? [])
        if (!this.isSelf(member.nick)) users.add(member.nick);
    return { users: [...users], channels: this.channels.names() };
  }

  status(): AdapterStatus {
    return {
      id: this.id,
      network: 'irc',
      label: `IRC ${this.server.host}:${this.server.port}${this.server.tls ? ' (TLS)' : ''} as ${this.currentNick()}`,
      state: this.state,
      latencyMs: this.latencyMs,
      guilds: this.registered ? 1 : 0,
      channels: this.channels.size,
      reconnects: this.reconnects,
      lastError: this.lastError,
    };
  }

  async send(out: Outgoing): Promise<void> {
    if (this.stopping || this.state === 'stopped') throw new Error(`${this.id} is not running`);
    const target = out.channel.id;
    if (!TARGET.test(target)) throw new Error(`not an IRC target: ${JSON.stringify(target)}`);
    const budget = privmsgBudget(target, this.self);
    const lines: string[] = [];
    const text = out.text;
    const rawLines = text.includes('\n') || text.includes('\r') ? text.split(/\r\n|\r|\n/) : [text];
    for (const rawLine of rawLines) {
      const line = toIrcText(rawLine);
      if (line.trim() === '') continue;
      const chunks =
        utf8Length(line) > budget ? splitMessage(line, { maxChars: null, maxBytes: budget }) : [line];
      for (const chunk of chunks) lines.push(`PRIVMSG ${target} :${chunk}`);
    }
    for (const file of out.files ?? []) {
      // IRC cannot carry files: a saved image is named by its path on the bot's machine
      const saved = this.ctx?.images ? await this.ctx.images.save(file).catch(() => null) : null;
      lines.push(
        saved
          ? `PRIVMSG ${target} :[image ${file.name} saved on the bot's machine: ${saved}]`
          : `PRIVMSG ${target} :[${file.name}, ${file.data.byteLength} bytes: IRC cannot carry files]`,
      );
    }
    await this.queue.enqueue(lines);
  }

  addressing(): { names: string[]; mentions: string[] } {
    // the same object while the nick stays: the pipeline caches what it derives from it
    const nick = this.currentNick();
    if (this.addressedAs?.names[0] !== nick) this.addressedAs = { names: [nick], mentions: [] };
    return this.addressedAs;
  }

  resolver(msg: IncomingMessage): ArgumentResolver {
    return ircResolver(msg, this.mappingContext());
  }

  /** Audit channels on IRC: any channel name (the bot posts there like in any channel). */
  async writableChannel(_guildId: string, text: string): Promise<ChannelRef> {
    const name = text.trim();
    if (!this.isChannel(name) || !TARGET.test(name))
      throw new Error(`"${name}" is not an IRC channel name (like #channel)`);
    return { id: name, name };
  }

  /** IRC convention: `nick: text` highlights the user. */
  mentionPrefix(mention: string): string {
    return `${mention}: `;
  }

  // ---- raw lines (bottom's send_raw / handle_raw) ----------------------------------------

  /** Sends one raw protocol line through flood control; resolves once written. */
  sendRaw(line: string): Promise<void> {
    if (LINE_BREAK.test(line))
      return Promise.reject(new TypeError('a raw IRC line may not contain CR, LF or NUL'));
    if (utf8Length(line) > 510)
      return Promise.reject(new RangeError('a raw IRC line may be at most 510 bytes'));
    if (this.stopping || this.state === 'stopped')
      return Promise.reject(new Error(`${this.id} is not running`));
    return this.queue.enqueue([line]);
  }

  /** bottom's `send`: the line built from a command and named fields, through flood control. */
  sendCommand(command: string, fields: Record<string, unknown> = {}): Promise<void> {
    let line: string;
    try {
      line = buildCommand(command, fields);
    } catch (err) {
      return Promise.reject(err as Error);
    }
    return this.sendRaw(line);
  }

  /** Whether the default raw handler is in place (not replaced, removed or cleared). */
  get hasDefaultRawHandler(): boolean {
    return this.chain.hasDefault;
  }

  /** Hooks on outgoing lines (diagnostics; tests check release on reload). */
  get outgoingHookCount(): number {
    return this.outgoing.size;
  }

  /** Raw handlers in front of the default one (diagnostics; tests check release on reload). */
  get rawHandlerCount(): number {
    return this.chain.size;
  }

  /** Runs `line` through the raw handler chain as if the server had sent it (each line of it, in order). */
  async handleRaw(line: string): Promise<void> {
    for (const one of line.split(/\r\n|\r|\n/)) if (one !== '') await this.chain.handle(one);
  }

  // ---- connection lifecycle ---------------------------------------------------------------

  private connect(): void {
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

  private onSocketOpen(): void {
    this.socketOpen = true;
    // answers go out as soon as they are written: Nagle's algorithm would hold a burst back
    const socket = (this.client.connection as { transport?: { socket?: { setNoDelay?(on: boolean): void } } })
      .transport?.socket;
    socket?.setNoDelay?.(true);
    this.logger.info('socket open; registering');
    this.trigger('client_connect');
  }

  private onRegistered(nick: string): void {
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
  private onMotdDone(): void {
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

  private onReady(): void {
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

  private onClosed(): void {
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

  private settleStart(): void {
    for (const resolve of this.startWaiters.splice(0)) resolve();
  }

  private clearTimers(): void {
    for (const timer of [this.reconnectTimer, this.motdTimer, this.joinTimer]) if (timer) clearTimeout(timer);
    this.reconnectTimer = this.motdTimer = this.joinTimer = null;
  }

  private writeLine(line: string): boolean {
    if (!this.socketOpen) return false;
    return this.client.connection.write(line) !== false;
  }

  // ---- irc-framework events ---------------------------------------------------------------

  private bindClientEvents(): void {
    const on = <T>(event: string, fn: (payload: T) => void): void => {
      this.client.on(event, (payload: never) => {
        try {
          fn(payload as T);
        } catch (err) {
          this.logger.error({ err, event }, 'IRC event handling failed');
        }
      });
    };
    on('socket connected', () => this.onSocketOpen());
    on<Error | false | undefined>('socket close', (err) => {
      if (err) this.closeReason ??= err.message;
    });
    on('close', () => this.onClosed());
    on<{ nick: string }>('registered', (e) => this.onRegistered(e.nick));
    on('motd', () => this.onMotdDone());
    on<{ nick: string; reason: string }>('nick in use', (e) => this.onNickUnavailable(e.nick, 'in use'));
    on<{ nick: string; reason: string }>('nick invalid', (e) => this.onNickUnavailable(e.nick, 'invalid'));
    on<{ hostname: string; nick: string }>('displayed host', (e) => {
      if (this.isSelf(e.nick)) this.self.host = e.hostname;
    });
    on<{ message?: string }>('pong', (e) => this.onPong(e.message));
    on<{ error: string; reason?: string; channel?: string }>('irc error', (e) => this.onIrcError(e));
    on<{ reason: string; message?: string }>('sasl failed', (e) => {
      this.lastError = `SASL failed: ${e.message ?? e.reason}`;
      this.logger.error({ reason: e.reason, message: e.message }, 'SASL authentication failed');
      this.changed();
    });
    on<MessageEvent>('privmsg', (e) => this.onPrivmsg(e));
    on<MessageEvent & { type: string | null }>('ctcp request', (e) => {
      // answered through flood control, and not at all while a backlog waits (a CTCP flood
      // must not delay real answers)
      if (e.type?.toUpperCase() !== 'VERSION' || !e.nick || this.queue.length > 5) return;
      this.queue
        .enqueue([`NOTICE ${e.nick} :\x01VERSION ProtOS Panel (irc-framework)\x01`])
        .catch(() => undefined);
    });
    on<UserEvent & { channel: string }>('join', (e) => this.onJoin(e));
    on<{ channel: string; users: ChannelUser[] }>('userlist', (e) =>
      this.channels.setNames(e.channel, e.users),
    );
    on<UserEvent & { channel: string }>('part', (e) => this.onLeave(e.channel, e.nick, 'part'));
    on<UserEvent & { channel: string; kicked: string; message: string }>('kick', (e) =>
      this.onLeave(e.channel, e.kicked, `kicked by ${e.nick}: ${e.message}`),
    );
    on<UserEvent>('quit', (e) => {
      this.channels.quit(e.nick);
      this.reclaimNick(e.nick);
    });
    on<UserEvent & { new_nick: string }>('nick', (e) => this.onNick(e.nick, e.new_nick));
    on<{ target: string; modes: { mode: string; param?: string }[] }>('mode', (e) => {
      if (!this.channels.has(e.target)) return;
      const membership = new Set((this.client.network.options.PREFIX ?? []).map((p) => p.mode));
      for (const change of e.modes) this.channels.mode(e.target, change.mode, change.param, membership);
    });
  }

  private onNickUnavailable(nick: string | undefined, why: string): void {
    if (this.registered) {
      this.logger.warn({ nick, why }, 'nick change refused');
      return;
    }
    const next =
      why === 'invalid' && this.triedNick === this.server.nick
        ? fallbackNick('ProtOS', 'ProtOS__', this.nickLength())
        : fallbackNick(this.server.nick, this.triedNick, this.nickLength());
    this.logger.warn({ nick: nick ?? this.triedNick, why, next }, 'nick unavailable; trying another');
    this.triedNick = next;
    this.client.changeNick(next);
  }

  private onPong(message: string | undefined): void {
    const sent = Number(message);
    if (!Number.isFinite(sent)) return;
    const latency = Date.now() - sent;
    if (latency < 0 || latency > 600_000) return;
    this.latencyMs = latency;
    this.changed();
  }

  private onIrcError(e: { error: string; reason?: string; channel?: string }): void {
    if (e.error === 'irc') this.closeReason = e.reason ?? 'ERROR from server';
    // the server's goodbye to our own QUIT is no error
    if (this.stopping) return;
    this.logger.warn({ error: e.error, reason: e.reason, channel: e.channel }, 'IRC error');
    this.lastError = e.reason ? `${e.error}: ${e.reason}` : e.error;
    if (e.channel && this.pendingJoins.delete(this.fold(e.channel)) && this.pendingJoins.size === 0)
      this.onReady();
    this.changed();
  }

  private onJoin(e: UserEvent & { channel: string }): void {
    const self = this.isSelf(e.nick);
    this.channels.join(e.channel, e, self);
    if (!self) return;
    this.self.user = e.ident || this.self.user;
    this.self.host = e.hostname || this.self.host;
    const key = this.fold(e.channel);
    this.wanted.set(key, e.channel);
    this.logger.info({ channel: e.channel }, 'joined');
    if (this.pendingJoins.delete(key) && this.pendingJoins.size === 0) this.onReady();
    else this.changed();
  }

  private onLeave(channel: string, nick: string, why: string): void {
    const self = this.isSelf(nick);
    this.channels.leave(channel, nick, self);
    if (!self) return;
    // a configured channel is rejoined on the next connection; one joined later is forgotten
    const key = this.fold(channel);
    if (!this.server.channels.some((c) => this.fold(c) === key)) this.wanted.delete(key);
    this.logger.info({ channel, why }, 'left channel');
    this.changed();
  }

  private onNick(nick: string, next: string): void {
    this.channels.rename(nick, next);
    if (this.isSelf(nick)) {
      this.self.nick = next;
      this.logger.info({ nick: next }, 'nick changed');
      this.changed();
    } else {
      this.reclaimNick(nick);
    }
  }

  /** The configured nick just became free: take it back. */
  private reclaimNick(freed: string): void {
    if (!this.registered || this.isSelf(this.server.nick)) return;
    if (this.fold(freed) !== this.fold(this.server.nick)) return;
    this.logger.info({ nick: this.server.nick }, 'configured nick is free again; reclaiming it');
    this.client.changeNick(this.server.nick);
  }

  // ---- incoming messages ----------------------------------------------------------------

  /** Checks every raw line (also injected ones) before parsing: bad input is logged, never fatal. */
  private inspect(line: string): void {
    if (line.length > 170 || line.includes('\uFFFD')) {
      const problems = lineProblems(line);
      if (problems.length > 0) this.logger.warn({ problems, sample: sample(line) }, 'malformed IRC line');
    }
    const welcome = line.includes(' 001 ') ? WELCOME.exec(line) : null;
    if (welcome && this.fold(welcome[1]!) === this.fold(welcome[2]!)) {
      this.self.user = welcome[3]!;
      this.self.host = welcome[4]!;
    }
  }

  private onPrivmsg(e: MessageEvent): void {
    if (!this.ctx || !e.nick || e.from_server || typeof e.message !== 'string') return;
    if (this.isSelf(e.nick)) return;
    const cleaned = cleanIncoming(e.message);
    if (cleaned.controls) {
      this.logger.warn(
        { from: e.nick, target: e.target, sample: sample(e.message) },
        'control characters in a message',
      );
    } else if (cleaned.formatted) {
      this.logger.debug(
        { from: e.nick, target: e.target, sample: sample(e.message) },
        'stripped IRC formatting',
      );
    }
    if (this.isChannel(e.target)) this.channels.learn(e.target, e);
    this.deliver(toIncoming(e, cleaned.text, this.mappingContext()));
  }

  /** A PRIVMSG a command file triggered on the bus: handled as if the server had sent it. */
  private onSyntheticPrivmsg(m: SyntheticPrivmsg): void {
    const event = { nick: m.nick, ident: m.user, hostname: m.host, target: m.target, message: m.message };
    this.onPrivmsg({ ...event, tags: {} } as unknown as MessageEvent);
  }

  /**
   * Hands a message to the pipeline. One sender's messages in one channel go in order (the next
   * waits until the previous command finished, looped or asked — so an `ask()` answer is not
   * overtaken), but never longer than `sourceHoldMs`; other senders are not held up.
   */
  private deliver(msg: IncomingMessage): void {
    const key = `${this.fold(msg.author.name)}\u0000${msg.channel.id}`;
    const previous = this.inflight.get(key);
    const run = (async () => {
      if (previous) await settleWithin(previous, this.options.sourceHoldMs);
      await this.ctx!.deliver(msg);
    })().catch((err: unknown) =>
      this.logger.error({ err, author: msg.author.id }, 'message handling failed'),
    );
    this.inflight.set(key, run);
    void run.finally(() => {
      if (this.inflight.get(key) === run) this.inflight.delete(key);
    });
  }

  private mappingContext(): MappingContext {
    const config = this.ctx?.config.all();
    const caseMapping = this.client.network.options.CASEMAPPING;
    const network = this.networkName();
    const cached = this.mapping;
    if (
      cached &&
      cached.config === config &&
      cached.caseMapping === caseMapping &&
      cached.network === network
    )
      return cached.ctx;
    const ctx = this.buildMappingContext(config, network);
    this.mapping = { ctx, config, caseMapping, network };
    return ctx;
  }

  private buildMappingContext(config: Config | undefined, network: string): MappingContext {
    const ranks = config?.ranks;
    return {
      adapterId: this.id,
      guild: { id: `${this.server.host}:${this.server.port}`, name: network },
      fold: (text) => this.fold(text),
      isChannel: (target) => this.isChannel(target),
      channels: this.channels,
      rules: {
        owners: ranks?.owners ?? [],
        defaultRank: ranks?.default ?? 10,
        opRank: this.server.opRank,
        voiceRank: this.server.voiceRank,
        caseMapping: caseMappingOf(this.client.network.options.CASEMAPPING),
      },
      nextId: () => `${this.id}:${this.nextMessageId++}`,
    };
  }

  // ---- helpers --------------------------------------------------------------------------

  private fold(text: string): string {
    return ircLower(text, caseMappingOf(this.client.network.options.CASEMAPPING));
  }

  private isSelf(nick: string): boolean {
    return this.fold(nick) === this.fold(this.currentNick());
  }

  private currentNick(): string {
    return this.registered ? this.client.user.nick || this.self.nick : this.self.nick;
  }

  private isChannel(target: string): boolean {
    const types = this.client.network.options.CHANTYPES ?? ['#', '&'];
    return target.length > 1 && types.includes(target[0]!);
  }

  private nickLength(): number | null {
    const n = Number(this.client.network.options.NICKLEN);
    return Number.isInteger(n) && n > 0 ? n : null;
  }

  private networkName(): string {
    const name = this.client.network.options.NETWORK;
    return typeof name === 'string' && name !== '' ? name : this.server.host;
  }

  private trigger(event: 'client_connect' | 'ready'): void;
  private trigger(event: 'client_disconnect', reason: string): void;
  private trigger(event: 'client_connect' | 'client_disconnect' | 'ready', reason?: string): void {
    const events = this.ctx?.events;
    if (!events) return;
    if (event === 'client_disconnect')
      events.trigger(event, { adapterId: this.id, network: 'irc', reason: reason ?? '' });
    else events.trigger(event, { adapterId: this.id, network: 'irc' });
    this.changed();
  }

  private setState(state: AdapterState): void {
    if (this.state === state) return;
    this.state = state;
    this.changed();
  }

  private changed(): void {
    this.ctx?.statusChanged();
  }
}
