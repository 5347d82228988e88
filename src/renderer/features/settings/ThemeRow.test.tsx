import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useThemeStore } from '../../ui/theme';
import { SettingsFormContext, type SettingsForm } from './SettingsContext';
import { ThemeRow } from './ThemeRow';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('ThemeRow', () => {
  it('shows the choice as pressed buttons and changes it', () => {
    vi.stubGlobal('matchMedia', () => ({ matches: false, addEventListener() {}, removeEventListener() {} }));
    useThemeStore.setState({ preference: 'system' });
    render(
      <SettingsFormContext.Provider
        value={{ issues: [], overridden: [], effective: null } as unknown as SettingsForm}
      >
        <ThemeRow />
      </SettingsFormContext.Provider>,
    );
    const light = screen.getByRole('button', { name: 'Light' });
    expect(screen.getByRole('button', { name: 'System' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(light);
    expect(light.getAttribute('aria-pressed')).toBe('true');
    expect(useThemeStore.getState().preference).toBe('light');
  });
});
