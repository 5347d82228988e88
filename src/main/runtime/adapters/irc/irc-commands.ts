/**
 * bottom's `send(command, **kwargs)`: builds one IRC line from a command and named fields, and
 * refuses what would not be a valid line (a missing field, a space in a middle parameter, a line
 * break anywhere) with an error that names the field.
 */

/** How one field becomes a parameter. */
interface Part {
  field: string;
  /**
   * `middle`: one word; `list`: one word or an array joined with commas; `words`: one word or
   * an array joined with spaces; `trailing`: the rest of the line.
   */
  kind: 'middle' | 'list' | 'words' | 'trailing';
  optional?: boolean;
}

const m = (field: string, optional = false): Part => ({ field, kind: 'middle', optional });
const l = (field: string, optional = false): Part => ({ field, kind: 'list', optional });
const w = (field: string, optional = false): Part => ({ field, kind: 'words', optional });
const t = (field: string, optional = false): Part => ({ field, kind: 'trailing', optional });

/** The commands `send` knows (bottom's list, plus CAP for IRCv3); the wire command comes first when renamed. */
const COMMANDS: Record<string, { wire?: string; parts: Part[] }> = {
  PASS: { parts: [m('password')] },
  NICK: { parts: [m('nick')] },
  USER: { parts: [m('user'), m('mode', true), t('realname')] },
  OPER: { parts: [m('user'), m('password')] },
  USERMODE: { wire: 'MODE', parts: [m('nick'), m('modes', true)] },
  CHANNELMODE: { wire: 'MODE', parts: [m('channel'), m('modes', true), w('params', true)] },
  MODE: { parts: [m('target'), m('modes', true), w('params', true)] },
  QUIT: { parts: [t('message', true)] },
  JOIN: { parts: [l('channel'), l('key', true)] },
  PART: { parts: [l('channel'), t('message', true)] },
  TOPIC: { parts: [m('channel'), t('message', true)] },
  NAMES: { parts: [l('channel', true), m('target', true)] },
  LIST: { parts: [l('channel', true), m('target', true)] },
  INVITE: { parts: [m('nick'), m('channel')] },
  KICK: { parts: [l('channel'), l('nick'), t('message', true)] },
  PRIVMSG: { parts: [m('target'), t('message')] },
  NOTICE: { parts: [m('target'), t('message')] },
  MOTD: { parts: [m('target', true)] },
  LUSERS: { parts: [m('mask', true), m('target', true)] },
  VERSION: { parts: [m('target', true)] },
  STATS: { parts: [m('query', true), m('target', true)] },
  TIME: { parts: [m('target', true)] },
  ADMIN: { parts: [m('target', true)] },
  INFO: { parts: [m('target', true)] },
  WHO: { parts: [m('mask', true), m('o', true)] },
  WHOIS: { parts: [m('target', true), l('mask')] },
  WHOWAS: { parts: [l('nick'), m('count', true), m('target', true)] },
  KILL: { parts: [m('nick'), t('message')] },
  PING: { parts: [t('message', true)] },
  PONG: { parts: [t('message', true)] },
  AWAY: { parts: [t('message', true)] },
  USERHOST: { parts: [w('nick')] },
  ISON: { parts: [w('nick')] },
  WALLOPS: { parts: [t('message')] },
  CAP: { parts: [m('subcommand'), t('capabilities', true)] },
};

export class IrcCommandError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'IrcCommandError';
  }
}

// eslint-disable-next-line no-control-regex -- a parameter may not carry line breaks or NUL
const FORBIDDEN = /[\r\n\x00]/;

/** The commands `buildCommand` knows, upper-case. */
export const knownCommands = (): string[] => Object.keys(COMMANDS);

function word(command: string, field: string, value: unknown): string {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
    throw new IrcCommandError(`${command}: "${field}" must be text, got ${describe(value)}`);
  const text = String(value);
  if (text === '') throw new IrcCommandError(`${command}: "${field}" is empty`);
  if (FORBIDDEN.test(text)) throw new IrcCommandError(`${command}: "${field}" contains CR, LF or NUL`);
  if (/\s/.test(text)) throw new IrcCommandError(`${command}: "${field}" may not contain spaces`);
  if (text.startsWith(':')) throw new IrcCommandError(`${command}: "${field}" may not start with ":"`);
  return text;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value;
}

/**
 * The line for `command` with `fields` (no CR LF). Throws IrcCommandError for an unknown command,
 * a missing or malformed field, or a field the command does not take.
 */
export function buildCommand(command: string, fields: Record<string, unknown> = {}): string {
  if (typeof command !== 'string' || command === '') throw new IrcCommandError('send: no command given');
  const name = command.toUpperCase();
  const spec = COMMANDS[name];
  if (!spec)
    throw new IrcCommandError(`send: unknown command "${command}" (use raw.send for a hand-made line)`);
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields))
    throw new IrcCommandError(`${name}: fields must be an object`);
  const known = new Set(spec.parts.map((p) => p.field));
  const extra = Object.keys(fields).filter((k) => !known.has(k) && fields[k] !== undefined);
  if (extra.length > 0)
    throw new IrcCommandError(
      `${name}: unknown field${extra.length > 1 ? 's' : ''} ${extra.map((e) => `"${e}"`).join(', ')} (it takes ${[...known].join(', ')})`,
    );
  const out = [spec.wire ?? name];
  for (const part of spec.parts) {
    const value = fields[part.field];
    if (value === undefined || value === null || value === false) {
      if (!part.optional) throw new IrcCommandError(`${name}: "${part.field}" is required`);
      continue;
    }
    if (part.kind === 'trailing') {
      const text = typeof value === 'string' ? value : String(value as number);
      if (FORBIDDEN.test(text)) throw new IrcCommandError(`${name}: "${part.field}" contains CR, LF or NUL`);
      out.push(`:${text}`);
    } else if ((part.kind === 'list' || part.kind === 'words') && Array.isArray(value)) {
      if (value.length === 0) throw new IrcCommandError(`${name}: "${part.field}" is an empty list`);
      out.push(value.map((v) => word(name, part.field, v)).join(part.kind === 'list' ? ',' : ' '));
    } else if (part.field === 'o' && value === true) {
      out.push('o');
    } else {
      out.push(word(name, part.field, value));
    }
  }
  return out.join(' ');
}
