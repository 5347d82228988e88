import type { ClusterStatus } from '../../shared/dto/shards';
import type { SupervisorStatus } from '../../shared/dto/supervisor';
import type { ClusterAssignment } from '../../shared/process/cluster';
import type { ClusterFigures } from '../../shared/process/sharding-messages';
import type { LeaseView } from './lease-types';

/** A cluster this host runs: its supervisor's status and the figures it reported last. */
export interface LocalCluster {
  status: SupervisorStatus;
  figures: ClusterFigures | null;
  figuresAt: string | null;
}

/**
 * One cluster of the plan as the panel's Shards view shows it: run here (`local`, with its
 * process state), by another host (`remote`, from the lease store) or by nobody yet.
 */
export function clusterStatusOf(
  assignment: ClusterAssignment,
  hostId: string | null,
  local: LocalCluster | null,
  lease: LeaseView | undefined,
): ClusterStatus {
  const { clusterId } = assignment;
  const shardIds = [...assignment.shardIds];
  if (local) {
    const s = local.status;
    return {
      clusterId,
      shardIds,
      host: hostId,
      where: 'local',
      state: s.state,
      pid: s.runtimePid,
      restarts: s.restarts,
      message: s.message ?? s.lastRestart?.message ?? null,
      figures: local.figures,
      figuresAt: local.figuresAt,
    };
  }
  return {
    clusterId,
    shardIds,
    host: lease?.host ?? null,
    where: lease?.host ? 'remote' : 'unassigned',
    state: null,
    pid: null,
    restarts: 0,
    message: null,
    figures: lease?.figures ?? null,
    figuresAt: lease?.figuresAt ?? null,
  };
}
