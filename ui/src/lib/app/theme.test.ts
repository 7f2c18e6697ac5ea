import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import App from '../../App.svelte';
import { keyboard } from '../keyboard/commands.svelte';
import type { AppInfo, Theme } from '../ipc';

// The window stops listening to the menu when it closes: before the mocks go.
afterEach(async () => {
  cleanup();
  await new Promise((r) => setTimeout(r));
  clearMocks();
});

/** The core as far as the window's frame asks it: the stored theme, and set_theme. */
function serve(stored: Theme, refuse = false) {
  const calls: unknown[] = [];
  let current = stored;
  const info = (): AppInfo => ({ lang: 'ru', theme: current, version: '0', data_dir: '/d', start_project: null });
  mockIPC((cmd, args) => {
    if (cmd === 'app_info') return info();
    if (cmd === 'set_theme') {
      calls.push(args);
      if (refuse) throw { code: 'storage', message: 'Не удалось сохранить настройку' };
      current = (args as { theme: Theme }).theme;
      return info();
    }
    if (cmd.startsWith('list_')) return [];
    return null;
  }, { shouldMockEvents: true });
  return calls;
}

describe('theme', () => {
  it('opens in the theme the core stored, and a switch is stored through the core', async () => {
    const calls = serve('dark');
    render(App);
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    expect(screen.getByTestId('theme-dark')).toHaveAttribute('aria-pressed', 'true');
    await userEvent.setup().click(screen.getByTestId('theme-light'));
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('light'));
    expect(calls).toEqual([{ theme: 'light' }]);
    expect(screen.getByTestId('theme-light')).toHaveAttribute('aria-pressed', 'true');
  });

  it('does not show a theme the core could not store', async () => {
    serve('light', true);
    render(App);
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('light'));
    await userEvent.setup().click(screen.getByTestId('theme-dark'));
    expect(await screen.findByText(/Не удалось сохранить настройку/)).toBeInTheDocument();
    expect(document.documentElement.dataset.theme).toBe('light');
    expect(screen.getByTestId('theme-light')).toHaveAttribute('aria-pressed', 'true');
  });

  it('labels each theme button in the interface language', async () => {
    serve('system');
    render(App);
    expect(await screen.findByRole('button', { name: 'Тёмная' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Тема оформления' })).toBeInTheDocument();
  });

  it('the app menu switches it through the core too, and opens the palette', async () => {
    const calls = serve('light');
    render(App);
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('light'));
    // The menu is listened to once the window is up.
    await waitFor(async () => {
      await emit('menu', 'theme-dark');
      expect(calls).toEqual([{ theme: 'dark' }]);
    });
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    await emit('menu', 'palette');
    expect(await screen.findByTestId('palette')).toBeInTheDocument();
    keyboard.open = null;
  });
});
