import type { Config } from '../config/schema';
import { DiscordAdapter } from './discord/discord-adapter';
import { IrcAdapter } from './irc/irc-adapter';
import type { Adapter } from './types';

/**
 * The chat-network adapters the config asks for: Discord when a token is set, one IRC adapter
 * per configured server. The console adapter is always there and is not made here.
 */
export function createNetworkAdapters(config: Readonly<Config>): Adapter[] {
  const adapters: Adapter[] = [];
  if (config.discord.token) adapters.push(new DiscordAdapter());
  for (const server of config.irc.servers) adapters.push(new IrcAdapter(server));
  return adapters;
}
