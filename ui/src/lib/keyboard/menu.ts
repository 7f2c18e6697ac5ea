// The app menu's items (src-tauri/native.rs emits `menu` with an item's id): each does
// what its key or palette entry does. tests/core checks that this list names exactly
// the ids the shell's menu has, one per line as `'id': …`.
import { listen } from '@tauri-apps/api/event';
import type { Theme } from '../ipc';
import { nav } from '../app/nav.svelte';
import { keyboard } from './commands.svelte';

/** What the window does for each menu item. */
export function menuHandlers(app: {
  switchTheme: (t: Theme) => unknown;
  switchLanguage: () => unknown;
  focusSearch: () => unknown;
}): Record<string, () => unknown> {
  return {
    'home': nav.home,
    'provider': nav.openProvider,
    'palette': () => (keyboard.open = 'palette'),
    'search': app.focusSearch,
    'theme-light': () => app.switchTheme('light'),
    'theme-dark': () => app.switchTheme('dark'),
    'theme-system': () => app.switchTheme('system'),
    'language': app.switchLanguage,
    'shortcuts': () => (keyboard.open = 'shortcuts'),
  };
}

/** Listens to the menu while the window lives; returns the function that stops it. */
export async function listenToMenu(handlers: Record<string, () => unknown>): Promise<() => void> {
  return listen<string>('menu', (e) => {
    handlers[e.payload]?.();
  });
}
