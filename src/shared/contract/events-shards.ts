import { ShardsStatusSchema } from '../dto/shards';

/** Pushed by the supervisor when a cluster changes state or reports its figures. */
export const shardsEvents = {
  shards: ShardsStatusSchema,
} as const;
