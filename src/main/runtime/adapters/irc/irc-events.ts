import ircFramework from 'irc-framework';
// not re-exported by the package's main module; `.js` so it resolves from ESM and CommonJS alike
import numerics from 'irc-framework/src/commands/numerics.js';

const parseIrcLine = ircFramework.ircLineParser;
import type { IrcEventBase, IrcSender } from '../../events/irc-event-map';

/** One parsed line as a bus event: bottom's name and keyword-style fields. */
export interface IrcBusEvent {
  name: string;
  payload: IrcEventBase & Record<string, unknown>;
}

/** `RPL_ENDOFMOTD` for `376`; the digits themselves for a numeric no table names. */
export function numericName(code: string): string {
  return numerics[code] ?? code;
}

/** Channel prefixes when the server did not say (ISUPPORT CHANTYPES). */
const DEFAULT_CHANTYPES = '#&+!';
const isChannelByDefault = (target: string): boolean =>
  target.length > 1 && DEFAULT_CHANTYPES.includes(target[0]!);

/**
 * Turns one raw line from the server into bottom's event: the command (numerics by their
 * `RPL_*`/`ERR_*` names, MODE as `USERMODE` or `CHANNELMODE` by its target) and the fields
 * bottom passes as keyword arguments (nick, user, host, target, channel, message, …). Returns
 * null for a line that has no command. `isChannel` tells channel names from nicks (the
 * server's CHANTYPES).
 */
export function toBusEvent(
  line: string,
  adapterId: string,
  isChannel: (target: string) => boolean = isChannelByDefault,
): IrcBusEvent | null {
  const parsed = parseIrcLine(line);
  const command = parsed.command;
  if (command === '') return null;
  const p = parsed.params;
  const base: IrcEventBase = { adapterId, network: 'irc', raw: line, tags: parsed.tags, params: p };
  const sender: IrcSender = { nick: parsed.nick, user: parsed.ident, host: parsed.hostname };
  const last = p.length > 0 ? p[p.length - 1]! : '';
  const at = (i: number): string => p[i] ?? '';
  switch (command) {
    case 'PRIVMSG':
    case 'NOTICE':
      return { name: command, payload: { ...base, ...sender, target: at(0), message: at(1) } };
    case 'JOIN':
      return { name: command, payload: { ...base, ...sender, channel: at(0) } };
    case 'PART':
      return { name: command, payload: { ...base, ...sender, channel: at(0), message: at(1) } };
    case 'KICK':
      return {
        name: command,
        payload: { ...base, ...sender, channel: at(0), target: at(1), message: at(2) },
      };
    case 'QUIT':
      return { name: command, payload: { ...base, ...sender, message: at(0) } };
    case 'NICK':
      return { name: command, payload: { ...base, ...sender, new_nick: at(0) } };
    case 'MODE':
      return isChannel(at(0))
        ? {
            name: 'CHANNELMODE',
            payload: { ...base, ...sender, channel: at(0), modes: at(1), args: p.slice(2) },
          }
        : { name: 'USERMODE', payload: { ...base, ...sender, target: at(0), modes: at(1) } };
    case 'TOPIC':
      return { name: command, payload: { ...base, ...sender, channel: at(0), message: at(1) } };
    case 'INVITE':
      return { name: command, payload: { ...base, ...sender, target: at(0), channel: at(1) } };
    case 'PING':
    case 'PONG':
      return { name: command, payload: { ...base, message: last } };
    default: {
      const name = /^\d{3}$/.test(command) ? numericName(command) : command;
      return {
        name,
        payload: { ...base, ...sender, prefix: parsed.prefix, command, target: at(0), message: last },
      };
    }
  }
}
