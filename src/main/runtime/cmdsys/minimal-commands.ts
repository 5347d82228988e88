import type { IncomingMessage } from '../adapters/types';

/**
 * Stand-in command handling until the command system lands: `ping` and `help` only.
 * Replaced wholesale by the cmdsys executor; the bot calls it through the same seam.
 */
export async function handleMinimalCommand(
  msg: IncomingMessage,
  reply: (text: string, isError?: boolean) => Promise<void>,
): Promise<void> {
  const [name = '', ...rest] = msg.text.trim().split(/\s+/);
  switch (name.toLowerCase()) {
    case 'ping':
      await reply('pong');
      return;
    case 'help':
      await reply(rest.length ? `help: no help for "${rest.join(' ')}"` : 'Commands: help, ping');
      return;
    default:
      await reply(`unknown command "${name}". Try "help".`, true);
  }
}
