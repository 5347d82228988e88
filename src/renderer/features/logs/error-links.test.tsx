import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { errorLogHref, splitErrorIds } from '../../lib/log-links';
import { logEntry } from '../../test-support/fake-client';
import { ConsoleText } from '../console/ConsoleText';
import { useLogsStore } from './logs-store';
import { useFindInLogs } from './use-find-in-logs';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

describe('error ids link to their log line', () => {
  it('splits text around error ids and leaves other hex alone', () => {
    expect(splitErrorIds('Something went wrong running "x" (error id 0a1b2c3d).')).toEqual([
      'Something went wrong running "x" (',
      { errorId: '0a1b2c3d' },
      ').',
    ]);
    expect(splitErrorIds('id 0a1b2c3d, error id XYZ')).toEqual(['id 0a1b2c3d, error id XYZ']);
    expect(errorLogHref('0a1b2c3d')).toBe('#/logs?find=0a1b2c3d');
  });

  it('a console reply shows the error id as a link to the Logs view', () => {
    render(<ConsoleText text={'Something went wrong running "boom" (error id deadbeef).'} />);
    const link = screen.getByRole('link', { name: 'error id deadbeef' });
    expect(link.getAttribute('href')).toBe('#/logs?find=deadbeef');
  });

  it('#/logs?find=<id> filters the lines to that id at every level and opens its entry', async () => {
    function Probe() {
      useFindInLogs();
      return null;
    }
    const store = useLogsStore.getState();
    store.setMinLevel('warn');
    store.ingestTail(
      [
        logEntry(1, { level: 'info', msg: 'unrelated' }),
        logEntry(2, {
          level: 'error',
          msg: 'command failed (error id deadbeef)',
          fields: { errorId: 'deadbeef' },
        }),
      ],
      2,
      -1,
    );
    window.location.hash = '#/logs?find=deadbeef';
    render(<Probe />);
    await act(async () => undefined);
    const s = useLogsStore.getState();
    expect(s.filter).toEqual({ minLevel: 'trace', text: 'deadbeef', from: null, to: null });
    expect(s.visible.map((e) => e.seq)).toEqual([2]);
    expect(s.selected).toBe(2);
  });
});
