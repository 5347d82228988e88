import type { CommandLoader, ReloadGate } from '../cmdsys/loader/command-loader';

type Failed = { file: string; message: string }[];

export interface ClusterReloadLink {
  gate(id: number, force: boolean, failed: Failed): void;
  prepared(id: number, failed: Failed): void;
}

/** A supervisor that never answers must not hold reloads forever. */
const COMMIT_TIMEOUT_MS = 120_000;

/**
 * This cluster's part in the clusters' two-phase reload (see the supervisor's ReloadRelay).
 * Cluster 0 passes every reload through a gate (it waits for the other clusters' verdicts);
 * the others build a reload when asked, report what failed and swap in what they are allowed.
 */
export class ClusterReload {
  /** Own gate ids are negative, the supervisor's prepare ids positive: one map for both. */
  private nextGateId = -1;
  private readonly waiting = new Map<number, (hold: ReadonlyMap<string, string>) => void>();

  constructor(
    private readonly loader: CommandLoader,
    private readonly link: ClusterReloadLink,
  ) {}

  /** Cluster 0 of several: every reload (watcher, panel, reloadCommands) goes through the gate. */
  gateEveryReload(): void {
    this.loader.setReloadGate(({ force, failed }) => {
      const id = this.nextGateId--;
      const answer = this.wait(id);
      this.link.gate(id, force, failed);
      return answer;
    });
  }

  /** The supervisor's `reload-prepare`: build, report, wait for `reload-commit`, swap. */
  prepare(id: number, force: boolean): void {
    const gate: ReloadGate = ({ failed }) => {
      const answer = this.wait(id);
      this.link.prepared(id, failed);
      return answer;
    };
    void this.loader.reload({ force, gate }).catch(() => undefined);
  }

  commit(id: number, hold: Failed): void {
    this.waiting.get(id)?.(new Map(hold.map((h) => [h.file, h.message])));
    this.waiting.delete(id);
  }

  /** Stopping: waiting reloads go ahead with their own outcome. */
  dispose(): void {
    this.loader.setReloadGate(null);
    for (const [id, resolve] of this.waiting) {
      resolve(new Map());
      this.waiting.delete(id);
    }
  }

  private wait(id: number): Promise<ReadonlyMap<string, string>> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        resolve(new Map());
      }, COMMIT_TIMEOUT_MS);
      timer.unref();
      this.waiting.set(id, (hold) => {
        clearTimeout(timer);
        resolve(hold);
      });
    });
  }
}
