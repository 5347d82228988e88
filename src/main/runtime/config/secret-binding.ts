import { ownValue } from '../../../shared/config/safe-keys';

/**
 * Secrets are bound to the endpoint they were entered for, like a browser's saved passwords:
 * the Discord token to `discord.api`, an IRC server's passwords to its host and port. When a
 * save changes the endpoint, the old secret is not carried over (the panel asks for it again),
 * so nobody who can edit the config can make the bot send a stored secret somewhere new.
 */
export interface SecretMove {
  /** Path of the secret in the current (stored) config. */
  from: string;
  /** Path it keeps in the next config. */
  to: string;
}

interface IrcEndpoint {
  host: unknown;
  port: unknown;
}

function servers(config: unknown): unknown[] {
  const list = ownValue(ownValue(config, 'irc'), 'servers');
  return Array.isArray(list) ? list : [];
}

const IRC_DEFAULT_PORT = 6667;

function endpointOf(server: unknown): IrcEndpoint {
  const port = ownValue(server, 'port');
  return { host: ownValue(server, 'host'), port: port === undefined ? IRC_DEFAULT_PORT : port };
}

const sameEndpoint = (a: IrcEndpoint, b: IrcEndpoint): boolean =>
  typeof a.host === 'string' &&
  typeof b.host === 'string' &&
  a.host.toLowerCase() === b.host.toLowerCase() &&
  a.port === b.port;

const isSet = (value: unknown): boolean => value !== null && value !== undefined;

/**
 * Which stored secrets survive into `next`, and where they go. The Discord token stays only if
 * `discord.api` is unchanged; an IRC server's secrets follow the server with the same host and
 * port (so reordering servers keeps them), and are dropped when no server has that endpoint.
 */
export function rebindSecrets(current: unknown, next: unknown): SecretMove[] {
  const moves: SecretMove[] = [];
  const currentDiscord = ownValue(current, 'discord');
  const nextDiscord = ownValue(next, 'discord');
  const apiOf = (d: unknown): unknown => ownValue(d, 'api') ?? null;
  if (isSet(ownValue(currentDiscord, 'token')) && apiOf(currentDiscord) === apiOf(nextDiscord)) {
    moves.push({ from: 'discord.token', to: 'discord.token' });
  }

  const before = servers(current);
  const after = servers(next);
  const taken = new Set<number>();
  after.forEach((server, i) => {
    const endpoint = endpointOf(server);
    const candidates = [i, ...before.keys()].filter((j) => j < before.length && !taken.has(j));
    const j = candidates.find((k) => sameEndpoint(endpointOf(before[k]), endpoint));
    if (j === undefined) return;
    taken.add(j);
    if (isSet(ownValue(before[j], 'password')))
      moves.push({ from: `irc.servers.${j}.password`, to: `irc.servers.${i}.password` });
    if (isSet(ownValue(ownValue(before[j], 'sasl'), 'password')))
      moves.push({ from: `irc.servers.${j}.sasl.password`, to: `irc.servers.${i}.sasl.password` });
  });
  return moves;
}

/** Paths (in the current config) of stored secrets a save drops because their endpoint changed. */
export function droppedSecrets(current: unknown, kept: SecretMove[]): string[] {
  const survived = new Set(kept.map((m) => m.from));
  const dropped: string[] = [];
  if (isSet(ownValue(ownValue(current, 'discord'), 'token')) && !survived.has('discord.token'))
    dropped.push('discord.token');
  servers(current).forEach((server, j) => {
    if (isSet(ownValue(server, 'password')) && !survived.has(`irc.servers.${j}.password`))
      dropped.push(`irc.servers.${j}.password`);
    if (
      isSet(ownValue(ownValue(server, 'sasl'), 'password')) &&
      !survived.has(`irc.servers.${j}.sasl.password`)
    )
      dropped.push(`irc.servers.${j}.sasl.password`);
  });
  return dropped;
}
