import { readFileSync } from 'node:fs';
import os from 'node:os';
import { ConfigSchema, type Config } from '../../shared/config/schema';
import { configFileOf } from '../runtime/paths';

/** What the supervisor needs from the config to lay out clusters and hosts. */
export interface ShardSettings {
  /** `auto`: one process first; its Discord adapter asks for the recommended count. */
  shards: number | 'auto';
  shardsPerCluster: number;
  /** Set: this host shares the bot with others through PostgreSQL leases. */
  hostId: string | null;
  leaseMs: number;
  engine: 'sqlite' | 'postgres';
  postgresUrl: string | null;
  /** `database.postgres.schemaPrefix`: the lease tables are named with it. */
  tablePrefix: string;
}

const OVERRIDABLE = [
  'discord.shards',
  'discord.shardsPerCluster',
  'sharding.hostId',
  'sharding.leaseMs',
  'database.engine',
  'database.postgres.url',
  'database.postgres.schemaPrefix',
] as const;

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let cur = target;
  for (const part of parts.slice(0, -1)) {
    const next = cur[part];
    cur = (cur[part] = next && typeof next === 'object' ? { ...(next as object) } : {}) as Record<
      string,
      unknown
    >;
  }
  cur[parts.at(-1)!] = value;
}

function settingsOf(config: Config): ShardSettings {
  return {
    shards: config.discord.shards,
    shardsPerCluster: config.discord.shardsPerCluster,
    hostId: config.sharding.hostId,
    leaseMs: config.sharding.leaseMs,
    engine: config.database.engine,
    postgresUrl: config.database.postgres.url,
    tablePrefix: config.database.postgres.schemaPrefix,
  };
}

/**
 * The shard layout from the data dir's config.json plus plain-value overrides. A missing file
 * gives the defaults (one shard, one cluster); an invalid one too: the runtime reads the same
 * file and refuses to start with the exact error, which the supervisor reports.
 */
export function readShardSettings(
  dataDir: string,
  overrides: Readonly<Record<string, unknown>> = {},
): ShardSettings {
  let raw: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(configFileOf(dataDir), 'utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      raw = parsed as Record<string, unknown>;
  } catch {
    // missing or unreadable: defaults
  }
  for (const key of OVERRIDABLE) {
    const value = overrides[key];
    if (value !== undefined && typeof value !== 'function') setPath(raw, key, value);
  }
  const result = ConfigSchema.safeParse(raw);
  return settingsOf(result.success ? result.data : ConfigSchema.parse({}));
}

/** This host's id in the lease table: the configured one, else hostname + data dir. */
export function defaultHostId(dataDir: string): string {
  return `${os.hostname()}:${dataDir}`.slice(0, 100);
}

/** Why this layout cannot run (SQLite shared by hosts), or null. */
export function refusalOf(settings: ShardSettings): string | null {
  if (settings.hostId !== null && settings.engine !== 'postgres')
    return (
      `sharding.hostId is set ("${settings.hostId}") but database.engine is "${settings.engine}": ` +
      'several hosts can share one bot only through PostgreSQL (set database.engine to "postgres" ' +
      'and database.postgres.url, or remove sharding.hostId)'
    );
  return null;
}
