/**
 * IRC events on the bus under bottom's names: every parsed line from an IRC server is triggered
 * as its command (`PRIVMSG`, `JOIN`, …) or, for numerics, its `RPL_*` / `ERR_*` name, with the
 * parsed fields as keyword-style payload properties. Event names are case-insensitive on the bus
 * (`privmsg` and `PRIVMSG` are the same event), as in bottom.
 */

/** What every IRC event carries. */
export interface IrcEventBase {
  /** The adapter the line came from (`irc:<host>:<port>`). */
  adapterId: string;
  network: 'irc';
  /** The line as received (without CR LF); empty for a payload built by `trigger`. */
  raw: string;
  /** IRCv3 message tags. */
  tags: Record<string, string>;
  /** Every parameter of the line, in order. */
  params: string[];
}

/** Sender fields (bottom's nickmask): empty strings when the line had no such prefix part. */
export interface IrcSender {
  nick: string;
  user: string;
  host: string;
}

export interface IrcMessagePayload extends IrcEventBase, IrcSender {
  target: string;
  message: string;
}

export interface IrcChannelPayload extends IrcEventBase, IrcSender {
  channel: string;
}

export interface IrcPartPayload extends IrcChannelPayload {
  message: string;
}

export interface IrcKickPayload extends IrcChannelPayload {
  /** The nick that was kicked. */
  target: string;
  message: string;
}

/**
 * bottom splits MODE in two by its target: `USERMODE` for a nick, `CHANNELMODE` for a channel.
 * The sender fields name who changed the modes (empty nick for the server).
 */
export interface IrcUserModePayload extends IrcEventBase, IrcSender {
  /** The nick whose modes changed. */
  target: string;
  /** The mode string (`+i`, `-w+x`). */
  modes: string;
}

export interface IrcChannelModePayload extends IrcChannelPayload {
  /** The mode string (`+o`, `-v+b`). */
  modes: string;
  /** The modes' parameters, in order (`['alice']` for `+o alice`); `params` has the whole line's. */
  args: string[];
}

/** A numeric reply (`RPL_WELCOME`, `ERR_NOMOTD`, …) or a command the map does not name. */
export interface IrcReplyPayload extends IrcEventBase, IrcSender {
  /** The server (or sender) prefix. */
  prefix: string;
  /** The three digits (`376`) or the command word. */
  command: string;
  /** First parameter: for numerics, the nick the reply is for. */
  target: string;
  /** Last parameter (the human-readable text). */
  message: string;
}

export interface IrcEvents {
  PRIVMSG: IrcMessagePayload;
  NOTICE: IrcMessagePayload;
  JOIN: IrcChannelPayload;
  PART: IrcPartPayload;
  KICK: IrcKickPayload;
  QUIT: IrcEventBase & IrcSender & { message: string };
  NICK: IrcEventBase & IrcSender & { new_nick: string };
  USERMODE: IrcUserModePayload;
  CHANNELMODE: IrcChannelModePayload;
  TOPIC: IrcChannelPayload & { message: string };
  INVITE: IrcEventBase & IrcSender & { target: string; channel: string };
  PING: IrcEventBase & { message: string };
  PONG: IrcEventBase & { message: string };
}

export type IrcEventName = keyof IrcEvents;
export type IrcNumericName = `RPL_${string}` | `ERR_${string}`;
