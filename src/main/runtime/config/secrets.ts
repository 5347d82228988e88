import { secretPathsIn } from '../../../shared/config/secret-paths';

type Json = unknown;

/** Concrete paths (`irc.servers.0.password`) of every secret that holds a value. */
export function secretPaths(config: Json): string[] {
  return secretPathsIn(config, { onlySet: true });
}

function setAt(root: Json, path: string, value: Json): void {
  const parts = path.split('.');
  let node = root as Record<string, Json>;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (next === null || typeof next !== 'object') return;
    node = next as Record<string, Json>;
  }
  node[parts[parts.length - 1]!] = value;
}

function getAt(root: Json, path: string): Json {
  let node = root;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, Json>)[part];
  }
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

/**
 * Prepares a config coming from the panel: secret fields in it are ignored (the panel never
 * has them), current secrets are kept, and `changes` sets (string) or clears (null) specific ones.
 */
export function mergeSecrets(incoming: Json, current: Json, changes: Record<string, string | null>): Json {
  const next = structuredClone(incoming);
  for (const path of secretPaths(next)) setAt(next, path, null);
  for (const path of secretPaths(current)) {
    if (getAt(next, path.split('.').slice(0, -1).join('.')) !== undefined)
      setAt(next, path, getAt(current, path));
  }
  for (const [path, value] of Object.entries(changes)) setAt(next, path, value);
  return next;
}
