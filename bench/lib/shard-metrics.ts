// bench/results/shards.json holds the three figures from two benches: the supervisor's
// failover (bench shards) and one process's ready time and memory (bench shards-adapter).
export const ADAPTER_METRICS: readonly string[] = [
  'ready_ms_10k_guilds',
  'ready_ratio_vs_1_guild',
  'rss_mb_per_1000_guilds',
  'heap_mb_per_1000_guilds',
  'rss_mb_1_guild',
];
