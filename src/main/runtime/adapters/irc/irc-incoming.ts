import type { MessageEvent } from 'irc-framework';
import type { Config } from '../../config/schema';
import type { IncomingMessage } from '../types';
import { SourceQueue } from '../source-queue';
import { IrcConnection } from './irc-connection';
import type { Isupport } from './isupport';
import type { SyntheticPrivmsg } from './irc-bus';
import { cleanIncoming, lineProblems, sample } from './irc-text';
import { toIncoming, type MappingContext } from './irc-message';
import { WELCOME } from './irc-adapter-options';

/**
 * Incoming lines and messages of the IRC adapter: every raw line is inspected before parsing,
 * PRIVMSGs (real or triggered on the bus) become IncomingMessages and are handed to the
 * pipeline in order per sender and channel.
 */
export abstract class IrcIncoming extends IrcConnection {
  /** Keeps each sender's messages per channel in order (see deliver). */
  protected readonly sources = new SourceQueue(this.options.sourceHoldMs, (err) =>
    this.logger.error({ err }, 'message handling failed'),
  );
  protected nextMessageId = 1;
  /** The mapping context and what it was built from (rebuilt when the config or ISUPPORT change). */
  protected mapping: {
    ctx: MappingContext;
    config: Config | undefined;
    isupport: Isupport;
  } | null = null;

  /** Checks every raw line (also injected ones) before parsing: bad input is logged, never fatal. */
  protected override inspect(line: string): void {
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

  protected onPrivmsg(e: MessageEvent): void {
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
  protected override onSyntheticPrivmsg(m: SyntheticPrivmsg): void {
    const event = { nick: m.nick, ident: m.user, hostname: m.host, target: m.target, message: m.message };
    this.onPrivmsg({ ...event, tags: {} } as unknown as MessageEvent);
  }

  /**
   * Hands a message to the pipeline. One sender's messages in one channel go in order (the next
   * waits until the previous command finished, looped or asked — so an `ask()` answer is not
   * overtaken), but never longer than `sourceHoldMs`; other senders are not held up.
   */
  protected deliver(msg: IncomingMessage): void {
    void this.sources.run(`${this.fold(msg.author.name)}\u0000${msg.channel.id}`, () =>
      this.ctx!.deliver(msg),
    );
  }

  protected mappingContext(): MappingContext {
    const config = this.ctx?.config.all();
    const { isupport } = this;
    const cached = this.mapping;
    // the case mapping and network name come from the ISUPPORT snapshot: a new one, a new context
    if (cached && cached.config === config && cached.isupport === isupport) return cached.ctx;
    const ctx = this.buildMappingContext(config, this.networkName());
    this.mapping = { ctx, config, isupport };
    return ctx;
  }

  protected buildMappingContext(config: Config | undefined, network: string): MappingContext {
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
        caseMapping: this.isupport.caseMapping,
      },
      nextId: () => `${this.id}:${this.nextMessageId++}`,
    };
  }
}
