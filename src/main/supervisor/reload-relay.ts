import type { ToRuntime } from '../../shared/process/runtime-messages';

type Failed = { file: string; message: string }[];

interface PendingPrepare {
  clusterId: number;
  resolve(failed: Failed | null): void;
  timer: NodeJS.Timeout;
}

export interface ReloadTarget {
  clusterId: number;
  send(message: ToRuntime): boolean;
}

/** How long a cluster gets to build a reload before the others go ahead without its verdict. */
export const PREPARE_TIMEOUT_MS = 60_000;

/**
 * The clusters' two-phase reload. Cluster 0 builds a reload and waits at its gate; the relay has
 * every other running cluster build the same reload (`reload-prepare`), gathers the files that
 * failed anywhere, and lets every cluster swap in the rest (`reload-commit` with `hold`): a file
 * that fails in one cluster keeps its previous version in all of them, and each cluster's report
 * names where it failed. A cluster that is down or does not answer in time gives no verdict.
 */
export class ReloadRelay {
  private nextId = 1;
  private readonly pending = new Map<number, PendingPrepare>();

  constructor(private readonly onLog: (message: string, detail: object) => void) {}

  async run(
    from: ReloadTarget,
    gateId: number,
    force: boolean,
    failedThere: Failed,
    others: ReloadTarget[],
  ): Promise<void> {
    const asked = others.map((target) => this.prepare(target, force));
    const verdicts = await Promise.all(asked.map((a) => a.verdict));
    const hold: Failed = [];
    const add = (clusterId: number, failed: Failed): void => {
      for (const f of failed)
        hold.push({ file: f.file, message: `failed in cluster ${clusterId}: ${f.message}` });
    };
    add(from.clusterId, failedThere);
    verdicts.forEach((failed, i) => {
      if (failed) add(others[i]!.clusterId, failed);
    });
    const silent = others.filter((_, i) => verdicts[i] === null).map((t) => t.clusterId);
    if (hold.length || silent.length)
      this.onLog('reload across clusters: files held back at their previous version everywhere', {
        held: [...new Set(hold.map((h) => h.file))],
        noVerdict: silent,
      });
    asked.forEach((a, i) => {
      if (a.id !== null) others[i]!.send({ type: 'reload-commit', id: a.id, hold });
    });
    from.send({ type: 'reload-commit', id: gateId, hold });
  }

  /** A cluster's `reload-prepared`. */
  prepared(id: number, failed: Failed): void {
    this.settle(id, failed);
  }

  /** The cluster stopped: what it was asked gives no verdict. */
  clusterDown(clusterId: number): void {
    for (const [id, p] of this.pending) if (p.clusterId === clusterId) this.settle(id, null);
  }

  private prepare(
    target: ReloadTarget,
    force: boolean,
  ): { id: number | null; verdict: Promise<Failed | null> } {
    const id = this.nextId++;
    const verdict = new Promise<Failed | null>((resolve) => {
      const timer = setTimeout(() => this.settle(id, null), PREPARE_TIMEOUT_MS);
      timer.unref();
      this.pending.set(id, { clusterId: target.clusterId, resolve, timer });
    });
    if (!target.send({ type: 'reload-prepare', id, force })) {
      this.settle(id, null);
      return { id: null, verdict };
    }
    return { id, verdict };
  }

  private settle(id: number, failed: Failed | null): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    p.resolve(failed);
  }
}
