import type { RpcHandler } from '../cmdsys/api/environment';

/**
 * Handlers outside programs may call over the loopback RPC server. Command files register
 * them through `this.env.rpc`; they are released with the file's generation. (The server that
 * exposes them is its own piece; until it runs, handlers are only collected.)
 */
export class RpcRegistry {
  private readonly handlers = new Map<string, RpcHandler>();

  register(method: string, handler: RpcHandler): () => void {
    if (!/^[A-Za-z_][\w.-]{0,63}$/.test(method)) throw new TypeError(`invalid RPC method name "${method}"`);
    if (this.handlers.has(method)) throw new Error(`RPC method "${method}" is already registered`);
    this.handlers.set(method, handler);
    return () => {
      if (this.handlers.get(method) === handler) this.handlers.delete(method);
    };
  }

  get(method: string): RpcHandler | undefined {
    return this.handlers.get(method);
  }

  methods(): string[] {
    return [...this.handlers.keys()].sort();
  }
}
