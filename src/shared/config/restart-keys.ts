/**
 * Config keys read once when the runtime starts: a change to one (or anything under it) is saved
 * at once but only takes effect after a restart. The one place that says which keys these are;
 * Settings shows a "restart required" hint when a saved change touches one.
 */
export const RESTART_KEYS: readonly { key: string; why: string }[] = [
  { key: 'panel.port', why: 'the panel server binds its port at start' },
  { key: 'logging.ringSize', why: 'the log ring is sized at start' },
  { key: 'logging.ringBytes', why: 'the log ring is sized at start' },
  { key: 'logging.filesKept', why: 'the log file is opened at start' },
  { key: 'logging.fileMaxMb', why: 'the log file is opened at start' },
  { key: 'database', why: 'the database engine is chosen at start' },
  { key: 'runtime', why: 'the supervisor reads its limits when the runtime starts' },
  { key: 'discord.token', why: 'the Discord adapter is created at start' },
  { key: 'discord.shards', why: 'shards are assigned at start' },
  { key: 'discord.shardsPerCluster', why: 'shards are assigned at start' },
  { key: 'discord.cache', why: 'the Discord client caches are sized at start' },
  { key: 'irc.servers', why: 'one IRC adapter per server is created at start' },
  { key: 'sharding', why: 'sharding is set up at start' },
];

const isUnder = (path: string, key: string): boolean => path === key || path.startsWith(`${key}.`);

/** The restart keys that `paths` (dot paths of changed values) touch, in RESTART_KEYS order. */
export function restartKeysIn(paths: readonly string[]): string[] {
  return RESTART_KEYS.filter(({ key }) => paths.some((p) => isUnder(p, key) || isUnder(key, p))).map(
    ({ key }) => key,
  );
}

/** Dot paths of the leaves that differ between two JSON values (`irc.servers.0.host`). */
export function changedPaths(before: unknown, after: unknown, prefix = ''): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';
  if (!isObject(before) || !isObject(after) || Array.isArray(before) !== Array.isArray(after))
    return Object.is(before, after) ? [] : [prefix];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].flatMap((k) => changedPaths(before[k], after[k], prefix ? `${prefix}.${k}` : k));
}
