import type { AdapterStatus } from '../../../../shared/dto/status';
import type { ArgumentResolver } from '../../cmdsys/api/refs';
import { splitMessage } from '../../text/split-message';
import { utf8Length } from '../../text/unicode';
import type {
  Adapter,
  AdapterContext,
  ChannelRef,
  IncomingMessage,
  MessageLimits,
  Outgoing,
  OutgoingFile,
} from '../types';
import { IrcClientEvents } from './irc-client-events';
import { buildCommand } from './irc-commands';
import { privmsgBudget, toIrcText } from './irc-text';
import { ircResolver } from './irc-message';
import { LINE_BREAK, PUBLIC_NETWORK_PER_SECOND, TARGET } from './irc-adapter-options';

export {
  PUBLIC_NETWORK_PER_SECOND,
  type IrcAdapterOptions,
  type IrcServerConfig,
} from './irc-adapter-options';

/**
 * One IRC server (irc-framework underneath). Registers (server password, SASL PLAIN), joins
 * its channels once the MOTD is over, answers PING, measures latency, reconnects with
 * exponential backoff and rejoins, falls back to `nick_`/`nick__`/`nick1234` when the nick is
 * taken (and takes it back when it frees up). Incoming PRIVMSGs become IncomingMessages (rank
 * from owner masks and channel modes); replies are split to the byte budget of a relayed
 * PRIVMSG and go out through a token-bucket queue so the server never sees a flood. Every line
 * from the server runs through a raw handler chain (bottom's `raw_handlers`) whose default
 * handler feeds irc-framework's parser.
 *
 * The class is layered over several files: IrcConnection (state, lifecycle), IrcIncoming
 * (incoming lines and messages), IrcClientEvents (irc-framework events) and this file (the
 * Adapter API, outgoing messages, raw lines).
 */
export class IrcAdapter extends IrcClientEvents implements Adapter {
  private addressedAs: { names: string[]; mentions: string[] } | null = null;

  // ---- Adapter --------------------------------------------------------------------------

  /** The last `limits` and what they were computed from. */
  private limitsFor: {
    longest: number;
    nick: string;
    user: string | null;
    host: string | null;
    limits: MessageLimits;
  } | null = null;

  /**
   * Bytes per line for a PRIVMSG from us to the longest target we may answer (a joined channel
   * or a nick of up to NICKLEN), so a chunk fits once the server prefixes our hostmask. `send`
   * re-checks against the actual target.
   */
  get limits(): MessageLimits {
    const longest = Math.max(this.nickLength() ?? 30, this.channels.longestNameBytes());
    const { nick, user, host } = this.self;
    const cached = this.limitsFor;
    // read for every response: the same object while what it depends on stays the same
    if (cached?.longest === longest && cached.nick === nick && cached.user === user && cached.host === host)
      return cached.limits;
    const limits = { maxChars: null, maxBytes: privmsgBudget('x'.repeat(longest), this.self) };
    this.limitsFor = { longest, nick, user, host, limits };
    return limits;
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

  send(out: Outgoing): Promise<void> {
    let lines: string[];
    try {
      lines = this.linesOf(out);
    } catch (err) {
      return Promise.reject(err as Error);
    }
    // no `async`: a plain reply is one promise (flood control's), not a chain of them
    return out.files?.length
      ? this.sendWithFiles(out.channel.id, lines, out.files)
      : this.queue.enqueue(lines);
  }

  /** The PRIVMSG lines for a response's text, each within the server's line length. */
  private linesOf(out: Outgoing): string[] {
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
    return lines;
  }

  private async sendWithFiles(target: string, lines: string[], files: OutgoingFile[]): Promise<void> {
    for (const file of files) {
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
}
