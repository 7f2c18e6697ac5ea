import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import SettingsPage from './SettingsPage.svelte';
import { i18n } from '../i18n/i18n.svelte';
import { theme } from '../app/theme.svelte';
import type { SettingsPage as Page } from '../ipc';

afterEach(() => clearMocks());

function page(notifications: boolean, backups_keep = 10, backup_folder = ''): Page {
  return {
    settings: { language: 'en', notifications, theme: 'system', backups_keep, backup_folder },
    backup_folder: backup_folder || 'data/backups',
    backup_folder_default: 'data/backups',
    vat: { ru: 'НДС 22 %', en: 'VAT 22%' },
    currency: 'RUB',
    hourly_rate: { ru: '2 500,00 ₽', en: 'RUB 2,500.00' },
    numbering: [
      { kind: 'act', rule: { ru: 'А-{год}-{nnn}: по году, без пропусков', en: 'А-{year}-{nnn}: per year, without gaps' }, example: 'А-2026-001' },
    ],
  };
}

describe('SettingsPage', () => {
  it('shows what the core stored and sends the notifications switch, saying saved only after the core answered', async () => {
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'settings_page') return page(true);
      if (cmd === 'set_notifications') {
        asked.push(args);
        return page(false);
      }
      return null;
    });
    i18n.lang = 'en';
    render(SettingsPage, { back: () => {} });
    const box = (await screen.findByTestId('settings-notifications')) as HTMLInputElement;
    expect(box.checked).toBe(true);
    expect(screen.getByTestId('settings-rate')).toHaveTextContent('RUB 2,500.00');
    expect(screen.getByTestId('settings-numbering')).toHaveTextContent('А-2026-001');
    expect(screen.queryByTestId('settings-saved')).toBeNull();
    await fireEvent.click(box);
    expect(await screen.findByTestId('settings-saved')).toHaveTextContent('Saved');
    expect(asked).toEqual([{ on: false }]);
    expect(box.checked).toBe(false);
  });

  it('says nothing is saved when the core refused', async () => {
    mockIPC((cmd) => {
      if (cmd === 'settings_page') return page(true);
      throw { code: 'storage', message: 'The database is busy' };
    });
    i18n.lang = 'en';
    render(SettingsPage, { back: () => {} });
    const box = (await screen.findByTestId('settings-notifications')) as HTMLInputElement;
    await fireEvent.click(box);
    expect(await screen.findByText(/database is busy/)).toBeInTheDocument();
    expect(screen.queryByTestId('settings-saved')).toBeNull();
    expect(box.checked).toBe(true);
  });

  it('switches the theme through the core, and the window draws what was stored', async () => {
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'settings_page') return page(true);
      if (cmd === 'set_theme') {
        asked.push(args);
        return { lang: 'en', theme: 'dark', version: '0.1.0' };
      }
      return null;
    });
    i18n.lang = 'en';
    theme.choice = 'system';
    render(SettingsPage, { back: () => {} });
    const dark = (await screen.findByTestId('settings-theme-dark')) as HTMLInputElement;
    expect((screen.getByTestId('settings-theme-system') as HTMLInputElement).checked).toBe(true);
    await fireEvent.click(dark);
    await vi.waitFor(() => expect(theme.choice).toBe('dark'));
    expect(asked).toEqual([{ theme: 'dark' }]);
    expect(dark.checked).toBe(true);
  });

  it('keeps a refused copy count on screen with the core\'s words; a good one is saved', async () => {
    let stored = 10;
    mockIPC((cmd, args) => {
      if (cmd === 'settings_page') return page(true, stored);
      if (cmd === 'set_backups_keep') {
        const keep = (args as { keep: number }).keep;
        if (keep < 1 || keep > 100) throw { code: 'backups_keep_invalid', message: 'Keep from 1 to 100 copies.' };
        stored = keep;
        return {};
      }
      return null;
    });
    i18n.lang = 'en';
    render(SettingsPage, { back: () => {} });
    const field = (await screen.findByTestId('settings-backups-keep')) as HTMLInputElement;
    expect(field.value).toBe('10');
    expect(screen.getByTestId('settings-backup-folder')).toHaveTextContent('data/backups');
    await fireEvent.input(field, { target: { value: '500' } });
    await fireEvent.change(field);
    expect(await screen.findByTestId('settings-keep-error')).toHaveTextContent('Keep from 1 to 100 copies.');
    expect(field.value).toBe('500');
    expect(screen.queryByTestId('settings-keep-saved')).toBeNull();
    await fireEvent.input(field, { target: { value: '3' } });
    await fireEvent.change(field);
    expect(await screen.findByTestId('settings-keep-saved')).toHaveTextContent('Saved');
    expect(screen.queryByTestId('settings-keep-error')).toBeNull();
    expect(stored).toBe(3);
  });

  it('keeps a refused backup folder typed with the core\'s words, then saves a good one and says how many copies moved', async () => {
    let stored = '';
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'settings_page') return page(true, 10, stored);
      if (cmd === 'set_backup_folder') {
        const folder = (args as { folder: string }).folder;
        asked.push(folder);
        if (!folder.startsWith('/') && folder !== '')
          throw { code: 'backup_folder_invalid', message: 'Give the full path of the folder for backups.' };
        stored = folder;
        return {
          folder: folder || 'data/backups',
          moved: 2,
          left: 0,
          message: { ru: 'Перенесено копий: 2.', en: `Backups are now kept in “${folder || 'data/backups'}”. Copies moved: 2.` },
        };
      }
      return null;
    });
    i18n.lang = 'en';
    render(SettingsPage, { back: () => {} });
    const field = (await screen.findByTestId('settings-folder')) as HTMLInputElement;
    expect(field.value).toBe('');
    expect(field.placeholder).toBe('data/backups');
    expect(screen.queryByTestId('settings-folder-default')).toBeNull();
    await fireEvent.input(field, { target: { value: 'copies' } });
    await fireEvent.click(screen.getByTestId('settings-folder-save'));
    expect(await screen.findByTestId('settings-folder-error')).toHaveTextContent('full path');
    expect(field.value).toBe('copies');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByTestId('settings-folder-done')).toBeNull();
    await fireEvent.input(field, { target: { value: '/mnt/usb/etap' } });
    await fireEvent.submit(field.form!);
    expect(await screen.findByTestId('settings-folder-done')).toHaveTextContent('Copies moved: 2.');
    expect(screen.queryByTestId('settings-folder-error')).toBeNull();
    expect(screen.getByTestId('settings-backup-folder')).toHaveTextContent('/mnt/usb/etap');
    expect(field.value).toBe('/mnt/usb/etap');
    await fireEvent.click(screen.getByTestId('settings-folder-default'));
    await vi.waitFor(() => expect(screen.getByTestId('settings-backup-folder')).toHaveTextContent('data/backups'));
    expect(field.value).toBe('');
    expect(asked).toEqual(['copies', '/mnt/usb/etap', '']);
  });
});
