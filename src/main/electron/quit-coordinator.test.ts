import { afterEach, describe, expect, it, vi, type Mock } from 'vitest';
import { createQuitCoordinator } from './quit-coordinator';

function quitEvent(): { preventDefault: Mock<() => void> } {
  return { preventDefault: vi.fn<() => void>() };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createQuitCoordinator', () => {
  it('holds the first quit until shutdown finished, then quits for real', async () => {
    let finish!: () => void;
    const shutdown = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const coordinator = createQuitCoordinator({ shutdown, quit: () => coordinator.onBeforeQuit(second) });
    const first = quitEvent();
    const second = quitEvent();
    coordinator.onBeforeQuit(first);
    expect(first.preventDefault).toHaveBeenCalled();
    expect(coordinator.phase).toBe('stopping');

    const impatient = quitEvent();
    coordinator.onBeforeQuit(impatient);
    expect(impatient.preventDefault).toHaveBeenCalled();
    expect(shutdown).toHaveBeenCalledTimes(1);

    finish();
    await vi.waitFor(() => expect(coordinator.phase).toBe('stopped'));
    expect(second.preventDefault).not.toHaveBeenCalled();
  });

  it('still quits when shutdown fails, reporting the error', async () => {
    const quit = vi.fn();
    const onError = vi.fn();
    const coordinator = createQuitCoordinator({
      shutdown: () => Promise.reject(new Error('boom')),
      quit,
      onError,
    });
    coordinator.onBeforeQuit(quitEvent());
    await vi.waitFor(() => expect(quit).toHaveBeenCalledTimes(1));
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'boom' }));
  });

  it('gives up on a shutdown that hangs', async () => {
    vi.useFakeTimers();
    const quit = vi.fn();
    const onError = vi.fn();
    const coordinator = createQuitCoordinator({
      shutdown: () => new Promise<void>(() => undefined),
      quit,
      onError,
      timeoutMs: 1_000,
    });
    coordinator.onBeforeQuit(quitEvent());
    await vi.advanceTimersByTimeAsync(999);
    expect(quit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(quit).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: expect.stringMatching(/1000 ms/) }),
    );
  });
});
