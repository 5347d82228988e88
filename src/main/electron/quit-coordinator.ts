/** The part of an Electron `before-quit` event the coordinator uses. */
export interface QuitEvent {
  preventDefault(): void;
}

export interface QuitCoordinatorOptions {
  /** Stops the bot (runs clean-up handlers) and releases the api. */
  shutdown: () => Promise<void>;
  /** Quits for real once shut down (`app.quit()`); before-quit fires again and passes. */
  quit: () => void;
  /** A shutdown that takes longer than this is abandoned, so the app always quits. */
  timeoutMs?: number;
  onError?: (err: unknown) => void;
}

export type QuitPhase = 'running' | 'stopping' | 'stopped';

/**
 * Graceful quit: the first before-quit is held back (preventDefault) while the bot shuts down;
 * further quit requests during that time are held too; once done, quit() is called again and
 * this time passes through.
 */
export function createQuitCoordinator(options: QuitCoordinatorOptions): {
  onBeforeQuit: (event: QuitEvent) => void;
  readonly phase: QuitPhase;
} {
  let phase: QuitPhase = 'running';
  const timeoutMs = options.timeoutMs ?? 15_000;
  const run = async (): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`shutdown took longer than ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([options.shutdown(), timeout]);
    } catch (err) {
      options.onError?.(err);
    } finally {
      clearTimeout(timer);
      phase = 'stopped';
      options.quit();
    }
  };
  return {
    onBeforeQuit: (event) => {
      if (phase === 'stopped') return;
      event.preventDefault();
      if (phase === 'running') {
        phase = 'stopping';
        void run();
      }
    },
    get phase() {
      return phase;
    },
  };
}
