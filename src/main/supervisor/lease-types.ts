import type { ClusterFigures } from '../../shared/process/sharding-messages';
import type { ShardSettings } from './shard-settings';

/** What a lease coordinator tells its host. */
export interface LeaseEvents {
  /** This host now holds the cluster: start it. */
  acquired(clusterId: number): void;
  /**
   * This host lost the cluster (could not renew in time, another host took it, a re-shard): stop
   * it; the promise settles once it stopped (a re-shard waits for it before letting the lease go).
   */
  lost(clusterId: number): void | Promise<void>;
  /**
   * The hosts agreed on another shard count (recorded in the store by any host): the cluster plan
   * changes. Comes before the `lost` of every old-plan cluster and any `acquired` under the new plan.
   */
  replanned?(shardCount: number, reason: string): void;
}

/** One cluster's lease as the last round saw it. */
export interface LeaseView {
  clusterId: number;
  host: string | null;
  /** The holder's last published figures (another host's clusters in the panel). */
  figures: ClusterFigures | null;
  figuresAt: string | null;
}

/**
 * Which of the bot's clusters this host runs, agreed with the other hosts through a shared
 * store (PostgreSQL). Leases expire unless renewed; an expired one is free for any host.
 */
export interface LeaseCoordinator {
  readonly hostId: string;
  /** Joins: takes this host's share of the free clusters, then renews every heartbeat. */
  start(events: LeaseEvents): Promise<void>;
  /** Every cluster's holder and figures, as of the last round. */
  view(): LeaseView[];
  /** Figures stored with the cluster's next renewal, for the other hosts' panels. */
  publish(clusterId: number, figures: ClusterFigures): void;
  /** Records the shard count every host must move to (a re-shard); they follow on their next round. */
  requestShardCount(shardCount: number, reason: string): Promise<void>;
  /** Leaves: releases this host's leases at once (others take them on their next round). */
  stop(): Promise<void>;
}

/** Makes a host's coordinator: its settings, the plan's cluster count, and how plans grow. */
export type LeasesFactory = (
  settings: ShardSettings & { hostId: string },
  clusterCount: number,
  plan?: { shardCount: number; clustersFor(shardCount: number): number },
) => LeaseCoordinator;
