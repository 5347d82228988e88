import type { Bot } from '../runtime/bot';
import { panelAudit } from './panel-audit';
import type { Handlers } from './router';

type RpcHandlers = Pick<Handlers, 'rpc.status' | 'rpc.token' | 'rpc.rotateToken'>;

/** Status and token of the loopback RPC server, for the Status and Settings views. */
export function rpcHandlers(bot: Bot): RpcHandlers {
  return {
    'rpc.status': () => bot.rpcService.status(),
    'rpc.token': () => bot.rpcService.tokenInfo(),
    'rpc.rotateToken': async () => {
      const info = await bot.rpcService.rotate();
      panelAudit(bot)('rpc', 'rotated the RPC token (the old one is refused from now on)');
      return info;
    },
  };
}
