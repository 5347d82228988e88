import { create } from 'zustand';

/** What the operator chose in Settings: follow the system, or a fixed theme. */
export type ThemePreference = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'protos.theme';
const LIGHT_QUERY = '(prefers-color-scheme: light)';

export const isThemePreference = (v: unknown): v is ThemePreference =>
  v === 'system' || v === 'light' || v === 'dark';

/** The theme shown for a preference, given whether the system asks for light. */
export const resolveTheme = (preference: ThemePreference, systemLight: boolean): Theme =>
  preference === 'system' ? (systemLight ? 'light' : 'dark') : preference;

interface ThemeState {
  preference: ThemePreference;
  systemLight: boolean;
  setPreference(preference: ThemePreference): void;
}

function storageOrNull(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled: the choice lasts for this page only
  }
}

function storedPreference(): ThemePreference {
  const value = storageOrNull()?.getItem(THEME_STORAGE_KEY);
  return isThemePreference(value) ? value : 'system';
}

function systemQuery(): MediaQueryList | null {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia(LIGHT_QUERY)
    : null;
}

/** The theme preference (kept in this browser's storage) and the system's current choice. */
export const useThemeStore = create<ThemeState>()((set) => ({
  preference: storedPreference(),
  systemLight: systemQuery()?.matches ?? false,
  setPreference(preference) {
    try {
      storageOrNull()?.setItem(THEME_STORAGE_KEY, preference);
    } catch {
      // full or disabled storage: still switch for this page
    }
    set({ preference });
  },
}));

/** The theme in effect. */
export const useTheme = (): Theme => useThemeStore((s) => resolveTheme(s.preference, s.systemLight));

/**
 * Applies the theme to the document (`data-theme` on <html>, which the style sheets key on,
 * and the native `color-scheme`) now and whenever the preference or the system changes.
 * Returns a function that stops following.
 */
export function startTheme(root: HTMLElement = document.documentElement): () => void {
  const apply = (): void => {
    const { preference, systemLight } = useThemeStore.getState();
    const theme = resolveTheme(preference, systemLight);
    root.dataset.theme = theme;
    root.style.colorScheme = theme;
  };
  apply();
  const offStore = useThemeStore.subscribe(apply);
  const query = systemQuery();
  const onSystem = (e: MediaQueryListEvent): void => useThemeStore.setState({ systemLight: e.matches });
  query?.addEventListener('change', onSystem);
  return () => {
    offStore();
    query?.removeEventListener('change', onSystem);
  };
}
