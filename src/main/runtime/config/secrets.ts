import { secretPathsIn } from '../../../shared/config/secret-paths';
import { ownValue, safeSegments, toNullProtoJson } from '../../../shared/config/safe-keys';
import { droppedSecrets, rebindSecrets } from './secret-binding';

type Json = unknown;

/** Concrete paths (`irc.servers.0.password`) of every secret that holds a value. */
export function secretPaths(config: Json): string[] {
  return secretPathsIn(config, { onlySet: true });
}

function setAt(root: Json, path: string, value: Json): void {
  const parts = safeSegments(path);
  let node = root;
  for (const part of parts.slice(0, -1)) {
    node = ownValue(node, part);
    if (node === null || typeof node !== 'object') return;
  }
  (node as Record<string, Json>)[parts[parts.length - 1]!] = value;
}

function getAt(root: Json, path: string): Json {
  let node = root;
  for (const part of safeSegments(path)) node = ownValue(node, part);
  return node;
}

/** A copy with every secret replaced by null, and which secrets are set. */
export function redactSecrets<T>(config: T): { config: T; secrets: Record<string, boolean> } {
  const copy = structuredClone(config);
  const secrets: Record<string, boolean> = {};
  for (const path of secretPaths(config)) {
    secrets[path] = true;
    setAt(copy, path, null);
  }
  return { config: copy, secrets };
}

export class SecretPathError extends Error {
  constructor(readonly path: string) {
    super(
      `"${path}" is not a secret of this config (secrets: discord.token, irc.servers.N.password, irc.servers.N.sasl.password)`,
    );
    this.name = 'SecretPathError';
  }
}

/**
 * Prepares a config coming from the panel: secret fields in it are ignored (the panel never
 * has them), current secrets are kept while their endpoint stays the same (see secret-binding),
 * and `changes` sets (string) or clears (null) specific ones. A change path must be one of the
 * secret slots the schema declares for this config; anything else throws SecretPathError.
 * The incoming value is copied into null-prototype objects before anything walks it.
 */
export function mergeSecrets(
  incoming: Json,
  current: Json,
  changes: Record<string, string | null>,
): { config: Json; dropped: string[] } {
  const next = toNullProtoJson(incoming);
  const allowed = new Set(secretPathsIn(next));
  for (const path of Object.keys(changes)) {
    if (!allowed.has(path)) throw new SecretPathError(path);
  }
  for (const path of secretPaths(next)) setAt(next, path, null);
  const moves = rebindSecrets(current, next);
  for (const { from, to } of moves) setAt(next, to, getAt(current, from));
  for (const [path, value] of Object.entries(changes)) setAt(next, path, value);
  const dropped = droppedSecrets(current, moves).filter((path) => !(path in changes));
  return { config: next, dropped };
}
