import type { Network } from '../../../../shared/dto/status';
import type { Events } from '../../events/event-bus';
import type { Logger } from '../../logging/logging';
import type { Config } from '../../config/schema';
import type { ConfigPath } from '../../config/config-manager';
import type { PathValue } from '../../config/paths';
import type { DatabaseManagerApi } from '../../database/database-manager-api';
import type { MessageMiddleware, StringMiddleware } from '../../pipeline/middleware/types';
import type { RawApi } from '../../adapters/raw-chain';
import type { ChannelRef } from './refs';
import type { AuditApi } from '../../audit/types';

/** A connected network client as commands see it. */
export interface ClientInfo {
  /** Adapter id: `console`, `discord`, `irc:<host>`. */
  id: string;
  network: Network;
  /** The library's own client (the discord.js Client, the irc-framework Client), or null. */
  native: unknown;
}

/** Read access to the bot's config (writes go through the panel or owner commands). */
export interface ConfigReader {
  get<P extends ConfigPath>(key: P): PathValue<Config, P>;
  all(): Readonly<Config>;
}

/** A sound the audio subsystem can play (its own issue defines the sources). */
export interface SoundLike {
  readonly title: string;
}

export interface AudioApi {
  readonly available: boolean;
  /** Queue (sync) or overlay (async) a sound on a voice channel the bot is connected to. */
  playSound(sound: SoundLike, channel: ChannelRef, sync: boolean): void;
}

export type RpcHandler = (args: Record<string, unknown>) => unknown;

export interface RpcApi {
  readonly available: boolean;
  /** Registers a handler callable by outside programs; released when the file reloads. */
  register(method: string, handler: RpcHandler): () => void;
}

/** Middleware a command file can add: the same shapes the built-ins have. */
export type { MessageMiddleware as MessageMiddlewareFn, StringMiddleware as StringMiddlewareFn };

/** Lets a command file contribute pipeline middleware (released with its generation). */
export interface PipelineApi {
  addStringMiddleware(name: string, fn: StringMiddleware): () => void;
  addMessageMiddleware(name: string, fn: MessageMiddleware): () => void;
}

/** Live figures about the running bot. */
export interface BotStats {
  /** Since the bot started (0 while starting). */
  readonly uptimeMs: number;
  /** Guilds/servers over every connected adapter (the console counts as one). */
  readonly guilds: number;
  /** Commands invoked since the bot started. */
  readonly commandsRun: number;
}

/** What `this.env` exposes to a command. */
export interface Environment {
  /** Every adapter's client, by adapter id. */
  readonly clients: ReadonlyMap<string, ClientInfo>;
  /** The first client of a network, or undefined. */
  client(network: Network): ClientInfo | undefined;
  /** The ORM's database manager: one database per guild (console: `console`) plus `global`. */
  readonly database: DatabaseManagerApi;
  readonly config: ConfigReader;
  readonly audio: AudioApi;
  /** The event bus; listeners added here are released with the command file's generation. */
  readonly events: Events;
  readonly logger: Logger;
  readonly rpc: RpcApi;
  /** The audit log: `record(...)` stores an entry and posts it to the guild's audit channels. */
  readonly audit: AuditApi;
  readonly stats: BotStats;
  /** Contribute middleware to the command pipeline. */
  readonly pipeline: PipelineApi;
  /**
   * Raw protocol lines (IRC) of the adapter `adapterId`, or of the first adapter that has them:
   * add raw handlers (released when the file reloads), send or inject raw lines. Undefined
   * when no such adapter exists.
   */
  raw(adapterId?: string): RawApi | undefined;
}
