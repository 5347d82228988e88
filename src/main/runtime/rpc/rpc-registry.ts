import type { RpcHandler } from './rpc-types';

/** The cog of the built-in handlers (ping, commands, invoke, reload, status). */
export const RESERVED_COG = 'core';

const PART = /^[A-Za-z_][\w-]{0,63}$/;

/** Splits `cog.method` (the registry's key) and checks both parts. */
export function splitRpcName(name: string): { cog: string; method: string } {
  const at = name.indexOf('.');
  const cog = at < 0 ? '' : name.slice(0, at);
  const method = at < 0 ? name : name.slice(at + 1);
  if (!PART.test(cog) || !PART.test(method))
    throw new TypeError(
      `invalid RPC name "${name}": expected "cog.method", each a letter or _ then up to 63 letters, digits, _ or -`,
    );
  return { cog, method };
}

/**
 * Handlers outside programs may call over the loopback RPC server, by `cog.method`. Command
 * files register them through `this.rpcHandler(...)` or `this.env.rpc.register(...)`; they are
 * released with the file's generation.
 */
export class RpcRegistry {
  private readonly handlers = new Map<string, RpcHandler>();

  /** Registers a command file's handler; the built-in cog `core` is reserved. */
  register(name: string, handler: RpcHandler): () => void {
    if (splitRpcName(name).cog === RESERVED_COG)
      throw new Error(`the RPC cog "${RESERVED_COG}" is reserved for the built-in handlers`);
    return this.registerBuiltin(name, handler);
  }

  /** Registers a built-in handler (any cog). */
  registerBuiltin(name: string, handler: RpcHandler): () => void {
    splitRpcName(name);
    if (typeof handler !== 'function') throw new TypeError(`RPC handler of "${name}" must be a function`);
    if (this.handlers.has(name)) throw new Error(`RPC method "${name}" is already registered`);
    this.handlers.set(name, handler);
    return () => {
      if (this.handlers.get(name) === handler) this.handlers.delete(name);
    };
  }

  get(name: string): RpcHandler | undefined {
    return this.handlers.get(name);
  }

  /** The handler of `method` in `cog`, or undefined. */
  lookup(cog: string, method: string): RpcHandler | undefined {
    return this.handlers.get(`${cog}.${method}`);
  }

  hasCog(cog: string): boolean {
    const prefix = `${cog}.`;
    for (const name of this.handlers.keys()) if (name.startsWith(prefix)) return true;
    return false;
  }

  /** Every `cog.method`, sorted. */
  methods(): string[] {
    return [...this.handlers.keys()].sort();
  }
}
