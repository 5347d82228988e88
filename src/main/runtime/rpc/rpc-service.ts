import type { RpcConfig } from '../../../shared/config/rpc-schema';
import type { RpcStatus, RpcTokenInfo } from '../../../shared/dto/rpc';
import type { Logger } from '../logging/logging';
import type { RpcRegistry } from './rpc-registry';
import { RpcServer } from './rpc-server';
import { ensureToken, readToken, rotateToken, tokenFileOf } from './rpc-token';
import type { RpcLookups } from './rpc-types';

export interface RpcServiceDeps {
  dataDir: string;
  /** The effective `rpc` config section (file + CLI overrides). */
  config(): RpcConfig;
  /** Subscribes to changes of the `rpc` section; returns the unsubscriber. */
  onConfigChange(listener: () => void): () => void;
  registry: RpcRegistry;
  lookups: RpcLookups;
  logger: Logger;
  /** Tells the panel something it shows changed (running, port, auth warning). */
  changed?(): void;
}

/**
 * Runs the RPC server when `rpc.enabled`: starts it with the bot, restarts it when the `rpc`
 * config changes, answers 503 from the start of a shutdown, and owns the token file.
 */
export class RpcService {
  private server: RpcServer | null = null;
  private token: string | null = null;
  private problem: string | null = null;
  private active = false;
  private stopping = false;
  /** Serialises start/stop/restart. */
  private chain: Promise<void> = Promise.resolve();
  private offConfig: (() => void) | null = null;

  constructor(private readonly deps: RpcServiceDeps) {}

  get tokenFile(): string {
    return tokenFileOf(this.deps.dataDir);
  }

  /** The bound endpoint and token for in-process clients (the example command), or null. */
  clientInfo(): { endpoint: string; token: string | null } | null {
    if (!this.server || this.stopping) return null;
    return { endpoint: this.server.endpoint, token: this.deps.config().auth ? this.token : null };
  }

  get running(): boolean {
    return this.server !== null;
  }

  /** Starts with the bot (when enabled) and follows config changes until stop(). */
  start(): Promise<void> {
    this.active = true;
    this.stopping = false;
    this.offConfig ??= this.deps.onConfigChange(() => void this.restart());
    return this.enqueue(() => this.apply());
  }

  /** Stops or restarts the server to match the config. */
  restart(): Promise<void> {
    if (!this.active) return Promise.resolve();
    return this.enqueue(async () => {
      await this.closeServer();
      await this.apply();
    });
  }

  /** New requests are answered 503 from now on (the bot is stopping). */
  beginShutdown(): void {
    this.stopping = true;
    this.server?.beginShutdown();
  }

  stop(): Promise<void> {
    this.active = false;
    this.beginShutdown();
    this.offConfig?.();
    this.offConfig = null;
    return this.enqueue(() => this.closeServer());
  }

  /** The token, read from (or generated into) the token file. */
  async tokenInfo(): Promise<RpcTokenInfo> {
    this.token ??= await readToken(this.tokenFile);
    return { token: this.token, file: this.tokenFile };
  }

  /** A fresh token; the old one is refused from now on. */
  async rotate(): Promise<RpcTokenInfo> {
    this.token = await rotateToken(this.tokenFile);
    this.deps.logger.info({ file: this.tokenFile }, 'RPC token rotated');
    return { token: this.token, file: this.tokenFile };
  }

  status(): RpcStatus {
    const config = this.deps.config();
    const server = this.server;
    return {
      running: server !== null,
      enabled: config.enabled,
      port: server?.port ?? config.port,
      endpoint: server?.endpoint ?? null,
      auth: config.auth,
      connectedClients: server?.connectedClients ?? 0,
      requestsPerSecond: server?.stats.requestsPerSecond ?? 0,
      totalRequests: server?.stats.total ?? 0,
      lastErrors: server?.stats.lastErrors ?? [],
      problem: this.problem,
      methods: this.deps.registry.methods(),
    };
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const next = this.chain.then(step, step);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async apply(): Promise<void> {
    const config = this.deps.config();
    this.problem = null;
    if (!this.active || !config.enabled) {
      this.deps.changed?.();
      return;
    }
    const log = this.deps.logger;
    try {
      if (config.auth) {
        const ensured = await ensureToken(this.tokenFile);
        this.token = ensured.token;
        if (ensured.created) log.info({ file: this.tokenFile }, 'RPC token generated');
        if (ensured.tightened)
          log.warn({ file: this.tokenFile }, 'RPC token file was readable by others; set to 0600');
      } else {
        log.warn(
          'RPC authentication is OFF (--rpc-no-auth / rpc.auth false): any local program can call the bot',
        );
      }
      this.server = await RpcServer.start({
        host: config.host,
        port: config.port,
        auth: config.auth,
        token: () => this.token,
        maxRequestBytes: config.maxRequestBytes,
        handlerTimeoutMs: config.handlerTimeoutMs,
        rateLimit: config.rateLimit,
        registry: this.deps.registry,
        lookups: this.deps.lookups,
        logger: log,
      });
      if (this.stopping) this.server.beginShutdown();
      log.info({ endpoint: this.server.endpoint, auth: config.auth }, 'RPC server listening');
    } catch (err) {
      this.problem = (err as Error).message;
      log.error({ err }, 'RPC server not started');
    }
    this.deps.changed?.();
  }

  private async closeServer(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    await server.close();
    this.deps.logger.info('RPC server closed');
    this.deps.changed?.();
  }
}
