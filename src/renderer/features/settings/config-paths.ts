/** A path into the config, as zod issues name them: `['irc', 'servers', 0, 'host']`. */
export type ConfigPath = readonly (string | number)[];

/** `irc.servers.0.host` — the key issues, secrets and overrides are matched by. */
export function pathKey(path: ConfigPath): string {
  return path.map(String).join('.');
}

export function getIn(root: unknown, path: ConfigPath): unknown {
  let node = root;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

/**
 * A copy of `root` with `value` at `path`; only the objects along the path are copied, so
 * everything else keeps its identity (and key order). Missing parents are created.
 */
export function setIn<T>(root: T, path: ConfigPath, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const node = root as unknown;
  const child =
    node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[head] : undefined;
  const next = setIn(child, rest, value);
  if (Array.isArray(node)) {
    const copy = [...(node as unknown[])];
    copy[Number(head)] = next;
    return copy as T;
  }
  const base = node !== null && typeof node === 'object' ? (node as Record<string, unknown>) : {};
  return { ...base, [head]: next } as T;
}

/** Whether `key` is `prefix` or lies under it (`a.b` is under `a`, `ab` is not). */
export function isUnder(key: string, prefix: string): boolean {
  return key === prefix || key.startsWith(`${prefix}.`);
}
