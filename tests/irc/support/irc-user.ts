import net from 'node:net';
import ircFramework, { type Client, type MessageEvent } from 'irc-framework';
import { HOST } from './ngircd';
import { waitFor as until } from '../../support/wait';

export interface Heard {
  nick: string;
  target: string;
  message: string;
  at: number;
}

export { until };

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Another person on the test server, driven through irc-framework: says things, records what
 * it hears (PRIVMSGs to it or its channels) and every raw line it receives.
 */
export class IrcUser {
  readonly heard: Heard[] = [];
  readonly rawLines: string[] = [];
  closed = false;

  private constructor(
    readonly client: Client,
    readonly nick: string,
  ) {}

  static async connect(port: number, nick: string, channels: string[] = []): Promise<IrcUser> {
    const client = new ircFramework.Client();
    const user = new IrcUser(client, nick);
    client.on('privmsg', (e: MessageEvent) =>
      user.heard.push({ nick: e.nick, target: e.target, message: e.message, at: Date.now() }),
    );
    client.on('raw', (e: { line: string; from_server: boolean }) => {
      if (e.from_server) user.rawLines.push(e.line);
    });
    client.on('close', () => (user.closed = true));
    const registered = new Promise<void>((resolve, reject) => {
      client.once('registered', () => resolve());
      client.once('close', () => reject(new Error(`${nick} could not connect`)));
    });
    client.connect({
      host: HOST,
      port,
      nick,
      username: nick,
      gecos: nick,
      auto_reconnect: false,
      ping_interval: 0,
      ping_timeout: 0,
    });
    await registered;
    for (const channel of channels) await user.join(channel);
    return user;
  }

  async join(channel: string): Promise<void> {
    const joined = new Promise<void>((resolve) => {
      const onJoin = (e: { nick: string; channel: string }): void => {
        if (e.nick === this.client.user.nick && e.channel.toLowerCase() === channel.toLowerCase()) resolve();
      };
      this.client.on('join', onJoin);
    });
    this.client.join(channel);
    await joined;
  }

  say(target: string, text: string): void {
    this.client.say(target, text);
  }

  /** One raw line, unsplit (irc-framework's say() would split long text). */
  raw(line: string): void {
    this.client.connection.write(line);
  }

  /** Messages from `from` heard since index `since`. */
  from(from: string, since = 0): Heard[] {
    return this.heard.slice(since).filter((h) => h.nick.toLowerCase() === from.toLowerCase());
  }

  /** Waits for the `count`-th message from `from` after `since`; returns them all. */
  async waitFrom(from: string, since: number, count = 1, timeoutMs = 8_000): Promise<Heard[]> {
    return until(
      `${count} message(s) from ${from} to ${this.nick}`,
      () => {
        const got = this.from(from, since);
        return got.length >= count ? got : null;
      },
      timeoutMs,
    );
  }

  /** Leaves the server (QUIT), closing the socket if the server takes too long. */
  async quit(): Promise<void> {
    if (this.closed) return;
    const closed = new Promise<void>((resolve) => this.client.once('close', () => resolve()));
    this.client.quit('bye');
    await Promise.race([closed, sleep(2_000)]);
    if (!this.closed) this.client.connection.end(undefined, true);
  }
}

/**
 * A bare TCP client that registers and joins, and keeps every line it receives as raw bytes:
 * the wire check (line lengths, UTF-8 validity) needs the bytes, not decoded strings.
 */
export class WireObserver {
  readonly lines: Buffer[] = [];
  private buffer = Buffer.alloc(0);

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (data: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, data]);
      for (;;) {
        const end = this.buffer.indexOf('\r\n');
        if (end < 0) break;
        const line = this.buffer.subarray(0, end + 2);
        this.buffer = this.buffer.subarray(end + 2);
        const text = line.toString('latin1');
        const ping = /^PING (.*)\r\n$/.exec(text);
        if (ping) socket.write(`PONG ${ping[1]}\r\n`);
        this.lines.push(Buffer.from(line));
      }
    });
  }

  static async connect(port: number, nick: string, channel: string): Promise<WireObserver> {
    const socket = net.connect({ host: HOST, port });
    const observer = new WireObserver(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    socket.write(`NICK ${nick}\r\nUSER ${nick} 0 * :${nick}\r\n`);
    await until(
      'registration of the observer',
      () => observer.has(` 376 ${nick} `) || observer.has(` 422 ${nick} `),
    );
    socket.write(`JOIN ${channel}\r\n`);
    await until('observer join', () => observer.has(` 366 ${nick} `));
    return observer;
  }

  has(fragment: string): boolean {
    return this.lines.some((l) => l.toString('latin1').includes(fragment));
  }

  /** PRIVMSG lines (raw bytes, CRLF included) from `nick` since index `since`. */
  privmsgsFrom(nick: string, since = 0): Buffer[] {
    return this.lines
      .slice(since)
      .filter((l) => l.toString('latin1').startsWith(`:${nick}!`) && l.includes(' PRIVMSG '));
  }

  close(): void {
    this.socket.destroy();
  }
}
