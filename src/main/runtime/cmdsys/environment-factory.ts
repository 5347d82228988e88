import type { Network } from '../../../shared/dto/status';
import { scopedRawApi, type RawLines } from '../adapters/raw-chain';
import type { AuditApi } from '../audit/types';
import type { Adapter } from '../adapters/types';
import type { DatabaseManagerApi } from '../database/database-manager-api';
import type { Logger } from '../logging/logging';
import type { RpcRegistry } from '../rpc/rpc-registry';
import { zmq } from '../rpc/zmq';
import type { MiddlewareRegistry } from '../pipeline/middleware-registry';
import type { MessageMiddleware, StringMiddleware } from '../pipeline/middleware/types';
import type {
  AudioApi,
  BotStats,
  ClientInfo,
  ConfigReader,
  Environment,
  RpcHandler,
} from './api/environment';
import type { SendFn } from './api/send';
import { NotAvailable } from './api/errors';
import { HandoverNames } from './handover-names';
import type { GenerationScope } from './loader/generation-scope';
import type { ShardsApi } from './api/shards';
import { ShardingHub } from '../sharding/sharding-hub';

/** What every generation's environment shares; only events and RPC are scoped per generation. */
export interface EnvironmentBase {
  clients(): ReadonlyMap<string, ClientInfo>;
  database: DatabaseManagerApi;
  config: ConfigReader;
  audio: AudioApi;
  rpc: RpcRegistry;
  rpcAvailable(): boolean;
  /** Endpoint and token of the running RPC server (for in-process clients), or null. */
  rpcClientInfo?(): { endpoint: string; token: string | null } | null;
  middleware: MiddlewareRegistry;
  logger: Logger;
  audit: AuditApi;
  stats: BotStats;
  /** Raw-line access of the adapters that have it (IRC), by adapter id. */
  rawLines?(): ReadonlyMap<string, RawLines>;
  /** Sends to any channel (`env.send`); without it, sending is not available. */
  send?: SendFn;
  /** An adapter by id (for connect/disconnect). */
  adapterOf?(id: string): Adapter | undefined;
  /** Whether adapters may be (re)connected now: not while the bot stops. */
  acceptsConnect?(): boolean;
  /** The cross-cluster API (`this.env.shards`); without it, a one-cluster bot's. */
  shards?: ShardsApi;
}

/** bottom's connect/disconnect for one adapter (the console has no connection). */
function connection(base: EnvironmentBase, adapterId: string, verb: 'connect' | 'disconnect'): Adapter {
  const adapter = base.adapterOf?.(adapterId);
  if (!adapter) throw new UnknownAdapter(adapterId);
  if (adapter.network === 'console') throw new TypeError('the console has no connection to open or close');
  if (verb === 'connect' && base.acceptsConnect && !base.acceptsConnect())
    throw new Error(`cannot connect ${adapterId}: the bot is stopping`);
  return adapter;
}

/** No adapter has that id. */
export class UnknownAdapter extends Error {
  constructor(readonly adapterId: string) {
    super(`no adapter "${adapterId}"`);
    this.name = 'UnknownAdapter';
  }
}

const noSend: SendFn = () => Promise.reject(new NotAvailable('sending to channels'));

export const unavailableAudio: AudioApi = {
  available: false,
  playSound() {
    throw new NotAvailable('the audio subsystem');
  },
};

/** For environments without a data dir (tests of other subsystems); the bot uses a DatabaseManager. */
export const unavailableDatabase: DatabaseManagerApi = {
  available: false,
  registerModel() {
    const failed = Promise.reject(new NotAvailable('the database'));
    failed.catch(() => undefined);
    return failed;
  },
  getDbByMessage() {
    return Promise.reject(new NotAvailable('the database'));
  },
  getDb() {
    return Promise.reject(new NotAvailable('the database'));
  },
  dbIdOf(msg) {
    return msg.network === 'console' ? 'console' : `${msg.network}-${msg.guild?.id ?? 'private'}`;
  },
};

interface Handovers {
  rpc: HandoverNames<RpcHandler>;
  string: HandoverNames<StringMiddleware>;
  message: HandoverNames<MessageMiddleware>;
}

const localShards = new WeakMap<EnvironmentBase, ShardsApi>();

/** The base's cross-cluster API, or a one-cluster one over its own clients. */
function shardsOf(base: EnvironmentBase): ShardsApi {
  if (base.shards) return base.shards;
  let found = localShards.get(base);
  if (!found) {
    found = new ShardingHub({
      assignment: null,
      guilds: () => base.stats.guilds,
      clients: () => base.clients(),
    }).api;
    localShards.set(base, found);
  }
  return found;
}

const handoversOf = new WeakMap<EnvironmentBase, Handovers>();

/** One set of handed-over names per environment base (they outlive every generation). */
function handovers(base: EnvironmentBase): Handovers {
  let found = handoversOf.get(base);
  if (!found) {
    found = {
      rpc: new HandoverNames((method, fn) => base.rpc.register(method, fn)),
      string: new HandoverNames((name, fn) => base.middleware.add('string', name, fn)),
      message: new HandoverNames((name, fn) => base.middleware.add('message', name, fn)),
    };
    handoversOf.set(base, found);
  }
  return found;
}

export function createEnvironment(base: EnvironmentBase, scope: GenerationScope): Environment {
  const names = handovers(base);
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
    audit: base.audit,
    stats: base.stats,
    shards: shardsOf(base),
    events: scope.events,
    logger: base.logger,
    rpc: {
      get available() {
        return base.rpcAvailable();
      },
      get endpoint() {
        return base.rpcClientInfo?.()?.endpoint ?? null;
      },
      get token() {
        return base.rpcClientInfo?.()?.token ?? null;
      },
      zmq,
      register: (method, handler) => scope.track(names.rpc.register(scope, method, handler)),
    },
    pipeline: {
      addStringMiddleware: (name, fn) => scope.track(names.string.register(scope, name, fn)),
      addMessageMiddleware: (name, fn) => scope.track(names.message.register(scope, name, fn)),
    },
    send: base.send ?? noSend,
    raw: (adapterId) => scopedRawApi(base.rawLines?.(), (release) => scope.track(release), adapterId),
    connect: async (adapterId) => {
      const adapter = connection(base, adapterId, 'connect');
      base.logger.info({ adapter: adapterId, file: scope.label }, 'connect requested by a command');
      await adapter.start();
    },
    disconnect: async (adapterId) => {
      const adapter = connection(base, adapterId, 'disconnect');
      base.logger.info({ adapter: adapterId, file: scope.label }, 'disconnect requested by a command');
      await adapter.stop();
    },
  };
}
