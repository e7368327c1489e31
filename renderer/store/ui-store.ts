/**
 * The app shell's own state (issue 15): the command palette, the shortcuts
 * list, and the colour theme (system, light or dark; kept per installation in
 * localStorage, applied as `data-theme` on the root element).
 */
import { create } from 'zustand';

/** The colour theme the user chose. */
export type Theme = 'system' | 'light' | 'dark';

const THEME_KEY = 'autolab-desktop.theme';

function storedTheme(): Theme {
  try {
    const value = localStorage.getItem(THEME_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

/** Put the theme on the document (`system` leaves it to `prefers-color-scheme`). */
export function applyTheme(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

/** Shell state. */
export interface UiState {
  paletteOpen: boolean;
  shortcutsOpen: boolean;
  theme: Theme;
  setPalette(open: boolean): void;
  setShortcuts(open: boolean): void;
  setTheme(theme: Theme): void;
}

/** The shell store. */
export const useUi = create<UiState>((set) => ({
  paletteOpen: false,
  shortcutsOpen: false,
  theme: storedTheme(),
  setPalette: (open) => set({ paletteOpen: open, ...(open ? { shortcutsOpen: false } : {}) }),
  setShortcuts: (open) => set({ shortcutsOpen: open, ...(open ? { paletteOpen: false } : {}) }),
  setTheme(theme) {
    try {
      if (theme === 'system') localStorage.removeItem(THEME_KEY);
      else localStorage.setItem(THEME_KEY, theme);
    } catch {
      // Storage may be unavailable; the theme still applies for this session.
    }
    applyTheme(theme);
    set({ theme });
  },
}));
