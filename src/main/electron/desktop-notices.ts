import type { EventFrame } from '../../shared/contract/events';
import type { AdapterState } from '../../shared/dto/status';

/** A native notification's text. */
export interface Notice {
  title: string;
  body: string;
}

const DOWN: readonly AdapterState[] = ['reconnecting', 'error'];

/**
 * Turns the pushed events into the few notifications an operator wants while the window is in
 * the background: a reload with failures, a file quarantined (once per quarantine), an adapter
 * that lost its connection (on the change, not on every status push), a runtime restart.
 */
export class NoticeTracker {
  private readonly adapters = new Map<string, AdapterState>();
  private readonly quarantines = new Set<string>();
  private restarts = 0;

  noticesFor(frame: EventFrame): Notice[] {
    const notices: Notice[] = [];
    for (const item of frame) {
      if (item.event === 'reload') {
        const { failed, quarantined } = item.data;
        if (failed.length > 0)
          notices.push({
            title: `Reload: ${failed.length} file${failed.length === 1 ? '' : 's'} failed`,
            body: failed.map((f) => `${f.file}${f.line ? `:${f.line}` : ''}: ${f.message}`).join('\n'),
          });
        for (const q of quarantined) {
          const key = `${q.file}\u0000${q.message}`;
          if (this.quarantines.has(key)) continue;
          this.quarantines.add(key);
          notices.push({ title: `${q.file} quarantined (${q.reason})`, body: q.message });
        }
      } else if (item.event === 'status') {
        for (const adapter of item.data.adapters) {
          const before = this.adapters.get(adapter.id);
          this.adapters.set(adapter.id, adapter.state);
          if (before === 'connected' && DOWN.includes(adapter.state))
            notices.push({
              title: `${adapter.label} disconnected`,
              body: adapter.lastError ?? `the adapter is ${adapter.state}`,
            });
        }
      } else if (item.event === 'supervisor') {
        const { restarts, lastRestart, state, message } = item.data;
        if (restarts > this.restarts && lastRestart) {
          const culprit = lastRestart.culprit ? ` (${lastRestart.culprit.file})` : '';
          notices.push({
            title: `Runtime restarted after a ${lastRestart.reason}${culprit}`,
            body: lastRestart.message,
          });
        }
        this.restarts = restarts;
        if (state === 'gave-up')
          notices.push({ title: 'The bot is down', body: message ?? 'the runtime is not restarted' });
      }
    }
    return notices;
  }
}
