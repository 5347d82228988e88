/**
 * Keys that must never be followed or assigned when a path string or parsed JSON is walked:
 * following them reaches a prototype (`a.__proto__.x = 1` pollutes every object in the process).
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export class UnsafePathError extends Error {
  constructor(readonly path: string) {
    super(`refused path "${path}": __proto__, constructor and prototype are not config keys`);
    this.name = 'UnsafePathError';
  }
}

/** Splits a dot path, refusing the forbidden keys in any segment. */
export function safeSegments(path: string): string[] {
  const parts = path.split('.');
  if (parts.some((p) => FORBIDDEN_KEYS.has(p))) throw new UnsafePathError(path);
  return parts;
}

/** An own property of a plain object or array (never one inherited from a prototype). */
export function ownValue(node: unknown, key: string): unknown {
  if (node === null || typeof node !== 'object' || FORBIDDEN_KEYS.has(key)) return undefined;
  return Object.prototype.hasOwnProperty.call(node, key) ? (node as Record<string, unknown>)[key] : undefined;
}

/**
 * A deep copy of JSON-like data in which every object has a null prototype and forbidden keys
 * are dropped, so walking or assigning into it can never reach Object.prototype.
 */
export function toNullProtoJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toNullProtoJson);
  if (value === null || typeof value !== 'object') return value;
  const out = Object.create(null) as Record<string, unknown>;
  for (const [key, child] of Object.entries(value)) {
    if (!FORBIDDEN_KEYS.has(key)) out[key] = toNullProtoJson(child);
  }
  return out;
}
