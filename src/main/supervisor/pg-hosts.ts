import type { ClusterEvalResult } from '../../shared/process/sharding-messages';
import type { Logger } from '../runtime/logging/logging';
import type { LeasesFactory } from './lease-types';
import { PgEvalRelay } from './pg-eval-relay';
import { PgLeaseCoordinator } from './pg-leases';

/** The production lease store: PostgreSQL, the bot's own database server. */
export function pgLeases(logger: Logger): LeasesFactory {
  return (settings, clusterCount, plan) =>
    new PgLeaseCoordinator({
      url: settings.postgresUrl!,
      hostId: settings.hostId,
      leaseMs: settings.leaseMs,
      clusterCount,
      ...plan,
      keepRecordedCount: settings.shards === 'auto',
      tablePrefix: settings.tablePrefix,
      logger,
    });
}

/**
 * The `broadcastEval` relay between hosts, started; null when PostgreSQL refused it (logged:
 * other hosts' clusters then answer with an error value, the bot itself runs on).
 */
export async function startPgEvalRelay(
  where: { url: string; hostId: string; tablePrefix: string },
  logger: Logger,
  evaluateHere: (
    clusterId: number,
    source: string,
    context: unknown,
    timeoutMs: number,
  ) => Promise<ClusterEvalResult>,
): Promise<PgEvalRelay | null> {
  const relay = new PgEvalRelay({
    ...where,
    logger: logger.child({ evalRelay: where.hostId }),
    evaluateHere,
  });
  try {
    await relay.start();
    return relay;
  } catch (err) {
    logger.error(
      { err },
      'broadcastEval cannot reach other hosts: the relay through PostgreSQL did not start',
    );
    await relay.stop().catch(() => undefined);
    return null;
  }
}
