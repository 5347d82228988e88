import type { ChannelUser, MessageEvent, UserEvent } from 'irc-framework';
import { IrcIncoming } from './irc-incoming';
import { fallbackNick } from './reconnect';

/**
 * irc-framework's client events for the IRC adapter: connection and registration steps, nick
 * fallback and reclaim, latency from PONG, server errors, channel membership and modes.
 */
export abstract class IrcClientEvents extends IrcIncoming {
  protected override bindClientEvents(): void {
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
    on('server options', () => this.refreshIsupport());
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

  protected onNickUnavailable(nick: string | undefined, why: string): void {
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

  protected onPong(message: string | undefined): void {
    const sent = Number(message);
    if (!Number.isFinite(sent)) return;
    const latency = Date.now() - sent;
    if (latency < 0 || latency > 600_000) return;
    this.latencyMs = latency;
    this.changed();
  }

  protected onIrcError(e: { error: string; reason?: string; channel?: string }): void {
    if (e.error === 'irc') this.closeReason = e.reason ?? 'ERROR from server';
    // the server's goodbye to our own QUIT is no error
    if (this.stopping) return;
    this.logger.warn({ error: e.error, reason: e.reason, channel: e.channel }, 'IRC error');
    this.lastError = e.reason ? `${e.error}: ${e.reason}` : e.error;
    if (e.channel && this.pendingJoins.delete(this.fold(e.channel)) && this.pendingJoins.size === 0)
      this.onReady();
    this.changed();
  }

  protected onJoin(e: UserEvent & { channel: string }): void {
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

  protected onLeave(channel: string, nick: string, why: string): void {
    const self = this.isSelf(nick);
    this.channels.leave(channel, nick, self);
    if (!self) return;
    // a configured channel is rejoined on the next connection; one joined later is forgotten
    const key = this.fold(channel);
    if (!this.server.channels.some((c) => this.fold(c) === key)) this.wanted.delete(key);
    this.logger.info({ channel, why }, 'left channel');
    this.changed();
  }

  protected onNick(nick: string, next: string): void {
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
  protected reclaimNick(freed: string): void {
    if (!this.registered || this.isSelf(this.server.nick)) return;
    if (this.fold(freed) !== this.fold(this.server.nick)) return;
    this.logger.info({ nick: this.server.nick }, 'configured nick is free again; reclaiming it');
    this.client.changeNick(this.server.nick);
  }
}
