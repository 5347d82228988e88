import type { Config } from '../config/schema';
import { DiscordAdapter } from './discord/discord-adapter';
import type { CommandCatalog } from './discord/slash/slash-commands';
import { IrcAdapter } from './irc/irc-adapter';
import type { Adapter } from './types';

/**
 * The chat-network adapters the config asks for: Discord when a token is set, one IRC adapter
 * per configured server. The console adapter is always there and is not made here.
 */
export function createNetworkAdapters(config: Readonly<Config>, commands?: CommandCatalog): Adapter[] {
  const adapters: Adapter[] = [];
  if (config.discord.token) adapters.push(new DiscordAdapter({ commands }));
  for (const server of config.irc.servers) adapters.push(new IrcAdapter(server));
  return adapters;
}
