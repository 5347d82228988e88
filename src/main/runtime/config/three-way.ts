import { changedPaths, getPath, setPath } from './paths';

/** A save that cannot be merged with what is on disk (or in memory) without losing an edit. */
export class ConfigConflictError extends Error {
  constructor(
    readonly file: string,
    /** Dot paths changed on both sides to different values (empty when the file is unusable). */
    readonly keys: string[],
    detail: string,
  ) {
    super(`Config not saved: ${detail}`);
    this.name = 'ConfigConflictError';
  }
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Three-way merge of whole configs: the changes `mine` made to `base` are applied onto
 * `theirs` (which holds someone else's changes to the same base). Arrays are single values.
 * Returns the merged config, or the keys both sides changed differently.
 */
export function mergeConfigs<T>(base: T, mine: T, theirs: T): { merged: T; conflicts: string[] } {
  const mineChanged = changedPaths(base, mine);
  const theirsChanged = new Set(changedPaths(base, theirs));
  const conflicts = mineChanged.filter(
    (p) => theirsChanged.has(p) && !same(getPath(mine, p), getPath(theirs, p)),
  );
  if (conflicts.length > 0) return { merged: theirs, conflicts };
  let merged = theirs;
  for (const p of mineChanged) merged = setPath(merged, p, getPath(mine, p));
  return { merged, conflicts: [] };
}
