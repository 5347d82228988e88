import { describe, expect, it } from 'vitest';
import type { EventFrame } from '../../shared/contract/events';
import type { AdapterStatus, Status } from '../../shared/dto/status';
import type { ReloadReportDto } from '../../shared/dto/commands';
import { NoticeTracker } from './desktop-notices';

const report = (over: Partial<ReloadReportDto>): EventFrame => [
  {
    event: 'reload',
    data: { loaded: [], updated: [], removed: [], failed: [], quarantined: [], unchanged: 0, ms: 1, ...over },
  },
];

const adapter = (state: AdapterStatus['state'], lastError: string | null = null): AdapterStatus => ({
  id: 'irc:local',
  network: 'irc',
  label: 'IRC local',
  state,
  latencyMs: null,
  guilds: 0,
  channels: 0,
  reconnects: 0,
  lastError,
});

const status = (a: AdapterStatus): EventFrame => [
  { event: 'status', data: { adapters: [a] } as unknown as Status },
];

describe('NoticeTracker', () => {
  it('a reload with failures notifies with each file and position; a clean one does not', () => {
    const t = new NoticeTracker();
    expect(t.noticesFor(report({ loaded: ['a.ts'] }))).toEqual([]);
    expect(
      t.noticesFor(report({ failed: [{ file: 'bad.ts', line: 3, column: 1, message: 'x is not defined' }] })),
    ).toEqual([{ title: 'Reload: 1 file failed', body: 'bad.ts:3: x is not defined' }]);
  });

  it('a quarantine notifies once, however many reloads list it', () => {
    const t = new NoticeTracker();
    const q = report({ quarantined: [{ file: 'loop.ts', reason: 'faults', message: '5 faults' }] });
    expect(t.noticesFor(q)).toEqual([{ title: 'loop.ts quarantined (faults)', body: '5 faults' }]);
    expect(t.noticesFor(q)).toEqual([]);
  });

  it('an adapter losing its connection notifies on the change only', () => {
    const t = new NoticeTracker();
    expect(t.noticesFor(status(adapter('connecting')))).toEqual([]);
    expect(t.noticesFor(status(adapter('connected')))).toEqual([]);
    expect(t.noticesFor(status(adapter('reconnecting', 'socket closed')))).toEqual([
      { title: 'IRC local disconnected', body: 'socket closed' },
    ]);
    expect(t.noticesFor(status(adapter('reconnecting', 'socket closed')))).toEqual([]);
    expect(t.noticesFor(status(adapter('stopped')))).toEqual([]);
  });

  it('a runtime restart and a give-up notify', () => {
    const t = new NoticeTracker();
    const frame = (restarts: number, state: 'running' | 'gave-up'): EventFrame => [
      {
        event: 'supervisor',
        data: {
          state,
          runtimePid: null,
          restarts,
          lastRestart: {
            reason: 'stall',
            at: '2026-12-03T00:00:00.000Z',
            message: 'stalled in loop.ts',
            culprit: { file: 'loop.ts', command: 'spin', invocationId: 1 },
            quarantined: true,
          },
          message: state === 'gave-up' ? 'failed twice' : null,
        },
      },
    ];
    expect(t.noticesFor(frame(1, 'running'))).toEqual([
      { title: 'Runtime restarted after a stall (loop.ts)', body: 'stalled in loop.ts' },
    ]);
    expect(t.noticesFor(frame(1, 'running'))).toEqual([]);
    expect(t.noticesFor(frame(1, 'gave-up'))).toEqual([{ title: 'The bot is down', body: 'failed twice' }]);
  });
});
