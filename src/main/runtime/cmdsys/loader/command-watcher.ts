import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from '../../logging/logging';

export interface WatcherOptions {
  dir: string;
  /** Quiet period after the last change before reloading (editors write in bursts). */
  debounceMs?: number;
  onChange(): void;
  logger: Logger;
}

/** Ignore editor temp/swap files, our own atomic-write temp files, and dependencies. */
function relevant(name: string | null): boolean {
  if (name === null) return true;
  const base = name.split(/[\\/]/).pop() ?? name;
  if (name.split(/[\\/]/).includes('node_modules')) return false;
  return !(base.startsWith('.') || base.endsWith('~') || base.endsWith('.swp') || base.endsWith('.tmp'));
}

/**
 * Watches the commands folder (helpers in subfolders included) and calls `onChange` once per
 * burst of changes. A watcher that fails (e.g. too many watches) is logged and turned off;
 * reloadCommands keeps working.
 */
export class CommandWatcher {
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: WatcherOptions) {}

  get active(): boolean {
    return this.watcher !== null;
  }

  start(): void {
    if (this.watcher) return;
    const { dir, logger } = this.options;
    try {
      this.watcher = watch(dir, { recursive: true, persistent: false }, (_event, name) => {
        if (relevant(typeof name === 'string' ? name : null)) this.schedule();
      });
      this.watcher.on('error', (err) => {
        logger.warn({ err, dir }, 'watching the commands folder failed; automatic reload is off');
        this.stop();
      });
      logger.info({ dir }, 'watching the commands folder for changes');
    } catch (err) {
      logger.warn({ err, dir }, 'cannot watch the commands folder; automatic reload is off');
      this.watcher = null;
    }
  }

  stop(): void {
    this.watcher?.close();
    this.watcher = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.options.onChange();
    }, this.options.debounceMs ?? 250);
  }
}
