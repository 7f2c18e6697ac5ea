// The window's theme as rune state. The core stores the choice and its default
// (`set_theme`, `app_info`); this only draws it: `system` follows the desktop's
// light or dark preference, live, and <html data-theme> picks the colour set in app.css.
import type { Theme } from '../ipc';

const query = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;

class ThemeState {
  /** What the user chose, as the core stored it. */
  choice = $state<Theme>('system');
  #desktopDark = $state(query?.matches ?? false);

  constructor() {
    query?.addEventListener?.('change', (e) => (this.#desktopDark = e.matches));
  }

  /** The colour set drawn now. */
  get resolved(): 'light' | 'dark' {
    if (this.choice === 'system') return this.#desktopDark ? 'dark' : 'light';
    return this.choice;
  }
}

export const theme = new ThemeState();
