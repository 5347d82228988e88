import type { SupervisorStatus } from '../../shared/dto/supervisor';
import type { ApiSurface } from '../api/api';
import type { StartOutcome } from './supervisor';

/**
 * What the entries (CLI, Electron, the desktop shell) use of a supervisor: the one-process
 * `Supervisor` and the `ClusterSupervisor` (one process per cluster) both provide it.
 */
export interface RuntimeSupervisor {
  readonly api: ApiSurface;
  readonly runtimeSettings: Readonly<{ panelPort: number }>;
  start(): Promise<StartOutcome>;
  status(): SupervisorStatus;
  onStatus(listener: (status: SupervisorStatus) => void): () => void;
  onEnd(listener: (exitCode: number) => void): () => void;
  consoleLine(line: string): void;
  consoleEnd(): void;
  interrupt(): Promise<boolean>;
  stop(reason: string, drain?: boolean): Promise<number>;
  restart(reason: string): Promise<StartOutcome>;
}
