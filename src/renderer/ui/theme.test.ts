import { act, cleanup } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveTheme, startTheme, THEME_STORAGE_KEY, useThemeStore } from './theme';

/** A matchMedia whose "prefers light" answer the test flips. */
function fakeSystem(light: boolean) {
  const listeners = new Set<(e: MediaQueryListEvent) => void>();
  const query = {
    matches: light,
    addEventListener: (_: string, fn: (e: MediaQueryListEvent) => void) => listeners.add(fn),
    removeEventListener: (_: string, fn: (e: MediaQueryListEvent) => void) => listeners.delete(fn),
  };
  vi.stubGlobal('matchMedia', () => query);
  return {
    listeners,
    flip(next: boolean) {
      query.matches = next;
      for (const fn of listeners) fn({ matches: next } as MediaQueryListEvent);
    },
  };
}

const initial = useThemeStore.getState();
beforeEach(() => {
  localStorage.clear();
  useThemeStore.setState({ ...initial, preference: 'system', systemLight: false }, true);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('theme', () => {
  it('resolves the preference against the system', () => {
    expect(resolveTheme('system', true)).toBe('light');
    expect(resolveTheme('system', false)).toBe('dark');
    expect(resolveTheme('light', false)).toBe('light');
    expect(resolveTheme('dark', true)).toBe('dark');
  });

  it('follows the system while the preference is "system", and stops following when told', () => {
    const system = fakeSystem(false);
    const root = document.createElement('div');
    const stop = startTheme(root);
    expect(root.dataset.theme).toBe('dark');
    act(() => system.flip(true));
    expect(root.dataset.theme).toBe('light');
    expect(root.style.colorScheme).toBe('light');
    stop();
    expect(system.listeners.size).toBe(0);
  });

  it('a manual choice wins over the system and is kept in storage', () => {
    const system = fakeSystem(true);
    const root = document.createElement('div');
    const stop = startTheme(root);
    act(() => useThemeStore.getState().setPreference('dark'));
    expect(root.dataset.theme).toBe('dark');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('dark');
    act(() => system.flip(false));
    act(() => system.flip(true));
    expect(root.dataset.theme).toBe('dark');
    act(() => useThemeStore.getState().setPreference('system'));
    expect(root.dataset.theme).toBe('light');
    stop();
  });

  it('still switches when storage refuses the write', () => {
    fakeSystem(false);
    const setItem = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new Error('QuotaExceededError');
    });
    act(() => useThemeStore.getState().setPreference('light'));
    expect(useThemeStore.getState().preference).toBe('light');
    setItem.mockRestore();
  });
});
