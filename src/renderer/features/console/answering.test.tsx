import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { InvocationDto } from '../../../shared/dto/commands';
import { useRunningStore } from '../running/running-store';
import { AnsweringNote } from './AnsweringNote';
import { answeringIn } from './answering';

const inv = (id: number, over: Partial<InvocationDto> = {}): InvocationDto => ({
  id,
  command: 'quiz',
  state: 'awaiting_input',
  network: 'console',
  adapterId: 'console',
  author: 'Console',
  channel: 'panel',
  guild: 'Console',
  startedAt: 0,
  text: 'quiz',
  ...over,
});

afterEach(() => {
  cleanup();
  useRunningStore.getState().setInvocations([]);
});

describe('answeringIn', () => {
  it('picks the newest waiting console invocation of the session only', () => {
    expect(answeringIn([], 'panel')).toBeNull();
    const list = [
      inv(3),
      inv(7, { command: 'greet' }),
      inv(9, { state: 'running' }),
      inv(11, { channel: 'stdin' }),
      inv(12, { adapterId: 'discord', network: 'discord' }),
    ];
    expect(answeringIn(list, 'panel')?.id).toBe(7);
    expect(answeringIn(list, 'stdin')?.id).toBe(11);
  });
});

describe('AnsweringNote', () => {
  it('shows which command the next line answers, and goes away when none waits', () => {
    render(<AnsweringNote />);
    expect(screen.queryByRole('status')).toBeNull();
    act(() => useRunningStore.getState().setInvocations([inv(9)]));
    expect(screen.getByRole('status').textContent).toBe('answering #9 quiz — your next line is its answer');
    act(() => useRunningStore.getState().setInvocations([inv(9, { state: 'running' })]));
    expect(screen.queryByRole('status')).toBeNull();
  });
});
