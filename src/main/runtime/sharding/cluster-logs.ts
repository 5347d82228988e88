import type { LogEntry } from '../../../shared/dto/log';
import { CLUSTER_LOG_BATCH_MAX } from '../../../shared/process/sharding-messages';
import type { LogRing } from '../logging/log-ring';

export const CLUSTER_LOG_FLUSH_MS = 250;

/**
 * A cluster other than 0 sends its log lines to the supervisor in batches, which relays them into
 * cluster 0's log stream. Bounded and never blocking: at most one batch of
 * `CLUSTER_LOG_BATCH_MAX` entries per interval; lines beyond that are counted, not kept, and the
 * next batch ends with a warning saying how many were left out.
 */
export class ClusterLogForwarder {
  private pending: LogEntry[] = [];
  private dropped = 0;
  private readonly off: () => void;
  private readonly timer: NodeJS.Timeout;

  constructor(
    ring: LogRing,
    private readonly send: (entries: LogEntry[]) => void,
    intervalMs = CLUSTER_LOG_FLUSH_MS,
  ) {
    this.off = ring.subscribe((entry) => {
      // one slot stays free for the warning about dropped lines
      if (this.pending.length < CLUSTER_LOG_BATCH_MAX - 1) this.pending.push(entry);
      else this.dropped++;
    });
    this.timer = setInterval(() => this.flush(), intervalMs);
    this.timer.unref();
  }

  flush(): void {
    if (this.pending.length === 0 && this.dropped === 0) return;
    const batch = this.pending;
    if (this.dropped > 0)
      batch.push({
        seq: batch.at(-1)?.seq ?? 0,
        time: Date.now(),
        level: 'warn',
        name: 'cluster-logs',
        msg: `${this.dropped} log lines of this cluster were not relayed (over ${CLUSTER_LOG_BATCH_MAX - 1} per batch)`,
      });
    this.pending = [];
    this.dropped = 0;
    this.send(batch);
  }

  /** Stops listening; what is pending goes out first. */
  dispose(): void {
    this.off();
    clearInterval(this.timer);
    this.flush();
  }
}

/** Cluster 0: another cluster's lines join this process's log stream, tagged with the cluster id. */
export function absorbClusterLogs(ring: LogRing, clusterId: number, entries: readonly LogEntry[]): void {
  for (const { seq: _seq, fields, ...entry } of entries) {
    // `cluster` leads (the Logs view shows a line's fields inline in this order) and wins
    const { cluster: _own, ...rest } = fields ?? {};
    ring.push({ ...entry, fields: { cluster: clusterId, ...rest } });
  }
}
