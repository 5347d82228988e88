import type { ClusterEvalResult } from '../../shared/process/sharding-messages';
import type { ToRuntime } from '../../shared/process/runtime-messages';

/** A cluster as the relay sees it: this host's (send works while it runs) or elsewhere. */
export type RelayTarget =
  | { kind: 'local'; send(message: ToRuntime): boolean; state: string }
  /** On another host: asked through the relay between hosts, which settles it. */
  | { kind: 'remote'; ask(source: string, context: unknown, timeoutMs: number): Promise<ClusterEvalResult> }
  | { kind: 'absent'; why: string };

interface PendingEval {
  clusterId: number;
  resolve(result: ClusterEvalResult): void;
  timer: NodeJS.Timeout;
}

/** Grace on top of the command's limit for the answer to cross the IPC channel. */
const RELAY_GRACE_MS = 1_000;

/**
 * Fans a `broadcastEval` out to every cluster and gathers the answers in cluster order. Every
 * cluster answers exactly once: with its result, or an error value when it is down, not on this
 * host, stops before answering or is too late. Never rejects.
 */
export class BroadcastRelay {
  private nextId = 1;
  private readonly pending = new Map<number, PendingEval>();

  constructor(private readonly targetOf: (clusterId: number) => RelayTarget) {}

  gather(
    clusterCount: number,
    source: string,
    context: unknown,
    timeoutMs: number,
  ): Promise<ClusterEvalResult[]> {
    const answers: Promise<ClusterEvalResult>[] = [];
    for (let clusterId = 0; clusterId < clusterCount; clusterId++)
      answers.push(this.ask(clusterId, source, context, timeoutMs));
    return Promise.all(answers);
  }

  /** A cluster's `eval-result`. */
  answer(id: number, result: ClusterEvalResult): void {
    const pending = this.pending.get(id);
    if (!pending) return; // too late: already answered with a time-out
    this.settle(id, { ...result, clusterId: pending.clusterId });
  }

  /** Another host asks one of this host's clusters: evaluated here only, never passed on. */
  askHere(
    clusterId: number,
    source: string,
    context: unknown,
    timeoutMs: number,
  ): Promise<ClusterEvalResult> {
    const target = this.targetOf(clusterId);
    if (target.kind !== 'local')
      return Promise.resolve({
        clusterId,
        ok: false,
        error: `cluster ${clusterId} no longer runs on the host asked`,
      });
    return this.ask(clusterId, source, context, timeoutMs, target);
  }

  /** The cluster stopped or died: what it was asked answers with `why`. */
  clusterDown(clusterId: number, why: string): void {
    for (const [id, pending] of this.pending)
      if (pending.clusterId === clusterId) this.settle(id, { clusterId, ok: false, error: why });
  }

  private ask(
    clusterId: number,
    source: string,
    context: unknown,
    timeoutMs: number,
    target = this.targetOf(clusterId),
  ): Promise<ClusterEvalResult> {
    if (target.kind === 'absent') return Promise.resolve({ clusterId, ok: false, error: target.why });
    if (target.kind === 'remote') return target.ask(source, context, timeoutMs);
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => this.settle(id, { clusterId, ok: false, error: `no answer within ${timeoutMs} ms` }),
        timeoutMs + RELAY_GRACE_MS,
      );
      timer.unref();
      this.pending.set(id, { clusterId, resolve, timer });
      if (!target.send({ type: 'eval', id, source, context, timeoutMs }))
        this.settle(id, { clusterId, ok: false, error: `cluster ${clusterId} is ${target.state}` });
    });
  }

  private settle(id: number, result: ClusterEvalResult): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    pending.resolve(result);
  }
}
