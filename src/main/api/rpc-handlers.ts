import type { Bot } from '../runtime/bot';
import type { Handlers } from './router';

type RpcHandlers = Pick<Handlers, 'rpc.status' | 'rpc.token' | 'rpc.rotateToken'>;

/** Status and token of the loopback RPC server, for the Status and Settings views. */
export function rpcHandlers(bot: Bot): RpcHandlers {
  return {
    'rpc.status': () => bot.rpcService.status(),
    'rpc.token': () => bot.rpcService.tokenInfo(),
    'rpc.rotateToken': () => bot.rpcService.rotate(),
  };
}
