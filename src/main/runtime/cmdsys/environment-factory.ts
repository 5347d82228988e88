import type { Network } from '../../../shared/dto/status';
import type { DatabaseManager } from '../database/database-manager-api';
import type { Logger } from '../logging/logging';
import type { RpcRegistry } from '../rpc/rpc-registry';
import type { AudioApi, ClientInfo, ConfigReader, Environment } from './api/environment';
import { NotAvailable } from './api/errors';
import type { GenerationScope } from './loader/generation-scope';

/** What every generation's environment shares; only events and RPC are scoped per generation. */
export interface EnvironmentBase {
  clients(): ReadonlyMap<string, ClientInfo>;
  database: DatabaseManager;
  config: ConfigReader;
  audio: AudioApi;
  rpc: RpcRegistry;
  rpcAvailable(): boolean;
  logger: Logger;
}

export const unavailableAudio: AudioApi = {
  available: false,
  playSound() {
    throw new NotAvailable('the audio subsystem');
  },
};

export const unavailableDatabase: DatabaseManager = {
  available: false,
  getDbByMessage() {
    return Promise.reject(new NotAvailable('the database'));
  },
  getDb() {
    return Promise.reject(new NotAvailable('the database'));
  },
};

export function createEnvironment(base: EnvironmentBase, scope: GenerationScope): Environment {
  return {
    get clients() {
      return base.clients();
    },
    client(network: Network) {
      return [...base.clients().values()].find((c) => c.network === network);
    },
    database: base.database,
    config: base.config,
    audio: base.audio,
    events: scope.events,
    logger: base.logger,
    rpc: {
      get available() {
        return base.rpcAvailable();
      },
      register: (method, handler) => scope.track(base.rpc.register(method, handler)),
    },
  };
}
