// The part of irc-framework (4.x, plain JavaScript, no bundled types) the IRC adapter uses.
declare module 'irc-framework' {
  export interface ConnectOptions {
    host: string;
    port: number;
    tls?: boolean;
    rejectUnauthorized?: boolean;
    nick: string;
    username?: string;
    gecos?: string;
    password?: string;
    /** SASL PLAIN credentials; an empty object disables irc-framework's "server password as SASL" fallback. */
    account?: { account?: string; password?: string };
    auto_reconnect?: boolean;
    ping_interval?: number;
    ping_timeout?: number;
    message_max_length?: number;
    encoding?: string;
    version?: string | null;
  }

  export interface UserEvent {
    nick: string;
    ident: string;
    hostname: string;
  }

  export interface MessageEvent extends UserEvent {
    target: string;
    message: string;
    type?: string;
    tags?: Record<string, string>;
    time?: number;
    account?: string | false;
    from_server?: boolean;
  }

  export interface ChannelUser {
    nick: string;
    ident: string;
    hostname: string;
    modes: string[];
  }

  export interface Connection {
    connected: boolean;
    addReadBuffer(line: string): void;
    write(data: string, callback?: () => void): boolean | undefined;
    end(data?: string, hadError?: boolean): void;
  }

  export interface NetworkInfo {
    name: string;
    server: string;
    options: Record<string, unknown> & {
      CASEMAPPING?: string;
      PREFIX?: { symbol: string; mode: string }[];
      CHANTYPES?: string[] | string;
      NICKLEN?: string;
    };
  }

  export interface User {
    nick: string;
    username: string;
    host: string;
  }

  export class Client {
    constructor(options?: Partial<ConnectOptions>);
    connection: Connection;
    network: NetworkInfo;
    user: User;
    readonly connected: boolean;
    connect(options?: ConnectOptions): void;
    quit(message?: string): void;
    raw(...args: (string | number)[]): void;
    rawString(...args: (string | number)[]): string;
    ping(message?: string): void;
    changeNick(nick: string): void;
    join(channel: string, key?: string): void;
    say(target: string, message: string): void;
    caseLower(text: string): string;
    caseCompare(a: string, b: string): boolean;
    on(event: string, listener: (...args: never[]) => void): this;
    once(event: string, listener: (...args: never[]) => void): this;
    removeAllListeners(event?: string): this;
  }

  /** One parsed line (irc-framework's IrcMessage). */
  export interface ParsedLine {
    tags: Record<string, string>;
    prefix: string;
    nick: string;
    ident: string;
    hostname: string;
    command: string;
    params: string[];
  }

  const ircFramework: {
    Client: typeof Client;
    ircLineParser(line: string): ParsedLine;
  };
  export default ircFramework;
}

// irc-framework's numeric names (a plain JavaScript module inside the package).
declare module 'irc-framework/src/commands/numerics.js' {
  const numerics: Record<string, string>;
  export default numerics;
}
