import type { Logger } from '../logging/logging';
import type { MessageMiddleware, MiddlewareKind, StringMiddleware } from './middleware/types';

type Fn<K extends MiddlewareKind> = K extends 'string' ? StringMiddleware : MessageMiddleware;

/**
 * Named middleware of both kinds. Built-ins are registered by the pipeline; command files
 * contribute more through `this.env.pipeline` (released with their generation). The order
 * comes from the config lists; contributed middleware the config does not name runs after.
 */
export class MiddlewareRegistry {
  private readonly string = new Map<string, StringMiddleware>();
  private readonly message = new Map<string, MessageMiddleware>();
  private readonly warned = new Set<string>();
  /** Bumped on every change; `ordered` results are cached per config list and version. */
  private version = 0;
  private readonly cache = new Map<
    MiddlewareKind,
    { configured: readonly string[]; version: number; list: unknown }
  >();

  constructor(private readonly logger: Logger) {}

  add<K extends MiddlewareKind>(kind: K, name: string, fn: Fn<K>): () => void {
    const map = (kind === 'string' ? this.string : this.message) as Map<string, Fn<K>>;
    if (!/^[A-Za-z][\w.-]{0,63}$/.test(name)) throw new TypeError(`invalid middleware name "${name}"`);
    if (map.has(name)) throw new Error(`${kind} middleware "${name}" is already registered`);
    map.set(name, fn);
    this.version++;
    return () => {
      if (map.get(name) === fn) {
        map.delete(name);
        this.version++;
      }
    };
  }

  /** Middleware to run, in order: the configured names first, then the unnamed contributions. */
  ordered<K extends MiddlewareKind>(
    kind: K,
    configured: readonly string[],
    builtins: ReadonlySet<string>,
  ): [string, Fn<K>][] {
    const cached = this.cache.get(kind);
    if (cached && cached.configured === configured && cached.version === this.version)
      return cached.list as [string, Fn<K>][];
    const map = (kind === 'string' ? this.string : this.message) as Map<string, Fn<K>>;
    const out: [string, Fn<K>][] = [];
    for (const name of configured) {
      const fn = map.get(name);
      if (fn) out.push([name, fn]);
      else if (!this.warned.has(`${kind}:${name}`)) {
        this.warned.add(`${kind}:${name}`);
        this.logger.warn({ kind, name }, 'configured middleware is not registered; skipping it');
      }
    }
    for (const [name, fn] of map) if (!configured.includes(name) && !builtins.has(name)) out.push([name, fn]);
    this.cache.set(kind, { configured, version: this.version, list: out });
    return out;
  }

  names(kind: MiddlewareKind): string[] {
    return [...(kind === 'string' ? this.string : this.message).keys()];
  }
}
