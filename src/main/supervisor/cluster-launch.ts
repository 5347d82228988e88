import type { RuntimeLaunchInput } from '../../shared/process/runtime-messages';
import type { ClusterAssignment } from '../../shared/process/cluster';

/**
 * The launch options of one cluster's runtime. Cluster 0 (or the only one) keeps the console,
 * the panel api, IRC and RPC; the other clusters run without them, write no rolling log file of
 * their own (their lines go to the supervisor's output), do not watch the commands folder
 * (cluster 0's reloads include them) and have their own stall file.
 */
export function clusterLaunch(
  base: Omit<RuntimeLaunchInput, 'previous'>,
  cluster: ClusterAssignment | null,
): Omit<RuntimeLaunchInput, 'previous'> {
  if (cluster === null || cluster.clusterId === 0) return { ...base, cluster };
  const id = cluster.clusterId;
  return {
    ...base,
    cluster,
    panel: false,
    console: false,
    interactive: false,
    ircFlags: null,
    configOverrides: {
      ...base.configOverrides,
      'irc.servers': [],
      'rpc.enabled': false,
      'logging.filesKept': 0,
      // cluster 0 watches the folder and reloads every cluster together (two-phase)
      'commands.autoReload': false,
    },
    stallFile: base.stallFile.endsWith('.json')
      ? `${base.stallFile.slice(0, -'.json'.length)}-${id}.json`
      : `${base.stallFile}-${id}`,
  };
}
