import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import SettingsPage from './SettingsPage.svelte';
import { i18n } from '../i18n/i18n.svelte';
import type { SettingsPage as Page } from '../ipc';

afterEach(() => clearMocks());

function page(notifications: boolean): Page {
  return {
    settings: { language: 'en', notifications },
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
});
