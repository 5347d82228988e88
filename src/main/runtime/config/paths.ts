import { ownValue, safeSegments } from '../../../shared/config/safe-keys';

/** Dot paths of a config object: `bot.name`, `logging.level`, … (arrays are leaves). */
export type Paths<T> = T extends readonly unknown[]
  ? never
  : T extends object
    ? {
        [K in keyof T & string]: T[K] extends readonly unknown[]
          ? K
          : T[K] extends object
            ? K | `${K}.${Paths<T[K]>}`
            : K;
      }[keyof T & string]
    : never;

/** Type of the value at a dot path. */
export type PathValue<T, P extends string> = P extends `${infer K}.${infer Rest}`
  ? K extends keyof T
    ? PathValue<T[K], Rest>
    : never
  : P extends keyof T
    ? T[P]
    : never;

/** The own value at a dot path (undefined when absent); forbidden keys throw UnsafePathError. */
export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of safeSegments(path)) cur = ownValue(cur, part);
  return cur;
}

/**
 * Returns a copy of `obj` with the value at `path` replaced (intermediate objects created).
 * Forbidden keys (`__proto__`, `constructor`, `prototype`) throw UnsafePathError.
 */
export function setPath<T>(obj: T, path: string, value: unknown): T {
  const parts = safeSegments(path);
  const root = structuredClone(obj) as Record<string, unknown>;
  let cur = root;
  for (const part of parts.slice(0, -1)) {
    const next = ownValue(cur, part);
    if (next === null || typeof next !== 'object' || Array.isArray(next)) cur[part] = {};
    cur = cur[part] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]!] = value;
  return root as T;
}

/** Paths (dot notation, objects descended) whose values differ between a and b. */
export function changedPaths(a: unknown, b: unknown, prefix = ''): string[] {
  const isObj = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObj(a) && isObj(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => changedPaths(a[k], b[k], prefix ? `${prefix}.${k}` : k));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [prefix];
}
