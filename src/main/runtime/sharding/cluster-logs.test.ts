// A cluster's log lines on their way to cluster 0's Logs view: batched, bounded, tagged.
import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../shared/dto/log';
import { CLUSTER_LOG_BATCH_MAX } from '../../../shared/process/sharding-messages';
import { createLogging } from '../logging/logging';
import { LogRing } from '../logging/log-ring';
import { absorbClusterLogs, ClusterLogForwarder } from './cluster-logs';

const forwarders: ClusterLogForwarder[] = [];
afterEach(() => forwarders.splice(0).forEach((f) => f.dispose()));

function cluster() {
  const logging = createLogging({ console: false });
  const batches: LogEntry[][] = [];
  // a long interval: the test flushes by hand
  const forwarder = new ClusterLogForwarder(logging.ring, (entries) => batches.push(entries), 60_000);
  forwarders.push(forwarder);
  return { logger: logging.child('adapter:discord'), forwarder, batches };
}

describe('cluster log relay', () => {
  it('sends what was logged since the last batch, nothing when nothing was logged', () => {
    const { logger, forwarder, batches } = cluster();
    forwarder.flush();
    expect(batches).toEqual([]);
    logger.info({ shard: 2 }, 'shard 2 ready');
    logger.error({ err: new Error('gateway closed') }, 'shard 3 failed');
    forwarder.flush();
    expect(batches).toHaveLength(1);
    expect(batches[0]!.map((e) => [e.level, e.name, e.msg])).toEqual([
      ['info', 'adapter:discord', 'shard 2 ready'],
      ['error', 'adapter:discord', 'shard 3 failed'],
    ]);
    expect(batches[0]![1]!.err?.message).toBe('gateway closed');
    forwarder.flush();
    expect(batches).toHaveLength(1);
  });

  it('a flood keeps one bounded batch and says how many lines were left out', () => {
    const { logger, forwarder, batches } = cluster();
    for (let i = 0; i < 2_000; i++) logger.info(`line ${i}`);
    forwarder.flush();
    const [batch] = batches;
    expect(batch).toHaveLength(CLUSTER_LOG_BATCH_MAX);
    expect(batch![0]!.msg).toBe('line 0');
    expect(batch![CLUSTER_LOG_BATCH_MAX - 2]!.msg).toBe(`line ${CLUSTER_LOG_BATCH_MAX - 2}`);
    expect(batch!.at(-1)).toMatchObject({
      level: 'warn',
      msg: `${2_000 - (CLUSTER_LOG_BATCH_MAX - 1)} log lines of this cluster were not relayed (over ${CLUSTER_LOG_BATCH_MAX - 1} per batch)`,
    });
    // the count starts over
    logger.info('calm again');
    forwarder.flush();
    expect(batches[1]!.map((e) => e.msg)).toEqual(['calm again']);
  });

  it('stopping sends what is pending, then nothing more', () => {
    const { logger, forwarder, batches } = cluster();
    logger.warn('last words');
    forwarder.dispose();
    logger.warn('after the end');
    forwarder.flush();
    expect(batches.map((b) => b.map((e) => e.msg))).toEqual([['last words']]);
  });

  it('cluster 0 takes the lines into its stream with its own seqs, tagged with their cluster', () => {
    const ring = new LogRing(100);
    const live: LogEntry[] = [];
    ring.subscribe((e) => live.push(e));
    ring.push({ time: 1, level: 'info', name: 'runtime', msg: 'own line' });
    absorbClusterLogs(ring, 3, [
      { seq: 900, time: 2, level: 'warn', name: 'adapter:discord', msg: 'remote line', fields: { shard: 6 } },
      { seq: 901, time: 3, level: 'info', name: 'runtime', msg: 'plain' },
    ]);
    expect(live.map((e) => [e.seq, e.msg, e.fields])).toEqual([
      [0, 'own line', undefined],
      [1, 'remote line', { shard: 6, cluster: 3 }],
      [2, 'plain', { cluster: 3 }],
    ]);
    // the tag leads the fields (shown inline in this order) and wins over a field of the same name
    absorbClusterLogs(ring, 4, [
      { seq: 5, time: 4, level: 'info', name: 'x', msg: 'y', fields: { a: 1, cluster: 9 } },
    ]);
    expect(Object.entries(live.at(-1)!.fields!)).toEqual([
      ['cluster', 4],
      ['a', 1],
    ]);
  });
});
